package reader

import (
	"fmt"
	"image/color"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"app.margin/margin/app/internal/sched"
	"app.margin/margin/internal/text"
	"app.margin/margin/storage"
)

// readerContent is the laid-out article inside the Reader's scroll container.
// It is one widget rather than a widget per paragraph because a drag stays
// with the object where it began: only a parent of every paragraph can map a
// drag's positions to offsets in the whole article.
type readerContent struct {
	widget.BaseWidget

	r        *Reader
	m        *measurer
	article  *storage.Article
	text     []rune // Article.Text
	cjk      bool   // set in CJK: a measure of 40 characters, not 70
	doc      []*docBlock
	tables   []*tableScroller    // the wide tables' scrollers, in reading order
	hls      []storage.Highlight // placed highlights, by Start
	selHL    int64
	baseSize float32
	width    float32 // width the doc is laid out for; 0 before the first Resize
	height   float32
	gen      int                // bumped by every SetArticle, so late image loads are dropped
	decodedW int                // the widest the open article's pictures are decoded, in pixels
	fetching map[fontQuery]bool // system faces being looked up for the layout

	anchor, caret int     // selection in Article.Text; empty when equal
	caretEOL      bool    // caret is at the end of its line where the line wraps, not the next line's start
	focused       bool    // the Reader has the keyboard: the caret is drawn
	goalX         float32 // the column (content x) Shift+Up and Down keep; negative when unset
	pressed       bool
	dragging      bool
	clicks        int
	unit          int // what a drag selects by: 1 characters, 2 words, 3 blocks
	unitLo        int // the word or block the double or triple click selected
	unitHi        int
	lastClick     time.Time
	lastClickPos  fyne.Position
	overLink      bool
	dragX         float32 // pointer during a drag, content x
	dragViewY     float32 // and y from the top of the view
	edgeStop      func()  // stops the edge-scrolling ticker
	edgeGen       int     // which ticker is current, so a late tick of a stopped one does nothing
	dragFrom      int     // where a character drag began, before snapping to words

	marker                           *canvas.Rectangle // invisible; refreshed to make the canvas repaint
	caretMark                        *canvas.Rectangle // the drawn caret, moved in place; hidden without the focus
	caretLine                        *textLine         // caretLine and caretK: where caretX was measured
	caretK                           int
	caretX                           float32
	caretIn                          *tableScroller // the wide table the caret is drawn in, or nil
	decor, hlObjs, selObjs, textObjs []fyne.CanvasObject
	tip                              *docBlock           // the missing picture whose reason is shown
	tipObjs                          []fyne.CanvasObject // the reason's tooltip, drawn over everything
	objects                          []fyne.CanvasObject // everything, in drawing order
	visible                          []fyne.CanvasObject // what is near the view: all the canvas walks and paints
	themeKey                         themeKey            // the theme the objects were drawn with
}

var (
	_ fyne.Draggable         = (*readerContent)(nil)
	_ fyne.Tappable          = (*readerContent)(nil)
	_ fyne.DoubleTappable    = (*readerContent)(nil)
	_ desktop.Mouseable      = (*readerContent)(nil)
	_ desktop.Hoverable      = (*readerContent)(nil)
	_ desktop.Cursorable     = (*readerContent)(nil)
	_ fyne.WidgetRenderer    = (*contentRenderer)(nil)
	_ fyne.SecondaryTappable = (*readerContent)(nil)
)

func newReaderContent(r *Reader) *readerContent {
	c := &readerContent{r: r, m: newMeasurer(Typography{}, fontLang("")), selHL: -1, goalX: -1,
		marker: canvas.NewRectangle(color.Transparent), caretMark: canvas.NewRectangle(color.Transparent)}
	c.caretMark.Hide()
	c.ExtendBaseWidget(c)
	return c
}

// CreateRenderer implements fyne.Widget.
func (c *readerContent) CreateRenderer() fyne.WidgetRenderer {
	c.buildObjects()
	return &contentRenderer{c: c}
}

// MinSize is the laid-out height; the width adapts to the scroll container.
func (c *readerContent) MinSize() fyne.Size {
	return fyne.NewSize(10*c.size(), c.height)
}

