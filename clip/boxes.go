package clip

import (
	"regexp"
	"unicode/utf8"

	"app.margin/margin/article"
	"app.margin/margin/internal/text"

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
	rxBoxClass = regexp.MustCompile(`(?i)(?:^|[-_\s])(related|relacionad\w*|verwandt\w*|empfehlung\w*|polecan\w*|social|sharing|share|tags|tag-list|kommentar\w*|comentarios|subscribe|postmetadata|entry-meta|entry-utility|post-meta|footer|credits|copyright|advert\w*|anzeige|werbung|factbox|disclaimer)(?:$|[-_\s])`)
	// rxTailBoxClass names boxes that are boilerplate only after the
	// article's last paragraph: inside the text a teaser, an info box or a
	// promotion is often the article's own (CityLab's newsletter box on
	// Mozilla's pages sits between paragraphs and stays there).
	rxTailBoxClass = regexp.MustCompile(`(?i)(?:^|[-_\s])(teaser\w*|notice|infobox|newsletter|promo|ratings?)(?:$|[-_\s])`)
)

// boxMaxShare is the largest share of the text a box removed by its class
// may hold: a wrapper whose class happens to say "footer" around the
// whole article is no box.
const boxMaxShare = 0.2

// removeBoxes deletes the boxes whose class or id names them boilerplate
// (rxBoxClass anywhere, rxTailBoxClass after the last paragraph of prose).
func removeBoxes(root *html.Node) {
	total := utf8.RuneCountInString(text.CollapseSpace(textOf(root)))
	var lastProse *html.Node
	for _, b := range leafBlocks(root) {
		if isProse(text.CollapseSpace(textOf(b))) {
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
			if rxBoxClass.MatchString(cls) || pastProse && rxTailBoxClass.MatchString(cls) {
				runes := utf8.RuneCountInString(text.CollapseSpace(textOf(c)))
				if runes > 0 && float64(runes) <= boxMaxShare*float64(total) {
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
