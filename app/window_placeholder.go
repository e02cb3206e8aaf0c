//go:build !marginui

// Package app is Margin's desktop interface (Fyne): the library list, the
// clip bar, the reader with character-level highlights, and the notes panel.
// It is the only package besides main that imports fyne.
package app

// CONTRACT PLACEHOLDER: the app helper replaces this file.

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"margin/clip"
	"margin/storage"
)

// New builds the main window over a library and a clipper.
func New(a fyne.App, lib *storage.Library, clipper *clip.Client) fyne.Window {
	w := a.NewWindow("Margin")
	w.SetContent(widget.NewLabel("Margin"))
	return w
}