// Resize re-wraps the text when the width changes (and only then).
func (c *readerContent) Resize(s fyne.Size) {
	c.BaseWidget.Resize(s)
	if s.Width != c.width {
		c.width = s.Width
		c.relayout()
		return
	}
	c.viewMoved()
}

func (c *readerContent) size() float32 {
	if c.baseSize > 0 {
		return c.baseSize
	}
	return c.Theme().Size(theme.SizeNameText)
}

func (c *readerContent) pad() float32 { return c.Theme().Size(theme.SizeNamePadding) }

// forgetWraps drops every block's wrap and faces, for fonts that changed:
// the next relayout wraps them all again.
func (c *readerContent) forgetWraps() {
	for _, b := range c.doc {
		b.lines, b.faces = nil, nil
	}
}

// relayout places every block for the current width and font size (wrapping
// only blocks whose width or size changed), then rebuilds the drawing. The
// line at the top of the view stays there, so resizing the window, changing
// the font size or an image arriving does not move the text being read.
func (c *readerContent) relayout() {
	if c.width <= 0 {
		return
	}
	anchor := -1
	if top := c.r.scroll.Offset.Y; top > 0 && c.doc != nil {
		anchor = c.offsetAt(fyne.NewPos(0, top))
	}
	old := c.height
	var wides []wideTable
	if c.doc != nil {
		c.height, wides = c.m.place(c.doc, c.width, c.size(), c.pad(), c.cjk)
	} else {
		c.height = 0
	}
	c.placeTables(wides)
	c.buildObjects()
	c.fetchFonts()
	c.Refresh()
	c.upgradePictures()
	if c.height != old {
		c.r.contentHeightChanged()
	}
	if anchor >= 0 && c.r.pendingPos < 0 {
		if y, ok := c.lineTop(anchor); ok {
			c.r.scrollToY(y)
		}
	}
}

// lineTop returns the y of the line holding text offset off.
func (c *readerContent) lineTop(off int) (float32, bool) {
	b, li := c.lineOf(off, false)
	if b == nil {
		return 0, false
	}
	return b.y + b.lines[li].y, true
}

// color returns a theme colour for drawing.
func (c *readerContent) color(name fyne.ThemeColorName) color.Color {
	return c.Theme().Color(name, fyne.CurrentApp().Settings().ThemeVariant())
}

func (c *readerContent) dark() bool {
	return IsDarkBackground(c.color(theme.ColorNameBackground))
}

