package app

import (
	"errors"
	"io/fs"
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	marginstorage "app.margin/margin/storage"
)

// newLibraryName is the file a new library gets in the folder chosen for it.
const newLibraryName = "library.db"

// openFailed is the window shown instead of the main window when the library
// cannot be opened: the reason in plain words, and a way to another library.
type openFailed struct {
	win    fyne.Window
	path   *widget.Label
	reason *widget.Label // in plain words
	detail *widget.Label // the error itself, for a bug report
	open   func(path string, done func(error))

	// The pickers; tests replace them.
	pickLibrary func(done func(path string))
	pickFolder  func(done func(dir string))
}

// OpenFailed returns the window that says why the library at path could not
// be opened (err) and offers to choose another library or to create a new
// one. open opens the library at a path and shows its window, then tells
// done how it went (it may do so later, from Fyne's goroutine: an upgrade
// runs in the background); when it failed the window shows the new reason,
// when it opened the window closes. The
// window is not shown; call Show (or ShowAndRun) on it.
func OpenFailed(a fyne.App, path string, err error, open func(path string, done func(error))) fyne.Window {
	return newOpenFailed(a, path, err, open).win
}

func newOpenFailed(a fyne.App, path string, err error, open func(path string, done func(error))) *openFailed {
	f := &openFailed{win: a.NewWindow("Margin"), open: open,
		path: widget.NewLabel(""), reason: widget.NewLabel(""), detail: widget.NewLabel("")}
	f.pickLibrary, f.pickFolder = f.pickLibraryDialog, f.pickFolderDialog
	f.path.Wrapping = fyne.TextWrapBreak
	f.path.TextStyle = fyne.TextStyle{Monospace: true}
	f.reason.Wrapping = fyne.TextWrapWord
	f.detail.Wrapping = fyne.TextWrapBreak
	f.detail.Importance = widget.LowImportance
	f.show(path, err)

	heading := widget.NewLabelWithStyle("Margin could not open your library", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	choose := widget.NewButtonWithIcon("Choose Another Library…", theme.FolderOpenIcon(), f.chooseLibrary)
	choose.Importance = widget.HighImportance
	create := widget.NewButtonWithIcon("Create a New Library…", theme.ContentAddIcon(), f.createLibrary)
	quit := widget.NewButton("Quit", f.win.Close)
	hint := widget.NewLabel("Choose another library, or create a new, empty one: the file above stays where it is.")
	hint.Wrapping = fyne.TextWrapWord
	hint.Importance = widget.LowImportance
	f.win.SetContent(container.NewPadded(container.NewVBox(
		heading, f.path, f.reason, f.detail, hint, widget.NewSeparator(),
		container.NewHBox(choose, create, quit),
	)))
	f.win.Resize(fyne.NewSize(720, 480)) // room for the file dialogs, drawn inside the window
	return f
}

// show puts a library's path and what went wrong with it in the window.
func (f *openFailed) show(path string, err error) {
	f.path.SetText(path)
	f.reason.SetText(whyNotOpened(err))
	f.detail.SetText("Details: " + err.Error())
}

// try opens the library at path, closing this window once its own is shown.
func (f *openFailed) try(path string) {
	f.open(path, func(err error) {
		if err != nil {
			f.show(path, err)
			return
		}
		f.win.Close()
	})
}

func (f *openFailed) chooseLibrary() { f.pickLibrary(f.try) }

// createLibrary makes a library in a chosen folder. A folder is asked for,
// not a file name, so that no existing file can be chosen and overwritten:
// a library already in that folder is opened as it is.
func (f *openFailed) createLibrary() {
	f.pickFolder(func(dir string) { f.try(filepath.Join(dir, newLibraryName)) })
}

func (f *openFailed) pickLibraryDialog(done func(path string)) {
	showFilePicker(f.win, dialog.Dialog.Show, fyne.NewSize(700, 460), []string{".db"}, func(err error) { f.reason.SetText(plainWords(err)) }, done)
}

func (f *openFailed) pickFolderDialog(done func(dir string)) {
	showFolderPicker(f.win, dialog.Dialog.Show, fyne.NewSize(700, 460), func(err error) { f.reason.SetText(plainWords(err)) }, done)
}

// whyNotOpened says in plain words why a library could not be opened.
func whyNotOpened(err error) string {
	switch {
	case errors.Is(err, marginstorage.ErrTooNew):
		return "This library was written by a newer version of Margin. Install the newer version to open it, or choose another library."
	case errors.Is(err, marginstorage.ErrNotLibrary):
		return "This file is not a Margin library, or it is damaged."
	case errors.Is(err, fs.ErrPermission):
		return "Margin is not allowed to read or write this library or its folder. Check their permissions, or choose another library."
	}
	return plainWords(err)
}
