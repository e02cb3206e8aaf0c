package app

import (
	"errors"
	"fmt"
	"net/url"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"app.margin/margin/storage"
)

// targets are what the keys and the menus act on: the picked rows, else
// the open article.
func (u *ui) targets() []storage.Summary {
	if p := u.library.pickedItems(); len(p) > 0 {
		return p
	}
	return u.openSummary()
}

// openSummary is the open article as a list row has it, nil when none is
// open.
func (u *ui) openSummary() []storage.Summary {
	a := u.current
	if a == nil {
		return nil
	}
	return []storage.Summary{{ID: a.ID, Title: a.Title, URL: a.FinalURL, ClippedAt: a.ClippedAt, Unread: a.Unread,
		Archived: a.Archived, Favorite: a.Favorite, Tags: a.Tags}}
}

func idsOf(ss []storage.Summary) []int64 {
	ids := make([]int64, len(ss))
	for i, s := range ss {
		ids[i] = s.ID
	}
	return ids
}

// named says which articles an action took: the title of one, else how
// many.
func named(ss []storage.Summary) string {
	if len(ss) == 1 {
		return "“" + excerpt(cmpTitle(ss[0]), 48) + "”"
	}
	return plural(len(ss), "article", "articles")
}

func cmpTitle(s storage.Summary) string {
	if strings.TrimSpace(s.Title) != "" {
		return s.Title
	}
	return s.URL
}

// showRowMenu opens the context menu of a row at an absolute position: for
// the picked rows when the row is one of them, else for that row alone.
func (u *ui) showRowMenu(s storage.Summary, at fyne.Position) {
	ss := []storage.Summary{s}
	if u.library.sel.picked[s.ID] {
		ss = u.library.pickedItems()
	} else {
		u.library.clearPicked()
	}
	widget.ShowPopUpMenuAtPosition(u.articlesMenu(ss), u.win.Canvas(), at)
}

// showPickMenu opens the picked rows' menu (the Actions… button).
func (u *ui) showPickMenu(at fyne.Position) {
	if ss := u.library.pickedItems(); len(ss) > 0 {
		widget.ShowPopUpMenuAtPosition(u.articlesMenu(ss), u.win.Canvas(), at)
	}
}

// articlesMenu is what can be done to the articles ss: the read state, the
// archive, tags, their site, export and delete.
func (u *ui) articlesMenu(ss []storage.Summary) *fyne.Menu {
	var unread, read, archived, active bool
	var tags []string
	for _, s := range ss {
		if s.ClippedAt.IsZero() { // picked but not loaded: it may be in any state
			unread, read, archived, active = true, true, true, true
			continue
		}
		unread, read = unread || s.Unread, read || !s.Unread
		archived, active = archived || s.Archived, active || !s.Archived
		for _, t := range s.Tags {
			if !slices.Contains(tags, t) {
				tags = append(tags, t)
			}
		}
	}
	var items []*fyne.MenuItem
	add := func(label string, f func()) { items = append(items, fyne.NewMenuItem(label, f)) }
	if unread {
		add("Mark as Read", func() { u.markMany(ss, false) })
	}
	if read {
		add("Mark as Unread", func() { u.markMany(ss, true) })
	}
	if active {
		add("Archive", func() { u.archiveMany(ss, true) })
	}
	if archived {
		add("Move Out of the Archive", func() { u.archiveMany(ss, false) })
	}
	items = append(items, fyne.NewMenuItemSeparator())
	add("Add Tag…", func() { u.askTag(ss) })
	if len(tags) > 0 {
		slices.Sort(tags)
		var sub []*fyne.MenuItem
		for _, t := range tags {
			sub = append(sub, fyne.NewMenuItem(t, func() { u.untagMany(ss, t) }))
		}
		rm := fyne.NewMenuItem("Remove Tag", nil)
		rm.ChildMenu = fyne.NewMenu("", sub...)
		items = append(items, rm)
	}
	if site := siteKey(ss); site != "" && site != u.library.site {
		add("Only Articles from "+site, func() { u.library.setSite(site) })
	}
	add("Export…", func() { u.showExportOf(ss) })
	items = append(items, fyne.NewMenuItemSeparator())
	if len(ss) == 1 {
		add("Delete…", func() { u.confirmTrash(ss) })
	} else {
		add(fmt.Sprintf("Delete %s…", plural(len(ss), "Article", "Articles")), func() { u.confirmTrash(ss) })
	}
	return fyne.NewMenu("", items...)
}