// buildObjects makes the canvas objects for the whole laid-out article.
func (c *readerContent) buildObjects() {
	c.themeKey = c.currentThemeKey()
	c.decor, c.textObjs = c.decor[:0], c.textObjs[:0]
	if c.doc == nil {
		msg := canvas.NewText("Clip a page or pick an article", c.color(theme.ColorNamePlaceHolder))
		msg.TextSize = c.size() * 1.2
		msg.Alignment = fyne.TextAlignCenter
		msg.Move(fyne.NewPos(0, 6*c.pad()))
		msg.Resize(fyne.NewSize(c.width, msg.MinSize().Height))
		c.textObjs = append(c.textObjs, msg)
		c.hlObjs, c.selObjs = nil, nil
		c.assemble()
		return
	}
	fg := c.color(theme.ColorNameForeground)
	link := c.color(theme.ColorNameHyperlink)
	muted := c.color(theme.ColorNamePlaceHolder)
	tint := c.color(theme.ColorNameInputBackground)
	sepColor := c.color(theme.ColorNameSeparator)
	base := c.size()
	for bi, b := range c.doc {
		switch b.kind {
		case kindRule:
			ln := canvas.NewRectangle(sepColor)
			ln.Move(fyne.NewPos(b.x, b.y+b.h/2))
			ln.Resize(fyne.NewSize(b.w, 1))
			c.decor = append(c.decor, ln)
			continue
		case kindImage:
			c.decor = append(c.decor, c.pictureObjects(b, tint)...)
			if !b.missing() {
				continue
			}
		case kindParagraph:
			if b.cell != nil {
				c.decor = append(c.decor, c.cellObjects(b, tint, sepColor)...)
			}
		case kindCode:
			bg := canvas.NewRectangle(tint)
			bg.CornerRadius = 4
			bg.Move(fyne.NewPos(b.x-0.7*base, b.y-0.5*base))
			bg.Resize(fyne.NewSize(b.w+1.4*base, b.h))
			c.decor = append(c.decor, bg)
		case kindQuote:
			h := b.h
			if bi+1 < len(c.doc) && c.doc[bi+1].kind == kindQuote {
				h = c.doc[bi+1].y - b.y
			}
			for l := 1; l <= max(b.level, 1); l++ {
				bar := canvas.NewRectangle(sepColor)
				bar.Move(fyne.NewPos(b.x-float32(l)*1.2*base+0.2*base, b.y))
				bar.Resize(fyne.NewSize(3, h))
				c.decor = append(c.decor, bar)
			}
		case kindListItem:
			marker := "•"
			if b.ordered {
				marker = strconv.Itoa(b.number) + "."
			}
			th, _ := c.m.metrics(b.size, face{})
			t := canvas.NewText(marker, fg)
			t.TextSize = b.size
			t.Alignment = fyne.TextAlignTrailing
			t.Move(fyne.NewPos(b.x-2.5*base, b.y+(b.lineH-th)/2))
			t.Resize(fyne.NewSize(2.1*base, th))
			c.textObjs = append(c.textObjs, t)
		}
		c.addTextObjects(b, fg, link, muted, tint)
	}
	c.buildTip()
	c.buildHighlights()
	c.buildSelection()
}

func (c *readerContent) addTextObjects(b *docBlock, fg, link, muted, tint color.Color) {
	for li := range b.lines {
		ln := &b.lines[li]
		for ri := range ln.runs {
			run := &ln.runs[ri]
			seg := b.segs[run.seg]
			f := c.m.faceOf(b, run.seg)
			th, baseline := c.m.metrics(b.size, f)
			top := b.y + ln.y + (b.lineH-th)/2
			end := run.end
			if end > run.start && b.text[end-1] == ' ' {
				end-- // trailing spaces draw nothing
			}
			if end == run.start {
				continue
			}
			col := fg
			switch {
			case seg.flags&flagLink != 0:
				col = link
			case seg.flags&flagMuted != 0:
				col = muted
			}
			if seg.flags&(flagLink|flagCodeBg) != 0 {
				w := c.m.runWidth(b, run)
				if end != run.end { // no underline under a space at the end of the line
					w = c.m.measure(string(b.text[run.start:end]), b.size, f)
				}
				if seg.flags&flagCodeBg != 0 {
					bg := canvas.NewRectangle(tint)
					bg.CornerRadius = 3
					bg.Move(fyne.NewPos(b.x+run.x-2, top))
					bg.Resize(fyne.NewSize(w+4, th))
					c.decor = append(c.decor, bg)
				}
				if seg.flags&flagLink != 0 {
					u := canvas.NewRectangle(link)
					u.Move(fyne.NewPos(b.x+run.x, top+baseline+2))
					u.Resize(fyne.NewSize(w, 1))
					c.decor = append(c.decor, u)
				}
			}
			c.textObjs = append(c.textObjs, c.textObjects(string(b.text[run.start:end]), col, b.size, f,
				fyne.NewPos(b.x+run.x, top), fyne.NewSize(b.w-run.x, th))...)
		}
	}
}

// buildHighlights redraws the highlight backgrounds only.
func (c *readerContent) buildHighlights() {
	c.hlObjs = c.hlObjs[:0]
	dark := c.dark()
	for _, h := range c.hls {
		fill := HighlightColor(h.Color, dark)
		var stroke color.Color
		if h.ID == c.selHL {
			fill = strongerFill(fill)
			stroke = c.color(theme.ColorNameForeground)
		}
		c.hlObjs = append(c.hlObjs, c.rangeRects(h.Start, h.End, fill, stroke)...)
	}
	c.assemble()
}

