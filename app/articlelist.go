package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// articleList is the virtualised list of articles; Enter opens the focused
// row as Space does. It shows what its owner's length and update functions
// give it, and tells its owner what the reader chose.
type articleList struct {
	widget.List
	// onChosen is called for the row the reader chose (a click, Space or
	// Enter), not for one selected by code; it reports whether the row
	// opens something.
	onChosen func(id widget.ListItemID) bool
	// onEnter is called after Enter chose the focused row, with whether
	// that opened something, so the keyboard can move on.
	onEnter func(opened bool)
	// onSelectAll picks every row (Ctrl+A), onEscape leaves the picked
	// rows, onDelete and onArchive act on them (Delete, A).
	onSelectAll, onEscape, onDelete, onArchive func()

	quiet  bool // selecting programmatically: do not open again
	opened bool // the last row chosen opened something
}

var (
	_ fyne.Focusable    = (*articleList)(nil)
	_ fyne.Shortcutable = (*articleList)(nil)
)

func newArticleList(length func() int, update func(id widget.ListItemID, row *articleRow)) *articleList {
	a := &articleList{}
	a.Length = length
	a.CreateItem = func() fyne.CanvasObject { return newArticleRow() }
	a.UpdateItem = func(id widget.ListItemID, o fyne.CanvasObject) { update(id, o.(*articleRow)) }
	a.OnSelected = func(id widget.ListItemID) {
		if !a.quiet && a.onChosen != nil {
			a.opened = a.onChosen(id)
		}
	}
	a.ExtendBaseWidget(a)
	return a
}

// TypedKey opens the focused row on Enter and moves the keyboard into the
// reader, as a mail client does (Esc there comes back); Space opens the row
// and stays in the list for browsing.
func (a *articleList) TypedKey(e *fyne.KeyEvent) {
	switch e.Name {
	case fyne.KeyDelete, fyne.KeyBackspace:
		call(a.onDelete)
		return
	case fyne.KeyEscape:
		call(a.onEscape)
		return
	}
	if e.Name != fyne.KeyReturn && e.Name != fyne.KeyEnter {
		a.List.TypedKey(e)
		return
	}
	a.opened = false
	a.List.TypedKey(&fyne.KeyEvent{Name: fyne.KeySpace})
	if a.onEnter != nil {
		a.onEnter(a.opened)
	}
}

// TypedRune passes letters on to the window's keys (M marks read or
// unread) as the reader does; the list itself types nothing.
func (a *articleList) TypedRune(r rune) {
	if r == 'a' || r == 'A' {
		call(a.onArchive)
		return
	}
	if c := fyne.CurrentApp().Driver().CanvasForObject(a); c != nil && c.OnTypedRune() != nil {
		c.OnTypedRune()(r)
	}
}

func (a *articleList) selectQuietly(id widget.ListItemID) {
	a.quiet = true
	a.Select(id)
	a.quiet = false
}

// TypedShortcut picks every row on Ctrl+A; other shortcuts (Undo, Redo) go
// on to the window.
func (a *articleList) TypedShortcut(s fyne.Shortcut) {
	if _, ok := s.(*fyne.ShortcutSelectAll); ok {
		call(a.onSelectAll)
		return
	}
	if c, ok := fyne.CurrentApp().Driver().CanvasForObject(a).(fyne.Shortcutable); ok {
		c.TypedShortcut(s)
	}
}

// call calls f when it is set.
func call(f func()) {
	if f != nil {
		f()
	}
}

// tapped chooses row id after a click on it: the list takes the keyboard
// and selects the row, as a tap on its list item does.
func (a *articleList) tapped(id widget.ListItemID) {
	if c := fyne.CurrentApp().Driver().CanvasForObject(a); c != nil {
		c.Focus(a)
	}
	a.Select(id)
}
