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
// setting wins over the desktop's preference) and its own CJK fonts, so
// that bold text is bold in Chinese, Japanese and Korean too.
type marginTheme struct {
	fyne.Theme
	variant fyne.ThemeVariant
	fixed   bool // variant applies; else the desktop's (and FYNE_THEME's)
	cjk     cjkFonts
}

// cjkFonts are the theme's fonts for CJK text: the system's CJK faces
// reduced to the characters Fyne's own fonts lack (reader.BoldCJKFallback,
// reader.RegularCJKFallback). Fyne tries the theme's font first and its
// own second, and for what neither has falls back to a regular system
// face, which is why CJK was never bold. nil: Fyne's fonts.
type cjkFonts struct {
	regular, bold fyne.Resource
}

var _ fyne.Theme = (*marginTheme)(nil)

func (t *marginTheme) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	if t.fixed {
		v = t.variant
	}
	return t.Theme.Color(n, v)
}

func (t *marginTheme) Font(s fyne.TextStyle) fyne.Resource {
	f := t.cjk.regular
	if s.Bold {
		f = t.cjk.bold
	}
	if f != nil && !s.Monospace && !s.Symbol {
		return f
	}
	return t.Theme.Font(s)
}

// themeFor returns the theme for a choice, with cjk as its CJK fonts;
// themeSystem is system, the theme the app started with, which follows
// the desktop (and FYNE_THEME).
func themeFor(choice string, system fyne.Theme, cjk cjkFonts) fyne.Theme {
	t := &marginTheme{Theme: theme.DefaultTheme(), cjk: cjk}
	switch choice {
	case themeLight:
		t.variant, t.fixed = theme.VariantLight, true
	case themeDark:
		t.variant, t.fixed = theme.VariantDark, true
	default:
		if cjk == (cjkFonts{}) {
			return system
		}
		t.Theme = system
	}
	return t
}

// applyTheme sets the theme of the current choice and CJK fonts.
func (u *ui) applyTheme() {
	u.app.Settings().SetTheme(themeFor(u.themeChoice, u.systemTheme, u.cjk))
}

// loadCJKFonts makes the theme's CJK fonts theirs: at once when they were
// made while the library opened (OpenLibrary), else off Fyne's goroutine
// (the first run cuts them from the system's faces in about a third of a
// second each; later runs read them), bold first. Without them the fonts
// stay Fyne's.
func (u *ui) loadCJKFonts() {
	if regular, bold, ok := reader.MadeCJKFallbacks(); ok { // made while the library opened
		u.cjk = cjkFonts{regular: regular, bold: bold}
		if u.cjk != (cjkFonts{}) {
			u.applyTheme()
		}
		return
	}
	u.goFn(func() {
		if bold := reader.BoldCJKFallback(); bold != nil {
			fyne.Do(func() { u.cjk.bold = bold; u.applyTheme() })
		}
		if regular := reader.RegularCJKFallback(); regular != nil {
			fyne.Do(func() { u.cjk.regular = regular; u.applyTheme() })
		}
	})
}

// isDark reports whether the app's current theme has a dark background
// (whatever chose it: the setting, the desktop or FYNE_THEME).
func isDark(a fyne.App) bool {
	s := a.Settings()
	return reader.IsDarkBackground(s.Theme().Color(theme.ColorNameBackground, s.ThemeVariant()))
}