// buildSelection redraws the selection background only.
func (c *readerContent) buildSelection() {
	c.selObjs = c.selObjs[:0]
	if lo, hi, ok := c.selection(); ok {
		c.selObjs = c.rangeRects(lo, hi, c.color(theme.ColorNameSelection), nil)
	}
	c.assemble()
	c.placeCaret()
}

func (c *readerContent) assemble() {
	c.objects = append(c.objects[:0], c.marker)
	c.objects = append(c.objects, c.decor...)
	c.objects = append(c.objects, c.hlObjs...)
	c.objects = append(c.objects, c.selObjs...)
	c.objects = append(c.objects, c.textObjs...)
	c.objects = append(c.objects, c.tipObjs...)
	c.updateVisible()
}

// updateVisible picks the objects within a view's height of the view. Fyne
// paints (and rasterises the text of) every object a widget returns, even far
// outside the scroll area, so a long article would cost hundreds of text
// textures and draw calls per frame.
func (c *readerContent) updateVisible() {
	top, h := c.r.scroll.Offset.Y, c.r.scroll.Size().Height
	if h <= 0 {
		h = 1000
	}
	lo, hi := top-h, top+2*h
	c.visible = c.visible[:0]
	for _, s := range c.tables {
		s.objs = s.objs[:0]
	}
	near := func(o fyne.CanvasObject) bool {
		y := o.Position().Y
		return y <= hi && y+o.Size().Height >= lo
	}
	tips := len(c.objects) - len(c.tipObjs)
	for _, o := range c.objects[:tips] {
		if !near(o) {
			continue
		}
		if s := c.tableAtY(o.Position().Y); s != nil {
			s.objs = append(s.objs, o)
		} else {
			c.visible = append(c.visible, o)
		}
	}
	// The caret moves in place without a new assemble, so it is always
	// handed over (placeCaret comes back here when it enters or leaves a
	// table); hidden, the canvas skips it.
	c.caretIn = c.tableAtY(c.caretMark.Position().Y)
	if c.caretIn != nil {
		c.caretIn.objs = append(c.caretIn.objs, c.caretMark)
	}
	for _, s := range c.tables {
		if near(s) {
			s.inner.Objects = s.objs
			c.visible = append(c.visible, s)
		}
	}
	for _, o := range c.objects[tips:] {
		if near(o) {
			c.visible = append(c.visible, o)
		}
	}
	if c.caretIn == nil {
		c.visible = append(c.visible, c.caretMark)
	}
}

// viewMoved updates what is drawn after the view scrolled or resized. With
// nothing selected the caret may follow the view (see keyboardStart).
func (c *readerContent) viewMoved() {
	c.updateVisible()
	if c.anchor == c.caret {
		c.placeCaret()
	}
	canvas.Refresh(c.marker)
}

// caretWidth is the drawn caret's width: thin as a text field's, and wide
// enough to find on a page of text.
const caretWidth = 2

// placeCaret draws the caret, while the Reader has the focus, where the
// keyboard acts: the selection's moving end, or with nothing selected where
// Shift with an arrow would start. It is as tall as the selection's band and
// sits on the boundary, at the end of a wrapped line when caretEOL says so.
func (c *readerContent) placeCaret() {
	k := c.caretMark
	var b *docBlock
	var li int
	off, eol := c.caret, c.caretEOL
	if c.focused && c.doc != nil && len(c.text) > 0 {
		if c.anchor == c.caret {
			off, eol = c.keyboardStart()
		}
		b, li = c.lineOf(off, eol)
	}
	if b == nil {
		if k.Visible() {
			k.Hide()
		}
		return
	}
	ln := &b.lines[li]
	if k := off - b.start; ln != c.caretLine || k != c.caretK {
		// Measuring is most of the cost, and scrolling or a selection
		// change that leaves the caret alone asks again; a new wrap makes
		// new lines.
		c.caretLine, c.caretK, c.caretX = ln, k, c.m.xAt(b, ln, k)
	}
	th, _ := c.m.metrics(b.size, face{})
	rh := min(th*1.08, b.lineH)
	x := b.x + c.caretX
	k.FillColor = c.color(theme.ColorNamePrimary)
	k.Resize(fyne.NewSize(caretWidth, rh))
	k.Move(fyne.NewPos(x-caretWidth/2, b.y+ln.y+(b.lineH-rh)/2))
	if !k.Visible() {
		k.Show()
	}
	if c.tableAtY(k.Position().Y) != c.caretIn {
		c.updateVisible()
	}
}

