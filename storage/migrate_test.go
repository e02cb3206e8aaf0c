package storage

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"sync"
	"testing"
)

func TestIDsAreNeverReused(t *testing.T) {
	l := mustOpen(t)
	ctx := context.Background()
	mustSave(t, l, testArticle("https://example.com/1", "one"))
	second := mustSave(t, l, testArticle("https://example.com/2", "two"))
	must(t, l.Delete(ctx, second))
	if got, want := mustSave(t, l, testArticle("https://example.com/3", "three")), int64(3); got != want {
		t.Errorf("id after deleting the newest article = %d, want %d (never reused)", got, want)
	}
}

// TestMigrateFromVersion1 builds a version-1 library by hand, as the first
// Margin left it (no search index), with an article, its raw page, a tag and
// a highlight, and opens it: every later migration applies, nothing is
// lost, search finds the article (the index is filled in the migration),
// and a deleted article's id is not handed out again.
func TestMigrateFromVersion1(t *testing.T) {
	ctx := context.Background()
	ms, err := migrations()
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "v1.db")
	gz, err := gzipBytes([]byte("<p>raw page</p>"))
	if err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	for _, stmt := range []string{ms[0].sql, "PRAGMA user_version = 1",
		`INSERT INTO articles (id, url, final_url, url_key, title, text, note, clipped_at, updated_at)
		 VALUES (7, 'https://example.com/v1', 'https://example.com/v1', 'https://example.com/v1',
		 'Old article', 'Serendipity in 国内大模型研究落后美国, and the 〆切 is ｰ near.', 'my note', 1, 1)`,
		`INSERT INTO articles (id, url, title, text, clipped_at, updated_at) VALUES (9, 'https://example.com/gone', 'Gone', 'x', 2, 2)`,
		`DELETE FROM articles WHERE id = 9`,
		`INSERT INTO article_raw (article_id, gzip) VALUES (7, ?)`,
		`INSERT INTO tags (id, name, name_key) VALUES (1, 'Reading', 'reading')`,
		`INSERT INTO article_tags (article_id, tag_id) VALUES (7, 1)`,
		`INSERT INTO highlights (article_id, start_pos, end_pos, quote, note, created_at, updated_at)
		 VALUES (7, 0, 11, 'Serendipity', 'lucky', 1, 1)`,
	} {
		var args []any
		if stmt == `INSERT INTO article_raw (article_id, gzip) VALUES (7, ?)` {
			args = append(args, gz)
		}
		if _, err := db.Exec(stmt, args...); err != nil {
			t.Fatalf("%.60s: %v", stmt, err)
		}
	}
	db.Close()

	l := mustOpenPath(t, path)
	var version int
	l.readers.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version)
	if version != len(ms) {
		t.Errorf("user_version = %d, want %d", version, len(ms))
	}
	a, err := l.Get(ctx, 7)
	if err != nil {
		t.Fatal(err)
	}
	if a.Title != "Old article" || a.Note != "my note" || fmt.Sprint(a.Tags) != "[Reading]" {
		t.Errorf("article after migration: title %q, note %q, tags %v", a.Title, a.Note, a.Tags)
	}
	if raw, err := l.RawHTML(ctx, 7); err != nil || string(raw) != "<p>raw page</p>" {
		t.Errorf("RawHTML = %q, %v", raw, err)
	}
	if hs, err := l.Highlights(ctx, 7); err != nil || len(hs) != 1 || hs[0].Note != "lucky" {
		t.Errorf("Highlights = %+v, %v", hs, err)
	}
	for _, q := range []string{"serendipity", "大模型", "国", "〆切", "ｰ", "lucky", "tag:reading", "my note"} {
		hits, err := l.Search(ctx, SearchOptions{Query: q})
		if err != nil {
			t.Fatalf("Search(%q): %v", q, err)
		}
		if len(hits) != 1 || hits[0].ID != 7 {
			t.Errorf("Search(%q) = %d hits, want article 7", q, len(hits))
		}
	}
	if err := l.Delete(ctx, 7); err != nil {
		t.Fatal(err)
	}
	if id := mustSave(t, l, testArticle("https://example.com/new", "new")); id != 8 {
		t.Errorf("first id after migrating and deleting article 7 = %d, want 8", id)
	}
}

