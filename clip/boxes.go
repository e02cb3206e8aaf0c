package clip

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"app.margin/margin/article"

	"golang.org/x/net/html"
)

// Class and id tokens of boxes a page puts in or under an article. The
// extractor keeps the classes of what it returns, and these words name
// what the box is: related links, sharing, tags, post metadata, footers,
// copyright and disclaimer notes, advertising. Provenance: the excluded
// passages Margin kept on go-trafilatura's comparison set, most of them
// German ("verwandte-artikel", "postmetadata", "entry-utility",
// "post-ratings", "editorial-disclaimer", "teaser"), with trafilatura's
// own discard vocabulary (its content-discard-overall rules) as the
// source of the words. Words left out because Readability.js keeps such
// boxes as article text on Mozilla's test pages: author, byline (author
// cards and bylines), breadcrumb, navigation, comment ("Reply" links),
// caption, meta.
var (
	boxWords = map[string]bool{
		"related": true, "social": true, "sharing": true, "share": true, "tags": true, "comentarios": true,
		"subscribe": true, "postmetadata": true, "footer": true, "credits": true, "copyright": true,
		"anzeige": true, "werbung": true, "factbox": true, "disclaimer": true,
		"tag-list": true, "entry-meta": true, "entry-utility": true, "post-meta": true,
	}
	// boxStems are words that name a box with any ending
	// ("relacionadas", "verwandte", "empfehlungen", "polecane").
	boxStems = []string{"relacionad", "verwandt", "empfehlung", "polecan", "kommentar", "advert"}
	// tailBoxWords name boxes that are boilerplate only after the
	// article's last paragraph: inside the text a teaser, an info box or a
	// promotion is often the article's own (CityLab's newsletter box on
	// Mozilla's pages sits between paragraphs and stays there).
	tailBoxWords = map[string]bool{"notice": true, "infobox": true, "newsletter": true, "promo": true, "rating": true, "ratings": true}
	tailBoxStems = []string{"teaser"}
)

// boxClass reports whether a class and id attribute name a boilerplate
// box; tail admits the words that do so only after the text.
func boxClass(cls string, tail bool) bool {
	words := classWords(cls)
	has := func(set map[string]bool, stems []string, w string) bool {
		if set[w] {
			return true
		}
		for _, s := range stems {
			if strings.HasPrefix(w, s) {
				return true
			}
		}
		return false
	}
	for i, w := range words {
		if has(boxWords, boxStems, w) || tail && has(tailBoxWords, tailBoxStems, w) {
			return true
		}
		if i+1 < len(words) && boxWords[w+"-"+words[i+1]] {
			return true
		}
	}
	return false
}

// boxMaxShare is the largest share of the text a box removed by its class
// may hold: a wrapper whose class happens to say "footer" around the
// whole article is no box.
const boxMaxShare = 0.2

// removeBoxes deletes the boxes whose class or id names them boilerplate
// (boxWords anywhere, tailBoxWords after the last paragraph of prose). tb
// are the content's blocks, some of which a rule before may have removed.
// With bios, an author's box that holds prose (a biography, not a byline
// of names) goes too. Provenance: German author bios kept as text on five
// comparison pages ("Hallo, ich bin Foodbloggerin …", "studierte
// Sportwissenschaften, bevor …"). Parse asks for it on pages not in
// English: Readability.js keeps English "About the author" boxes on
// Mozilla's pages (CityLab, IAB), and a French byline box of names
// (Libération) is no biography.
func removeBoxes(root *html.Node, tb textBlocks, bios bool) {
	total := 0
	var lastProse *html.Node
	for i, b := range tb.nodes {
		if b.Parent == nil {
			continue
		}
		total += tb.runes[i]
		if tb.prose(i) {
			lastProse = b
		}
	}
	var doomed []*html.Node
	pastProse := lastProse == nil
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			cls := article.Attr(c, "class") + " " + article.Attr(c, "id")
			box := cls != " " && boxClass(cls, pastProse)
			if bio := !box && bios && cls != " " && authorClass(cls); box || bio {
				t := collapsedText(c)
				runes := utf8.RuneCountInString(t)
				if runes > 0 && float64(runes) <= boxMaxShare*float64(total) && (box || isProse(t)) {
					doomed = append(doomed, c)
					continue
				}
			}
			walk(c)
			if c == lastProse {
				pastProse = true
			}
		}
	}
	walk(root)
	for _, n := range doomed {
		n.Parent.RemoveChild(n)
	}
}

// dropClasses removes the class attributes the extractor kept for
// removeBoxes, once the rules have read them: the sanitizer drops them
// anyway, and rendering them first cost Parse 3% more allocation.
func dropClasses(n *html.Node) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode {
			continue
		}
		kept := c.Attr[:0]
		for _, a := range c.Attr {
			if a.Key != "class" || a.Namespace != "" {
				kept = append(kept, a)
			}
		}
		c.Attr = kept
		dropClasses(c)
	}
}

// classWords are the lower-case words of a class and id attribute, split
// at white space, hyphens and underscores.
func classWords(cls string) []string {
	return strings.FieldsFunc(strings.ToLower(cls), func(r rune) bool {
		return r == '-' || r == '_' || unicode.IsSpace(r)
	})
}

// authorClass reports a class or id naming an author's box ("author-bio",
// "post-author__bio", "authorbox").
func authorClass(cls string) bool {
	for _, w := range classWords(cls) {
		if strings.HasPrefix(w, "author") {
			return true
		}
	}
	return false
}
