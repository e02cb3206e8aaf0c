package export

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/text/encoding/htmlindex"

	"app.margin/margin/storage"
)

// errNoPage reports an article saved without its original page.
var errNoPage = errors.New("no stored page")

// pageBlocks returns the text a browser searches when it opens the stored
// original page: the visible text of its body, one string per block (a
// paragraph, a heading, a list item, a table cell, a line ended by <br>),
// white space collapsed as the page renders it. Scripts, styles, templates,
// the head and elements the markup hides are left out. raw is decoded from
// charset (a WHATWG encoding name or label, as clip stores it; "" is UTF-8).
//
// A browser matches each part of a text fragment inside one block, and
// counts every occurrence on the page, not only those in the article the
// reader saw; so uniqueness and context are judged on these blocks.
func pageBlocks(raw []byte, charset string) ([]string, error) {
	if len(raw) == 0 {
		return nil, errNoPage
	}
	src := raw
	if cs := strings.TrimSpace(charset); cs != "" && !strings.EqualFold(cs, "utf-8") && !strings.EqualFold(cs, "utf8") {
		enc, err := htmlindex.Get(cs)
		if err != nil {
			return nil, fmt.Errorf("page charset %q: %w", cs, err)
		}
		if src, err = enc.NewDecoder().Bytes(raw); err != nil {
			return nil, fmt.Errorf("decode page from %s: %w", cs, err)
		}
	}
	// Parsed as with scripting off, so <noscript> holds elements rather than
	// one opaque string: its text is counted, since a browser without
	// scripts shows it, and counting text a browser hides only costs a link
	// some context.
	doc, err := html.ParseWithOptions(bytes.NewReader(src), html.ParseOptionEnableScripting(false))
	if err != nil {
		return nil, fmt.Errorf("parse page: %w", err)
	}
	w := blockWriter{}
	w.walk(doc)
	w.flush()
	return w.blocks, nil
}

// blockWriter gathers the visible text of a document block by block.
type blockWriter struct {
	blocks []string
	cur    strings.Builder
	space  bool // a white space is pending before the next character
}

func (w *blockWriter) walk(n *html.Node) {
	switch n.Type {
	case html.TextNode:
		w.text(n.Data)
		return
	case html.ElementNode:
		if invisible(n) {
			return
		}
	case html.DocumentNode:
	default:
		return
	}
	block := n.Type == html.ElementNode && blockElements[n.DataAtom]
	if block {
		w.flush()
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		w.walk(c)
	}
	if block {
		w.flush()
	}
}

// text appends s, collapsing white space as CSS does outside <pre>.
func (w *blockWriter) text(s string) {
	for _, r := range s {
		if unicode.IsSpace(r) {
			w.space = true
			continue
		}
		if w.space && w.cur.Len() > 0 {
			w.cur.WriteByte(' ')
		}
		w.space = false
		if r == utf8.RuneError || r == 0 {
			r = unicode.ReplacementChar
		}
		w.cur.WriteRune(r)
	}
}

// flush ends the current block.
func (w *blockWriter) flush() {
	if w.cur.Len() > 0 {
		w.blocks = append(w.blocks, w.cur.String())
	}
	w.cur.Reset()
	w.space = false
}

// invisible reports an element whose content a browser does not render as
// searchable text: scripts and styles, the head, form controls' inner data,
// embedded documents and drawings,
// and elements hidden by the hidden attribute or an inline display:none or
// visibility:hidden. Hiding by a stylesheet rule is not seen here; counting
// such text only makes a link carry more context than it needs.
func invisible(n *html.Node) bool {
	switch n.DataAtom {
	case atom.Script, atom.Style, atom.Template, atom.Head, atom.Title,
		atom.Iframe, atom.Object, atom.Select, atom.Textarea, atom.Svg, atom.Math:
		return true
	}
	for _, a := range n.Attr {
		switch a.Key {
		case "hidden":
			return true
		case "style":
			s := strings.ToLower(strings.Join(strings.Fields(a.Val), ""))
			if strings.Contains(s, "display:none") || strings.Contains(s, "visibility:hidden") {
				return true
			}
		}
	}
	return false
}

// blockElements end a block of text: a browser never matches across them.
// <br> is among them because a line break separates a prefix from a quote
// as surely as a new paragraph.
var blockElements = map[atom.Atom]bool{
	atom.Address: true, atom.Article: true, atom.Aside: true, atom.Blockquote: true,
	atom.Body: true, atom.Br: true, atom.Caption: true, atom.Center: true, atom.Dd: true,
	atom.Details: true, atom.Dialog: true, atom.Div: true, atom.Dl: true, atom.Dt: true,
	atom.Fieldset: true, atom.Figcaption: true, atom.Figure: true, atom.Footer: true,
	atom.Form: true, atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true,
	atom.H5: true, atom.H6: true, atom.Header: true, atom.Hgroup: true, atom.Hr: true,
	atom.Html: true, atom.Img: true, atom.Li: true, atom.Main: true, atom.Nav: true,
	atom.Ol: true, atom.Option: true, atom.P: true, atom.Pre: true, atom.Section: true,
	atom.Summary: true, atom.Table: true, atom.Tbody: true, atom.Td: true,
	atom.Tfoot: true, atom.Th: true, atom.Thead: true, atom.Tr: true, atom.Ul: true,
	atom.Button: true, atom.Input: true, atom.Video: true, atom.Audio: true,
}

// pageCache keeps the text of the last few pages: an export asks for the
// link of every highlight of an article in turn, and parsing its page once
// per highlight would cost as much as the rest of the export.
var pageCache struct {
	sync.Mutex
	entries []pageEntry
}

type pageEntry struct {
	raw     *byte // the page's bytes, identified by their address and length
	n       int
	charset string
	hay     *haystack
	err     error
}

const pageCacheSize = 8

// cachedPage is the haystack of pageBlocks, remembered for the same bytes.
func cachedPage(raw []byte, charset string) (*haystack, error) {
	if len(raw) == 0 {
		return nil, errNoPage
	}
	pageCache.Lock()
	for _, e := range pageCache.entries {
		if e.raw == &raw[0] && e.n == len(raw) && e.charset == charset {
			pageCache.Unlock()
			return e.hay, e.err
		}
	}
	pageCache.Unlock()
	blocks, err := pageBlocks(raw, charset)
	var hay *haystack
	if err == nil {
		hay = newHaystack(blocks)
	}
	pageCache.Lock()
	defer pageCache.Unlock()
	if len(pageCache.entries) == pageCacheSize {
		pageCache.entries = pageCache.entries[1:]
	}
	pageCache.entries = append(pageCache.entries, pageEntry{&raw[0], len(raw), charset, hay, err})
	return hay, err
}

// pageStore is the optional part of a Library that keeps the original
// pages; *storage.Library has it.
type pageStore interface {
	RawHTML(ctx context.Context, id int64) ([]byte, error)
}

var _ pageStore = (*storage.Library)(nil)

// loadPage reads the article's original page into a.Raw when the library
// keeps pages and the article has highlights to link to, so PassageURL can
// judge each quote on the page a browser will search.
func loadPage(ctx context.Context, lib Library, a *storage.Article, hs []storage.Highlight) error {
	ps, ok := lib.(pageStore)
	if !ok || len(hs) == 0 || a.Raw != nil {
		return nil
	}
	raw, err := ps.RawHTML(ctx, a.ID)
	if err != nil {
		return fmt.Errorf("original page: %w", err)
	}
	a.Raw = raw
	return nil
}
