package reader

import (
	"encoding/json"
	"flag"
	"fmt"
	"image/color"
	"math/rand"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"app.margin/margin/app/internal/sched"
	"app.margin/margin/article"
	"app.margin/margin/clip"
	"app.margin/margin/storage"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// Two paragraphs in each language.
const (
	enPara1 = "Readers keep what they read. A margin is where the conversation with a text happens, one note at a time."
	enPara2 = "Highlights anchor to the canonical text, so they survive a second clip of the same page."
	zhPara1 = "我们今天在这里读书，明天在那里写字。阅读是一种与作者对话的方式。"
	zhPara2 = "高亮以规范文本为锚点，重新剪藏之后依然可以找到原来的位置。"
)

// readerArticle joins blocks the way Article.Text is made (a blank line between
// text blocks) and sets each block's Start, independently of package clip (it builds the article by hand).
func readerArticle(title string, blocks ...article.Block) (*storage.Article, []article.Block) {
	var parts []string
	pos := 0
	for i := range blocks {
		if blocks[i].Kind == article.Image || blocks[i].Kind == article.Rule {
			continue
		}
		if len(parts) > 0 {
			pos += 2
		}
		blocks[i].Start = pos
		parts = append(parts, blocks[i].Text)
		pos += utf8.RuneCountInString(blocks[i].Text)
	}
	a := &storage.Article{ID: 7, Article: article.Article{
		Title:        title,
		SiteName:     "Example Review",
		Authors:      []string{"Ada Writer"},
		Published:    time.Date(2023, 5, 25, 18, 10, 0, 0, time.FixedZone("CST", 8*3600)),
		Source:       article.Source{Name: "Origin Press", URL: "https://origin.example/story"},
		CanonicalURL: "https://example.com/story",
		Text:         strings.Join(parts, "\n\n"),
	}}
	return a, blocks
}

func readerPara(s string) article.Block { return article.Block{Kind: article.Paragraph, Text: s} }

// newTestReader shows an article in a reader in a test window.
// testReader is a new Reader whose timers and image loads run on a manual
// scheduler (clockOf): nothing in these tests waits for real time.
func testReader() *Reader {
	r := NewReader()
	r.Scheduler = sched.NewManual(time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC))
	return r
}

func clockOf(r *Reader) *sched.Manual { return r.Scheduler.(*sched.Manual) }

// forgetClicks lets the double-tap delay pass, so the next press is a new
// click rather than the second of a double click.
func forgetClicks(r *Reader) {
	clockOf(r).Advance(fyne.CurrentApp().Driver().DoubleTapDelay())
}

func newTestReader(t *testing.T, a *storage.Article, blocks []article.Block, hs []storage.Highlight) (*Reader, fyne.Window) {
	t.Helper()
	r := testReader()
	w := test.NewTempWindow(t, r)
	w.Resize(fyne.NewSize(640, 520))
	r.SetArticleBlocks(a, blocks, hs)
	return r, w
}

// readerPointAt is the point (content coordinates) just inside the boundary before
// text offset off: dx > 0 right of it, dx < 0 left of it.
func readerPointAt(t *testing.T, r *Reader, off int, dx float32) fyne.Position {
	t.Helper()
	p, ok := r.content.pointAt(off, dx)
	if !ok {
		t.Fatalf("offset %d is not laid out", off)
	}
	return p
}

// readerDrag drags on the canvas from one content point to another.
func readerDrag(r *Reader, w fyne.Window, from, to fyne.Position) {
	// The reader fills the window's (padded) canvas; its scroll fills the reader.
	origin := r.Position().Add(r.scroll.Position()).Add(r.content.Position())
	d := to.Subtract(from)
	test.Drag(w.Canvas(), origin.Add(to), d.X, d.Y)
}

// holdAlt holds Alt down for the rest of the test: drags select by
// characters.
func holdAlt(t *testing.T) {
	t.Cleanup(func() { heldModifiers = 0 })
	heldModifiers |= fyne.KeyModifierAlt
}

func TestReaderDragAcrossParagraphsThenH(t *testing.T) {
	tests := []struct {
		name         string
		p1, p2       string
		from, to     int // character index in p1 (start of) and in p2 (end of)
		alt          bool
		wantSelected string
	}{
		{"english snaps to words", enPara1, enPara2, 2, 5, false, "Readers keep what they read. A margin is where the conversation with a text happens, one note at a time.\n\nHighlights"},
		{"english with alt", enPara1, enPara2, 2, 5, true, "aders keep what they read. A margin is where the conversation with a text happens, one note at a time.\n\nHighl"},
		{"chinese", zhPara1, zhPara2, 2, 5, false, "今天在这里读书，明天在那里写字。阅读是一种与作者对话的方式。\n\n高亮以规范"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			test.NewTempApp(t)
			if tc.alt {
				holdAlt(t)
			}
			a, blocks := readerArticle("Two paragraphs", readerPara(tc.p1), readerPara(tc.p2))
			r, w := newTestReader(t, a, blocks, nil)
			var gotStart, gotEnd int
			var gotColor storage.Color
			calls := 0
			r.OnHighlight = func(s, e int, c storage.Color) { gotStart, gotEnd, gotColor = s, e, c; calls++ }

			p2start := blocks[1].Start
			readerDrag(r, w, readerPointAt(t, r, tc.from, 1), readerPointAt(t, r, p2start+tc.to, -1))
			if got := r.SelectedText(); got != tc.wantSelected {
				t.Fatalf("SelectedText() = %q, want %q", got, tc.wantSelected)
			}
			test.Type(r, "h")
			if calls != 1 {
				t.Fatalf("OnHighlight called %d times, want 1", calls)
			}
			if got := string([]rune(a.Text)[gotStart:gotEnd]); got != tc.wantSelected {
				t.Errorf("highlighted text = %q, want %q", got, tc.wantSelected)
			}
			if gotColor != storage.Yellow {
				t.Errorf("colour = %q, want %q", gotColor, storage.Yellow)
			}
			if _, _, ok := r.Selection(); ok {
				t.Error("selection kept after highlighting")
			}
		})
	}
}

