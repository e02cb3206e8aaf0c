package clip

import (
	"net/url"
	"strings"

	"app.margin/margin/article"

	"codeberg.org/readeck/go-readability/v2"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// A second extraction when the first chose a list instead of prose.
// Readability scores a block by the text and commas of the paragraphs in
// it, so a long list of short entries (an open letter's signatories, a
// table of members of parliament and their addresses, a studio's list of
// projects) outscores the article beside it. When little of the content
// is sentences, the elements it holds are removed from the page and the
// extractor runs again; its second answer wins when it holds much more
// prose. Provenance: go-trafilatura's comparison set, where harpers.org's
// open letter lost all its text to its list of signatories (3 wanted
// passages back, no excluded one kept, no other page changed). Counting
// whole blocks instead of lines between <br>s, or a second answer with
// twice the prose of the first's blocks, took blog posts of short lines
// and Chinese encyclopaedia pages for lists (9 wanted passages lost). It
// changes no Mozilla test page, whose contents are prose.
const (
	// proseBlockRunes is the shortest block that counts as prose: list
	// entries and table cells are shorter.
	proseBlockRunes = 80
	// proseMinRunes is the least prose a second answer must hold.
	proseMinRunes = 500
)

// extractProse runs the extractor again on page without the elements of
// ra's content when under a third of that content is prose, and returns
// the second answer when it holds at least twice as much prose (and
// proseMinRunes); ra otherwise.
func extractProse(page string, base *url.URL, ra readability.Article, err error) (readability.Article, error) {
	if err != nil || ra.Node == nil {
		return ra, err
	}
	total := collapsedRunes(ra.Node)
	prose := proseRunes(ra.Node)
	if total == 0 || 3*prose >= total {
		return ra, err
	}
	var keys []elementKey
	for _, n := range contentParts(ra.Node) {
		keys = append(keys, keyOf(n))
	}
	if len(keys) == 0 {
		return ra, err
	}
	// The extractor's answer holds no more prose than the page it reads:
	// a page whose content is short lines and that has no prose elsewhere
	// is spared the second run (five of the six Mozilla pages that ask for
	// one: invalid-attributes, js-link-replacement, lazy-image-3, qq and
	// tumblr; pixnet's sidebar holds prose).
	need := max(proseMinRunes, 2*prose)
	again, aerr := extractWithout(page, base, keys, need)
	if aerr != nil || again.Node == nil {
		return ra, err
	}
	if p := proseRunes(again.Node); p >= need {
		return again, nil
	}
	return ra, err
}

// contentParts are the elements the extractor put in its content: the
// children of its page division, else of the content itself.
func contentParts(root *html.Node) []*html.Node {
	page := root
	if c := firstElementChild(root); c != nil && article.Attr(c, "id") == "readability-page-1" {
		page = c
	}
	var parts []*html.Node
	for c := page.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode {
			parts = append(parts, c)
		}
	}
	return parts
}

// proseRunes counts the code points of n's sentences: the runs of text
// between block boundaries and <br>s that hold at least proseBlockRunes
// and a full stop, question or exclamation mark.
func proseRunes(n *html.Node) int {
	// A line is counted as it is read instead of being built and
	// collapsed: the count runs over a whole page for extractWithout's
	// bound.
	total := 0
	var line collapsedCount
	sentence := false
	add := func(s string) {
		line.add(s)
		if !sentence && strings.ContainsAny(s, ".!?。！？") {
			sentence = true
		}
	}
	flush := func() {
		if line.runes >= proseBlockRunes && sentence {
			total += line.runes
		}
		line, sentence = collapsedCount{}, false
	}
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			switch {
			case c.Type == html.TextNode:
				add(c.Data)
			case c.Type != html.ElementNode || notProse[c.DataAtom]:
			case c.DataAtom == atom.Br:
				flush()
			case proseBlocks[c.DataAtom]:
				flush()
				walk(c)
				flush()
			default:
				walk(c)
			}
		}
	}
	walk(n)
	flush()
	return total
}

// notProse are the elements whose text is never an extractor's answer:
// left out, a whole page's count of prose bounds what a second run finds.
var notProse = map[atom.Atom]bool{atom.Head: true, atom.Script: true, atom.Style: true, atom.Template: true}

// proseBlocks are the elements that hold a paragraph's text.
var proseBlocks = map[atom.Atom]bool{
	atom.P: true, atom.Div: true, atom.Li: true, atom.Td: true, atom.Th: true, atom.Dd: true, atom.Dt: true,
	atom.Blockquote: true, atom.Pre: true, atom.Section: true, atom.Article: true,
	atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true, atom.Ul: true, atom.Ol: true, atom.Table: true, atom.Tr: true, atom.Figure: true, atom.Figcaption: true,
}
