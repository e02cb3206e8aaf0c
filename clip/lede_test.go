package clip

import (
	"strings"
	"testing"
)

// TestRestoreLede: on a page not in English the paragraph under the title
// whose class names a lede comes first in the text when the extractor left
// it in the header; an English lede, a box of links, a comment box after
// the body and a lede already in the text do not.
func TestRestoreLede(t *testing.T) {
	body := strings.Repeat("<p>Die Stadt hat am Montag beschlossen, die Brücke über den Fluss bis zum Sommer zu sanieren, sagte der Bürgermeister.</p>\n", 6)
	enBody := strings.Repeat("<p>The city decided on Monday to repair the bridge over the river by the summer, the mayor said after the meeting.</p>\n", 6)
	lede := "Die Sanierung kostet zwölf Millionen Euro und dauert länger als geplant."
	page := func(lang, header, article string) string {
		return `<!DOCTYPE html><html lang="` + lang + `"><head><title>Brücke</title></head><body><header><h1>Die Brücke wird saniert</h1>` + header + `</header><main><article>` + article + `</article></main></body></html>`
	}
	cases := []struct {
		name string
		page string
		want string // the text's start; "" for the body's first sentence
	}{
		{"a lead paragraph", page("de", `<p class="lead">`+lede+`</p>`, body), lede},
		{"a teaser text", page("de", `<div class="teaser-text"><p>`+lede+`</p></div>`, body), lede},
		{"an abstract of two words", page("de", `<div class="c-intro__abstract">`+lede+`</div>`, body), lede},
		{"a Spanish bajada", page("es", `<div class="texto-bajada"><p>La reparación costará doce millones de euros y tardará más de lo previsto.</p></div>`, body), "La reparación costará"},
		{"an English standfirst stays out", page("en", `<p class="standfirst">The repair will cost twelve million euros and take longer than planned.</p>`, enBody), ""},
		{"a dek stays out", page("de", `<p class="article-dek">`+lede+`</p>`, body), ""},
		{"a teaser of links is no lede", page("de", `<div class="teaser"><a href="/a">Preisvergleich für die Brücke und den Fluss ab 19,99 Euro</a> <a href="/b">alle anzeigen</a></div>`, body), ""},
		{"a lede already in the text", page("de", "", `<p class="lead">`+lede+`</p>`+body), lede},
		{"after another heading it is no lede", page("de", `<h2>Mehr zum Thema</h2><p class="teaser">Die Sanierung der anderen Brücke kostet zwölf Millionen Euro.</p>`, body), ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			a, err := Parse([]byte(tc.page), "", "https://news.example.com/2024/brücke.html")
			if err != nil {
				t.Fatal(err)
			}
			want := tc.want
			if want == "" {
				want = "Die Stadt hat am Montag"
				if strings.Contains(tc.page, `lang="en"`) {
					want = "The city decided"
				}
			}
			if !strings.HasPrefix(a.Text, want) {
				t.Errorf("text starts %q, want %q", a.Text[:min(80, len(a.Text))], want)
			}
			if n := strings.Count(a.Text, "zwölf Millionen"); n > 1 {
				t.Errorf("lede %d times in %q", n, a.Text)
			}
		})
	}
}
