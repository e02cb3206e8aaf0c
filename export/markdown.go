package export

import (
	"bytes"
	"fmt"
	"strings"
	"sync"

	"github.com/JohannesKaufmann/html-to-markdown/v2/converter"
	"github.com/JohannesKaufmann/html-to-markdown/v2/plugin/base"
	"github.com/JohannesKaufmann/html-to-markdown/v2/plugin/commonmark"
	"github.com/JohannesKaufmann/html-to-markdown/v2/plugin/strikethrough"
	"github.com/JohannesKaufmann/html-to-markdown/v2/plugin/table"

	"app.margin/margin/storage"
)

// ArticleMarkdown renders one article as a Markdown file: YAML front matter,
// the title, an attribution line, ## Highlights (each a block quote with its
// colour, a link to the passage on the page and its note; orphaned ones in
// their own subsection), ## Notes with the article note, and with opt.Full
// ## Article, the whole article converted from its HTML.
//
// Titles, quotes and highlight notes are plain text and escaped so they
// render as written; the article note is Markdown (the reader writes it as
// such) and is copied as it is.
func ArticleMarkdown(a *storage.Article, hs []storage.Highlight, opt Options) ([]byte, error) {
	return articleMarkdown(a, hs, opt, nil)
}

// articleMarkdown is ArticleMarkdown with the pictures' links: links maps
// a picture's address to its file in the assets folder.
func articleMarkdown(a *storage.Article, hs []storage.Highlight, opt Options, links map[string]string) ([]byte, error) {
	fm, err := marshalFrontMatter(frontMatterOf(a))
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	b.Write(fm)
	b.WriteByte('\n')
	if err := writeArticleBody(&b, a, hs, opt, false, links); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// writeArticleBody writes everything below the front matter. A combined file
// has no per-article front matter, so withTags adds the tags as a line.
// Pictures link to links[address] in the assets folder, else to their web
// address, else they are their alt text.
func writeArticleBody(b *bytes.Buffer, a *storage.Article, hs []storage.Highlight, opt Options, withTags bool, links map[string]string) error {
	title := oneLine(a.Title)
	if title == "" {
		title = untitled
	}
	fmt.Fprintf(b, "# %s\n\n", title)
	if line := attributionLine(a); line != "" {
		b.WriteString(line + "\n\n")
	}
	if withTags && len(a.Tags) > 0 {
		tags := make([]string, len(a.Tags))
		for i, t := range a.Tags {
			tags[i] = oneLine(t)
		}
		fmt.Fprintf(b, "Tags: %s\n\n", strings.Join(tags, ", "))
	}

	var placed, orphaned []storage.Highlight
	for _, h := range hs {
		if h.Orphaned {
			orphaned = append(orphaned, h)
		} else {
			placed = append(placed, h)
		}
	}
	if len(hs) > 0 {
		b.WriteString("## Highlights\n\n")
	}
	for _, h := range placed {
		writeHighlight(b, a, h)
	}
	if len(orphaned) > 0 {
		b.WriteString("### Orphaned highlights\n\n")
		b.WriteString("These passages are no longer in the article as last clipped.\n\n")
		for _, h := range orphaned {
			writeHighlight(b, a, h)
		}
	}
	if note := strings.TrimSpace(a.Note); note != "" {
		b.WriteString("## Notes\n\n")
		b.WriteString(normalizeNewlines(note) + "\n\n")
	}
	if opt.Full && strings.TrimSpace(a.ContentHTML) != "" {
		md, err := htmlConverter().ConvertString(localPictures(a.ContentHTML, links))
		if err != nil {
			return fmt.Errorf("convert article %d to markdown: %w", a.ID, err)
		}
		b.WriteString("## Article\n\n")
		b.WriteString(strings.TrimSpace(md) + "\n\n")
	}
	// One final newline, however the last section ended.
	trimmed := bytes.TrimRight(b.Bytes(), "\n")
	b.Truncate(len(trimmed))
	b.WriteByte('\n')
	return nil
}

// writeHighlight writes one highlight: the quote, a line with its colour
// as a tag and the link to the passage, then its note.
//
// The colour is a nested tag, #highlight/yellow: Obsidian lists it in its tag
// pane and Logseq as a page, so the reader can gather every yellow passage
// across notes, which an italic "Colour: yellow" would not allow.
func writeHighlight(b *bytes.Buffer, a *storage.Article, h storage.Highlight) {
	quote := plainBlock(h.Quote, "> ")
	if quote == "" {
		quote = ">\n"
	}
	b.WriteString(quote)
	b.WriteByte('\n')
	meta := "#highlight/" + colorTag(h.Color)
	if link := PassageURL(a, h); link != "" {
		meta += " · " + mdLink("Open passage", link)
	}
	b.WriteString(meta + "\n\n")
	if note := plainBlock(h.Note, ""); note != "" {
		b.WriteString(note)
		b.WriteByte('\n')
	}
}

// colorTag is the colour as a tag name: only ASCII letters, so a colour the
// storage does not know cannot break the line; yellow when unset, as the
// storage defaults.
func colorTag(c storage.Color) string {
	var b strings.Builder
	for _, r := range strings.ToLower(string(c)) {
		if 'a' <= r && r <= 'z' {
			b.WriteRune(r)
		}
	}
	if b.Len() == 0 {
		return string(storage.Yellow)
	}
	return b.String()
}

// attributionLine credits the article as Article.Attribution does
// (site · authors · published · original source), with links to the page and
// to the original source.
func attributionLine(a *storage.Article) string {
	var parts []string
	page := articleURL(a)
	// The site reads as in the app: its name, else the host without "www.".
	switch site := a.SiteOrHost(); {
	case site != "" && page != "":
		parts = append(parts, mdLink(site, page))
	case site != "":
		parts = append(parts, oneLine(site))
	}
	if people := a.Credited(); len(people) > 0 {
		names := make([]string, len(people))
		for i, p := range people {
			names[i] = oneLine(p)
		}
		parts = append(parts, strings.Join(names, ", "))
	}
	if !a.Published.IsZero() {
		parts = append(parts, a.Published.Format("2006-01-02"))
	}
	switch via, link := a.Via(); {
	case via != "" && link != "":
		parts = append(parts, "via "+mdLink(via, link))
	case via != "":
		parts = append(parts, "via "+oneLine(via))
	}
	return strings.Join(parts, " · ")
}

// mdLink is an inline link with plain-text link text. The destination is in
// angle brackets when it holds parentheses or spaces, which would end a bare
// destination early.
func mdLink(text, href string) string {
	if strings.ContainsAny(href, "() ") {
		href = "<" + strings.NewReplacer("<", "%3C", ">", "%3E").Replace(href) + ">"
	}
	return "[" + oneLine(text) + "](" + href + ")"
}

// htmlConverter is built once: registering plugins costs more than a small
// conversion, and the converter is safe for concurrent use.
var htmlConverter = sync.OnceValue(func() *converter.Converter {
	return converter.NewConverter(converter.WithPlugins(
		base.NewBasePlugin(),
		commonmark.NewCommonmarkPlugin(),
		table.NewTablePlugin(),
		strikethrough.NewStrikethroughPlugin(),
		notesSyntax{},
	))
})
