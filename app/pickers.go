package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	fynestorage "fyne.io/fyne/v2/storage"
)

// showFolderPicker shows Fyne's folder dialog in win at size, through
// show; done gets the folder chosen (nothing when the dialog is cancelled),
// failed an error listing folders.
func showFolderPicker(win fyne.Window, show func(dialog.Dialog), size fyne.Size, failed func(error), done func(dir string)) {
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
	show(d)
}

// showFilePicker shows Fyne's file dialog in win at size (through show), listing files
// with the given extensions; done gets the path of the file chosen (nothing
// when the dialog is cancelled), failed an error opening it. The file is
// closed at once: every caller reads it again by path, in the background.
func showFilePicker(win fyne.Window, show func(dialog.Dialog), size fyne.Size, extensions []string, failed func(error), done func(path string)) {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil {
			failed(err)
			return
		}
		if r == nil {
			return
		}
		path := r.URI().Path()
		_ = r.Close()
		done(path)
	}, win)
	d.SetFilter(fynestorage.NewExtensionFileFilter(extensions))
	d.Resize(size)
	show(d)
}

// showPicker shows a file or folder dialog, which Escape closes; Enter is
// its file name field's.
func (u *ui) showPicker(d dialog.Dialog) { u.showDialog(d, nil) }
