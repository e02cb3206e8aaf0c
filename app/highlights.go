package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"

	"app.margin/margin/storage"
)

// highlightWith turns the reader's selection into a highlight of colour c.
func (u *ui) highlightWith(c storage.Color) {
	u.setColor(c)
	u.reader.HighlightSelection(c)
}

func (u *ui) setColor(c storage.Color) {
	u.color = c
	u.reader.SetHighlightColor(c) // H in the reader uses this colour too
	u.prefs.SetString(prefColor, string(c))
	u.toolbar.setColor(c)
}

// addHighlight stores a highlight over start..end of the open article. A
// highlight over others merges with them (one highlight in the new colour,
// their notes joined), so colours never stack and a quote is exported once.
func (u *ui) addHighlight(start, end int, c storage.Color) {
	a := u.current
	if a == nil || end <= start {
		return
	}
	u.setColor(c) // H and the keys 1-5 in the reader choose colours too
	u.goFn(func() {
		h, with, err := u.lib.MergeHighlight(u.ctx, storage.Highlight{ArticleID: a.ID, Start: start, End: end, Color: c})
		fyne.Do(func() {
			if err != nil {
				u.showError("Couldn't save the highlight", err)
				return
			}
			u.reader.ClearSelection()
			u.reloadHighlights(a.ID, h.ID)
			switch {
			case with == 1:
				u.snack.show("Merged with the highlight it overlapped", "", nil)
			case with > 1:
				u.snack.show("Merged with the "+plural(with, "highlight", "highlights")+" it overlapped", "", nil)
			}
		})
	})
}

// reloadHighlights reads the article's highlights again and shows them,
// selecting the highlight sel (0 for none).
func (u *ui) reloadHighlights(articleID, sel int64) {
	u.goFn(func() {
		hs, err := u.lib.Highlights(u.ctx, articleID)
		fyne.Do(func() {
			if u.currentID() != articleID {
				return
			}
			if err != nil {
				u.showError("Couldn't load the highlights", err)
				return
			}
			u.reader.SetHighlights(hs)
			u.notes.setHighlights(hs)
			u.selectHighlight(sel)
		})
	})
}

// selectHighlight marks highlight id (0: none) in the reader and the notes
// panel, and shows the notes panel if it was hidden.
func (u *ui) selectHighlight(id int64) {
	u.selected = id
	if id != 0 && !u.notesBox.Visible() {
		u.toggleNotes() // first: the panel scrolls to the card once it is laid out
	}
	u.notes.selectHighlight(id)
	u.reader.SelectHighlight(id)
}

// deleteSelected deletes the highlight selected in the notes panel. Its card
// holds the note as last typed, which Undo puts back.
func (u *ui) deleteSelected() {
	if c, ok := u.notes.cards[u.selected]; ok {
		u.deleteHighlight(c.h)
	}
}

// deleteHighlight deletes h and offers to undo it. An orphaned highlight
// cannot be put back where it was, so it asks first instead.
func (u *ui) deleteHighlight(h storage.Highlight) {
	if h.Orphaned {
		u.showConfirm(dialog.NewConfirm("Delete this highlight?",
			"It could not be placed in the re-clipped article, so deleting it cannot be undone.",
			func(ok bool) {
				if ok {
					u.run(&change{failed: "Couldn't delete the highlight", shown: func() { u.reloadHighlights(h.ArticleID, 0) }},
						func() error { return u.lib.DeleteHighlight(u.ctx, h.ID) }, func() {})
				}
			}, u.win))
		return
	}
	stored := h // Undo stores it again under a new id, which Redo deletes
	sel := int64(0)
	u.apply(&change{
		news:   "Highlight deleted",
		failed: "Couldn't change the highlights",
		do: func() error {
			sel = 0
			return u.lib.DeleteHighlight(u.ctx, stored.ID)
		},
		undo: func() error {
			added, err := u.restoreHighlight(stored)
			if err == nil {
				stored, sel = added, added.ID
			}
			return err
		},
		shown: func() { u.reloadHighlights(h.ArticleID, sel) },
	})
}

// restoreHighlight stores a deleted highlight again (with a new id), its
// note as last typed included. It does I/O: call it off Fyne's goroutine.
func (u *ui) restoreHighlight(h storage.Highlight) (storage.Highlight, error) {
	restored := h
	restored.ID = 0
	added, err := u.lib.AddHighlight(u.ctx, restored)
	if err == nil && h.Note != "" && added.Note != h.Note {
		added, err = u.lib.UpdateHighlight(u.ctx, added.ID, h.Color, h.Note)
	}
	return added, err
}