// rangeRects returns rounded rectangles behind the text of [lo, hi), one per
// line the range touches.
func (c *readerContent) rangeRects(lo, hi int, fill, stroke color.Color) []fyne.CanvasObject {
	var out []fyne.CanvasObject
	for _, b := range c.doc {
		if !b.selectable() || b.end() <= lo && !(b.end() == lo && lo == hi) {
			continue
		}
		if b.start >= hi {
			break
		}
		th, _ := c.m.metrics(b.size, face{})
		rh := min(th*1.08, b.lineH)
		for li := range b.lines {
			ln := &b.lines[li]
			s, e := max(lo-b.start, ln.start), min(hi-b.start, ln.end)
			if s >= e {
				continue
			}
			x1, x2 := c.m.xAt(b, ln, s), c.m.xAt(b, ln, e)
			rect := canvas.NewRectangle(fill)
			rect.CornerRadius = 3
			if stroke != nil {
				rect.StrokeColor = stroke
				rect.StrokeWidth = 1
			}
			rect.Move(fyne.NewPos(b.x+x1-1, b.y+ln.y+(b.lineH-rh)/2))
			rect.Resize(fyne.NewSize(x2-x1+2, rh))
			out = append(out, rect)
		}
	}
	return out
}

// strongerFill makes a selected highlight stand out from the others.
func strongerFill(c color.Color) color.Color {
	n := color.NRGBAModel.Convert(c).(color.NRGBA)
	n.A = uint8(min(int(n.A)*8/5, 0xb4))
	return n
}

// selection returns the ordered selection, ok when it is not empty.
func (c *readerContent) selection() (lo, hi int, ok bool) {
	lo, hi = min(c.anchor, c.caret), max(c.anchor, c.caret)
	return lo, hi, hi > lo
}

// setSelection selects from anchor to caret. It forgets the column and
// line end the keyboard moves keep, which extendSelection sets again.
func (c *readerContent) setSelection(anchor, caret int) { c.selectTo(anchor, caret, false) }

// selectTo is setSelection with the caret at the end of its line where the
// line wraps (eol), rather than at the start of the next.
func (c *readerContent) selectTo(anchor, caret int, eol bool) {
	c.goalX = -1
	n := len(c.text)
	anchor, caret = min(max(anchor, 0), n), min(max(caret, 0), n)
	if anchor == c.anchor && caret == c.caret && eol == c.caretEOL {
		return
	}
	c.anchor, c.caret, c.caretEOL = anchor, caret, eol
	c.buildSelection()
	c.Refresh()
}

// endsLineAt reports whether off, where point p maps to, is the end of the
// wrapped line under p: a click right of a line's end (or on its last
// character's right half) puts the caret at the end of that line, not at the
// start of the next line, which begins at the same offset.
func (c *readerContent) endsLineAt(p fyne.Position, off int) bool {
	if len(c.doc) == 0 {
		return false
	}
	b := c.doc[blockAt(c.doc, p)]
	if !b.selectable() || p.Y < b.y || p.Y >= b.y+b.h || len(b.lines) == 0 {
		return false
	}
	li := lineAtY(b, p.Y)
	ln := &b.lines[li]
	return li+1 < len(b.lines) && off == b.start+ln.end && b.lines[li+1].start == ln.end
}

