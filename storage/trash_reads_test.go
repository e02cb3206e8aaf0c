package storage

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"testing"
)

// trashReadViews are the listings trashReads reads, each in every sort.
var trashReadViews = map[string]ListOptions{
	"unread":     {Filter: FilterUnread},
	"all":        {},
	"everything": {WithArchived: true},
	"favourites": {Filter: FilterFavorite},
	"archive":    {Filter: FilterArchived},
	"tag":        {Tag: "shared"},
	"site":       {Site: "a.example"},
}

// trashReadQueries are the searches trashReads runs: words in the text,
// in the marks and split across both, and each filter.
var trashReadQueries = []string{"aardvarks", "mynote", "burrow night", "tag:solo", "tag:shared aardvarks",
	"site:a.example aardvarks", "is:unread aardvarks", "is:favorite", "is:archived aardvarks", "-is:archived aardvarks"}

// trashReads is every read that names articles, as the ids each returns
// (sorted where the order is not the point), by a name for the read. Each
// count is checked against the ids of its listing or search here.
func trashReads(t *testing.T, l *Library, key string) map[string][]int64 {
	t.Helper()
	ctx := context.Background()
	reads := map[string][]int64{}
	for name, opt := range trashReadViews {
		for _, sort := range []Sort{ByClipped, ByPublished, ByTitle} {
			opt.Sort = sort
			var ids []int64
			for _, s := range listEvery(t, l, opt) {
				ids = append(ids, s.ID)
			}
			reads[fmt.Sprintf("List %s by %s", name, sort)] = ids
		}
		n, err := l.CountListed(ctx, opt)
		must(t, err)
		if got := reads["List "+name+" by clipped"]; n != len(got) {
			t.Errorf("CountListed(%s) = %d, List has %v", name, n, got)
		}
		ids, err := l.ListIDs(ctx, opt)
		must(t, err)
		reads["ListIDs "+name] = ids
	}
	for _, q := range trashReadQueries {
		for _, newest := range []bool{false, true} {
			reads[fmt.Sprintf("Search %q newest %v", q, newest)] = slices.Sorted(slices.Values(searchIDs(t, l, q, newest)))
		}
		n, err := l.CountSearch(ctx, SearchOptions{Query: q})
		must(t, err)
		if got := reads[fmt.Sprintf("Search %q newest false", q)]; n != len(got) {
			t.Errorf("CountSearch(%q) = %d, Search finds %v", q, n, got)
		}
	}
	n, err := l.Count(ctx)
	must(t, err)
	if got := reads["ListIDs everything"]; n != len(got) {
		t.Errorf("Count = %d, ListIDs(everything) = %v", n, got)
	}
	tagged, err := l.TaggedIDs(ctx, "solo")
	must(t, err)
	reads["TaggedIDs solo"] = tagged
	missing, err := l.ArticlesMissingPictures(ctx)
	must(t, err)
	reads["ArticlesMissingPictures"] = missing
	if id, err := l.ArticleIDByKey(ctx, key); err == nil {
		reads["ArticleIDByKey"] = []int64{id}
	} else if !errors.Is(err, ErrNotFound) {
		t.Fatal(err)
	}
	items, err := l.QueueItems(ctx, "", 100)
	must(t, err)
	for _, it := range items {
		reads["QueueItems"] = append(reads["QueueItems"], it.ArticleID)
	}
	return reads
}

