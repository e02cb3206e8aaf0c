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

// minColumn is the narrowest a table column is made, in multiples of the
// text size, while the view has room.
const minColumn = 7

// tableWidth is the width a table is laid out in: the reading measure, or
// wider, up to the view, when its columns would be narrower than minColumn.
func tableWidth(cells []*docBlock, mw, avail, size float32) float32 {
	return max(mw, min(float32(tableColumns(cells))*minColumn*size, avail))
}

// tableColumns is how many columns a table's cells span, at least one.
func tableColumns(cells []*docBlock) int {
	cols := 1
	for _, b := range cells {
		cols = max(cols, b.cell.Col+1)
	}
	return cols
}

// placeTable lays out the blocks of one table as a grid from top, its columns
// sharing the measure, a cell's blocks stacked in it; it returns the y
// below the table. Cells wrap their text: a table with more columns than
// fit gets taller, never wider than mw.
func (m *measurer) placeTable(cells []*docBlock, left, top, mw, size, factor float32) float32 {
	cols := tableColumns(cells)
	padX, padY := 0.5*size, 0.35*size
	cw := mw / float32(cols)
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
			b.size = size * 0.95
			b.lineH = b.size * 1.45 * factor
			m.placeText(b, left+float32(col)*cw+padX, max(cw-2*padX, 2*size))
			b.y = top
			b.box = cellBox{x: left + float32(col)*cw, y: rowTop, w: cw, first: !ok}
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
