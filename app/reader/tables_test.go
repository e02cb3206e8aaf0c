package reader

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"app.margin/margin/article"
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

// TestWideTablesTakeTheView lays a table of many columns out wider than the
// reading measure, up to the view, and never past it.
func TestWideTablesTakeTheView(t *testing.T) {
	tests := []struct {
		name      string
		cols      int
		mw, avail float32
		want      float32
	}{
		{"fits the measure", 3, 600, 1200, 600},
		{"wider than the measure", 8, 600, 1200, 8 * minColumn * 16},
		{"as wide as the view", 20, 600, 1200, 1200},
		{"narrow view", 8, 300, 300, 300},
	}
	for _, tc := range tests {
		var cells []*docBlock
		for c := range tc.cols {
			cells = append(cells, &docBlock{cell: &article.Cell{Col: c}})
		}
		if got := tableWidth(cells, tc.mw, tc.avail, 16); got != tc.want {
			t.Errorf("%s: width %v, want %v", tc.name, got, tc.want)
		}
	}
}