// TestTrashLeavesEveryRead: articles in the trash are out of every
// listing, count, search, tag count, key lookup, the queue and the list of
// missing pictures, and every call on one by its id finds none; a clip or
// an import of its page makes a new article, as when the trash held copies.
// Restore brings back every read as it was.
func TestTrashLeavesEveryRead(t *testing.T) {
	ctx := context.Background()
	l := mustOpen(t)
	gone := testArticle("https://a.example/gone", "Aardvarks burrow at night.")
	gone.ContentHTML += `<img src="https://a.example/missing.png">` // listed missing
	goneID := mustSave(t, l, gone)
	archivedID := mustSave(t, l, testArticle("https://a.example/archived", "Aardvarks archived."))
	keptID := mustSave(t, l, testArticle("https://a.example/kept", "Aardvarks sleep by day."))
	must(t, l.AddTags(ctx, goneID, "shared", "solo"))
	must(t, l.AddTags(ctx, archivedID, "shared"))
	must(t, l.AddTags(ctx, keptID, "shared"))
	must(t, l.SetNote(ctx, goneID, "mynote"))
	must(t, l.SetFavorite(ctx, goneID, true))
	must(t, l.SetArchived(ctx, archivedID, true))
	h, err := l.AddHighlight(ctx, Highlight{ArticleID: goneID, Start: 0, End: 9, Color: Yellow})
	must(t, err)
	out, err := l.Import(ctx, []ImportEntry{{URL: "https://a.example/queued", Title: "Queued page", Fetch: true}})
	must(t, err)
	queuedID := out[0].ID
	a, err := l.Get(ctx, goneID)
	must(t, err)
	trashed := []int64{goneID, archivedID, queuedID}

	before := trashReads(t, l, a.Key)
	for name, ids := range before {
		if !slices.ContainsFunc(ids, func(id int64) bool { return slices.Contains(trashed, id) }) {
			t.Errorf("%s = %v before the trash, want one of the articles to trash", name, ids)
		}
	}
	tagsBefore, err := l.Tags(ctx)
	must(t, err)
	statusBefore, err := l.QueueStatus(ctx)
	must(t, err)

	if n, err := l.Trash(ctx, trashed); err != nil || n != len(trashed) {
		t.Fatalf("Trash = %d, %v; want %d", n, err, len(trashed))
	}
	in := trashReads(t, l, a.Key)
	for name, ids := range before {
		want := slices.DeleteFunc(slices.Clone(ids), func(id int64) bool { return slices.Contains(trashed, id) })
		if got := in[name]; !slices.Equal(got, want) {
			t.Errorf("%s with articles in the trash = %v, want %v", name, got, want)
		}
	}
	tags, err := l.Tags(ctx)
	must(t, err)
	if want := []Tag{{"shared", 1}}; !reflect.DeepEqual(tags, want) {
		t.Errorf("Tags with articles in the trash = %v, want %v", tags, want)
	}
	if s, err := l.QueueStatus(ctx); err != nil || s.Total() != 0 {
		t.Errorf("QueueStatus with the queued article in the trash = %+v, %v; want nothing", s, err)
	}
	if _, ok, err := l.NextQueued(ctx); err != nil || ok {
		t.Errorf("NextQueued with the queued article in the trash = %v, %v; want none", ok, err)
	}
	if it, ok, err := l.ClaimQueued(ctx, l.now(), nil); err != nil || ok {
		t.Errorf("ClaimQueued with the queued article in the trash = %+v, %v, %v; want none", it, ok, err)
	}

	byID := map[string]func() error{
		"Get":         func() error { _, err := l.Get(ctx, goneID); return err },
		"Highlights":  func() error { _, err := l.Highlights(ctx, goneID); return err },
		"RawHTML":     func() error { _, err := l.RawHTML(ctx, goneID); return err },
		"Versions":    func() error { _, err := l.Versions(ctx, goneID); return err },
		"ArticleTags": func() error { _, err := l.ArticleTags(ctx, goneID); return err },
		"SetNote":     func() error { return l.SetNote(ctx, goneID, "x") },
		"SetUnread":   func() error { return l.SetUnread(ctx, goneID, false) },
		"SetPosition": func() error { return l.SetPosition(ctx, goneID, 1) },
		"AddTags":     func() error { return l.AddTags(ctx, goneID, "new") },
		"RemoveTags":  func() error { return l.RemoveTags(ctx, goneID, "solo") },
		"AddHighlight": func() error {
			_, err := l.AddHighlight(ctx, Highlight{ArticleID: goneID, Start: 0, End: 3})
			return err
		},
		"UpdateHighlight": func() error { _, err := l.UpdateHighlight(ctx, h.ID, Pink, "x"); return err },
		"DeleteHighlight": func() error { return l.DeleteHighlight(ctx, h.ID) },
		"SetPictures":     func() error { return l.SetPictures(ctx, goneID, nil) },
		"Delete":          func() error { return l.Delete(ctx, goneID) },
		"SetArchivedMany": func() error { _, err := l.SetArchivedMany(ctx, []int64{goneID}, true); return err },
		"AddTagMany":      func() error { _, err := l.AddTagMany(ctx, []int64{goneID}, "new"); return err },
		"Trash again":     func() error { _, err := l.Trash(ctx, []int64{goneID}); return err },
	}
	for name, call := range byID {
		if err := call(); !errors.Is(err, ErrNotFound) {
			t.Errorf("%s of an article in the trash: %v, want ErrNotFound", name, err)
		}
	}
	if ids, err := l.DeleteTag(ctx, "solo"); !errors.Is(err, ErrNotFound) {
		t.Errorf("DeleteTag of a tag of the trash only = %v, %v; want ErrNotFound", ids, err)
	}

	if n, err := l.Restore(ctx, trashed); err != nil || n != len(trashed) {
		t.Fatalf("Restore = %d, %v; want %d", n, err, len(trashed))
	}
	if after := trashReads(t, l, a.Key); !reflect.DeepEqual(after, before) {
		for name := range before {
			if !slices.Equal(after[name], before[name]) {
				t.Errorf("%s after Restore = %v, want %v", name, after[name], before[name])
			}
		}
	}
	if tags, err := l.Tags(ctx); err != nil || !reflect.DeepEqual(tags, tagsBefore) {
		t.Errorf("Tags after Restore = %v, %v; want %v", tags, err, tagsBefore)
	}
	if s, err := l.QueueStatus(ctx); err != nil || !reflect.DeepEqual(s, statusBefore) {
		t.Errorf("QueueStatus after Restore = %+v, %v; want %+v", s, err, statusBefore)
	}
	if hs, err := l.Highlights(ctx, goneID); err != nil || len(hs) != 1 || hs[0].ID != h.ID {
		t.Errorf("Highlights after Restore = %+v, %v; want highlight %d", hs, err, h.ID)
	}
}

