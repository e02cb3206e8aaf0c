package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"app.margin/margin/app/reader"
	"app.margin/margin/storage"
)

// readerToolbar is the row above the reader: the highlight colours, the text
// size and the notes panel toggle. Its buttons call back to the window.
type readerToolbar struct {
	swatches []*swatch // in the order of storage.Colors
	notes    *widget.Button
	row      *fyne.Container // the colours, then the buttons
	rows     *toolbarLayout
	// view is the toolbar with its separator; heightFor says how tall it
	// is at a width.
	view fyne.CanvasObject
}

// newReaderToolbar builds the toolbar with colour chosen marked; onColor
// gets the colour clicked, the others the button of their name.
func newReaderToolbar(dark bool, chosen storage.Color, onColor func(storage.Color), onSmaller, onBigger, onNotes func()) *readerToolbar {
	t := &readerToolbar{}
	colors := []fyne.CanvasObject{widget.NewLabel("Highlight:")}
	for _, c := range storage.Colors {
		s := newSwatch(reader.HighlightColor(c, dark), 28, func() { onColor(c) })
		s.Selected = c == chosen
		t.swatches = append(t.swatches, s)
		colors = append(colors, s)
	}
	smaller := widget.NewButtonWithIcon("", theme.ZoomOutIcon(), onSmaller)
	bigger := widget.NewButtonWithIcon("", theme.ZoomInIcon(), onBigger)
	t.notes = widget.NewButtonWithIcon("Notes", theme.DocumentIcon(), onNotes)
	t.rows = &toolbarLayout{}
	t.row = container.New(t.rows, container.NewHBox(colors...), container.NewHBox(smaller, bigger, t.notes))
	t.view = container.NewBorder(nil, widget.NewSeparator(), nil, nil, t.row)
	return t
}

// heightFor is the toolbar's height when it is width wide (one row or two).
func (t *readerToolbar) heightFor(width float32) float32 {
	return t.view.MinSize().Height - t.row.MinSize().Height + t.rows.height(t.row.Objects, width)
}

// toolbarLayout puts the colours on the left and the text size and notes
// buttons on the right of one row, or, when the reader is too narrow for
// both, the buttons on a second row: never one group over the other. Its
// MinSize is one row's; what holds it asks heightFor the width it gives.
type toolbarLayout struct{}

func (toolbarLayout) oneRow(objs []fyne.CanvasObject, width float32) bool {
	return objs[0].MinSize().Width+theme.Padding()+objs[1].MinSize().Width <= width
}

// height is the height of the rows at width.
func (l *toolbarLayout) height(objs []fyne.CanvasObject, width float32) float32 {
	left, right := objs[0].MinSize(), objs[1].MinSize()
	if l.oneRow(objs, width) {
		return max(left.Height, right.Height)
	}
	return left.Height + theme.Padding() + right.Height
}

func (l *toolbarLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	left, right := objs[0].MinSize(), objs[1].MinSize()
	objs[0].Resize(fyne.NewSize(min(left.Width, size.Width), left.Height))
	objs[1].Resize(fyne.NewSize(min(right.Width, size.Width), right.Height))
	if l.oneRow(objs, size.Width) {
		h := max(left.Height, right.Height)
		objs[0].Move(fyne.NewPos(0, (h-left.Height)/2))
		objs[1].Move(fyne.NewPos(size.Width-right.Width, (h-right.Height)/2))
		return
	}
	objs[0].Move(fyne.NewPos(0, 0))
	objs[1].Move(fyne.NewPos(max(0, size.Width-right.Width), left.Height+theme.Padding()))
}

func (l *toolbarLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	left, right := objs[0].MinSize(), objs[1].MinSize()
	return fyne.NewSize(max(left.Width, right.Width), max(left.Height, right.Height))
}

// setColor marks colour c as the one H highlights in.
func (t *readerToolbar) setColor(c storage.Color) {
	for i, s := range t.swatches {
		s.Selected = storage.Colors[i] == c
		s.Refresh()
	}
}

// setDark redraws the colours for a dark (or light) background.
func (t *readerToolbar) setDark(dark bool) {
	for i, s := range t.swatches {
		s.Fill = reader.HighlightColor(storage.Colors[i], dark)
		s.Refresh()
	}
}

// setNotesShown shows the Notes button pressed while the panel is shown.
func (t *readerToolbar) setNotesShown(shown bool) {
	t.notes.Importance = widget.MediumImportance
	if shown {
		t.notes.Importance = widget.HighImportance
	}
	t.notes.Refresh()
}