func TestReaderDragBackwardsAndColourKeys(t *testing.T) {
	test.NewTempApp(t)
	a, blocks := readerArticle("Backwards", readerPara(enPara1), readerPara(enPara2))
	r, w := newTestReader(t, a, blocks, nil)
	var got []storage.Color
	r.OnHighlight = func(s, e int, c storage.Color) { got = append(got, c) }
	holdAlt(t) // by characters

	// Dragging upwards selects the same range as dragging downwards.
	readerDrag(r, w, readerPointAt(t, r, blocks[1].Start+9, 1), readerPointAt(t, r, 10, 1))
	if s, e, _ := r.Selection(); s != 10 || e != blocks[1].Start+9 {
		t.Fatalf("Selection() = %d, %d; want 10, %d", s, e, blocks[1].Start+9)
	}
	test.Type(r, "3")
	readerDrag(r, w, readerPointAt(t, r, 0, 1), readerPointAt(t, r, 7, -1))
	test.Type(r, "h") // H repeats the last colour
	readerDrag(r, w, readerPointAt(t, r, 0, 1), readerPointAt(t, r, 7, -1))
	r.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	test.Type(r, "h") // nothing selected: no call
	if want := []storage.Color{storage.Blue, storage.Blue}; fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("colours = %v, want %v", got, want)
	}
	if r.HighlightSelection(storage.Pink) {
		t.Error("HighlightSelection with no selection reported true")
	}

	// Keys the reader does not use reach the window.
	var keys []fyne.KeyName
	var runes []rune
	w.Canvas().SetOnTypedKey(func(e *fyne.KeyEvent) { keys = append(keys, e.Name) })
	w.Canvas().SetOnTypedRune(func(r rune) { runes = append(runes, r) })
	r.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDelete})
	r.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
	test.Type(r, "xh")
	if fmt.Sprint(keys) != "[Delete]" || string(runes) != "x" {
		t.Errorf("passed on keys %v and runes %q, want [Delete] and \"x\"", keys, string(runes))
	}
}

func TestReaderClicks(t *testing.T) {
	test.NewTempApp(t)
	a, blocks := readerArticle("Clicks", readerPara(enPara1), readerPara(zhPara1), readerPara(enPara2))
	r, _ := newTestReader(t, a, blocks, nil)
	c := r.content
	press := func(p fyne.Position, mod fyne.KeyModifier) {
		c.MouseDown(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: p}, Button: desktop.MouseButtonPrimary, Modifier: mod})
		c.MouseUp(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: p}, Button: desktop.MouseButtonPrimary, Modifier: mod})
	}
	forget := func() { forgetClicks(r) }

	// "margin" starts at rune 30 of enPara1; click inside its third letter.
	inMargin := readerPointAt(t, r, 32, 1)
	c.DoubleTapped(&fyne.PointEvent{Position: inMargin})
	if got, want := r.SelectedText(), "margin"; got != want {
		t.Errorf("double tap: SelectedText() = %q, want %q", got, want)
	}
	forget()
	// 阅读 is at index 17 of zhPara1: a double click selects the CJK run up to the punctuation.
	zh := blocks[1].Start
	press(readerPointAt(t, r, zh+18, 1), 0)
	press(readerPointAt(t, r, zh+18, 1), 0)
	if got, want := r.SelectedText(), "阅读是一种与作者对话的方式"; got != want {
		t.Errorf("double click CJK: SelectedText() = %q, want %q", got, want)
	}
	press(readerPointAt(t, r, zh+18, 1), 0)
	if got := r.SelectedText(); got != zhPara1 {
		t.Errorf("triple click: SelectedText() = %q, want the paragraph %q", got, zhPara1)
	}
	forget()
	press(readerPointAt(t, r, 4, 1), 0)
	forget()
	press(readerPointAt(t, r, blocks[2].Start+10, 1), fyne.KeyModifierShift)
	want := string([]rune(a.Text)[4 : blocks[2].Start+10])
	if got := r.SelectedText(); got != want {
		t.Errorf("shift-click: SelectedText() = %q, want %q", got, want)
	}

	// A drag after a double click selects whole words.
	forget()
	press(readerPointAt(t, r, 32, 1), 0)
	press(readerPointAt(t, r, 32, 1), 0)
	c.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: readerPointAt(t, r, 51, 1)}, Dragged: fyne.Delta{DX: 40}})
	c.DragEnd()
	if got, want := r.SelectedText(), "margin is where the conversation"; got != want {
		t.Errorf("double click and drag: SelectedText() = %q, want %q", got, want)
	}
	press(readerPointAt(t, r, 32, 1), 0)
	press(readerPointAt(t, r, 32, 1), 0)
	press(readerPointAt(t, r, 32, 1), 0)
	c.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: readerPointAt(t, r, blocks[1].Start+3, 1)}, Dragged: fyne.Delta{DY: 40}})
	c.DragEnd()
	if got, want := r.SelectedText(), enPara1+"\n\n"+zhPara1; got != want {
		t.Errorf("triple click and drag: SelectedText() = %q, want %q", got, want)
	}
	forget()
	press(readerPointAt(t, r, 4, 1), 0)
	forget()
	press(readerPointAt(t, r, blocks[2].Start+10, 1), fyne.KeyModifierShift)

	cb := fyne.CurrentApp().Clipboard()
	r.TypedShortcut(&fyne.ShortcutCopy{Clipboard: cb})
	if got := cb.Content(); got != want {
		t.Errorf("clipboard = %q, want %q", got, want)
	}
	r.TypedShortcut(&fyne.ShortcutSelectAll{})
	if got := r.SelectedText(); got != a.Text {
		t.Errorf("select all: %q, want the whole text", got)
	}
	forget()
	press(readerPointAt(t, r, 4, 1), 0)
	if _, _, ok := r.Selection(); ok {
		t.Error("a plain click kept the selection")
	}
}

