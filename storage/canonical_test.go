package storage

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"

	"app.margin/margin/clip"
)

func TestTrustedCanonical(t *testing.T) {
	tests := []struct {
		canonical, page string
		want            bool
	}{
		{"", "https://example.com/a", true},
		{"https://example.com/a", "https://example.com/a", true},
		{"https://example.com/post/1", "https://m.example.com/p/1", true},
		{"https://news.example.co.uk/a", "https://www.example.co.uk/b", true},
		{"https://example.com/a", "https://example.net/a", false},
		{"https://example.co.uk/a", "https://other.co.uk/a", false},
		{"https://victim.github.io/a", "https://evil.github.io/a", false}, // a public suffix
		{"https://127.0.0.1:8765/a.html", "https://127.0.0.1:8766/hijack.html", false},
		{"https://127.0.0.1:8765/a.html", "https://127.0.0.1:8765/b.html", true},
		{"https://localhost:1/a", "https://localhost:2/a", false},
		{"https://example.com/", "https://example.com/post/9", false}, // the home page
		{"https://example.com/a", "/home/reader/saved.html", true},    // a local file
	}
	for _, tc := range tests {
		t.Run(tc.page+" -> "+tc.canonical, func(t *testing.T) {
			if got := trustedCanonical(normalizeURL(tc.canonical), normalizeURL(tc.page)); got != tc.want {
				t.Errorf("trustedCanonical(%q, %q) = %v, want %v", tc.canonical, tc.page, got, tc.want)
			}
		})
	}
}

// TestCanonicalHijack clips a page from one server, then a page from
// another origin whose <link rel=canonical> names the first: it becomes an
// article of its own, and the first keeps its title, text, raw page and
// highlight.
func TestCanonicalHijack(t *testing.T) {
	ctx := context.Background()
	serve := func(body string) *httptest.Server {
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.Write([]byte(body))
		}))
		t.Cleanup(srv.Close)
		return srv
	}
	const para = "<p>%s has many sentences that a reader wants to keep, with enough words in each of them to be an article worth reading and highlighting.</p>"
	page := func(title, canonical string) string {
		link := ""
		if canonical != "" {
			link = `<link rel="canonical" href="` + canonical + `">`
		}
		return "<!doctype html><html><head><title>" + title + "</title>" + link + "</head><body><article><h1>" + title + "</h1>" +
			fmt.Sprintf(para+para+para, title, title, title) + "</article></body></html>"
	}
	origin := serve(page("The original", ""))
	orig := origin.URL + "/a.html"
	evil := serve(page("The hijack", orig))

	l := mustOpen(t)
	c := clip.NewClient()
	a, err := c.Clip(ctx, orig, "")
	if err != nil {
		t.Fatal(err)
	}
	id := mustSave(t, l, a)
	h, err := l.HighlightQuote(ctx, id, "The original has many sentences", 1, Yellow, "mine")
	if err != nil {
		t.Fatal(err)
	}
	b, err := c.Clip(ctx, evil.URL+"/hijack.html", "")
	if err != nil {
		t.Fatal(err)
	}
	if b.CanonicalURL != orig {
		t.Fatalf("hijack page's canonical URL = %q, want %q", b.CanonicalURL, orig)
	}
	id2, updated, err := l.Save(ctx, b)
	if err != nil {
		t.Fatal(err)
	}
	if id2 == id || updated {
		t.Fatalf("Save(hijack) = id %d updated %v, want a new article beside %d", id2, updated, id)
	}
	got, err := l.Get(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if got.Title != "The original" || got.Text != a.Text {
		t.Errorf("original article now %q: %.40q", got.Title, got.Text)
	}
	if raw, _ := l.RawHTML(ctx, id); string(raw) != string(a.Raw) {
		t.Errorf("original raw page replaced: %.60q", raw)
	}
	if hs, _ := l.Highlights(ctx, id); len(hs) != 1 || hs[0].Orphaned || hs[0].Start != h.Start {
		t.Errorf("original highlight: %+v", hs)
	}
	// The original page clipped again is still the same article.
	if again, updated, err := l.Save(ctx, a); err != nil || again != id || !updated {
		t.Errorf("re-clip of the original = %d, %v, %v; want %d updated", again, updated, err, id)
	}
}

// TestReclipKeepsVersions re-clips an article twice with new content: each
// replaced text, HTML and raw page is kept, newest first, and a re-clip
// that changes nothing adds no version.
func TestReclipKeepsVersions(t *testing.T) {
	ctx := context.Background()
	l := mustOpen(t)
	const u = "https://example.com/post"
	v1 := testArticle(u, "first text")
	id := mustSave(t, l, v1)
	mustSave(t, l, v1) // the same page again: nothing replaced
	if vs, err := l.Versions(ctx, id); err != nil || len(vs) != 0 {
		t.Fatalf("Versions after an identical re-clip = %d, %v; want none", len(vs), err)
	}
	v2 := testArticle(u, "second text")
	v2.Title = "Second"
	mustSave(t, l, v2)
	v3 := testArticle(u, "third text")
	v3.Raw = nil
	mustSave(t, l, v3)
	mustSave(t, l, v2) // back to the page of v2, which had a raw page
	vs, err := l.Versions(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	want := []struct {
		text string
		raw  []byte
	}{{"third text", nil}, {"second text", v2.Raw}, {"first text", v1.Raw}}
	if len(vs) != len(want) {
		t.Fatalf("Versions = %d, want %d", len(vs), len(want))
	}
	for i, w := range want {
		if vs[i].Text != w.text || string(vs[i].Raw) != string(w.raw) || vs[i].ArticleID != id {
			t.Errorf("version %d: text %q raw %q, want %q %q", i, vs[i].Text, vs[i].Raw, w.text, w.raw)
		}
	}
	if vs[1].Title != "Second" || vs[1].ContentHTML != v2.ContentHTML || vs[1].ReplacedAt.IsZero() {
		t.Errorf("version 1: title %q, html %q, replaced %v", vs[1].Title, vs[1].ContentHTML, vs[1].ReplacedAt)
	}
	if got, _ := l.Get(ctx, id); got.Text != "second text" {
		t.Errorf("current text = %q", got.Text)
	}
	must(t, l.Delete(ctx, id))
	var left int
	l.readers.QueryRowContext(ctx, "SELECT count(*) FROM article_versions").Scan(&left)
	if left != 0 {
		t.Errorf("%d versions left after deleting the article", left)
	}
}
