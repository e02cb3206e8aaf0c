package clip

import (
	"slices"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// captionMinRunes is the shortest caption whose repetition is dropped: a
// short one ("Photograph: AP") may well be said twice on purpose.
const captionMinRunes = 20

// dropRepeatedCaptions removes text blocks that repeat a picture's caption
// outside its <figure>: the Guardian's photo essays print each caption again
// as a bulleted list item in the body (issue 13; guardian/editions#1581),
// which came out twice. The repeat may leave off the credit the caption
// ends with ("… Photograph: Jane Doe/The Guardian"). The <figcaption> is
// kept, as it sits beside its picture.
func dropRepeatedCaptions(root *html.Node) {
	var captions []string
	var collect func(*html.Node)
	collect = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			if c.DataAtom == atom.Figcaption {
				if t := collapsedText(c); utf8.RuneCountInString(t) >= captionMinRunes {
					captions = append(captions, t)
				}
				continue
			}
			collect(c)
		}
	}
	collect(root)
	if len(captions) == 0 {
		return
	}
	var doomed []*html.Node
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode || c.DataAtom == atom.Figure || c.DataAtom == atom.Figcaption {
				continue
			}
			// A repeat beside a picture of its own is that picture's
			// caption, kept.
			if repeatBlock[c.DataAtom] && !hasImage(c) && !holds(c, atom.Figcaption) && !besidePicture(c) && repeatsCaption(collapsedText(c), captions) {
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

// repeatsCaption reports whether t is one of captions, or one without the
// credit after it: t ends a sentence and a short rest follows.
func repeatsCaption(t string, captions []string) bool {
	if utf8.RuneCountInString(t) < captionMinRunes {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(t)
	for _, c := range captions {
		rest, ok := strings.CutPrefix(c, t)
		if ok && (rest == "" || strings.ContainsRune(".!?。！？", last) && strings.HasPrefix(rest, " ") && utf8.RuneCountInString(rest) <= creditMaxRunes) {
			return true
		}
	}
	return false
}

// creditMaxRunes is the longest credit a caption ends with ("Photograph:
// Jane Doe/The Guardian").
const creditMaxRunes = 80

// repeatBlock are the elements a repeated caption is printed in.
var repeatBlock = map[atom.Atom]bool{
	atom.Li: true, atom.P: true, atom.Div: true, atom.Span: true, atom.Dd: true, atom.Dt: true,
}

// holds reports whether n has an element of one of the kinds as inside it.
func holds(n *html.Node, as ...atom.Atom) bool {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && (slices.Contains(as, c.DataAtom) || holds(c, as...)) {
			return true
		}
	}
	return false
}

// besidePicture reports whether one of n's siblings is a picture.
func besidePicture(n *html.Node) bool {
	for s := n.Parent.FirstChild; s != nil; s = s.NextSibling {
		if s.Type == html.ElementNode && (s.DataAtom == atom.Img || s.DataAtom == atom.Picture) {
			return true
		}
	}
	return false
}