func TestReaderTaps(t *testing.T) {
	test.NewTempApp(t)
	link := article.Block{Kind: article.Paragraph, Text: "Read the documentation first.", Spans: []article.Span{{Start: 9, End: 22, Style: article.Link, URL: "https://docs.example/guide"}}}
	a, blocks := readerArticle("Taps", readerPara(enPara1), link)
	hs := []storage.Highlight{
		{ID: 11, Start: 2, End: 20, Color: storage.Green},
		{ID: 12, Start: 40, End: 60, Color: storage.Pink, Orphaned: true},
	}
	r, _ := newTestReader(t, a, blocks, hs)
	var tappedHL []int64
	var links []string
	r.OnHighlightTapped = func(id int64) { tappedHL = append(tappedHL, id) }
	r.OnLinkTapped = func(u *url.URL) { links = append(links, u.String()) }

	test.TapAt(r.content, readerPointAt(t, r, 5, 2))                  // in highlight 11
	test.TapAt(r.content, readerPointAt(t, r, 45, 2))                 // in the orphaned one: plain text
	test.TapAt(r.content, readerPointAt(t, r, blocks[1].Start+12, 2)) // the link
	test.TapAt(r.content, readerPointAt(t, r, blocks[1].Start+25, 2)) // after the link
	if fmt.Sprint(tappedHL) != "[11]" {
		t.Errorf("highlight taps = %v, want [11]", tappedHL)
	}
	// "Open original" on the attribution line opens the canonical URL.
	meta := r.content.doc[1]
	ln := &meta.lines[len(meta.lines)-1]
	last := &ln.runs[len(ln.runs)-1]
	test.TapAt(r.content, fyne.NewPos(meta.x+last.x+5, meta.y+ln.y+meta.lineH/2))
	if want := "[https://docs.example/guide https://example.com/story]"; fmt.Sprint(links) != want {
		t.Errorf("links = %v, want %s", links, want)
	}
}

// rects returns the highlight rectangles' content-coordinate boxes.
func readerRects(objs []fyne.CanvasObject) [][4]float32 {
	var out [][4]float32
	for _, o := range objs {
		out = append(out, [4]float32{o.Position().X, o.Position().Y, o.Size().Width, o.Size().Height})
	}
	return out
}

