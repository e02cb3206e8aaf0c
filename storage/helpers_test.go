package storage

import (
	"app.margin/margin/article"

	"context"
	"html"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"app.margin/margin/clip"
)

// mustOpen opens a new library in a temporary directory, with a clock that
// advances one second per call, and closes it when the test ends.
func mustOpen(tb testing.TB) *Library {
	tb.Helper()
	return mustOpenPath(tb, filepath.Join(tb.TempDir(), "library.db"))
}

// mustOpenPath opens the library at path and closes it when the test ends.
func mustOpenPath(tb testing.TB, path string) *Library {
	tb.Helper()
	l, err := Open(context.Background(), path)
	if err != nil {
		tb.Fatalf("Open(%q): %v", path, err)
	}
	t0 := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	l.Now = func() time.Time { t0 = t0.Add(time.Second); return t0 }
	tb.Cleanup(func() {
		if err := l.Close(); err != nil {
			tb.Errorf("Close: %v", err)
		}
	})
	return l
}

// testArticle is a small clipped article with one <p> per paragraph; its
// Text is clip's canonical text of that HTML, as Parse would make it.
func testArticle(url string, paragraphs ...string) *article.Article {
	var b strings.Builder
	for _, p := range paragraphs {
		b.WriteString("<p>" + html.EscapeString(p) + "</p>")
	}
	return &article.Article{
		URL:              url,
		FinalURL:         url,
		Title:            "Title of " + url,
		Authors:          []string{"Ada Lovelace", "王小波"},
		SiteName:         "Example",
		Language:         "en",
		Direction:        "ltr",
		ContentHTML:      b.String(),
		Text:             article.CanonicalText(article.Blocks(b.String())),
		ExtractorVersion: clip.ExtractorVersion,
		Readable:         true,
		Raw:              []byte("<html><body>" + b.String() + "</body></html>"),
	}
}

func mustSave(tb testing.TB, l *Library, a *article.Article) int64 {
	tb.Helper()
	id, _, err := l.Save(context.Background(), a)
	if err != nil {
		tb.Fatalf("Save(%s): %v", a.URL, err)
	}
	return id
}

// must fails the test at once on an error from a step that sets up what a
// test checks.
func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
