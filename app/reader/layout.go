package reader

import (
	"sort"
	"strings"
	"unicode"

	"fyne.io/fyne/v2"

	"app.margin/margin/internal/text"
)

// textLine is one wrapped line of a block.
type textLine struct {
	start, end int // rune offsets in the block text; a hard '\n' belongs to no line
	y          float32
	runs       []lineRun
}

// lineRun is the part of a line in one segment, drawn as one canvas.Text.
type lineRun struct {
	start, end int
	seg        int
	x          float32 // from the block's text column
	w          float32 // measured width; negative until measured
}

type styleKey struct {
	face face
	size float32
}

// runeWidths caches advance widths for one face and size. Ideographs, kana
// and Hangul syllables are full width in every CJK font, so one measurement
// stands for all of them.
type runeWidths struct {
	m    map[rune]float32
	wide float32
}

// measurer measures text and caches per-rune widths for wrapping, in the
// faces the typography chooses.
type measurer struct {
	typo    Typography
	lang    string // fontconfig language of the article's CJK text
	widths  map[styleKey]*runeWidths
	heights map[styleKey][2]float32 // text height and baseline
	wanted  map[fontQuery]bool      // system faces asked for that were not looked up yet
}

func newMeasurer(typo Typography, lang string) *measurer {
	return &measurer{typo: typo, lang: lang, widths: map[styleKey]*runeWidths{}, heights: map[styleKey][2]float32{},
		wanted: map[fontQuery]bool{}}
}

func (m *measurer) table(k styleKey) *runeWidths {
	t := m.widths[k]
	if t == nil {
		t = &runeWidths{m: map[rune]float32{}}
		m.widths[k] = t
	}
	return t
}

func (m *measurer) runeWidth(k styleKey, t *runeWidths, r rune) float32 {
	if isWide(r) {
		if t.wide == 0 {
			t.wide = m.measure("中", k.size, k.face)
		}
		return t.wide
	}
	w, ok := t.m[r]
	if !ok {
		w = m.measure(string(r), k.size, k.face)
		t.m[r] = w
	}
	return w
}

func (m *measurer) measure(s string, size float32, f face) float32 {
	sz, _ := fyne.CurrentApp().Driver().RenderedTextSize(s, size, f.style, f.src)
	return sz.Width
}

// metrics returns the height and baseline of one line of text in a face.
func (m *measurer) metrics(size float32, f face) (h, baseline float32) {
	k := styleKey{f, size}
	if v, ok := m.heights[k]; ok {
		return v[0], v[1]
	}
	s, b := fyne.CurrentApp().Driver().RenderedTextSize("Mg中", size, f.style, f.src)
	m.heights[k] = [2]float32{s.Height, b}
	return s.Height, b
}

// isWide reports CJK characters drawn full width, which every CJK font
// draws at one width (the half-width katakana forms are not).
func isWide(r rune) bool {
	return text.IsCJK(r) && (r < 0xFF61 || r > 0xFFDC)
}

// Characters that should not start a line (closing punctuation) or end one
// (opening punctuation).
const (
	noLineStart = "，。、；：？！”’）》」』】〉〕｝…,.;:?!)]}%"
	noLineEnd   = "“‘（《「『【〈〔｛([{"
)

// canBreakBetween reports whether a line may break between a and b (neither a
// space; spaces are handled by the wrapper).
func canBreakBetween(a, b rune) bool {
	if strings.ContainsRune(noLineStart, b) || strings.ContainsRune(noLineEnd, a) {
		return false
	}
	if text.IsCJK(a) || text.IsCJK(b) || text.IsCJKPunct(a) || text.IsCJKPunct(b) {
		return true
	}
	return (a == '-' || a == '/') && unicode.IsLetter(b)
}

// wrap breaks a block's text into lines no wider than width. Latin text
// breaks at spaces (which hang past the margin), CJK between any two
// characters, and a word longer than the line is broken where it overflows.
func (m *measurer) wrap(b *docBlock, width, size float32) []textLine {
	text := b.text
	var lines []textLine
	emit := func(s, e int) { lines = append(lines, textLine{start: s, end: e}) }

	seg := 0
	key := styleKey{m.faceOf(b, 0), size}
	tab := m.table(key)
	ls := 0        // line start
	var cw float32 // width of text[ls:i]
	bp := -1       // last break opportunity (a line may start there)
	var bpW float32
	for i, r := range text {
		for b.segs[seg].end <= i {
			seg++
			key = styleKey{m.faceOf(b, seg), size}
			tab = m.table(key)
		}
		if r == '\n' {
			emit(ls, i)
			ls, cw, bp = i+1, 0, -1
			continue
		}
		w := m.runeWidth(key, tab, r)
		if r == ' ' || r == '\t' || r == '\u3000' {
			cw += w
			bp, bpW = i+1, cw
			continue
		}
		if i > ls && text[i-1] != ' ' && canBreakBetween(text[i-1], r) {
			bp, bpW = i, cw
		}
		if cw+w > width && i > ls {
			if bp > ls {
				emit(ls, bp)
				ls, cw = bp, cw-bpW
			}
			if cw+w > width && i > ls { // still too long: force a break here
				emit(ls, i)
				ls, cw = i, 0
			}
			bp = -1
		}
		cw += w
	}
	emit(ls, len(text))
	for i := range lines {
		lines[i].runs = m.runsOf(b, lines[i].start, lines[i].end, size)
	}
	return lines
}