func TestReaderDrawsHighlights(t *testing.T) {
	test.NewTempApp(t)
	a, blocks := readerArticle("Highlights", readerPara(enPara1), readerPara(enPara2))
	hs := []storage.Highlight{
		{ID: 1, Start: 2, End: 6, Color: storage.Yellow},
		{ID: 2, Start: blocks[1].Start, End: blocks[1].Start + 10, Color: storage.Blue},
		{ID: 3, Start: 4, End: 5, Color: storage.Pink, Orphaned: true},
	}
	r, _ := newTestReader(t, a, blocks, hs)
	got := readerRects(r.content.hlObjs)
	if len(got) != 2 {
		t.Fatalf("drew %d highlight rectangles, want 2 (orphans are not drawn): %v", len(got), got)
	}
	for i, h := range hs[:2] {
		from, to := readerPointAt(t, r, h.Start, 0), readerPointAt(t, r, h.End, 0)
		if d := got[i][0] - from.X; d < -2 || d > 2 {
			t.Errorf("highlight %d starts at x=%v, text at %v", h.ID, got[i][0], from.X)
		}
		if d := got[i][0] + got[i][2] - to.X; d < -2 || d > 2 {
			t.Errorf("highlight %d ends at x=%v, text at %v", h.ID, got[i][0]+got[i][2], to.X)
		}
		if mid := got[i][1] + got[i][3]/2; mid < from.Y-3 || mid > from.Y+3 {
			t.Errorf("highlight %d is at y=%v, its line at %v", h.ID, mid, from.Y)
		}
	}
	fill := r.content.hlObjs[0].(*canvas.Rectangle).FillColor
	if fill != HighlightColor(storage.Yellow, r.content.dark()) {
		t.Errorf("fill = %v, want the yellow highlight colour", fill)
	}

	// SetHighlights redraws without a relayout; a multi-line highlight draws one
	// rectangle per line.
	lines := r.content.doc[2].lines
	before := &lines[0]
	r.SetHighlights([]storage.Highlight{{ID: 4, Start: 0, End: len([]rune(enPara1)), Color: storage.Purple}})
	if &r.content.doc[2].lines[0] != before {
		t.Error("SetHighlights laid the text out again")
	}
	if got, want := len(r.content.hlObjs), len(lines); got != want {
		t.Errorf("a paragraph-long highlight drew %d rectangles, want one per line (%d)", got, want)
	}
	r.SelectHighlight(4)
	if s := r.content.hlObjs[0].(*canvas.Rectangle).StrokeWidth; s == 0 {
		t.Error("the selected highlight has no outline")
	}
}

func readerGoldenArticle() (*storage.Article, []article.Block, []storage.Highlight) {
	a, blocks := readerArticle("A margin for every page",
		article.Block{Kind: article.Heading, Level: 2, Text: "Why highlights"},
		article.Block{Kind: article.Paragraph, Text: "Readers keep what they read. A margin is where the conversation with a text happens, one note at a time.",
			Spans: []article.Span{{Start: 0, End: 7, Style: article.Strong}, {Start: 31, End: 37, Style: article.Emphasis}}},
		article.Block{Kind: article.ListItem, Level: 1, Text: "Select across paragraphs."},
		article.Block{Kind: article.ListItem, Level: 1, Ordered: true, Number: 2, Text: "Press H to keep it."},
		article.Block{Kind: article.Quote, Level: 1, Text: "A quotation, set off by a bar."},
		article.Block{Kind: article.Code, Text: "go test ./app/\nmake bench"},
		article.Block{Kind: article.Rule},
		article.Block{Kind: article.Paragraph, Text: "See the guide for more.", Spans: []article.Span{{Start: 8, End: 13, Style: article.Link, URL: "https://docs.example/guide"}}},
	)
	hs := []storage.Highlight{
		{ID: 1, Start: blocks[1].Start + 29, End: blocks[1].Start + 60, Color: storage.Yellow},
		{ID: 2, Start: blocks[2].Start, End: blocks[3].Start + 5, Color: storage.Green},
		{ID: 3, Start: blocks[4].Start + 2, End: blocks[4].Start + 11, Color: storage.Blue},
	}
	return a, blocks, hs
}

