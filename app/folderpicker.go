package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
)

// showFolderPicker shows Fyne's folder dialog in win at size; done gets
// the folder chosen (nothing when the dialog is cancelled), failed an
// error listing folders.
func showFolderPicker(win fyne.Window, size fyne.Size, failed func(error), done func(dir string)) {
	d := dialog.NewFolderOpen(func(dir fyne.ListableURI, err error) {
		if err != nil {
			failed(err)
			return
		}
		if dir != nil {
			done(dir.Path())
		}
	}, win)
	d.Resize(size)
	d.Show()
}
