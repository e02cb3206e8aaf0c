package clip

import (
	"strings"

	"app.margin/margin/article"

	"golang.org/x/net/html"
)

// An article split into several blocks of the same class. Content systems
// wrap each of an article's paragraphs, or each run of paragraphs between
// two advertisements, pictures or boxes, in an element of one class
// (div.paragraph-text, div.rtf-content-wrapper, div.entry-text,
// div.c-article-section__content). Readability chooses one of them and
// adds only its siblings, so when the wrappers sit in wrappers of their
// own the rest of the article is lost. When the content is one element
// whose class names text, the page's other elements of that exact class
// near it (sharing a parent, grandparent or great-grandparent) join it in
// page order. Provenance: go-trafilatura's comparison set, where 17 wanted
// passages came back on 10 pages and 5 excluded ones came (other posts on
// a blog's list page, two captions, a picture credit); joining by layout
// classes too ("row", "grid", "block", "module", "floatFix") brought 6
// more wanted passages and 9 more excluded ones, and changed Mozilla's
// la-nacion; joining elements far apart in the page brought 11 more
// excluded ones. Mozilla's pages are unchanged.

// cousinLevels is how many ancestors of two elements are compared.
const cousinLevels = 3

// cousinMinRunes is the least text an element that joins holds: less is
// a label or a caption.
const cousinMinRunes = 80

// cousinWords are the words of a class that holds an article's text.
var cousinWords = []string{"text", "content", "story", "entry", "article", "paragraph", "rich", "rtf", "body", "post", "message", "section"}

// classed is an element of the page with its nearest ancestors, read
// before the extractor moves it.
type classed struct {
	node *html.Node
	anc  [cousinLevels]*html.Node // parent, grandparent, great-grandparent
}

// classIndex holds, from before extraction, the page's elements by class
// attribute (those textClass names), in page order.
type classIndex map[string][]classed

func indexClasses(doc *html.Node) classIndex {
	idx := classIndex{}
	var stack []*html.Node
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		stack = append(stack, n)
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode || article.NeverText(c.DataAtom) {
				continue
			}
			// Only the classes addCousins reads are kept.
			if cls := article.Attr(c, "class"); cls != "" && textClass(cls) {
				e := classed{node: c}
				for i := 0; i < cousinLevels && i < len(stack); i++ {
					e.anc[i] = stack[len(stack)-1-i]
				}
				idx[cls] = append(idx[cls], e)
			}
			walk(c)
		}
		stack = stack[:len(stack)-1]
	}
	walk(doc)
	return idx
}

// addCousins adds to the content (root, the extractor's result) the
// page's other elements of the class of the content's only block, near it
// and holding text (see above).
func addCousins(root *html.Node, idx classIndex) {
	page := root
	if article.Attr(page, "id") != "readability-page-1" {
		page = firstElementChild(root)
	}
	if page == nil {
		return
	}
	top := firstElementChild(page)
	if top == nil || nextElement(top) != nil {
		return
	}
	// idx holds only the classes textClass names.
	same := idx[article.Attr(top, "class")]
	if len(same) < 2 {
		return
	}
	// The extractor may return a copy of the page's element: its text
	// finds it.
	at := -1
	head := headRunes(collapsedText(top), 40)
	for i, e := range same {
		if e.node == top || head != "" && strings.Contains(collapsedText(e.node), head) {
			at = i
			break
		}
	}
	if at < 0 {
		return
	}
	for i, e := range same {
		n := e.node
		if i == at || n.Parent == nil || inside(n, top) || inside(top, n) || !e.near(same[at]) {
			continue
		}
		if collapsedRunes(n) < cousinMinRunes || linkDense(n) {
			continue
		}
		n.Parent.RemoveChild(n)
		if i < at {
			page.InsertBefore(n, top)
		} else {
			page.AppendChild(n)
		}
	}
}

// near reports two elements that share one of their nearest ancestors.
func (e classed) near(o classed) bool {
	for _, a := range e.anc {
		for _, b := range o.anc {
			if a != nil && a == b {
				return true
			}
		}
	}
	return false
}

// textClass reports a class attribute with a word of cousinWords.
func textClass(cls string) bool {
	for _, c := range cousinWords {
		// (No word of cousinWords spans a separator, so the class as a
		// whole holds one where one of its words does.)
		if containsFold(cls, c) {
			return true
		}
	}
	return false
}

func firstElementChild(n *html.Node) *html.Node {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode {
			return c
		}
	}
	return nil
}