// runsOf splits a line into its segments and places them; only a line with
// more than one style needs measuring.
func (m *measurer) runsOf(b *docBlock, s, e int, size float32) []lineRun {
	if s == e {
		return nil
	}
	i := sort.Search(len(b.segs), func(i int) bool { return b.segs[i].end > s })
	var runs []lineRun
	var x float32
	for ; i < len(b.segs) && b.segs[i].start < e; i++ {
		rs, re := max(s, b.segs[i].start), min(e, b.segs[i].end)
		run := lineRun{start: rs, end: re, seg: i, x: x, w: -1}
		if i+1 < len(b.segs) && b.segs[i+1].start < e {
			run.w = m.measure(string(b.text[rs:re]), size, m.faceOf(b, i))
			x += run.w
		}
		runs = append(runs, run)
	}
	return runs
}

// runWidth returns (and caches) a run's drawn width.
func (m *measurer) runWidth(b *docBlock, r *lineRun) float32 {
	if r.w < 0 {
		r.w = m.measure(string(b.text[r.start:r.end]), b.size, m.faceOf(b, r.seg))
	}
	return r.w
}

// xAt is the x (from the text column) of the boundary before rune k of a line.
func (m *measurer) xAt(b *docBlock, ln *textLine, k int) float32 {
	for i := range ln.runs {
		r := &ln.runs[i]
		if k <= r.start {
			return r.x
		}
		if k < r.end {
			return r.x + m.measure(string(b.text[r.start:k]), b.size, m.faceOf(b, r.seg))
		}
	}
	if n := len(ln.runs); n > 0 {
		r := &ln.runs[n-1]
		return r.x + m.runWidth(b, r)
	}
	return 0
}

// runeAtX finds, within a line, the boundary nearest to x (nearest=true) or
// the rune whose box contains x (nearest=false, -1 when x is past the text).
func (m *measurer) runeAtX(b *docBlock, ln *textLine, x float32, nearest bool) int {
	if len(ln.runs) == 0 {
		if nearest {
			return ln.start
		}
		return -1
	}
	if x < ln.runs[0].x {
		if nearest {
			return ln.start
		}
		return -1
	}
	for i := range ln.runs {
		r := &ln.runs[i]
		w := m.runWidth(b, r)
		if x >= r.x+w && i < len(ln.runs)-1 {
			continue
		}
		if x >= r.x+w {
			if nearest {
				return ln.end
			}
			return -1
		}
		f := m.faceOf(b, r.seg)
		dx := x - r.x
		prefix := func(k int) float32 { return m.measure(string(b.text[r.start:r.start+k]), b.size, f) }
		// largest k with prefix(k) <= dx
		n := r.end - r.start
		k := sort.Search(n+1, func(k int) bool { return prefix(k) > dx }) - 1
		k = max(k, 0)
		if !nearest {
			return r.start + min(k, n-1)
		}
		if k < n && dx-prefix(k) > (prefix(k+1)-prefix(k))/2 {
			k++
		}
		return r.start + k
	}
	return ln.end
}

// blockStyle is how a kind of block is set, in multiples of the base size.
type blockStyle struct {
	scale, lineH, before, after, indent float32
}

func styleOf(b *docBlock) blockStyle {
	switch b.kind {
	case kindTitle:
		return blockStyle{scale: 1.75, lineH: 1.3, after: 0.4}
	case kindMeta:
		return blockStyle{scale: 0.9, lineH: 1.5, after: 1.6}
	case kindHeading:
		scales := []float32{1.5, 1.3, 1.15, 1.05, 1, 1}
		return blockStyle{scale: scales[min(max(b.level, 1), 6)-1], lineH: 1.35, before: 0.6, after: 0.5}
	case kindListItem:
		return blockStyle{scale: 1, lineH: 1.6, after: 0.35, indent: 1.6 * float32(max(b.level, 1))}
	case kindQuote:
		return blockStyle{scale: 1, lineH: 1.6, after: 0.9, indent: 1.2 * float32(max(b.level, 1))}
	case kindCode:
		return blockStyle{scale: 0.9, lineH: 1.45, before: 0.2, after: 1.2, indent: 0.7}
	default:
		return blockStyle{scale: 1, lineH: 1.6, after: 0.9}
	}
}

