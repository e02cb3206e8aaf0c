package reader

import (
	"math"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
)

// drawnCaret returns the caret the reader hands to the canvas, if it is
// shown: a thin rectangle in the theme's primary colour.
func drawnCaret(t *testing.T, r *Reader) (*canvas.Rectangle, bool) {
	t.Helper()
	primary := r.content.color(theme.ColorNamePrimary)
	var found *canvas.Rectangle
	for _, o := range test.WidgetRenderer(r.content).Objects() {
		if rect, ok := o.(*canvas.Rectangle); ok && rect.Visible() && rect.FillColor == primary && rect.Size().Width <= 2 {
			if found != nil {
				t.Fatal("two carets drawn")
			}
			found = rect
		}
	}
	return found, found != nil
}

// assertCaretAt checks that the caret is drawn on the boundary before text
// offset off, on the line that ends there (eol) or the one that starts there.
func assertCaretAt(t *testing.T, r *Reader, off int, eol bool) {
	t.Helper()
	k, ok := drawnCaret(t, r)
	if !ok {
		t.Fatalf("no caret drawn, want one at %d", off)
	}
	dx := float32(1)
	if eol {
		dx = -1
	}
	p := readerPointAt(t, r, off, dx) // the middle of the line, just beside the boundary
	x := k.Position().X + k.Size().Width/2
	if math.Abs(float64(x-(p.X-dx))) > 0.5 {
		t.Errorf("caret at x=%v, want %v (offset %d)", x, p.X-dx, off)
	}
	if top, bottom := k.Position().Y, k.Position().Y+k.Size().Height; p.Y < top || p.Y > bottom {
		t.Errorf("caret spans y %v..%v, want the line through y=%v (offset %d, end of line %v)", top, bottom, p.Y, off, eol)
	}
	if h, lineH := k.Size().Height, r.content.size(); h < lineH || h > 2*lineH {
		t.Errorf("caret is %v tall, want about a line (text size %v)", h, lineH)
	}
	if w := k.Size().Width; w < 1 || w > 2 {
		t.Errorf("caret is %v wide, want 1-2", w)
	}
}

func TestReaderCaret(t *testing.T) {
	en := []string{enPara1 + " " + enPara2, "The end."}
	zh := []string{zhPara1 + zhPara2, "完。"}
	tests := []struct {
		name  string
		paras []string
		click string // click at the start of this text; "" for no click
		keys  []string
		// where the caret is drawn: the start of text want plus delta, at
		// the end of a line (eol) or at the start of one; or, with line set,
		// relative to line line of the first paragraph (-1 for its end)
		want  string
		delta int
		line  int
		eol   bool
		sel   string // the selection afterwards; "*" from the click to the caret
	}{
		{name: "a click", paras: en, click: "keep what", want: "keep what"},
		{name: "a click, Chinese", paras: zh, click: "今天", want: "今天"},
		{name: "no click: the top of the view", paras: en, want: "Readers"},
		{name: "Shift+Right moves it", paras: en, click: "keep what", keys: []string{"shift+right*4"}, want: "keep what", delta: 4, sel: "keep"},
		{name: "Shift+Right, Chinese", paras: zh, click: "今天", keys: []string{"shift+right*2"}, want: "今天", delta: 2, sel: "今天"},
		{name: "Shift+Left: the moving end", paras: en, click: " what", keys: []string{"shift+left*4"}, want: "keep what", sel: "keep"},
		{name: "Shift+End: the end of the first line", paras: en, click: "Readers", keys: []string{"shift+end"}, line: 0, eol: true, sel: "*"},
		{name: "Shift+End, Chinese", paras: zh, click: "我们", keys: []string{"shift+end"}, line: 0, eol: true, sel: "*"},
		{name: "Shift+Down: after the wrap", paras: zh, click: "我们", keys: []string{"shift+down"}, line: 1, sel: "*"},
		{name: "Shift+End then Shift+Right: the next line's start", paras: zh, click: "我们", keys: []string{"shift+end", "shift+right"}, line: 1, delta: 1, sel: "*"},
		{name: "Shift+End then Right: the end of the line", paras: en, click: "Readers", keys: []string{"shift+end", "right"}, line: 0, eol: true},
		{name: "Right moves it without selecting", paras: en, click: "keep what", keys: []string{"right*3"}, want: "keep what", delta: 3},
		{name: "Left, Chinese", paras: zh, click: "今天", keys: []string{"left*2"}, want: "我们"},
		{name: "Left collapses a selection to its start", paras: en, click: "keep what", keys: []string{"shift+right*4", "left"}, want: "keep what"},
		{name: "Right collapses a selection to its end", paras: en, click: " what", keys: []string{"shift+left*4", "right"}, want: " what"},
		{name: "Ctrl+Right: after the next word", paras: en, click: "keep what", keys: []string{"ctrl+right*2"}, want: " they read"},
		{name: "Ctrl+Left, Chinese: the start of the run", paras: zh, click: "在这里", keys: []string{"ctrl+left"}, want: "我们"},
		{name: "Up and Down scroll, the caret stays", paras: en, click: "keep what", keys: []string{"down", "up"}, want: "keep what"},
		{name: "Esc keeps the caret at the moving end", paras: en, click: "keep what", keys: []string{"shift+right*4", "esc"}, want: "keep what", delta: 4},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r, w, a := focusedReader(t, tc.paras...)
			if tc.click != "" {
				readerClick(t, r, runeIndex(t, a.Text, tc.click))
			}
			pressKeys(t, w, tc.keys...)
			want := tc.delta
			if tc.want != "" {
				want += runeIndex(t, a.Text, tc.want)
			} else {
				b := r.content.doc[2]
				ln := b.lines[tc.line]
				if tc.eol {
					want += b.start + visibleEnd(b, &ln)
				} else {
					want += b.start + ln.start
				}
			}
			assertCaretAt(t, r, want, tc.eol)
			wantSel := tc.sel
			if wantSel == "*" {
				wantSel = string([]rune(a.Text)[runeIndex(t, a.Text, tc.click):want])
			}
			if got := r.SelectedText(); got != wantSel {
				t.Errorf("selected %q, want %q", got, wantSel)
			}
		})
	}
}

