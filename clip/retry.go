package clip

import (
	"net/url"
	"slices"
	"strings"

	"app.margin/margin/article"

	"codeberg.org/readeck/go-readability/v2"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// A second extraction when the first chose what is no article. Readability
// scores paragraphs by length and commas, so on a page whose article is
// short lines, or sits in markup it reads badly, the block with the most
// sentences wins even when it is a form's messages, the author's card, a
// row of alert boxes or the site's footer, and the article is lost
// entirely. When the content is short and most of it lies in such
// elements, they are removed from the page and the extractor runs again.
// Provenance: go-trafilatura's comparison set, pages whose whole text was
// an author card (div#author-description), a newsletter form in a dialog,
// a comment form, log-in and sign-up forms, a template's footer or a news
// site's hidden alert boxes ("Noticia en Desarrollo", "Alerta de
// Spoiler"): 21 wanted passages came back on 7 pages, three excluded ones
// went and two came. Allowed on longer content (it fired on 7818 and 5001
// code points), it cost 5 wanted passages on 2 pages. The extractor
// returns no such content on Mozilla's test pages, where the rule never
// fires.
var (
	// retryWords are the class and id words of what is no article: forms
	// and their messages, modal boxes, log-in boxes, author cards,
	// footers, alerts, a related-posts list (its teasers outscored a
	// fashion blog's post of short lines: 3 wanted passages back, 2
	// excluded ones gone), a call-to-action banner ("cta": LinkedIn's
	// "To view or add a comment, sign in" was a post's whole text, 2
	// excluded passages gone, no wanted one lost). Not "dialog": Drupal
	// wraps whole pages in div.dialog-off-canvas-main-canvas. Navigation,
	// sidebars, widgets and
	// comments are left out: WordPress and news templates wrap real
	// articles in elements so named (tried on the same set, they cost
	// more than they brought back); so are share, social and banner
	// (3 wanted passages lost on one page, none back).
	retryWords = []string{"author", "footer", "form", "modal", "error", "alert", "login", "signup", "related", "cta"}
)

const (
	// retryMaxRunes is the longest content a second extraction may
	// replace: a long text is an article even in an odd wrapper.
	retryMaxRunes = 3000
	retryMaxTries = 5  // a page may have a form for each of log-in, sign-up and password
	keyHeadRunes  = 20 // the start of an element's text that finds it again
)

// extractAgain runs the extractor again on page while the content it
// returns (ra, from a first run whose error is err) is short and mostly
// one element of retryWords, each time without the elements found so
// far. It keeps the first result when no run finds other content.
func extractAgain(page string, base *url.URL, ra readability.Article, err error) (readability.Article, error) {
	if err != nil {
		return ra, err
	}
	var gone []elementKey
	cur := ra
	for range retryMaxTries {
		if cur.Node == nil || collapsedRunes(cur.Node) >= retryMaxRunes {
			break
		}
		found := retryElements(cur.Node)
		if found == nil {
			if len(gone) > 0 {
				return cur, nil
			}
			break
		}
		for _, b := range found {
			gone = append(gone, keyOf(b))
		}
		var aerr error
		if cur, aerr = extractWithout(page, base, gone, 0); aerr != nil {
			return ra, nil
		}
	}
	if cur.Node != nil && len(gone) > 0 && retryElements(cur.Node) == nil {
		return cur, nil
	}
	return ra, nil
}

// retryElements are the elements of the content named by retryWords
// (or <form>s and <footer>s), the outermost of nested ones, when together
// they hold at least half its text (one form, or a row of alert boxes);
// nil otherwise.
func retryElements(root *html.Node) []*html.Node {
	total := collapsedRunes(root)
	if total == 0 {
		return nil
	}
	var found []*html.Node
	held := 0
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			if c.DataAtom == atom.Form || c.DataAtom == atom.Footer ||
				slices.ContainsFunc(classWords(article.Attr(c, "class")+" "+article.Attr(c, "id")), func(w string) bool { return slices.Contains(retryWords, w) }) {
				if r := collapsedRunes(c); r > 0 {
					found = append(found, c)
					held += r
				}
				continue
			}
			walk(c)
		}
	}
	walk(root)
	if 2*held < total {
		return nil
	}
	return found
}

// elementKey finds an element of the content again in a new parse of the
// page: its tag, id and class, and the start of its text, which the
// element on the page holds. A <div> or <p> may have been another
// element: the extractor turns a <form> it keeps into a division, and a
// division of inline content into a paragraph. The page's text may go on
// otherwise: the extractor removes parts of what it keeps (a form's
// buttons).
type elementKey struct{ tag, id, class, head string }

func keyOf(n *html.Node) elementKey {
	return elementKey{n.Data, article.Attr(n, "id"), article.Attr(n, "class"), headRunes(collapsedText(n), keyHeadRunes)}
}

func (k elementKey) matches(n *html.Node) bool {
	return (k.tag == "div" || k.tag == "p" || n.Data == k.tag) && article.Attr(n, "id") == k.id && article.Attr(n, "class") == k.class &&
		strings.Contains(collapsedText(n), k.head)
}

// extractWithout runs the extractor on a new parse of page, prepared as
// Parse prepares it, without the elements keys find (the first run moved
// and changed the elements of the tree it read). When the page left holds
// less than needProse runes of prose (proseRunes), no answer can hold
// that much, and the extractor does not run: the answer is empty.
func extractWithout(page string, base *url.URL, keys []elementKey, needProse int) (readability.Article, error) {
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		return readability.Article{}, err
	}
	prepareForExtractor(doc)
	removeKeyed(doc, keys)
	if needProse > 0 && proseRunes(doc) < needProse {
		return readability.Article{}, nil
	}
	return extract(doc, base)
}

// removeKeyed removes the elements keys find, for each key the innermost
// of nested ones (an element without id or class is found in every such
// wrapper around it).
func removeKeyed(root *html.Node, keys []elementKey) {
	for _, k := range keys {
		var doomed []*html.Node
		var walk func(*html.Node) bool
		walk = func(n *html.Node) bool {
			found := false
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				if c.Type != html.ElementNode {
					continue
				}
				if walk(c) {
					found = true
				} else if k.matches(c) {
					doomed = append(doomed, c)
					found = true
				}
			}
			return found
		}
		walk(root)
		for _, n := range doomed {
			n.Parent.RemoveChild(n)
		}
	}
}