func assertReaderGolden(t *testing.T, name string, c fyne.Canvas) {
	t.Helper()
	if *update {
		path := filepath.Join("testdata", name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(test.RenderToMarkup(c)), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	test.AssertRendersToMarkup(t, name, c)
}

// TestReaderGolden compares the drawn reader with testdata/*.xml
// (go test -tags migrated_fynedo ./app/reader/ -run ReaderGolden -update rewrites them).
func TestReaderGolden(t *testing.T) {
	test.NewTempApp(t)
	a, blocks, hs := readerGoldenArticle()
	r, w := newTestReader(t, a, blocks, hs)
	r.SelectHighlight(3)
	assertReaderGolden(t, "highlights.xml", w.Canvas())

	r.SetArticle(nil, nil)
	assertReaderGolden(t, "empty.xml", w.Canvas())
}

func TestReaderLayoutStaysInMeasure(t *testing.T) {
	test.NewTempApp(t)
	long := strings.Repeat("w", 300)
	zh := strings.Repeat(zhPara1, 4)
	a, blocks := readerArticle("Measure", readerPara(strings.Repeat(enPara1+" ", 5)), readerPara(zh), readerPara("Before "+long+" after."),
		article.Block{Kind: article.ListItem, Level: 2, Text: strings.Repeat(enPara2+" ", 3)},
		article.Block{Kind: article.Code, Text: "x := " + long})
	r, w := newTestReader(t, a, blocks, nil)
	for _, width := range []float32{900, 640, 300} {
		w.Resize(fyne.NewSize(width, 500))
		c := r.content
		for bi, b := range c.doc {
			var rebuilt strings.Builder
			for li, ln := range b.lines {
				line := string(b.text[ln.start:ln.end])
				rebuilt.WriteString(line)
				if li+1 < len(b.lines) && b.lines[li+1].start > ln.end {
					rebuilt.WriteRune(b.text[ln.end]) // a hard line break
				}
				drawn := strings.TrimRight(line, " ")
				if got := c.m.measure(drawn, b.size, c.m.faceOf(b, 0)); got > b.w+0.5 {
					t.Errorf("width %v, block %d line %d is %v wide, measure %v: %q", width, bi, li, got, b.w, drawn)
				}
				if b.x+b.w > c.width {
					t.Errorf("width %v, block %d runs past the view", width, bi)
				}
				if li > 0 && strings.ContainsRune(noLineStart, b.text[ln.start]) {
					t.Errorf("width %v, block %d line %d starts with closing punctuation: %q", width, bi, li, drawn)
				}
				if li+1 < len(b.lines) && bi == 2 && !strings.HasSuffix(line, " ") && len(line) < 300 && !strings.Contains(line, "www") {
					t.Errorf("width %v, Latin line %d does not end at a space: %q", width, li, line)
				}
			}
			if got := rebuilt.String(); got != string(b.text) {
				t.Errorf("width %v, block %d lines do not add up to its text:\n got %q\nwant %q", width, bi, got, string(b.text))
			}
		}
		zhBlock := c.doc[3]
		if len(zhBlock.lines) < 2 {
			t.Fatalf("width %v: the Chinese paragraph did not wrap", width)
		}
		if width == 900 { // a full measure of English holds about 70 characters
			if n := c.doc[2].lines[0].end - c.doc[2].lines[0].start; n < 60 || n > 80 {
				t.Errorf("first English line has %d characters, want about 70", n)
			}
		}
	}

	// An article in Chinese is set 40 characters to the line.
	a, blocks = readerArticle("中文", readerPara(zh), readerPara(zhPara2))
	r.SetArticleBlocks(a, blocks, nil)
	w.Resize(fyne.NewSize(900, 500))
	if ln := r.content.doc[2].lines[0]; ln.end-ln.start < 38 || ln.end-ln.start > 40 {
		t.Errorf("first Chinese line has %d characters, want 40 (38 if punctuation moved)", ln.end-ln.start)
	}
}

func TestReaderFontSizeAndScroll(t *testing.T) {
	test.NewTempApp(t)
	var ps []article.Block
	for range 40 {
		ps = append(ps, readerPara(enPara1))
	}
	a, blocks := readerArticle("Long", ps...)
	r, _ := newTestReader(t, a, blocks, nil)
	h := r.content.height
	r.SetFontSize(20)
	if r.content.height <= h {
		t.Errorf("height %v at 20pt, not more than %v at the default size", r.content.height, h)
	}
	if got := r.content.doc[2].size; got != 20 {
		t.Errorf("paragraph size = %v, want 20", got)
	}
	if got := r.content.doc[0].size; got <= 20 {
		t.Errorf("title size = %v, want larger than the text", got)
	}
	r.ScrollTo(0.5)
	if got := r.position(); got < 0.49 || got > 0.51 {
		t.Errorf("position after ScrollTo(0.5) = %v", got)
	}
	// The text at the top of the view stays there through a font change.
	topOff := r.content.offsetAt(fyne.NewPos(0, r.scroll.Offset.Y))
	r.SetFontSize(16)
	if got := r.content.offsetAt(fyne.NewPos(0, r.scroll.Offset.Y)); got > topOff || topOff-got > 80 {
		t.Errorf("after a font change the view starts at offset %d, before at %d", got, topOff)
	}
	r.SetFontSize(20)
	r.SelectHighlight(99) // unknown: no scroll, no panic
	r.SetHighlights([]storage.Highlight{{ID: 5, Start: blocks[39].Start, End: blocks[39].Start + 4, Color: storage.Pink}})
	r.SelectHighlight(5)
	top, view := r.scroll.Offset.Y, r.scroll.Size().Height
	if y := r.content.doc[len(r.content.doc)-1].y; y < top || y > top+view {
		t.Errorf("the selected highlight at y=%v is outside the view [%v, %v]", y, top, top+view)
	}

	// A position asked for before the reader has a size is applied after layout.
	r2 := testReader()
	r2.SetArticleBlocks(a, blocks, nil)
	r2.ScrollTo(1)
	w := test.NewTempWindow(t, r2)
	w.Resize(fyne.NewSize(600, 400))
	if got := r2.position(); got < 0.99 {
		t.Errorf("pending position = %v, want 1", got)
	}
}

func TestReaderDrawsOnlyNearTheView(t *testing.T) {
	test.NewTempApp(t)
	var ps []article.Block
	for i := range 200 {
		ps = append(ps, readerPara(fmt.Sprintf("Paragraph %d. %s", i, enPara1)))
	}
	a, blocks := readerArticle("Long", ps...)
	r, w := newTestReader(t, a, blocks, nil)
	positions := make(chan float64, 1)
	r.OnPositionChanged = func(p float64) { positions <- p }
	drawn := func(want string) bool {
		for _, o := range test.WidgetRenderer(r.content).Objects() {
			if t, ok := o.(*canvas.Text); ok && strings.HasPrefix(t.Text, want) {
				return true
			}
		}
		return false
	}
	if n, all := len(test.WidgetRenderer(r.content).Objects()), len(r.content.objects); n*4 > all {
		t.Errorf("%d of %d objects handed to the canvas for a 200-paragraph article", n, all)
	}
	if !drawn("Paragraph 0.") || drawn("Paragraph 199.") {
		t.Error("at the top, the first paragraph should be drawn and the last not")
	}
	// The user scrolls to the end: the end is drawn and the position reported
	// once scrolling pauses.
	test.Scroll(w.Canvas(), fyne.NewPos(100, 100), 0, -1e6)
	if !drawn("Paragraph 199.") || drawn("Paragraph 0.") {
		t.Error("at the end, the last paragraph should be drawn and the first not")
	}
	select {
	case p := <-positions:
		t.Fatalf("position %v reported before scrolling paused", p)
	default:
	}
	clockOf(r).Advance(positionDebounce)
	select {
	case p := <-positions:
		if p < 0.99 {
			t.Errorf("reported position %v, want 1", p)
		}
	default:
		t.Fatal("OnPositionChanged not called once scrolling paused")
	}
	r.ScrollTo(0)
	if !drawn("Paragraph 0.") {
		t.Error("after ScrollTo(0) the first paragraph is not drawn")
	}
}

func TestReaderDragAtTheEdgeScrolls(t *testing.T) {
	test.NewTempApp(t)
	var ps []article.Block
	for range 60 {
		ps = append(ps, readerPara(enPara2))
	}
	a, blocks := readerArticle("Edge", ps...)
	r, w := newTestReader(t, a, blocks, nil)
	view := r.scroll.Size().Height
	readerDrag(r, w, readerPointAt(t, r, blocks[0].Start+3, 1), fyne.NewPos(100, view-4))
	if r.scroll.Offset.Y <= 0 {
		t.Fatal("a drag to the bottom edge did not scroll")
	}
	_, end, _ := r.Selection()
	if want := r.content.offsetAt(fyne.NewPos(100, r.scroll.Offset.Y+view-4)); end != want {
		t.Errorf("selection ends at %d, want %d under the pointer after scrolling", end, want)
	}
	// A drag whose pointer then rests at the edge (test.Drag ends its drag at
	// once): the reader scrolls on by itself, and stops when the drag ends.
	at := fyne.NewPos(100, r.scroll.Offset.Y+view-4)
	r.content.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: at}, Dragged: fyne.Delta{DY: 1}})
	clock, y := clockOf(r), r.scroll.Offset.Y
	clock.Advance(3 * edgeScrollTick)
	if r.scroll.Offset.Y <= y {
		t.Errorf("resting at the edge for three ticks: offset %v, want more than %v", r.scroll.Offset.Y, y)
	}
	r.content.DragEnd()
	y = r.scroll.Offset.Y
	clock.Advance(3 * edgeScrollTick)
	if r.scroll.Offset.Y != y || clock.Pending() != 0 {
		t.Errorf("after the drag ended: offset %v (want %v), %d timers pending", r.scroll.Offset.Y, y, clock.Pending())
	}
}

