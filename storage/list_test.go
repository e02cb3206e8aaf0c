package storage

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"
)

// listFixture saves n articles with titles in mixed case and scripts, a
// published date on two of three, and every fifth archived, every third
// favourite, every fourth tagged "even"; it returns them as Get sees them.
func listFixture(t *testing.T, n int) (*Library, []*Article) {
	t.Helper()
	ctx := context.Background()
	l := mustOpen(t)
	titles := []string{"apple", "Banana", "cherry", "Äpfel", "大模型", "腾讯", "zebra", "Apple", ""}
	var all []*Article
	for i := range n {
		a := testArticle(fmt.Sprintf("https://example.com/list/%d", i), "text")
		a.Title = titles[i%len(titles)]
		if i%3 != 0 {
			// Some share a date, to exercise the id tie-break.
			a.Published = time.Date(2020, 1, 1+i%7, 0, 0, 0, 0, time.FixedZone("CST", 8*3600))
		}
		id := mustSave(t, l, a)
		if i%5 == 0 {
			must(t, l.SetArchived(ctx, id, true))
		}
		if i%3 == 0 {
			must(t, l.SetFavorite(ctx, id, true))
		}
		if i%4 == 0 {
			must(t, l.AddTags(ctx, id, "Even"))
		}
		if i%2 == 0 {
			must(t, l.SetUnread(ctx, id, false))
		}
		got, err := l.Get(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		all = append(all, got)
	}
	return l, all
}

func TestListPagesInOrder(t *testing.T) {
	l, all := listFixture(t, 47)
	ctx := context.Background()
	byClipped := func(a, b *Article) int {
		if c := b.ClippedAt.Compare(a.ClippedAt); c != 0 {
			return c
		}
		return int(b.ID - a.ID)
	}
	byPublished := func(a, b *Article) int {
		switch {
		case a.Published.IsZero() != b.Published.IsZero():
			if a.Published.IsZero() {
				return 1
			}
			return -1
		case !a.Published.Equal(b.Published):
			return b.Published.Compare(a.Published)
		}
		return int(b.ID - a.ID)
	}
	byTitle := func(a, b *Article) int {
		if c := strings.Compare(asciiLower(a.Title), asciiLower(b.Title)); c != 0 {
			return c
		}
		return int(a.ID - b.ID)
	}
	tests := []struct {
		sort         Sort
		filter       Filter
		tag          string
		keep         func(*Article) bool
		cmp          func(a, b *Article) int
		withArchived bool
	}{
		{ByClipped, FilterAll, "", func(*Article) bool { return true }, byClipped, true},
		{ByTitle, FilterUnread, "", func(a *Article) bool { return a.Unread }, byTitle, true},
		{ByPublished, FilterArchived, "", func(a *Article) bool { return a.Archived }, byPublished, true},
		{ByClipped, FilterAll, "", func(a *Article) bool { return !a.Archived }, byClipped, false},
		{ByPublished, FilterAll, "", func(a *Article) bool { return !a.Archived }, byPublished, false},
		{ByTitle, FilterAll, "", func(a *Article) bool { return !a.Archived }, byTitle, false},
		{"", FilterArchived, "", func(a *Article) bool { return a.Archived }, byClipped, false},
		{ByPublished, FilterFavorite, "", func(a *Article) bool { return a.Favorite && !a.Archived }, byPublished, false},
		{ByTitle, FilterUnread, "", func(a *Article) bool { return a.Unread && !a.Archived }, byTitle, false},
		{ByClipped, FilterAll, "even", func(a *Article) bool { return slices.Contains(a.Tags, "Even") && !a.Archived }, byClipped, false},
	}
	for _, tc := range tests {
		t.Run(fmt.Sprintf("%s/%s/%s/archived=%v", tc.sort, tc.filter, tc.tag, tc.withArchived), func(t *testing.T) {
			var want []int64
			sorted := slices.Clone(all)
			slices.SortStableFunc(sorted, tc.cmp)
			for _, a := range sorted {
				if tc.keep(a) {
					want = append(want, a.ID)
				}
			}
			for _, limit := range []int{1, 4, 50} {
				var got []int64
				after := ""
				for pages := 0; ; pages++ {
					if pages > len(all)+1 {
						t.Fatal("pagination does not end")
					}
					p, err := l.List(ctx, ListOptions{Sort: tc.sort, Filter: tc.filter, Tag: tc.tag, Limit: limit, After: after, WithArchived: tc.withArchived})
					if err != nil {
						t.Fatal(err)
					}
					if len(p.Items) > limit {
						t.Fatalf("page of %d items, limit %d", len(p.Items), limit)
					}
					for _, s := range p.Items {
						got = append(got, s.ID)
					}
					if p.Next == "" {
						break
					}
					after = p.Next
				}
				if !slices.Equal(got, want) {
					t.Errorf("limit %d: ids = %v, want %v", limit, got, want)
				}
			}
			n, err := l.CountListed(ctx, ListOptions{Sort: tc.sort, Filter: tc.filter, Tag: tc.tag, Limit: 1, WithArchived: tc.withArchived})
			if err != nil {
				t.Fatal(err)
			}
			if got, want := n, len(want); got != want {
				t.Errorf("CountListed = %d, want %d (the rows listed)", got, want)
			}
		})
	}
}

// asciiLower folds case as COLLATE NOCASE does: ASCII letters only.
func asciiLower(s string) string {
	return strings.Map(func(r rune) rune {
		if 'A' <= r && r <= 'Z' {
			return r + 'a' - 'A'
		}
		return r
	}, s)
}

func TestListSummaries(t *testing.T) {
	l, all := listFixture(t, 5)
	ctx := context.Background()
	p, err := l.List(ctx, ListOptions{Limit: 1, After: "", Filter: FilterFavorite})
	if err != nil {
		t.Fatal(err)
	}
	want := all[3] // the newest favourite that is not archived
	if len(p.Items) != 1 {
		t.Fatalf("items = %+v", p.Items)
	}
	got := p.Items[0]
	if got.ID != want.ID || got.Title != want.Title || got.SiteName != want.SiteName ||
		!slices.Equal(got.Authors, want.Authors) || got.URL != want.FinalURL ||
		!got.Published.Equal(want.Published) || !got.ClippedAt.Equal(want.ClippedAt) ||
		got.Unread != want.Unread || got.Favorite != want.Favorite || got.Archived {
		t.Errorf("summary = %+v\nwant from %+v", got, want)
	}
	p, err = l.List(ctx, ListOptions{Tag: "EVEN", Filter: FilterArchived})
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Items) != 1 || !slices.Equal(p.Items[0].Tags, []string{"Even"}) {
		t.Errorf("archived and tagged: %+v, want article %d with tags [Even]", p.Items, all[0].ID)
	}
	n, err := l.Count(ctx)
	if err != nil || n != 5 {
		t.Errorf("Count = %d, %v; want 5", n, err)
	}
}

