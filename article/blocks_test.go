package article

import (
	"reflect"
	"strings"
	"testing"
)

func TestBlocks(t *testing.T) {
	content := `<div><h2>Title <em>one</em></h2>
<p>Hello   <a href="https://example.com/x">wide
 world</a>,<br>second line<br><br>third</p>
<ul><li>one</li><li>two<ul><li>inner</li></ul>after inner</li></ul>
<ol start="3"><li><p>three</p><p>more of three</p></li><li>four</li></ol>
<blockquote><p>quoted <strong>bold</strong></p><blockquote>deeper</blockquote></blockquote>
<pre><code>func main() {
    fmt.Println("hi")
}
</code></pre>
<figure><img src="https://example.com/a.png" alt=" An  image "><figcaption>Caption</figcaption></figure>
<hr>
<p>中文<code>代码</code>段落</p>
<table><tr><th>Head</th><td>cell</td></tr></table>
loose text</div>`
	blocks := Blocks(content)
	type row struct {
		Kind    BlockKind
		Level   int
		Ordered bool
		Number  int
		Text    string
	}
	var got []row
	for _, b := range blocks {
		got = append(got, row{b.Kind, b.Level, b.Ordered, b.Number, b.Text})
	}
	want := []row{
		{Heading, 2, false, 0, "Title one"},
		{Paragraph, 0, false, 0, "Hello wide world,\nsecond line\nthird"},
		{ListItem, 1, false, 0, "one"},
		{ListItem, 1, false, 0, "two"},
		{ListItem, 2, false, 0, "inner"},
		{Paragraph, 0, false, 0, "after inner"},
		{ListItem, 1, true, 3, "three"},
		{Paragraph, 0, false, 0, "more of three"},
		{ListItem, 1, true, 4, "four"},
		{Quote, 1, false, 0, "quoted bold"},
		{Quote, 2, false, 0, "deeper"},
		{Code, 0, false, 0, "func main() {\n    fmt.Println(\"hi\")\n}"},
		{Image, 0, false, 0, ""},
		{Paragraph, 0, false, 0, "Caption"},
		{Rule, 0, false, 0, ""},
		{Paragraph, 0, false, 0, "中文代码段落"},
		{Paragraph, 0, false, 0, "Head"},
		{Paragraph, 0, false, 0, "cell"},
		{Paragraph, 0, false, 0, "loose text"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("blocks:\n got %+v\nwant %+v", got, want)
	}
	if img := blocks[12].Image; img == nil || img.URL != "https://example.com/a.png" || img.Alt != "An image" {
		t.Errorf("image = %+v", img)
	}

	// Spans are code-point offsets into their block's text.
	checkSpan := func(b Block, i int, style SpanStyle, text, url string) {
		t.Helper()
		if i >= len(b.Spans) {
			t.Errorf("block %q has %d spans, want span %d", b.Text, len(b.Spans), i)
			return
		}
		s := b.Spans[i]
		if got := string([]rune(b.Text)[s.Start:s.End]); got != text || s.Style != style || s.URL != url {
			t.Errorf("span %d of %q = %q style %d url %q; want %q style %d url %q", i, b.Text, got, s.Style, s.URL, text, style, url)
		}
	}
	checkSpan(blocks[0], 0, Emphasis, "one", "")
	checkSpan(blocks[1], 0, Link, "wide world", "https://example.com/x")
	checkSpan(blocks[9], 0, Strong, "bold", "")
	checkSpan(blocks[15], 0, InlineCode, "代码", "")

	// Start offsets locate every block in the canonical text.
	text := []rune(CanonicalText(blocks))
	for _, b := range blocks {
		if b.Text == "" {
			continue
		}
		r := []rune(b.Text)
		if b.Start+len(r) > len(text) || string(text[b.Start:b.Start+len(r)]) != b.Text {
			t.Errorf("block %q: Start %d does not locate it", b.Text, b.Start)
		}
	}
	if !strings.HasPrefix(string(text), "Title one\n\nHello wide world,\nsecond line") {
		t.Errorf("canonical text starts %q", string(text[:40]))
	}
}

func TestBlocksDeterministic(t *testing.T) {
	content := "<p>  a\u00a0 b\u3000c  </p><p></p><p>   </p><p>e\u0301</p>"
	blocks := Blocks(content)
	if got, want := CanonicalText(blocks), "a b c\n\n\u00e9"; got != want {
		t.Errorf("text = %q, want %q (spaces collapsed, empty blocks dropped, NFC)", got, want)
	}
	if got := CanonicalText(Blocks(content)); got != CanonicalText(blocks) {
		t.Error("Blocks is not deterministic")
	}
	if got := Blocks(""); len(got) != 0 {
		t.Errorf("Blocks(\"\") = %v", got)
	}
}

func TestBlocksPlaceTableCells(t *testing.T) {
	blocks := Blocks(`<p>before</p><table><thead><tr><th>Name</th><th>Year</th></tr></thead>
<tbody><tr><td>Go</td><td><p>2009</p><p>open source</p></td></tr><tr><td>Rust</td><td>2015</td></tr></tbody></table>
<p>after</p><table><tr><td>second</td></tr></table>`)
	type row struct {
		Text string
		Cell *Cell
	}
	var got []row
	for _, b := range blocks {
		got = append(got, row{b.Text, b.Cell})
	}
	want := []row{
		{"before", nil},
		{"Name", &Cell{0, 0, 0, true}},
		{"Year", &Cell{0, 0, 1, true}},
		{"Go", &Cell{0, 1, 0, false}},
		{"2009", &Cell{0, 1, 1, false}},
		{"open source", &Cell{0, 1, 1, false}},
		{"Rust", &Cell{0, 2, 0, false}},
		{"2015", &Cell{0, 2, 1, false}},
		{"after", nil},
		{"second", &Cell{1, 0, 0, false}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("blocks:\n got %+v\nwant %+v", got, want)
	}
	if got, want := CanonicalText(blocks), "before\n\nName\n\nYear\n\nGo\n\n2009\n\nopen source\n\nRust\n\n2015\n\nafter\n\nsecond"; got != want {
		t.Errorf("text %q, want %q (cells stay blocks of the text)", got, want)
	}
}
