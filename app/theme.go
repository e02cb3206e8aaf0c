package app

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"app.margin/margin/app/reader"
)

// Theme choices stored in the preferences.
const (
	themeSystem = "system"
	themeLight  = "light"
	themeDark   = "dark"
)

// marginTheme is Fyne's theme with its light/dark variant fixed (so the
// setting wins over the desktop's preference) and bold text that is bold
// in Chinese, Japanese and Korean too.
type marginTheme struct {
	fyne.Theme
	variant fyne.ThemeVariant
	fixed   bool // variant applies; else the desktop's (and FYNE_THEME's)
	// bold has the bold CJK glyphs only (reader.BoldCJKFallback): Fyne
	// falls back to its own bold for the rest, and to a regular system
	// face for CJK, which is why CJK was never bold. nil: Fyne's bold.
	bold fyne.Resource
}

var _ fyne.Theme = (*marginTheme)(nil)

func (t *marginTheme) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	if t.fixed {
		v = t.variant
	}
	return t.Theme.Color(n, v)
}

func (t *marginTheme) Font(s fyne.TextStyle) fyne.Resource {
	if t.bold != nil && s.Bold && !s.Monospace && !s.Symbol {
		return t.bold
	}
	return t.Theme.Font(s)
}

// themeFor returns the theme for a choice, with bold as its bold font
// (nil: Fyne's); themeSystem is system, the theme the app started with,
// which follows the desktop (and FYNE_THEME).
func themeFor(choice string, system fyne.Theme, bold fyne.Resource) fyne.Theme {
	t := &marginTheme{Theme: theme.DefaultTheme(), bold: bold}
	switch choice {
	case themeLight:
		t.variant, t.fixed = theme.VariantLight, true
	case themeDark:
		t.variant, t.fixed = theme.VariantDark, true
	default:
		if bold == nil {
			return system
		}
		t.Theme = system
	}
	return t
}

// applyTheme sets the theme of the current choice and bold font.
func (u *ui) applyTheme() {
	u.app.Settings().SetTheme(themeFor(u.themeChoice, u.systemTheme, u.boldFont))
}

// loadBoldFont finds the system's bold CJK face off Fyne's goroutine (it
// takes a tenth of a second, which the first window should not wait for)
// and then makes it the theme's bold. Without one, bold stays Fyne's.
func (u *ui) loadBoldFont() {
	u.goFn(func() {
		bold := reader.BoldCJKFallback()
		if bold == nil {
			return
		}
		fyne.Do(func() {
			u.boldFont = bold
			u.applyTheme()
		})
	})
}

// isDark reports whether the app's current theme has a dark background
// (whatever chose it: the setting, the desktop or FYNE_THEME).
func isDark(a fyne.App) bool {
	s := a.Settings()
	return reader.IsDarkBackground(s.Theme().Color(theme.ColorNameBackground, s.ThemeVariant()))
}
