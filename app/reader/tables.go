package reader

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"

	"app.margin/margin/article"
)

// cellBox is the box of the table cell a block is in, content coordinates.
type cellBox struct {
	x, y, w, h float32
	first      bool // the cell's first block, which draws the box
}

// tableEnd is the index past the blocks of the table doc[i] starts.
func tableEnd(doc []*docBlock, i int) int {
	t := doc[i].cell.Table
	j := i
	for j < len(doc) && doc[j].cell != nil && doc[j].cell.Table == t {
		j++
	}
	return j
}

// Column widths, in multiples of the text size: a column is never made
// narrower than minColumn (nor than its longest word), and a cell's text
// wraps rather than widen its column past maxColumn.
const (
	minColumn = 4
	maxColumn = 20
)

// tableColumns is how many columns a table's cells span, at least one.
func tableColumns(cells []*docBlock) int {
	cols := 1
	for _, b := range cells {
		cols = max(cols, b.cell.Col+1)
	}
	return cols
}

// cellSize is the text size in a table's cells, for a body text size.
func cellSize(size float32) float32 { return 0.95 * size }

// cellPad is the space inside a cell around its text, across and down.
func cellPad(size float32) (x, y float32) { return 0.5 * size, 0.35 * size }

// columnExtents measures each column of a table at size: the narrowest it
// can be without breaking a word (lo) and the width its longest line
// takes unwrapped (hi), both with the cell's padding and within the limits
// of minColumn and maxColumn.
func (m *measurer) columnExtents(cells []*docBlock, size float32) (lo, hi []float32) {
	cols := tableColumns(cells)
	lo, hi = make([]float32, cols), make([]float32, cols)
	for _, b := range cells {
		word, line := m.textExtent(b, cellSize(size))
		lo[b.cell.Col] = max(lo[b.cell.Col], word)
		hi[b.cell.Col] = max(hi[b.cell.Col], line)
	}
	padX, _ := cellPad(size)
	for c := range lo {
		// A pixel to spare, so a width summed here never wraps a word that
		// just fits.
		lo[c] = max(lo[c]+2*padX+1, minColumn*size)
		hi[c] = max(lo[c], min(hi[c]+2*padX+1, maxColumn*size))
	}
	return lo, hi
}

// textExtent is the width of a block's longest unbreakable word (a CJK
// character breaks on either side) and of its longest line unwrapped.
func (m *measurer) textExtent(b *docBlock, size float32) (word, line float32) {
	var w, l float32
	for si, sg := range b.segs {
		key := styleKey{m.faceOf(b, si), size}
		tab := m.table(key)
		for _, r := range b.text[sg.start:sg.end] {
			if r == '\n' {
				w, l = 0, 0
				continue
			}
			rw := m.runeWidth(key, tab, r)
			switch {
			case r == ' ' || r == '\t' || r == '\u3000':
				w = 0
			case isWide(r):
				w = rw
			default:
				w += rw
			}
			l += rw
			word, line = max(word, w), max(line, l)
		}
	}
	return word, line
}

// minShare is how much of the room between its narrowest and its
// unwrapped width a table keeps when the view is too narrow for it: below
// that its cells would wrap into slivers, and it scrolls sideways instead.
const minShare = 0.5

// columnWidths shares out a table's width: its columns unwrapped when they
// fit the view (avail), spread to fill at least the measure mw; else
// squeezed into the view, the columns with most text giving up most; and
// when that would leave them less than minShare of their room, the table
// keeps that share, wider than the view, and scrolls sideways (wide).
func columnWidths(lo, hi []float32, mw, avail float32) (cws []float32, wide bool) {
	var sumLo, sumHi float32
	for c := range lo {
		sumLo += lo[c]
		sumHi += hi[c]
	}
	cws = make([]float32, len(lo))
	if sumHi <= avail {
		grow := max(mw, sumHi) / sumHi
		for c := range hi {
			cws[c] = hi[c] * grow
		}
		return cws, false
	}
	share := (avail - sumLo) / (sumHi - sumLo)
	if share < minShare {
		share, wide = minShare, true
	}
	for c := range lo {
		cws[c] = lo[c] + (hi[c]-lo[c])*share
	}
	return cws, wide
}

// placeTable lays out the blocks of one table as a grid from top, at left
// in columns cws wide, a cell's blocks stacked in it; it returns the y
// below the table.
func (m *measurer) placeTable(cells []*docBlock, left, top float32, cws []float32, size, factor float32) float32 {
	padX, padY := cellPad(size)
	xs := make([]float32, len(cws))
	for c := 1; c < len(cws); c++ {
		xs[c] = xs[c-1] + cws[c-1]
	}
	rowTop := top
	for i := 0; i < len(cells); {
		row := cells[i].cell.Row
		j := i
		for j < len(cells) && cells[j].cell.Row == row {
			j++
		}
		bottom := map[int]float32{} // next free y of each column
		rowEnd := rowTop + 2*padY
		for _, b := range cells[i:j] {
			col := b.cell.Col
			top, ok := bottom[col]
			if !ok {
				top = rowTop + padY
			}
			b.size = cellSize(size)
			b.lineH = b.size * 1.45 * factor
			m.placeText(b, left+xs[col]+padX, cws[col]-2*padX)
			b.y = top
			b.box = cellBox{x: left + xs[col], y: rowTop, w: cws[col], first: !ok}
			bottom[col] = top + b.h + 0.3*size
			rowEnd = max(rowEnd, top+b.h+padY)
		}
		for _, b := range cells[i:j] {
			b.box.h = rowEnd - rowTop
		}
		rowTop = rowEnd
		i = j
	}
	return rowTop
}

// cellObjects draws a cell's box: a line under it, tinted for a header.
func (c *readerContent) cellObjects(b *docBlock, tint, sep color.Color) []fyne.CanvasObject {
	if !b.box.first {
		return nil
	}
	var out []fyne.CanvasObject
	if b.cell.Header {
		bg := canvas.NewRectangle(tint)
		bg.Move(fyne.NewPos(b.box.x, b.box.y))
		bg.Resize(fyne.NewSize(b.box.w, b.box.h))
		out = append(out, bg)
	}
	ln := canvas.NewRectangle(sep)
	ln.Move(fyne.NewPos(b.box.x, b.box.y+b.box.h-1))
	ln.Resize(fyne.NewSize(b.box.w, 1))
	return append(out, ln)
}

// blockAt returns the index of the block at p: as blockAtY, and among the
// cells of a table row, the one in whose column p is.
func blockAt(doc []*docBlock, p fyne.Position) int {
	i := blockAtY(doc, p.Y)
	cell := doc[i].cell
	if cell == nil {
		return i
	}
	sameRow := func(k int) bool {
		c := doc[k].cell
		return c != nil && c.Table == cell.Table && c.Row == cell.Row
	}
	lo, hi := i, i
	for lo > 0 && sameRow(lo-1) {
		lo--
	}
	for hi+1 < len(doc) && sameRow(hi+1) {
		hi++
	}
	best := -1
	for k := lo; k <= hi; k++ {
		b := doc[k]
		if p.X < b.box.x || p.X >= b.box.x+b.box.w {
			continue
		}
		if best < 0 || b.y <= p.Y {
			best = k
		}
	}
	if best < 0 {
		return i
	}
	return best
}

// isHeaderCell reports whether a clipped block is a table's header cell.
func isHeaderCell(c *article.Cell) bool { return c != nil && c.Header }
