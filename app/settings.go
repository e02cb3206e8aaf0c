package app

import (
	"fmt"
	"net/url"
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"app.margin/margin/storage"
)

// Preference keys (fyne.Preferences, kept per app ID between runs).
const (
	prefWindowWidth  = "window.width"
	prefWindowHeight = "window.height"
	prefSplitLibrary = "split.library"
	prefSplitNotes   = "split.notes"
	prefTheme        = "theme"
	prefFontSize     = "reader.fontSize"
	prefColor        = "highlight.color"
	prefNotesVisible = "notes.visible"
	prefSort         = "library.sort"
	prefView         = "library.view"
	prefLastArticle  = "library.lastArticle"
)

// Reader font sizes the settings allow, in points.
const (
	minFontSize     = 12
	maxFontSize     = 28
	defaultFontSize = 16
)

func (u *ui) loadPrefs() {
	u.themeChoice = u.prefs.StringWithFallback(prefTheme, themeSystem)
	if u.themeChoice != themeSystem {
		u.applyTheme()
	}
	u.fontSize = float32(u.prefs.FloatWithFallback(prefFontSize, defaultFontSize))
	u.fontSize = max(minFontSize, min(maxFontSize, u.fontSize))
	u.color = storage.Color(u.prefs.StringWithFallback(prefColor, string(storage.Yellow)))
	known := false
	for _, c := range storage.Colors {
		known = known || c == u.color
	}
	if !known {
		u.color = storage.Yellow
	}
}

// libraryPath is where the open library lives, when the library says so.
func (u *ui) libraryPath() string {
	if p, ok := u.lib.(interface{ Path() string }); ok {
		return p.Path()
	}
	return ""
}

// setTheme applies a theme choice at once and remembers it.
func (u *ui) setTheme(choice string) {
	u.themeChoice = choice
	u.prefs.SetString(prefTheme, choice)
	u.applyTheme()
	u.themeChanged()
}

// themeChanged redraws the highlight colours, which differ on dark themes.
func (u *ui) themeChanged() {
	u.toolbar.setDark(u.dark())
	u.work.themeChanged()
	u.notes.refreshColors()
}

// showSettings opens the settings dialog; changes apply as they are made.
func (u *ui) showSettings() {
	themes := map[string]string{"Follow the system": themeSystem, "Light": themeLight, "Dark": themeDark}
	names := []string{"Follow the system", "Light", "Dark"}
	themeRadio := widget.NewRadioGroup(names, func(name string) {
		if c, ok := themes[name]; ok && c != u.themeChoice {
			u.setTheme(c)
		}
	})
	themeRadio.Horizontal = true
	for name, c := range themes {
		if c == u.themeChoice {
			themeRadio.Selected = name
		}
	}
	themeRadio.Required = true

	sizeLabel := widget.NewLabel(fmt.Sprintf("%.0f pt", u.fontSize))
	slider := widget.NewSlider(minFontSize, maxFontSize)
	slider.Step = 1
	slider.Value = float64(u.fontSize)
	slider.OnChanged = func(v float64) {
		sizeLabel.SetText(fmt.Sprintf("%.0f pt", v))
		u.setFontSize(float32(v))
	}

	items := []*widget.FormItem{
		widget.NewFormItem("Theme", themeRadio),
		widget.NewFormItem("Reader text", container.NewBorder(nil, nil, nil, sizeLabel, slider)),
	}
	items = append(items, u.typographyItems()...)
	if path := u.libraryPath(); path != "" {
		pathEntry := widget.NewEntry()
		pathEntry.SetText(path)
		pathEntry.Disable()
		open := widget.NewButton("Open folder", func() {
			if err := u.app.OpenURL(fileURL(filepath.Dir(path))); err != nil {
				u.showError("Couldn't open the folder", err)
			}
		})
		items = append(items, widget.NewFormItem("Library", container.NewBorder(nil, nil, nil, open, pathEntry)))
		items = append(items, widget.NewFormItem("", widget.NewLabel("Start Margin with --library PATH to use another library.")))
	}
	d := dialog.NewCustom("Settings", "Close", widget.NewForm(items...), u.win)
	d.Resize(fyne.NewSize(620, 0))
	u.showNotice(d)
}

func fileURL(path string) *url.URL { return &url.URL{Scheme: "file", Path: path} }
