package storage

import (
	"context"
	"database/sql"
	"errors"
	"reflect"
	"slices"
	"testing"
	"time"
)

// snapshot is what an article holds that a trip through the trash must keep.
type snapshot struct {
	Article    *Article
	Raw        []byte
	Highlights []Highlight
	Versions   []Version
	Pictures   int
}

func takeSnapshot(t *testing.T, l *Library, id int64) snapshot {
	t.Helper()
	ctx := context.Background()
	a, err := l.Get(ctx, id)
	must(t, err)
	raw, err := l.RawHTML(ctx, id)
	must(t, err)
	hs, err := l.Highlights(ctx, id)
	must(t, err)
	vs, err := l.Versions(ctx, id)
	must(t, err)
	for i := range hs { // a highlight whose id was taken comes back under a new one
		hs[i].ID = 0
	}
	return snapshot{a, raw, hs, vs, countPictures(t, l)}
}

// TestTrashAndRestoreKeepEverything: an article moved to the trash leaves
// every listing, search and tag count, its pictures stay stored, and
// Restore puts it back as it was under its id, even when a highlight's id
// was taken meanwhile.
func TestTrashAndRestoreKeepEverything(t *testing.T) {
	ctx := context.Background()
	l := mustOpen(t)
	pic := pngPicture(t, "https://a.example/cat.png", 30, 20)
	a := withPictures("https://a.example/1", pic)
	a.Text = "A paragraph about aardvarks."
	id := mustSave(t, l, a)
	a.Text = "A paragraph about aardvarks, clipped again."
	mustSave(t, l, a) // a re-clip keeps a version
	other := mustSave(t, l, testArticle("https://b.example/2", "Bees."))
	must(t, l.AddTags(ctx, id, "solo", "Common"))
	must(t, l.AddTags(ctx, other, "common"))
	must(t, l.SetNote(ctx, id, "my note"))
	must(t, l.SetPosition(ctx, id, 0.4))
	must(t, l.SetFavorite(ctx, id, true))
	_, err := l.AddHighlight(ctx, Highlight{ArticleID: id, Start: 2, End: 11, Color: Pink, Note: "why"})
	must(t, err)
	before := takeSnapshot(t, l, id)
	if len(before.Versions) == 0 || len(before.Highlights) == 0 || before.Pictures == 0 {
		t.Fatalf("the article to trash lacks versions, highlights or pictures: %+v", before)
	}

	if n, err := l.Trash(ctx, []int64{id, 999}); err != nil || n != 1 {
		t.Fatalf("Trash = %d, %v; want 1, nil", n, err)
	}
	if _, err := l.Get(ctx, id); !errors.Is(err, ErrNotFound) {
		t.Errorf("Get of a trashed article: %v, want ErrNotFound", err)
	}
	if got := searchIDs(t, l, "aardvarks", true); len(got) != 0 {
		t.Errorf("search finds the trashed article: %v", got)
	}
	tags, err := l.Tags(ctx)
	must(t, err)
	if want := []Tag{{"Common", 1}}; !reflect.DeepEqual(tags, want) {
		t.Errorf("tags with the article in the trash = %v, want %v", tags, want)
	}
	if got := countPictures(t, l); got != before.Pictures {
		t.Errorf("pictures with the article in the trash = %d, want %d kept", got, before.Pictures)
	}
	if n, _, err := l.GC(ctx); err != nil || n != 0 {
		t.Errorf("GC removed %d pictures (%v) of an article in the trash", n, err)
	}
	// The trashed highlight had the highest id: a new one takes it.
	_, err = l.AddHighlight(ctx, Highlight{ArticleID: other, Start: 0, End: 3, Color: Yellow})
	must(t, err)

	if n, err := l.Restore(ctx, []int64{id}); err != nil || n != 1 {
		t.Fatalf("Restore = %d, %v; want 1, nil", n, err)
	}
	after := takeSnapshot(t, l, id)
	if !reflect.DeepEqual(after, before) {
		t.Errorf("restored article differs:\n got %+v\nwant %+v", after, before)
	}
	if got := searchIDs(t, l, "aardvarks", true); !slices.Equal(got, []int64{id}) {
		t.Errorf("search after restore = %v, want [%d]", got, id)
	}
	if got := searchIDs(t, l, "tag:solo", true); !slices.Equal(got, []int64{id}) {
		t.Errorf("tag:solo after restore = %v, want [%d]", got, id)
	}
	tags, err = l.Tags(ctx)
	must(t, err)
	if want := []Tag{{"Common", 2}, {"solo", 1}}; !reflect.DeepEqual(tags, want) {
		t.Errorf("tags after restore = %v, want %v", tags, want)
	}
	if _, err := l.Restore(ctx, []int64{id}); !errors.Is(err, ErrNotFound) {
		t.Errorf("second Restore: %v, want ErrNotFound", err)
	}
	if _, err := l.Trash(ctx, []int64{998}); !errors.Is(err, ErrNotFound) {
		t.Errorf("Trash of no article: %v, want ErrNotFound", err)
	}
}

