package export

import (
	"bytes"
	"cmp"
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"app.margin/margin/article"
	"app.margin/margin/internal/text"
	"app.margin/margin/storage"
)

// chapter renders one article as an XHTML content document: the title and
// attribution, the content rebuilt from its blocks (so nothing EPUB forbids
// can come through from the page), the highlights marked in their colours
// with a note reference after each highlight that has a note, the article
// note, and the endnotes, each linking back to its reference.
type chapter struct {
	b    bytes.Buffer
	a    *storage.Article
	lang string
	// picture returns the book's file for a stored picture, "" when the
	// picture cannot go in the book.
	picture func(article.Picture) (string, error)

	lists  []bool // the open lists, innermost last: ordered or not
	quotes int    // the open blockquotes

	marks  []mark              // placed highlights, by start
	last   map[int64]int       // highlight id -> the index of the last block it covers
	number map[int64]int       // highlight id -> its endnote number
	notes  []storage.Highlight // in endnote order
	heads  []heading           // the content's headings, for the table of contents
	loose  []storage.Highlight // highlights not in the text as rendered
}

// heading is a heading of the content: its level, text and id.
type heading struct {
	level    int
	text, id string
}

// topHeadings are the headings of the highest level the content uses, which
// the table of contents lists under the article's title.
func topHeadings(hs []heading) []heading {
	top := 7
	for _, h := range hs {
		top = min(top, h.level)
	}
	var out []heading
	for _, h := range hs {
		if h.level == top && h.text != "" {
			out = append(out, h)
		}
	}
	return out
}

// mark is a highlight placed in the canonical text (code points).
type mark struct {
	h          storage.Highlight
	start, end int
}

// endnoteID and noterefID name a highlight's endnote and its reference.
func endnoteID(h storage.Highlight) string { return "n" + strconv.FormatInt(h.ID, 10) }
func noterefID(h storage.Highlight) string { return "r" + strconv.FormatInt(h.ID, 10) }

// chapterXHTML renders a as a content document in lang, and returns the
// headings the table of contents lists.
func chapterXHTML(ctx context.Context, a *storage.Article, hs []storage.Highlight, lang string, picture func(article.Picture) (string, error)) ([]byte, []heading, error) {
	c := &chapter{a: a, lang: lang, picture: picture, last: map[int64]int{}, number: map[int64]int{}}
	blocks := article.Blocks(a.ContentHTML)
	c.place(blocks, hs)

	title := cmp.Or(text.OneLine(a.Title), untitled)
	c.b.WriteString(xmlHeader)
	fmt.Fprintf(&c.b, `<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops"%s%s>`+"\n", langAttr(lang), dirAttr(a.Direction))
	fmt.Fprintf(&c.b, "<head>\n<meta charset=\"UTF-8\"/>\n<title>%s</title>\n<link rel=\"stylesheet\" type=\"text/css\" href=\"%s\"/>\n</head>\n<body>\n", esc(title), styleFile)
	fmt.Fprintf(&c.b, "<section epub:type=\"chapter\">\n<header>\n<h1%s>%s</h1>\n", langAttr(textLang(title, lang)), esc(title))
	if line := c.attribution(); line != "" {
		c.b.WriteString(`<p class="byline">` + line + "</p>\n")
	}
	c.b.WriteString("</header>\n")
	for i, bl := range blocks {
		if i%64 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, nil, err
			}
		}
		if err := c.block(i, bl); err != nil {
			return nil, nil, err
		}
	}
	c.closeLists(0)
	c.closeQuotes(0)
	c.articleNote()
	c.endnotes()
	c.b.WriteString("</section>\n</body>\n</html>\n")
	return c.b.Bytes(), topHeadings(c.heads), nil
}

// xmlHeader begins every XHTML document of the book.
const xmlHeader = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE html>\n"

// dirAttr marks a right-to-left article.
func dirAttr(dir string) string {
	if dir == "rtl" {
		return ` dir="rtl"`
	}
	return ""
}

