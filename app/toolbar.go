package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
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
	view     fyne.CanvasObject
}

// newReaderToolbar builds the toolbar with colour chosen marked; onColor
// gets the colour clicked, the others the button of their name.
func newReaderToolbar(dark bool, chosen storage.Color, onColor func(storage.Color), onSmaller, onBigger, onNotes func()) *readerToolbar {
	t := &readerToolbar{}
	items := []fyne.CanvasObject{widget.NewLabel("Highlight:")}
	for _, c := range storage.Colors {
		s := newSwatch(reader.HighlightColor(c, dark), 28, func() { onColor(c) })
		s.Selected = c == chosen
		t.swatches = append(t.swatches, s)
		items = append(items, s)
	}
	smaller := widget.NewButtonWithIcon("", theme.ZoomOutIcon(), onSmaller)
	bigger := widget.NewButtonWithIcon("", theme.ZoomInIcon(), onBigger)
	t.notes = widget.NewButtonWithIcon("Notes", theme.DocumentIcon(), onNotes)
	items = append(items, layout.NewSpacer(), smaller, bigger, t.notes)
	t.view = container.NewVBox(container.NewHBox(items...), widget.NewSeparator())
	return t
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
