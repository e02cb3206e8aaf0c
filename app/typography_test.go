package app

import (
	"slices"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"app.margin/margin/app/reader"
)

// TestTypographySettings chooses the reader's font, line width and line
// spacing in the settings: each applies at once, and the next window starts
// with them.
func TestTypographySettings(t *testing.T) {
	u, clock := newTestUI(t, newArticleLib(), nil)
	if got, want := u.reader.Typography(), (reader.Typography{}); got != want {
		t.Fatalf("first start: %+v, want the defaults %+v", got, want)
	}
	u.showSettings()
	radios := map[string]*widget.RadioGroup{}
	walk(u.win.Canvas().Overlays().Top(), func(o fyne.CanvasObject) {
		if r, ok := o.(*widget.RadioGroup); ok {
			for _, name := range []string{"Serif", "Wide", "Relaxed"} {
				if slices.Contains(r.Options, name) {
					radios[name] = r
				}
			}
		}
	})
	if len(radios) != 3 {
		t.Fatalf("settings offer %d of font, line width and line spacing", len(radios))
	}
	for name, r := range radios {
		r.SetSelected(name)
	}
	want := reader.Typography{Serif: true, Measure: reader.MeasureWide, Spacing: reader.SpacingRelaxed}
	if got := u.reader.Typography(); got != want {
		t.Errorf("after choosing: %+v, want %+v", got, want)
	}
	next := newUIWith(u.app, newArticleLib(), nil, func(n *ui) { n.sched = clock })
	defer next.win.Close()
	if got := next.reader.Typography(); got != want {
		t.Errorf("next window: %+v, want %+v", got, want)
	}
}

func TestStartupTypography(t *testing.T) {
	tests := []struct {
		key, val string
		want     reader.Typography
	}{
		{"font", "serif", reader.Typography{Serif: true}},
		{"font", "sans", reader.Typography{}},
		{"measure", "wide", reader.Typography{Measure: reader.MeasureWide}},
		{"spacing", "Relaxed", reader.Typography{Spacing: reader.SpacingRelaxed}},
		{"spacing", "enormous", reader.Typography{}},
		{"measure", "", reader.Typography{}},
	}
	for _, tc := range tests {
		if got := startupTypography(reader.Typography{}, tc.key, tc.val); got != tc.want {
			t.Errorf("%s=%s: %+v, want %+v", tc.key, tc.val, got, tc.want)
		}
	}
	serif := reader.Typography{Serif: true}
	if got := startupTypography(serif, "font", "gothic"); got != serif {
		t.Errorf("font=gothic on serif: %+v, want it left as it is", got)
	}
}

// menuItem is the item of the main menu at path (menu, submenus, item),
// nil when there is none.
func menuItem(m *fyne.MainMenu, path ...string) *fyne.MenuItem {
	items := []*fyne.MenuItem{}
	for _, menu := range m.Items {
		if menu.Label == path[0] {
			items = menu.Items
		}
	}
	for i, name := range path[1:] {
		for _, it := range items {
			if it.Label != name {
				continue
			}
			if i == len(path)-2 {
				return it
			}
			if it.ChildMenu != nil {
				items = it.ChildMenu.Items
			}
			break
		}
	}
	return nil
}

// TestTypographyFromTheViewMenu chooses the reader's font, line width and
// line spacing in the View menu: each applies at once, moves the check
// mark, is what the settings show (opened afterwards, or open already),
// and the next window starts with it.
func TestTypographyFromTheViewMenu(t *testing.T) {
	u, clock := newTestUI(t, newArticleLib(), nil)
	menu := u.win.MainMenu()
	checked := func() []string {
		var on []string
		for _, sub := range []struct {
			name    string
			choices []string
		}{{"Reader Font", familyNames}, {"Line Width", measureNames}, {"Line Spacing", spacingNames}} {
			for _, c := range sub.choices {
				if it := menuItem(menu, "View", sub.name, c); it == nil {
					t.Fatalf("no View > %s > %s", sub.name, c)
				} else if it.Checked {
					on = append(on, c)
				}
			}
		}
		return on
	}
	if got, want := checked(), []string{"Sans-serif", "Medium", "Normal"}; !slices.Equal(got, want) {
		t.Errorf("first start: %v checked, want %v", got, want)
	}
	tests := []struct {
		sub, choice string
		want        reader.Typography
		checked     []string
	}{
		{"Reader Font", "Serif", reader.Typography{Serif: true}, []string{"Serif", "Medium", "Normal"}},
		{"Line Width", "Narrow", reader.Typography{Serif: true, Measure: reader.MeasureNarrow}, []string{"Serif", "Narrow", "Normal"}},
		{"Line Spacing", "Compact", reader.Typography{Serif: true, Measure: reader.MeasureNarrow, Spacing: reader.SpacingCompact}, []string{"Serif", "Narrow", "Compact"}},
		{"Line Width", "Wide", reader.Typography{Serif: true, Measure: reader.MeasureWide, Spacing: reader.SpacingCompact}, []string{"Serif", "Wide", "Compact"}},
		{"Reader Font", "Sans-serif", reader.Typography{Measure: reader.MeasureWide, Spacing: reader.SpacingCompact}, []string{"Sans-serif", "Wide", "Compact"}},
		{"Line Spacing", "Relaxed", reader.Typography{Measure: reader.MeasureWide, Spacing: reader.SpacingRelaxed}, []string{"Sans-serif", "Wide", "Relaxed"}},
	}
	// selected is what the open settings dialog's typography choices show.
	selected := func() []string {
		var out []string
		walk(u.win.Canvas().Overlays().Top(), func(o fyne.CanvasObject) {
			if r, ok := o.(*widget.RadioGroup); ok && !slices.Contains(r.Options, "Dark") { // not the theme's
				out = append(out, r.Selected)
			}
		})
		return out
	}
	for i, tc := range tests {
		if i == 3 { // the rest with the settings open: they follow the menu
			u.showSettings()
			if got := selected(); !slices.Equal(got, tests[i-1].checked) {
				t.Errorf("the settings open with %v, want %v", got, tests[i-1].checked)
			}
		}
		menuItem(menu, "View", tc.sub, tc.choice).Action()
		if got := u.reader.Typography(); got != tc.want {
			t.Errorf("after View > %s > %s: reader %+v, want %+v", tc.sub, tc.choice, got, tc.want)
		}
		if got := checked(); !slices.Equal(got, tc.checked) {
			t.Errorf("after View > %s > %s: %v checked, want %v", tc.sub, tc.choice, got, tc.checked)
		}
		if got := selected(); i >= 3 && !slices.Equal(got, tc.checked) {
			t.Errorf("after View > %s > %s: the open settings show %v, want %v", tc.sub, tc.choice, got, tc.checked)
		}
	}
	want := tests[len(tests)-1].want
	next := newUIWith(u.app, newArticleLib(), nil, func(n *ui) { n.sched = clock })
	defer next.win.Close()
	if got := next.reader.Typography(); got != want {
		t.Errorf("next window: %+v, want %+v", got, want)
	}
	if got := menuItem(next.win.MainMenu(), "View", "Line Spacing", "Relaxed"); got == nil || !got.Checked {
		t.Error("next window: View > Line Spacing > Relaxed not checked")
	}
}