// measureWidth is the reading measure: by default about 70 characters of
// Latin text (70 average letters of the body font) or 40 CJK characters (40
// ems), and never wider than the view.
func (m *measurer) measureWidth(avail, size float32, cjk bool) float32 {
	latin, wide := m.typo.Measure.chars()
	ideal := wide * size
	if !cjk {
		const sample = "the quick brown fox jumps over the lazy dog, THEN 1234 more."
		ideal = latin * m.measure(sample, size, m.faceOf(nil, 0)) / float32(len(sample))
	}
	return max(min(avail, ideal), 4*size)
}

// place wraps (or reuses the wrap of) every block and stacks them in a column
// centred in width; it returns the content height and where the tables too
// wide for the view are.
func (m *measurer) place(doc []*docBlock, width, size, pad float32, cjk bool) (float32, []wideTable) {
	avail := width - 2*pad
	mw := m.measureWidth(avail, size, cjk)
	left := (width - mw) / 2
	y := 2 * pad
	prev := kindTitle
	var wides []wideTable
	for i := 0; i < len(doc); i++ {
		b := doc[i]
		if b.cell != nil {
			j := tableEnd(doc, i)
			lo, hi := m.columnExtents(doc[i:j], size)
			cws, wide := columnWidths(lo, hi, mw, avail)
			var tw float32
			for _, w := range cws {
				tw += w
			}
			top, tl := y+0.3*size, (width-tw)/2
			if wide {
				tl = pad
			}
			y = m.placeTable(doc[i:j], tl, top, cws, size, m.typo.Spacing.factor())
			if wide {
				y += scrollBarSpace * size
				wides = append(wides, wideTable{id: b.cell.Table, x: pad, y: top, w: avail, h: y - top, contentW: tw})
			}
			y += 0.9 * size
			i, prev = j-1, kindParagraph
			continue
		}
		st := styleOf(b)
		if b.kind == kindListItem && prev == kindListItem {
			st.before = 0
		}
		y += st.before * size
		b.size = size * st.scale
		b.lineH = b.size * st.lineH * m.typo.Spacing.factor()
		b.x = left + st.indent*size
		b.w = mw - st.indent*size
		if b.kind == kindCode {
			b.w -= st.indent * size
		}
		b.y = y
		switch b.kind {
		case kindRule:
			b.h = 1.5 * size
		case kindImage:
			b.x, b.w = left, mw
			b.h = imageHeight(b, mw)
			if b.missing() {
				m.placeText(b, left+placeholderPad*b.size, mw-2*placeholderPad*b.size)
				b.y += placeholderPad * b.size
				b.h += 2 * placeholderPad * b.size
			}
		default:
			m.placeText(b, b.x, b.w)
			if b.kind == kindCode {
				b.y += 0.5 * size
				b.h += size
			}
		}
		y += b.h + st.after*size
		prev = b.kind
	}
	return y + 2*pad, wides
}

// placeText wraps (or reuses the wrap of) a block's text at x in a column
// w wide, and sets its height.
func (m *measurer) placeText(b *docBlock, x, w float32) {
	b.x, b.w = x, w
	if b.lines == nil || b.wrapW != b.w || b.wrapSize != b.size {
		b.lines = m.wrap(b, b.w, b.size)
		b.wrapW, b.wrapSize = b.w, b.size
	}
	for i := range b.lines {
		b.lines[i].y = float32(i) * b.lineH
	}
	b.h = float32(len(b.lines)) * b.lineH
}

// imageHeight is the height an image block takes at a column width: the
// picture's size scaled to fit (at most 70% of the measure tall), known from
// the library before it is decoded; 16:9 when no size is known.
func imageHeight(b *docBlock, mw float32) float32 {
	if b.missing() {
		return 0 // the placeholder's text sets it
	}
	if w, h := b.pictureSize(); w > 0 && h > 0 {
		_, fh := fitPicture(w, h, mw)
		return fh
	}
	return mw * 9 / 16
}

// blockAtY returns the index of the block at or before y.
func blockAtY(doc []*docBlock, y float32) int {
	i := sort.Search(len(doc), func(i int) bool { return doc[i].y > y }) - 1
	return max(i, 0)
}

// lineAtY returns the line of a block nearest to y (content coordinates).
func lineAtY(b *docBlock, y float32) int {
	if len(b.lines) == 0 {
		return -1
	}
	i := int((y - b.y) / b.lineH)
	return min(max(i, 0), len(b.lines)-1)
}
