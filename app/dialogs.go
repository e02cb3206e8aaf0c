package app

import (
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
)

// modal is a dialog on screen and what Enter does in it.
type modal struct {
	d       dialog.Dialog
	confirm func() // nil when Enter does nothing (a progress dialog's one button cancels)
}

// showDialog shows d, which Escape then dismisses and Enter confirms
// (confirm nil: Enter does nothing). Fyne's dialogs take neither key
// themselves; every dialog of the window goes through here.
func (u *ui) showDialog(d dialog.Dialog, confirm func()) {
	m := &modal{d: d, confirm: confirm}
	u.modals = append(u.modals, m)
	d.SetOnClosed(func() {
		u.modals = slices.DeleteFunc(u.modals, func(have *modal) bool { return have == m })
	})
	d.Show()
}

// showConfirm shows a confirmation, whose Enter is its confirm button.
func (u *ui) showConfirm(d *dialog.ConfirmDialog) { u.showDialog(d, d.Confirm) }

// showNotice shows a dialog with a single button that only closes it, so
// Enter closes it as Escape does.
func (u *ui) showNotice(d dialog.Dialog) { u.showDialog(d, d.Dismiss) }

// modalKey gives Escape and Enter to the dialog on top, and reports
// whether there is one: then no other key reaches the window under it.
func (u *ui) modalKey(e *fyne.KeyEvent) bool {
	if len(u.modals) == 0 {
		return false
	}
	top := u.modals[len(u.modals)-1]
	switch e.Name {
	case fyne.KeyEscape:
		top.d.Dismiss()
	case fyne.KeyReturn, fyne.KeyEnter:
		if top.confirm != nil {
			top.confirm()
		}
	}
	return true
}
