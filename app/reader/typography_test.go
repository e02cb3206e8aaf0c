package reader

import (
	"bytes"
	"encoding/binary"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"github.com/go-text/typesetting/font"

	"app.margin/margin/article"
)

// asCollection wraps a single font as a two-face collection, both faces
// sharing its tables, as a .ttc does.
func asCollection(t *testing.T, ttf []byte) []byte {
	t.Helper()
	be := binary.BigEndian
	numTables := int(be.Uint16(ttf[4:]))
	const head = 12 + 8 // ttcf header with two offsets
	dir := 12 + 16*numTables
	out := []byte("ttcf\x00\x01\x00\x00")
	out = be.AppendUint32(out, 2)
	out = be.AppendUint32(out, head)
	out = be.AppendUint32(out, uint32(head+dir))
	for range 2 {
		out = append(out, ttf[:12]...)
		for i := range numTables {
			rec := append([]byte(nil), ttf[12+16*i:12+16*i+16]...)
			be.PutUint32(rec[8:], be.Uint32(rec[8:])+uint32(head+2*dir)) // the tables follow both directories
			out = append(out, rec...)
		}
	}
	return append(out, ttf...)
}

func TestCollectionFaceIsALoadableFont(t *testing.T) {
	ttf := theme.DefaultTextFont().Content()
	ttc := asCollection(t, ttf)
	if _, err := font.ParseTTF(bytes.NewReader(ttc)); err == nil {
		t.Fatal("a collection parses as a single font: the test proves nothing")
	}
	for _, index := range []int{0, 1} {
		one, err := collectionFace(ttc, index)
		if err != nil {
			t.Fatalf("face %d: %v", index, err)
		}
		f, err := font.ParseTTF(bytes.NewReader(one))
		if err != nil {
			t.Fatalf("face %d does not load: %v", index, err)
		}
		if _, ok := f.NominalGlyph('A'); !ok {
			t.Errorf("face %d has no glyph for A", index)
		}
	}
	if _, err := collectionFace(ttc, 2); err == nil {
		t.Error("face 2 of 2: no error")
	}
	if _, err := collectionFace(ttf, 0); err != errNotCollection {
		t.Errorf("a single font: %v, want errNotCollection", err)
	}
	if _, err := collectionFace(ttc[:40], 1); err == nil {
		t.Error("a cut collection: no error")
	}
}

// TestBoldCJKIsBold checks that a Chinese heading is set bold: in the
// system's bold CJK face when there is one, else by overprinting.
func TestBoldCJKIsBold(t *testing.T) {
	test.NewTempApp(t)
	saved := boldFallback.Load()
	boldFallback.Store(nil) // no theme font asked for: the reader finds its own
	t.Cleanup(func() { boldFallback.Store(saved) })
	q := fontQuery{bold: true, lang: "zh-cn"}
	system := lookupFont(q)
	tests := []struct {
		name    string
		font    *systemFont
		wantSrc bool
	}{
		{"system face", system, true},
		{"no bold CJK face", nil, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if tc.wantSrc && tc.font == nil {
				t.Skip("no bold CJK face on this system (fonts-noto-cjk)")
			}
			fonts.Lock()
			fonts.m[q] = tc.font
			fonts.Unlock()
			t.Cleanup(func() {
				fonts.Lock()
				fonts.m[q] = system
				fonts.Unlock()
			})
			a, blocks := readerArticle("标题", article.Block{Kind: article.Heading, Level: 2, Text: "专家团队为何强"}, readerPara(zhPara1))
			a.Language = "zh"
			r, _ := newTestReader(t, a, blocks, nil)
			var heading []*canvas.Text
			for _, o := range r.content.textObjs {
				if txt, ok := o.(*canvas.Text); ok && txt.Text == "专家团队为何强" {
					heading = append(heading, txt)
				}
			}
			if tc.wantSrc {
				if len(heading) != 1 || heading[0].FontSource != tc.font.res {
					t.Errorf("heading drawn %d times, want once in the system's bold face", len(heading))
				}
				return
			}
			if len(heading) != 2 || heading[0].Position().X == heading[1].Position().X {
				t.Errorf("heading drawn %d times, want twice a little apart (overprinted bold)", len(heading))
			}
		})
	}
}