// siteKey is the host all of ss come from ("" when they differ), without
// www.: what a site's view filters by.
func siteKey(ss []storage.Summary) string {
	site := ""
	for i, s := range ss {
		u, err := url.Parse(s.URL)
		if err != nil || u.Hostname() == "" {
			return ""
		}
		h := strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
		if i > 0 && h != site {
			return ""
		}
		site = h
	}
	return site
}

// libraryChanged is what a change to the articles ids shows once it is
// done or undone: the list and tag counts as stored, and the open article's
// state (closed if it is gone).
func (u *ui) libraryChanged(ids []int64) func() {
	return func() {
		u.library.clearPicked()
		u.library.refreshInPlace()
		u.library.reloadTags()
		if a := u.current; a != nil && slices.Contains(ids, a.ID) {
			u.syncOpen(a.ID)
		}
	}
}

// syncOpen reads the open article's state again (read, archive, tags)
// after a change from the list, or closes it when it is gone.
func (u *ui) syncOpen(id int64) {
	seq := u.openSeq
	u.goFn(func() {
		a, err := u.lib.Get(u.ctx, id)
		fyne.Do(func() {
			if seq != u.openSeq || u.currentID() != id {
				return
			}
			switch {
			case errors.Is(err, storage.ErrNotFound):
				u.articleGone()
			case err == nil:
				u.current.Unread, u.current.Archived, u.current.Tags = a.Unread, a.Archived, a.Tags
				u.notes.showArchived(a.Archived)
				u.notes.showTags(a.Tags)
			}
		})
	})
}

// applyMany makes a change to the articles ss: do changes them and says
// which it changed, undo changes those back.
func (u *ui) applyMany(ss []storage.Summary, news, failed string, do, undo func(ids []int64) ([]int64, error)) {
	ids := idsOf(ss)
	var changed []int64
	u.apply(&change{
		news:   news,
		failed: failed,
		do: func() (err error) {
			changed, err = do(ids)
			return err
		},
		undo: func() error {
			_, err := undo(changed)
			return err
		},
		shown: u.libraryChanged(ids),
	})
}

// markMany marks ss unread (v) or read.
func (u *ui) markMany(ss []storage.Summary, v bool) {
	word := map[bool]string{true: "unread", false: "read"}[v]
	u.applyMany(ss, "Marked "+named(ss)+" "+word, "Couldn't change the read state",
		func(ids []int64) ([]int64, error) { return u.lib.SetUnreadMany(u.ctx, ids, v) },
		func(ids []int64) ([]int64, error) { return u.lib.SetUnreadMany(u.ctx, ids, !v) })
}

// archiveMany moves ss into (v) or out of the archive.
func (u *ui) archiveMany(ss []storage.Summary, v bool) {
	news := "Archived " + named(ss)
	if !v {
		news = "Moved " + named(ss) + " out of the archive"
	}
	u.applyMany(ss, news, "Couldn't change the archive",
		func(ids []int64) ([]int64, error) { return u.lib.SetArchivedMany(u.ctx, ids, v) },
		func(ids []int64) ([]int64, error) { return u.lib.SetArchivedMany(u.ctx, ids, !v) })
}

// archiveTargets archives the picked rows or the open article (A in the
// list), or takes them out of the archive when all are in it.
func (u *ui) archiveTargets() {
	ss := u.targets()
	if len(ss) == 0 {
		return
	}
	u.archiveMany(ss, slices.ContainsFunc(ss, func(s storage.Summary) bool { return !s.Archived }))
}

// toggleRead marks the picked rows read (unread when all are read), else
// the open article read, or unread if it is read (M).
func (u *ui) toggleRead() {
	if ss := u.library.pickedItems(); len(ss) > 0 {
		u.markMany(ss, !slices.ContainsFunc(ss, func(s storage.Summary) bool { return s.Unread || s.ClippedAt.IsZero() }))
		return
	}
	if a := u.current; a != nil {
		u.setUnread(a.ID, !a.Unread)
	}
}

