package clip

import (
	"strings"

	"app.margin/margin/article"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// captionBoxWords are class words that name a picture's caption box
// or its credit ("wp-caption-text", "media__caption", "bildunterschrift",
// "dida", "imagedescription", "credit"); a word that holds "caption"
// counts too.
var captionBoxWords = map[string]bool{"legend": true, "bildunterschrift": true, "dida": true, "imagedescription": true, "credit": true, "credits": true}

// dropCaptionBoxes removes the elements whose class names a picture's
// caption, when they hold no picture themselves: the caption boxes a CMS
// prints beside a picture ("Foto: X", "Das Hermelin ist im Winter …
// (mlharing / iStock.com)"), a <figcaption class="wp-caption-text">
// among them. A plain <figcaption> stays, with what it holds. Provenance:
// go-trafilatura's comparison set excludes captions from the text; on its
// pages not in English Margin kept 35 such captions and credits on 27 pages
// (wp-caption-text, media__caption, figure-caption, legend, dida,
// imageDescription). Parse asks for it on pages not in English, and the
// plain <figcaption> stays, because Readability.js keeps captions on
// Mozilla's pages: English caption boxes on 15 of them (bbc-1, wapo-1,
// wikipedia …) and plain <figcaption>s, with a p.caption or span.caption
// inside, on heise, nytimes-5 and cnet-svg-classes.
func dropCaptionBoxes(root *html.Node) {
	var doomed []*html.Node
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			if captionClass(article.Attr(c, "class")) && !hasImage(c) {
				doomed = append(doomed, c)
				continue
			}
			if c.DataAtom != atom.Figcaption {
				walk(c)
			}
		}
	}
	walk(root)
	for _, n := range doomed {
		n.Parent.RemoveChild(n)
	}
}

// captionClass reports a class attribute that names a caption box; a
// class that says a box has or lacks one ("has-caption", "no_caption")
// does not.
func captionClass(cls string) bool {
	words := classWords(cls)
	for i, w := range words {
		if i > 0 && (words[i-1] == "has" || words[i-1] == "no" || words[i-1] == "with" || words[i-1] == "without") {
			continue
		}
		if captionBoxWords[w] || strings.Contains(w, "caption") {
			return true
		}
	}
	return false
}
