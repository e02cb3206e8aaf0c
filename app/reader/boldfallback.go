package reader

import (
	"bytes"
	"encoding/binary"
	"errors"
	"slices"
	"sync"

	"fyne.io/fyne/v2"
	"github.com/go-text/typesetting/font"
)

// boldFallbacks caches BoldCJKFallback's fonts by language; nil for none.
var boldFallbacks = struct {
	sync.Mutex
	m map[string]fyne.Resource
}{m: map[string]fyne.Resource{}}

// BoldCJKFallback is BoldCJKFont(language) reduced to the characters that
// none of latin has, or nil when the system has no bold CJK face. A theme
// returns it as its bold font: Fyne tries the theme's font first and its
// own bold second, so Chinese, Japanese and Korean come out bold from the
// CJK face while Latin, spaces and line heights stay exactly as Fyne's own
// bold draws them (a CJK face's Latin is narrower, and its taller line
// would grow every bold label). The fonts are made once per language and
// run; the first takes about a tenth of a second, so call it off Fyne's
// goroutine.
func BoldCJKFallback(language string, latin ...fyne.Resource) fyne.Resource {
	lang := fontLang(language)
	boldFallbacks.Lock()
	defer boldFallbacks.Unlock()
	if res, ok := boldFallbacks.m[lang]; ok {
		return res
	}
	var res fyne.Resource
	if f := lookupFont(fontQuery{bold: true, lang: lang}); f != nil {
		if data, err := withoutRunesOf(f.res.Content(), f.face, latin); err == nil {
			res = fyne.NewStaticResource("bold-cjk-fallback-"+lang+".otf", data)
		} else {
			fyne.LogError("bold CJK font for the theme", err)
		}
	}
	boldFallbacks.m[lang] = res
	return res
}

// withoutRunesOf is the font data (one face, parsed as face) with a cmap
// that maps only the characters none of others has.
func withoutRunesOf(data []byte, face *font.Face, others []fyne.Resource) ([]byte, error) {
	var skip []*font.Face
	for _, o := range others {
		f, err := font.ParseTTF(bytes.NewReader(o.Content()))
		if err != nil {
			return nil, err
		}
		skip = append(skip, f)
	}
	var kept []cmapEntry
	for it := face.Cmap.Iter(); it.Next(); {
		r, g := it.Char()
		if !slices.ContainsFunc(skip, func(f *font.Face) bool { _, ok := f.NominalGlyph(r); return ok }) {
			kept = append(kept, cmapEntry{r, uint32(g)})
		}
	}
	if len(kept) == 0 {
		return nil, errors.New("font: no character left")
	}
	return copyFont(data, 0, map[string][]byte{"cmap": cmap12(kept)})
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