// askTag asks for a tag to add to ss, offering the library's tags.
func (u *ui) askTag(ss []storage.Summary) {
	entry := u.newDialogSelectEntry(slices.Clone(u.notes.knownTags))
	entry.SetPlaceHolder("Tag")
	d := dialog.NewForm("Add a tag to "+named(ss), "Add", "Cancel",
		[]*widget.FormItem{widget.NewFormItem("Tag", entry)}, func(ok bool) {
			if ok && strings.TrimSpace(entry.Text) != "" {
				u.tagMany(ss, strings.TrimSpace(entry.Text))
			}
		}, u.win)
	d.Resize(fyne.NewSize(420, 0))
	u.showDialog(d, d.Submit)
	u.win.Canvas().Focus(entry)
}

// tagMany tags ss with name.
func (u *ui) tagMany(ss []storage.Summary, name string) {
	u.applyMany(ss, "Tagged "+named(ss)+" “"+name+"”", "Couldn't change the tags",
		func(ids []int64) ([]int64, error) { return u.lib.AddTagMany(u.ctx, ids, name) },
		func(ids []int64) ([]int64, error) { return u.lib.RemoveTagMany(u.ctx, ids, name) })
}

// untagMany takes the tag name off ss.
func (u *ui) untagMany(ss []storage.Summary, name string) {
	u.applyMany(ss, "Removed “"+name+"” from "+named(ss), "Couldn't change the tags",
		func(ids []int64) ([]int64, error) { return u.lib.RemoveTagMany(u.ctx, ids, name) },
		func(ids []int64) ([]int64, error) { return u.lib.AddTagMany(u.ctx, ids, name) })
}

// deleteArticle deletes the open article (the notes panel's Delete…) once
// the reader confirms.
func (u *ui) deleteArticle() {
	if ss := u.openSummary(); ss != nil {
		u.confirmTrash(ss)
	}
}

// deleteTargets deletes the picked rows or the open article (Delete in the
// list) once the reader confirms.
func (u *ui) deleteTargets() {
	if ss := u.targets(); len(ss) > 0 {
		u.confirmTrash(ss)
	}
}

// confirmTrash asks once, then deletes ss with their highlights, notes and
// tags; Undo brings them back until the window closes.
func (u *ui) confirmTrash(ss []storage.Summary) {
	title := "Delete " + named(ss) + "?"
	what := "Its highlights, notes and tags go with it."
	if len(ss) > 1 {
		what = "Their highlights, notes and tags go with them."
	}
	msg := widget.NewLabel(what + " Undo (Ctrl+Z) brings " + map[bool]string{true: "it", false: "them"}[len(ss) == 1] +
		" back until Margin closes.")
	msg.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustomConfirm(title, "Delete", "Cancel", msg, func(ok bool) {
		if ok {
			u.trashMany(ss)
		}
	}, u.win)
	d.SetConfirmImportance(widget.DangerImportance)
	d.Resize(fyne.NewSize(480, 0))
	u.showConfirm(d)
}

// trashMany moves ss to the library's trash, which Undo takes them back
// from. The open article's note as typed is stored first, so it comes back
// too.
func (u *ui) trashMany(ss []storage.Summary) {
	ids := idsOf(ss)
	var note *string
	if a := u.current; a != nil && slices.Contains(ids, a.ID) {
		u.notes.discard()
		n := a.Note
		note = &n
	}
	open := u.currentID()
	trashed := false
	shown := u.libraryChanged(ids)
	u.apply(&change{
		news:   "Deleted " + named(ss),
		failed: "Couldn't delete",
		do: func() error {
			if note != nil {
				if err := u.lib.SetNote(u.ctx, open, *note); err != nil && !errors.Is(err, storage.ErrNotFound) {
					return err
				}
				note = nil
			}
			_, err := u.lib.Trash(u.ctx, ids)
			trashed = err == nil
			return err
		},
		undo: func() error {
			_, err := u.lib.Restore(u.ctx, ids)
			trashed = err != nil
			return err
		},
		shown: func() {
			if trashed && slices.Contains(ids, u.currentID()) {
				u.articleGone()
			}
			shown()
		},
	})
}
