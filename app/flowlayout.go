package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// flowLayout places objects left to right and wraps them onto new lines.
// Its height depends on its width, which MinSize does not know, so it
// remembers the width of the last layout and asks for another pass when the
// number of lines changes.
type flowLayout struct {
	c      *fyne.Container
	width  float32
	height float32
}

func (f *flowLayout) place(objs []fyne.CanvasObject, width float32, move bool) (height float32) {
	gap := theme.Padding()
	x, y, rowH := float32(0), float32(0), float32(0)
	for _, o := range objs {
		if !o.Visible() {
			continue
		}
		m := o.MinSize()
		if x > 0 && x+m.Width > width {
			x, y, rowH = 0, y+rowH+gap, 0
		}
		if move {
			o.Move(fyne.NewPos(x, y))
			o.Resize(fyne.NewSize(min(m.Width, width), m.Height))
		}
		x += m.Width + gap
		rowH = max(rowH, m.Height)
	}
	return y + rowH
}

func (f *flowLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	f.width = size.Width
	if h := f.place(objs, size.Width, true); h != f.height && f.c != nil {
		f.height = h
		fyne.Do(f.c.Refresh)
	}
}

func (f *flowLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var s fyne.Size
	for _, o := range objs {
		if o.Visible() {
			s = s.Max(o.MinSize())
		}
	}
	if f.width > 0 {
		s.Height = f.place(objs, f.width, false)
	}
	return s
}
