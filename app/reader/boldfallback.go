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
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"github.com/go-text/typesetting/font"
	"github.com/go-text/typesetting/harfbuzz"
)

// cjkFont is a CJK fallback's font for fontconfig language lang; res is
// nil while it is being made, or when the system has none.
type cjkFont struct {
	lang string
	res  fyne.Resource
}

// cjkFallback makes BoldCJKFallback's or RegularCJKFallback's font once per
// run. Its pointer is nil before the font is asked for, and is read
// without waiting for the font to be made.
type cjkFallback struct {
	atomic.Pointer[cjkFont]
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
	f.Store(&cjkFont{lang: l})
	res := cutCJK(l, f.bold)
	if res == nil {
		f.Store(&cjkFont{}) // none: the reader looks for its own
		return nil
	}
	f.Store(&cjkFont{lang: l, res: res})
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
		f, ok := knownFont(q)
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
// that maps only the characters none of others has (and those that take
// the font of the text before them) and, of the ideographs
// and Hangul syllables, those in common (nil: all). In a CFF font the
// glyphs left out are emptied, since they are most of its size: those no
// character maps to any more, but not those the font's substitutions put
// in place of a kept one (addSubstitutes), nor, when they cannot be told
// apart, any glyph no character ever mapped.
func withoutRunesOf(data []byte, face *font.Face, others []fyne.Resource, common map[rune]bool) ([]byte, error) {
	var skip []*font.Face
	for _, o := range others {
		f, err := font.ParseTTF(bytes.NewReader(o.Content()))
		if err != nil {
			return nil, err
		}
		skip = append(skip, f)
	}
	var kept, spaces []cmapEntry // spaces: those kept as inheritsFace
	mapped, keep := map[uint32]bool{}, map[uint32]bool{}
	for it := face.Cmap.Iter(); it.Next(); {
		r, g := it.Char()
		mapped[uint32(g)] = true
		if common != nil && !common[r] && isSyllableOrIdeograph(r) {
			continue
		}
		switch e := (cmapEntry{r, uint32(g)}); {
		case inheritsFace(r):
			spaces = append(spaces, e)
		case !slices.ContainsFunc(skip, func(f *font.Face) bool { _, ok := f.NominalGlyph(r); return ok }):
			kept = append(kept, e)
		default:
			continue
		}
		keep[uint32(g)] = true
	}
	if len(kept) == 0 {
		return nil, errors.New("font: no character left")
	}
	replace := map[string][]byte{"cmap": cmap12(append(kept, spaces...))}
	if len(others) > 0 {
		for tag, t := range sameLineMetrics(data, others[0].Content()) {
			replace[tag] = t
		}
		if t := sameSpaces(data, face, spaces, skip[0]); t != nil {
			replace["hmtx"] = t
		}
	}
	if cff := fontTable(data, "CFF "); cff != nil {
		inUse := func(g int) bool { return keep[uint32(g)] }
		if !addSubstitutes(face, keep) {
			inUse = func(g int) bool { return keep[uint32(g)] || !mapped[uint32(g)] }
		}
		small, err := emptyGlyphs(cff, inUse)
		if err != nil {
			return nil, err
		}
		replace["CFF "] = small
	}
	return copyFont(data, 0, replace)
}

// sameLineMetrics are the hhea and OS/2 tables of the font data with the
// line metrics (ascent, descent, line gap) of the font like, so that
// Fyne, which measures a line's height with the font it finds a space in,
// sets text just as tall whichever of the two that is.
func sameLineMetrics(data, like []byte) map[string][]byte {
	be := binary.BigEndian
	upm := func(d []byte) float64 {
		if h := fontTable(d, "head"); len(h) >= 20 && be.Uint16(h[18:]) > 0 {
			return float64(be.Uint16(h[18:]))
		}
		return 0
	}
	scale := upm(data) / upm(like)
	if scale == 0 || math.IsInf(scale, 0) || math.IsNaN(scale) {
		return nil
	}
	out := map[string][]byte{}
	// The metrics' offsets in each table: hhea's ascender, descender and
	// lineGap; OS/2's sTypoAscender, sTypoDescender, sTypoLineGap,
	// usWinAscent and usWinDescent.
	for tag, offs := range map[string][]int{"hhea": {4, 6, 8}, "OS/2": {68, 70, 72, 74, 76}} {
		t, l := fontTable(data, tag), fontTable(like, tag)
		if len(t) < offs[len(offs)-1]+2 || len(l) < offs[len(offs)-1]+2 {
			return nil
		}
		t = slices.Clone(t)
		for _, o := range offs {
			v := float64(int16(be.Uint16(l[o:]))) * scale
			if tag == "OS/2" && o >= 74 {
				be.PutUint16(t[o:], uint16(math.Round(max(v, 0)))) // unsigned
				continue
			}
			be.PutUint16(t[o:], uint16(int16(math.Round(v))))
		}
		if tag == "OS/2" { // fsSelection's USE_TYPO_METRICS says which of them count
			const useTypo = 1 << 7
			be.PutUint16(t[62:], be.Uint16(t[62:])&^useTypo|be.Uint16(l[62:])&useTypo)
		}
		out[tag] = t
	}
	return out
}

// sameSpaces is the hmtx table of the font data (parsed as face) with
// spaces (the inheritsFace characters it keeps) as wide as they are in the
// font like: Fyne measures a lone space with the first font that has one,
// which is then this one, and Latin text would space differently. (A
// missing glyph in their place would not do: Fyne draws any lone missing
// glyph as �.)
func sameSpaces(data []byte, face *font.Face, spaces []cmapEntry, like *font.Face) []byte {
	be := binary.BigEndian
	hhea, hmtx := fontTable(data, "hhea"), fontTable(data, "hmtx")
	if len(hhea) < 36 || like.Upem() == 0 {
		return nil
	}
	n := int(be.Uint16(hhea[34:])) // glyphs with an advance of their own
	hmtx = slices.Clone(hmtx)
	scale := float64(face.Upem()) / float64(like.Upem())
	changed := false
	for _, e := range spaces {
		g, ok := like.NominalGlyph(e.r)
		if !ok || int(e.g) >= n || 4*int(e.g)+2 > len(hmtx) {
			continue
		}
		be.PutUint16(hmtx[4*e.g:], uint16(math.Round(float64(like.HorizontalAdvance(g))*scale)))
		changed = true
	}
	if !changed {
		return nil
	}
	return hmtx
}

// inheritsFace reports the characters Fyne's shaper draws in the font of
// the text before them (spaces, controls, invisible marks), whichever font
// has them: a font that lacked them would draw a space after a CJK word as
// a missing-glyph box.
func inheritsFace(r rune) bool {
	return unicode.In(r, unicode.Cc, unicode.Zl, unicode.Zp) || unicode.Is(unicode.Zs, r) && r != '\u1680' ||
		harfbuzz.IsDefaultIgnorable(r)
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

// MadeCJKFallbacks returns RegularCJKFallback's and BoldCJKFallback's fonts
// when both have been made (nil for a weight the system has no face for),
// without waiting: ok is false while either is not made yet. A window made
// after they were can take them before it draws its first frame, so that
// Fyne never loads a whole system CJK face for it.
func MadeCJKFallbacks() (regular, bold fyne.Resource, ok bool) {
	r, b := regularFallback.Load(), boldFallback.Load()
	if r == nil || b == nil || (r.res == nil && r.lang != "") || (b.res == nil && b.lang != "") {
		return nil, nil, false
	}
	return r.res, b.res, true
}
