package queue

import (
	"context"
	"testing"
	"time"

	"app.margin/margin/article"
	"app.margin/margin/clip"
	"app.margin/margin/importer"
	"app.margin/margin/storage"
)

// pageClipper clips every address to page(its URL), at once.
type pageClipper struct{}

func (pageClipper) Clip(_ context.Context, target, _ string) (*article.Article, error) {
	return clip.Parse([]byte(page(target)), "text/html; charset=utf-8", target)
}

// TestServiceWaitingCountsWhatARunFetches: rows a killed run left claimed
// count as waiting (the GUI resumes them on start), and a run leaves none.
func TestServiceWaitingCountsWhatARunFetches(t *testing.T) {
	ctx := context.Background()
	lib, _ := mustOpen(t)
	s := &Service{Library: lib, Clipper: pageClipper{}}
	res := &importer.Result{Format: importer.Pocket, Entries: []importer.Entry{
		{URL: "https://one.example/a", Title: "一"},
		{URL: "https://two.example/b", Title: "二"},
	}}
	preview, err := s.Preview(ctx, res, ImportOptions{})
	must(t, err)
	if got, want := preview.ToFetch, 2; got != want {
		t.Errorf("preview: %d to fetch, want %d", got, want)
	}
	rep, err := s.Import(ctx, res, ImportOptions{}, nil)
	must(t, err)
	if got, want := rep.New, 2; got != want {
		t.Errorf("import: %d new, want %d", got, want)
	}
	if _, ok, err := lib.ClaimQueued(ctx, time.Now(), nil); err != nil || !ok {
		t.Fatalf("claim: %v, %v", ok, err) // as a run killed mid-fetch leaves it
	}
	n, err := s.Waiting(ctx)
	must(t, err)
	if got, want := n, 2; got != want {
		t.Errorf("waiting with one row claimed: %d, want %d", got, want)
	}
	var events int
	sum, err := s.Run(ctx, func(Event) { events++ })
	must(t, err)
	if sum.Fetched != 2 || events != 2 {
		t.Errorf("run: %+v with %d events, want 2 fetched, 2 events", sum, events)
	}
	n, err = s.Waiting(ctx)
	must(t, err)
	if n != 0 {
		t.Errorf("waiting after the run: %d, want 0", n)
	}
}

// TestServiceStatusCancelAndRetry: cancelling gives up the waiting rows,
// which Status lists as failures with their reason (at most as many as
// asked), and RetryFailed makes them wait again.
func TestServiceStatusCancelAndRetry(t *testing.T) {
	ctx := context.Background()
	lib, _ := mustOpen(t)
	s := &Service{Library: lib, Clipper: pageClipper{}}
	res := &importer.Result{Format: importer.Pocket, Entries: []importer.Entry{
		{URL: "https://one.example/a", Title: "一"},
		{URL: "https://two.example/b", Title: "二"},
		{URL: "https://three.example/c", Title: "三"},
	}}
	_, err := s.Import(ctx, res, ImportOptions{}, nil)
	must(t, err)
	n, err := s.CancelWaiting(ctx)
	must(t, err)
	if got, want := n, 3; got != want {
		t.Errorf("cancelled %d, want %d", got, want)
	}
	st, err := s.Status(ctx, 2)
	must(t, err)
	if st.Pending != 0 || st.Failed != 3 || len(st.Failures) != 2 {
		t.Fatalf("status after cancel: %d pending, %d failed, %d listed; want 0, 3, 2", st.Pending, st.Failed, len(st.Failures))
	}
	if got, want := st.Failures[0].Title+" "+st.Failures[0].Error, "一 "+storage.ReasonCancelled; got != want {
		t.Errorf("first failure %q, want %q", got, want)
	}
	n, err = s.RetryFailed(ctx)
	must(t, err)
	st, err = s.Status(ctx, 0)
	must(t, err)
	if n != 3 || st.Pending != 3 || st.Failed != 0 || st.Failures != nil {
		t.Errorf("after retry: %d retried, status %+v; want 3 retried, 3 pending and nothing listed", n, st)
	}
}