// offsetAt maps a point (content coordinates) to the nearest boundary in
// Article.Text. Points beside a line map to its ends; points between blocks
// to the nearer block; the title and attribution to the start.
func (c *readerContent) offsetAt(p fyne.Position) int {
	if len(c.doc) == 0 {
		return 0
	}
	i := blockAt(c.doc, p)
	b := c.doc[i]
	if b.selectable() && p.Y < b.y+b.h && len(b.lines) > 0 {
		ln := &b.lines[lineAtY(b, p.Y)]
		return b.start + c.m.runeAtX(b, ln, p.X-b.x, true)
	}
	next := -1
	for j := i + 1; j < len(c.doc); j++ {
		if c.doc[j].selectable() {
			next = j
			break
		}
	}
	if b.selectable() && (next < 0 || p.Y < (b.y+b.h+c.doc[next].y)/2) {
		return b.end()
	}
	if next >= 0 {
		return c.doc[next].start
	}
	for j := i; j >= 0; j-- {
		if c.doc[j].selectable() {
			return c.doc[j].end()
		}
	}
	return 0
}

// pointAt is the point (content coordinates) just beside the boundary
// before text offset off: dx right of it when dx > 0 (on the next line at a
// wrap), else dx left of it.
func (c *readerContent) pointAt(off int, dx float32) (fyne.Position, bool) {
	for _, b := range c.doc {
		if !b.selectable() || off < b.start || off > b.end() {
			continue
		}
		k := off - b.start
		for li := range b.lines {
			ln := &b.lines[li]
			if k < ln.start || k > ln.end || (k == ln.end && dx > 0 && li+1 < len(b.lines)) {
				continue
			}
			return fyne.NewPos(b.x+c.m.xAt(b, ln, k)+dx, b.y+ln.y+b.lineH/2), true
		}
	}
	return fyne.Position{}, false
}

// runeAt returns the block and rune index drawn at p, or nil.
func (c *readerContent) runeAt(p fyne.Position) (*docBlock, int) {
	if len(c.doc) == 0 {
		return nil, -1
	}
	b := c.doc[blockAt(c.doc, p)]
	if p.Y >= b.y+b.h || len(b.lines) == 0 || p.Y < b.y {
		return nil, -1
	}
	k := c.m.runeAtX(b, &b.lines[lineAtY(b, p.Y)], p.X-b.x, false)
	if k < 0 {
		return nil, -1
	}
	return b, k
}

// linkAt returns the link drawn at p.
func (c *readerContent) linkAt(p fyne.Position) *url.URL {
	b, k := c.runeAt(p)
	if b == nil {
		return nil
	}
	i := sort.Search(len(b.segs), func(i int) bool { return b.segs[i].end > k })
	if i == len(b.segs) || b.segs[i].flags&flagLink == 0 {
		return nil
	}
	u, err := url.Parse(b.segs[i].url)
	if err != nil {
		return nil
	}
	return u
}

// highlightAt returns the innermost highlight drawn at p.
func (c *readerContent) highlightAt(p fyne.Position) (int64, bool) {
	b, k := c.runeAt(p)
	if b == nil || !b.selectable() {
		return 0, false
	}
	off := b.start + k
	best, found := storage.Highlight{}, false
	for _, h := range c.hls {
		if h.Start <= off && off < h.End && (!found || h.End-h.Start < best.End-best.Start) {
			best, found = h, true
		}
	}
	return best.ID, found
}

// wordAt returns the word around offset off, as text.WordAt.
func (c *readerContent) wordAt(off int) (int, int) { return text.WordAt(c.text, off) }

// blockAround returns the text of the block containing offset off.
func (c *readerContent) blockAround(off int) (int, int) {
	for _, b := range c.doc {
		if b.selectable() && off >= b.start && off <= b.end() {
			return b.start, b.end()
		}
	}
	return off, off
}

// MouseDown starts a selection (or extends it with Shift); a second and third
// press in quick succession select the word and the block.
func (c *readerContent) MouseDown(ev *desktop.MouseEvent) {
	c.r.requestFocus()
	if ev.Button != desktop.MouseButtonPrimary {
		return
	}
	now := c.r.sched().Now()
	d := ev.Position.Subtract(c.lastClickPos)
	if now.Sub(c.lastClick) < fyne.CurrentApp().Driver().DoubleTapDelay() && d.X*d.X+d.Y*d.Y < 25 {
		c.clicks++
	} else {
		c.clicks = 1
	}
	c.lastClick, c.lastClickPos = now, ev.Position
	c.pressed = true
	p := c.layoutPos(ev.Position)
	off := c.offsetAt(p)
	c.unit = min(c.clicks, 3)
	switch {
	case c.clicks >= 3:
		c.setSelection(c.blockAround(off))
	case c.clicks == 2:
		c.selectWordAt(p)
	case ev.Modifier&fyne.KeyModifierShift != 0:
		c.selectTo(c.anchor, off, c.endsLineAt(p, off))
	default:
		c.selectTo(off, off, c.endsLineAt(p, off))
	}
	c.unitLo, c.unitHi, _ = c.selection()
}

