package storage

import (
	"context"
	"errors"
	"regexp"
	"testing"

	"app.margin/margin/internal/testlib"
)

// uuidV4 is the form of an article key.
var uuidV4 = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)

// TestArticleIdentityIsNeverReused checks that deleting the newest article
// gives the next one a new id and a new key, that a key finds its article
// and, once it is deleted, nothing (not the article that took its place),
// and that an article restored from the trash keeps its id and key.
func TestArticleIdentityIsNeverReused(t *testing.T) {
	l := mustOpen(t)
	ctx := context.Background()
	gen := testlib.Gen{Seed: 5, Words: 40}
	first := mustSave(t, l, gen.Article(0))
	newest := mustSave(t, l, gen.Article(1))
	a, err := l.Get(ctx, newest)
	if err != nil {
		t.Fatal(err)
	}
	if !uuidV4.MatchString(a.Key) {
		t.Fatalf("key %q is not a UUID v4", a.Key)
	}
	if id, err := l.ArticleIDByKey(ctx, a.Key); err != nil || id != newest {
		t.Errorf("ArticleIDByKey(%q) = %d, %v; want %d", a.Key, id, err, newest)
	}
	if err := l.Delete(ctx, newest); err != nil {
		t.Fatal(err)
	}
	next := mustSave(t, l, gen.Article(2))
	if next <= newest {
		t.Errorf("id after deleting the newest article = %d, want more than %d", next, newest)
	}
	b, err := l.Get(ctx, next)
	if err != nil {
		t.Fatal(err)
	}
	if b.Key == a.Key || !uuidV4.MatchString(b.Key) {
		t.Errorf("new article's key %q (the deleted one's: %q)", b.Key, a.Key)
	}
	if id, err := l.ArticleIDByKey(ctx, a.Key); !errors.Is(err, ErrNotFound) {
		t.Errorf("the deleted article's key finds %d, %v; want ErrNotFound", id, err)
	}

	f, err := l.Get(ctx, first)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := l.Trash(ctx, []int64{first}); err != nil {
		t.Fatal(err)
	}
	if _, err := l.ArticleIDByKey(ctx, f.Key); !errors.Is(err, ErrNotFound) {
		t.Errorf("a trashed article's key: %v, want ErrNotFound", err)
	}
	if _, err := l.Restore(ctx, []int64{first}); err != nil {
		t.Fatal(err)
	}
	if id, err := l.ArticleIDByKey(ctx, f.Key); err != nil || id != first {
		t.Errorf("restored article's key finds %d, %v; want %d", id, err, first)
	}
}

// TestKeysGivesEachArticlesKey: Keys agrees with Get for every id asked,
// across more ids than one statement binds, and leaves out ids that name
// no article.
func TestKeysGivesEachArticlesKey(t *testing.T) {
	l := mustOpen(t)
	ctx := context.Background()
	gen := testlib.Gen{Seed: 9, Words: 10}
	var ids []int64
	for i := range 3 {
		ids = append(ids, mustSave(t, l, gen.Article(i)))
	}
	ask := append([]int64{999999}, ids...)
	for i := range 1200 { // more than one chunk of parameters
		ask = append(ask, int64(100000+i))
	}
	keys, err := l.Keys(ctx, ask)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := len(keys), len(ids); got != want {
		t.Errorf("%d keys, want %d (one per article)", got, want)
	}
	for _, id := range ids {
		a, err := l.Get(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if keys[id] != a.Key || !uuidV4.MatchString(keys[id]) {
			t.Errorf("Keys[%d] = %q, want %q", id, keys[id], a.Key)
		}
	}
}
