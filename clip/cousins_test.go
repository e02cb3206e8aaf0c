package clip

import (
	"strings"
	"testing"

	"golang.org/x/net/html"
)

func TestAddCousins(t *testing.T) {
	para := func(s string) string {
		return s + strings.Repeat(" and then some more words to make it a paragraph", 2) + "."
	}
	a, b, c := para("First part"), para("Second part"), para("Third part")
	cases := []struct {
		name, page, chosen string // chosen: the element the extractor returned
		want               []string
	}{
		{"wrappers between advertisements",
			`<div id="a"><div class="wrap"><div class="paragraph-text"><p>` + a + `</p></div></div><div class="ad">Ad</div>` +
				`<div class="wrap"><div class="paragraph-text"><p>` + b + `</p></div></div><div class="wrap"><div class="paragraph-text"><p>` + c + `</p></div></div></div>`,
			`<div class="paragraph-text"><p>` + b + `</p></div>`, []string{a, b, c}},
		{"a layout class stays alone",
			`<div id="a"><div class="wrap"><div class="row"><p>` + a + `</p></div></div><div class="wrap"><div class="row"><p>` + b + `</p></div></div></div>`,
			`<div class="row"><p>` + b + `</p></div>`, []string{b}},
		{"far apart on the page",
			`<div><div><div><div><div class="entry-text"><p>` + a + `</p></div></div></div></div></div><div><div><div><div><div class="entry-text"><p>` + b + `</p></div></div></div></div></div>`,
			`<div class="entry-text"><p>` + b + `</p></div>`, []string{b}},
		{"too short to be text",
			`<div><div><div class="entry-text"><p>Photo: Ann</p></div></div><div><div class="entry-text"><p>` + b + `</p></div></div></div>`,
			`<div class="entry-text"><p>` + b + `</p></div>`, []string{b}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			doc, err := html.Parse(strings.NewReader(tc.page))
			if err != nil {
				t.Fatal(err)
			}
			idx := indexClasses(doc)
			// The extractor returns a copy in its page wrapper.
			root := fragment(t, `<div id="readability-page-1">`+tc.chosen+`</div>`)
			addCousins(root, idx)
			var got []string
			for _, b := range leafBlocks(root) {
				got = append(got, collapsedText(b))
			}
			if strings.Join(got, "|") != strings.Join(tc.want, "|") {
				t.Errorf("blocks %q, want %q", got, tc.want)
			}
		})
	}
}