// MouseUp implements desktop.Mouseable.
func (c *readerContent) MouseUp(*desktop.MouseEvent) {}

func (c *readerContent) selectWordAt(p fyne.Position) {
	b, k := c.runeAt(p)
	if b == nil || !b.selectable() {
		off := c.offsetAt(p)
		c.setSelection(off, off)
		return
	}
	c.setSelection(c.wordAt(b.start + k))
}

// Dragged extends the selection to the pointer, scrolling when it nears the
// top or bottom of the view. A drag that arrives without a press (the test
// driver sends none) starts where the drag began.
func (c *readerContent) Dragged(ev *fyne.DragEvent) {
	if !c.dragging {
		c.dragging = true
		if !c.pressed {
			off := c.offsetAt(c.layoutPos(ev.Position.Subtract(ev.Dragged)))
			c.anchor, c.caret = off, off
		}
		c.dragFrom = c.anchor
	}
	c.dragX, c.dragViewY = ev.Position.X, ev.Position.Y-c.r.scroll.Offset.Y
	c.extendDrag()
	if c.tableEdgeScroll(ev.Position) {
		c.extendDrag()
	}
	if c.r.autoScroll(c.dragViewY) {
		c.extendDrag()
		c.startEdgeScroll()
	}
}

// extendDrag moves the selection's end to the pointer.
// After a double or triple click the selection grows by whole words or
// blocks, keeping the first one selected.
func (c *readerContent) extendDrag() {
	p := c.layoutPos(fyne.NewPos(c.dragX, c.r.scroll.Offset.Y+c.dragViewY))
	off := c.offsetAt(p)
	around := c.wordAt
	switch {
	case !c.pressed || c.unit < 2:
		c.dragTo(p, off)
		return
	case c.unit == 3:
		around = c.blockAround
	}
	k := off // the character under the pointer, else the one before it
	if b, i := c.runeAt(p); b != nil && b.selectable() {
		k = b.start + i
	} else if off > c.unitHi {
		k = off - 1
	}
	switch {
	case k >= c.unitHi:
		_, hi := around(k)
		c.setSelection(c.unitLo, hi)
	case k < c.unitLo:
		lo, _ := around(k)
		c.setSelection(c.unitHi, lo)
	default:
		c.setSelection(c.unitLo, c.unitHi)
	}
}

// edgeScrollTick is how often a drag resting near an edge scrolls on.
const edgeScrollTick = 50 * time.Millisecond

// startEdgeScroll keeps scrolling while the pointer rests near an edge
// during a drag: the driver only sends drag events when the mouse moves.
func (c *readerContent) startEdgeScroll() {
	if c.edgeStop != nil {
		return
	}
	c.edgeGen++
	gen := c.edgeGen
	c.edgeStop = sched.Every(c.r.sched(), edgeScrollTick, func() {
		fyne.Do(func() {
			if c.edgeStop == nil || c.edgeGen != gen { // a tick of a stopped ticker
				return
			}
			if !c.dragging || !c.r.autoScroll(c.dragViewY) {
				c.stopEdgeScroll()
				return
			}
			c.extendDrag()
		})
	})
}

func (c *readerContent) stopEdgeScroll() {
	if c.edgeStop != nil {
		c.edgeStop()
		c.edgeStop = nil
	}
}

// DragEnd implements fyne.Draggable.
func (c *readerContent) DragEnd() {
	c.dragging, c.pressed = false, false
	c.stopEdgeScroll()
}

