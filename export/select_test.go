package export

import (
	"context"
	"testing"

	"app.margin/margin/storage"
)

// pagedSearch is a Library whose Search returns hits a page at a time, as
// storage does, capped like storage's limit.
type pagedSearch struct {
	Library
	hits     []storage.Summary
	maxLimit int
	calls    int
}

func (p *pagedSearch) Search(_ context.Context, opt storage.SearchOptions) ([]storage.Summary, error) {
	p.calls++
	if opt.Filter == storage.FilterArchived {
		return nil, nil
	}
	from := min(opt.Offset, len(p.hits))
	return p.hits[from:min(from+min(opt.Limit, p.maxLimit), len(p.hits))], nil
}

// TestSelectionByQueryReadsEveryPage: a search selection holds every hit,
// however many pages the search takes.
func TestSelectionByQueryReadsEveryPage(t *testing.T) {
	lib := &pagedSearch{maxLimit: 1000}
	for i := range 2*searchPage + 17 {
		lib.hits = append(lib.hits, storage.Summary{ID: int64(i + 1), Title: "compost"})
	}
	items, err := selectArticles(context.Background(), lib, Selection{Query: "compost"})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := len(items), len(lib.hits); got != want {
		t.Fatalf("selected %d articles, want every one of the %d hits", got, want)
	}
	seen := map[int64]bool{}
	for _, it := range items {
		if seen[it.id] {
			t.Fatalf("article %d selected twice", it.id)
		}
		seen[it.id] = true
	}
}

// Keys: the hits have none, as articles read from an older library.
func (p *pagedSearch) Keys(context.Context, []int64) (map[int64]string, error) {
	return map[int64]string{}, nil
}