// place decides where each highlight goes: in the blocks when the article's
// stored text is the one its content makes (the offsets then hold), else
// among the loose ones after the article, as orphaned highlights are.
// Endnotes are numbered in reading order.
func (c *chapter) place(blocks []article.Block, hs []storage.Highlight) {
	inText := article.CanonicalText(blocks) == c.a.Text
	for _, h := range hs {
		if h.Orphaned || !inText || h.End <= h.Start {
			c.loose = append(c.loose, h)
			continue
		}
		c.marks = append(c.marks, mark{h: h, start: h.Start, end: h.End})
	}
	slices.SortStableFunc(c.marks, func(x, y mark) int {
		return cmp.Or(cmp.Compare(x.start, y.start), cmp.Compare(x.end, y.end), cmp.Compare(x.h.ID, y.h.ID))
	})
	for i, bl := range blocks {
		n := len([]rune(bl.Text))
		for _, m := range c.marks {
			if m.start < bl.Start+n && m.end > bl.Start {
				c.last[m.h.ID] = i
			}
		}
	}
	placed := c.marks[:0]
	for _, m := range c.marks {
		if _, ok := c.last[m.h.ID]; ok {
			placed = append(placed, m)
		} else {
			c.loose = append(c.loose, m.h) // it covers no text, only a block break
		}
	}
	c.marks = placed
	for _, m := range c.marks {
		if strings.TrimSpace(m.h.Note) != "" {
			c.notes = append(c.notes, m.h)
			c.number[m.h.ID] = len(c.notes)
		}
	}
}

// attribution is the byline: site (linked to the page) · authors ·
// published · via the original source.
func (c *chapter) attribution() string {
	a := c.a
	var parts []string
	page := uriEscape(articleURL(a))
	switch site := a.SiteOrHost(); {
	case site != "" && page != "":
		parts = append(parts, `<a href="`+esc(page)+`">`+esc(text.OneLine(site))+`</a>`)
	case site != "":
		parts = append(parts, esc(text.OneLine(site)))
	}
	if people := a.Credited(); len(people) > 0 {
		names := make([]string, len(people))
		for i, p := range people {
			names[i] = text.OneLine(p)
		}
		parts = append(parts, `<span class="authors">`+esc(strings.Join(names, ", "))+`</span>`)
	}
	if !a.Published.IsZero() {
		d := a.Published.Format("2006-01-02")
		parts = append(parts, `<time datetime="`+d+`">`+d+`</time>`)
	}
	switch via, link := a.Via(); {
	case via != "" && linkHref(link) != "":
		parts = append(parts, `via <a href="`+esc(linkHref(link))+`">`+esc(text.OneLine(via))+`</a>`)
	case via != "":
		parts = append(parts, "via "+esc(text.OneLine(via)))
	}
	return strings.Join(parts, " · ")
}

// block writes one content block, opening and closing the lists and
// quotes around it.
func (c *chapter) block(i int, bl article.Block) error {
	if bl.Kind != article.ListItem {
		c.closeLists(0)
	}
	if bl.Kind != article.Quote {
		c.closeQuotes(0)
	}
	lang := langAttr(textLang(bl.Text, c.lang))
	switch bl.Kind {
	case article.Heading:
		level := min(max(bl.Level, 1)+1, 6) // the article's title is the h1
		id := "s" + strconv.Itoa(i)
		c.heads = append(c.heads, heading{level: level, text: text.OneLine(bl.Text), id: id})
		fmt.Fprintf(&c.b, `<h%d id="%s"%s>`, level, id, lang)
		c.inline(i, bl, false)
		fmt.Fprintf(&c.b, "</h%d>\n", level)
	case article.ListItem:
		c.listItem(bl, lang)
		c.inline(i, bl, false)
	case article.Quote:
		c.closeQuotes(max(bl.Level, 1))
		for c.quotes < max(bl.Level, 1) {
			c.b.WriteString("<blockquote>")
			c.quotes++
		}
		c.b.WriteString("<p" + lang + ">")
		c.inline(i, bl, false)
		c.b.WriteString("</p>\n")
	case article.Code:
		c.b.WriteString("<pre><code>")
		c.inline(i, bl, true)
		c.b.WriteString("</code></pre>\n")
	case article.Image:
		return c.image(bl.Image)
	case article.Rule:
		c.b.WriteString("<hr/>\n")
	default:
		if bl.Text == "" {
			return nil
		}
		c.b.WriteString("<p" + lang + ">")
		c.inline(i, bl, false)
		c.b.WriteString("</p>\n")
	}
	return nil
}

