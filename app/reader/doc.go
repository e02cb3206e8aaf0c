package reader

import (
	"net/url"
	"strings"
	"unicode/utf8"

	"fyne.io/fyne/v2"

	"app.margin/margin/article"
	"app.margin/margin/internal/text"
	"app.margin/margin/storage"
)

// blockKind is what the reader lays out: the article's own blocks plus the
// title and attribution, which are not part of Article.Text.
type blockKind int

const (
	kindParagraph blockKind = iota
	kindHeading
	kindListItem
	kindQuote
	kindCode
	kindImage
	kindRule
	kindTitle
	kindMeta
)

// runFlags are the inline styles of a stretch of text.
type runFlags uint8

const (
	flagBold runFlags = 1 << iota
	flagItalic
	flagMono
	flagLink
	flagMuted
	flagCodeBg // inline code: drawn on a tinted background
)

func (f runFlags) textStyle() fyne.TextStyle {
	return fyne.TextStyle{Bold: f&flagBold != 0, Italic: f&flagItalic != 0, Monospace: f&flagMono != 0}
}

// segment is a maximal stretch of a block's text with one style; a block's
// segments cover its text without gaps.
type segment struct {
	start, end int // rune offsets in the block text
	flags      runFlags
	url        string
}

// docBlock is one laid-out block. Text offsets are code points; start is where
// the text sits in Article.Text, or -1 for the title and attribution.
type docBlock struct {
	kind    blockKind
	level   int
	ordered bool
	number  int
	text    []rune
	start   int
	segs    []segment
	faces   []face // the face of each segment, chosen when first measured
	image   *article.ImageRef
	pic     article.Picture // the image's entry in Article.Images
	img     *shownPicture   // nil while loading
	cell    *article.Cell   // the table cell the block is (part of), nil outside tables
	box     cellBox         // that cell's box (set by place)

	// Wrap cache: lines are valid for (wrapW, wrapSize).
	wrapW, wrapSize float32
	lines           []textLine

	// Placement in content coordinates (set by place).
	x, y, w, h float32 // text column and the block's full height
	size       float32 // text size
	lineH      float32
}

// selectable reports whether the block's text is part of Article.Text.
func (b *docBlock) selectable() bool {
	return b.start >= 0 && b.kind != kindImage && b.kind != kindRule
}

// end is the offset just past the block's text in Article.Text.
func (b *docBlock) end() int { return b.start + len(b.text) }

// buildDoc turns an article and its blocks into laid-out blocks. It keeps
// the blocks only when each one's text sits at its Start in Article.Text (so
// every offset is exact) and otherwise falls back to the paragraphs of
// Article.Text itself, which keeps highlights right for articles stored by
// another extractor version.
func buildDoc(a *storage.Article, blocks []article.Block) []*docBlock {
	text := []rune(a.Text)
	if !blocksMatch(blocks, text) {
		blocks = paragraphsOf(a.Text)
	}
	doc := []*docBlock{titleBlock(a), metaBlock(a)}
	for _, b := range blocks {
		if b.Kind == article.Image && b.Image != nil {
			if pic, ok := a.Picture(b.Image.URL); ok && pic.Pixel() {
				continue // not even a placeholder: it was never a picture
			}
		}
		doc = append(doc, fromClipBlock(b))
	}
	return doc
}

func blocksMatch(blocks []article.Block, text []rune) bool {
	if len(blocks) == 0 {
		return false
	}
	for _, b := range blocks {
		if b.Kind == article.Image || b.Kind == article.Rule {
			continue
		}
		n := utf8.RuneCountInString(b.Text)
		if b.Start < 0 || b.Start+n > len(text) || string(text[b.Start:b.Start+n]) != b.Text {
			return false
		}
	}
	return true
}

// paragraphsOf splits canonical text into plain paragraphs with their offsets.
func paragraphsOf(text string) []article.Block {
	var blocks []article.Block
	pos := 0
	for i, p := range strings.Split(text, "\n\n") {
		if i > 0 {
			pos += 2
		}
		if p != "" {
			blocks = append(blocks, article.Block{Kind: article.Paragraph, Text: p, Start: pos})
		}
		pos += utf8.RuneCountInString(p)
	}
	return blocks
}

