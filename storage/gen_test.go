package storage

// The storage tests' synthetic library comes from internal/testlib, shared
// with the export and app reports; here it is stored and measured.

import (
	"app.margin/margin/article"

	"context"
	"fmt"
	"os"
	"testing"
	"time"

	"app.margin/margin/internal/testlib"
)

// corpus makes the storage tests' articles, of about 3,000 words: the
// length the search and re-anchoring figures are quoted for.
var corpus = testlib.Gen{Seed: 1, Words: 3000}

// libraryBytes is the size of the library on disk after a WAL checkpoint
// (main file plus what is left of the WAL).
func libraryBytes(tb testing.TB, l *Library) int64 {
	tb.Helper()
	if _, err := l.writer.ExecContext(context.Background(), "PRAGMA wal_checkpoint(TRUNCATE)"); err != nil {
		tb.Fatalf("checkpoint: %v", err)
	}
	var total int64
	for _, p := range []string{l.path, l.path + "-wal"} {
		if st, err := os.Stat(p); err == nil {
			total += st.Size()
		}
	}
	return total
}

// BenchmarkSave measures inserting generated articles, one transaction
// each, into a growing library; it reports articles/s and bytes/article.
func BenchmarkSave(b *testing.B) {
	l := mustOpen(b)
	ctx := context.Background()
	articles := make([]*article.Article, 200)
	for i := range articles {
		articles[i] = corpus.Article(i)
	}
	n := 0
	start := time.Now()
	for b.Loop() {
		a := *articles[n%len(articles)]
		a.URL = fmt.Sprintf("https://example.com/bench/%d", n)
		a.FinalURL, a.CanonicalURL = a.URL, a.URL
		if _, _, err := l.Save(ctx, &a); err != nil {
			b.Fatal(err)
		}
		n++
	}
	b.ReportMetric(float64(n)/time.Since(start).Seconds(), "articles/s")
	b.ReportMetric(float64(libraryBytes(b, l))/float64(n), "bytes/article")
}

// BenchmarkReclip measures saving a changed version of a 3,000-word article
// that carries 20 highlights: each is re-anchored, about half by fuzzy match.
func BenchmarkReclip(b *testing.B) {
	l := mustOpen(b)
	ctx := context.Background()
	a := corpus.Article(1)
	id := mustSave(b, l, a)
	text := []rune(a.Text)
	for k := range 20 {
		start := k * len(text) / 20
		if _, err := l.AddHighlight(ctx, Highlight{ArticleID: id, Start: start, End: start + 40 + k*5}); err != nil {
			b.Fatal(err)
		}
	}
	// The edited version: a new first paragraph, and one code point changed
	// every 70, which breaks exact matches of the longer quotes.
	edited := []rune("A new opening paragraph, added by the editor.\n\n" + a.Text)
	for i := 60; i < len(edited); i += 70 {
		edited[i] = 'x'
	}
	versions := []string{string(edited), a.Text}
	n := 0
	for b.Loop() {
		v := *a
		v.Text = versions[n%2]
		if _, _, err := l.Save(ctx, &v); err != nil {
			b.Fatal(err)
		}
		n++
	}
	b.StopTimer()
	hs, err := l.Highlights(ctx, id)
	if err != nil {
		b.Fatal(err)
	}
	orphans := 0
	for _, h := range hs {
		if h.Orphaned {
			orphans++
		}
	}
	b.ReportMetric(float64(orphans), "orphans")
}
