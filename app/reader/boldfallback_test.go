package reader

import (
	"bytes"
	"os"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"github.com/go-text/typesetting/font"

	"app.margin/margin/article"
)

// TestWithoutRunesOfKeepsOnlyWhatOthersLack cuts Fyne's regular font down
// to what its monospace font lacks (both are single fonts on every
// machine): the characters both have must go to the monospace font, the
// rest (and the spaces, which take the font of the text before them) must
// keep their glyphs.
func TestWithoutRunesOfKeepsOnlyWhatOthersLack(t *testing.T) {
	data := theme.DefaultTextFont().Content()
	face := mustParseFont(t, data)
	mono := theme.DefaultTextMonospaceFont()
	monoFace := mustParseFont(t, mono.Content())
	cut, err := withoutRunesOf(data, face, []fyne.Resource{mono}, nil)
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
		if _, inMono := monoFace.NominalGlyph(r); inMono && !inheritsFace(r) {
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
	if _, err := withoutRunesOf(data, face, []fyne.Resource{theme.DefaultTextFont()}, nil); err == nil {
		t.Error("a font without a character left: no error")
	}
}

// TestBoldCJKFallbackHasChineseNotLatin checks the theme's bold font on
// this system: Chinese from the bold CJK face, Latin left to Fyne's bold.
func TestBoldCJKFallbackHasChineseNotLatin(t *testing.T) {
	res := BoldCJKFallback()
	needBoldCJK(t, res != nil)
	f := mustParseFont(t, res.Content())
	for _, r := range "的专家团队，" {
		if _, ok := f.NominalGlyph(r); !ok {
			t.Errorf("no glyph for %c", r)
		}
	}
	for _, r := range "OpenAIé" {
		if _, ok := f.NominalGlyph(r); ok {
			t.Errorf("a glyph for %q: Latin should stay in Fyne's bold", r)
		}
	}
	for _, r := range " \u3000" { // Fyne draws these in the font of the text before them
		if _, ok := f.NominalGlyph(r); !ok {
			t.Errorf("no glyph for %U: after a CJK word it would draw as a box", r)
		}
	}
	if again := BoldCJKFallback(); again != res {
		t.Error("a second call made the font again")
	}
}

// boldTheme is Fyne's test theme with bold as its bold font.
type boldTheme struct {
	fyne.Theme
	bold fyne.Resource
}

func (t boldTheme) Font(s fyne.TextStyle) fyne.Resource {
	if s.Bold && !s.Monospace {
		return t.bold
	}
	return t.Theme.Font(s)
}

// TestReaderDrawsBoldCJKThroughTheTheme: once BoldCJKFallback is made, a
// Chinese heading is overprinted until the theme's bold is that font, then
// drawn in the theme's bold (one text, no font of its own) rather than in
// a second copy of the face.
func TestReaderDrawsBoldCJKThroughTheTheme(t *testing.T) {
	a := test.NewTempApp(t)
	res := BoldCJKFallback()
	if res == nil || boldFallback.Load().lang != "zh-cn" {
		t.Skip("no bold simplified Chinese face for the theme on this system (fonts-noto-cjk)")
	}
	art, blocks := readerArticle("标题", article.Block{Kind: article.Heading, Level: 2, Text: "专家团队为何强"}, readerPara(zhPara1))
	art.Language = "zh"
	r, _ := newTestReader(t, art, blocks, nil)
	heading := func() []*canvas.Text {
		var out []*canvas.Text
		for _, o := range r.content.textObjs {
			if txt, ok := o.(*canvas.Text); ok && txt.Text == "专家团队为何强" {
				out = append(out, txt)
			}
		}
		return out
	}
	if h := heading(); len(h) != 2 || h[0].FontSource != nil {
		t.Errorf("before the theme has the font: heading drawn %d times, want twice in the theme's font (overprinted)", len(h))
	}
	a.Settings().SetTheme(boldTheme{Theme: a.Settings().Theme(), bold: res})
	if h := heading(); len(h) != 1 || h[0].FontSource != nil || !h[0].TextStyle.Bold {
		t.Errorf("with the theme's bold CJK: heading drawn %d times, want once in the theme's bold", len(h))
	}
}

// needBoldCJK skips a test that needs the system's bold CJK face when found
// is false, or fails it on CI, where make deps installs one.
func needBoldCJK(t *testing.T, found bool) {
	t.Helper()
	if found {
		return
	}
	if os.Getenv("CI") == "true" {
		t.Fatal("no bold CJK face found (fc-match 'sans-serif:lang=zh-cn:weight=bold'); make deps installs fonts-noto-cjk")
	}
	t.Skip("this system has no bold CJK face (install fonts-noto-cjk)")
}

// mustParseFont parses data as a single font.
func mustParseFont(t *testing.T, data []byte) *font.Face {
	t.Helper()
	f, err := font.ParseTTF(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	return f
}