// listItem opens the item (and the lists it is nested in), closing the
// previous item of its list.
func (c *chapter) listItem(bl article.Block, lang string) {
	level := min(max(bl.Level, 1), len(c.lists)+1) // a list nests inside an item
	c.closeLists(level)
	if len(c.lists) == level {
		if c.lists[level-1] == bl.Ordered {
			c.b.WriteString("</li>\n")
		} else {
			c.closeLists(level - 1)
		}
	}
	for len(c.lists) < level {
		c.lists = append(c.lists, bl.Ordered)
		c.b.WriteString(map[bool]string{true: "<ol>\n", false: "<ul>\n"}[bl.Ordered])
	}
	value := ""
	if bl.Ordered && bl.Number > 0 {
		value = ` value="` + strconv.Itoa(bl.Number) + `"`
	}
	c.b.WriteString("<li" + value + lang + ">")
}

// closeLists closes lists until depth are open.
func (c *chapter) closeLists(depth int) {
	for len(c.lists) > depth {
		ordered := c.lists[len(c.lists)-1]
		c.lists = c.lists[:len(c.lists)-1]
		c.b.WriteString(map[bool]string{true: "</li>\n</ol>\n", false: "</li>\n</ul>\n"}[ordered])
	}
}

// closeQuotes closes blockquotes until depth are open.
func (c *chapter) closeQuotes(depth int) {
	for c.quotes > depth {
		c.b.WriteString("</blockquote>\n")
		c.quotes--
	}
}

// image writes a stored picture, or for a missing one its alt text (else
// its caption) linked to where it was when that is on the web.
func (c *chapter) image(ref *article.ImageRef) error {
	if ref == nil {
		return nil
	}
	pic, ok := c.a.Picture(ref.URL)
	if !ok {
		pic = article.Picture{URL: ref.URL, Alt: ref.Alt}
	}
	if pic.Pixel() {
		return nil // a tracking pixel: a book that names it would call its server
	}
	alt := cmp.Or(text.OneLine(ref.Alt), text.OneLine(pic.Alt))
	if pic.Stored() {
		src, err := c.picture(pic)
		if err != nil {
			return err
		}
		if src != "" {
			fmt.Fprintf(&c.b, "<div class=\"picture\"><img src=\"%s\" alt=\"%s\"/></div>\n", esc(src), esc(alt))
			return nil
		}
	}
	label := cmp.Or(alt, text.OneLine(pic.Caption), "picture")
	c.b.WriteString(`<p class="missing-picture">`)
	if href := linkHref(pic.URL); href != "" {
		fmt.Fprintf(&c.b, `[Picture: <a href="%s">%s</a>]`, esc(href), esc(label))
	} else {
		fmt.Fprintf(&c.b, "[Picture: %s]", esc(label))
	}
	c.b.WriteString("</p>\n")
	return nil
}

// inline writes a block's text with its links, emphasis and code, the
// highlights over it, and the note references of the highlights it ends.
// The text is cut where any of those begins or ends and each piece opens
// and closes its own elements, so they nest properly however they overlap.
func (c *chapter) inline(i int, bl article.Block, pre bool) {
	rs := []rune(bl.Text)
	n := len(rs)
	cuts := []int{0, n}
	for _, s := range bl.Spans {
		cuts = append(cuts, clamp(s.Start, n), clamp(s.End, n))
	}
	var marks []mark // this block's highlights, in block offsets
	for _, m := range c.marks {
		if m.start < bl.Start+n && m.end > bl.Start {
			lm := mark{h: m.h, start: clamp(m.start-bl.Start, n), end: clamp(m.end-bl.Start, n)}
			marks = append(marks, lm)
			cuts = append(cuts, lm.start, lm.end)
		}
	}
	slices.Sort(cuts)
	cuts = slices.Compact(cuts)
	for k := 0; k+1 < len(cuts); k++ {
		from, to := cuts[k], cuts[k+1]
		var closers []string
		open := func(tag, attrs string) {
			c.b.WriteString("<" + tag + attrs + ">")
			closers = append(closers, "</"+tag+">")
		}
		if href := spanLink(bl.Spans, from, to); href != "" {
			open("a", ` href="`+esc(href)+`"`)
		}
		for _, st := range []struct {
			style article.SpanStyle
			tag   string
		}{{article.Strong, "strong"}, {article.Emphasis, "em"}, {article.InlineCode, "code"}} {
			if !(pre && st.style == article.InlineCode) && spanCovers(bl.Spans, st.style, from, to) {
				open(st.tag, "")
			}
		}
		for _, m := range marks {
			if m.start <= from && to <= m.end {
				open("mark", ` class="`+colorTag(m.h.Color)+`"`)
			}
		}
		c.text(string(rs[from:to]), pre)
		for j := len(closers) - 1; j >= 0; j-- {
			c.b.WriteString(closers[j])
		}
		for _, m := range marks {
			if m.end == to && c.last[m.h.ID] == i {
				c.noteref(m.h)
			}
		}
	}
}

