package reader

import (
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"

	"app.margin/margin/internal/text"
)

// caretMove is a keyboard movement of the selection's moving end (the
// caret); the other end (the anchor) stays where it is.
type caretMove int

const (
	moveCharLeft caretMove = iota
	moveCharRight
	moveWordLeft
	moveWordRight
	moveLineUp
	moveLineDown
	moveLineStart
	moveLineEnd
	moveTextStart
	moveTextEnd
)

// shiftMoves are the moves of Shift plus a key. Shift alone is no shortcut
// to Fyne: the key arrives as a plain TypedKey, and keyModifiers tells
// whether Shift is held.
var shiftMoves = map[fyne.KeyName]caretMove{
	fyne.KeyLeft:  moveCharLeft,
	fyne.KeyRight: moveCharRight,
	fyne.KeyUp:    moveLineUp,
	fyne.KeyDown:  moveLineDown,
	fyne.KeyHome:  moveLineStart,
	fyne.KeyEnd:   moveLineEnd,
}

// shortcutMoves are the moves of Shift with another modifier, which Fyne
// delivers as a desktop.CustomShortcut: Ctrl on Linux and Windows, Option
// (Alt) for words and Command (Super) for lines and the whole text on macOS.
var shortcutMoves = map[desktop.CustomShortcut]caretMove{
	{KeyName: fyne.KeyLeft, Modifier: fyne.KeyModifierControl | fyne.KeyModifierShift}:  moveWordLeft,
	{KeyName: fyne.KeyRight, Modifier: fyne.KeyModifierControl | fyne.KeyModifierShift}: moveWordRight,
	{KeyName: fyne.KeyHome, Modifier: fyne.KeyModifierControl | fyne.KeyModifierShift}:  moveTextStart,
	{KeyName: fyne.KeyEnd, Modifier: fyne.KeyModifierControl | fyne.KeyModifierShift}:   moveTextEnd,
	{KeyName: fyne.KeyLeft, Modifier: fyne.KeyModifierAlt | fyne.KeyModifierShift}:      moveWordLeft,
	{KeyName: fyne.KeyRight, Modifier: fyne.KeyModifierAlt | fyne.KeyModifierShift}:     moveWordRight,
	{KeyName: fyne.KeyLeft, Modifier: fyne.KeyModifierSuper | fyne.KeyModifierShift}:    moveLineStart,
	{KeyName: fyne.KeyRight, Modifier: fyne.KeyModifierSuper | fyne.KeyModifierShift}:   moveLineEnd,
	{KeyName: fyne.KeyUp, Modifier: fyne.KeyModifierSuper | fyne.KeyModifierShift}:      moveTextStart,
	{KeyName: fyne.KeyDown, Modifier: fyne.KeyModifierSuper | fyne.KeyModifierShift}:    moveTextEnd,
}

// caretMoves are the keys that move the caret without Shift, as in a
// read-only text view: Left and Right by a character (collapsing a
// selection to its start or end), with Ctrl (Option on macOS) by a word, and
// with Command on macOS to the line's start or end. Up, Down, Page Up, Page
// Down, Home and End without Shift scroll the view, for reading.
var caretMoves = map[fyne.KeyName]caretMove{
	fyne.KeyLeft:  moveCharLeft,
	fyne.KeyRight: moveCharRight,
}

// shortcutCaretMoves are the caretMoves that Fyne delivers as shortcuts.
var shortcutCaretMoves = map[desktop.CustomShortcut]caretMove{
	{KeyName: fyne.KeyLeft, Modifier: fyne.KeyModifierControl}:  moveWordLeft,
	{KeyName: fyne.KeyRight, Modifier: fyne.KeyModifierControl}: moveWordRight,
	{KeyName: fyne.KeyLeft, Modifier: fyne.KeyModifierAlt}:      moveWordLeft,
	{KeyName: fyne.KeyRight, Modifier: fyne.KeyModifierAlt}:     moveWordRight,
	{KeyName: fyne.KeyLeft, Modifier: fyne.KeyModifierSuper}:    moveLineStart,
	{KeyName: fyne.KeyRight, Modifier: fyne.KeyModifierSuper}:   moveLineEnd,
}

// keyModifiers are the modifier keys held with the key being handled. The
// desktop driver takes them from that key's own event, so they are right
// however the keyboard moved while a modifier went down or up (to a pop-up,
// a dialog or another window): a count the reader kept of Shift's KeyDown
// and KeyUp would miss a release that went elsewhere and leave Shift held.
// Tests replace it, as the test driver knows no modifiers.
var keyModifiers = func() fyne.KeyModifier {
	if d, ok := fyne.CurrentApp().Driver().(desktop.Driver); ok {
		return d.CurrentKeyModifiers()
	}
	return 0
}

