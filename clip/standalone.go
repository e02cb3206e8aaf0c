package clip

import (
	"strings"

	"golang.org/x/net/html"
)

// standsAlone reports an inline element that is a line of its own among
// blocks: its parent holds blocks, and it has no text or inline element
// beside it before the next block on either side ("<article><time>
// Publiziert: 03.04.2020</time><p>…"), so it reads as a block.
func standsAlone(n *html.Node) bool {
	if n.Parent == nil {
		return false
	}
	lone := func(next func(*html.Node) *html.Node) bool {
		for s := next(n); s != nil; s = next(s) {
			switch {
			case s.Type == html.TextNode && strings.TrimSpace(s.Data) == "", s.Type == html.CommentNode:
				continue
			case s.Type == html.ElementNode && !inlineElement[s.DataAtom]:
				return true
			default:
				return false
			}
		}
		return true
	}
	// The siblings first: inside a paragraph text stands right beside.
	return lone(func(s *html.Node) *html.Node { return s.PrevSibling }) && lone(func(s *html.Node) *html.Node { return s.NextSibling }) && hasBlockChild(n.Parent)
}
