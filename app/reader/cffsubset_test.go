package reader

import (
	"bytes"
	"os"
	"reflect"
	"testing"

	"github.com/go-text/typesetting/font"
)

// TestEmptyGlyphsKeepsWhatItKeeps empties every other glyph of the
// system's bold CJK face (a CFF font whose font DICTs lie past its
// charstrings): the font still loads, a kept glyph draws as before, an
// emptied one draws nothing, and the table shrinks.
func TestEmptyGlyphsKeepsWhatItKeeps(t *testing.T) {
	f := lookupFont(fontQuery{bold: true, lang: "zh-cn"})
	if f == nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("no bold CJK face found; make deps installs fonts-noto-cjk")
		}
		t.Skip("this system has no bold CJK face (install fonts-noto-cjk)")
	}
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

// TestCommonHan counts the ideographs of each national character set.
func TestCommonHan(t *testing.T) {
	tests := []struct {
		lang string
		want int
		has  rune
	}{
		{"zh-cn", 6763, '专'},
		{"zh-tw", 5429, '專'},
		{"ja", 6355, '専'},
		{"ko", 4888, '專'},
	}
	for _, tc := range tests {
		set := commonHan(tc.lang)
		if got := len(set); got != tc.want || !set[tc.has] {
			t.Errorf("%s: %d ideographs (with %c: %v), want %d", tc.lang, got, tc.has, set[tc.has], tc.want)
		}
	}
	if commonHan("fr") != nil {
		t.Error("a language without CJK: a set, want nil (keep everything)")
	}
}