// TestPurgeTrash: emptying the trash deletes its articles and their own
// pictures for good; their ids are never handed out again.
func TestPurgeTrash(t *testing.T) {
	ctx := context.Background()
	l := mustOpen(t)
	older := mustSave(t, l, withPictures("https://a.example/1", pngPicture(t, "https://a.example/cat.png", 30, 20)))
	newer := mustSave(t, l, testArticle("https://a.example/2", "Two."))
	_, err := l.Trash(ctx, []int64{older})
	must(t, err)
	cut := l.now()
	_, err = l.Trash(ctx, []int64{newer})
	must(t, err)
	if n, err := l.PurgeTrash(ctx, cut); err != nil || n != 1 {
		t.Fatalf("PurgeTrash = %d, %v; want 1 (the older one)", n, err)
	}
	if got := countPictures(t, l); got != 0 {
		t.Errorf("%d pictures left after their article was purged", got)
	}
	if _, err := l.Restore(ctx, []int64{older}); !errors.Is(err, ErrNotFound) {
		t.Errorf("Restore of a purged article: %v, want ErrNotFound", err)
	}
	if n, err := l.PurgeTrash(ctx, l.now().Add(time.Hour)); err != nil || n != 1 {
		t.Fatalf("PurgeTrash of the rest = %d, %v; want 1", n, err)
	}
	if id := mustSave(t, l, testArticle("https://a.example/3", "Three.")); id <= newer {
		t.Errorf("a new article got id %d, at or below the deleted %d", id, newer)
	}
}

// TestTrashKeepsIndexRows: a trashed article keeps its rows of the
// full-text index, which every search and count leaves out (by text, by
// marks, and by both at once, whatever the order); Restore finds them
// again without reindexing, PurgeTrash deletes them, and an article
// trashed before its rows were kept (or before a reindex of the library)
// is indexed when restored.
func TestTrashKeepsIndexRows(t *testing.T) {
	ctx := context.Background()
	l := mustOpen(t)
	id := mustSave(t, l, testArticle("https://a.example/1", "Aardvarks dig at night."))
	keep := mustSave(t, l, testArticle("https://a.example/2", "Aardvarks sleep by day."))
	must(t, l.AddTags(ctx, id, "burrow"))
	must(t, l.AddTags(ctx, keep, "burrow"))
	queries := []string{"aardvarks", "burrow", "burrow night", "aardvarks is:unread", "aardvarks tag:burrow"}
	found := func(want []int64) {
		t.Helper()
		for _, q := range queries {
			wantHere := want
			if q == "burrow night" {
				wantHere = slices.DeleteFunc(slices.Clone(want), func(x int64) bool { return x != id })
			}
			for _, newest := range []bool{false, true} {
				got := slices.Sorted(slices.Values(searchIDs(t, l, q, newest)))
				if !slices.Equal(got, wantHere) {
					t.Errorf("Search(%q, newest %v) = %v, want %v", q, newest, got, wantHere)
				}
			}
			if n, err := l.CountSearch(ctx, SearchOptions{Query: q}); err != nil || n != len(wantHere) {
				t.Errorf("CountSearch(%q) = %d, %v; want %d", q, n, err, len(wantHere))
			}
		}
	}
	indexRows := func() int {
		var n int
		must(t, l.readers.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM article_search WHERE rowid = ?1)
			+ (SELECT count(*) FROM article_marks WHERE rowid = ?1)`, id).Scan(&n))
		return n
	}
	// trashAndRestore trashes id, runs inTrash, checks that searches leave
	// it out, restores it and checks that they find it again.
	trashAndRestore := func(inTrash func()) {
		t.Helper()
		_, err := l.Trash(ctx, []int64{id})
		must(t, err)
		inTrash()
		found([]int64{keep})
		_, err = l.Restore(ctx, []int64{id})
		must(t, err)
		found([]int64{id, keep})
	}
	found([]int64{id, keep})
	trashAndRestore(func() {
		if got := indexRows(); got != 2 {
			t.Errorf("the trashed article has %d index rows, want its 2 kept", got)
		}
	})

	// As a library upgraded to two tables holds an article trashed before.
	trashAndRestore(func() {
		must(t, l.write(ctx, func(tx *sql.Tx) error {
			if err := unindex(ctx, tx, id); err != nil {
				return err
			}
			_, err := tx.ExecContext(ctx, `UPDATE trash SET indexed = 0`)
			return err
		}))
	})

	_, err := l.Trash(ctx, []int64{id})
	must(t, err)
	if _, err := l.PurgeTrash(ctx, l.now().Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	if got := indexRows(); got != 0 {
		t.Errorf("a purged article has %d index rows, want none", got)
	}
	found([]int64{keep})

	// A migration that reindexes the library drops the trashed articles'
	// rows with the others.
	_, err = l.Trash(ctx, []int64{keep})
	must(t, err)
	must(t, l.write(ctx, func(tx *sql.Tx) error { return reindexAll(ctx, tx, func(int, int) {}) }))
	_, err = l.Restore(ctx, []int64{keep})
	must(t, err)
	found([]int64{keep})
}