func TestListRejectsBadOptions(t *testing.T) {
	l, _ := listFixture(t, 3)
	ctx := context.Background()
	p, err := l.List(ctx, ListOptions{Sort: ByTitle, Limit: 1})
	if err != nil {
		t.Fatal(err)
	}
	tests := []ListOptions{
		{Sort: "size"},
		{Filter: "deleted"},
		{After: "not a cursor"},
		{After: "Yw"},                    // "c"
		{Sort: ByClipped, After: p.Next}, // a title cursor
	}
	for _, opt := range tests {
		if _, err := l.List(ctx, opt); !errors.Is(err, ErrInvalid) {
			t.Errorf("List(%+v): err = %v, want ErrInvalid", opt, err)
		}
	}
}

// TestSummaryCarriesProgress: a listing and a search carry the stored
// reading position and reading time, which a list row shows.
func TestSummaryCarriesProgress(t *testing.T) {
	l := mustOpen(t)
	ctx := context.Background()
	art := testArticle("https://example.com/progress", "A paragraph of words to read.")
	art.ReadingMinutes = 7
	id := mustSave(t, l, art)
	must(t, l.SetPosition(ctx, id, 0.4))
	a, err := l.Get(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	p, err := l.List(ctx, ListOptions{})
	if err != nil {
		t.Fatal(err)
	}
	hits, err := l.Search(ctx, SearchOptions{Query: "paragraph"})
	if err != nil {
		t.Fatal(err)
	}
	for name, items := range map[string][]Summary{"list": p.Items, "search": hits} {
		if len(items) != 1 {
			t.Fatalf("%s: %d items, want 1", name, len(items))
		}
		if got, want := items[0].Position, 0.4; got != want {
			t.Errorf("%s: position = %v, want %v", name, got, want)
		}
		if got, want := items[0].ReadingMinutes, a.ReadingMinutes; got != want {
			t.Errorf("%s: reading minutes = %d, want %d", name, got, want)
		}
	}
}
