package reader

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"app.margin/margin/article"
	"app.margin/margin/internal/text"
	"app.margin/margin/storage"
)

// pressKeys sends keys to the focused object as the desktop driver does:
// Shift alone is no shortcut (KeyDown of Shift, then a plain TypedKey), while
// Ctrl or Alt with Shift make a desktop.CustomShortcut, and Ctrl+A and
// Ctrl+C their own shortcuts. A key is written "ctrl+shift+left", "esc" or
// "shift+right*4" (four presses).
func pressKeys(t *testing.T, w fyne.Window, keys ...string) {
	t.Helper()
	names := map[string]fyne.KeyName{"left": fyne.KeyLeft, "right": fyne.KeyRight, "up": fyne.KeyUp,
		"down": fyne.KeyDown, "home": fyne.KeyHome, "end": fyne.KeyEnd, "esc": fyne.KeyEscape, "a": fyne.KeyA, "c": fyne.KeyC}
	for _, k := range keys {
		times := 1
		if i := strings.LastIndexByte(k, '*'); i >= 0 {
			n, err := strconv.Atoi(k[i+1:])
			if err != nil {
				t.Fatalf("bad repeat in %q", k)
			}
			k, times = k[:i], n
		}
		parts := strings.Split(k, "+")
		name, ok := names[parts[len(parts)-1]]
		if !ok {
			t.Fatalf("unknown key in %q", k)
		}
		var mod fyne.KeyModifier
		for _, m := range parts[:len(parts)-1] {
			switch m {
			case "shift":
				mod |= fyne.KeyModifierShift
			case "ctrl":
				mod |= fyne.KeyModifierControl
			case "alt":
				mod |= fyne.KeyModifierAlt
			default:
				t.Fatalf("unknown modifier in %q", k)
			}
		}
		focused := w.Canvas().Focused()
		if focused == nil {
			t.Fatal("nothing has the focus")
		}
		if mod&fyne.KeyModifierShift != 0 {
			keyDown(t, w, desktop.KeyShiftLeft)
		}
		for range times {
			switch {
			case mod == fyne.KeyModifierControl && name == fyne.KeyA:
				focused.(fyne.Shortcutable).TypedShortcut(&fyne.ShortcutSelectAll{})
			case mod == fyne.KeyModifierControl && name == fyne.KeyC:
				focused.(fyne.Shortcutable).TypedShortcut(&fyne.ShortcutCopy{Clipboard: fyne.CurrentApp().Clipboard()})
			case mod&^fyne.KeyModifierShift != 0:
				focused.(fyne.Shortcutable).TypedShortcut(&desktop.CustomShortcut{KeyName: name, Modifier: mod})
			default:
				focused.TypedKey(&fyne.KeyEvent{Name: name})
			}
		}
		if mod&fyne.KeyModifierShift != 0 {
			keyUp(w, desktop.KeyShiftLeft)
		}
	}
}

// heldModifiers are the modifier keys the test keyboard holds down: what
// keyModifiers reports in this package's tests (see TestMain).
var heldModifiers fyne.KeyModifier

// keyDown and keyUp press and release a modifier key as the desktop driver
// does: the driver notes it among the keys held, and the event goes to
// whatever has the keyboard (the top pop-up's focus first).
func keyDown(t *testing.T, w fyne.Window, name fyne.KeyName) {
	t.Cleanup(func() { heldModifiers = 0 })
	heldModifiers |= modifierOf[name]
	if k, ok := w.Canvas().Focused().(desktop.Keyable); ok {
		k.KeyDown(&fyne.KeyEvent{Name: name})
	}
}

func keyUp(w fyne.Window, name fyne.KeyName) {
	heldModifiers &^= modifierOf[name]
	if k, ok := w.Canvas().Focused().(desktop.Keyable); ok {
		k.KeyUp(&fyne.KeyEvent{Name: name})
	}
}

var modifierOf = map[fyne.KeyName]fyne.KeyModifier{
	desktop.KeyShiftLeft: fyne.KeyModifierShift, desktop.KeyShiftRight: fyne.KeyModifierShift,
}

