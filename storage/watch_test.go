package storage

import (
	"context"
	"errors"
	"path/filepath"
	"testing"
	"time"
)

// version reads l's DataVersion, failing the test on an error.
func version(t testing.TB, l *Library) int64 {
	t.Helper()
	v, err := l.DataVersion(context.Background())
	if err != nil {
		t.Fatalf("DataVersion: %v", err)
	}
	return v
}

// TestDataVersionIgnoresOwnReadsAndWrites: what a library reads and writes
// itself is no change made elsewhere.
func TestDataVersionIgnoresOwnReadsAndWrites(t *testing.T) {
	ctx := context.Background()
	l := mustOpen(t)
	id := mustSave(t, l, testArticle("https://example.com/a", "readable prose about 大模型"))
	v0 := version(t, l)
	steps := []struct {
		name string
		do   func() error
	}{
		{"list", func() error { _, err := l.List(ctx, ListOptions{}); return err }},
		{"search", func() error { _, err := l.Search(ctx, SearchOptions{Query: "大模型"}); return err }},
		{"get", func() error { _, err := l.Get(ctx, id); return err }},
		{"tags", func() error { _, err := l.Tags(ctx); return err }},
		{"count", func() error { _, err := l.Count(ctx); return err }},
		{"save", func() error { _, _, err := l.Save(ctx, testArticle("https://example.com/b", "more")); return err }},
		{"re-clip", func() error {
			_, _, err := l.Save(ctx, testArticle("https://example.com/a", "readable prose, clipped again"))
			return err
		}},
		{"position", func() error { return l.SetPosition(ctx, id, 0.5) }},
		{"tag", func() error { return l.AddTags(ctx, id, "ai") }},
		{"highlight", func() error {
			_, err := l.AddHighlight(ctx, Highlight{ArticleID: id, Start: 0, End: 8, Color: Yellow})
			return err
		}},
		{"note", func() error { return l.SetNote(ctx, id, "a note") }},
		{"delete", func() error { return l.Delete(ctx, id) }},
	}
	for _, s := range steps {
		if err := s.do(); err != nil {
			t.Fatalf("%s: %v", s.name, err)
		}
		if got := version(t, l); got != v0 {
			t.Errorf("after its own %s: DataVersion = %d, want %d (unchanged)", s.name, got, v0)
		}
	}
}

// TestDataVersionSeesOtherConnections: a commit by a second Open of the
// same file, as the CLI or the connector's host makes from another process,
// changes the version once; a write elsewhere that rolls back does not.
func TestDataVersionSeesOtherConnections(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "library.db")
	app := mustOpenPath(t, path)
	id := mustSave(t, app, testArticle("https://example.com/a", "first text"))
	other := mustOpenPath(t, path)
	tests := []struct {
		name    string
		do      func() error
		changed bool
	}{
		{"save", func() error { _, _, err := other.Save(ctx, testArticle("https://example.com/b", "new")); return err }, true},
		{"re-clip", func() error {
			_, _, err := other.Save(ctx, testArticle("https://example.com/a", "second text"))
			return err
		}, true},
		{"tag", func() error { return other.AddTags(ctx, id, "ai") }, true},
		{"read", func() error { _, err := other.List(ctx, ListOptions{}); return err }, false},
		{"rolled back", func() error {
			if err := other.SetNote(ctx, 9999, "x"); !errors.Is(err, ErrNotFound) {
				return err
			}
			return nil
		}, false},
		{"delete", func() error { return other.Delete(ctx, id) }, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			before := version(t, app)
			if err := tc.do(); err != nil {
				t.Fatal(err)
			}
			after := version(t, app)
			if got, want := after != before, tc.changed; got != want {
				t.Errorf("changed = %v (%d -> %d), want %v", got, before, after, want)
			}
			if again := version(t, app); again != after {
				t.Errorf("asked again: %d, want %d (no new change)", again, after)
			}
		})
	}
}

// TestDataVersionReadOnly: a library opened read-only (its writer is
// another process) sees that process's commits too.
func TestDataVersionReadOnly(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "library.db")
	writer := mustOpenPath(t, path)
	mustSave(t, writer, testArticle("https://example.com/a", "first"))
	ro, err := OpenReadOnly(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	v0 := version(t, ro)
	if _, err := ro.List(ctx, ListOptions{}); err != nil {
		t.Fatal(err)
	}
	if got := version(t, ro); got != v0 {
		t.Errorf("after a read: %d, want %d", got, v0)
	}
	time.Sleep(10 * time.Millisecond) // a modification time with a coarse clock
	mustSave(t, writer, testArticle("https://example.com/b", "second"))
	if got := version(t, ro); got == v0 {
		t.Errorf("after a commit elsewhere: still %d", got)
	}
}

// BenchmarkDataVersion measures one change check on the 1,000-article bench
// library, against the obvious alternative (the newest updated_at and a
// count, which read an index and the table).
func BenchmarkDataVersion(b *testing.B) {
	l := benchOpen(b)
	ctx := context.Background()
	b.Run("data_version", func(b *testing.B) {
		for b.Loop() {
			if _, err := l.DataVersion(ctx); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/1000, "µs/check")
	})
	b.Run("max-updated-count", func(b *testing.B) {
		for b.Loop() {
			var at, n int64
			if err := l.readers.QueryRowContext(ctx, `SELECT coalesce(max(updated_at), 0), count(*) FROM articles`).Scan(&at, &n); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/1000, "µs/check")
	})
}
