package reader

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// scrollBarSpace is the room, in multiples of the text size, left below a
// wide table for its scroll bar.
const scrollBarSpace = 0.8

// wideTable is where place put a table too wide for the view: the strip of
// the view it is seen through (content coordinates) and its full width.
type wideTable struct {
	id         int // article.Cell.Table
	x, y, w, h float32
	contentW   float32
}

// tableScroller shows a wide table through a strip of the view that scrolls
// sideways, so the table keeps its grid and the article its measure. The
// table's text, highlights and selection stay the reader's: the scroller
// only moves and clips what readerContent draws for the table, and hands
// every pointer event back to readerContent at the point where it is drawn,
// which maps it through layoutPos. Vertical wheel turns scroll the article,
// horizontal ones (or Shift with the wheel) the table; its bar can be dragged.
type tableScroller struct {
	widget.BaseWidget

	c      *readerContent
	t      wideTable
	offset float32 // how far the table is scrolled left

	inner        *fyne.Container     // the table's drawn objects, at content coordinates
	objs         []fyne.CanvasObject // what updateVisible gives inner
	track, thumb *canvas.Rectangle
	barDrag      bool // the drag began on the bar: it moves the table
	overBar      bool // the pointer is over the bar
}

var (
	_ fyne.Scrollable        = (*tableScroller)(nil)
	_ fyne.Draggable         = (*tableScroller)(nil)
	_ fyne.Tappable          = (*tableScroller)(nil)
	_ fyne.DoubleTappable    = (*tableScroller)(nil)
	_ fyne.SecondaryTappable = (*tableScroller)(nil)
	_ desktop.Mouseable      = (*tableScroller)(nil)
	_ desktop.Hoverable      = (*tableScroller)(nil)
	_ desktop.Cursorable     = (*tableScroller)(nil)
)

func newTableScroller(c *readerContent) *tableScroller {
	s := &tableScroller{c: c, inner: container.NewWithoutLayout(),
		track: canvas.NewRectangle(color.Transparent), thumb: canvas.NewRectangle(color.Transparent)}
	s.track.CornerRadius, s.thumb.CornerRadius = 2, 2
	s.ExtendBaseWidget(s)
	return s
}

// place puts the scroller over the table place laid out, keeping its offset
// within the table's new width.
func (s *tableScroller) place(t wideTable) {
	s.t = t
	s.Move(fyne.NewPos(t.x, t.y))
	s.Resize(fyne.NewSize(t.w, t.h))
	s.offset = s.clamp(s.offset)
	s.layout()
}

func (s *tableScroller) clamp(o float32) float32 {
	return min(max(o, 0), max(s.t.contentW-s.t.w, 0))
}

// scrollTo scrolls the table so x (from its left edge) is at the strip's
// left; it reports whether the table moved.
func (s *tableScroller) scrollTo(x float32) bool {
	x = s.clamp(x)
	if x == s.offset {
		return false
	}
	s.offset = x
	s.layout()
	canvas.Refresh(s)
	return true
}

// reveal scrolls the least that shows content x, with a margin.
func (s *tableScroller) reveal(x, margin float32) {
	x -= s.t.x
	switch {
	case x-margin < s.offset:
		s.scrollTo(x - margin)
	case x+margin > s.offset+s.t.w:
		s.scrollTo(x + margin - s.t.w)
	}
}

// layout moves the table under the strip and sizes the bar's thumb.
func (s *tableScroller) layout() {
	s.inner.Move(fyne.NewPos(-s.t.x-s.offset, -s.t.y))
	h := float32(4)
	y := s.t.h - (scrollBarSpace*s.c.size()+h)/2
	s.track.Move(fyne.NewPos(0, y))
	s.track.Resize(fyne.NewSize(s.t.w, h))
	tw := max(s.t.w*s.t.w/s.t.contentW, 3*h)
	x := float32(0)
	if r := s.t.contentW - s.t.w; r > 0 {
		x = s.offset / r * (s.t.w - tw)
	}
	s.thumb.Move(fyne.NewPos(x, y))
	s.thumb.Resize(fyne.NewSize(tw, h))
	s.track.FillColor = s.c.color(theme.ColorNameSeparator)
	s.thumb.FillColor = s.c.color(theme.ColorNameScrollBar)
}

// onBar reports whether p (scroller coordinates) is on the bar's strip.
func (s *tableScroller) onBar(p fyne.Position) bool {
	return p.Y >= s.t.h-scrollBarSpace*s.c.size()
}

// drawn is p (scroller coordinates) where readerContent draws it.
func (s *tableScroller) drawn(p fyne.Position) fyne.Position { return p.Add(s.Position()) }

func (s *tableScroller) pointEvent(ev *fyne.PointEvent) *fyne.PointEvent {
	return &fyne.PointEvent{Position: s.drawn(ev.Position), AbsolutePosition: ev.AbsolutePosition}
}

func (s *tableScroller) mouseEvent(ev *desktop.MouseEvent) *desktop.MouseEvent {
	out := *ev
	out.Position = s.drawn(ev.Position)
	return &out
}

// Scrolled scrolls the table by the sideways part of a wheel turn and the
// article by the rest.
func (s *tableScroller) Scrolled(ev *fyne.ScrollEvent) {
	if ev.Scrolled.DX != 0 {
		s.scrollTo(s.offset - ev.Scrolled.DX)
	}
	if ev.Scrolled.DY != 0 {
		s.c.r.scroll.Scrolled(&fyne.ScrollEvent{PointEvent: ev.PointEvent, Scrolled: fyne.NewDelta(0, ev.Scrolled.DY)})
	}
}