// typeRunes types characters into the focused object, as the driver does.
func typeRunes(t *testing.T, w fyne.Window, chars string) {
	t.Helper()
	focused := w.Canvas().Focused()
	if focused == nil {
		t.Fatal("nothing has the focus")
	}
	for _, ch := range chars {
		focused.TypedRune(ch)
	}
}

// readerClick presses and releases the primary button at text offset off,
// as a new single click.
func readerClick(t *testing.T, r *Reader, off int) {
	t.Helper()
	c := r.content
	forgetClicks(r)
	ev := &desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: readerPointAt(t, r, off, 1)}, Button: desktop.MouseButtonPrimary}
	c.MouseDown(ev)
	c.MouseUp(ev)
	if s, e, _ := r.Selection(); s != off || e != off {
		t.Fatalf("a click at offset %d left the selection at %d..%d", off, s, e)
	}
}

// runeIndex is the code-point offset of sub in s.
func runeIndex(t *testing.T, s, sub string) int {
	t.Helper()
	i := strings.Index(s, sub)
	if i < 0 || strings.Contains(s[i+1:], sub) {
		t.Fatalf("%q is not once in %q", sub, s)
	}
	return len([]rune(s[:i]))
}

func TestReaderKeyboardSelection(t *testing.T) {
	en := []string{enPara1, enPara2}
	zh := []string{zhPara1, zhPara2}
	tests := []struct {
		name        string
		paras       []string
		clickBefore string // click at the start of this text; "" for no click
		keys        []string
		want        string
	}{
		{"character right", en, "keep what", []string{"shift+right*4"}, "keep"},
		{"character left", en, " what they", []string{"shift+left*4"}, "keep"},
		{"shrink back", en, "keep what", []string{"shift+right*4", "shift+left*2"}, "ke"},
		{"through the anchor", en, "keep what", []string{"shift+right*2", "shift+left*4"}, "s "},
		{"word right", en, "keep what", []string{"ctrl+shift+right*2"}, "keep what"},
		{"word right skips punctuation", en, "read. A", []string{"ctrl+shift+right*2"}, "read. A"},
		{"word left from inside a word", en, "ep what", []string{"ctrl+shift+left"}, "ke"},
		{"word right with Option (macOS)", en, "keep what", []string{"alt+shift+right"}, "keep"},
		{"characters across the paragraph break", en, "me.\n", []string{"shift+right*6"}, "me.\n\nHi"},
		{"characters back across the break", en, "ghlights", []string{"shift+left*6"}, "me.\n\nHi"},
		{"words across the break", en, "time.", []string{"ctrl+shift+right*2"}, "time.\n\nHighlights"},
		{"words back across the break", en, "anchor to", []string{"ctrl+shift+left*2"}, "time.\n\nHighlights "},
		{"to the end of the text", en, "same page.", []string{"ctrl+shift+end"}, "same page."},
		{"to the start of the text", en, " keep", []string{"ctrl+shift+home"}, "Readers"},
		{"Esc clears; the next selection starts where the last ended", en, "keep what",
			[]string{"shift+right*4", "esc", "shift+right*5"}, " what"},
		{"no click: from the top of the view", en, "", []string{"shift+right*7"}, "Readers"},
		{"select all", en, "keep", []string{"ctrl+a"}, enPara1 + "\n\n" + enPara2},
		{"select all, then shrink", en, "", []string{"ctrl+a", "ctrl+shift+left"}, enPara1 + "\n\nHighlights anchor to the canonical text, so they survive a second clip of the same "},

		{"a CJK character is a character", zh, "今天", []string{"shift+right*2"}, "今天"},
		{"a CJK word is the run a double click selects", zh, "我们", []string{"ctrl+shift+right"}, "我们今天在这里读书"},
		{"CJK words skip punctuation", zh, "我们", []string{"ctrl+shift+right*2"}, "我们今天在这里读书，明天在那里写字"},
		{"CJK word left", zh, "。阅读", []string{"ctrl+shift+left"}, "明天在那里写字"},
		{"CJK characters across the break", zh, "方式。", []string{"shift+right*5"}, "方式。\n\n高"},
		{"CJK words across the break", zh, "方式", []string{"ctrl+shift+right*2"}, "方式。\n\n高亮以规范文本为锚点"},
		{"CJK word back across the break", zh, "高亮", []string{"ctrl+shift+left"}, "阅读是一种与作者对话的方式。\n\n"},
		{"Latin inside CJK is a word of its own", []string{"我们用Go写代码。"}, "我们", []string{"ctrl+shift+right*2"}, "我们用Go"},
		{"no click, Chinese", zh, "", []string{"shift+right*4"}, "我们今天"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r, w, a := focusedReader(t, tc.paras...)
			if tc.clickBefore != "" {
				readerClick(t, r, runeIndex(t, a.Text, tc.clickBefore))
			}
			pressKeys(t, w, tc.keys...)
			if got := r.SelectedText(); got != tc.want {
				t.Errorf("keys %q: SelectedText() = %q, want %q", tc.keys, got, tc.want)
			}
		})
	}
}

