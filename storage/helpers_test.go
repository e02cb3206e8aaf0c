package storage

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"margin/clip"
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

// testArticle is a small clipped article whose text is paragraphs joined as
// clip's canonical text joins blocks.
func testArticle(url string, paragraphs ...string) *clip.Article {
	a := &clip.Article{
		URL:              url,
		FinalURL:         url,
		Title:            "Title of " + url,
		Authors:          []string{"Ada Lovelace", "王小波"},
		SiteName:         "Example",
		Language:         "en",
		Direction:        "ltr",
		ExtractorVersion: clip.ExtractorVersion,
		Readable:         true,
		Raw:              []byte("<html><body><p>raw</p></body></html>"),
	}
	html := ""
	for i, p := range paragraphs {
		if i > 0 {
			a.Text += "\n\n"
		}
		a.Text += p
		html += "<p>" + p + "</p>"
	}
	a.ContentHTML = html
	return a
}

func mustSave(tb testing.TB, l *Library, a *clip.Article) int64 {
	tb.Helper()
	id, _, err := l.Save(context.Background(), a)
	if err != nil {
		tb.Fatalf("Save(%s): %v", a.URL, err)
	}
	return id
}