// text writes block text; outside preformatted text a line break of the
// content (a <br>) is one again.
func (c *chapter) text(s string, pre bool) {
	if pre {
		xmlText(&c.b, s)
		return
	}
	for j, line := range strings.Split(s, "\n") {
		if j > 0 {
			c.b.WriteString("<br/>")
		}
		xmlText(&c.b, line)
	}
}

// noteref writes the reference to a highlight's endnote, if it has one.
func (c *chapter) noteref(h storage.Highlight) {
	n, ok := c.number[h.ID]
	if !ok {
		return
	}
	fmt.Fprintf(&c.b, `<sup><a epub:type="noteref" class="noteref" id="%s" href="#%s">%d</a></sup>`, noterefID(h), endnoteID(h), n)
}

func clamp(v, n int) int { return min(max(v, 0), n) }

// spanLink is the address of the link covering [from, to), "" if none.
func spanLink(spans []article.Span, from, to int) string {
	for _, s := range spans {
		if s.Style == article.Link && s.Start <= from && to <= s.End {
			if href := linkHref(s.URL); href != "" {
				return href
			}
		}
	}
	return ""
}

// spanCovers reports whether a span of that style covers [from, to).
func spanCovers(spans []article.Span, style article.SpanStyle, from, to int) bool {
	for _, s := range spans {
		if s.Style == style && s.Start <= from && to <= s.End {
			return true
		}
	}
	return false
}

// articleNote writes the reader's note on the article, as plain paragraphs.
func (c *chapter) articleNote() {
	note := strings.TrimSpace(c.a.Note)
	if note == "" {
		return
	}
	c.b.WriteString("<section class=\"article-note\">\n<h2>Note</h2>\n")
	c.paragraphs(note)
	c.b.WriteString("</section>\n")
}

// paragraphs writes plain text as paragraphs: a blank line between two,
// a line break inside one.
func (c *chapter) paragraphs(s string) {
	for _, para := range strings.Split(normalizeNewlines(s), "\n\n") {
		if para = strings.TrimSpace(para); para == "" {
			continue
		}
		c.b.WriteString("<p" + langAttr(textLang(para, c.lang)) + ">")
		c.text(para, false)
		c.b.WriteString("</p>\n")
	}
}

// endnotes writes the notes of the highlights, each linking back to its
// reference, then the highlights that are no longer in the text.
func (c *chapter) endnotes() {
	if len(c.notes) == 0 && len(c.loose) == 0 {
		return
	}
	c.b.WriteString("<section class=\"endnotes\" epub:type=\"endnotes\">\n<h2>Notes</h2>\n")
	if len(c.notes) > 0 {
		c.b.WriteString("<ol>\n")
		for _, h := range c.notes {
			fmt.Fprintf(&c.b, `<li id="%s" epub:type="endnote"><p class="quote"><a epub:type="backlink" href="#%s">↑</a> <mark class="%s">%s</mark></p>`+"\n",
				endnoteID(h), noterefID(h), colorTag(h.Color), esc(quoteExcerpt(h.Quote)))
			c.paragraphs(h.Note)
			c.b.WriteString("</li>\n")
		}
		c.b.WriteString("</ol>\n")
	}
	if len(c.loose) > 0 {
		c.b.WriteString("<h3>Highlights no longer in the text</h3>\n<ul class=\"loose\">\n")
		for _, h := range c.loose {
			fmt.Fprintf(&c.b, `<li><p class="quote"><mark class="%s">`, colorTag(h.Color))
			c.text(h.Quote, false)
			c.b.WriteString("</mark></p>\n")
			c.paragraphs(h.Note)
			c.b.WriteString("</li>\n")
		}
		c.b.WriteString("</ul>\n")
	}
	c.b.WriteString("</section>\n")
}

// excerptRunes is how much of a quote an endnote repeats.
const excerptRunes = 120

// quoteExcerpt is a quote on one line, cut to excerptRunes with an ellipsis.
func quoteExcerpt(s string) string {
	s = text.OneLine(s)
	if rs := []rune(s); len(rs) > excerptRunes {
		return strings.TrimSpace(string(rs[:excerptRunes])) + "…"
	}
	return s
}
