package export

import (
	"strings"
	"testing"
	"unicode/utf8"

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
		{"unclosed wikilink", "<p>see [[Page</p>", `see \[\[Page`},
		{"lone bracket", "<p>a [ b</p>", `a \[ b`},
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

// liveNotesSyntax returns the first Obsidian or Logseq construct left
// unescaped in a line of Markdown text (no code in it), "" when none is.
func liveNotesSyntax(line string) string {
	escaped := func(i int) bool {
		n := 0
		for j := i - 1; j >= 0 && line[j] == '\\'; j-- {
			n++
		}
		return n%2 == 1
	}
	for i := 0; i < len(line); i++ {
		c := line[i]
		if escaped(i) {
			continue
		}
		switch c {
		case '%', '=', '{', '(', '$', '[':
			if i+1 < len(line) && line[i+1] == c {
				return line[i:min(len(line), i+2)]
			}
		case '#', '^':
			if i+1 < len(line) && line[i+1] != ' ' && (i == 0 || line[i-1] == ' ') {
				return line[i:min(len(line), i+2)]
			}
		}
	}
	return ""
}

// FuzzFullExportEscapes: whatever the page's text, a --full export leaves
// none of the notes apps' syntax live in it.
func FuzzFullExportEscapes(f *testing.F) {
	for _, s := range []string{"%%x%%", "==x==", "{{x}}", "((x))", "$$x$$", "#tag", "a ^id", "[[x]]",
		"\\%%x", "5 $ and $", "C# #", "a=b==c", "#1 #", "%\\%%"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if strings.ContainsAny(s, "`<>&\n\r\t\x00") || !utf8.ValidString(s) {
			t.Skip() // markup and code are the converter's business; this is plain text
		}
		a := &storage.Article{ID: 1, Article: article.Article{Title: "T", ContentHTML: "<p>" + s + "</p>"}}
		b, err := ArticleMarkdown(a, nil, Options{Full: true})
		if err != nil {
			t.Fatal(err)
		}
		_, body, _ := strings.Cut(string(b), "## Article\n\n")
		for _, l := range strings.Split(body, "\n") {
			if live := liveNotesSyntax(l); live != "" {
				t.Errorf("page text %q exports as %q: %q is live", s, l, live)
			}
		}
	})
}

// BenchmarkFullExportHostileText converts 80 KB paragraphs made of one
// syntax character repeated: each must stay linear in the text's length
// ("[ [ [ ..." took 13 s before every [ was escaped up front).
func BenchmarkFullExportHostileText(b *testing.B) {
	for _, unit := range []string{"[ ", "$ ", "# ", "* ", "! ", "] ", "%%", "=="} {
		text := strings.Repeat(unit, 40_000)
		a := &storage.Article{ID: 1, Article: article.Article{Title: "T", ContentHTML: "<p>" + text + "</p>"}}
		b.Run(strings.TrimSpace(unit), func(b *testing.B) {
			for b.Loop() {
				if _, err := ArticleMarkdown(a, nil, Options{Full: true}); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(len(text))*float64(b.N)/b.Elapsed().Seconds()/1e6, "MB/s")
		})
	}
}
