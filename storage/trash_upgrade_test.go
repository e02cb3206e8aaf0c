package storage

import (
	"context"
	"database/sql"
	"errors"
	"path/filepath"
	"reflect"
	"slices"
	"testing"
)

// libraryAt makes a library at path with the migrations up to version
// applied, as a Margin of that version left it, and returns it open as a
// plain database for the test to fill.
func libraryAt(t *testing.T, path string, version int) *sql.DB {
	t.Helper()
	ctx := context.Background()
	ms, err := migrations()
	must(t, err)
	db, err := sql.Open("sqlite", path)
	must(t, err)
	t.Cleanup(func() { db.Close() })
	db.SetMaxOpenConns(1)
	for _, m := range ms[:version] {
		tx, err := db.BeginTx(ctx, nil)
		must(t, err)
		must(t, applyMigration(ctx, tx, m, func(int, int) {}))
		must(t, tx.Commit())
	}
	return db
}

// TestUpgradeKeepsTheTrash upgrades a library of migration 010 whose trash
// holds copies (one article trashed with its index rows kept, one trashed
// before 010 without them, whose highlight id a new highlight took): after
// 011 the copies are gone, the articles are still in the trash, out of
// every read, and Restore brings each back whole.
func TestUpgradeKeepsTheTrash(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "v10.db")
	db := libraryAt(t, path, 10)
	gz, err := gzipBytes([]byte("<p>raw page</p>"))
	must(t, err)
	pic := pngPicture(t, "https://a.example/cat.png", 30, 20)
	tx, err := db.BeginTx(ctx, nil)
	must(t, err)
	for _, stmt := range []struct {
		sql  string
		args []any
	}{
		{`INSERT INTO articles (id, url, url_key, title, text, clipped_at, updated_at) VALUES
			(1, 'https://a.example/1', 'https://a.example/1', 'Kept', 'Aardvarks sleep by day.', 1, 1),
			(2, 'https://a.example/2', 'https://a.example/2', 'Indexed', 'Aardvarks dig at night.', 2, 2),
			(3, 'https://a.example/3', 'https://a.example/3', 'Unindexed', 'Aardvarks of old.', 3, 3)`, nil},
		{`INSERT INTO article_raw (article_id, gzip) VALUES (2, ?)`, []any{gz}},
		{`INSERT INTO article_versions (article_id, replaced_at, url, final_url, canonical_url, title,
			extractor_version, fetched_at, text, content_html) VALUES (2, 1, '', '', '', 'Before', '', '', 'Earlier text.', '')`, nil},
		{`INSERT INTO tags (id, name, name_key) VALUES (1, 'Common', 'common'), (2, 'Solo', 'solo')`, nil},
		{`INSERT INTO article_tags (article_id, tag_id) VALUES (1, 1), (2, 1), (2, 2), (3, 1), (3, 2)`, nil},
		{`INSERT INTO highlights (id, article_id, start_pos, end_pos, quote, note, created_at, updated_at) VALUES
			(1, 1, 0, 9, 'Aardvarks', '', 1, 1), (2, 3, 0, 9, 'Aardvarks', 'old note', 1, 1)`, nil},
		{`INSERT INTO pictures (sha256, type, size, width, height, created_at, data) VALUES (?, ?, ?, ?, ?, 1, ?)`,
			[]any{pic.SHA256, pic.Type, pic.Size, pic.Width, pic.Height, pic.Data}},
		{`INSERT INTO article_pictures (article_id, seq, url, sha256) VALUES (2, 0, ?, ?)`, []any{pic.URL, pic.SHA256}},
		{`INSERT INTO queue (article_id, url, url_key, host, added_at, updated_at) VALUES
			(3, 'https://a.example/3', 'https://a.example/3', 'a.example', 1, 1)`, nil},
	} {
		if _, err := tx.ExecContext(ctx, stmt.sql, stmt.args...); err != nil {
			t.Fatalf("%.50s: %v", stmt.sql, err)
		}
	}
	must(t, index(ctx, tx, 1, 2))
	// The trash of 007-010: the rows copied, then deleted.
	for _, stmt := range []string{
		`INSERT INTO trash (article_id, deleted_at, indexed) VALUES (2, 10, 1), (3, 20, 0)`,
		`INSERT INTO trash_articles SELECT * FROM articles WHERE id IN (2, 3)`,
		`INSERT INTO trash_article_raw SELECT * FROM article_raw WHERE article_id IN (2, 3)`,
		`INSERT INTO trash_highlights SELECT * FROM highlights WHERE article_id IN (2, 3)`,
		`INSERT INTO trash_article_versions SELECT * FROM article_versions WHERE article_id IN (2, 3)`,
		`INSERT INTO trash_article_pictures SELECT * FROM article_pictures WHERE article_id IN (2, 3)`,
		`INSERT INTO trash_queue SELECT * FROM queue WHERE article_id IN (2, 3)`,
		`INSERT INTO trash_article_tags (article_id, name, name_key)
			SELECT at.article_id, t.name, t.name_key FROM article_tags at JOIN tags t ON t.id = at.tag_id WHERE at.article_id IN (2, 3)`,
		`DELETE FROM article_raw WHERE article_id IN (2, 3)`,
		`DELETE FROM highlights WHERE article_id IN (2, 3)`,
		`DELETE FROM article_versions WHERE article_id IN (2, 3)`,
		`DELETE FROM article_pictures WHERE article_id IN (2, 3)`,
		`DELETE FROM queue WHERE article_id IN (2, 3)`,
		`DELETE FROM article_tags WHERE article_id IN (2, 3)`,
		`DELETE FROM articles WHERE id IN (2, 3)`,
		`DELETE FROM tags WHERE id = 2`,
		// A new highlight takes the id of the trashed one.
		`INSERT INTO highlights (id, article_id, start_pos, end_pos, quote, created_at, updated_at) VALUES (2, 1, 10, 15, 'sleep', 2, 2)`,
	} {
		if _, err := tx.ExecContext(ctx, stmt); err != nil {
			t.Fatalf("%.50s: %v", stmt, err)
		}
	}
	must(t, tx.Commit())
	must(t, db.Close())

	l := mustOpenPath(t, path)
	copies, err := queryColumn[string](ctx, l.readers, `SELECT name FROM sqlite_schema WHERE name LIKE 'trash_%' AND type = 'table'`)
	must(t, err)
	if len(copies) != 0 {
		t.Errorf("tables left after 011: %v, want no copies", copies)
	}
	if got := searchIDs(t, l, "aardvarks", false); !slices.Equal(got, []int64{1}) {
		t.Errorf("search with 2 and 3 in the trash = %v, want [1]", got)
	}
	if tags, err := l.Tags(ctx); err != nil || !reflect.DeepEqual(tags, []Tag{{"Common", 1}}) {
		t.Errorf("Tags with 2 and 3 in the trash = %v, %v; want [{Common 1}]", tags, err)
	}
	if s, err := l.QueueStatus(ctx); err != nil || s.Total() != 0 {
		t.Errorf("QueueStatus with 3 in the trash = %+v, %v; want nothing", s, err)
	}
	if _, err := l.Get(ctx, 2); !errors.Is(err, ErrNotFound) {
		t.Errorf("Get of an article in the trash: %v, want ErrNotFound", err)
	}
	if n, _, err := l.GC(ctx); err != nil || n != 0 {
		t.Errorf("GC removed %d pictures (%v) of an article in the trash", n, err)
	}

	// The trashed articles follow a rename: 3, which has no index rows,
	// gets its marks, which Restore must not index twice.
	must(t, l.RenameTag(ctx, "Common", "Shared"))

	if n, err := l.Restore(ctx, []int64{2, 3}); err != nil || n != 2 {
		t.Fatalf("Restore = %d, %v; want 2", n, err)
	}
	a, err := l.Get(ctx, 2)
	must(t, err)
	if !slices.Equal(a.Tags, []string{"Shared", "Solo"}) || len(a.Images) != 1 || a.Images[0].SHA256 != pic.SHA256 {
		t.Errorf("restored article 2: tags %v, pictures %+v", a.Tags, a.Images)
	}
	if raw, err := l.RawHTML(ctx, 2); err != nil || string(raw) != "<p>raw page</p>" {
		t.Errorf("RawHTML(2) = %q, %v", raw, err)
	}
	if vs, err := l.Versions(ctx, 2); err != nil || len(vs) != 1 || vs[0].Text != "Earlier text." {
		t.Errorf("Versions(2) = %+v, %v", vs, err)
	}
	hs, err := l.Highlights(ctx, 3)
	must(t, err)
	if len(hs) != 1 || hs[0].Note != "old note" || hs[0].ID == 2 {
		t.Errorf("Highlights(3) = %+v, want its highlight under a new id", hs)
	}
	if hs, err := l.Highlights(ctx, 1); err != nil || len(hs) != 2 || hs[1].ID != 2 || hs[1].Quote != "sleep" {
		t.Errorf("Highlights(1) = %+v, %v; want the new highlight 2 kept", hs, err)
	}
	if s, err := l.QueueStatus(ctx); err != nil || s.Pending != 1 {
		t.Errorf("QueueStatus after Restore = %+v, %v; want 3's row pending", s, err)
	}
	if got := searchIDs(t, l, "aardvarks", false); !slices.Equal(slices.Sorted(slices.Values(got)), []int64{1, 2, 3}) {
		t.Errorf("search after Restore = %v, want [1 2 3]", got)
	}
	if got := searchIDs(t, l, "tag:solo", true); !slices.Equal(got, []int64{3, 2}) {
		t.Errorf("tag:solo after Restore = %v, want [3 2]", got)
	}
	if got := searchIDs(t, l, "shared", true); !slices.Equal(got, []int64{3, 2, 1}) {
		t.Errorf("search shared after Restore = %v, want [3 2 1]", got)
	}
	if n, err := l.CountSearch(ctx, SearchOptions{Query: "shared"}); err != nil || n != 3 {
		t.Errorf("CountSearch(shared) after Restore = %d, %v; want 3", n, err)
	}
	// A row indexed twice would leave the first one's words behind.
	must(t, l.RemoveTags(ctx, 3, "Shared"))
	if got := searchIDs(t, l, "shared", true); !slices.Equal(got, []int64{2, 1}) {
		t.Errorf("search shared after untagging 3 = %v, want [2 1]", got)
	}
	if got := searchIDs(t, l, "old note", true); !slices.Equal(got, []int64{3}) {
		t.Errorf(`search "old note" after Restore = %v, want [3]`, got)
	}
}
