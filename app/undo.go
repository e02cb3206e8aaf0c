package app

import "fyne.io/fyne/v2"

// change is something the reader did that Undo takes back (Ctrl+Z, Edit >
// Undo, the snackbar's button) and Redo does again (Ctrl+Shift+Z).
type change struct {
	news   string // what the snackbar says once it is done: "Archived 3 articles"
	failed string // the title of the dialog when doing or undoing it fails
	// do and undo run off Fyne's goroutine, each one transaction; do runs
	// when the change is made and again on Redo.
	do, undo func() error
	// shown runs on Fyne's goroutine after do or undo succeeded, to show
	// the library as it now is.
	shown func()
}

// historyDepth is how many changes Undo can go back.
const historyDepth = 100

// history holds the changes Undo and Redo walk: done, newest last, and
// those undone since, the latest undone last.
type history struct {
	done, undone []*change
}

// apply makes c and records it for Undo, with an Undo button in the
// snackbar.
func (u *ui) apply(c *change) {
	u.run(c, c.do, func() {
		u.history.done = append(u.history.done, c)
		if n := len(u.history.done); n > historyDepth {
			u.history.done = u.history.done[n-historyDepth:]
		}
		u.history.undone = nil
		u.snack.show(c.news, "Undo", u.undo)
	})
}

// undo takes back the latest change done (Ctrl+Z).
func (u *ui) undo() {
	h := &u.history
	if len(h.done) == 0 {
		u.snack.show("Nothing to undo", "", nil)
		return
	}
	c := h.done[len(h.done)-1]
	h.done = h.done[:len(h.done)-1]
	u.run(c, c.undo, func() {
		h.undone = append(h.undone, c)
		u.snack.show("Undone: "+c.news, "Redo", u.redo)
	})
}

// redo does again the latest change undone (Ctrl+Shift+Z).
func (u *ui) redo() {
	h := &u.history
	if len(h.undone) == 0 {
		u.snack.show("Nothing to redo", "", nil)
		return
	}
	c := h.undone[len(h.undone)-1]
	h.undone = h.undone[:len(h.undone)-1]
	u.run(c, c.do, func() {
		h.done = append(h.done, c)
		u.snack.show(c.news, "Undo", u.undo)
	})
}

// run runs step of c in the background, then shows its outcome: the
// library as it is and then, when it worked, what succeeded says.
func (u *ui) run(c *change, step func() error, succeeded func()) {
	u.goFn(func() {
		err := step()
		fyne.Do(func() {
			if err != nil {
				u.showError(c.failed, err)
				return
			}
			if c.shown != nil {
				c.shown()
			}
			succeeded()
		})
	})
}
