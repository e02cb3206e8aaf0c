package clip

import (
	"errors"
	"net/url"
	"strings"
	"testing"

	"codeberg.org/readeck/go-readability/v2"
	"golang.org/x/net/html"
)

func TestRetryElements(t *testing.T) {
	cases := []struct {
		name, content, want string // want: the found element's tag, "" for none
	}{
		{"author card", `<div id="author-description"><h2>About Ann</h2><p>Ann writes about trains and the people who run them.</p></div>`, "div"},
		{"form messages", `<div class="form lazyload"><p class="error-item">Please enter an address.</p><p>The password is too short.</p></div>`, "div"},
		{"a form", `<form><p>Your e-mail address</p><p>First name</p></form>`, "form"},
		{"a footer", `<footer><p>Imprint</p><p>Privacy</p></footer>`, "footer"},
		{"an article", `<div class="entry-content"><p>The council met on Monday and voted to close the old bridge.</p></div>`, ""},
		{"a small author line under an article", `<div class="entry-content"><p>The council met on Monday and voted to close the old bridge for a year.</p></div><div class="author">Ann</div>`, ""},
		{"a related-posts list", `<div id="related_posts"><ul><li><p>Earrings for summer: our ten favourite pairs this year.</p></li></ul></div>`, "div"},
		{"a row of alert boxes", `<div class="post-content"><div class="alert-spoiler"><p>Spoiler</p><p>This article may tell the plot.</p></div><div class="alert-images"><p>Warning</p><p>The pictures may hurt.</p></div></div>`, "div div"},
		{"a call-to-action banner", `<p class="feed-cta-banner__text"><span>To view or add a comment, sign in</span></p>`, "p"},
		{"a widget holds articles too", `<div class="widget"><p>The council met on Monday and voted to close the old bridge.</p></div>`, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			root := fragment(t, tc.content)
			var tags []string
			for _, n := range retryElements(root) {
				tags = append(tags, n.Data)
			}
			got := strings.Join(tags, " ")
			if got != tc.want {
				t.Errorf("element %q, want %q", got, tc.want)
			}
		})
	}
}

func TestRemoveKeyed(t *testing.T) {
	cases := []struct {
		name, page, key, want string // key: an element of the extracted content
	}{
		{"a form the extractor made a division", `<form class="login"><p>E-mail address</p></form><p>Text.</p>`,
			`<div class="login"><p>E-mail address</p></div>`, "Text."},
		{"a division the extractor made a paragraph", `<div class="footer_sky">Gelbe Liste is a service of ours.</div><p>Text.</p>`,
			`<p class="footer_sky">Gelbe Liste is a service of ours.</p>`, "Text."},
		{"the innermost of wrappers without names", `<div><div><form><p>Your e-mail address, please</p></form></div><p>Text.</p></div>`,
			`<form><p>Your e-mail address, please</p></form>`, "Text."},
		{"text the extractor cut after its start", `<div class="b-login">Mein ZDF – Login <button>Close</button> Mit ZDF-Konto</div><p>Text.</p>`,
			`<div class="b-login">Mein ZDF – Login Mit ZDF-Konto</div>`, "Text."},
		{"another element of the same class stays", `<div class="box">Weather today: sun</div><div class="box">Text.</div>`,
			`<div class="box">Weather today: sun</div>`, "Text."},
		{"a paragraph is no form", `<p>Your e-mail address, please</p>`,
			`<form><p>Your e-mail address, please</p></form>`, "Your e-mail address, please"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			doc, err := html.Parse(strings.NewReader(tc.page))
			if err != nil {
				t.Fatal(err)
			}
			removeKeyed(doc, []elementKey{keyOf(firstElementChild(fragment(t, tc.key)))})
			if got := collapsedText(doc); got != tc.want {
				t.Errorf("text %q, want %q", got, tc.want)
			}
		})
	}
}

// TestExtractAgain runs the extractor on a page whose longest sentences
// are an author card beside a blog post of short lines: the second run
// finds the post; a page whose first run finds the article keeps it.
func TestExtractAgain(t *testing.T) {
	post := `<div class="post"><h1>Winter</h1><p>M: Who slips next?</p><p>K: Not me.</p><p>M: Are you sure?</p><p>K: Quite sure.</p><p>M: Look out, ice!</p></div>`
	card := `<div id="author-info"><div id="author-description"><h2>About Ann</h2><p>Ann studied engineering, works on learning organisations, knowledge management, new work and lifelong learning, and is a member of several networks, clubs and circles.</p></div></div>`
	article := `<article><p>The council met on Monday, after a long winter, and voted, after hours of debate, to close the old bridge for repairs that will take a year.</p><p>Traffic will go through the town centre, the mayor said, until the work is done.</p></article>`
	cases := []struct {
		name, page, want, notWant string
	}{
		{"author card chosen first", `<html><body>` + post + card + `</body></html>`, "Who slips next?", "Ann studied"},
		{"article chosen first", `<html><body>` + article + card + `</body></html>`, "The council met", ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) { checkSecondRun(t, tc.page, tc.want, tc.notWant, extractAgain) })
	}
}

// TestExtractAgainKeepsError checks a first run's error reaches Parse.
func TestExtractAgainKeepsError(t *testing.T) {
	first := errors.New("documents too large")
	if _, err := extractAgain(`<p>Text.</p>`, nil, readability.Article{}, first); !errors.Is(err, first) {
		t.Errorf("error %v, want %v", err, first)
	}
}

// fragment parses content into a <div> standing for the extractor's
// content.
func fragment(t *testing.T, content string) *html.Node {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(`<html><body><div id="root">` + content + `</div></body></html>`))
	if err != nil {
		t.Fatal(err)
	}
	var root *html.Node
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil && root == nil; c = c.NextSibling {
			if c.Type == html.ElementNode && c.Data == "div" && len(c.Attr) > 0 && c.Attr[0].Val == "root" {
				root = c
				return
			}
			walk(c)
		}
	}
	walk(doc)
	return root
}

// checkSecondRun parses page once, checks the first run keeps notWant (the
// case is about that choice), and that run then gives a text holding want
// and not notWant.
func checkSecondRun(t *testing.T, page, want, notWant string, run func(string, *url.URL, readability.Article, error) (readability.Article, error)) {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	ra, err := extract(doc, nil)
	if err != nil || ra.Node == nil {
		t.Fatalf("ParseAndMutate: %v", err)
	}
	if first := collapsedText(ra.Node); notWant != "" && !strings.Contains(first, notWant) {
		t.Fatalf("first run %q does not hold %q", first, notWant)
	}
	ra, err = run(page, nil, ra, err)
	if err != nil || ra.Node == nil {
		t.Fatalf("second run: %v", err)
	}
	got := collapsedText(ra.Node)
	if !strings.Contains(got, want) {
		t.Errorf("text %q lacks %q", got, want)
	}
	if notWant != "" && strings.Contains(got, notWant) {
		t.Errorf("text %q holds %q", got, notWant)
	}
}