// TestReaderCaretAtTheEndOfAWrappedLine: a click right of a wrapped line's
// end puts the caret at the end of that line, not at the start of the next
// (the same offset), and the keys go on from that line.
func TestReaderCaretAtTheEndOfAWrappedLine(t *testing.T) {
	for _, para := range []string{zhPara1 + zhPara2 + zhPara1, enPara1 + " " + enPara2} {
		r, w, _ := focusedReader(t, para)
		c := r.content
		b := c.doc[2]
		if len(b.lines) < 3 {
			t.Fatalf("the paragraph wraps to %d lines, want 3 or more", len(b.lines))
		}
		ln := b.lines[0]
		end := b.start + ln.end
		p := fyne.NewPos(b.x+b.w+5, b.y+b.lineH/2) // right of the first line
		forgetClicks(r)
		c.MouseDown(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: p}, Button: desktop.MouseButtonPrimary})
		if _, caret, _ := r.Selection(); caret != end {
			t.Fatalf("a click right of the first line put the caret at %d, want %d", caret, end)
		}
		k, ok := drawnCaret(t, r)
		if !ok {
			t.Fatal("no caret after a click")
		}
		if y := k.Position().Y; y > b.y+b.lineH {
			t.Errorf("caret drawn at y=%v, want on the first line (y %v..%v)", y, b.y, b.y+b.lineH)
		}
		pressKeys(t, w, "shift+down")
		if _, caret, _ := r.Selection(); caret <= b.start+b.lines[1].start || caret > b.start+b.lines[1].end {
			t.Errorf("Shift+Down from the end of the first line: caret %d, want on the second line (%d..%d)",
				caret, b.start+b.lines[1].start, b.start+b.lines[1].end)
		}
		pressKeys(t, w, "esc")
		if strings.ContainsRune(para, ' ') {
			continue // the rest is about CJK lines, which end where the next begins
		}
		readerClick(t, r, b.start+ln.start+2)
		pressKeys(t, w, "shift+end", "shift+home")
		if got, want := r.SelectedText(), string(b.text[ln.start:ln.start+2]); got != want {
			t.Errorf("Shift+End, Shift+Home: %q, want %q", got, want)
		}
	}
}

// TestReaderCaretFollowsTheFocus: the caret shows only while the reader has
// the keyboard, and a selection outlives the focus.
func TestReaderCaretFollowsTheFocus(t *testing.T) {
	test.NewTempApp(t)
	a, blocks := readerArticle("Focus", readerPara(enPara1), readerPara(enPara2))
	r, w := newTestReader(t, a, blocks, nil)
	if _, ok := drawnCaret(t, r); ok {
		t.Error("caret drawn before the reader had the focus")
	}
	w.Canvas().Focus(r)
	off := runeIndex(t, a.Text, "keep what")
	readerClick(t, r, off)
	assertCaretAt(t, r, off, false)
	pressKeys(t, w, "shift+right*4")
	w.Canvas().Unfocus()
	if _, ok := drawnCaret(t, r); ok {
		t.Error("caret still drawn after the reader lost the focus")
	}
	if got, want := r.SelectedText(), "keep"; got != want {
		t.Errorf("after losing the focus the selection is %q, want %q", got, want)
	}
	w.Canvas().Focus(r)
	assertCaretAt(t, r, off+4, false)

	// An empty reader has nowhere to put it.
	r.SetArticle(nil, nil)
	if _, ok := drawnCaret(t, r); ok {
		t.Error("caret drawn in an empty reader")
	}
}

// TestReaderCaretFollowsTheView: with nothing selected and the caret's line
// scrolled out of view, the caret shows where Shift+Right would start, the
// start of the first line in view.
func TestReaderCaretFollowsTheView(t *testing.T) {
	r, w, _ := focusedReader(t, slices.Repeat([]string{enPara1}, 30)...)
	readerClick(t, r, 3)
	assertCaretAt(t, r, 3, false)
	test.Scroll(w.Canvas(), fyne.NewPos(100, 100), 0, -600)
	start, _ := r.content.keyboardStart()
	if start == 3 {
		t.Fatal("the click is still in view after scrolling")
	}
	assertCaretAt(t, r, start, false)
	pressKeys(t, w, "shift+right")
	if s, _, _ := r.Selection(); s != start {
		t.Errorf("Shift+Right selected from %d, the caret was drawn at %d", s, start)
	}
}
