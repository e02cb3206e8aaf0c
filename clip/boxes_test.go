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
		bios     bool
		gone     bool
	}{
		{"related links", dePara + dePara + `<div class="verwandte-artikel"><a href="/a">BOX Neue Buslinie</a></div>` + dePara, false, true},
		{"post metadata", dePara + dePara + dePara + `<p class="postmetadata alt">BOX Der Beitrag wurde am Mittwoch veröffentlicht.</p>`, false, true},
		{"a disclaimer by its id", dePara + dePara + dePara + `<div id="editorial-disclaimer">BOX Advertising disclosure.</div>`, false, true},
		{"a teaser after the text", dePara + dePara + dePara + `<div class="teaser__content">BOX So kommt die Bahn</div>`, false, true},
		{"a teaser inside the text stays", dePara + `<div class="teaser">BOX Die Linie im Überblick</div>` + dePara + dePara, false, false},
		{"a newsletter box inside the text stays", dePara + `<div class="newsletter">BOX Keep up with our newsletter.</div>` + dePara + dePara, false, false},
		{"an author card stays", dePara + dePara + dePara + `<div class="author-box">BOX About the author</div>`, false, false},
		{"a footer holding most of the text stays", `<div class="article-footer">BOX` + dePara + dePara + `</div>` + dePara, false, false},
		{"an author's biography when asked", dePara + dePara + dePara + `<div class="post-author__bio"><p>BOX Sie studierte Sportwissenschaften, bevor sie Redakteurin wurde. Sie schreibt über Triathlon.</p></div>`, true, true},
		{"an author's biography when not asked stays", dePara + dePara + dePara + `<div class="author-bio"><p>BOX Sie studierte Sportwissenschaften, bevor sie Redakteurin wurde. Sie schreibt über Triathlon.</p></div>`, false, false},
		{"a byline of names stays", dePara + dePara + dePara + `<div class="authors">BOX Alexandre Hervaud , Jérémy Piette</div>`, true, false},
		{"a word inside another word is no token", dePara + dePara + dePara + `<div class="shared-content">BOX Die Linie</div>`, false, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out := cleaned(t, tc.in, func(n *html.Node) { removeBoxes(n, readBlocks(n), tc.bios) })
			if gone := !strings.Contains(out, "BOX"); gone != tc.gone {
				t.Errorf("gone %v, want %v: %s", gone, tc.gone, out)
			}
		})
	}
}
