package app

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"app.margin/margin/app/reader"
)

// Preference keys of the reader's typography.
const (
	prefSerif   = "reader.serif"
	prefMeasure = "reader.measure"
	prefSpacing = "reader.spacing"
)

// Choices offered for the typography, as stored in the preferences and as
// shown in the settings.
var (
	measureNames = []string{"Narrow", "Medium", "Wide"}
	measures     = map[string]reader.Measure{"Narrow": reader.MeasureNarrow, "Medium": reader.MeasureMedium, "Wide": reader.MeasureWide}
	spacingNames = []string{"Compact", "Normal", "Relaxed"}
	spacings     = map[string]reader.Spacing{"Compact": reader.SpacingCompact, "Normal": reader.SpacingNormal, "Relaxed": reader.SpacingRelaxed}
	familyNames  = []string{"Sans-serif", "Serif"}
)

// loadTypography reads the reader's typography from the preferences; an
// unknown value (a newer Margin's, or edited by hand) is the default.
func (u *ui) loadTypography() reader.Typography {
	return reader.Typography{
		Serif:   u.prefs.Bool(prefSerif),
		Measure: measures[u.prefs.StringWithFallback(prefMeasure, "Medium")],
		Spacing: spacings[u.prefs.StringWithFallback(prefSpacing, "Normal")],
	}
}

// setTypography remembers a typography and applies it once the system
// fonts it needs are loaded (off Fyne's goroutine: a CJK face takes a few
// hundred milliseconds the first time).
func (u *ui) setTypography(t reader.Typography) {
	u.prefs.SetBool(prefSerif, t.Serif)
	u.prefs.SetString(prefMeasure, nameOf(measures, t.Measure))
	u.prefs.SetString(prefSpacing, nameOf(spacings, t.Spacing))
	u.refreshChecks()
	u.goFn(func() {
		reader.WarmFonts(t)
		fyne.Do(func() { u.reader.SetTypography(u.loadTypography()) }) // the latest choice, whichever finished first
	})
}

// changeTypography changes the typography from the preferences and applies
// it: the settings and the View menu both go through it.
func (u *ui) changeTypography(change func(*reader.Typography)) {
	t := u.loadTypography()
	change(&t)
	u.setTypography(t)
}

// typographyShortcuts are the View menu's submenus for the reader's font,
// line width and line spacing, the settings' choices, with the current
// one checked.
func (u *ui) typographyShortcuts() []shortcut {
	var out []shortcut
	for _, name := range familyNames {
		serif := name == "Serif"
		out = append(out, shortcut{menu: "View", sub: "Reader Font", label: name,
			run:   func() { u.changeTypography(func(t *reader.Typography) { t.Serif = serif }) },
			check: func() bool { return u.loadTypography().Serif == serif }})
	}
	for _, name := range measureNames {
		m := measures[name]
		out = append(out, shortcut{menu: "View", sub: "Line Width", label: name,
			run:   func() { u.changeTypography(func(t *reader.Typography) { t.Measure = m }) },
			check: func() bool { return u.loadTypography().Measure == m }})
	}
	for _, name := range spacingNames {
		s := spacings[name]
		out = append(out, shortcut{menu: "View", sub: "Line Spacing", label: name,
			run:   func() { u.changeTypography(func(t *reader.Typography) { t.Spacing = s }) },
			check: func() bool { return u.loadTypography().Spacing == s }})
	}
	return out
}

func nameOf[V comparable](m map[string]V, v V) string {
	for k, x := range m {
		if x == v {
			return k
		}
	}
	return ""
}

// typographyItems are the settings' rows for the reader's typography.
func (u *ui) typographyItems() []*widget.FormItem {
	t := u.loadTypography()
	radio := func(names []string, selected string, apply func(name string)) *widget.RadioGroup {
		r := widget.NewRadioGroup(names, nil)
		r.Horizontal, r.Required, r.Selected = true, true, selected
		r.OnChanged = func(name string) {
			if name != "" {
				apply(name)
			}
		}
		return r
	}
	family := familyNames[0]
	if t.Serif {
		family = familyNames[1]
	}
	return []*widget.FormItem{
		widget.NewFormItem("Reader font", radio(familyNames, family, func(name string) {
			u.changeTypography(func(t *reader.Typography) { t.Serif = name == "Serif" })
		})),
		widget.NewFormItem("Line width", radio(measureNames, nameOf(measures, t.Measure), func(name string) {
			u.changeTypography(func(t *reader.Typography) { t.Measure = measures[name] })
		})),
		widget.NewFormItem("Line spacing", radio(spacingNames, nameOf(spacings, t.Spacing), func(name string) {
			u.changeTypography(func(t *reader.Typography) { t.Spacing = spacings[name] })
		})),
	}
}

// startupTypography is t with one MARGIN_SHOW typography key applied
// ("font=serif", "measure=wide", "spacing=relaxed"); an unknown value
// leaves t as it is.
func startupTypography(t reader.Typography, key, val string) reader.Typography {
	name := strings.ToUpper(val[:min(1, len(val))]) + strings.ToLower(val[min(1, len(val)):])
	switch key {
	case "font":
		t.Serif = name == "Serif"
	case "measure":
		if m, ok := measures[name]; ok {
			t.Measure = m
		}
	case "spacing":
		if s, ok := spacings[name]; ok {
			t.Spacing = s
		}
	}
	return t
}
