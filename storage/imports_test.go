package storage

import (
	"context"
	"errors"
	"path/filepath"
	"reflect"
	"testing"
	"time"
)

// count returns the number of rows of a table (a name from this test).
func count(t *testing.T, l *Library, table string) int {
	t.Helper()
	var n int
	if err := l.readers.QueryRowContext(context.Background(), `SELECT count(*) FROM `+table).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestImport(t *testing.T) {
	ctx := context.Background()
	l := mustOpen(t)
	saved := time.Date(2020, 5, 6, 7, 8, 9, 0, time.UTC)
	content := testArticle("https://example.com/with-content", "Readability scores measure how hard a text is to read.", "短段落让眼睛有地方休息。")
	content.Title = "Title from the HTML"
	entries := []ImportEntry{
		{URL: "https://example.com/bookmark", Title: "书签：稍后阅读", Tags: []string{"稍后", "go"}, SavedAt: saved,
			Unread: true, Fetch: true, Highlights: []ImportHighlight{{Quote: "a quote with no text yet", Note: "笔记"}}},
		{URL: "https://example.com/with-content", Title: "Imported title", Tags: []string{"reading"}, SavedAt: saved.Add(time.Hour),
			Archived: true, Favorite: true, Article: content, Fetch: true, Highlights: []ImportHighlight{
				{Quote: "how hard a text is to read", Note: "placed"},
				{Quote: "眼睛有地方休息"},
				{Quote: "a sentence edited away", Note: "kept"},
			}},
		{URL: "https://example.com/no-fetch", Title: "Held 暂存的书签", Tags: []string{"归档"}, Fetch: false},
	}
	preview, err := l.PreviewImport(ctx, entries)
	must(t, err)
	if got, want := preview, (ImportCounts{New: 3, WithHighlights: 2, ToFetch: 1}); got != want {
		t.Errorf("preview %+v, want %+v", got, want)
	}
	out, err := l.Import(ctx, entries)
	must(t, err)
	want := []ImportOutcome{
		{ID: 1, Queued: true, Orphaned: 1},
		{ID: 2, Placed: 2, Orphaned: 1},
		{ID: 3},
	}
	if !reflect.DeepEqual(out, want) {
		t.Errorf("outcomes %+v, want %+v", out, want)
	}

	bm, err := l.Get(ctx, 1)
	must(t, err)
	if bm.Title != "书签：稍后阅读" || bm.URL != "https://example.com/bookmark" || !bm.ClippedAt.Equal(saved) ||
		!bm.Unread || bm.Archived || bm.Favorite || !reflect.DeepEqual(bm.Tags, []string{"go", "稍后"}) || bm.Text != "" {
		t.Errorf("bookmark %+v", bm)
	}
	full, err := l.Get(ctx, 2)
	must(t, err)
	if full.Title != "Imported title" || full.Text != content.Text || !full.ClippedAt.Equal(saved.Add(time.Hour)) ||
		full.Unread || !full.Archived || !full.Favorite || !reflect.DeepEqual(full.Tags, []string{"reading"}) {
		t.Errorf("article with content %+v", full)
	}
	hs, err := l.Highlights(ctx, 2)
	must(t, err)
	var got []string
	for _, h := range hs {
		got = append(got, h.Quote+"|"+h.Note+"|"+map[bool]string{true: "orphan", false: "placed"}[h.Orphaned])
	}
	if want := []string{"how hard a text is to read|placed|placed", "眼睛有地方休息||placed", "a sentence edited away|kept|orphan"}; !reflect.DeepEqual(got, want) {
		t.Errorf("highlights %q, want %q", got, want)
	}
	// Entries indexed on the import's fast path are found like the others.
	for _, q := range []string{"稍后", "暂存", "tag:归档", "site:example.com held"} {
		if hits, err := l.Search(ctx, SearchOptions{Query: q}); err != nil || len(hits) != 1 {
			t.Errorf("search %q: %v, %v", q, hits, err)
		}
	}

	// The same file again changes nothing.
	before := []int{count(t, l, "articles"), count(t, l, "highlights"), count(t, l, "queue"), count(t, l, "article_tags")}
	preview, err = l.PreviewImport(ctx, entries)
	must(t, err)
	if got, want := preview, (ImportCounts{Existing: 3, WithHighlights: 2}); got != want {
		t.Errorf("second preview %+v, want %+v", got, want)
	}
	out, err = l.Import(ctx, entries)
	must(t, err)
	for i, o := range out {
		if !o.Existing || o.Queued || o.Placed+o.Orphaned != 0 {
			t.Errorf("second import, entry %d: %+v", i, o)
		}
	}
	after := []int{count(t, l, "articles"), count(t, l, "highlights"), count(t, l, "queue"), count(t, l, "article_tags")}
	if !reflect.DeepEqual(before, after) {
		t.Errorf("second import changed the row counts (articles, highlights, queue, tags) from %v to %v", before, after)
	}
}

// TestImportKeepsExisting: a page clipped before keeps its content, state
// and highlights, and gains the imported tags and the highlights it lacked.
func TestImportKeepsExisting(t *testing.T) {
	ctx := context.Background()
	l := mustOpen(t)
	a := testArticle("https://example.com/page", "The first paragraph of the page.", "The second paragraph of the page.")
	id := mustSave(t, l, a)
	_, err := l.HighlightQuote(ctx, id, "first paragraph", 1, Green, "mine")
	must(t, err)
	must(t, l.AddTags(ctx, id, "old"))
	clipped, err := l.Get(ctx, id)
	must(t, err)

	out, err := l.Import(ctx, []ImportEntry{{
		URL: "http://EXAMPLE.com/page?utm_source=pocket#top", Title: "Pocket's title", Tags: []string{"新", "OLD"},
		SavedAt: time.Date(2001, 1, 1, 0, 0, 0, 0, time.UTC), Archived: true, Fetch: true,
		Highlights: []ImportHighlight{{Quote: "first  paragraph"}, {Quote: "second paragraph", Note: "theirs"}},
	}})
	must(t, err)
	if got, want := out[0], (ImportOutcome{ID: id, Existing: true, Placed: 1}); got != want {
		t.Errorf("outcome %+v, want %+v", got, want)
	}
	got, err := l.Get(ctx, id)
	must(t, err)
	if got.Title != clipped.Title || got.Text != clipped.Text || !got.ClippedAt.Equal(clipped.ClippedAt) || got.Archived ||
		!reflect.DeepEqual(got.Tags, []string{"old", "新"}) {
		t.Errorf("after import: %q %v archived=%v tags=%q", got.Title, got.ClippedAt, got.Archived, got.Tags)
	}
	hs, err := l.Highlights(ctx, id)
	must(t, err)
	if len(hs) != 2 || hs[0].Color != Green || hs[0].Note != "mine" || hs[1].Quote != "second paragraph" || hs[1].Orphaned {
		t.Errorf("highlights %+v", hs)
	}
	if n := count(t, l, "queue"); n != 0 {
		t.Errorf("%d queue rows for a page already clipped", n)
	}
}

func TestImportInvalidWritesNothing(t *testing.T) {
	ctx := context.Background()
	l := mustOpen(t)
	_, err := l.Import(ctx, []ImportEntry{{URL: "https://example.com/ok"}, {URL: "javascript:alert(1)"}})
	if !errors.Is(err, ErrInvalid) {
		t.Fatalf("Import: %v, want ErrInvalid", err)
	}
	if n := count(t, l, "articles"); n != 0 {
		t.Errorf("%d articles written by a refused import", n)
	}
}

func TestQueue(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "library.db")
	l := mustOpenPath(t, path)
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	_, err := l.Import(ctx, []ImportEntry{
		{URL: "https://a.example/1", Title: "A1", Fetch: true, Tags: []string{"t"}, Favorite: true,
			SavedAt: now.Add(-time.Hour), Highlights: []ImportHighlight{{Quote: "second paragraph", Note: "n"}}},
		{URL: "https://a.example/2", Title: "A2", Fetch: true},
		{URL: "https://b.example/1", Title: "B1", Fetch: true},
	})
	must(t, err)

	first, ok, err := l.ClaimQueued(ctx, now, nil)
	must(t, err)
	if !ok || first.URL != "https://a.example/1" || first.Host != "a.example" || first.Tries != 1 || first.State != QueueRunning || first.Title != "A1" {
		t.Fatalf("first claim %+v, %v", first, ok)
	}
	second, ok, err := l.ClaimQueued(ctx, now, []string{"a.example"})
	must(t, err)
	if !ok || second.URL != "https://b.example/1" {
		t.Fatalf("claim past a busy host: %+v, %v", second, ok)
	}
	if _, ok, _ := l.ClaimQueued(ctx, now, []string{"a.example", "b.example"}); ok {
		t.Error("claimed a row of a busy host")
	}

	// The page lands on another address (a redirect): the article keeps its
	// id, clip date, tags and state; its highlight finds its quote.
	page := testArticle("https://www.a.example/moved", "The first paragraph.", "The second paragraph.")
	page.URL = first.URL
	must(t, l.FinishQueued(ctx, first.ID, page))
	got, err := l.Get(ctx, first.ArticleID)
	must(t, err)
	if got.Text != page.Text || !got.ClippedAt.Equal(now.Add(-time.Hour)) || !got.Favorite || !reflect.DeepEqual(got.Tags, []string{"t"}) {
		t.Errorf("fetched article %+v", got)
	}
	hs, err := l.Highlights(ctx, first.ArticleID)
	must(t, err)
	if len(hs) != 1 || hs[0].Orphaned || hs[0].Quote != "second paragraph" {
		t.Errorf("highlight after the fetch: %+v", hs)
	}
	out, err := l.Import(ctx, []ImportEntry{{URL: "https://a.example/1", Fetch: true}})
	must(t, err)
	if !out[0].Existing || out[0].ID != first.ArticleID {
		t.Errorf("re-import after the fetch moved the page: %+v", out[0])
	}

	// A 503: wait; a 404: failed with its reason, then retried on demand.
	must(t, l.DeferQueued(ctx, second.ID, now.Add(time.Minute), "503 Service Unavailable"))
	third, ok, err := l.ClaimQueued(ctx, now, nil)
	must(t, err)
	if !ok || third.URL != "https://a.example/2" {
		t.Fatalf("third claim %+v, %v", third, ok)
	}
	if _, ok, _ := l.ClaimQueued(ctx, now, nil); ok {
		t.Error("claimed a row before its not_before")
	}
	must(t, l.FailQueued(ctx, third.ID, "404 Not Found"))
	st, err := l.QueueStatus(ctx)
	must(t, err)
	if st.Pending != 1 || st.Done != 1 || st.Failed != 1 || !st.Next.Equal(now.Add(time.Minute)) ||
		len(st.Failures) != 1 || st.Failures[0].Error != "404 Not Found" {
		t.Errorf("status %+v", st)
	}
	if n, err := l.RetryFailed(ctx); err != nil || n != 1 {
		t.Errorf("RetryFailed: %d, %v", n, err)
	}

	// A process killed with a row claimed: the row is retried on the next run.
	claimed, ok, err := l.ClaimQueued(ctx, now.Add(time.Hour), nil)
	must(t, err)
	if !ok {
		t.Fatal("nothing to claim")
	}
	must(t, l.Close())
	l2, err := Open(ctx, path)
	must(t, err)
	t.Cleanup(func() { l2.Close() })
	if n, err := l2.ResumeQueue(ctx); err != nil || n != 1 {
		t.Errorf("ResumeQueue: %d, %v", n, err)
	}
	again, ok, err := l2.ClaimQueued(ctx, now.Add(time.Hour), nil)
	must(t, err)
	if !ok || again.ID != claimed.ID {
		t.Errorf("after the restart claimed %+v, want row %d", again, claimed.ID)
	}
}

