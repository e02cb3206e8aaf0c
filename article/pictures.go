package article

import (
	"app.margin/margin/internal/text"

	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// PicturesOf lists the pictures of sanitized content (Article.ContentHTML)
// in reading order, each with its alt text and, inside a <figure>, its
// caption; then the lead image when the content does not show it. Each
// address appears once. Nothing in the list is stored yet: it says what a
// clip fetches and what an article without stored pictures is missing.
func PicturesOf(contentHTML, leadURL string) []Picture {
	body := &html.Node{Type: html.ElementNode, Data: "body", DataAtom: atom.Body}
	nodes, _ := html.ParseFragment(strings.NewReader(contentHTML), body)
	var pics []Picture
	seen := map[string]bool{}
	add := func(p Picture) {
		if p.URL == "" || seen[p.URL] {
			return
		}
		seen[p.URL] = true
		pics = append(pics, p)
	}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && n.DataAtom == atom.Img {
			add(Picture{URL: Attr(n, "src"), Alt: oneLine(Attr(n, "alt")), Caption: figureCaption(n)})
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	for _, n := range nodes {
		walk(n)
	}
	add(Picture{URL: leadURL, Lead: true})
	return pics
}

// figureCaption is the text of the <figcaption> of the <figure> holding img.
func figureCaption(img *html.Node) string {
	for p := img.Parent; p != nil; p = p.Parent {
		if p.Type != html.ElementNode || p.DataAtom != atom.Figure {
			continue
		}
		for c := p.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.ElementNode && c.DataAtom == atom.Figcaption {
				return oneLine(nodeText(c))
			}
		}
		return ""
	}
	return ""
}

func nodeText(n *html.Node) string {
	if n.Type == html.TextNode {
		return n.Data
	}
	var b strings.Builder
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		b.WriteString(nodeText(c))
	}
	return b.String()
}

func oneLine(s string) string { return text.CollapseSpace(text.Clean(s)) }
