package app

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"

	"app.margin/margin/storage"
)

// stroke is a key and the modifiers held with it (none for a plain key).
type stroke struct {
	key fyne.KeyName
	mod fyne.KeyModifier
}

// shortcut is one thing the window does from a menu or a key. The one
// table of them (shortcutTable) builds the menus, dispatches the keys and
// fills the shortcut sheet, so none of the three can go stale.
type shortcut struct {
	menu  string   // the menu it is in, "" for none
	label string   // the menu item and the sheet's description; "" is a separator
	keys  []stroke // alternatives; none for a menu item without a key
	run   func()
	quit  bool // the menu's Quit
	// std is Fyne's own shortcut for the keys (Undo, Redo): the window
	// takes it when the focused widget does not, and the menu only names
	// the keys, since a menu's shortcut would come before a text box's own.
	std fyne.Shortcut
	// where names the widget that handles keys the window does not see
	// (run is nil): they are in the table for the sheet.
	where string
	sub   string      // the submenu of menu it is in, "" for none
	check func() bool // whether the item shows a check mark; nil for never
}

func ctrl(k fyne.KeyName) stroke  { return stroke{k, fyne.KeyModifierShortcutDefault} }
func plain(k fyne.KeyName) stroke { return stroke{key: k} }

// shortcutTable is every shortcut of the window, in menu order.
func (u *ui) shortcutTable() []shortcut {
	t := []shortcut{
		{menu: "File", label: "Clip Address", keys: []stroke{ctrl(fyne.KeyL)}, run: u.focusURL},
		{menu: "File", label: "Open Saved Page…", keys: []stroke{ctrl(fyne.KeyO)}, run: u.showOpenFile},
		{menu: "File", label: "Import…", run: u.showImport},
		{menu: "File", label: "Clipping Queue…", run: u.showQueueView},
		{menu: "File", label: "Export…", keys: []stroke{ctrl(fyne.KeyE)}, run: u.showExport},
		{menu: "File"},
		{menu: "File", label: "Settings…", keys: []stroke{ctrl(fyne.KeyComma)}, run: u.showSettings},
		{menu: "File"},
		{menu: "File", label: "Quit", keys: []stroke{ctrl(fyne.KeyQ)}, run: u.close, quit: true},

		{menu: "Edit", label: "Search Library", keys: []stroke{ctrl(fyne.KeyF)}, run: u.focusSearch},
		{menu: "Edit", label: "Highlight Selection", keys: []stroke{plain(fyne.KeyH)}, run: func() { u.highlightWith(u.color) }},
	}
	for i, c := range storage.Colors {
		t = append(t, shortcut{menu: "Edit", label: "Highlight in " + colorName(c),
			keys: []stroke{plain(fyne.KeyName(rune('1' + i)))}, run: func() { u.highlightWith(c) }})
	}
	t = append(t,
		shortcut{menu: "Edit", label: "Delete Selected Highlight", keys: []stroke{plain(fyne.KeyDelete), plain(fyne.KeyBackspace)}, run: u.deleteSelected},
		shortcut{menu: "Edit"},
		shortcut{menu: "Edit", label: "Undo", keys: []stroke{ctrl(fyne.KeyZ)}, std: &fyne.ShortcutUndo{}, run: u.undo},
		shortcut{menu: "Edit", label: "Redo", keys: []stroke{{fyne.KeyZ, fyne.KeyModifierShortcutDefault | fyne.KeyModifierShift}, ctrl(fyne.KeyY)},
			std: &fyne.ShortcutRedo{}, run: u.redo},
		shortcut{menu: "Edit"},
		shortcut{menu: "Edit", label: "Select All Articles (Ctrl+A in the list)", run: u.library.selectAll},

		// The Article menu acts on the rows picked in the list, else the
		// open article.
		shortcut{menu: "Article", label: "Mark as Read or Unread", keys: []stroke{plain(fyne.KeyM)}, run: u.toggleRead},
		shortcut{menu: "Article", label: "Archive (A in the list)", run: u.archiveTargets},
		shortcut{menu: "Article", label: "Delete… (Delete in the list)", run: u.deleteTargets},
		shortcut{menu: "Article"},
		shortcut{menu: "Article", label: "Manage Tags…", run: u.showManageTags},
		shortcut{menu: "Article"},
		shortcut{menu: "Article", label: "Fetch Missing Images", run: u.fetchMissingPictures},

		shortcut{menu: "View", label: "Show or Hide Notes", keys: []stroke{ctrl(fyne.KeyN)}, run: u.toggleNotes},
		shortcut{menu: "View", label: "Larger Text", keys: []stroke{ctrl(fyne.KeyEqual)}, run: func() { u.setFontSize(u.fontSize + 1) }},
		shortcut{menu: "View", label: "Smaller Text", keys: []stroke{ctrl(fyne.KeyMinus)}, run: func() { u.setFontSize(u.fontSize - 1) }},
		shortcut{menu: "View"},
	)
	t = append(t, u.typographyShortcuts()...)
	return append(t,
		shortcut{menu: "Help", label: "Keyboard Shortcuts", keys: []stroke{plain(fyne.KeyF1), ctrl(fyne.KeySlash)}, run: u.showShortcuts},

		shortcut{label: "Clear the selection, close the notes drawer or a dialog", keys: []stroke{plain(fyne.KeyEscape)}, run: u.escape},

		shortcut{where: "In the article list", label: "Move through the articles", keys: []stroke{plain(fyne.KeyUp), plain(fyne.KeyDown)}},
		shortcut{where: "In the article list", label: "Read the article (the keyboard goes to the text)", keys: []stroke{plain(fyne.KeyReturn)}},
		shortcut{where: "In the article list", label: "Pick every article, for an action on them all", keys: []stroke{ctrl(fyne.KeyA)}},
		shortcut{where: "In the article list", label: "Archive the picked articles (or the one open)", keys: []stroke{plain(fyne.KeyA)}},
		shortcut{where: "In the article list", label: "Delete the picked articles (Undo brings them back)", keys: []stroke{plain(fyne.KeyDelete)}},
		shortcut{where: "In the search box", label: "Go down to the list", keys: []stroke{plain(fyne.KeyDown)}},
		shortcut{where: "In the reader", label: "Scroll", keys: []stroke{plain(fyne.KeyUp), plain(fyne.KeyDown), plain(fyne.KeyPageUp), plain(fyne.KeyPageDown), plain(fyne.KeySpace)}},
		shortcut{where: "In the reader", label: "Move the caret by a character, or a word with Ctrl", keys: []stroke{plain(fyne.KeyLeft), plain(fyne.KeyRight)}},
		shortcut{where: "In the reader", label: "Select text", keys: []stroke{{fyne.KeyLeft, fyne.KeyModifierShift}, {fyne.KeyRight, fyne.KeyModifierShift}, {fyne.KeyUp, fyne.KeyModifierShift}, {fyne.KeyDown, fyne.KeyModifierShift}}},
		shortcut{where: "In the reader", label: "Copy the selection", keys: []stroke{ctrl(fyne.KeyC)}},
		shortcut{where: "In the reader", label: "Back to the article list (with nothing selected)", keys: []stroke{plain(fyne.KeyEscape)}},
	)
}