// extendSelection moves the caret by m and scrolls it into view. With
// nothing selected the selection starts at the last click (or where the last
// selection ended) when that is in view, else at the top of the view.
func (c *readerContent) extendSelection(m caretMove) {
	if len(c.text) == 0 || c.doc == nil {
		return
	}
	if c.anchor == c.caret {
		start, eol := c.keyboardStart()
		c.anchor, c.caret, c.caretEOL = start, start, eol
	}
	goalX := c.goalX
	caret, eol := c.moved(m, &goalX)
	c.selectTo(c.anchor, caret, eol)
	if m == moveLineUp || m == moveLineDown {
		c.goalX = goalX // successive Up and Down keep the column they began in
	}
	c.r.scrollCaretIntoView()
}

// moveCaret moves the caret by m without selecting and scrolls it into
// view. A selection collapses: Left and Right go to its start and end (as in
// a text field), other moves go from its moving end. With nothing selected
// the move starts where extendSelection's would.
func (c *readerContent) moveCaret(m caretMove) {
	if len(c.text) == 0 || c.doc == nil {
		return
	}
	lo, hi, selected := c.selection()
	var to int
	var eol bool
	switch {
	case selected && m == moveCharLeft:
		to, eol = lo, c.caretEOL && c.caret == lo
	case selected && m == moveCharRight:
		to, eol = hi, c.caretEOL && c.caret == hi
	default:
		if !selected {
			c.caret, c.caretEOL = c.keyboardStart()
		}
		goalX := float32(-1)
		to, eol = c.moved(m, &goalX)
	}
	c.selectTo(to, to, eol)
	c.r.scrollCaretIntoView()
}

// keyboardStart is where a keyboard selection starts when none is shown,
// and whether that is the end of a wrapped line: the caret when its line is
// in view, else the start of the first line in view. (An article opens with
// the caret at 0, which is the top of the view or out of it.)
func (c *readerContent) keyboardStart() (int, bool) {
	if b, li := c.lineOf(c.caret, c.caretEOL); b != nil {
		y, top := b.y+b.lines[li].y, c.r.scroll.Offset.Y
		if y >= top && y+b.lineH <= top+c.r.scroll.Size().Height {
			return c.caret, c.caretEOL
		}
	}
	return c.firstVisibleOffset(), false
}

// firstVisibleOffset is the start of the first text line wholly in view.
func (c *readerContent) firstVisibleOffset() int {
	top := c.r.scroll.Offset.Y
	last := 0
	for _, b := range c.doc {
		if !b.selectable() {
			continue
		}
		for _, ln := range b.lines {
			if b.y+ln.y >= top {
				return b.start + ln.start
			}
		}
		last = b.end()
	}
	return last
}

// moved returns where m takes the caret, and whether it sits at the end of
// its line (an offset where a line wraps is both the end of one line and the
// start of the next). goalX is the column Up and Down keep (content x,
// negative when not set yet).
func (c *readerContent) moved(m caretMove, goalX *float32) (caret int, eol bool) {
	off := c.caret
	switch m {
	case moveCharLeft:
		return c.prevChar(off), false
	case moveCharRight:
		return c.nextChar(off), false
	case moveWordLeft:
		return c.prevWord(off), false
	case moveWordRight:
		return c.nextWord(off), false
	case moveTextStart:
		return c.textStart(), false
	case moveTextEnd:
		return c.textEnd(), false
	}
	bi, li := c.lineIndex(off, c.caretEOL)
	if bi < 0 {
		return off, false
	}
	b := c.doc[bi]
	ln := &b.lines[li]
	switch m {
	case moveLineStart:
		return b.start + ln.start, false
	case moveLineEnd:
		return b.start + visibleEnd(b, ln), true
	}
	if *goalX < 0 {
		*goalX = b.x + c.m.xAt(b, ln, off-b.start)
	}
	tb, tl := c.verticalNeighbour(bi, li, m == moveLineDown)
	switch {
	case tb == nil && m == moveLineDown:
		return c.textEnd(), false
	case tb == nil:
		return c.textStart(), false
	}
	tln := &tb.lines[tl]
	k := min(c.m.runeAtX(tb, tln, *goalX-tb.x, true), visibleEnd(tb, tln))
	return tb.start + k, k == tln.end
}

// verticalNeighbour is the line above or below line li of block bi, skipping
// blocks without selectable text (images, rules, the title); nil at either
// end of the text.
func (c *readerContent) verticalNeighbour(bi, li int, down bool) (*docBlock, int) {
	b := c.doc[bi]
	if down && li+1 < len(b.lines) {
		return b, li + 1
	}
	if !down && li > 0 {
		return b, li - 1
	}
	step := -1
	if down {
		step = 1
	}
	for j := bi + step; j >= 0 && j < len(c.doc); j += step {
		if nb := c.doc[j]; nb.selectable() && len(nb.lines) > 0 {
			if down {
				return nb, 0
			}
			return nb, len(nb.lines) - 1
		}
	}
	return nil, 0
}