func TestReaderContextMenu(t *testing.T) {
	test.NewTempApp(t)
	a, blocks := readerArticle("Menu", readerPara(enPara1))
	r, w := newTestReader(t, a, blocks, nil)
	var got storage.Color
	r.OnHighlight = func(_, _ int, c storage.Color) { got = c }
	readerDrag(r, w, readerPointAt(t, r, 0, 1), readerPointAt(t, r, 7, -1))
	test.TapSecondaryAt(r.content, readerPointAt(t, r, 3, 0))
	menu := w.Canvas().Overlays().Top()
	if menu == nil {
		t.Fatal("no context menu")
	}
	markup := test.RenderObjectToMarkup(menu)
	for _, want := range []string{"Copy", "Highlight Green  (2)"} {
		if !strings.Contains(markup, want) {
			t.Errorf("context menu has no %q:\n%s", want, markup)
		}
	}
	if _, _, ok := r.Selection(); !ok {
		t.Error("a right click cleared the selection")
	}
	r.HighlightSelection(storage.Green) // what the menu item calls
	if got != storage.Green {
		t.Errorf("colour %q, want green", got)
	}
}

// fixedVariant is a theme whose light or dark variant does not follow the
// desktop (theme.LightTheme and DarkTheme are deprecated).
type fixedVariant struct {
	fyne.Theme
	variant fyne.ThemeVariant
}

func (t fixedVariant) Color(n fyne.ThemeColorName, _ fyne.ThemeVariant) color.Color {
	return t.Theme.Color(n, t.variant)
}

func TestReaderFollowsTheme(t *testing.T) {
	test.NewTempApp(t)
	a, blocks := readerArticle("Theme", readerPara(enPara1))
	hs := []storage.Highlight{{ID: 1, Start: 0, End: 7, Color: storage.Blue}}
	r, _ := newTestReader(t, a, blocks, hs)
	for _, tc := range []struct {
		name string
		th   fyne.Theme
		dark bool
	}{
		{"light", fixedVariant{theme.DefaultTheme(), theme.VariantLight}, false},
		{"dark", fixedVariant{theme.DefaultTheme(), theme.VariantDark}, true},
	} {
		test.ApplyTheme(t, tc.th)
		r.Refresh()
		fill := r.content.hlObjs[0].(*canvas.Rectangle).FillColor
		if want := HighlightColor(storage.Blue, tc.dark); fill != want {
			t.Errorf("%s: highlight fill %v, want %v", tc.name, fill, want)
		}
		var text *canvas.Text
		for _, o := range r.content.textObjs {
			if t, ok := o.(*canvas.Text); ok && strings.HasPrefix(t.Text, "Readers") {
				text = t
			}
		}
		if want := tc.th.Color(theme.ColorNameForeground, fyne.CurrentApp().Settings().ThemeVariant()); text == nil || text.Color != want {
			t.Errorf("%s: text colour is not the theme foreground", tc.name)
		}
	}
}