// TestReaderKeyboardWordIsDoubleClickWord checks, at every offset of a mixed
// Chinese and English paragraph, that Ctrl+Shift+Right from the start of
// what a double click selects selects the same thing.
func TestReaderKeyboardWordIsDoubleClickWord(t *testing.T) {
	test.NewTempApp(t)
	p := "我们用Go写代码，也读l’homme的书。Don't stop: 2024年。"
	a, blocks := readerArticle("Words", readerPara(p))
	r, w := newTestReader(t, a, blocks, nil)
	w.Canvas().Focus(r)
	c := r.content
	for off, ch := range []rune(p) {
		if text.ClassOf(ch) == text.NotWord {
			continue
		}
		c.DoubleTapped(&fyne.PointEvent{Position: readerPointAt(t, r, off, 1)})
		want := r.SelectedText()
		lo, _, _ := r.Selection()
		readerClick(t, r, lo)
		pressKeys(t, w, "ctrl+shift+right")
		if got := r.SelectedText(); got != want {
			t.Errorf("at %d (%q): Ctrl+Shift+Right selects %q, a double click %q", off, string(ch), got, want)
		}
	}
}

func TestReaderKeyboardLines(t *testing.T) {
	tests := []struct {
		name string
		para string
	}{
		{"english", enPara1 + " " + enPara2 + " " + enPara1},
		{"chinese", zhPara1 + zhPara2 + zhPara1 + zhPara2},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			test.NewTempApp(t)
			a, blocks := readerArticle("Lines", readerPara(tc.para), readerPara(tc.para))
			r, w := newTestReader(t, a, blocks, nil)
			w.Canvas().Focus(r)
			c := r.content
			b := c.doc[2]
			if len(b.lines) < 3 {
				t.Fatalf("the paragraph wraps to %d lines, want 3 or more", len(b.lines))
			}
			text := []rune(a.Text)
			line := func(i int) string { return string(b.text[b.lines[i].start:b.lines[i].end]) }
			x := func(off int) float32 {
				bi, li := c.lineIndex(off, false)
				d := c.doc[bi]
				return d.x + c.m.xAt(d, &d.lines[li], off-d.start)
			}
			widest := c.m.measure("中", b.size, face{})
			const col = 5
			start := b.start + b.lines[0].start + col

			// Shift+End selects the rest of the line as drawn (no hanging space).
			readerClick(t, r, start)
			pressKeys(t, w, "shift+end")
			if got, want := r.SelectedText(), strings.TrimRight(string([]rune(line(0))[col:]), " "); got != want {
				t.Errorf("Shift+End: %q, want %q", got, want)
			}
			// Shift+Home from there goes to the start of the same line, even
			// where a CJK line ends exactly where the next begins.
			pressKeys(t, w, "shift+home")
			if got, want := r.SelectedText(), string([]rune(line(0))[:col]); got != want {
				t.Errorf("Shift+End, Shift+Home: %q, want %q", got, want)
			}

			// Shift+Down lands on the next line, in the same column.
			readerClick(t, r, start)
			pressKeys(t, w, "shift+down")
			_, caret, _ := r.Selection()
			if _, li := c.lineIndex(caret, false); li != 1 {
				t.Errorf("Shift+Down: caret %d on line %d, want line 1", caret, li)
			}
			if d := math.Abs(float64(x(caret) - x(start))); d > float64(widest)/2+0.5 {
				t.Errorf("Shift+Down: caret x %v, started at %v", x(caret), x(start))
			}
			if got, want := r.SelectedText(), string(text[start:caret]); !strings.HasPrefix(got, string(text[start:start+3])) || got != want {
				t.Errorf("Shift+Down: %q, want %q", got, want)
			}
			// Down twice and up twice comes back to the same place: the column
			// is kept even through a shorter line.
			pressKeys(t, w, "shift+down", "shift+up*2")
			if s, e, ok := r.Selection(); ok {
				t.Errorf("Shift+Down*2, Shift+Up*2: selected %d..%d, want nothing", s, e)
			}

			// Down from the last line goes into the next paragraph, and on
			// past the end to the end of the text; Up from the first line to
			// the start of the text.
			last := b.start + b.lines[len(b.lines)-1].start + 2
			readerClick(t, r, last)
			pressKeys(t, w, "shift+down")
			if _, caret, _ := r.Selection(); caret < blocks[1].Start || caret > blocks[1].Start+len([]rune(line(0))) {
				t.Errorf("Shift+Down from the last line: caret %d, want on the first line of the next paragraph (from %d)", caret, blocks[1].Start)
			}
			pressKeys(t, w, "shift+down*20")
			if _, caret, _ := r.Selection(); caret != len(text) {
				t.Errorf("Shift+Down past the end: caret %d, want %d", caret, len(text))
			}
			readerClick(t, r, start)
			pressKeys(t, w, "shift+up")
			if got, want := r.SelectedText(), string(text[:start]); got != want {
				t.Errorf("Shift+Up from the first line: %q, want %q", got, want)
			}
		})
	}
}