// colorName is a highlight colour as the sheet and menus name it.
func colorName(c storage.Color) string { return string(c) }

// keyboardShortcut is a stroke as Fyne's menus and canvas take it.
func (s stroke) shortcut() fyne.Shortcut {
	return &desktop.CustomShortcut{KeyName: s.key, Modifier: s.mod}
}

// isRune reports a plain letter or digit, which Fyne delivers as a typed
// rune rather than a key.
func (s stroke) isRune() bool { return s.mod == 0 && utf8.RuneCountInString(string(s.key)) == 1 }

// String is the stroke as the sheet shows it: "Ctrl+L", "H", "Delete".
func (s stroke) String() string {
	var b strings.Builder
	for _, m := range []struct {
		mod  fyne.KeyModifier
		name string
	}{{fyne.KeyModifierControl, "Ctrl+"}, {fyne.KeyModifierAlt, "Alt+"}, {fyne.KeyModifierShift, "Shift+"}, {fyne.KeyModifierSuper, "Super+"}} {
		if s.mod&m.mod != 0 {
			b.WriteString(m.name)
		}
	}
	names := map[fyne.KeyName]string{
		fyne.KeyComma: ",", fyne.KeySlash: "/", fyne.KeyEqual: "=", fyne.KeyMinus: "-",
		fyne.KeyEscape: "Esc", fyne.KeyReturn: "Enter", fyne.KeyPageUp: "Page Up", fyne.KeyPageDown: "Page Down",
		fyne.KeyUp: "↑", fyne.KeyDown: "↓", fyne.KeyLeft: "←", fyne.KeyRight: "→",
	}
	if n, ok := names[s.key]; ok {
		b.WriteString(n)
	} else {
		b.WriteString(string(s.key))
	}
	return b.String()
}

// keysText is a shortcut's keys as the sheet shows them.
func (sc shortcut) keysText() string {
	var parts []string
	for _, k := range sc.keys {
		parts = append(parts, k.String())
	}
	return strings.Join(parts, ", ")
}

