package reader

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"app.margin/margin/article"
	"app.margin/margin/storage"
)

// TestReaderLaysTablesOutAsRows shows a table as rows of cells side by side
// inside the column, and a click in a cell selects that cell's text.
func TestReaderLaysTablesOutAsRows(t *testing.T) {
	test.NewTempApp(t)
	blocks := article.Blocks(`<p>` + enPara1 + `</p><table><tr><th>Language</th><th>Year</th><th>Mascot</th></tr>
<tr><td>Go</td><td>2009</td><td>Gopher</td></tr><tr><td>Rust</td><td>2015</td><td>Ferris the crab</td></tr></table><p>` + enPara2 + `</p>`)
	a, blocks := readerArticle("A table", blocks...)
	r, _ := newTestReader(t, a, blocks, nil)
	cells := map[string]*docBlock{}
	var col *docBlock
	for _, b := range r.content.doc {
		if b.cell != nil {
			cells[string(b.text)] = b
		} else if b.kind == kindParagraph {
			col = b
		}
	}
	if len(cells) != 9 {
		t.Fatalf("%d cells laid out, want 9", len(cells))
	}
	rows := [][]string{{"Language", "Year", "Mascot"}, {"Go", "2009", "Gopher"}, {"Rust", "2015", "Ferris the crab"}}
	for ri, row := range rows {
		for ci, name := range row {
			b := cells[name]
			if len(b.lines) != 1 {
				t.Errorf("cell %q takes %d lines, want 1", name, len(b.lines))
			}
			if ci > 0 {
				prev := cells[row[ci-1]]
				if b.y != prev.y || b.x <= prev.x+prev.w-1 {
					t.Errorf("cell %q at (%v, %v) is not right of %q at (%v, %v)", name, b.x, b.y, prev.text, prev.x, prev.y)
				}
			}
			if ri > 0 && b.y <= cells[rows[ri-1][ci]].y {
				t.Errorf("row %d is not below row %d", ri, ri-1)
			}
			if b.x < col.x-1 || b.x+b.w > col.x+col.w+1 {
				t.Errorf("cell %q (%v..%v) runs out of the column (%v..%v)", name, b.x, b.x+b.w, col.x, col.x+col.w)
			}
		}
	}
	if f := r.content.m.faceOf(cells["Year"], 0); !f.style.Bold {
		t.Error("a header cell is not bold")
	}
	g := cells["Gopher"]
	r.content.DoubleTapped(&fyne.PointEvent{Position: fyne.NewPos(g.x+2, g.y+g.lineH/2)})
	if got := r.SelectedText(); got != "Gopher" {
		t.Errorf("double click in the third column selected %q, want %q", got, "Gopher")
	}
}

// TestColumnWidths shares a table's width out among its columns.
func TestColumnWidths(t *testing.T) {
	tests := []struct {
		name      string
		lo, hi    []float32
		mw, avail float32
		want      []float32
		wide      bool
	}{
		{"spread to the measure", []float32{50, 50}, []float32{100, 200}, 600, 1200, []float32{200, 400}, false},
		{"unwrapped, wider than the measure", []float32{50, 50}, []float32{400, 400}, 600, 1200, []float32{400, 400}, false},
		{"squeezed into the view", []float32{100, 100}, []float32{300, 700}, 300, 700, []float32{225, 475}, false},
		{"squeezed to half its room", []float32{100, 100}, []float32{300, 700}, 300, 600, []float32{200, 400}, false},
		{"would be squeezed further", []float32{100, 100}, []float32{300, 700}, 300, 550, []float32{200, 400}, true},
		{"too wide even squeezed", []float32{300, 400}, []float32{600, 800}, 300, 500, []float32{450, 600}, true},
	}
	for _, tc := range tests {
		got, wide := columnWidths(tc.lo, tc.hi, tc.mw, tc.avail)
		if !slices.Equal(got, tc.want) || wide != tc.wide {
			t.Errorf("%s: widths %v wide %v, want %v %v", tc.name, got, wide, tc.want, tc.wide)
		}
	}
}

// wideTableArticle is a paragraph, a table of twelve columns and more
// paragraphs than fit under it in a 720x480 window.
func wideTableArticle() (*storage.Article, []article.Block) {
	var b strings.Builder
	b.WriteString(`<p>` + enPara1 + `</p><table><tr>`)
	for c := range 12 {
		fmt.Fprintf(&b, "<th>Heading%02d</th>", c)
	}
	b.WriteString(`</tr>`)
	for r := range 3 {
		b.WriteString(`<tr>`)
		for c := range 12 {
			fmt.Fprintf(&b, "<td>Kilometres%d%02d</td>", r, c)
		}
		b.WriteString(`</tr>`)
	}
	b.WriteString(`</table><p>` + enPara2 + `</p>` + strings.Repeat(`<p>`+enPara1+`</p>`, 6))
	return readerArticle("A wide table", article.Blocks(b.String())...)
}

