package clip

import (
	"regexp"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// headlessEndMaxRunes is the longest heading dropHeadlessEnd removes.
const headlessEndMaxRunes = 80

// rxAgencySignature is a news agency's or editor's signature closing a
// report, initials and agency codes only ("aja/PAP", "RIRM", "(dpa)"):
// trafilatura's comparison set counts it out of the text (a Polish
// portal, radiomaryja.pl).
var rxAgencySignature = regexp.MustCompile(`^\(?(?:\p{Ll}{2,4}/)*\p{Lu}{2,5}\)?$|^\(?\p{Ll}{2,4}(?:/\p{Ll}{2,4})*\)?$`)

// agencyMaxRunes is the longest agency signature.
const agencyMaxRunes = 16

// dropHeadlessEnd removes the headings that close the content with no text
// under them ("Teilnehmende Blogs:", "Die Karte zum Abspeichern:", "Keine
// Lust alleine zu radeln?", "DEN RICHTIGEN FINDEN"): a heading opens what
// follows, and when the extractor kept nothing after it, what it opened
// was a list, a map or a box the page hangs under the article, not text.
// So does a closing line that is one link, short, outside a <nav>
// ("Alkohol beim Angeln – Diskussion im Forum", "Bilder des Treffens"): it
// sends the reader elsewhere; a line of several links is a byline of names
// (Mozilla's videos-2) and a <nav>'s last tab is the page's (nytimes-5),
// which Readability.js keeps. A closing agency signature (rxAgencySignature)
// goes as well. Pictures after it do not count as text. A heading that ends with a full
// stop is a sentence set large, and stays (spiegel.de's closing h4s).
// Only on pages not in English: Readability.js keeps a closing heading on
// Mozilla's English pages. Provenance: excluded passages
// Margin kept on go-trafilatura's comparison set (derpapierplanet.de,
// beige.de, unterwegsinberlin.de, osthessen-news.de; closing links on
// yle.fi, zoll.de, evref.ch, fisch-hitparade.de, omeda.de and one more).
func dropHeadlessEnd(root *html.Node) {
	for {
		blocks := leafBlocks(root)
		i := len(blocks) - 1
		for i >= 0 && collapsedRunes(blocks[i]) == 0 {
			i--
		}
		if i < 1 {
			return
		}
		if b := blocks[i]; collapsedRunes(b) <= agencyMaxRunes && rxAgencySignature.MatchString(collapsedText(b)) {
			b.Parent.RemoveChild(b)
			continue
		}
		h := headingOf(blocks[i], root)
		if h == nil {
			// A closing line that is one link sends the reader elsewhere.
			if b := blocks[i]; collapsedRunes(b) <= headlessEndMaxRunes && !hasImage(b) && linkDense(b) && countLinks(b) == 1 && !inNav(b, root) {
				b.Parent.RemoveChild(b)
				continue
			}
			return
		}
		if collapsedRunes(h) > headlessEndMaxRunes || hasImage(h) || strings.HasSuffix(collapsedText(h), ".") {
			return
		}
		h.Parent.RemoveChild(h)
	}
}

// headingOf returns the heading element n is or sits in, below root.
func headingOf(n, root *html.Node) *html.Node {
	for p := n; p != nil && p != root; p = p.Parent {
		if isHeading(p) {
			return p
		}
	}
	return nil
}

// countLinks counts the <a> elements in n.
func countLinks(n *html.Node) int {
	count := 0
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && c.DataAtom == atom.A {
			count++
		}
		count += countLinks(c)
	}
	return count
}

// inNav reports whether n sits in a <nav> below root.
func inNav(n, root *html.Node) bool {
	for p := n; p != nil && p != root; p = p.Parent {
		if p.DataAtom == atom.Nav {
			return true
		}
	}
	return false
}