// Dragged moves the table when the drag began on the bar, else selects.
func (s *tableScroller) Dragged(ev *fyne.DragEvent) {
	if !s.c.dragging && !s.barDrag && s.onBar(ev.Position.Subtract(ev.Dragged)) {
		s.barDrag = true
	}
	if s.barDrag {
		if free := s.t.w - s.thumb.Size().Width; free > 0 {
			s.scrollTo(s.offset + ev.Dragged.DX*(s.t.contentW-s.t.w)/free)
		}
		return
	}
	out := *ev
	out.Position = s.drawn(ev.Position)
	s.c.Dragged(&out)
}

// DragEnd implements fyne.Draggable.
func (s *tableScroller) DragEnd() {
	if s.barDrag {
		s.barDrag = false
		return
	}
	s.c.DragEnd()
}

// MouseDown starts a selection, unless it is on the bar.
func (s *tableScroller) MouseDown(ev *desktop.MouseEvent) {
	if s.onBar(ev.Position) {
		s.c.r.requestFocus()
		return
	}
	s.c.MouseDown(s.mouseEvent(ev))
}

// MouseUp implements desktop.Mouseable.
func (s *tableScroller) MouseUp(ev *desktop.MouseEvent) { s.c.MouseUp(s.mouseEvent(ev)) }

// Tapped implements fyne.Tappable.
func (s *tableScroller) Tapped(ev *fyne.PointEvent) {
	if !s.onBar(ev.Position) {
		s.c.Tapped(s.pointEvent(ev))
	}
}

// DoubleTapped implements fyne.DoubleTappable.
func (s *tableScroller) DoubleTapped(ev *fyne.PointEvent) {
	if !s.onBar(ev.Position) {
		s.c.DoubleTapped(s.pointEvent(ev))
	}
}

// TappedSecondary implements fyne.SecondaryTappable.
func (s *tableScroller) TappedSecondary(ev *fyne.PointEvent) { s.c.TappedSecondary(s.pointEvent(ev)) }

// MouseIn implements desktop.Hoverable.
func (s *tableScroller) MouseIn(ev *desktop.MouseEvent) { s.c.MouseIn(s.mouseEvent(ev)) }

// MouseMoved implements desktop.Hoverable.
func (s *tableScroller) MouseMoved(ev *desktop.MouseEvent) {
	s.overBar = s.onBar(ev.Position)
	s.c.MouseMoved(s.mouseEvent(ev))
}

// MouseOut implements desktop.Hoverable.
func (s *tableScroller) MouseOut() { s.c.MouseOut() }

// Cursor is the reader's, but an arrow over the bar.
func (s *tableScroller) Cursor() desktop.Cursor {
	if s.overBar {
		return desktop.DefaultCursor
	}
	return s.c.Cursor()
}

// CreateRenderer implements fyne.Widget.
func (s *tableScroller) CreateRenderer() fyne.WidgetRenderer { return &scrollerRenderer{s: s} }

type scrollerRenderer struct{ s *tableScroller }

func (r *scrollerRenderer) Destroy()           {}
func (r *scrollerRenderer) Layout(fyne.Size)   { r.s.layout() }
func (r *scrollerRenderer) MinSize() fyne.Size { return fyne.NewSize(r.s.t.w, r.s.t.h) }
func (r *scrollerRenderer) Refresh()           { r.s.layout(); canvas.Refresh(r.s) }
func (r *scrollerRenderer) Objects() []fyne.CanvasObject {
	return []fyne.CanvasObject{r.s.inner, r.s.track, r.s.thumb}
}

// IsClip makes the driver clip the table to the strip, as it does a
// scroll container's content.
func (r *scrollerRenderer) IsClip() {}

// tableEdgeScroll scrolls a wide table sideways when a drag over it nears
// the strip's left or right edge (p where it is drawn), faster the further
// past the edge, as autoScroll does the article; it reports whether the
// table moved.
func (c *readerContent) tableEdgeScroll(p fyne.Position) bool {
	s := c.tableAtY(p.Y)
	if s == nil {
		return false
	}
	edge := min(s.t.w/6, 3*c.size())
	switch x := p.X - s.t.x; {
	case x < edge:
		return s.scrollTo(s.offset - min(edge-x, 4*edge)/3)
	case x > s.t.w-edge:
		return s.scrollTo(s.offset + min(x-(s.t.w-edge), 4*edge)/3)
	}
	return false
}

// layoutPos maps a point where it is drawn (content coordinates) to where
// it is laid out: inside a scrolled table, further right by its offset.
func (c *readerContent) layoutPos(p fyne.Position) fyne.Position {
	if s := c.tableAtY(p.Y); s != nil && p.X >= s.t.x && p.X < s.t.x+s.t.w {
		return fyne.NewPos(p.X+s.offset, p.Y)
	}
	return p
}

// drawnPos maps a laid out point to where it is drawn: layoutPos reversed.
func (c *readerContent) drawnPos(p fyne.Position) fyne.Position {
	if s := c.tableAtY(p.Y); s != nil {
		return fyne.NewPos(p.X-s.offset, p.Y)
	}
	return p
}

// tableAtY is the scroller of the wide table across y, or nil.
func (c *readerContent) tableAtY(y float32) *tableScroller {
	for _, s := range c.tables {
		if y >= s.t.y && y < s.t.y+s.t.h {
			return s
		}
	}
	return nil
}

// placeTables gives each wide table a scroller, keeping the one (and the
// offset) a table had.
func (c *readerContent) placeTables(wides []wideTable) {
	old := c.tables
	c.tables = c.tables[:0:0]
	for _, t := range wides {
		var s *tableScroller
		for _, o := range old {
			if o.t.id == t.id {
				s = o
			}
		}
		if s == nil {
			s = newTableScroller(c)
		}
		s.place(t)
		c.tables = append(c.tables, s)
	}
}
