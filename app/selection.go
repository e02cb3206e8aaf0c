package app

import (
	"maps"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"app.margin/margin/storage"
)

// pickMods are the modifiers that make a click pick rows for an action on
// several articles instead of opening one.
const pickMods = fyne.KeyModifierControl | fyne.KeyModifierSuper | fyne.KeyModifierShift

// selection is the rows picked for an action on several articles
// (Ctrl-click toggles one, Shift-click a range, Ctrl+A all listed), apart
// from the list's own selection, which is the open article.
type selection struct {
	picked map[int64]bool
	anchor int64 // the row a Shift-click extends from, 0 for the open one
	// swallow is the row whose choice the press that picked it already
	// handled: the list's selection follows a click, which must not open it.
	swallow widget.ListItemID

	bar   *fyne.Container // "3 selected · Actions… · ✕", shown while rows are picked
	count *widget.Label
}

func (l *libraryPanel) buildSelection() {
	s := &l.sel
	s.swallow = -1
	s.count = widget.NewLabel("")
	actions := widget.NewButtonWithIcon("Actions…", theme.MenuIcon(), nil)
	actions.OnTapped = func() {
		l.onPickMenu(fyne.CurrentApp().Driver().AbsolutePositionForObject(actions))
	}
	clear := widget.NewButtonWithIcon("", theme.CancelIcon(), l.clearPicked)
	clear.Importance = widget.LowImportance
	s.bar = container.NewBorder(nil, nil, nil, container.NewHBox(actions, clear), s.count)
	s.bar.Hide()
}

// pressed hears of a mouse press on row id with mods held, before the tap
// that selects it: with Ctrl or Shift it picks rows, otherwise a click
// leaves the picked rows.
func (l *libraryPanel) pressed(id widget.ListItemID, mods fyne.KeyModifier) {
	i := id - len(l.pending)
	if mods&pickMods == 0 || i < 0 || i >= len(l.items) {
		l.sel.swallow = -1
		l.clearPicked()
		return
	}
	l.sel.swallow = id
	l.pick(i, mods)
}

// pick adds item i to the picked rows (Ctrl: toggles it; Shift: the range
// from the anchor).
func (l *libraryPanel) pick(i int, mods fyne.KeyModifier) {
	s := &l.sel
	if len(s.picked) == 0 {
		s.picked = map[int64]bool{}
		if open := l.indexOf(l.openID()); open >= 0 { // the open article is selected already
			s.picked[l.items[open].ID] = true
		}
	}
	id := l.items[i].ID
	if mods&fyne.KeyModifierShift == 0 {
		if s.picked[id] {
			delete(s.picked, id)
		} else {
			s.picked[id] = true
		}
		s.anchor = id
		l.showPicked()
		return
	}
	from := l.indexOf(s.anchor)
	if from < 0 {
		from = max(l.indexOf(l.openID()), 0)
	}
	if mods&(fyne.KeyModifierControl|fyne.KeyModifierSuper) == 0 {
		clear(s.picked)
	}
	for k := min(from, i); k <= max(from, i); k++ {
		s.picked[l.items[k].ID] = true
	}
	l.showPicked()
}

// indexOf is the index in items of article id, -1 when it is not listed.
func (l *libraryPanel) indexOf(id int64) int {
	if id == 0 {
		return -1
	}
	for i := range l.items {
		if l.items[i].ID == id {
			return i
		}
	}
	return -1
}

// prunePicked forgets picked rows no longer listed. Rows picked by Ctrl+A
// beyond those loaded stay picked while the list holds more pages.
func (l *libraryPanel) prunePicked() {
	if len(l.sel.picked) == 0 || l.next != "" {
		return
	}
	n := len(l.sel.picked)
	listed := l.listedIDs()
	maps.DeleteFunc(l.sel.picked, func(id int64, _ bool) bool { return !listed[id] })
	if len(l.sel.picked) != n {
		l.showPicked()
	}
}

// listedIDs is the set of the articles listed (loaded) now.
func (l *libraryPanel) listedIDs() map[int64]bool {
	listed := make(map[int64]bool, len(l.items))
	for _, s := range l.items {
		listed[s.ID] = true
	}
	return listed
}

// selectAll picks every row (Ctrl+A in the list): those loaded at once,
// then, in a view longer than them, the rest of it as the library lists it.
// (A search picks the hits loaded.)
func (l *libraryPanel) selectAll() {
	if len(l.items) == 0 {
		return
	}
	l.sel.picked = l.listedIDs()
	l.showPicked()
	if l.next == "" || l.searched != nil {
		return
	}
	gen, opt := l.gen, l.listOptions("")
	l.sched.Go(func() {
		ids, err := l.lib.ListIDs(l.ctx, opt)
		fyne.Do(func() {
			if err != nil || gen != l.gen || len(l.sel.picked) == 0 {
				return // the rows loaded stay picked
			}
			for _, id := range ids {
				l.sel.picked[id] = true
			}
			l.showPicked()
		})
	})
}

// clearPicked leaves the picked rows (Escape, a plain click, ✕).
func (l *libraryPanel) clearPicked() {
	if len(l.sel.picked) == 0 {
		return
	}
	l.sel.picked, l.sel.anchor = nil, 0
	l.showPicked()
}

// showPicked shows which rows are picked and how many.
func (l *libraryPanel) showPicked() {
	if n := len(l.sel.picked); n > 0 {
		l.sel.count.SetText(plural(n, "article", "articles") + " selected")
		l.sel.bar.Show()
	} else {
		l.sel.bar.Hide()
	}
	if l.view != nil {
		l.view.Refresh()
	}
	l.list.Refresh()
}

// pickedItems are the summaries of the picked rows, in list order, then
// those picked but not loaded yet (Ctrl+A), by id: these carry their id
// alone, and a zero ClippedAt says their state is not known.
func (l *libraryPanel) pickedItems() []storage.Summary {
	var out []storage.Summary
	for _, s := range l.items {
		if l.sel.picked[s.ID] {
			out = append(out, s)
		}
	}
	listed := l.listedIDs()
	var rest []int64
	for id := range l.sel.picked {
		if !listed[id] {
			rest = append(rest, id)
		}
	}
	slices.Sort(rest)
	for _, id := range rest {
		out = append(out, storage.Summary{ID: id})
	}
	return out
}
