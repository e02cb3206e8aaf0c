// Package reader is Margin's reading view: one article laid out for reading,
// with character-level selection by mouse and keyboard and the reader's
// highlights drawn behind the text. It knows nothing of the window: it is
// given an article and highlights, and reports what the reader does through
// its On* callbacks. Its pictures come from the library through
// LoadPicture, decoded within limits: reading never uses the network.
package reader

import (
	"context"
	"image/color"
	"net/url"
	"slices"
	"sort"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"

	"app.margin/margin/app/internal/sched"
	"app.margin/margin/article"
	"app.margin/margin/internal/text"
	"app.margin/margin/storage"
)

// positionDebounce is how long scrolling must pause before OnPositionChanged
// reports the new reading position.
const positionDebounce = 300 * time.Millisecond

// Reader shows one article for reading: its title and attribution, then its
// blocks laid out in a comfortable measure, with the reader's highlights drawn
// behind the text. Text is selected with the mouse across paragraphs (double
// click: a word or CJK run; triple click: a paragraph; Shift-click extends)
// or the keyboard (Shift with the arrows, Home and End; with Ctrl as well, by
// words and to either end of the text; Ctrl+A all), copied with Ctrl+C, and
// highlighted with H, keys 1-5, or HighlightSelection. While it has the
// focus a caret shows where the keyboard acts; Left and Right (by words with
// Ctrl) move it, the other keys without Shift scroll. All offsets are code
// points into Article.Text.
type Reader struct {
	widget.BaseWidget

	// OnHighlight is called when the reader asks to highlight the selection
	// [start, end) in a colour (H: the last colour used, Yellow at first;
	// 1-5: storage.Colors). The selection is cleared after the call.
	OnHighlight func(start, end int, color storage.Color)
	// OnHighlightTapped is called when a drawn highlight is clicked.
	OnHighlightTapped func(id int64)
	// OnLinkTapped is called when a link (or "Open original") is clicked.
	OnLinkTapped func(u *url.URL)
	// OnPositionChanged reports the reading position, 0 (top) to 1 (end),
	// once scrolling by the user has paused for 300 ms (debounced here, so the
	// callback may save directly). Programmatic scrolls do not report.
	OnPositionChanged func(pos float64)
	// OnLeave is called when Esc is pressed with nothing selected: the
	// keyboard goes back where it came from (the article list).
	OnLeave func()
	// LoadPicture returns a stored picture's bytes: the reader shows the
	// pictures of the library and never fetches one. Set it before showing
	// an article; nil shows every picture as missing.
	LoadPicture PictureLoader
	// Scheduler runs the reader's timers and image loads; nil is
	// sched.Real. Tests set a sched.Manual before showing an article.
	Scheduler sched.Scheduler

	content   *readerContent
	scroll    *container.Scroll
	lastColor storage.Color

	cancelImages context.CancelFunc
	picturesCtx  context.Context  // the open article's picture loads; cancelled by the next SetArticle
	pendingPos   float64          // applied after the next layout; negative when none
	quiet        bool             // scrolling from code, not the user
	stopPos      func() bool      // cancels the pending OnPositionChanged
	stopFits     func() bool      // cancels the pending report that the whole article fits
	fitReported  *storage.Article // the article reported as read whole without a scroll
}

var (
	_ fyne.Focusable    = (*Reader)(nil)
	_ fyne.Shortcutable = (*Reader)(nil)
	_ fyne.Widget       = (*Reader)(nil)
)

// NewReader returns an empty reader ("Clip a page or pick an article").
func NewReader() *Reader {
	r := &Reader{lastColor: storage.Yellow, pendingPos: -1}
	r.content = newReaderContent(r)
	r.scroll = container.NewVScroll(r.content)
	r.scroll.OnScrolled = r.scrolled
	r.ExtendBaseWidget(r)
	return r
}

