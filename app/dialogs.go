package app

import (
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"
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

// dialogEntry is a text field for a dialog's form: a focused field takes
// every key, so it hands Escape and Enter to the dialog itself.
type dialogEntry struct {
	widget.Entry
	u *ui
}

// newDialogEntry makes a field for a dialog of u's.
func (u *ui) newDialogEntry() *dialogEntry {
	e := &dialogEntry{u: u}
	e.ExtendBaseWidget(e)
	return e
}

// TypedKey gives Escape and Enter to the dialog on top.
func (e *dialogEntry) TypedKey(k *fyne.KeyEvent) {
	if !e.u.dialogKey(k) {
		e.Entry.TypedKey(k)
	}
}

// dialogSelectEntry is dialogEntry with a list of choices.
type dialogSelectEntry struct {
	widget.SelectEntry
	u *ui
}

// newDialogSelectEntry makes a field offering options for a dialog of u's.
func (u *ui) newDialogSelectEntry(options []string) *dialogSelectEntry {
	e := &dialogSelectEntry{u: u}
	e.Wrapping = fyne.TextWrap(fyne.TextTruncateClip) // as widget.NewSelectEntry
	e.ExtendBaseWidget(e)
	e.SetOptions(options)
	return e
}

// TypedKey gives Escape and Enter to the dialog on top.
func (e *dialogSelectEntry) TypedKey(k *fyne.KeyEvent) {
	if !e.u.dialogKey(k) {
		e.SelectEntry.TypedKey(k)
	}
}

// dialogKey gives a field's Escape or Enter to the dialog on top, and
// reports whether it did.
func (u *ui) dialogKey(k *fyne.KeyEvent) bool {
	switch k.Name {
	case fyne.KeyEscape, fyne.KeyReturn, fyne.KeyEnter:
		return u.modalKey(k)
	}
	return false
}
