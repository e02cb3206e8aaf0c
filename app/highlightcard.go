package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"app.margin/margin/app/reader"
	"app.margin/margin/storage"
)

// highlightCard is one highlight in the notes panel: its colour, quote, an
// editable note, a colour choice and delete. Tapping it selects it.
type highlightCard struct {
	widget.BaseWidget
	n        *notesPanel
	h        storage.Highlight
	save     *debouncer
	bg       *canvas.Rectangle
	strip    *canvas.Rectangle
	quote    *widget.Label
	note     *widget.Entry
	swatches []*swatch
	body     fyne.CanvasObject
	quiet    bool
}

var _ fyne.Tappable = (*highlightCard)(nil)

func newHighlightCard(n *notesPanel, h storage.Highlight) *highlightCard {
	c := &highlightCard{n: n, h: h, save: newDebouncer(n.sched, saveDelay)}
	c.bg = canvas.NewRectangle(theme.Color(theme.ColorNameInputBackground))
	c.bg.CornerRadius = theme.InputRadiusSize()
	c.bg.StrokeWidth = 2
	c.strip = canvas.NewRectangle(nil)
	c.strip.SetMinSize(fyne.NewSize(5, 0))
	c.strip.CornerRadius = 2
	c.quote = widget.NewLabel("")
	c.quote.Wrapping = fyne.TextWrapWord
	c.quote.TextStyle.Italic = true
	c.note = widget.NewMultiLineEntry()
	c.note.Wrapping = fyne.TextWrapWord
	c.note.SetMinRowsVisible(2)
	c.note.SetPlaceHolder("Add a note…")
	c.note.OnChanged = c.noteChanged
	var colors []fyne.CanvasObject
	for _, col := range storage.Colors {
		s := newSwatch(nil, 22, func() { c.recolor(col) })
		c.swatches = append(c.swatches, s)
		colors = append(colors, s)
	}
	del := widget.NewButtonWithIcon("", theme.DeleteIcon(), func() { n.onDeleteHighlight(c.h) })
	del.Importance = widget.LowImportance
	row := container.NewBorder(nil, nil, container.NewHBox(colors...), del)
	c.body = container.NewBorder(nil, nil, c.strip, nil,
		container.NewVBox(c.quote, c.note, row))
	c.ExtendBaseWidget(c)
	return c
}

// set shows h (a new colour, or new text after a re-clip) without touching
// the note being typed.
func (c *highlightCard) set(h storage.Highlight) {
	typing := c.h.ID == h.ID && c.note.Text != h.Note && c.save.pending != nil
	c.h = h
	dark := c.n.dark()
	c.strip.FillColor = reader.HighlightColor(h.Color, dark)
	c.strip.Refresh()
	c.quote.SetText("“" + excerpt(h.Quote, quoteExcerpt) + "”")
	if !typing && c.note.Text != h.Note {
		c.quiet = true
		c.note.SetText(h.Note)
		c.quiet = false
	}
	for i, s := range c.swatches {
		s.Fill = reader.HighlightColor(storage.Colors[i], dark)
		s.Selected = storage.Colors[i] == h.Color
		s.Refresh()
	}
}

func (c *highlightCard) setSelected(v bool) {
	if v {
		c.bg.StrokeColor = theme.Color(theme.ColorNamePrimary)
	} else {
		c.bg.StrokeColor = nil
	}
	c.bg.Refresh()
}

// Tapped selects the highlight in the reader and the panel.
func (c *highlightCard) Tapped(*fyne.PointEvent) {
	if cv := fyne.CurrentApp().Driver().CanvasForObject(c); cv != nil {
		cv.Unfocus()
	}
	c.n.onSelectHighlight(c.h.ID)
}

func (c *highlightCard) noteChanged(text string) {
	if c.quiet {
		return
	}
	c.h.Note = text
	c.saveLater()
}

func (c *highlightCard) recolor(col storage.Color) {
	if col == c.h.Color {
		return
	}
	c.h.Color = col
	c.save.cancel() // the pending note goes with the colour
	c.n.storeHighlight(c.h, true)
}

func (c *highlightCard) saveLater() {
	h := c.h // the timer's goroutine must not read the card
	c.save.call(func() { c.n.storeHighlight(h, false) })
}

func (c *highlightCard) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.NewStack(c.bg, container.NewPadded(c.body)))
}