// readerRealPage reads a page for TestReaderRealArticles, skipping when absent.
func readerRealPage(t *testing.T, name string) []byte {
	t.Helper()
	var path string
	switch name {
	case "seed":
		path = filepath.Join("..", "..", "..", "shared", "fixtures", "seed", "huxiu-repost.utf8.html")
	default: // a Mozilla Readability test page shipped with go-readability
		out, err := exec.Command("go", "list", "-m", "-json", "codeberg.org/readeck/go-readability/v2").Output()
		var mod struct{ Dir string }
		if err != nil || json.Unmarshal(out, &mod) != nil || mod.Dir == "" {
			t.Skipf("go-readability test pages not available: %v", err)
		}
		path = filepath.Join(mod.Dir, "test-pages", name, "source.html")
	}
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Skipf("no page %s (%v): ../shared or the module cache is not here", name, err)
	}
	return raw
}

// TestReaderRealArticles opens real clipped pages (the Chinese seed and an
// English news page) and drags from the 3rd character of one paragraph to the
// 5th of the next, then presses H.
func TestReaderRealArticles(t *testing.T) {
	for _, name := range []string{"seed", "bbc-1"} {
		t.Run(name, func(t *testing.T) {
			ca, err := clip.Parse(readerRealPage(t, name), "text/html", "https://example.com/"+name)
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			blocks := article.Blocks(ca.ContentHTML)
			if !blocksMatch(blocks, []rune(ca.Text)) {
				t.Fatal("article.Blocks do not sit at their Start in Article.Text")
			}
			test.NewTempApp(t)
			a := &storage.Article{ID: 1, Article: *ca}
			r := testReader()
			w := test.NewTempWindow(t, r)
			w.Resize(fyne.NewSize(800, 700))
			r.SetArticle(a, nil)
			holdAlt(t) // by characters
			var text []*docBlock
			for _, b := range r.content.doc {
				if b.kind == kindImage && !b.missing() {
					t.Fatalf("image %v: a picture not in the library is shown missing at once", b.image)
				}
				if b.selectable() && len(b.text) > 8 && b.y+b.h < 650 {
					text = append(text, b)
				}
			}
			if len(text) < 2 {
				t.Fatalf("fewer than two paragraphs in view (%d)", len(text))
			}
			p1, p2 := text[0], text[1]
			want := string(p1.text[2:]) + string([]rune(a.Text)[p1.end():p2.start]) + string(p2.text[:5])
			var s, e int
			r.OnHighlight = func(start, end int, _ storage.Color) { s, e = start, end }
			readerDrag(r, w, readerPointAt(t, r, p1.start+2, 1), readerPointAt(t, r, p2.start+5, -1))
			test.Type(r, "h")
			if got := string([]rune(a.Text)[s:e]); got != want {
				t.Errorf("highlighted %q, want %q", got, want)
			}
		})
	}
}

func TestHighlightColor(t *testing.T) {
	for _, c := range storage.Colors {
		for _, dark := range []bool{false, true} {
			n := color.NRGBAModel.Convert(HighlightColor(c, dark)).(color.NRGBA)
			if n.A < 0x40 || n.A > 0xa0 {
				t.Errorf("%s dark=%v: alpha %#x, want translucent", c, dark, n.A)
			}
		}
	}
	if HighlightColor("nonsense", false) != HighlightColor(storage.Yellow, false) {
		t.Error("an unknown colour does not fall back to yellow")
	}
}

// benchArticle is about n words of English in 100-word paragraphs, with a
// heading every ten paragraphs and a link in each paragraph.
func readerBenchArticle(n int) (*storage.Article, []article.Block) {
	words := strings.Fields(enPara1 + " " + enPara2 + " international typography considerations")
	rng := rand.New(rand.NewSource(1))
	var blocks []article.Block
	for i := 0; n > 0; i++ {
		if i%10 == 0 {
			blocks = append(blocks, article.Block{Kind: article.Heading, Level: 2, Text: fmt.Sprintf("Section %d", i/10+1)})
		}
		var b strings.Builder
		for j := 0; j < 100 && n > 0; j, n = j+1, n-1 {
			if j > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(words[rng.Intn(len(words))])
		}
		blocks = append(blocks, article.Block{Kind: article.Paragraph, Text: b.String(),
			Spans: []article.Span{{Start: 10, End: 30, Style: article.Link, URL: "https://example.com/"}}})
	}
	return readerArticle("Ten thousand words", blocks...)
}