func (r *Reader) sched() sched.Scheduler {
	if r.Scheduler == nil {
		return sched.Real
	}
	return r.Scheduler
}

// CreateRenderer implements fyne.Widget.
func (r *Reader) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(r.scroll)
}

// SetArticle shows an article with its highlights, scrolled to the top; nil
// shows the empty state. Pictures are decoded in the background.
func (r *Reader) SetArticle(a *storage.Article, hs []storage.Highlight) {
	var blocks []article.Block
	if a != nil {
		blocks = article.Blocks(a.ContentHTML)
	}
	r.SetArticleBlocks(a, blocks, hs)
}

// SetArticleBlocks is SetArticle with the blocks already made (article.Blocks
// of a.ContentHTML): parsing a long article takes milliseconds, so the window
// does it off Fyne's goroutine.
func (r *Reader) SetArticleBlocks(a *storage.Article, blocks []article.Block, hs []storage.Highlight) {
	c := r.content
	if r.cancelImages != nil {
		r.cancelImages()
		r.cancelImages = nil
	}
	c.gen++
	if r.stopPos != nil {
		r.stopPos() // a position of the previous article
	}
	if r.stopFits != nil {
		r.stopFits()
	}
	c.article = a
	c.text, c.doc, c.tip, c.tables = nil, nil, nil, nil
	if a != nil {
		c.text = []rune(a.Text)
		c.cjk = text.MostlyCJK(c.text)
		c.m.lang = fontLang(a.Language)
		c.doc = buildDoc(a, blocks)
	}
	c.anchor, c.caret, c.selHL = 0, 0, -1
	c.caretEOL, c.goalX = false, -1
	c.hls = placeable(hs, len(c.text))
	r.pendingPos = -1
	r.scrollToY(0)
	ctx, cancel := context.WithCancel(context.Background())
	r.cancelImages, r.picturesCtx = cancel, ctx
	pending := c.settlePictures()
	c.relayout()
	r.scrollQuietly(0)
	c.loadPictures(ctx, pending)
}

// placeable keeps the highlights that can be drawn: not orphaned and inside
// the text, sorted by where they start.
func placeable(hs []storage.Highlight, n int) []storage.Highlight {
	var out []storage.Highlight
	for _, h := range hs {
		if !h.Orphaned && h.Start >= 0 && h.Start < h.End && h.End <= n {
			out = append(out, h)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Start < out[j].Start })
	return out
}

// SetHighlights redraws the highlights without laying the text out again.
func (r *Reader) SetHighlights(hs []storage.Highlight) {
	c := r.content
	c.hls = placeable(hs, len(c.text))
	c.buildHighlights()
	c.Refresh()
}

// SetFontSize sets the body text size in points; headings and the title
// scale from it.
func (r *Reader) SetFontSize(size float32) {
	if size <= 0 || size == r.content.baseSize {
		return
	}
	r.content.baseSize = size
	r.content.relayout()
}

// Selection returns the selected range of Article.Text, ok when not empty.
func (r *Reader) Selection() (start, end int, ok bool) { return r.content.selection() }

// SelectedText returns the selected text (blocks separated by a blank line,
// as in Article.Text).
func (r *Reader) SelectedText() string {
	lo, hi, ok := r.content.selection()
	if !ok {
		return ""
	}
	return string(r.content.text[lo:hi])
}

// Select selects [start, end) of Article.Text, as a drag over it would.
func (r *Reader) Select(start, end int) { r.content.setSelection(start, end) }

// Highlights returns the highlights drawn: those given that are not orphaned
// and fall inside the text, by where they start.
func (r *Reader) Highlights() []storage.Highlight { return slices.Clone(r.content.hls) }

// PointAt is where, relative to the reader, the boundary before text offset
// off is drawn (the middle of its line; at a line wrap, the end of the first
// line); ok is false when off is not laid out as text.
func (r *Reader) PointAt(off int) (p fyne.Position, ok bool) {
	p, ok = r.content.pointAt(off, 0)
	return r.content.drawnPos(p).Add(r.scroll.Position()).Add(r.content.Position()), ok
}

