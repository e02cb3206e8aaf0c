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
	u.typoRadio.show(t)
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

// typographyRadios are the settings' choices of the reader's font, line
// width and line spacing (those of the dialog open last, nil before one
// opens): the View menu changes the same setting, so setTypography shows
// every change in them.
type typographyRadios struct {
	family, measure, spacing *widget.RadioGroup
}

// show selects t's choices, without calling back.
func (r typographyRadios) show(t reader.Typography) {
	if r.family == nil {
		return
	}
	for g, name := range map[*widget.RadioGroup]string{
		r.family: familyName(t.Serif), r.measure: nameOf(measures, t.Measure), r.spacing: nameOf(spacings, t.Spacing),
	} {
		if g.Selected != name {
			g.Selected = name
			g.Refresh()
		}
	}
}

func familyName(serif bool) string {
	if serif {
		return familyNames[1]
	}
	return familyNames[0]
}

// typographyItems are the settings' rows for the reader's typography.
func (u *ui) typographyItems() []*widget.FormItem {
	radio := func(names []string, apply func(name string)) *widget.RadioGroup {
		r := widget.NewRadioGroup(names, nil)
		r.Horizontal, r.Required = true, true
		r.OnChanged = func(name string) {
			if name != "" {
				apply(name)
			}
		}
		return r
	}
	u.typoRadio = typographyRadios{
		family: radio(familyNames, func(name string) {
			u.changeTypography(func(t *reader.Typography) { t.Serif = name == "Serif" })
		}),
		measure: radio(measureNames, func(name string) {
			u.changeTypography(func(t *reader.Typography) { t.Measure = measures[name] })
		}),
		spacing: radio(spacingNames, func(name string) {
			u.changeTypography(func(t *reader.Typography) { t.Spacing = spacings[name] })
		}),
	}
	u.typoRadio.show(u.loadTypography())
	return []*widget.FormItem{
		widget.NewFormItem("Reader font", u.typoRadio.family),
		widget.NewFormItem("Line width", u.typoRadio.measure),
		widget.NewFormItem("Line spacing", u.typoRadio.spacing),
	}
}

// startupTypography is t with one MARGIN_SHOW typography key applied
// ("font=serif", "measure=wide", "spacing=relaxed"); an unknown value
// leaves t as it is.
func startupTypography(t reader.Typography, key, val string) reader.Typography {
	name := strings.ToUpper(val[:min(1, len(val))]) + strings.ToLower(val[min(1, len(val)):])
	switch key {
	case "font":
		switch name {
		case "Serif":
			t.Serif = true
		case "Sans", familyNames[0]:
			t.Serif = false
		}
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
