package clip

import (
	"strings"
	"testing"

	"golang.org/x/net/html"
)

func TestDropRepeatedCaptions(t *testing.T) {
	const caption = "Students march through the city centre on Monday."
	fig := `<figure><img src="a.jpg"/><figcaption>` + caption + `</figcaption></figure>`
	tests := []struct {
		name, in, want string
	}{
		{"a list item repeating the caption goes", fig + `<p>Text.</p><ul><li>` + caption + `</li></ul>`,
			fig + `<p>Text.</p><ul></ul>`},
		{"white space does not matter", fig + `<p>  Students march through the city   centre on Monday. </p>`, fig},
		{"a paragraph quoting part of it stays", fig + `<p>` + caption + ` Police were there.</p>`,
			fig + `<p>` + caption + ` Police were there.</p>`},
		{"the repeat leaves off the caption's credit (the Guardian)", `<figure><img src="a.jpg"/><figcaption>` + caption + ` Photograph: Jane Doe/The Guardian</figcaption></figure><ul><li>` + caption + `</li></ul>`,
			`<figure><img src="a.jpg"/><figcaption>` + caption + ` Photograph: Jane Doe/The Guardian</figcaption></figure><ul></ul>`},
		{"a caption's first words are no repeat", fig + `<p>Students march through the</p>`, fig + `<p>Students march through the</p>`},
		{"a short caption may be said twice", `<figure><img src="a.jpg"/><figcaption>Photograph: AP</figcaption></figure><p>Photograph: AP</p>`,
			`<figure><img src="a.jpg"/><figcaption>Photograph: AP</figcaption></figure><p>Photograph: AP</p>`},
		{"a figure without a picture is kept whole", `<div><figure><figcaption>` + caption + `</figcaption></figure></div>`,
			`<div><figure><figcaption>` + caption + `</figcaption></figure></div>`},
		{"a second picture with the same caption stays", fig + `<div><img src="b.jpg"/><span>` + caption + `</span></div>`,
			fig + `<div><img src="b.jpg"/><span>` + caption + `</span></div>`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			root := parseFragment(t, tc.in)
			dropRepeatedCaptions(root)
			if got := renderChildren(t, root); got != tc.want {
				t.Errorf("got  %s\nwant %s", got, tc.want)
			}
		})
	}
}

// parseFragment parses s as the children of a <div>, which it returns.
func parseFragment(t *testing.T, s string) *html.Node {
	t.Helper()
	doc, err := html.Parse(strings.NewReader("<div id=root>" + s + "</div>"))
	if err != nil {
		t.Fatal(err)
	}
	var root *html.Node
	var find func(*html.Node)
	find = func(n *html.Node) {
		for c := n.FirstChild; c != nil && root == nil; c = c.NextSibling {
			if c.Type == html.ElementNode && len(c.Attr) > 0 && c.Attr[0].Val == "root" {
				root = c
				return
			}
			find(c)
		}
	}
	find(doc)
	return root
}

func renderChildren(t *testing.T, n *html.Node) string {
	t.Helper()
	var b strings.Builder
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if err := html.Render(&b, c); err != nil {
			t.Fatal(err)
		}
	}
	return b.String()
}