// TestWideTableScrollsSideways shows a table wider than a 720x480 window in
// a strip of its own that scrolls sideways: the wheel and the bar move it,
// a click in a scrolled cell selects what is drawn under the pointer, a
// selection dragged to its edge and the keyboard's caret bring the columns
// beyond into view, a vertical wheel turn over
// it scrolls the article, and the paragraphs around it keep the measure
// and their selection.
func TestWideTableScrollsSideways(t *testing.T) {
	test.NewTempApp(t)
	a, blocks := wideTableArticle()
	r := testReader()
	w := test.NewTempWindow(t, r)
	w.Resize(fyne.NewSize(720, 480))
	r.SetArticleBlocks(a, blocks, nil)
	c := r.content
	if len(c.tables) != 1 {
		t.Fatalf("%d wide tables, want 1", len(c.tables))
	}
	s := c.tables[0]
	if s.t.contentW <= s.Size().Width || s.Size().Width > c.width {
		t.Fatalf("table %v wide seen through %v in a view %v wide: want wider than the strip, the strip within the view", s.t.contentW, s.Size().Width, c.width)
	}
	var paras []*docBlock
	var last *docBlock // the last column's cell in the last row
	headerStart := -1  // where the first heading's text starts
	for _, b := range c.doc {
		switch {
		case b.cell != nil && len(b.lines) != 1:
			t.Errorf("cell %q wraps to %d lines in a table that scrolls", string(b.text), len(b.lines))
		case b.cell != nil:
			last = b
			if headerStart < 0 {
				headerStart = b.start
			}
		case b.kind == kindParagraph:
			paras = append(paras, b)
		}
	}
	if len(paras) < 2 || paras[0].x != paras[1].x || paras[0].w != paras[1].w {
		t.Fatalf("the paragraphs around the table are not in one measure: %+v", paras)
	}
	if paras[1].x+paras[1].w > c.width {
		t.Errorf("the paragraph after the table runs to %v in a view %v wide", paras[1].x+paras[1].w, c.width)
	}
	inReader := r.scroll.Position().Add(c.Position()) // content to reader coordinates
	onCanvas := r.Position().Add(inReader)            // content to canvas coordinates
	strip := onCanvas.Add(s.Position()).Add(fyne.NewPos(s.Size().Width/2, s.Size().Height/3))
	drawn := func(off int) fyne.Position { // content coordinates
		p, ok := r.PointAt(off)
		if !ok {
			t.Fatalf("offset %d is not laid out", off)
		}
		return p.Subtract(r.scroll.Position().Add(c.Position()))
	}
	if x := drawn(last.start).X; x < s.Position().X+s.Size().Width {
		t.Fatalf("the last column is drawn at %v, inside the strip (to %v) before scrolling", x, s.Position().X+s.Size().Width)
	}

	test.Scroll(w.Canvas(), strip, -10000, 0)
	if want := s.t.contentW - s.t.w; s.offset != want {
		t.Fatalf("a sideways wheel turn scrolled the table to %v, want its end %v", s.offset, want)
	}
	p := drawn(last.start + 2)
	if p.X < s.Position().X || p.X >= s.Position().X+s.Size().Width {
		t.Errorf("after scrolling to the end the last column is drawn at %v, outside the strip", p.X)
	}
	s.DoubleTapped(&fyne.PointEvent{Position: p.Subtract(s.Position())})
	if got, want := r.SelectedText(), string(last.text); got != want {
		t.Errorf("a double click on the scrolled last column selected %q, want %q", got, want)
	}
	if len(s.inner.Objects) == 0 || slices.ContainsFunc(c.visible, func(o fyne.CanvasObject) bool {
		return o.Position().Y >= s.t.y && o.Position().Y < s.t.y+s.t.h && o != s
	}) {
		t.Error("the table's drawing is not all inside its scroller")
	}

	barY := s.Size().Height - scrollBarSpace*c.size()/2
	test.Drag(w.Canvas(), onCanvas.Add(s.Position()).Add(fyne.NewPos(2, barY)), -(s.Size().Width - 4), 0)
	if s.offset != 0 {
		t.Errorf("dragging the bar to the left scrolled the table to %v, want 0", s.offset)
	}
	if got, want := r.SelectedText(), string(last.text); got != want {
		t.Errorf("dragging the bar changed the selection to %q", got)
	}

	// A drag from the first column to the strip's right edge scrolls the
	// table on and selects into what comes into view.
	first := drawn(headerStart).Add(fyne.NewPos(1, 0))
	edge := fyne.NewPos(s.Position().X+s.Size().Width-2, first.Y)
	for range 3 {
		c.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: edge}, Dragged: fyne.NewDelta(edge.X-first.X, 0)})
	}
	c.DragEnd()
	if lo, hi, _ := r.Selection(); s.offset == 0 || lo != headerStart || hi <= lo {
		t.Errorf("a drag to the strip's edge: table at %v, selection %d-%d; want the table scrolled and a selection from %d", s.offset, lo, hi, headerStart)
	}
	s.scrollTo(0)

	r.Select(last.start, last.start)
	r.TypedKey(&fyne.KeyEvent{Name: fyne.KeyRight})
	if p := drawn(r.content.caret); s.offset == 0 || p.X < s.Position().X || p.X >= s.Position().X+s.Size().Width {
		t.Errorf("the caret moved into the last column is drawn at %v with the table at %v: want the table scrolled to show it", p.X, s.offset)
	}
	s.scrollTo(0)

	y := r.scroll.Offset.Y
	test.Scroll(w.Canvas(), strip, 0, -40)
	if r.scroll.Offset.Y <= y || s.offset != 0 {
		t.Errorf("a wheel turn down over the table: article at %v (was %v), table at %v; want the article moved and the table not", r.scroll.Offset.Y, y, s.offset)
	}

	after := paras[1]
	c.DoubleTapped(&fyne.PointEvent{Position: drawn(after.start + 1)})
	if got := r.SelectedText(); got != "Highlights" {
		t.Errorf("a double click on the paragraph after the table selected %q, want %q", got, "Highlights")
	}
}