// benchReader shows a in a reader in a 900x700 window once, which warms the
// per-rune width cache as a running app has; the benchmark's timer starts
// after it. The reader has the focus, so the caret is drawn as the user
// would see it.
func benchReader(b *testing.B, a *storage.Article, blocks []article.Block) *Reader {
	b.Helper()
	test.NewTempApp(b)
	r := testReader()
	w := test.NewTempWindow(b, r)
	w.Resize(fyne.NewSize(900, 700))
	w.Canvas().Focus(r)
	r.SetArticleBlocks(a, blocks, nil)
	b.ResetTimer()
	return r
}

// BenchmarkReaderLayoutCJK lays out 20,000 Chinese characters (the length of
// a long feature) the same way.
func BenchmarkReaderLayoutCJK(b *testing.B) {
	var blocks []article.Block
	for range 20000 / (utf8.RuneCountInString(zhPara1+zhPara2) * 3) {
		blocks = append(blocks, readerPara(strings.Repeat(zhPara1+zhPara2, 3)))
	}
	a, blocks := readerArticle("两万字", blocks...)
	r := benchReader(b, a, blocks)
	for b.Loop() {
		r.SetArticleBlocks(a, blocks, nil)
	}
}

// BenchmarkReaderLayout lays out a 10,000-word article from scratch (blocks,
// wrapping, drawing objects) at a fixed width; the target is under 100 ms.
func BenchmarkReaderLayout(b *testing.B) {
	a, blocks := readerBenchArticle(10000)
	r := benchReader(b, a, blocks)
	for b.Loop() {
		r.SetArticleBlocks(a, blocks, nil)
	}
}

// BenchmarkReaderSelect extends a selection over a whole 10,000-word article,
// as a drag does on every mouse move.
func BenchmarkReaderSelect(b *testing.B) {
	a, blocks := readerBenchArticle(10000)
	r := benchReader(b, a, blocks)
	n := len(r.content.text)
	i := 0
	for b.Loop() {
		i++
		r.content.setSelection(0, n-i%500)
	}
}

// TestReaderDoubleClickDelayIsTheDrivers: two presses count as a double click
// within the driver's DoubleTapDelay, and as two clicks once it has passed.
func TestReaderDoubleClickDelayIsTheDrivers(t *testing.T) {
	test.NewTempApp(t)
	a, blocks := readerArticle("Clicks", readerPara(enPara1))
	r, _ := newTestReader(t, a, blocks, nil)
	delay := fyne.CurrentApp().Driver().DoubleTapDelay()
	at := readerPointAt(t, r, 32, 1) // in "margin"
	press := func() {
		ev := &desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: at}, Button: desktop.MouseButtonPrimary}
		r.content.MouseDown(ev)
		r.content.MouseUp(ev)
	}
	for _, tc := range []struct {
		name string
		gap  time.Duration
		want string
	}{
		{"just within the delay", delay - time.Millisecond, "margin"},
		{"once the delay has passed", delay, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			forgetClicks(r)
			press()
			clockOf(r).Advance(tc.gap)
			press()
			if got := r.SelectedText(); got != tc.want {
				t.Errorf("selected %q after two presses %v apart, want %q", got, tc.gap, tc.want)
			}
		})
	}
}

// TestReaderTitleOnOneLine: the title heading drops the page's line breaks
// and bidi controls (issue 10).
func TestReaderTitleOnOneLine(t *testing.T) {
	test.NewTempApp(t)
	a, blocks := readerArticle("Two\nlines \u202Eevil", readerPara(enPara1))
	r, _ := newTestReader(t, a, blocks, nil)
	if got, want := string(r.content.doc[0].text), "Two lines evil"; got != want {
		t.Errorf("title drawn as %q, want %q", got, want)
	}
}

// TestReaderReportsTheEndOfAnArticleThatFits: an article shorter than the
// view has its end in view from the start, with nothing to scroll; the
// reader reports position 1 once the layout settles, once per article, so
// the window can count it read. A long one reports nothing until scrolled.
func TestReaderReportsTheEndOfAnArticleThatFits(t *testing.T) {
	test.NewTempApp(t)
	short, shortBlocks := readerArticle("Short", readerPara(enPara1))
	var ps []article.Block
	for range 80 {
		ps = append(ps, readerPara(enPara2))
	}
	long, longBlocks := readerArticle("Long", ps...)

	r := testReader()
	var got []float64
	r.OnPositionChanged = func(p float64) { got = append(got, p) }
	w := test.NewTempWindow(t, r)
	w.Resize(fyne.NewSize(640, 520))

	r.SetArticleBlocks(long, longBlocks, nil)
	clockOf(r).Advance(positionDebounce)
	if len(got) != 0 {
		t.Fatalf("a long article reported %v without a scroll", got)
	}
	r.SetArticleBlocks(short, shortBlocks, nil)
	if len(got) != 0 {
		t.Fatalf("reported %v before the layout settled", got)
	}
	clockOf(r).Advance(positionDebounce)
	if want := []float64{1}; !slices.Equal(got, want) {
		t.Fatalf("an article that fits reported %v, want %v", got, want)
	}
	w.Resize(fyne.NewSize(600, 500)) // laid out again: no second report
	clockOf(r).Advance(positionDebounce)
	if want := []float64{1}; !slices.Equal(got, want) {
		t.Errorf("after a relayout reported %v, want %v", got, want)
	}
}