// ClearSelection removes the selection.
func (r *Reader) ClearSelection() {
	c := r.content
	c.setSelection(c.caret, c.caret)
}

// SetHighlightColor sets the colour the H key highlights in.
func (r *Reader) SetHighlightColor(c storage.Color) { r.lastColor = c }

// HighlightSelection asks (through OnHighlight) to highlight the selection in
// colour c, and clears the selection. It reports whether there was a selection
// with something other than white space in it.
func (r *Reader) HighlightSelection(c storage.Color) bool {
	lo, hi, ok := r.content.selection()
	if !ok || isBlank(r.content.text[lo:hi]) {
		return false
	}
	r.lastColor = c
	if f := r.OnHighlight; f != nil {
		f(lo, hi, c)
	}
	r.ClearSelection()
	return true
}

func isBlank(rs []rune) bool {
	for _, r := range rs {
		if r != ' ' && r != '\n' && r != '\t' && r != '\u3000' {
			return false
		}
	}
	return true
}

// SelectHighlight marks a highlight as the selected one (drawn stronger, with
// an outline) and scrolls it into view; an unknown id clears the mark.
func (r *Reader) SelectHighlight(id int64) {
	c := r.content
	c.selHL = id
	c.buildHighlights()
	c.Refresh()
	for _, h := range c.hls {
		if h.ID == id {
			r.scrollOffsetIntoView(h.Start)
			return
		}
	}
}

// scrollOffsetIntoView scrolls so the line holding text offset off is in the
// upper third of the view, unless it is visible already.
func (r *Reader) scrollOffsetIntoView(off int) {
	y, ok := r.content.lineTop(off)
	if !ok {
		return
	}
	top, view := r.scroll.Offset.Y, r.scroll.Size().Height
	if y < top || y+2*r.content.size() > top+view {
		r.scrollToY(y - view/3)
	}
}

// ScrollTo scrolls to a reading position, 0 (top) to 1 (end). Before the
// article is laid out (the reader has no size yet) it is applied after the
// first layout.
func (r *Reader) ScrollTo(pos float64) {
	pos = min(max(pos, 0), 1)
	if r.content.width <= 0 {
		r.pendingPos = pos
		return
	}
	r.scrollQuietly(pos)
}

func (r *Reader) scrollQuietly(pos float64) {
	r.scrollToY(float32(pos) * r.scrollRange())
}

func (r *Reader) scrollToY(y float32) {
	y = min(max(y, 0), r.scrollRange())
	r.quiet = true
	r.scroll.ScrollToOffset(fyne.NewPos(0, y))
	r.quiet = false
	r.content.viewMoved()
}

// scrollRange is how far the content can scroll.
func (r *Reader) scrollRange() float32 {
	return max(r.content.height-r.scroll.Size().Height, 0)
}

// position is the current reading position, 0 to 1.
func (r *Reader) position() float64 {
	rng := r.scrollRange()
	if rng <= 0 {
		return 0
	}
	return min(float64(r.scroll.Offset.Y/rng), 1)
}

func (r *Reader) scrolled(fyne.Position) {
	r.content.viewMoved()
	if r.quiet || r.OnPositionChanged == nil {
		return
	}
	if r.stopPos != nil {
		r.stopPos()
	}
	a := r.content.article
	r.stopPos = r.sched().AfterFunc(positionDebounce, func() {
		fyne.Do(func() {
			if f := r.OnPositionChanged; f != nil && a != nil && r.content.article == a {
				f(r.position())
			}
		})
	})
}

// contentHeightChanged lets the scroll container take the new height, then
// applies a position asked for before the layout.
func (r *Reader) contentHeightChanged() {
	r.quiet = true
	r.scroll.Refresh()
	r.quiet = false
	if r.pendingPos >= 0 && r.content.doc != nil {
		pos := r.pendingPos
		r.pendingPos = -1
		r.scrollQuietly(pos)
	}
	r.reportIfFits()
}