func fromClipBlock(b article.Block) *docBlock {
	d := &docBlock{level: b.Level, ordered: b.Ordered, number: b.Number, text: []rune(b.Text), start: b.Start, image: b.Image, cell: b.Cell}
	base := runFlags(0)
	if isHeaderCell(b.Cell) {
		base = flagBold
	}
	switch b.Kind {
	case article.Heading:
		d.kind, base = kindHeading, flagBold
	case article.ListItem:
		d.kind = kindListItem
	case article.Quote:
		d.kind = kindQuote
	case article.Code:
		d.kind, base = kindCode, flagMono
	case article.Image:
		d.kind, d.start = kindImage, -1
	case article.Rule:
		d.kind, d.start = kindRule, -1
	default:
		d.kind = kindParagraph
	}
	d.segs = segmentsOf(len(d.text), base, b.Spans)
	return d
}

// segmentsOf resolves possibly nested spans into flat segments.
func segmentsOf(n int, base runFlags, spans []article.Span) []segment {
	if len(spans) == 0 || n == 0 {
		return []segment{{0, n, base, ""}}
	}
	flags := make([]runFlags, n)
	urls := make([]string, n)
	for i := range flags {
		flags[i] = base
	}
	for _, s := range spans {
		lo, hi := max(s.Start, 0), min(s.End, n)
		for i := lo; i < hi; i++ {
			switch s.Style {
			case article.Link:
				flags[i] |= flagLink
				urls[i] = s.URL
			case article.Emphasis:
				flags[i] |= flagItalic
			case article.Strong:
				flags[i] |= flagBold
			case article.InlineCode:
				flags[i] |= flagMono | flagCodeBg
			}
		}
	}
	var segs []segment
	for i := 0; i < n; {
		j := i + 1
		for j < n && flags[j] == flags[i] && urls[j] == urls[i] {
			j++
		}
		segs = append(segs, segment{i, j, flags[i], urls[i]})
		i = j
	}
	return segs
}

func titleBlock(a *storage.Article) *docBlock {
	// A title is one paragraph: the page's line breaks and bidi controls
	// (U+202E would reverse the rest of the heading) are not part of it.
	t := []rune(text.OneLine(a.Title))
	if len(t) == 0 {
		t = []rune("Untitled")
	}
	return &docBlock{kind: kindTitle, text: t, start: -1, segs: []segment{{0, len(t), flagBold, ""}}}
}

// metaBlock is the attribution line: site · authors · date · via source,
// then an "Open original" link. The date is the calendar date the page
// printed, in the page's own time zone: converting a date-only value to
// time.Local would move it to the previous day west of the publisher, and
// ISO dates read the same to Chinese and English readers.
func metaBlock(a *storage.Article) *docBlock {
	var b strings.Builder
	var segs []segment
	add := func(s string, f runFlags, u string) {
		if s == "" {
			return
		}
		start := utf8.RuneCountInString(b.String())
		b.WriteString(s)
		segs = append(segs, segment{start, start + utf8.RuneCountInString(s), f, u})
	}
	sep := func() {
		if b.Len() > 0 {
			add(" · ", flagMuted, "")
		}
	}
	if site := a.SiteOrHost(); site != "" {
		add(site, flagMuted, "")
	}
	if people := a.Credited(); len(people) > 0 {
		sep()
		add(strings.Join(people, ", "), flagMuted, "")
	}
	if !a.Published.IsZero() {
		sep()
		add(longDate(a.Published, systemLocale()), flagMuted, "")
	}
	if via, link := a.Via(); via != "" {
		sep()
		add("via ", flagMuted, "")
		if link != "" {
			add(via, flagLink, link)
		} else {
			add(via, flagMuted, "")
		}
	}
	if u := originalURL(a); u != "" {
		sep()
		add("Open original", flagLink, u)
	}
	t := []rune(b.String())
	if len(segs) == 0 {
		segs = []segment{{0, 0, flagMuted, ""}}
	}
	return &docBlock{kind: kindMeta, text: t, start: -1, segs: segs}
}

// originalURL is the page to open for "Open original": canonical, else where
// the fetch ended, else what the user gave.
func originalURL(a *storage.Article) string {
	for _, u := range []string{a.CanonicalURL, a.FinalURL, a.URL} {
		if validLink(u) {
			return u
		}
	}
	return ""
}

func validLink(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}
