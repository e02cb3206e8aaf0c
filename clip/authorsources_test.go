package clip

import (
	"slices"
	"strings"
	"testing"
)

// TestAuthorSources: an author JSON-LD names by @id elsewhere in its graph
// (Yoast), and a WordPress hCard when nothing else names one; account
// names are no authors.
func TestAuthorSources(t *testing.T) {
	body := strings.Repeat("<p>Der Nebel lag den ganzen Tag über dem Tal, und erst am Abend konnte man die Berge wieder sehen, schrieb sie.</p>", 6)
	graphOf := func(kind, author string) string {
		return `<script type="application/ld+json">{"@context":"https://schema.org","@graph":[
			{"@type":"Article","@id":"https://blog.example.de/p/#article","headline":"Nebelsuppe","author":{"@id":"https://blog.example.de/#/schema/person/1"}},
			{"@type":` + kind + `,"@id":"https://blog.example.de/#/schema/person/1","name":"` + author + `"}]}</script>`
	}
	graph := func(author string) string { return graphOf(`["Person","Organization"]`, author) }
	hcard := func(name string) string {
		return `<div class="entry-meta"><span class="byline">von <span class="author vcard"><a class="url fn n" href="/author/x/">` + name + `</a></span></span></div>`
	}
	cases := []struct {
		name, head, meta string
		want             []string
	}{
		{"a person by @id", graph("Andreas Kalt"), "", []string{"Andreas Kalt"}},
		{"an admin account by @id", graph("admin"), hcard("Tobias Kuske"), []string{"Tobias Kuske"}},
		{"an organization by @id is the publisher", graphOf(`"Organization"`, "Nebelblog GmbH") + `<meta name="author" content="Creeny">`, "", []string{"Creeny"}},
		{"a WordPress hCard", "", hcard("Creeny"), []string{"Creeny"}},
		{"a byline's fn", "", `<span class="byline author">von <a class="fn n" href="/author/admin/">Peter Addor</a></span>`, []string{"Peter Addor"}},
		{"a labelled hCard", "", `<span class="vcard author">von revamp-it Webteam</span>`, []string{"revamp-it Webteam"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			page := `<!DOCTYPE html><html lang="de"><head><title>Nebelsuppe</title>` + tc.head + `</head><body><article><h1>Nebelsuppe</h1>` + tc.meta + body + `</article></body></html>`
			a, err := Parse([]byte(page), "", "https://blog.example.de/2019/nebelsuppe/")
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(a.Authors, tc.want) {
				t.Errorf("authors %q (%s), want %q", a.Authors, a.Provenance["authors"], tc.want)
			}
		})
	}
}
