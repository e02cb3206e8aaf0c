package export

import (
	"strings"
	"testing"

	"app.margin/margin/article"
	"app.margin/margin/storage"
)

// TestFullExportEscapesNotesSyntax: page text in a --full export reaches the
// vault as text: none of Obsidian's or Logseq's syntax on top of CommonMark
// stays live, while text that only looks close to it (C#, page#x, $5, 2^10,
// a single = or %) and code are left as they are.
func TestFullExportEscapesNotesSyntax(t *testing.T) {
	tests := []struct {
		name, html, want string
	}{
		{"comment", "<p>A %%hidden comment%% here</p>", `A \%%hidden comment\%% here`},
		{"mark", "<p>a ==marked== word</p>", `a \==marked\== word`},
		{"embed", "<p>{{embed page}}</p>", `\{{embed page}}`},
		{"block ref", "<p>((block-ref))</p>", `\((block-ref))`},
		{"math block", "<p>$$x^2$$</p>", `\$\$x^2\$\$`},
		{"inline math", "<p>from $5 to $10</p>", `from \$5 to \$10`},
		{"lone dollar", "<p>costs $5</p>", `costs $5`},
		{"tag", "<p>#tag and (#3)</p>", `\#tag and (\#3)`},
		{"tag mid-line", "<p>see #vault/tag</p>", `see \#vault/tag`},
		{"not tags", "<p>C# and page#x and a/#b</p>", `C# and page#x and a/#b`},
		{"block id", "<p>end of para ^block1</p>", `end of para \^block1`},
		{"caret in a word", "<p>x^2 and 2^10</p>", `x^2 and 2^10`},
		{"wikilink", "<p>[[Wiki link]] and ![[embed.png]]</p>", `\[\[Wiki link]] and !\[\[embed.png]]`},
		{"single", "<p>a = b, 5% off, {x}, (y)</p>", `a = b, 5% off, {x}, (y)`},
		{"heading", "<h2>Heading #tag ==x==</h2>", `## Heading \#tag \==x\==`},
		{"link text", `<p><a href="https://example.com/a">%%x%% #t</a></p>`, `[\%%x\%% \#t](https://example.com/a)`},
		{"code", "<pre><code>%%code%% #notatag</code></pre>", "```\n%%code%% #notatag\n```"},
		{"inline code", "<p><code>==x==</code></p>", "`==x==`"},
		{"chinese", "<p>话题#标签 和 #标签</p>", `话题\#标签 和 \#标签`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a := &storage.Article{ID: 1, Article: article.Article{Title: "T", ContentHTML: tc.html}}
			b, err := ArticleMarkdown(a, nil, Options{Full: true})
			if err != nil {
				t.Fatal(err)
			}
			_, body, ok := strings.Cut(string(b), "## Article\n\n")
			if !ok {
				t.Fatalf("no ## Article section:\n%s", b)
			}
			if got := strings.TrimSuffix(body, "\n"); got != tc.want {
				t.Errorf("got  %s\nwant %s", got, tc.want)
			}
		})
	}
}