func TestReaderKeyboardSelectionThenHighlightAndCopy(t *testing.T) {
	test.NewTempApp(t)
	a, blocks := readerArticle("Keys", readerPara(zhPara1), readerPara(zhPara2))
	r, w := newTestReader(t, a, blocks, nil)
	var got []string
	r.OnHighlight = func(s, e int, col storage.Color) {
		got = append(got, fmt.Sprintf("%s %s", string([]rune(a.Text)[s:e]), col))
	}
	w.Canvas().Focus(r)
	readerClick(t, r, runeIndex(t, a.Text, "方式"))
	pressKeys(t, w, "shift+right*5")
	typeRunes(t, w, "h")
	pressKeys(t, w, "ctrl+shift+right")
	typeRunes(t, w, "2")
	if want := []string{"方式。\n\n高 yellow", "亮以规范文本为锚点 green"}; fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("highlighted %q, want %q", got, want)
	}
	pressKeys(t, w, "ctrl+shift+left", "ctrl+c")
	// With nothing selected, the word before the last selection's end.
	if got, want := fyne.CurrentApp().Clipboard().Content(), "高亮以规范文本为锚点"; got != want {
		t.Errorf("clipboard = %q, want %q", got, want)
	}

	// Keys without Shift still scroll and reach the window, and a Shift
	// released elsewhere (the focus moved on) is not held any more.
	pressKeys(t, w, "esc")
	keyDown(t, w, desktop.KeyShiftRight)
	w.Canvas().Unfocus()
	keyUp(w, desktop.KeyShiftRight)
	w.Canvas().Focus(r)
	pressKeys(t, w, "right")
	if s, e, ok := r.Selection(); ok {
		t.Errorf("Right after the focus came back selected %d..%d", s, e)
	}
}

