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
	// focusRow is the row Fyne's List draws as focused (its currentFocus,
	// which it does not export): it moves with Up and Down, and a tap.
	focusRow widget.ListItemID
}

var (
	_ fyne.Focusable    = (*articleList)(nil)
	_ fyne.Shortcutable = (*articleList)(nil)
)

func newArticleList(length func() int, update func(id widget.ListItemID, row *articleRow)) *articleList {
	a := &articleList{}
	a.Length = length
	a.CreateItem = func() fyne.CanvasObject { return newArticleRow() }
	a.UpdateItem = func(id widget.ListItemID, o fyne.CanvasObject) {
		row := o.(*articleRow)
		row.onTapped = func() { a.tapped(id) }
		update(id, row)
	}
	a.OnSelected = func(id widget.ListItemID) {
		if !a.quiet {
			a.focusRow = id // a tap on the list's item, or Space, chose it
			if a.onChosen != nil {
				a.opened = a.onChosen(id)
			}
		}
	}
	a.ExtendBaseWidget(a)
	return a
}

// TypedKey opens the focused row on Enter and moves the keyboard into the
// reader, as a mail client does (Esc there comes back); Up and Down open the
// row above or below and stay in the list for browsing, as Space does.
func (a *articleList) TypedKey(e *fyne.KeyEvent) {
	switch e.Name {
	case fyne.KeyDelete, fyne.KeyBackspace:
		call(a.onDelete)
		return
	case fyne.KeyEscape:
		call(a.onEscape)
		return
	case fyne.KeyUp, fyne.KeyDown:
		a.step(e.Name)
		return
	case fyne.KeyReturn, fyne.KeyEnter:
	case fyne.KeySpace:
		a.List.TypedKey(e)
		return
	default:
		// Keys the list does not use are the window's (F1).
		if c := fyne.CurrentApp().Driver().CanvasForObject(a); c != nil && c.OnTypedKey() != nil {
			c.OnTypedKey()(e)
		}
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
	a.follow(id)
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

// step moves to the row above or below and opens it: the selection
// follows the keyboard, so the row marked is always the article open.
func (a *articleList) step(key fyne.KeyName) {
	next := a.focusRow + 1
	if key == fyne.KeyUp {
		next = a.focusRow - 1
	}
	if next < 0 || next >= a.Length() {
		return
	}
	a.follow(next)
	a.Select(next)
}

// tapped chooses row id with the keyboard in the list, as a click on the
// list's own item does.
func (a *articleList) tapped(id widget.ListItemID) {
	if c := fyne.CurrentApp().Driver().CanvasForObject(a); c != nil {
		c.Focus(a)
	}
	a.follow(id)
	a.Select(id)
}

// follow moves the list's focus mark to row id. Fyne has no call for it,
// so it takes the steps Up and Down would.
func (a *articleList) follow(id widget.ListItemID) {
	if id < 0 || id >= a.Length() {
		return
	}
	for a.focusRow < id {
		a.List.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
		a.focusRow++
	}
	for a.focusRow > id {
		a.List.TypedKey(&fyne.KeyEvent{Name: fyne.KeyUp})
		a.focusRow--
	}
}
