package reader

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"

	"app.margin/margin/internal/text"
)

// Typography is how the reader sets text: the family, the measure and the
// leading. The zero value is sans-serif at a medium measure and normal
// spacing.
type Typography struct {
	Serif   bool
	Measure Measure
	Spacing Spacing
}

// Measure is the width of the reading column.
type Measure int

// Measures, about 55, 70 and 90 Latin characters a line (32, 40 and 50 CJK
// characters).
const (
	MeasureMedium Measure = iota
	MeasureNarrow
	MeasureWide
)

// chars is the measure in average Latin characters and in CJK characters.
func (m Measure) chars() (latin, cjk float32) {
	switch m {
	case MeasureNarrow:
		return 55, 32
	case MeasureWide:
		return 90, 50
	}
	return 70, 40
}

// Spacing is the leading of running text.
type Spacing int

// Spacings: body text at 1.6 times its size apart, 1.4 or 1.85.
const (
	SpacingNormal Spacing = iota
	SpacingCompact
	SpacingRelaxed
)

// factor scales every kind of block's line height.
func (s Spacing) factor() float32 {
	switch s {
	case SpacingCompact:
		return 1.4 / 1.6
	case SpacingRelaxed:
		return 1.85 / 1.6
	}
	return 1
}

// face is the font a stretch of text is drawn in.
type face struct {
	style fyne.TextStyle
	src   fyne.Resource // a system font instead of the theme's; nil: the theme's
	// fake is bold drawn by overprinting, for CJK text when the system
	// has no bold CJK face: the theme's fallback for CJK has one weight.
	fake bool
}

// faceOf is the face segment i of b is drawn in; nil b is body text.
func (m *measurer) faceOf(b *docBlock, i int) face {
	if b == nil {
		return m.faceFor(0, nil)
	}
	if len(b.faces) != len(b.segs) {
		b.faces = make([]face, len(b.segs))
		for k, sg := range b.segs {
			b.faces[k] = m.faceFor(sg.flags, b.text[sg.start:sg.end])
		}
	}
	return b.faces[i]
}

// faceFor chooses the face for text in a style. CJK text in bold (or in a
// serif setting) takes a CJK face of the system in the article's language,
// since the theme's fallback for CJK has no bold; Latin text in a serif
// setting takes the system's serif. When the system has no such face (or it
// lacks a character of the text) the theme's fonts draw it, with bold CJK
// emboldened by overprinting.
func (m *measurer) faceFor(flags runFlags, rs []rune) face {
	f := face{style: flags.textStyle()}
	if f.style.Monospace {
		return f
	}
	cjk := containsCJK(rs)
	byTheme := themeBoldNo
	if cjk && f.style.Bold && !m.typo.Serif {
		byTheme = themeBoldCJK(m.lang, f.style)
	}
	q := fontQuery{serif: m.typo.Serif, bold: f.style.Bold}
	switch {
	case byTheme != themeBoldNo:
		// The theme draws it, or will: overprint until it does (a change
		// of the theme's bold lays the text out again).
		f.fake = byTheme == themeBoldSoon
		return f
	case cjk && (f.style.Bold || m.typo.Serif):
		q.lang = m.lang
	case m.typo.Serif:
		q.italic = f.style.Italic
	default:
		return f
	}
	sf, known := knownFont(q)
	if !known {
		m.wanted[q] = true // drawn in the theme's fonts until fetchFonts has it
	}
	if sf != nil && sf.covers(rs) {
		f.src = sf.res
		return f
	}
	f.fake = cjk && f.style.Bold
	return f
}

// fetchFonts looks up, off Fyne's goroutine, the system faces the last
// layout wanted and did not have, and lays the article out again with
// them once they are in. Meanwhile the theme's fonts draw the text.
func (c *readerContent) fetchFonts() {
	for q := range c.m.wanted {
		delete(c.m.wanted, q)
		if c.fetching[q] {
			continue
		}
		if c.fetching == nil {
			c.fetching = map[fontQuery]bool{}
		}
		c.fetching[q] = true
		c.r.sched().Go(func() {
			lookupFont(q)
			fyne.Do(func() {
				delete(c.fetching, q)
				c.forgetWraps()
				c.relayout()
			})
		})
	}
}

func containsCJK(rs []rune) bool {
	for _, r := range rs {
		if text.IsCJK(r) {
			return true
		}
	}
	return false
}

// textObjects draws one run of text in a face: one canvas.Text, or two a
// little apart for overprinted bold.
func (c *readerContent) textObjects(s string, col color.Color, size float32, f face, pos fyne.Position, sz fyne.Size) []fyne.CanvasObject {
	t := canvas.NewText(s, col)
	t.TextSize = size
	t.TextStyle = f.style
	t.FontSource = f.src
	t.Move(pos)
	t.Resize(sz)
	if !f.fake {
		return []fyne.CanvasObject{t}
	}
	over := canvas.NewText(s, col)
	over.TextSize, over.TextStyle = size, f.style
	over.Move(pos.AddXY(max(1, size/24), 0))
	over.Resize(sz)
	return []fyne.CanvasObject{t, over}
}

// SetTypography sets the family, measure and leading, and lays the article
// out again.
func (r *Reader) SetTypography(t Typography) {
	c := r.content
	if t == c.m.typo {
		return
	}
	c.m = newMeasurer(t, c.m.lang)
	c.forgetWraps()
	c.relayout()
}

// Typography returns the reader's typography.
func (r *Reader) Typography() Typography { return r.content.m.typo }
