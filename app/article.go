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

// openArticle loads an article and its highlights and shows them, marks it
// read, and restores the reading position.
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
		if err == nil && a.Unread {
			if u.lib.SetUnread(u.ctx, id, false) == nil {
				a.Unread = false
			}
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
	u.goFn(func() { _ = u.lib.SetPosition(u.ctx, id, pos) }) // the reader debounces
}

// deleteArticle deletes the open article, with its highlights and notes,
// once the reader confirms.
func (u *ui) deleteArticle() {
	a := u.current
	if a == nil {
		return
	}
	msg := widget.NewLabel("Its highlights and notes are deleted with it. This cannot be undone.")
	msg.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustomConfirm("Delete “"+excerpt(a.Title, 60)+"”?", "Delete", "Cancel", msg, func(ok bool) {
		if !ok {
			return
		}
		u.notes.discard() // pending edits would only fail on a deleted article
		u.goFn(func() {
			err := u.lib.Delete(u.ctx, a.ID)
			fyne.Do(func() {
				if err != nil {
					u.showError("Couldn't delete the article", err)
					return
				}
				if u.currentID() == a.ID {
					u.openSeq++
					u.current, u.selected = nil, 0
					u.reader.SetArticle(nil, nil)
					u.notes.clear()
					u.win.SetTitle("Margin")
				}
				u.snack.show("Deleted: "+text.OneLine(a.Title), "", nil)
				u.library.reload(false)
				u.library.reloadTags()
			})
		})
	}, u.win)
	d.SetConfirmImportance(widget.DangerImportance)
	d.Resize(fyne.NewSize(480, 0))
	d.Show()
}
