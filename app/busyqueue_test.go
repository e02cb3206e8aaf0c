package app

import (
	"context"
	"fmt"
	"strings"
	"sync/atomic"
	"testing"

	"fyne.io/fyne/v2"

	"app.margin/margin/article"
	"app.margin/margin/clip"
	"app.margin/margin/importer"
	"app.margin/margin/queue"
	"app.margin/margin/storage"
)

// pumpedQueue is the real clipping queue whose progress reaches the window
// through events, which the test runs on its own goroutine as Fyne would
// run them on its: the run itself goes on in the background.
type pumpedQueue struct {
	*queue.Service
	events chan func()
}

func (q pumpedQueue) Run(ctx context.Context, onEvent func(queue.Event)) (queue.Summary, error) {
	return q.Service.Run(ctx, func(ev queue.Event) { q.events <- func() { onEvent(ev) } })
}

// TestListSearchAndReadWhileTheQueueFetches imports 200 bookmarks into a
// real library and, while the clipping queue is fetching them (stopped
// half-way by the pages themselves), lists, searches and reads; then the
// run finishes with every page fetched once.
func TestListSearchAndReadWhileTheQueueFetches(t *testing.T) {
	const entries, before = 200, 40
	lib := openRealLibrary(t)
	reached, gate := make(chan struct{}), make(chan struct{})
	var clips atomic.Int64
	clipper := &fakeClipper{ClipFn: func(ctx context.Context, target, _ string) (*article.Article, error) {
		if n := clips.Add(1); n == before+1 {
			close(reached)
		}
		if clips.Load() > before {
			select {
			case <-gate:
			case <-ctx.Done():
				return nil, ctx.Err()
			}
		}
		return clip.Parse([]byte(twoParagraphPage("en", "Fetched "+target, enPara1, enPara2)), "text/html; charset=utf-8", target)
	}}
	q := pumpedQueue{Service: &queue.Service{Library: lib, Clipper: clipper}, events: make(chan func())}
	u, clock := newImportUI(t, lib, q)

	var csv strings.Builder
	csv.WriteString("title,url,time_added,tags,status\n")
	for i := range entries {
		// One host per page: no politeness pause between them.
		fmt.Fprintf(&csv, "Bookmark %d,https://h%d.example/post,%d,,unread\n", i, i, 1700000000+i)
	}
	res, err := importer.Parse([]byte(csv.String()), "pocket.csv", importer.Auto)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := queue.Import(context.Background(), lib, res, queue.ImportOptions{}, nil); err != nil {
		t.Fatal(err)
	}

	clock.Hold()
	u.startQueue(entries)
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		for _, f := range clock.Release() {
			f()
		}
	}()
	pump := func(until <-chan struct{}) {
		for {
			select {
			case f := <-q.events:
				f()
			case <-until:
				return
			}
		}
	}
	pump(reached)

	// The run is under way: some pages fetched, most waiting.
	if !u.fetch.box.Visible() {
		t.Error("while fetching: no counter strip")
	}
	u.library.reload(false)
	if got := len(u.library.items); got != listPageSize {
		t.Errorf("while fetching, the list's first page has %d rows, want %d", got, listPageSize)
	}
	u.library.search.SetText("conversation")
	u.library.search.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	hits := u.library.items
	if len(hits) == 0 || len(hits) > before {
		t.Fatalf("while fetching, a search finds %d articles, want 1 to %d (those fetched)", len(hits), before)
	}
	for _, h := range hits {
		if !strings.HasPrefix(h.Title, "Fetched https://h") {
			t.Errorf("hit %q is not a fetched page", h.Title)
		}
	}
	u.openArticle(hits[0].ID)
	u.reader.Select(0, len("Readers keep what they read"))
	if got, want := u.reader.SelectedText(), "Readers keep what they read"; got != want {
		t.Errorf("while fetching, the opened article reads %q, want %q", got, want)
	}

	close(gate)
	pump(finished)
	st, err := lib.QueueStatus(context.Background())
	if err != nil || st.Done != entries || st.Pending+st.Running+st.Failed != 0 {
		t.Errorf("queue %+v (%v), want all %d fetched", st, err, entries)
	}
	if n, err := lib.Count(context.Background()); err != nil || n != entries {
		t.Errorf("%d articles (%v), want %d: none lost, none twice", n, err, entries)
	}
	if got := clips.Load(); got != entries {
		t.Errorf("%d clips, want %d: each page fetched once", got, entries)
	}
	page, err := lib.List(context.Background(), storage.ListOptions{Filter: storage.FilterAll, Limit: 1})
	if err != nil || len(page.Items) != 1 || !strings.HasPrefix(page.Items[0].Title, "Fetched ") {
		t.Errorf("newest article %+v (%v), want a fetched page", page.Items, err)
	}
}
