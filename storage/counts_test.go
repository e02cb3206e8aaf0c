package storage

import (
	"context"
	"testing"

	"app.margin/margin/internal/testlib"
)

// listEvery pages through a listing and returns every row.
func listEvery(tb testing.TB, l *Library, opt ListOptions) []Summary {
	tb.Helper()
	var all []Summary
	opt.Limit = 97 // pages that do not divide the views evenly
	for {
		p, err := l.List(context.Background(), opt)
		if err != nil {
			tb.Fatalf("List(%+v): %v", opt, err)
		}
		all = append(all, p.Items...)
		if p.Next == "" {
			return all
		}
		opt.After = p.Next
	}
}

// searchEvery pages through a search and returns every hit.
func searchEvery(tb testing.TB, l *Library, opt SearchOptions) []Summary {
	tb.Helper()
	var all []Summary
	opt.Limit = 97
	for {
		opt.Offset = len(all)
		hits, err := l.Search(context.Background(), opt)
		if err != nil {
			tb.Fatalf("Search(%+v): %v", opt, err)
		}
		all = append(all, hits...)
		if len(hits) < opt.Limit {
			return all
		}
	}
}

// TestCountsEqualRows checks that every count the app shows equals the rows
// it describes, on 600 generated articles (some archived, favourites,
// unread, 2,000 possible tags): CountListed of each view in each order,
// each tag's count in Tags, Count for the whole library, and CountSearch
// for searches that take in the archive, leave it out or keep to it.
func TestCountsEqualRows(t *testing.T) {
	g := testlib.Scale
	g.Words = 200
	l := mustGenerate(t, g, 600)
	ctx := context.Background()
	var archived int
	for _, v := range scaleViews {
		for _, sort := range []Sort{ByClipped, ByPublished, ByTitle} {
			for _, small := range []int{0, 2000} { // tags walked in order, or read first
				smallTagRows = small
				opt := v.opt
				opt.Sort = sort
				rows := listEvery(t, l, opt)
				n, err := l.CountListed(ctx, opt)
				if err != nil {
					t.Fatal(err)
				}
				if n != len(rows) {
					t.Errorf("%s by %s (small tags up to %d): CountListed = %d, the list has %d rows", v.name, sort, small, n, len(rows))
				}
				seen := map[int64]bool{}
				for _, r := range rows {
					if seen[r.ID] {
						t.Errorf("%s by %s: article %d listed twice", v.name, sort, r.ID)
					}
					seen[r.ID] = true
					if want := v.opt.Filter == FilterArchived; r.Archived != want && !v.opt.WithArchived {
						t.Errorf("%s: article %d archived = %v", v.name, r.ID, r.Archived)
					}
				}
			}
		}
		smallTagRows = 2000
		if v.opt.Filter == FilterArchived {
			archived = len(listEvery(t, l, v.opt))
		}
	}
	if archived == 0 {
		t.Fatal("the generated library has no archived articles to count")
	}
	everything := listEvery(t, l, ListOptions{WithArchived: true})
	if n, err := l.Count(ctx); err != nil || n != len(everything) || n != 600 {
		t.Errorf("Count = %d, %v; the whole library lists %d of 600", n, err, len(everything))
	}
	tags, err := l.Tags(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(tags) < 100 {
		t.Errorf("%d tags, want the long tail of testlib.Scale", len(tags))
	}
	for _, tag := range tags {
		if rows := listEvery(t, l, ListOptions{Tag: tag.Name}); len(rows) != tag.Count {
			t.Errorf("tag %q: Tags counts %d, its view lists %d", tag.Name, tag.Count, len(rows))
		}
	}
	for _, tc := range []struct {
		query    string
		archived string // "some", "none" or "only": the hits' Archived flags
	}{
		{"the", "some"},
		{"的", "some"},
		{"is:archived the", "only"},
		{"-is:archived the", "none"},
		{"tag:ai", "some"},
		{"site:虎嗅 -is:archived", "none"},
		{"is:favorite model", "some"},
	} {
		opt := SearchOptions{Query: tc.query}
		hits := searchEvery(t, l, opt)
		n, err := l.CountSearch(ctx, opt)
		if err != nil {
			t.Fatal(err)
		}
		if n != len(hits) || n == 0 {
			t.Errorf("%q: CountSearch = %d, the search has %d hits (want some)", tc.query, n, len(hits))
		}
		var inArchive int
		for _, h := range hits {
			if h.Archived {
				inArchive++
			}
		}
		switch {
		case tc.archived == "some" && inArchive == 0 && tc.query != "is:favorite model":
			t.Errorf("%q: no archived article among %d hits; search covers the archive", tc.query, len(hits))
		case tc.archived == "none" && inArchive > 0:
			t.Errorf("%q: %d archived hits", tc.query, inArchive)
		case tc.archived == "only" && inArchive != len(hits):
			t.Errorf("%q: %d of %d hits archived, want all", tc.query, inArchive, len(hits))
		}
	}
}

func TestSearchScope(t *testing.T) {
	for _, tc := range []struct {
		opt  SearchOptions
		want string
	}{
		{SearchOptions{Query: "model"}, "in the whole library"},
		{SearchOptions{Query: "model is:archived"}, "in the archive"},
		{SearchOptions{Query: "model", Filter: FilterArchived}, "in the archive"},
		{SearchOptions{Query: "-is:archived model"}, "outside the archive"},
		{SearchOptions{Query: "model", Filter: FilterUnread}, "in unread articles"},
		{SearchOptions{Query: "model -is:archived", Filter: FilterFavorite}, "in favourites outside the archive"},
		{SearchOptions{Query: "model is:unread is:archived"}, "in the archive, unread"},
		{SearchOptions{Query: "model tag:ai site:虎嗅"}, "in the whole library tagged ai on 虎嗅"},
		{SearchOptions{Query: "model", Tag: "科技"}, "in the whole library tagged 科技"},
		{SearchOptions{Query: `"is:archived"`}, "in the whole library"}, // a quoted phrase, not a filter
		{SearchOptions{Query: "model", Filter: "bogus"}, "in the whole library"},
	} {
		if got := tc.opt.Scope(); got != tc.want {
			t.Errorf("%+v: Scope = %q, want %q", tc.opt, got, tc.want)
		}
	}
}