// mainMenu builds the menus from the table.
func (u *ui) mainMenu() *fyne.MainMenu {
	var menus []*fyne.Menu
	byName := map[string]*fyne.Menu{}
	for i, sc := range u.shortcuts {
		if sc.menu == "" {
			continue
		}
		m, ok := byName[sc.menu]
		if !ok {
			m = fyne.NewMenu(sc.menu)
			byName[sc.menu] = m
			menus = append(menus, m)
		}
		if sc.label == "" {
			m.Items = append(m.Items, fyne.NewMenuItemSeparator())
			continue
		}
		it := fyne.NewMenuItem(sc.label, func() { u.shortcuts[i].run() })
		if sc.check != nil {
			it.Checked = sc.check()
			u.checks = append(u.checks, menuCheck{it, sc.check})
		}
		// Fyne adds no Quit of its own to a menu that has one: its own
		// quits at once, skipping close, which saves the note being typed
		// and stops the clipping queue before the library closes.
		it.IsQuit = sc.quit
		switch {
		case sc.std != nil:
			it.Label += " (" + sc.keys[0].String() + ")"
		case len(sc.keys) > 0:
			it.Shortcut = sc.keys[0].shortcut()
		}
		if sc.sub != "" {
			m = submenu(m, sc.sub)
		}
		m.Items = append(m.Items, it)
	}
	return fyne.NewMainMenu(menus...)
}

// submenu is m's submenu named name, added at the end of m if it is new.
func submenu(m *fyne.Menu, name string) *fyne.Menu {
	for _, it := range m.Items {
		if it.Label == name && it.ChildMenu != nil {
			return it.ChildMenu
		}
	}
	it := fyne.NewMenuItem(name, nil)
	it.ChildMenu = fyne.NewMenu(name)
	m.Items = append(m.Items, it)
	return it.ChildMenu
}

// menuCheck is a menu item with a check mark and what decides it.
type menuCheck struct {
	item  *fyne.MenuItem
	check func() bool
}

// refreshChecks puts the menus' check marks in step with what they show.
func (u *ui) refreshChecks() {
	for _, c := range u.checks {
		c.item.Checked = c.check()
	}
	if m := u.win.MainMenu(); m != nil {
		m.Refresh()
	}
}

// addShortcuts dispatches the table's keys. The main menu takes the
// modified ones wherever the focus is; the canvas takes them (and the
// plain ones) when no widget has the focus, or when the focused widget
// passes on what it does not use, as the reader and the list do.
func (u *ui) addShortcuts() {
	c := u.win.Canvas()
	for i, sc := range u.shortcuts {
		if sc.run == nil {
			continue
		}
		if sc.std != nil {
			c.AddShortcut(sc.std, func(fyne.Shortcut) { u.shortcuts[i].run() })
		}
		for _, k := range sc.keys {
			if k.mod != 0 {
				c.AddShortcut(k.shortcut(), func(fyne.Shortcut) { u.shortcuts[i].run() })
			}
		}
	}
	c.SetOnTypedRune(u.typedRune)
	c.SetOnTypedKey(u.typedKey)
}

// typedRune runs the plain letter or digit shortcut typed, unless a dialog
// is open: the keys are not for the window under it.
func (u *ui) typedRune(r rune) {
	if len(u.modals) > 0 {
		return
	}
	key := fyne.KeyName(strings.ToUpper(string(r)))
	for _, sc := range u.shortcuts {
		for _, k := range sc.keys {
			if sc.run != nil && k.isRune() && k.key == key {
				sc.run()
				return
			}
		}
	}
}

// typedKey runs the plain key shortcut pressed; a dialog that is open takes
// Escape and Enter, and nothing else reaches the window under it.
func (u *ui) typedKey(e *fyne.KeyEvent) {
	if u.modalKey(e) {
		return
	}
	for _, sc := range u.shortcuts {
		for _, k := range sc.keys {
			if sc.run != nil && k.mod == 0 && !k.isRune() && k.key == e.Name {
				sc.run()
				return
			}
		}
	}
}

// escape closes the notes drawer if it is open, else clears the selection
// and the selected highlight.
func (u *ui) escape() {
	if u.work.compact && u.notesBox.Visible() {
		u.toggleNotes()
		return
	}
	u.reader.ClearSelection()
	u.selectHighlight(0)
}

// showShortcuts shows the sheet of every shortcut, made from the table.
func (u *ui) showShortcuts() {
	rows := container.NewVBox()
	last := ""
	for _, sc := range u.shortcuts {
		if sc.label == "" || len(sc.keys) == 0 {
			continue
		}
		title := sc.where
		if title == "" {
			title = "Anywhere"
			if sc.menu != "" {
				title = sc.menu + " menu"
			}
		}
		if title != last {
			rows.Add(heading(title))
			last = title
		}
		keys := widget.NewLabelWithStyle(sc.keysText(), fyne.TextAlignTrailing, fyne.TextStyle{Monospace: true})
		desc := widget.NewLabel(sc.label)
		desc.Wrapping = fyne.TextWrapWord
		rows.Add(container.NewBorder(nil, nil, nil, keys, desc))
	}
	scroll := container.NewVScroll(rows)
	d := dialog.NewCustom("Keyboard Shortcuts", "Close", scroll, u.win)
	size := u.win.Canvas().Size()
	d.Resize(fyne.NewSize(min(640, size.Width-40), min(640, size.Height-40)))
	u.showNotice(d)
}

var _ fmt.Stringer = stroke{}
