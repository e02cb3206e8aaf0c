package article

import (
	"app.margin/margin/internal/text"

	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// BlockKind is the kind of a content block.
type BlockKind int

// Block kinds.
const (
	Paragraph BlockKind = iota
	Heading             // Level 1-6
	ListItem            // Level is the nesting depth (1 = top); Ordered, Number
	Quote               // a paragraph inside a blockquote; Level is the quote depth
	Code                // preformatted text; line breaks kept in Text
	Image               // no text; Image set
	Rule                // <hr>; no text
)

// Block is one block of an article's content, in reading order, with its place
// in the canonical text. Blocks with text are joined by "\n\n" to make
// Article.Text; Start is the code-point offset of Text in Article.Text (for
// blocks without text, the offset where the next text would start).
type Block struct {
	Kind    BlockKind
	Level   int
	Ordered bool
	Number  int
	Text    string
	Start   int
	Spans   []Span // inline styles, offsets in code points relative to Text
	Image   *ImageRef
	// Cell places a block that is (part of) a table cell, so a reader can
	// lay the table out as rows; nil outside tables. It changes nothing of
	// Text, which has each cell as a block of its own.
	Cell *Cell
}

// Cell is where a block sits in a table: the article's table (counted from
// 0 in reading order), the row and the column (from 0), and whether the
// cell is a header (<th>).
type Cell struct {
	Table, Row, Col int
	Header          bool
}

// SpanStyle is an inline style.
type SpanStyle int

// Inline styles.
const (
	Link SpanStyle = iota
	Emphasis
	Strong
	InlineCode
)

// Span styles Text[Start:End] (code points) of its block.
type Span struct {
	Start, End int
	Style      SpanStyle
	URL        string // for Link: absolute
}

// ImageRef is an image block.
type ImageRef struct {
	URL, Alt string
}

// blockSep joins block texts in the canonical text.
const blockSep = "\n\n"

// Blocks splits sanitized content HTML (Article.ContentHTML) into blocks.
//
// The rules are deterministic so that offsets stored against Article.Text
// stay valid: white space inside a block collapses to one space (except in
// code), <br> becomes one "\n", every paragraph, heading, list item, table
// cell, caption and run of loose text is its own block, and text is NFC
// without control or private-use characters.
func Blocks(contentHTML string) []Block {
	body := &html.Node{Type: html.ElementNode, Data: "body", DataAtom: atom.Body}
	nodes, err := html.ParseFragment(strings.NewReader(contentHTML), body)
	if err != nil {
		return nil
	}
	return BlocksOf(nodes...)
}

// BlocksOf cuts already parsed content into blocks, as Blocks does.
func BlocksOf(nodes ...*html.Node) []Block {
	w := &blockWriter{}
	for _, n := range nodes {
		w.walk(n)
	}
	w.flush()
	return w.blocks
}

// CanonicalText joins the blocks' texts the way Article.Text is made.
func CanonicalText(blocks []Block) string {
	size := 0
	for _, bl := range blocks {
		size += len(bl.Text) + len(blockSep)
	}
	var b strings.Builder
	b.Grow(size) // one allocation, not a doubling series: texts run to megabytes
	for _, bl := range blocks {
		if bl.Text == "" {
			continue
		}
		if b.Len() > 0 {
			b.WriteString(blockSep)
		}
		b.WriteString(bl.Text)
	}
	return b.String()
}

// blockContext is what an open block element makes of the text inside it.
type blockContext struct {
	kind    BlockKind
	level   int
	ordered bool
	number  int
	// emitted is shared by the copies of one list item's context: text of
	// the item after its first block (after a nested list, or a second
	// <p>) becomes a plain paragraph, so the item is not numbered twice.
	emitted *bool
	cell    *Cell // the table cell the text is in
}

// tableState places the cells of one open table.
type tableState struct {
	id, row, col int
}

// listState numbers the items of one open list.
type listState struct {
	ordered bool
	next    int
}

// blockWriter walks the content tree and cuts it into blocks.
type blockWriter struct {
	blocks []Block
	offset int // code points of canonical text written so far

	buf   []rune // text of the block being built
	spans []Span
	ctx   blockContext // context of the block being built

	stack      []blockContext // open block elements
	lists      []listState
	quoteDepth int
	tables     []tableState // open tables, innermost last
	nTables    int
}

// current is the context new text falls into.
func (w *blockWriter) current() blockContext {
	if n := len(w.stack); n > 0 {
		return w.stack[n-1]
	}
	if w.quoteDepth > 0 {
		return blockContext{kind: Quote, level: w.quoteDepth}
	}
	return blockContext{kind: Paragraph}
}

// push opens a block element: what was written before it is its own block.
func (w *blockWriter) push(c blockContext) {
	w.flush()
	w.stack = append(w.stack, c)
	w.ctx = c
}

func (w *blockWriter) pop() {
	w.flush()
	w.stack = w.stack[:len(w.stack)-1]
	w.ctx = w.current()
}

// flush ends the block being built, if it has text.
func (w *blockWriter) flush() {
	// Trailing white space and line breaks are not part of a block.
	end := len(w.buf)
	for end > 0 && (w.buf[end-1] == ' ' || w.buf[end-1] == '\n') {
		end--
	}
	if end == 0 {
		w.buf, w.spans = w.buf[:0], w.spans[:0]
		w.ctx = w.current()
		return
	}
	text := w.buf[:end]
	var spans []Span
	for _, s := range w.spans {
		s.End = min(s.End, end)
		for s.Start < s.End && (text[s.Start] == ' ' || text[s.Start] == '\n') {
			s.Start++
		}
		for s.End > s.Start && (text[s.End-1] == ' ' || text[s.End-1] == '\n') {
			s.End--
		}
		if s.Start < s.End {
			spans = append(spans, s)
		}
	}
	b := Block{
		Kind: w.ctx.kind, Level: w.ctx.level, Ordered: w.ctx.ordered, Number: w.ctx.number,
		Text: string(text), Spans: spans, Cell: w.ctx.cell,
	}
	if w.ctx.emitted != nil {
		if *w.ctx.emitted {
			b = Block{Kind: Paragraph, Text: b.Text, Spans: b.Spans}
		}
		*w.ctx.emitted = true
	}
	w.emit(b)
	w.buf, w.spans = w.buf[:0], w.spans[:0]
	w.ctx = w.current()
}

// emit appends a finished block and advances the canonical offset.
func (w *blockWriter) emit(b Block) {
	if b.Text != "" && w.offset > 0 {
		w.offset += utf8.RuneCountInString(blockSep)
	}
	b.Start = w.offset
	if b.Text == "" && w.offset > 0 {
		b.Start += utf8.RuneCountInString(blockSep)
	}
	w.offset += utf8.RuneCountInString(b.Text)
	w.blocks = append(w.blocks, b)
}

// writeText appends text with white space collapsed.
func (w *blockWriter) writeText(s string) {
	s = text.Clean(s)
	for _, r := range s {
		if unicode.IsSpace(r) {
			if n := len(w.buf); n == 0 || w.buf[n-1] == ' ' || w.buf[n-1] == '\n' {
				continue
			}
			w.buf = append(w.buf, ' ')
			continue
		}
		w.buf = append(w.buf, r)
	}
}

// lineBreak appends one "\n" for a <br>, never at the start of a block and
// never two in a row.
func (w *blockWriter) lineBreak() {
	n := len(w.buf)
	if n == 0 {
		return
	}
	switch w.buf[n-1] {
	case '\n':
		return
	case ' ':
		w.buf[n-1] = '\n'
	default:
		w.buf = append(w.buf, '\n')
	}
}

// inlineStyles maps inline elements to the span they make.
var inlineStyles = map[atom.Atom]SpanStyle{
	atom.A: Link, atom.Em: Emphasis, atom.I: Emphasis, atom.Cite: Emphasis,
	atom.Strong: Strong, atom.B: Strong,
	atom.Code: InlineCode, atom.Kbd: InlineCode, atom.Samp: InlineCode, atom.Tt: InlineCode,
}

// paragraphLike are elements whose content is one block of running text.
var paragraphLike = map[atom.Atom]bool{
	atom.P: true, atom.Dt: true, atom.Dd: true, atom.Figcaption: true, atom.Caption: true,
	atom.Td: true, atom.Th: true, atom.Summary: true, atom.Address: true, atom.Legend: true,
}

// containers are block elements that only group other blocks.
var containers = map[atom.Atom]bool{
	atom.Div: true, atom.Section: true, atom.Article: true, atom.Main: true, atom.Header: true,
	atom.Footer: true, atom.Aside: true, atom.Nav: true, atom.Figure: true, atom.Table: true,
	atom.Thead: true, atom.Tbody: true, atom.Tfoot: true, atom.Tr: true, atom.Dl: true,
	atom.Details: true, atom.Fieldset: true, atom.Body: true, atom.Html: true, atom.Center: true,
	atom.Hgroup: true, atom.Picture: true, atom.Form: true,
}

// NeverText reports elements whose content is never text to a reader
// (scripts, styles, form controls, media): the clipper skips them too when it
// samples a page's text.
func NeverText(a atom.Atom) bool { return skipped[a] }

// skipped are the elements of NeverText.
var skipped = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Template: true,
	atom.Head: true, atom.Title: true, atom.Iframe: true, atom.Object: true, atom.Svg: true,
	atom.Math: true, atom.Select: true, atom.Button: true, atom.Textarea: true, atom.Source: true,
	atom.Video: true, atom.Audio: true, atom.Canvas: true,
}