// fits reports whether the whole of the open article is in view: there is
// nothing to scroll, so its end has been reached without a scroll event.
func (r *Reader) fits() bool {
	return r.content.article != nil && r.content.doc != nil && r.content.width > 0 &&
		r.content.height > 0 && r.scroll.Size().Height > 0 && r.scrollRange() <= 0
}

// reportIfFits reports position 1 (the end) for an article that fits in
// the view, once per article. It waits as a scroll does and looks again, so
// a passing layout (the window still taking its size) reports nothing.
func (r *Reader) reportIfFits() {
	a := r.content.article
	if r.OnPositionChanged == nil || !r.fits() || r.fitReported == a {
		return
	}
	if r.stopFits != nil {
		r.stopFits()
	}
	r.stopFits = r.sched().AfterFunc(positionDebounce, func() {
		fyne.Do(func() {
			if f := r.OnPositionChanged; f != nil && r.content.article == a && r.fits() && r.fitReported != a {
				r.fitReported = a
				f(1)
			}
		})
	})
}

// autoScroll scrolls when a drag nears the top or bottom edge of the view
// (y from the top of the view), faster the further past the edge; it
// reports whether it scrolled.
func (r *Reader) autoScroll(y float32) bool {
	top, view := r.scroll.Offset.Y, r.scroll.Size().Height
	edge := min(view/6, 3*r.content.size())
	switch {
	case y < edge:
		return r.userScroll(top - min(edge-y, 4*edge)/3)
	case y > view-edge:
		return r.userScroll(top + min(y-(view-edge), 4*edge)/3)
	}
	return false
}

func (r *Reader) requestFocus() {
	if c := r.canvas(); c != nil && c.Focused() != r {
		c.Focus(r)
	}
}

// FocusGained shows the caret.
func (r *Reader) FocusGained() { r.setFocused(true) }

// FocusLost hides the caret (the selection stays).
func (r *Reader) FocusLost() { r.setFocused(false) }

func (r *Reader) setFocused(f bool) {
	c := r.content
	c.focused = f
	c.placeCaret()
	canvas.Refresh(c.marker)
}

// TypedRune handles H (highlight in the last colour) and 1-5 (a colour);
// other characters go on to the window.
func (r *Reader) TypedRune(ch rune) {
	switch {
	case ch == 'h' || ch == 'H':
		r.HighlightSelection(r.lastColor)
	case ch >= '1' && ch <= '5':
		r.HighlightSelection(storage.Colors[ch-'1'])
	default:
		if c := r.canvas(); c != nil && c.OnTypedRune() != nil {
			c.OnTypedRune()(ch)
		}
	}
}

// TypedKey handles Shift with an arrow, Home or End (extend the selection),
// Left and Right (move the caret), Escape (clear the selection) and keyboard
// scrolling; the keys it does not use (and Escape) go on to the window, so
// window keys such as Delete work while the reader has the focus.
func (r *Reader) TypedKey(ev *fyne.KeyEvent) {
	if m, ok := shiftMoves[ev.Name]; ok && keyModifiers()&fyne.KeyModifierShift != 0 {
		r.content.extendSelection(m)
		return
	}
	if m, ok := caretMoves[ev.Name]; ok {
		r.content.moveCaret(m)
		return
	}
	line := 3 * r.content.size()
	page := max(r.scroll.Size().Height-line, line)
	y := r.scroll.Offset.Y
	switch ev.Name {
	case fyne.KeyUp:
		y -= line
	case fyne.KeyDown:
		y += line
	case fyne.KeyPageUp:
		y -= page
	case fyne.KeyPageDown, fyne.KeySpace:
		y += page
	case fyne.KeyHome:
		y = 0
	case fyne.KeyEnd:
		y = r.scrollRange()
	default:
		if ev.Name == fyne.KeyEscape {
			if _, _, selected := r.Selection(); !selected && r.OnLeave != nil {
				r.OnLeave()
			}
			r.ClearSelection()
		}
		if c := r.canvas(); c != nil && c.OnTypedKey() != nil {
			c.OnTypedKey()(ev)
		}
		return
	}
	r.userScroll(y)
}

