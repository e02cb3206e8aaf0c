package reader

import (
	"bytes"
	"reflect"
	"testing"
	"unicode"

	"github.com/go-text/typesetting/di"
	"github.com/go-text/typesetting/font"
	"github.com/go-text/typesetting/language"
	"github.com/go-text/typesetting/shaping"
	"golang.org/x/image/math/fixed"
)

// TestEmptyGlyphsKeepsWhatItKeeps empties every other glyph of the
// system's bold CJK face (a CFF font whose font DICTs lie past its
// charstrings): the font still loads, a kept glyph draws as before, an
// emptied one draws nothing, and the table shrinks.
func TestEmptyGlyphsKeepsWhatItKeeps(t *testing.T) {
	f := lookupFont(fontQuery{bold: true, lang: "zh-cn"})
	needBoldCJK(t, f != nil)
	data := f.res.Content()
	cff := fontTable(data, "CFF ")
	if cff == nil {
		t.Skip("the bold CJK face here is not a CFF font")
	}
	small, err := emptyGlyphs(cff, func(g int) bool { return g%2 == 0 })
	if err != nil {
		t.Fatal(err)
	}
	if len(small) >= len(cff)*3/4 {
		t.Errorf("the table went from %d to %d bytes", len(cff), len(small))
	}
	cut, err := copyFont(data, 0, map[string][]byte{"CFF ": small})
	if err != nil {
		t.Fatal(err)
	}
	got, err := font.ParseTTF(bytes.NewReader(cut))
	if err != nil {
		t.Fatalf("the font with emptied glyphs does not load: %v", err)
	}
	outline := func(face *font.Face, g font.GID) []font.Segment {
		o, _ := face.GlyphData(g).(font.GlyphOutline)
		return o.Segments
	}
	checked := 0
	for _, r := range "的专家团队为何强，中文字体" {
		g, ok := f.face.NominalGlyph(r)
		if !ok {
			t.Fatalf("no glyph for %c", r)
		}
		want := outline(f.face, g)
		switch o := outline(got, g); {
		case g%2 == 0 && !reflect.DeepEqual(o, want):
			t.Errorf("%c (glyph %d, kept): outline changed", r, g)
		case g%2 == 1 && len(o) != 0:
			t.Errorf("%c (glyph %d, emptied): %d segments drawn", r, g, len(o))
		}
		if len(want) == 0 {
			t.Fatalf("%c has no outline to compare", r)
		}
		checked |= 1 << (g % 2)
	}
	if checked != 3 {
		t.Fatal("the characters tried are all kept or all emptied: the test proves nothing")
	}
}

// TestCommonChars counts the ideographs and Hangul syllables of each
// national character set (with the ideographic marks 々〆〇 its symbol
// rows hold).
func TestCommonChars(t *testing.T) {
	tests := []struct {
		lang        string
		han, hangul int
		has         rune
	}{
		{"zh-cn", 6764, 0, '专'},
		{"zh-tw", 5429, 0, '專'},
		{"ja", 6358, 0, '専'},
		{"ko", 4888, 2350, '한'},
	}
	for _, tc := range tests {
		set := commonChars(tc.lang)
		han, hangul := 0, 0
		for r := range set {
			if unicode.Is(unicode.Han, r) {
				han++
			} else {
				hangul++
			}
		}
		if han != tc.han || hangul != tc.hangul || !set[tc.has] {
			t.Errorf("%s: %d ideographs and %d syllables (with %c: %v), want %d and %d", tc.lang, han, hangul, tc.has, set[tc.has], tc.han, tc.hangul)
		}
	}
	if commonChars("fr") != nil {
		t.Error("a language without CJK: a set, want nil (keep everything)")
	}
}

// TestBoldCJKFallbackDrawsWhatItMaps shapes Chinese and Japanese text with
// the theme's bold CJK font, as Fyne does: every glyph the shaper picks
// (the substitutions included) still has its outline, though most of the
// face's glyphs were emptied.
func TestBoldCJKFallbackDrawsWhatItMaps(t *testing.T) {
	res := BoldCJKFallback()
	needBoldCJK(t, res != nil)
	face := mustParseFont(t, res.Content())
	text := []rune(zhPara1 + zhPara2 + "“专家”，《团队》！ひらがな・カタカナ【注】…——〇々１２３ＡＢ 结果 此外\u3000")
	var runs [][]rune // the characters the font maps, in runs as Fyne shapes them
	var run []rune
	for _, r := range text {
		if _, ok := face.NominalGlyph(r); ok {
			run = append(run, r)
			continue
		}
		if len(run) > 0 {
			runs = append(runs, run)
		}
		run = nil
	}
	runs = append(runs, run)
	glyphs := 0
	for _, rs := range runs {
		out := (&shaping.HarfbuzzShaper{}).Shape(shaping.Input{Text: rs, RunEnd: len(rs), Direction: di.DirectionLTR,
			Face: face, Size: fixed.I(16), Script: language.Han})
		for _, g := range out.Glyphs {
			glyphs++
			if unicode.IsSpace(rs[g.ClusterIndex]) {
				continue // drawn as nothing, but there: not a missing-glyph box
			}
			if o, _ := face.GlyphData(g.GlyphID).(font.GlyphOutline); len(o.Segments) == 0 || g.GlyphID == 0 {
				t.Errorf("glyph %d (for %q) draws nothing", g.GlyphID, string(rs[g.ClusterIndex]))
			}
		}
	}
	if glyphs < len(text)/2 {
		t.Fatalf("only %d glyphs shaped from %d characters: the test proves little", glyphs, len(text))
	}
}
