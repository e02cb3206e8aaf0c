package clip

// CONTRACT PLACEHOLDER: the extraction helper implements Blocks (and keeps
// Article.Text == CanonicalText(Blocks(Article.ContentHTML))). The types are
// what app/'s reader lays out.

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
// Article.Text; Start is the code-point offset of Text in Article.Text.
type Block struct {
	Kind    BlockKind
	Level   int
	Ordered bool
	Number  int
	Text    string
	Start   int
	Spans   []Span // inline styles, offsets in code points relative to Text
	Image   *ImageRef
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

// Blocks splits sanitized content HTML (Article.ContentHTML) into blocks.
func Blocks(contentHTML string) []Block { return nil }

// CanonicalText joins the blocks' texts the way Article.Text is made.
func CanonicalText(blocks []Block) string { return "" }