// TestConcurrentFirstOpen opens one new library from eight goroutines at
// once, each with its own connections as separate processes would have:
// every Open succeeds and the library is migrated once.
func TestConcurrentFirstOpen(t *testing.T) {
	ctx := context.Background()
	ms, err := migrations()
	if err != nil {
		t.Fatal(err)
	}
	for round := range 3 {
		path := filepath.Join(t.TempDir(), fmt.Sprintf("new%d.db", round))
		var wg sync.WaitGroup
		errs := make([]error, 8)
		for i := range errs {
			wg.Go(func() {
				l, err := Open(ctx, path)
				if err != nil {
					errs[i] = err
					return
				}
				_, _, errs[i] = l.Save(ctx, testArticle(fmt.Sprintf("https://example.com/%d", i), "text"))
				if err := l.Close(); errs[i] == nil {
					errs[i] = err
				}
			})
		}
		wg.Wait()
		for i, err := range errs {
			if err != nil {
				t.Errorf("round %d, opener %d: %v", round, i, err)
			}
		}
		l := mustOpenPath(t, path)
		var version, n int
		l.readers.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version)
		l.readers.QueryRowContext(ctx, "SELECT count(*) FROM articles").Scan(&n)
		if version != len(ms) || n != len(errs) {
			t.Errorf("round %d: user_version %d, %d articles; want %d and %d", round, version, n, len(ms), len(errs))
		}
	}
}

// TestMigrateReindexesCJKMarks builds a version-2 library by hand whose
// index rows were made before 〆 and ｰ counted as CJK (no bigrams for
// them), and opens it: the articles that hold them are indexed again, so a
// search for 〆切 finds its article.
func TestMigrateReindexesCJKMarks(t *testing.T) {
	ctx := context.Background()
	ms, err := migrations()
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "v2.db")
	handMade(t, path, ms[0].sql+";"+ms[1].sql+"; PRAGMA user_version = 2;"+`
		INSERT INTO articles (id, url, title, text, clipped_at, updated_at)
		VALUES (1, 'https://example.com/a', 'Deadline', '締め〆切 is near', 1, 1),
		       (2, 'https://example.com/b', 'Plain', 'nothing special', 2, 2);
		INSERT INTO article_search (rowid, title, text) VALUES
			(1, 'Deadline', '締`+cjkSep+`め`+cjkSep+`〆`+cjkSep+`切 is near'||char(10)||char(10)||'締め'),
			(2, 'Plain', 'nothing special');`)
	l := mustOpenPath(t, path)
	for _, q := range []string{"〆切", "め〆", "deadline", "special"} {
		hits, err := l.Search(ctx, SearchOptions{Query: q})
		if err != nil {
			t.Fatal(err)
		}
		if len(hits) != 1 {
			t.Errorf("Search(%q) = %d hits, want 1", q, len(hits))
		}
	}
}

// TestOpenWhileAnotherWrites opens a library at the latest version while
// another process holds its write lock: Open only reads, so it does not
// wait for that writer (it would fail with SQLITE_BUSY after writeWait).
func TestOpenWhileAnotherWrites(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "lib.db")
	l := mustOpenPath(t, path)
	mustSave(t, l, testArticle("https://example.com/a", "text"))
	other, err := sql.Open("sqlite", dsn(path, "_txlock=immediate"))
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	tx, err := other.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, "UPDATE articles SET note = 'pending'"); err != nil {
		t.Fatal(err)
	}
	r, err := Open(ctx, path)
	if err != nil {
		t.Fatalf("Open while another connection writes: %v", err)
	}
	defer r.Close()
	if got, err := r.Get(ctx, 1); err != nil || got.Note != "" {
		t.Errorf("Get = note %q, %v; want the committed article", got.Note, err)
	}
}