func (w *blockWriter) walk(n *html.Node) {
	switch n.Type {
	case html.TextNode:
		w.writeText(n.Data)
		return
	case html.ElementNode:
	case html.DocumentNode:
		w.children(n)
		return
	default:
		return
	}
	a := n.DataAtom
	switch {
	case skipped[a]:
	case a == atom.Br:
		w.lineBreak()
	case a == atom.Img:
		w.image(n)
	case a == atom.Hr:
		w.flush()
		w.emit(Block{Kind: Rule})
	case a == atom.Pre:
		w.code(n)
	case HeadingLevel(a) > 0:
		w.push(blockContext{kind: Heading, level: HeadingLevel(a)})
		w.children(n)
		w.pop()
	case a == atom.Ul || a == atom.Ol || a == atom.Menu:
		w.list(n)
	case a == atom.Li:
		w.listItem(n)
	case a == atom.Blockquote:
		w.flush()
		w.quoteDepth++
		w.ctx = w.current()
		w.children(n)
		w.flush()
		w.quoteDepth--
		w.ctx = w.current()
	case a == atom.Table:
		w.tables = append(w.tables, tableState{id: w.nTables, row: -1})
		w.nTables++
		w.flush()
		w.children(n)
		w.flush()
		w.tables = w.tables[:len(w.tables)-1]
	case a == atom.Tr && len(w.tables) > 0:
		t := &w.tables[len(w.tables)-1]
		t.row, t.col = t.row+1, 0
		w.flush()
		w.children(n)
		w.flush()
	case paragraphLike[a]:
		c := w.current()
		switch {
		case c.kind == Heading || c.kind == ListItem:
			// A <p> inside a heading or list item stays part of it.
			w.push(c)
		case (a == atom.Td || a == atom.Th) && len(w.tables) > 0:
			t := &w.tables[len(w.tables)-1]
			t.row = max(t.row, 0) // a cell outside any <tr>
			w.push(blockContext{kind: c.kind, level: c.level, cell: &Cell{Table: t.id, Row: t.row, Col: t.col, Header: a == atom.Th}})
			t.col++
		default:
			w.push(blockContext{kind: c.kind, level: c.level, cell: c.cell})
		}
		w.children(n)
		w.pop()
	case containers[a]:
		w.flush()
		w.children(n)
		w.flush()
	default:
		if style, ok := inlineStyles[a]; ok {
			w.inline(n, style)
			return
		}
		w.children(n)
	}
}