// TestClipOfATrashedPage: clipping or importing the page of an article in
// the trash makes a new article (the trashed one is not found), and
// Restore then puts the old one back beside it.
func TestClipOfATrashedPage(t *testing.T) {
	ctx := context.Background()
	l := mustOpen(t)
	old := mustSave(t, l, testArticle("https://a.example/page", "Aardvarks."))
	_, err := l.Trash(ctx, []int64{old})
	must(t, err)
	id, updated, err := l.Save(ctx, testArticle("https://a.example/page", "Aardvarks again."))
	must(t, err)
	if id == old || updated {
		t.Errorf("Save of a trashed article's page = %d (updated %v), want a new article, not %d", id, updated, old)
	}
	_, err = l.Trash(ctx, []int64{id})
	must(t, err)
	out, err := l.Import(ctx, []ImportEntry{{URL: "https://a.example/page", Title: "Page"}})
	must(t, err)
	if out[0].Existing || out[0].ID == old || out[0].ID == id {
		t.Errorf("Import of a trashed article's page = %+v, want a new article", out[0])
	}
	_, err = l.Restore(ctx, []int64{old, id})
	must(t, err)
	if n, err := l.Count(ctx); err != nil || n != 3 {
		t.Errorf("Count after Restore = %d, %v; want the 3 articles", n, err)
	}
}

// TestTagsOfTheTrashOnly: a tag that only articles in the trash carry is
// not a tag until they come back: not listed, not renamed or deleted, and
// a new tag of its name takes the new spelling, which the restored
// articles then carry.
func TestTagsOfTheTrashOnly(t *testing.T) {
	ctx := context.Background()
	l := mustOpen(t)
	gone := mustSave(t, l, testArticle("https://a.example/gone", "Gone."))
	kept := mustSave(t, l, testArticle("https://a.example/kept", "Kept."))
	must(t, l.AddTags(ctx, gone, "Go", "Hidden"))
	_, err := l.Trash(ctx, []int64{gone})
	must(t, err)
	if err := l.RenameTag(ctx, "Hidden", "Shown"); !errors.Is(err, ErrNotFound) {
		t.Errorf("RenameTag of a tag of the trash only: %v, want ErrNotFound", err)
	}
	must(t, l.AddTags(ctx, kept, "go", "other"))
	must(t, l.RenameTag(ctx, "other", "HIDDEN")) // merges into the trash's tag, spelled as typed
	tags, err := l.Tags(ctx)
	must(t, err)
	if want := []Tag{{"go", 1}, {"HIDDEN", 1}}; !reflect.DeepEqual(tags, want) {
		t.Errorf("Tags = %v, want %v", tags, want)
	}
	_, err = l.Restore(ctx, []int64{gone})
	must(t, err)
	if got, err := l.ArticleTags(ctx, gone); err != nil || !slices.Equal(got, []string{"go", "HIDDEN"}) {
		t.Errorf("restored article's tags = %v, %v; want [go HIDDEN]", got, err)
	}
}

// TestMergeUndoLeavesTheTrash: merging a tag that an article in the trash
// carries, then undoing it as the window does (the articles out of the
// trash tagged from again, to taken off), leaves that article's tag as it
// was when it comes back, as when the trash kept tags by name.
func TestMergeUndoLeavesTheTrash(t *testing.T) {
	ctx := context.Background()
	l := mustOpen(t)
	gone := mustSave(t, l, testArticle("https://a.example/gone", "Gone."))
	kept := mustSave(t, l, testArticle("https://a.example/kept", "Kept."))
	other := mustSave(t, l, testArticle("https://a.example/other", "Other."))
	must(t, l.AddTags(ctx, gone, "x"))
	must(t, l.AddTags(ctx, kept, "x"))
	must(t, l.AddTags(ctx, other, "y"))
	_, err := l.Trash(ctx, []int64{gone})
	must(t, err)
	fromIDs, err := l.TaggedIDs(ctx, "x")
	must(t, err)
	must(t, l.RenameTag(ctx, "x", "y"))
	if tags, err := l.Tags(ctx); err != nil || !reflect.DeepEqual(tags, []Tag{{"y", 2}}) {
		t.Errorf("Tags after the merge = %v, %v; want [{y 2}]", tags, err)
	}
	_, err = l.AddTagMany(ctx, fromIDs, "x")
	must(t, err)
	_, err = l.RemoveTagMany(ctx, fromIDs, "y")
	must(t, err)
	_, err = l.Restore(ctx, []int64{gone})
	must(t, err)
	if got, err := l.ArticleTags(ctx, gone); err != nil || !slices.Equal(got, []string{"x"}) {
		t.Errorf("restored article's tags after a merge and its undo = %v, %v; want [x]", got, err)
	}
}
