package app

import (
	"fyne.io/fyne/v2"

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
