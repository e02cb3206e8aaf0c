package reader

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"slices"
	"sync"
	"sync/atomic"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"github.com/go-text/typesetting/font"
)

// boldCJK is a CJK fallback's font for fontconfig language lang; res is
// nil while it is being made, or when the system has none.
type boldCJK struct {
	lang string
	res  fyne.Resource
}

// cjkFallback makes BoldCJKFallback's or RegularCJKFallback's font once per
// run. Its pointer is nil before the font is asked for, and is read
// without waiting for the font to be made.
type cjkFallback struct {
	atomic.Pointer[boldCJK]
	mu   sync.Mutex
	bold bool
}

var (
	boldFallback    = &cjkFallback{bold: true}
	regularFallback = &cjkFallback{}
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
// (overprinting it until the theme has it). It is made once (see
// cutFont), in about a third of a second: call it off Fyne's goroutine.
func BoldCJKFallback() fyne.Resource { return boldFallback.get() }

// RegularCJKFallback is BoldCJKFallback in the regular weight, for the
// theme's regular font: without it Fyne finds a CJK face among the
// system's fonts for the first CJK character it draws and keeps the whole
// face.
func RegularCJKFallback() fyne.Resource { return regularFallback.get() }

func (f *cjkFallback) get() fyne.Resource {
	f.mu.Lock()
	defer f.mu.Unlock()
	if b := f.Load(); b != nil {
		return b.res
	}
	l := fontLang(lang.SystemLocale().String())
	f.Store(&boldCJK{lang: l})
	res := cutCJK(l, f.bold)
	if res == nil {
		f.Store(&boldCJK{}) // none: the reader looks for its own
		return nil
	}
	f.Store(&boldCJK{lang: l, res: res})
	return res
}

// cutCJK makes a CJK fallback's font for fontconfig language lang, or
// reads the one an earlier run made.
func cutCJK(lang string, bold bool) fyne.Resource {
	q := fontQuery{bold: bold, lang: lang}
	path, index, err := matchFont(q)
	if err != nil {
		return nil
	}
	latin, name := []fyne.Resource{theme.DefaultTextFont(), theme.DefaultTextItalicFont()}, "regular-cjk-"+lang
	if bold {
		latin, name = []fyne.Resource{theme.DefaultTextBoldFont(), theme.DefaultTextBoldItalicFont()}, "bold-cjk-"+lang
	}
	return cachedCut(name, path, index, func() ([]byte, error) {
		fonts.Lock()
		f, ok := fonts.m[q]
		fonts.Unlock()
		if !ok { // not kept: once cut, only a reader that wants it needs the whole face
			f, err = readFont(q, path, index)
		}
		if f == nil {
			return nil, fmt.Errorf("CJK font for the theme: %w", err)
		}
		return withoutRunesOf(f.res.Content(), f.face, latin, commonChars(lang))
	}, latin[0])
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
// that maps only the characters none of others has and, of the ideographs
// and Hangul syllables, those in common (nil: all). In a CFF font the
// glyphs left out are emptied, since they are most of its size: those no
// character maps to any more, but not those the font's substitutions put
// in place of a kept one (addSubstitutes), nor, when they cannot be told
// apart, any glyph no character ever mapped. Its missing glyph becomes a
// blank as wide as a space of others[0] (blankNotdef).
func withoutRunesOf(data []byte, face *font.Face, others []fyne.Resource, common map[rune]bool) ([]byte, error) {
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
		if common != nil && !common[r] && isSyllableOrIdeograph(r) {
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
		inUse := func(g int) bool { return keep[uint32(g)] }
		if !addSubstitutes(face, keep) {
			inUse = func(g int) bool { return keep[uint32(g)] || !mapped[uint32(g)] }
		}
		blank := len(skip) > 0 && blankNotdef(data, face, skip[0], replace)
		small, err := emptyGlyphs(cff, func(g int) bool { return (g == 0 && !blank) || g > 0 && inUse(g) })
		if err != nil {
			return nil, err
		}
		replace["CFF "] = small
	}
	return copyFont(data, 0, replace)
}

// blankNotdef sets, in replace, the hmtx table of the font data (parsed as
// face) with its missing glyph (glyph 0) as wide as a space of the font
// like; the caller empties its outline. Fyne's shaper draws a space in the
// font of the text before it (as go-text does, whichever font has it), so
// a space after a CJK word is this font's missing glyph, which drew a box;
// the space itself stays out of the font, since Fyne measures a lone space,
// and a line's height, with the first font that has one. It reports
// whether it could.
func blankNotdef(data []byte, face *font.Face, like *font.Face, replace map[string][]byte) bool {
	be := binary.BigEndian
	hmtx := fontTable(data, "hmtx")
	g, ok := like.NominalGlyph(' ')
	if len(hmtx) < 4 || !ok || like.Upem() == 0 {
		return false
	}
	hmtx = slices.Clone(hmtx)
	w := float64(like.HorizontalAdvance(g)) * float64(face.Upem()) / float64(like.Upem())
	be.PutUint16(hmtx, uint16(math.Round(w)))
	replace["hmtx"] = hmtx
	return true
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
