package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"app.margin/margin/article"
	"app.margin/margin/internal/text"
	"app.margin/margin/storage"
)

// currentID is the id of the open article, 0 when none is open.
func (u *ui) currentID() int64 {
	if u.current == nil {
		return 0
	}
	return u.current.ID
}

// openArticle loads an article and its highlights and shows them, and
// restores the reading position. Opening does not mark it read: reaching
// its end does (see positionChanged), or Mark as Read, so a clip that opens
// itself stays in the Unread queue.
func (u *ui) openArticle(id int64) {
	if u.currentID() == id {
		return
	}
	u.loadArticle(id)
}

// loadArticle loads and shows article id even if it is open already (after
// a re-clip changed its text).
func (u *ui) loadArticle(id int64) { u.load(id, true) }

// load loads and shows article id; failures are shown when report is set.
func (u *ui) load(id int64, report bool) {
	u.openSeq++
	seq := u.openSeq
	u.goFn(func() {
		a, err := u.lib.Get(u.ctx, id)
		var hs []storage.Highlight
		var blocks []article.Block
		if err == nil {
			hs, err = u.lib.Highlights(u.ctx, id)
			blocks = article.Blocks(a.ContentHTML) // parsing a long article takes milliseconds: not on Fyne's goroutine
		}
		fyne.Do(func() {
			if seq != u.openSeq {
				return
			}
			if err != nil {
				if report {
					u.showError("Couldn't open the article", err)
				}
				return
			}
			u.show(a, blocks, hs)
		})
	})
}

// show puts a loaded article (with its blocks, article.Blocks of its content)
// in the reader and the notes panel.
func (u *ui) show(a *storage.Article, blocks []article.Block, hs []storage.Highlight) {
	u.current, u.selected = a, 0
	u.reader.SetArticleBlocks(a, blocks, hs)
	u.reader.ScrollTo(a.Position)
	u.notes.show(a, hs)
	u.work.place() // the filled panel may need more width than the empty one had
	u.library.markOpen(a.ID)
	u.win.SetTitle(text.OneLine(a.Title) + " — Margin")
	u.prefs.SetInt(prefLastArticle, int(a.ID))
	if f := u.afterShow; f != nil {
		u.afterShow = nil
		f()
	}
}

func (u *ui) positionChanged(pos float64) {
	a := u.current
	if a == nil {
		return
	}
	a.Position = pos
	id := a.ID
	u.library.update(id, func(s *storage.Summary) { s.Position = pos })
	u.goFn(func() { // the reader debounces
		if u.lib.SetPosition(u.ctx, id, pos) != nil || pos < storage.ReadEnd {
			return
		}
		fyne.Do(func() { u.showRead(id, false) }) // storage marked it read: its end is reached
	})
}

// toggleRead marks the open article read, or unread if it is read (M).
func (u *ui) toggleRead() {
	if a := u.current; a != nil {
		u.setUnread(a.ID, !a.Unread)
	}
}

// setUnread marks article id unread (v) or read, and shows it.
func (u *ui) setUnread(id int64, v bool) {
	u.goFn(func() {
		err := u.lib.SetUnread(u.ctx, id, v)
		fyne.Do(func() {
			if err != nil {
				u.showError("Couldn't save that change", err)
				return
			}
			u.showRead(id, v)
		})
	})
}

// showRead shows article id as unread (v) or read in the reader's state and
// its list row.
func (u *ui) showRead(id int64, v bool) {
	if u.currentID() == id {
		u.current.Unread = v
	}
	u.library.update(id, func(s *storage.Summary) { s.Unread = v })
}

// setArchived moves article id into (v) or out of the archive from the
// list, and shows it there and in the notes panel.
func (u *ui) setArchived(id int64, v bool) {
	u.goFn(func() {
		err := u.lib.SetArchived(u.ctx, id, v)
		fyne.Do(func() {
			if err != nil {
				u.showError("Couldn't save that change", err)
				return
			}
			if u.currentID() == id {
				u.current.Archived = v
				u.notes.showArchived(v)
			}
			u.library.update(id, func(s *storage.Summary) { s.Archived = v })
			u.library.remove(id, v)
		})
	})
}

// deleteArticle deletes the open article, with its highlights and notes,
// once the reader confirms.
func (u *ui) deleteArticle() {
	if a := u.current; a != nil {
		u.confirmDelete(a.ID, a.Title)
	}
}

// confirmDelete deletes article id (titled title), with its highlights and
// notes, once the reader confirms.
func (u *ui) confirmDelete(id int64, title string) {
	msg := widget.NewLabel("Its highlights and notes are deleted with it. This cannot be undone.")
	msg.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustomConfirm("Delete “"+excerpt(title, 60)+"”?", "Delete", "Cancel", msg, func(ok bool) {
		if !ok {
			return
		}
		if u.currentID() == id {
			u.notes.discard() // pending edits would only fail on a deleted article
		}
		u.goFn(func() {
			err := u.lib.Delete(u.ctx, id)
			fyne.Do(func() {
				if err != nil {
					u.showError("Couldn't delete the article", err)
					return
				}
				if u.currentID() == id {
					u.openSeq++
					u.current, u.selected = nil, 0
					u.reader.SetArticle(nil, nil)
					u.notes.clear()
					u.win.SetTitle("Margin")
				}
				u.snack.show("Deleted: "+text.OneLine(title), "", nil)
				u.library.reload(false)
				u.library.reloadTags()
			})
		})
	}, u.win)
	d.SetConfirmImportance(widget.DangerImportance)
	d.Resize(fyne.NewSize(480, 0))
	u.showConfirm(d)
}