// TypedShortcut copies the selection (Ctrl+C), selects all (Ctrl+A),
// extends the selection by words or to either end of the text (Ctrl+Shift
// with an arrow, Home or End; see shortcutMoves) and moves the caret by words
// (Ctrl with Left or Right; see shortcutCaretMoves); other shortcuts go on to
// the window's canvas.
func (r *Reader) TypedShortcut(s fyne.Shortcut) {
	if cs, ok := s.(*desktop.CustomShortcut); ok {
		if m, ok := shortcutMoves[*cs]; ok {
			r.content.extendSelection(m)
			return
		}
		if m, ok := shortcutCaretMoves[*cs]; ok {
			r.content.moveCaret(m)
			return
		}
	}
	switch s := s.(type) {
	case *fyne.ShortcutCopy:
		text := r.SelectedText()
		if text == "" {
			return
		}
		cb := s.Clipboard
		if cb == nil {
			cb = fyne.CurrentApp().Clipboard()
		}
		cb.SetContent(text)
	case *fyne.ShortcutSelectAll:
		r.content.setSelection(0, len(r.content.text))
	default:
		if c, ok := r.canvas().(fyne.Shortcutable); ok {
			c.TypedShortcut(s)
		}
	}
}

// userScroll scrolls on the user's behalf (keys, a drag at the edge): the
// new position is reported like a scroll with the wheel. It reports whether
// the view moved.
func (r *Reader) userScroll(y float32) bool {
	y = min(max(y, 0), r.scrollRange())
	if y == r.scroll.Offset.Y {
		return false
	}
	r.scroll.ScrollToOffset(fyne.NewPos(0, y))
	r.scrolled(r.scroll.Offset)
	return true
}

func (r *Reader) canvas() fyne.Canvas {
	return fyne.CurrentApp().Driver().CanvasForObject(r)
}

// HighlightColor is the fill for a highlight colour: soft enough that text on
// it stays readable, translucent so overlapping highlights show through, and
// deeper on a dark background (dark) where pastels would glare.
func HighlightColor(c storage.Color, dark bool) color.Color {
	p, ok := highlightFills[c]
	if !ok {
		p = highlightFills[storage.Yellow]
	}
	if dark {
		return p.dark
	}
	return p.light
}

// highlightFills are HighlightColor's light and dark fills.
var highlightFills = map[storage.Color]struct{ light, dark color.NRGBA }{
	storage.Yellow: {color.NRGBA{R: 0xff, G: 0xd8, B: 0x3d, A: 0x8c}, color.NRGBA{R: 0xe8, G: 0xb9, B: 0x12, A: 0x6e}},
	storage.Green:  {color.NRGBA{R: 0x7e, G: 0xdd, B: 0x8e, A: 0x80}, color.NRGBA{R: 0x3c, G: 0xb4, B: 0x5a, A: 0x6e}},
	storage.Blue:   {color.NRGBA{R: 0x74, G: 0xc0, B: 0xfc, A: 0x80}, color.NRGBA{R: 0x33, G: 0x8f, B: 0xe6, A: 0x78}},
	storage.Pink:   {color.NRGBA{R: 0xfa, G: 0x9e, B: 0xc0, A: 0x80}, color.NRGBA{R: 0xe6, G: 0x5a, B: 0x92, A: 0x6e}},
	storage.Purple: {color.NRGBA{R: 0xb8, G: 0x9c, B: 0xfc, A: 0x80}, color.NRGBA{R: 0x8c, G: 0x64, B: 0xf0, A: 0x78}},
}
