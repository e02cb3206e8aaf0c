package clip

import (
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// TestRemoveBoxes: a box whose class names it boilerplate goes; a tail
// box only after the article's last paragraph; a box that holds much of
// the text, and words Readability.js keeps as text, stay.
func TestRemoveBoxes(t *testing.T) {
	tests := []struct {
		name, in string
		gone     bool
	}{
		{"related links", dePara + dePara + `<div class="verwandte-artikel"><a href="/a">BOX Neue Buslinie</a></div>` + dePara, true},
		{"post metadata", dePara + dePara + dePara + `<p class="postmetadata alt">BOX Der Beitrag wurde am Mittwoch veröffentlicht.</p>`, true},
		{"a disclaimer by its id", dePara + dePara + dePara + `<div id="editorial-disclaimer">BOX Advertising disclosure.</div>`, true},
		{"a teaser after the text", dePara + dePara + dePara + `<div class="teaser__content">BOX So kommt die Bahn</div>`, true},
		{"a teaser inside the text stays", dePara + `<div class="teaser">BOX Die Linie im Überblick</div>` + dePara + dePara, false},
		{"a newsletter box inside the text stays", dePara + `<div class="newsletter">BOX Keep up with our newsletter.</div>` + dePara + dePara, false},
		{"an author card stays", dePara + dePara + dePara + `<div class="author-box">BOX About the author</div>`, false},
		{"a footer holding most of the text stays", `<div class="article-footer">BOX` + dePara + dePara + `</div>` + dePara, false},
		{"a word inside another word is no token", dePara + dePara + dePara + `<div class="shared-content">BOX Die Linie</div>`, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out := cleaned(t, tc.in, func(n *html.Node) { removeBoxes(n, readBlocks(n)) })
			if gone := !strings.Contains(out, "BOX"); gone != tc.gone {
				t.Errorf("gone %v, want %v: %s", gone, tc.gone, out)
			}
		})
	}
}
