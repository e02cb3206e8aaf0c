package reader

import (
	"bytes"
	"encoding/binary"
	"errors"
	"slices"
	"sync"
	"sync/atomic"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"github.com/go-text/typesetting/font"
)

// boldCJK is BoldCJKFallback's font for fontconfig language lang; res is
// nil while it is being made, or when the system has none.
type boldCJK struct {
	lang string
	res  fyne.Resource
}

// boldFallback is BoldCJKFallback's font, made once per run: nil before it
// is asked for. It is read without waiting for it to be made.
var (
	boldFallback     atomic.Pointer[boldCJK]
	boldFallbackOnce sync.Mutex
)

// BoldCJKFallback is the system's bold CJK face for the system's language
// (simplified Chinese for a language that is not Chinese, Japanese or
// Korean) reduced to the characters Fyne's own bold fonts lack, or nil
// when the system has no bold CJK face. A theme returns it as its bold
// font: Fyne tries the theme's font first and its own bold second, so
// Chinese, Japanese and Korean come out bold from the CJK face while
// Latin, spaces and line heights stay exactly as Fyne's own bold draws
// them (a CJK face's Latin is narrower, and its taller line would grow
// every bold label). Once it is asked for, the reader draws bold CJK in
// that language through the theme rather than load a face of its own
// (overprinting it until the theme has it). It is made once per run, in
// about a tenth of a second: call it off Fyne's goroutine.
func BoldCJKFallback() fyne.Resource {
	boldFallbackOnce.Lock()
	defer boldFallbackOnce.Unlock()
	if b := boldFallback.Load(); b != nil {
		return b.res
	}
	l := fontLang(lang.SystemLocale().String())
	boldFallback.Store(&boldCJK{lang: l})
	res := cutBoldCJK(l)
	if res == nil {
		boldFallback.Store(&boldCJK{}) // none: the reader looks for its own
		return nil
	}
	boldFallback.Store(&boldCJK{lang: l, res: res})
	return res
}

// cutBoldCJK makes BoldCJKFallback's font for fontconfig language lang.
func cutBoldCJK(lang string) fyne.Resource {
	q := fontQuery{bold: true, lang: lang}
	fonts.Lock()
	f, ok := fonts.m[q]
	fonts.Unlock()
	if !ok { // not kept: once cut, only a reader that wants it needs the whole face
		f, _ = loadSystemFont(q)
	}
	if f == nil {
		return nil
	}
	latin := []fyne.Resource{theme.DefaultTextBoldFont(), theme.DefaultTextBoldItalicFont()}
	data, err := withoutRunesOf(f.res.Content(), f.face, latin, commonHan(lang))
	if err != nil {
		fyne.LogError("bold CJK font for the theme", err)
		return nil
	}
	return fyne.NewStaticResource("bold-cjk-"+lang+".otf", data)
}

// themeBold is who draws bold CJK text in the reader's sans-serif.
type themeBold int

const (
	themeBoldNo   themeBold = iota // the reader, in a face of its own
	themeBoldYes                   // the theme, whose bold is BoldCJKFallback's
	themeBoldSoon                  // the theme, once it has BoldCJKFallback's font
)

// themeBoldCJK says who draws bold CJK text in style and fontconfig
// language lang.
func themeBoldCJK(lang string, style fyne.TextStyle) themeBold {
	b := boldFallback.Load()
	switch {
	case b == nil || b.lang != lang:
		return themeBoldNo
	case b.res == nil:
		return themeBoldSoon // being made
	case fyne.CurrentApp() != nil && theme.Current().Font(style) == b.res:
		return themeBoldYes
	}
	return themeBoldSoon
}

// withoutRunesOf is the font data (one face, parsed as face) with a cmap
// that maps only the characters none of others has and, of the ideographs,
// those in han (nil: all). In a CFF font the glyphs no character maps to
// any more are emptied, since they are most of its size; glyphs no
// character ever mapped (forms the font substitutes) are kept.
func withoutRunesOf(data []byte, face *font.Face, others []fyne.Resource, han map[rune]bool) ([]byte, error) {
	var skip []*font.Face
	for _, o := range others {
		f, err := font.ParseTTF(bytes.NewReader(o.Content()))
		if err != nil {
			return nil, err
		}
		skip = append(skip, f)
	}
	var kept []cmapEntry
	mapped, keep := map[uint32]bool{}, map[uint32]bool{}
	for it := face.Cmap.Iter(); it.Next(); {
		r, g := it.Char()
		mapped[uint32(g)] = true
		if han != nil && !han[r] && unicode.Is(unicode.Han, r) {
			continue
		}
		if !slices.ContainsFunc(skip, func(f *font.Face) bool { _, ok := f.NominalGlyph(r); return ok }) {
			kept = append(kept, cmapEntry{r, uint32(g)})
			keep[uint32(g)] = true
		}
	}
	if len(kept) == 0 {
		return nil, errors.New("font: no character left")
	}
	replace := map[string][]byte{"cmap": cmap12(kept)}
	if cff := fontTable(data, "CFF "); cff != nil {
		small, err := emptyGlyphs(cff, func(g int) bool { return keep[uint32(g)] || !mapped[uint32(g)] })
		if err != nil {
			return nil, err
		}
		replace["CFF "] = small
	}
	return copyFont(data, 0, replace)
}

// cmapEntry maps a character to a glyph.
type cmapEntry struct {
	r rune
	g uint32
}

// cmap12 is a cmap table of one Windows full-Unicode subtable (format 12)
// mapping what entries map: runs of consecutive characters on consecutive
// glyphs make one group each.
func cmap12(entries []cmapEntry) []byte {
	slices.SortFunc(entries, func(a, b cmapEntry) int { return int(a.r - b.r) })
	type group struct {
		first, last rune
		g           uint32
	}
	var groups []group
	for _, e := range entries {
		if n := len(groups); n > 0 && e.r == groups[n-1].last+1 && e.g == groups[n-1].g+uint32(e.r-groups[n-1].first) {
			groups[n-1].last = e.r
			continue
		}
		groups = append(groups, group{e.r, e.r, e.g})
	}
	be := binary.BigEndian
	sub := 16 + 12*len(groups)
	t := make([]byte, 12+sub)
	be.PutUint16(t[2:], 1)   // one subtable (version 0 before it)
	be.PutUint16(t[4:], 3)   // platform: Windows
	be.PutUint16(t[6:], 10)  // encoding: full Unicode
	be.PutUint32(t[8:], 12)  // the subtable's offset
	be.PutUint16(t[12:], 12) // format
	be.PutUint32(t[16:], uint32(sub))
	be.PutUint32(t[24:], uint32(len(groups)))
	for i, gr := range groups {
		d := t[28+12*i:]
		be.PutUint32(d, uint32(gr.first))
		be.PutUint32(d[4:], uint32(gr.last))
		be.PutUint32(d[8:], gr.g)
	}
	return t
}