func TestReaderKeyboardSelectionScrolls(t *testing.T) {
	var ps []string
	for i := range 40 {
		ps = append(ps, fmt.Sprintf("Paragraph %d. %s", i, enPara1))
	}
	r, w, _ := focusedReader(t, ps...)
	var reported []float64
	r.OnPositionChanged = func(p float64) { reported = append(reported, p) }
	c := r.content
	inView := func(what string) {
		t.Helper()
		_, caret, _ := r.Selection()
		b, li := c.lineOf(caret, c.caretEOL)
		y, top, view := b.y+b.lines[li].y, r.scroll.Offset.Y, r.scroll.Size().Height
		if y < top || y+b.lineH > top+view {
			t.Errorf("%s: the caret's line at y=%v is outside the view [%v, %v]", what, y, top, top+view)
		}
	}

	readerClick(t, r, 3)
	pressKeys(t, w, "shift+down*40")
	if r.scroll.Offset.Y <= 0 {
		t.Error("Shift+Down past the bottom of the view did not scroll")
	}
	inView("Shift+Down*40")
	if s, _, _ := r.Selection(); s != 3 {
		t.Errorf("the selection starts at %d after scrolling, want the click at 3", s)
	}
	pressKeys(t, w, "ctrl+shift+end")
	inView("Ctrl+Shift+End")
	pressKeys(t, w, "ctrl+shift+home")
	inView("Ctrl+Shift+Home")
	if got := r.SelectedText(); got != "Par" {
		t.Errorf("Ctrl+Shift+Home: %q, want %q", got, "Par")
	}

	// With nothing selected and the click scrolled out of view, the
	// selection starts at the top of the view, which stays where it is.
	pressKeys(t, w, "esc")
	r.ScrollTo(0.5)
	top := r.scroll.Offset.Y
	pressKeys(t, w, "shift+right")
	s, _, ok := r.Selection()
	if !ok {
		t.Fatal("Shift+Right selected nothing")
	}
	b, li := c.lineOf(s, false)
	if y := b.y + b.lines[li].y; y < top || y > top+2*b.lineH || s != b.start+b.lines[li].start {
		t.Errorf("selection starts at %d (y=%v), want the start of the first line in view (top %v)", s, y, top)
	}
	if r.scroll.Offset.Y != top {
		t.Errorf("view moved from %v to %v", top, r.scroll.Offset.Y)
	}
}

// BenchmarkReaderKeySelect moves the end of a selection one line with the
// keyboard in a 10,000-word article (what a held Shift+Down repeats), down
// through the article and back up.
func BenchmarkReaderKeySelect(b *testing.B) {
	a, blocks := readerBenchArticle(10000)
	r := benchReader(b, a, blocks)
	c := r.content
	c.setSelection(0, 0)
	down := true
	for b.Loop() {
		_, caret, _ := r.Selection()
		switch {
		case caret == len(c.text):
			down = false
		case caret == 0:
			down = true
		}
		if down {
			c.extendSelection(moveLineDown)
		} else {
			c.extendSelection(moveLineUp)
		}
	}
}

// TestReaderShiftNotStuckAfterAPopUp: a Shift key that comes up while a
// pop-up (a menu, a dialog) has the keyboard is not held any more once the
// pop-up is gone, so a plain arrow scrolls rather than selects.
func TestReaderShiftNotStuckAfterAPopUp(t *testing.T) {
	r, w, a := focusedReader(t, enPara1, enPara2)
	readerClick(t, r, runeIndex(t, a.Text, "keep what"))
	keyDown(t, w, desktop.KeyShiftLeft)
	pressKeys(t, w, "right*4")
	if got, want := r.SelectedText(), "keep"; got != want {
		t.Fatalf("Shift held, Right*4: %q, want %q", got, want)
	}
	pop := widget.NewPopUp(widget.NewLabel("a pop-up"), w.Canvas())
	pop.Show()
	keyUp(w, desktop.KeyShiftLeft)
	pop.Hide()
	if w.Canvas().Focused() != r {
		t.Fatal("the reader lost the focus to the pop-up")
	}
	pressKeys(t, w, "down")
	if got, want := r.SelectedText(), "keep"; got != want {
		t.Errorf("Down after Shift came up under a pop-up: selected %q, want %q", got, want)
	}
}

// focusedReader shows paragraphs in a reader that has the keyboard.
func focusedReader(t *testing.T, paras ...string) (*Reader, fyne.Window, *storage.Article) {
	t.Helper()
	test.NewTempApp(t)
	blocks := make([]article.Block, len(paras))
	for i, p := range paras {
		blocks[i] = readerPara(p)
	}
	a, blocks := readerArticle("Keys", blocks...)
	r, w := newTestReader(t, a, blocks, nil)
	w.Canvas().Focus(r)
	return r, w, a
}