// visibleEnd is the end of a line's text without the spaces that hang past
// the margin where it wraps.
func visibleEnd(b *docBlock, ln *textLine) int {
	e := ln.end
	for e > ln.start && (b.text[e-1] == ' ' || b.text[e-1] == '\u3000') {
		e--
	}
	return e
}

// lineIndex returns the index of the block and line that hold offset off
// (-1 when no text line does). With eol an offset where a line wraps belongs
// to the line it ends, not the one it starts.
func (c *readerContent) lineIndex(off int, eol bool) (int, int) {
	for bi, b := range c.doc {
		if !b.selectable() || len(b.lines) == 0 || off < b.start || off > b.end() {
			continue
		}
		k, li := off-b.start, 0
		for i, ln := range b.lines {
			if k < ln.start {
				break
			}
			if eol && i > 0 && k == ln.start && b.lines[i-1].end == k {
				break
			}
			li = i
		}
		return bi, li
	}
	return -1, 0
}

// lineOf is lineIndex's block and line, or nil.
func (c *readerContent) lineOf(off int, eol bool) (*docBlock, int) {
	bi, li := c.lineIndex(off, eol)
	if bi < 0 {
		return nil, 0
	}
	return c.doc[bi], li
}

// nextChar is the boundary after the character at off: one character on, or
// from the end of a block to the start of the next (the blank line between
// them is one step, as it is one gap on the screen).
func (c *readerContent) nextChar(off int) int {
	if next, ok := c.acrossBlocks(off, true); ok {
		return next
	}
	n := len(c.text)
	if off >= n {
		return n
	}
	off++
	for off < n && joinsPrevious(c.text[off]) {
		off++
	}
	return off
}

// prevChar is nextChar backwards.
func (c *readerContent) prevChar(off int) int {
	if prev, ok := c.acrossBlocks(off, false); ok {
		return prev
	}
	if off <= 0 {
		return 0
	}
	off--
	for off > 0 && joinsPrevious(c.text[off]) {
		off--
	}
	return off
}

// acrossBlocks returns the start of the next block when off is the end of
// one (forward), or the end of the previous block when off is the start of
// one (backward).
func (c *readerContent) acrossBlocks(off int, forward bool) (int, bool) {
	prevEnd := -1
	for _, b := range c.doc {
		if !b.selectable() {
			continue
		}
		switch {
		case !forward && off == b.start && prevEnd >= 0:
			return prevEnd, true
		case forward && prevEnd == off && b.start > off:
			return b.start, true
		}
		prevEnd = b.end()
	}
	return 0, false
}

// joinsPrevious reports code points that belong to the character before
// them (combining marks, variation selectors), so a step never splits one.
func joinsPrevious(r rune) bool {
	return unicode.In(r, unicode.Mn, unicode.Me, unicode.Mc, unicode.Variation_Selector)
}

// nextWord moves past the next word, skipping the spaces and punctuation
// before it. A word is what a double click selects (wordAt): a run of
// letters and digits, or a run of CJK characters.
func (c *readerContent) nextWord(off int) int {
	t := c.text
	for off < len(t) && text.ClassOf(t[off]) == text.NotWord {
		off++
	}
	if off == len(t) {
		return c.textEnd()
	}
	_, hi := c.wordAt(off)
	return hi
}

// prevWord moves to the start of the word before off.
func (c *readerContent) prevWord(off int) int {
	t := c.text
	for off > 0 && text.ClassOf(t[off-1]) == text.NotWord {
		off--
	}
	if off == 0 {
		return c.textStart()
	}
	lo, _ := c.wordAt(off - 1)
	return lo
}

// textStart and textEnd are the ends of the selectable text.
func (c *readerContent) textStart() int {
	for _, b := range c.doc {
		if b.selectable() {
			return b.start
		}
	}
	return 0
}

func (c *readerContent) textEnd() int {
	for i := len(c.doc) - 1; i >= 0; i-- {
		if b := c.doc[i]; b.selectable() {
			return b.end()
		}
	}
	return len(c.text)
}

// scrollCaretIntoView scrolls, when the caret's line is not wholly in view,
// the least that shows it with a line of context beyond it.
func (r *Reader) scrollCaretIntoView() {
	c := r.content
	b, li := c.lineOf(c.caret, c.caretEOL)
	if b == nil {
		return
	}
	y := b.y + b.lines[li].y
	if s := c.tableAtY(y); s != nil {
		s.reveal(b.x+c.m.xAt(b, &b.lines[li], c.caret-b.start), 2*c.size())
	}
	top, view := r.scroll.Offset.Y, r.scroll.Size().Height
	switch {
	case y < top:
		r.userScroll(y - b.lineH)
	case y+b.lineH > top+view:
		r.userScroll(y + 2*b.lineH - view)
	}
}