// Tapped follows a link, reports a click on a highlight, or says why a
// missing picture is missing (for a touch screen, which cannot hover).
func (c *readerContent) Tapped(ev *fyne.PointEvent) {
	c.pressed = false
	p := c.layoutPos(ev.Position)
	if b := c.missingAt(p); b != nil {
		c.showTip(b)
		return
	}
	if u := c.linkAt(p); u != nil {
		if f := c.r.OnLinkTapped; f != nil {
			f(u)
		}
		return
	}
	if id, ok := c.highlightAt(p); ok {
		if f := c.r.OnHighlightTapped; f != nil {
			f(id)
		}
	}
}

// TappedSecondary shows a menu to copy or highlight the selection.
func (c *readerContent) TappedSecondary(ev *fyne.PointEvent) {
	cv := c.r.canvas()
	if cv == nil {
		return
	}
	_, _, has := c.selection()
	copyItem := fyne.NewMenuItem("Copy", func() { c.r.TypedShortcut(&fyne.ShortcutCopy{}) })
	copyItem.Disabled = !has
	items := []*fyne.MenuItem{copyItem, fyne.NewMenuItemSeparator()}
	for i, col := range storage.Colors {
		name := string(col)
		it := fyne.NewMenuItem(fmt.Sprintf("Highlight %s%s  (%d)", strings.ToUpper(name[:1]), name[1:], i+1),
			func() { c.r.HighlightSelection(col) })
		it.Disabled = !has
		items = append(items, it)
	}
	widget.ShowPopUpMenuAtPosition(fyne.NewMenu("", items...), cv, ev.AbsolutePosition)
}

// DoubleTapped selects the word under the pointer.
func (c *readerContent) DoubleTapped(ev *fyne.PointEvent) {
	c.r.requestFocus()
	c.selectWordAt(c.layoutPos(ev.Position))
}

// Cursor shows a text cursor over the article and a pointer over links.
func (c *readerContent) Cursor() desktop.Cursor {
	if c.overLink {
		return desktop.PointerCursor
	}
	return desktop.TextCursor
}

// MouseIn implements desktop.Hoverable.
func (c *readerContent) MouseIn(ev *desktop.MouseEvent) { c.MouseMoved(ev) }

// MouseMoved tracks whether the pointer is over a link, for Cursor, and
// shows why a missing picture is missing while it is over one.
func (c *readerContent) MouseMoved(ev *desktop.MouseEvent) {
	p := c.layoutPos(ev.Position)
	c.overLink = c.linkAt(p) != nil
	c.showTip(c.missingAt(p))
}

// MouseOut implements desktop.Hoverable.
func (c *readerContent) MouseOut() {
	c.overLink = false
	c.showTip(nil)
}

type contentRenderer struct {
	c *readerContent
}

func (r *contentRenderer) Destroy()                     {}
func (r *contentRenderer) Layout(fyne.Size)             {}
func (r *contentRenderer) MinSize() fyne.Size           { return r.c.MinSize() }
func (r *contentRenderer) Objects() []fyne.CanvasObject { return r.c.visible }

// themeKey is what of a theme the drawing depends on: its text and
// background colours, and its bold font (which may draw bold CJK, see
// BoldCJKFallback).
type themeKey struct {
	fg, bg color.Color
	bold   fyne.Resource
}

func (c *readerContent) currentThemeKey() themeKey {
	return themeKey{c.color(theme.ColorNameForeground), c.color(theme.ColorNameBackground), c.Theme().Font(fyne.TextStyle{Bold: true})}
}

// Refresh lays out and redraws everything when the theme changed (its
// colours, and perhaps its fonts). Otherwise only the canvas is marked dirty:
// objects are replaced, never changed in place, so no text texture needs to
// be thrown away.
func (r *contentRenderer) Refresh() {
	c := r.c
	if c.themeKey != c.currentThemeKey() {
		c.m = newMeasurer(c.m.typo, c.m.lang)
		c.forgetWraps()
		c.buildObjects() // records the theme, so the relayout's Refresh does not come back here
		c.relayout()
	}
	canvas.Refresh(c.marker)
}
