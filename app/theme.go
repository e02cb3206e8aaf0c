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

// variantTheme is Fyne's theme with its light/dark variant fixed, so the
// setting wins over the desktop's preference.
type variantTheme struct {
	fyne.Theme
	variant fyne.ThemeVariant
}

var _ fyne.Theme = (*variantTheme)(nil)

func (t *variantTheme) Color(n fyne.ThemeColorName, _ fyne.ThemeVariant) color.Color {
	return t.Theme.Color(n, t.variant)
}

// themeFor returns the theme for a choice; themeSystem follows the desktop
// (and FYNE_THEME).
func themeFor(choice string) fyne.Theme {
	switch choice {
	case themeLight:
		return &variantTheme{Theme: theme.DefaultTheme(), variant: theme.VariantLight}
	case themeDark:
		return &variantTheme{Theme: theme.DefaultTheme(), variant: theme.VariantDark}
	}
	return theme.DefaultTheme()
}

// isDark reports whether the app's current theme has a dark background
// (whatever chose it: the setting, the desktop or FYNE_THEME).
func isDark(a fyne.App) bool {
	s := a.Settings()
	return reader.IsDarkBackground(s.Theme().Color(theme.ColorNameBackground, s.ThemeVariant()))
}