// TestTypographyLaysOut sets the measure, the spacing and the family: the
// column and the leading follow, and serif text takes the system's serif.
func TestTypographyLaysOut(t *testing.T) {
	test.NewTempApp(t)
	a, blocks := readerArticle("Typography", readerPara(enPara1+" "+enPara2))
	r, w := newTestReader(t, a, blocks, nil)
	w.Resize(fyne.NewSize(1600, 700))
	body := r.content.doc[2]
	measure := func(t Typography) (width, lineH float32) {
		r.SetTypography(t)
		return body.w, body.lineH
	}
	medW, medH := measure(Typography{})
	tests := []struct {
		name          string
		typo          Typography
		wider, taller int // -1 less than the default, 0 equal, 1 more
	}{
		{"narrow", Typography{Measure: MeasureNarrow}, -1, 0},
		{"wide", Typography{Measure: MeasureWide}, 1, 0},
		{"compact", Typography{Spacing: SpacingCompact}, 0, -1},
		{"relaxed", Typography{Spacing: SpacingRelaxed}, 0, 1},
	}
	cmp := func(a, b float32) int {
		switch {
		case a < b-0.5:
			return -1
		case a > b+0.5:
			return 1
		}
		return 0
	}
	for _, tc := range tests {
		gotW, gotH := measure(tc.typo)
		if cmp(gotW, medW) != tc.wider || cmp(gotH, medH) != tc.taller {
			t.Errorf("%s: column %v, line %v; default %v, %v", tc.name, gotW, gotH, medW, medH)
		}
	}
	serif := lookupFont(fontQuery{serif: true})
	r.SetTypography(Typography{Serif: true})
	for _, o := range r.content.textObjs {
		if txt, ok := o.(*canvas.Text); ok && txt.Text != "" && txt.Text[0] == 'R' {
			switch {
			case serif != nil && txt.FontSource != serif.res:
				t.Errorf("serif: %q is not in the system's serif", txt.Text)
			case serif == nil && txt.FontSource != nil:
				t.Errorf("no serif on the system: %q has a font source", txt.Text)
			}
		}
	}
}

func TestBoldCJKFaceFollowsTheLanguage(t *testing.T) {
	face := func(lang string) *systemFont { return lookupFont(fontQuery{bold: true, lang: fontLang(lang)}) }
	if zh, ja := face("zh"), face("ja"); zh != nil && zh == ja {
		t.Error("Chinese and Japanese share a face: their glyph forms differ")
	}
}

// TestSystemFontsLoadOffTheUIGoroutine sets an article in serif before the
// system's serif has been looked up: the layout does not wait for the
// lookup (it runs as the reader's background work), the text is drawn in
// the theme's font meanwhile, and in the serif once it is in.
func TestSystemFontsLoadOffTheUIGoroutine(t *testing.T) {
	test.NewTempApp(t)
	serif := &systemFont{res: theme.DefaultTextBoldFont()} // any font Fyne can draw, to tell it apart
	serif.face = mustParseFont(t, serif.res.Content())
	var asked []fontQuery
	saved := loadFont
	loadFont = func(q fontQuery) (*systemFont, error) {
		asked = append(asked, q)
		return serif, nil
	}
	fonts.Lock()
	old := fonts.m
	fonts.m = map[fontQuery]*systemFont{}
	fonts.Unlock()
	t.Cleanup(func() {
		loadFont = saved
		fonts.Lock()
		fonts.m = old
		fonts.Unlock()
	})

	a, blocks := readerArticle("Typography", readerPara(enPara1))
	r, _ := newTestReader(t, a, blocks, nil)
	clockOf(r).Hold()
	r.SetTypography(Typography{Serif: true})
	sources := func() (src []fyne.Resource) {
		for _, o := range r.content.textObjs {
			if txt, ok := o.(*canvas.Text); ok && strings.HasPrefix(txt.Text, "Readers") {
				src = append(src, txt.FontSource)
			}
		}
		return src
	}
	if len(asked) != 0 {
		t.Fatalf("the layout looked up %v on Fyne's goroutine", asked)
	}
	if got := sources(); len(got) != 1 || got[0] != nil {
		t.Fatalf("while the serif loads: font sources %v, want the theme's (nil)", got)
	}
	clockOf(r).Flush()
	if len(asked) == 0 {
		t.Fatal("the serif was never looked up")
	}
	if got := sources(); len(got) != 1 || got[0] != serif.res {
		t.Errorf("once the serif is in: font sources %v, want the serif", got)
	}
}