func (w *blockWriter) children(n *html.Node) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		w.walk(c)
	}
}

// inline records a span over the text its element contributes.
func (w *blockWriter) inline(n *html.Node, style SpanStyle) {
	start := len(w.buf)
	blocksBefore := len(w.blocks)
	w.children(n)
	if len(w.blocks) != blocksBefore {
		// The element held blocks (a link around a paragraph): its span
		// would straddle blocks, so only the part in the open block counts.
		start = 0
	}
	if end := len(w.buf); end > start {
		s := Span{Start: start, End: end, Style: style}
		if style == Link {
			s.URL = Attr(n, "href")
		}
		w.spans = append(w.spans, s)
	}
}

// HeadingLevel is 1-6 for <h1>-<h6>, else 0.
func HeadingLevel(a atom.Atom) int {
	switch a {
	case atom.H1:
		return 1
	case atom.H2:
		return 2
	case atom.H3:
		return 3
	case atom.H4:
		return 4
	case atom.H5:
		return 5
	case atom.H6:
		return 6
	}
	return 0
}

func (w *blockWriter) image(n *html.Node) {
	src := Attr(n, "src")
	if src == "" {
		return
	}
	w.flush()
	w.emit(Block{Kind: Image, Image: &ImageRef{URL: src, Alt: text.CollapseSpace(text.Clean(Attr(n, "alt")))}})
}

