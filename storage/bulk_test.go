package storage

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"testing"
)

// threeArticles stores three articles and returns their ids.
func threeArticles(t *testing.T, l *Library) []int64 {
	t.Helper()
	var ids []int64
	for i := range 3 {
		ids = append(ids, mustSave(t, l, testArticle(fmt.Sprintf("https://a.example/%d", i), "Some words.")))
	}
	return ids
}

func TestSetManyReturnsWhatChanged(t *testing.T) {
	ctx := context.Background()
	l := mustOpen(t)
	ids := threeArticles(t, l)
	must(t, l.SetUnread(ctx, ids[1], false))
	tests := []struct {
		name string
		set  func([]int64, bool) ([]int64, error)
		get  func(*Article) bool
	}{
		{"unread", func(ids []int64, v bool) ([]int64, error) { return l.SetUnreadMany(ctx, ids, v) }, func(a *Article) bool { return a.Unread }},
		{"archived", func(ids []int64, v bool) ([]int64, error) { return l.SetArchivedMany(ctx, ids, v) }, func(a *Article) bool { return a.Archived }},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			flip := !tc.get(mustGet(t, l, ids[0]))
			got, err := tc.set(append(slices.Clone(ids), 999), flip)
			must(t, err)
			var want []int64
			for _, id := range ids {
				if id != ids[1] || tc.name != "unread" {
					want = append(want, id)
				}
			}
			if !slices.Equal(got, want) {
				t.Errorf("changed = %v, want %v", got, want)
			}
			for _, id := range ids {
				if v := tc.get(mustGet(t, l, id)); v != flip {
					t.Errorf("article %d: %s = %v, want %v", id, tc.name, v, flip)
				}
			}
			if got, err := tc.set(ids, flip); err != nil || len(got) != 0 {
				t.Errorf("setting again changed %v (%v), want nothing", got, err)
			}
			if _, err := tc.set([]int64{999}, flip); !errors.Is(err, ErrNotFound) {
				t.Errorf("no article: %v, want ErrNotFound", err)
			}
		})
	}
	n, err := l.CountListed(ctx, ListOptions{Filter: FilterArchived})
	must(t, err)
	if n != 3 {
		t.Errorf("archive holds %d, want 3", n)
	}
}

func mustGet(t *testing.T, l *Library, id int64) *Article {
	t.Helper()
	a, err := l.Get(context.Background(), id)
	must(t, err)
	return a
}

func TestBulkTagsAndDeleteTag(t *testing.T) {
	ctx := context.Background()
	l := mustOpen(t)
	ids := threeArticles(t, l)
	must(t, l.AddTags(ctx, ids[0], "Later"))
	got, err := l.AddTagMany(ctx, ids, " later ")
	must(t, err)
	if want := ids[1:]; !slices.Equal(got, want) {
		t.Errorf("AddTagMany changed %v, want %v", got, want)
	}
	tags, err := l.Tags(ctx)
	must(t, err)
	if want := []Tag{{"Later", 3}}; !reflect.DeepEqual(tags, want) {
		t.Errorf("tags = %v, want %v", tags, want)
	}
	if again, err := l.AddTagMany(ctx, ids, "later"); err != nil || len(again) != 0 {
		t.Errorf("tagging again changed %v (%v), want nothing", again, err)
	}
	if hits := searchIDs(t, l, "tag:later", true); len(hits) != 3 {
		t.Errorf("tag:later finds %v, want the 3 (the index follows)", hits)
	}
	if tagged, err := l.TaggedIDs(ctx, "LATER"); err != nil || !slices.Equal(tagged, ids) {
		t.Errorf("TaggedIDs = %v, %v; want %v", tagged, err, ids)
	}

	got, err = l.RemoveTagMany(ctx, ids[:2], "later")
	must(t, err)
	if want := ids[:2]; !slices.Equal(got, want) {
		t.Errorf("RemoveTagMany changed %v, want %v", got, want)
	}
	if hits := searchIDs(t, l, "tag:later", true); !slices.Equal(hits, ids[2:]) {
		t.Errorf("tag:later after removal finds %v, want %v", hits, ids[2:])
	}

	got, err = l.DeleteTag(ctx, "Later")
	must(t, err)
	if want := ids[2:]; !slices.Equal(got, want) {
		t.Errorf("DeleteTag changed %v, want %v", got, want)
	}
	if tags, _ := l.Tags(ctx); len(tags) != 0 {
		t.Errorf("tags after DeleteTag = %v, want none", tags)
	}
	if hits := searchIDs(t, l, "tag:later", true); len(hits) != 0 {
		t.Errorf("tag:later after DeleteTag finds %v", hits)
	}
	if _, err := l.DeleteTag(ctx, "Later"); !errors.Is(err, ErrNotFound) {
		t.Errorf("deleting a tag twice: %v, want ErrNotFound", err)
	}
	for _, name := range []string{"", "  "} {
		if _, err := l.AddTagMany(ctx, ids, name); !errors.Is(err, ErrInvalid) {
			t.Errorf("AddTagMany(%q): %v, want ErrInvalid", name, err)
		}
	}
	if _, err := l.AddTagMany(ctx, []int64{999}, "x"); !errors.Is(err, ErrNotFound) {
		t.Errorf("AddTagMany on no article: %v, want ErrNotFound", err)
	}
	if tags, _ := l.Tags(ctx); len(tags) != 0 {
		t.Errorf("a failed AddTagMany left tags %v", tags)
	}
}

// TestListIDsCountsWhatListLists: ListIDs holds every id the pages of List
// hold, for each view.
func TestListIDsCountsWhatListLists(t *testing.T) {
	ctx := context.Background()
	l := mustOpen(t)
	var ids []int64
	for i := range 7 {
		ids = append(ids, mustSave(t, l, testArticle(fmt.Sprintf("https://a.example/%d", i), "Words.")))
	}
	_, err := l.SetArchivedMany(ctx, ids[:2], true)
	must(t, err)
	_, err = l.AddTagMany(ctx, ids[1:4], "x")
	must(t, err)
	for _, opt := range []ListOptions{{}, {Filter: FilterArchived}, {Tag: "x"}, {WithArchived: true}, {Filter: FilterUnread, Tag: "x"}} {
		got, err := l.ListIDs(ctx, opt)
		must(t, err)
		var want []int64
		for after := ""; ; {
			opt.Limit, opt.After = 3, after
			page, err := l.List(ctx, opt)
			must(t, err)
			for _, s := range page.Items {
				want = append(want, s.ID)
			}
			if after = page.Next; after == "" {
				break
			}
		}
		slices.Sort(want)
		if !slices.Equal(got, want) || len(want) == 0 {
			t.Errorf("%+v: ListIDs = %v, List pages hold %v", opt, got, want)
		}
	}
}
