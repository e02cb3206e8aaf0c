package clip

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// noscriptMinRunes is the least paragraph text a <noscript> must hold to
// be read as the page's article: enough for a post, more than the
// "please enable JavaScript" notes and tracking pixels that fill most.
const noscriptMinRunes = 500

// unwrapArticleNoscript puts in place of a <noscript> the markup it holds
// when that markup is the page's article: paragraphs of at least
// noscriptMinRunes, more than every paragraph outside it together.
// The parser reads a <noscript> as raw text (the page as a browser with
// scripts sees it), so Readability never sees what it holds; pages that
// draw their post from a script template and keep a copy for readers
// without scripts lost the whole post. Comparing with the paragraphs
// outside keeps a consent notice or a second copy of a visible article
// (Mozilla's medicalnewstoday page holds a 1,070-character notice in one)
// out of the text.
// Provenance: go-trafilatura's comparison set, security.googleblog.com,
// whose Blogger theme (shared by Google's other blogs) writes each post in
// <script type="text/template"> and again in <noscript>; Margin's text was
// the blog's tagline (3 wanted passages lost, 1 excluded kept).
func unwrapArticleNoscript(doc *html.Node) {
	var best *html.Node
	var bestNodes []*html.Node
	bestRunes := 0
	for _, n := range noscripts(doc, nil) {
		raw := n.FirstChild
		if raw == nil || raw.Type != html.TextNode || raw.NextSibling != nil || !containsFold(raw.Data, "<p") {
			continue
		}
		context := n.Parent
		if context == nil || context.Type != html.ElementNode {
			continue
		}
		nodes, err := html.ParseFragment(strings.NewReader(raw.Data), context)
		if err != nil {
			continue
		}
		runes := 0
		for _, c := range nodes {
			runes += paragraphRunes(c)
		}
		if runes >= noscriptMinRunes && runes > bestRunes {
			best, bestNodes, bestRunes = n, nodes, runes
		}
	}
	if best == nil || paragraphRunes(doc) >= bestRunes {
		return
	}
	for _, c := range bestNodes {
		best.Parent.InsertBefore(c, best)
	}
	best.Parent.RemoveChild(best)
}

// paragraphRunes counts the text, white space collapsed, of the <p>
// elements in n (n included).
func paragraphRunes(n *html.Node) int {
	if n.Type == html.ElementNode && n.DataAtom == atom.P {
		return collapsedRunes(n)
	}
	runes := 0
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode {
			runes += paragraphRunes(c)
		}
	}
	return runes
}

// noscripts appends the <noscript> elements under n to found.
func noscripts(n *html.Node, found []*html.Node) []*html.Node {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode {
			continue
		}
		if c.DataAtom == atom.Noscript {
			found = append(found, c)
			continue
		}
		found = noscripts(c, found)
	}
	return found
}
