package clip

import (
	"net/url"
	"slices"
	"strings"

	"app.margin/margin/article"
	"app.margin/margin/internal/text"

	"codeberg.org/readeck/go-readability/v2"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// A second extraction when the first chose what is no article. Readability
// scores paragraphs by length and commas, so on a page whose article is
// short lines, or sits in markup it reads badly, the block with the most
// sentences wins even when it is a form's messages, the author's card or
// the site's footer, and the article is lost entirely. When the content is
// short and most of it lies in such an element, that element is removed
// from the page and the extractor runs again. Provenance: go-trafilatura's
// comparison set, pages whose whole text was an author card
// (div#author-description), a newsletter form in a dialog, a comment form
// or a template's footer: 12 wanted passages came back on 4 pages, two
// excluded ones went and one came. Allowed on longer content (it fired on
// 7818 and 5001 code points), it cost 5 wanted passages on 2 pages. The
// extractor returns no such content on Mozilla's test pages, where the
// rule never fires.
var (
	// retryWords are the class and id words of what is no article: forms
	// and their messages, dialogs, log-in boxes, author cards, footers.
	// Navigation, sidebars, widgets and comments are left out: WordPress
	// and news templates wrap real articles in elements so named (tried
	// on the same set, they cost more than they brought back).
	retryWords = []string{"author", "footer", "form", "dialog", "modal", "error", "alert", "login", "signup"}
)

const (
	// retryMaxRunes is the longest content a second extraction may
	// replace: a long text is an article even in an odd wrapper.
	retryMaxRunes = 3000
	retryMaxTries = 2
)

// extractAgain runs the extractor again on page while the content it
// returns (ra, from a first run whose error is err) is short and mostly
// one element of retryWords, each time without the elements found so
// far. It keeps the first result when no run finds other content.
func extractAgain(page string, base *url.URL, ra readability.Article, err error) (readability.Article, error) {
	var gone []string
	cur := ra
	for range retryMaxTries {
		if err != nil || cur.Node == nil || collapsedRunes(cur.Node) >= retryMaxRunes {
			break
		}
		b := retryElement(cur.Node)
		if b == nil {
			if len(gone) > 0 {
				return cur, nil
			}
			break
		}
		gone = append(gone, elementKey(b))
		doc, perr := html.Parse(strings.NewReader(page))
		if perr != nil {
			break
		}
		promotePictureSources(doc)
		removeConsentNotices(doc)
		removeKeyed(doc, gone)
		parser := readability.NewParser()
		parser.KeepClasses = true
		cur, err = parser.ParseAndMutate(doc, base)
	}
	if err == nil && cur.Node != nil && len(gone) > 0 && retryElement(cur.Node) == nil {
		return cur, nil
	}
	return ra, nil
}

// retryElement is the element of the content, down to a few levels,
// that holds at least half its text and is named by retryWords (or is a
// <form> or <footer>); nil when none is.
func retryElement(root *html.Node) *html.Node {
	total := collapsedRunes(root)
	if total == 0 {
		return nil
	}
	var walk func(n *html.Node, depth int) *html.Node
	walk = func(n *html.Node, depth int) *html.Node {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode || 2*collapsedRunes(c) < total {
				continue
			}
			if c.DataAtom == atom.Form || c.DataAtom == atom.Footer ||
				slices.ContainsFunc(classWords(article.Attr(c, "class")+" "+article.Attr(c, "id")), func(w string) bool { return slices.Contains(retryWords, w) }) {
				return c
			}
			if depth < 4 {
				if f := walk(c, depth+1); f != nil {
					return f
				}
			}
		}
		return nil
	}
	return walk(root, 0)
}

// elementKey names an element across two parses of a page: its tag, id,
// class and the start of its text.
func elementKey(n *html.Node) string {
	return n.Data + "|" + article.Attr(n, "id") + "|" + article.Attr(n, "class") + "|" + prefixRunes(text.CollapseSpace(textOf(n)), 80)
}

// removeKeyed removes the elements whose elementKey is one of keys.
func removeKeyed(root *html.Node, keys []string) {
	var doomed []*html.Node
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			if slices.Contains(keys, elementKey(c)) {
				doomed = append(doomed, c)
				continue
			}
			walk(c)
		}
	}
	walk(root)
	for _, n := range doomed {
		n.Parent.RemoveChild(n)
	}
}

// prefixRunes is the first n code points of s.
func prefixRunes(s string, n int) string {
	for i := range s {
		if n == 0 {
			return s[:i]
		}
		n--
	}
	return s
}