// TestQueueMergesSamePage: a queued address that lands on a page the
// library holds already is folded into that article, not stored twice.
func TestQueueMergesSamePage(t *testing.T) {
	ctx := context.Background()
	l := mustOpen(t)
	page := testArticle("https://site.example/real", "The first paragraph.", "The second paragraph.")
	x := mustSave(t, l, page)
	must(t, l.SetFavorite(ctx, x, true))
	out, err := l.Import(ctx, []ImportEntry{{URL: "https://short.example/x", Title: "Short link", Tags: []string{"短链"}, Fetch: true,
		Highlights: []ImportHighlight{{Quote: "second paragraph", Note: "from the export"}}}})
	must(t, err)
	bookmark := out[0].ID
	item, ok, err := l.ClaimQueued(ctx, time.Now(), nil)
	must(t, err)
	if !ok {
		t.Fatal("nothing queued")
	}
	fetched := testArticle("https://site.example/real", "The first paragraph.", "The second paragraph.")
	fetched.URL = item.URL // what clip returns: the address asked for, and where it landed
	must(t, l.FinishQueued(ctx, item.ID, fetched))

	if n := count(t, l, "articles"); n != 1 {
		t.Errorf("%d articles, want the one the page already was", n)
	}
	if _, err := l.Get(ctx, bookmark); !errors.Is(err, ErrNotFound) {
		t.Errorf("the bookmark is still there: %v", err)
	}
	a, err := l.Get(ctx, x)
	must(t, err)
	if !a.Favorite || !reflect.DeepEqual(a.Tags, []string{"短链"}) {
		t.Errorf("merged article: favorite=%v tags=%q", a.Favorite, a.Tags)
	}
	hs, err := l.Highlights(ctx, x)
	must(t, err)
	if len(hs) != 1 || hs[0].Orphaned || hs[0].Note != "from the export" {
		t.Errorf("highlights %+v", hs)
	}
	out, err = l.Import(ctx, []ImportEntry{{URL: "https://short.example/x", Fetch: true}})
	must(t, err)
	if !out[0].Existing || out[0].ID != x || out[0].Queued {
		t.Errorf("importing the short address again: %+v", out[0])
	}
	st, err := l.QueueStatus(ctx)
	must(t, err)
	if st.Done != 1 || st.Total() != 1 {
		t.Errorf("queue %+v", st)
	}
}
