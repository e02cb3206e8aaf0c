package reader

import (
	"bytes"
	"os"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"github.com/go-text/typesetting/font"
)

// TestWithoutRunesOfKeepsOnlyWhatOthersLack cuts Fyne's regular font down
// to what its monospace font lacks (both are single fonts on every
// machine): the characters both have must go to the monospace font, the
// rest must keep their glyphs.
func TestWithoutRunesOfKeepsOnlyWhatOthersLack(t *testing.T) {
	data := theme.DefaultTextFont().Content()
	face, err := font.ParseTTF(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	mono := theme.DefaultTextMonospaceFont()
	monoFace, err := font.ParseTTF(bytes.NewReader(mono.Content()))
	if err != nil {
		t.Fatal(err)
	}
	cut, err := withoutRunesOf(data, face, []fyne.Resource{mono})
	if err != nil {
		t.Fatal(err)
	}
	got, err := font.ParseTTF(bytes.NewReader(cut))
	if err != nil {
		t.Fatalf("the cut font does not load: %v", err)
	}
	kept, dropped := 0, 0
	for it := face.Cmap.Iter(); it.Next(); {
		r, want := it.Char()
		g, ok := got.NominalGlyph(r)
		if _, inMono := monoFace.NominalGlyph(r); inMono {
			dropped++
			if ok {
				t.Fatalf("%U: kept, but the monospace font has it", r)
			}
			continue
		}
		kept++
		if !ok || g != want {
			t.Fatalf("%U: glyph %d, %v; want %d", r, g, ok, want)
		}
	}
	if kept == 0 || dropped == 0 {
		t.Fatalf("kept %d, dropped %d characters: the test proves nothing", kept, dropped)
	}
	if _, err := withoutRunesOf(data, face, []fyne.Resource{theme.DefaultTextFont()}); err == nil {
		t.Error("a font without a character left: no error")
	}
}

// TestBoldCJKFallbackHasChineseNotLatin checks the theme's bold font on
// this system: Chinese from the bold CJK face, Latin left to Fyne's bold.
func TestBoldCJKFallbackHasChineseNotLatin(t *testing.T) {
	res := BoldCJKFallback("zh-CN", theme.DefaultTextBoldFont(), theme.DefaultTextBoldItalicFont())
	if res == nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("no bold CJK face found (fc-match 'sans-serif:lang=zh-cn:weight=bold'); make deps installs fonts-noto-cjk")
		}
		t.Skip("this system has no bold CJK face (install fonts-noto-cjk)")
	}
	f, err := font.ParseTTF(bytes.NewReader(res.Content()))
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range "的专家团队，" {
		if _, ok := f.NominalGlyph(r); !ok {
			t.Errorf("no glyph for %c", r)
		}
	}
	for _, r := range "OpenAI é" {
		if _, ok := f.NominalGlyph(r); ok {
			t.Errorf("a glyph for %q: Latin should stay in Fyne's bold", r)
		}
	}
	if again := BoldCJKFallback("zh", theme.DefaultTextBoldFont()); again != res {
		t.Error("a second call made the font again")
	}
}
