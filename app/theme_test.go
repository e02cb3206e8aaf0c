package app

import (
	"image"
	"os"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// ink is how many pixels of img differ clearly from its top-left corner,
// the background: the strokes of the text drawn on it.
func ink(img image.Image) int {
	bg := img.At(img.Bounds().Min.X, img.Bounds().Min.Y)
	br, bgG, bb, _ := bg.RGBA()
	n := 0
	for y := img.Bounds().Min.Y; y < img.Bounds().Max.Y; y++ {
		for x := img.Bounds().Min.X; x < img.Bounds().Max.X; x++ {
			r, g, b, _ := img.At(x, y).RGBA()
			if d := absDiff(r, br) + absDiff(g, bgG) + absDiff(b, bb); d > 3*0x4000 {
				n++
			}
		}
	}
	return n
}

func absDiff(a, b uint32) uint32 {
	if a > b {
		return a - b
	}
	return b - a
}

// TestBoldLabelsAreBoldInChinese renders the same Chinese in a regular
// and a bold label, as the list's titles and the snippets' matches are
// drawn: with the system's bold CJK face as the theme's bold, the bold
// strokes are clearly heavier (Fyne's fallback for CJK alone has one
// weight, so they used to be the same), and Latin bold is unchanged.
func TestBoldLabelsAreBoldInChinese(t *testing.T) {
	u, _ := newTestUI(t, &fakeLibrary{}, nil)
	if u.cjk.bold == nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("no bold CJK face found (fc-match 'sans-serif:lang=zh-cn:weight=bold'); make deps installs fonts-noto-cjk")
		}
		t.Skip("this system has no bold CJK face (install fonts-noto-cjk)")
	}
	const zh = "的专家团队为何强"
	regular := widget.NewLabel(zh)
	bold := widget.NewLabelWithStyle(zh, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	latin := widget.NewLabelWithStyle("OpenAI experts", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	u.win.SetContent(container.NewVBox(regular, bold, latin))
	u.win.Resize(fyne.NewSize(400, 200))
	capture := func(o fyne.CanvasObject) image.Image {
		img := u.win.Canvas().Capture()
		pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(o)
		size := o.Size()
		return img.(interface {
			SubImage(image.Rectangle) image.Image
		}).SubImage(image.Rect(int(pos.X), int(pos.Y), int(pos.X+size.Width), int(pos.Y+size.Height)))
	}
	r, b := ink(capture(regular)), ink(capture(bold))
	t.Logf("ink of the Chinese: regular %d pixels, bold %d", r, b)
	if r == 0 || float64(b) < 1.15*float64(r) {
		t.Errorf("Chinese in a bold label has %d pixels of ink, in a regular one %d; want bold clearly heavier", b, r)
	}
	withCJK, heightWithCJK := latin.MinSize(), bold.MinSize().Height
	u.cjk = cjkFonts{}
	u.applyTheme()
	latin.Refresh()
	bold.Refresh()
	if got := latin.MinSize(); got != withCJK {
		t.Errorf("bold Latin label is %v with the CJK bold font, %v with Fyne's alone; want no change", withCJK, got)
	}
	if got := bold.MinSize().Height; got != heightWithCJK {
		t.Errorf("a bold Chinese label is %v tall with the CJK bold font, %v without; want no change", heightWithCJK, got)
	}
	if again := ink(capture(bold)); float64(b) < 1.15*float64(again) {
		t.Errorf("without the CJK bold font, bold Chinese has %d pixels of ink, with it %d: the test cannot tell the fonts apart", again, b)
	}
}

// TestThemeFor checks which fonts and colours each theme choice has, with
// and without CJK fonts: without them, following the system leaves the
// app's theme as it was.
func TestThemeFor(t *testing.T) {
	system := theme.DefaultTheme()
	bold := fyne.NewStaticResource("bold.otf", []byte("font"))
	regular := fyne.NewStaticResource("regular.otf", []byte("font"))
	tests := []struct {
		name          string
		choice        string
		cjk           cjkFonts
		wantVariant   fyne.ThemeVariant // of the background asked for in the light variant
		wantUnchanged bool
	}{
		{"system, no CJK fonts", themeSystem, cjkFonts{}, theme.VariantLight, true},
		{"system, CJK bold", themeSystem, cjkFonts{bold: bold}, theme.VariantLight, false},
		{"system, CJK fonts", themeSystem, cjkFonts{regular: regular, bold: bold}, theme.VariantLight, false},
		{"dark, no CJK fonts", themeDark, cjkFonts{}, theme.VariantDark, false},
		{"dark, CJK fonts", themeDark, cjkFonts{regular: regular, bold: bold}, theme.VariantDark, false},
		{"light, CJK regular", themeLight, cjkFonts{regular: regular}, theme.VariantLight, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			th := themeFor(tc.choice, system, tc.cjk)
			if got := th == system; got != tc.wantUnchanged {
				t.Errorf("the system theme itself: %v, want %v", got, tc.wantUnchanged)
			}
			for _, s := range []fyne.TextStyle{{}, {Italic: true}, {Bold: true}, {Bold: true, Italic: true}, {Monospace: true}, {Monospace: true, Bold: true}} {
				want := system.Font(s)
				switch {
				case s.Monospace:
				case s.Bold && tc.cjk.bold != nil:
					want = tc.cjk.bold
				case !s.Bold && tc.cjk.regular != nil:
					want = tc.cjk.regular
				}
				if got := th.Font(s); got != want {
					t.Errorf("%+v font %s, want %s", s, got.Name(), want.Name())
				}
			}
			got := th.Color(theme.ColorNameBackground, theme.VariantLight)
			if want := system.Color(theme.ColorNameBackground, tc.wantVariant); got != want {
				t.Errorf("background %v, want %v", got, want)
			}
		})
	}
}
