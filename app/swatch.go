package app

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// swatch is a round colour button: the highlight colours in the reader
// toolbar and in each note card. A ring marks the selected one.
type swatch struct {
	widget.BaseWidget

	Fill     color.Color
	Selected bool
	Diameter float32
	OnTapped func()
}

var (
	_ fyne.Tappable      = (*swatch)(nil)
	_ desktop.Cursorable = (*swatch)(nil)
)

func newSwatch(fill color.Color, diameter float32, tapped func()) *swatch {
	s := &swatch{Fill: fill, Diameter: diameter, OnTapped: tapped}
	s.ExtendBaseWidget(s)
	return s
}

// Tapped calls OnTapped.
func (s *swatch) Tapped(*fyne.PointEvent) {
	if s.OnTapped != nil {
		s.OnTapped()
	}
}

// Cursor shows a pointing hand: a swatch is a button.
func (s *swatch) Cursor() desktop.Cursor { return desktop.PointerCursor }

func (s *swatch) CreateRenderer() fyne.WidgetRenderer {
	dot := canvas.NewCircle(s.Fill)
	ring := canvas.NewCircle(color.Transparent)
	ring.StrokeWidth = 2
	r := &swatchRenderer{s: s, dot: dot, ring: ring}
	r.Refresh()
	return r
}

type swatchRenderer struct {
	s         *swatch
	dot, ring *canvas.Circle
}

func (r *swatchRenderer) Layout(size fyne.Size) {
	d := fyne.Min(size.Width, size.Height)
	pos := fyne.NewPos((size.Width-d)/2, (size.Height-d)/2)
	r.ring.Move(pos)
	r.ring.Resize(fyne.NewSquareSize(d))
	inset := float32(4)
	r.dot.Move(pos.AddXY(inset, inset))
	r.dot.Resize(fyne.NewSquareSize(d - 2*inset))
}

func (r *swatchRenderer) MinSize() fyne.Size { return fyne.NewSquareSize(r.s.Diameter) }

func (r *swatchRenderer) Refresh() {
	r.dot.FillColor = r.s.Fill
	r.dot.StrokeColor = theme.Color(theme.ColorNameInputBorder)
	r.dot.StrokeWidth = 1
	if r.s.Selected {
		r.ring.StrokeColor = theme.Color(theme.ColorNameForeground)
	} else {
		r.ring.StrokeColor = color.Transparent
	}
	r.dot.Refresh()
	r.ring.Refresh()
}

func (r *swatchRenderer) Objects() []fyne.CanvasObject { return []fyne.CanvasObject{r.ring, r.dot} }
func (r *swatchRenderer) Destroy()                     {}
