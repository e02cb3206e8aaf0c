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
}