// code keeps a <pre> block's line breaks and spacing, trimming only blank
// lines around it.
func (w *blockWriter) code(n *html.Node) {
	w.flush()
	var b strings.Builder
	var collect func(*html.Node)
	collect = func(n *html.Node) {
		switch {
		case n.Type == html.TextNode:
			b.WriteString(n.Data)
		case n.Type == html.ElementNode && n.DataAtom == atom.Br:
			b.WriteByte('\n')
		case n.Type == html.ElementNode && skipped[n.DataAtom]:
		default:
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				collect(c)
			}
		}
	}
	collect(n)
	text := strings.ReplaceAll(text.Clean(b.String()), "\r\n", "\n")
	text = strings.ReplaceAll(text, "\r", "\n")
	lines := strings.Split(text, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRightFunc(l, unicode.IsSpace)
	}
	for len(lines) > 0 && lines[0] == "" {
		lines = lines[1:]
	}
	for len(lines) > 0 && lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	if len(lines) == 0 {
		return
	}
	w.emit(Block{Kind: Code, Text: strings.Join(lines, "\n")})
	w.ctx = w.current()
}

func (w *blockWriter) list(n *html.Node) {
	w.flush()
	st := listState{ordered: n.DataAtom == atom.Ol, next: 1}
	if v, err := strconv.Atoi(strings.TrimSpace(Attr(n, "start"))); err == nil && st.ordered {
		st.next = v
	}
	w.lists = append(w.lists, st)
	w.children(n)
	w.flush()
	w.lists = w.lists[:len(w.lists)-1]
	w.ctx = w.current()
}

func (w *blockWriter) listItem(n *html.Node) {
	c := blockContext{kind: ListItem, level: max(1, len(w.lists)), emitted: new(bool)}
	if k := len(w.lists); k > 0 {
		st := &w.lists[k-1]
		c.ordered = st.ordered
		if st.ordered {
			c.number = st.next
			st.next++
		}
	}
	w.push(c)
	w.children(n)
	w.pop()
}

// Attr returns n's attribute key, or "".
func Attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key && a.Namespace == "" {
			return a.Val
		}
	}
	return ""
}
