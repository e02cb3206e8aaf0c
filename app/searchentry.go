package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// searchEntry is the search box; Down moves the focus to the list, so the
// keyboard goes Ctrl+F, type, Down, arrows, Enter; Escape clears it.
type searchEntry struct {
	widget.Entry
	onDown, onEscape func()
}

func newSearchEntry(onDown, onEscape func()) *searchEntry {
	e := &searchEntry{onDown: onDown, onEscape: onEscape}
	e.ExtendBaseWidget(e)
	return e
}

// TypedKey hands Down to the list and clears the search on Escape.
func (e *searchEntry) TypedKey(k *fyne.KeyEvent) {
	switch k.Name {
	case fyne.KeyDown:
		e.onDown()
	case fyne.KeyEscape:
		e.onEscape()
	default:
		e.Entry.TypedKey(k)
	}
}
