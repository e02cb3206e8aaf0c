package queue

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"app.margin/margin/article"
	"app.margin/margin/clip"
	"app.margin/margin/storage"
)

// timeoutClipper answers ErrTimeout for the first n fetches of each URL
// under prefix, as a server that does not answer in time would make the
// clipper do (without waiting for a real deadline), then clips for real.
type timeoutClipper struct {
	clip   *clip.Client
	prefix string
	n      int
	mu     sync.Mutex
	seen   map[string]int
}

func (c *timeoutClipper) Clip(ctx context.Context, target, original string) (*article.Article, error) {
	c.mu.Lock()
	c.seen[target]++
	k := c.seen[target]
	c.mu.Unlock()
	if strings.HasPrefix(target, c.prefix) && k <= c.n {
		return nil, fmt.Errorf("clip %s: %w: the server did not answer in time", target, clip.ErrTimeout)
	}
	return c.clip.Clip(ctx, target, original)
}

// TestRun drives a queue against local servers: a good host, one answering
// 429 with Retry-After, one always 503, one with a 404, a slow one and one
// that times out twice. Every page ends fetched or failed with its reason,
// no host ever serves two requests at once or two closer than the pause,
// and no real time is waited for backoffs.
func TestRun(t *testing.T) {
	ctx := context.Background()
	clock := newFakeClock()
	lib, _ := mustOpen(t)
	good := newHost(t, clock, nil)
	limited := newHost(t, clock, func(w http.ResponseWriter, r *http.Request, n int) bool {
		if n == 0 {
			w.Header().Set("Retry-After", "120")
			w.WriteHeader(http.StatusTooManyRequests)
			return true
		}
		return false
	})
	down := newHost(t, clock, func(w http.ResponseWriter, r *http.Request, n int) bool {
		w.WriteHeader(http.StatusServiceUnavailable)
		return true
	})
	missing := newHost(t, clock, func(w http.ResponseWriter, r *http.Request, n int) bool {
		if r.URL.Path == "/gone" {
			http.NotFound(w, r)
			return true
		}
		return false
	})
	slow := newHost(t, clock, func(w http.ResponseWriter, r *http.Request, n int) bool {
		time.Sleep(20 * time.Millisecond) // real time, so fetches overlap; nothing is timed
		return false
	})
	flaky := newHost(t, clock, nil)

	var entries []storage.ImportEntry
	add := func(h *host, paths ...string) {
		for _, p := range paths {
			entries = append(entries, storage.ImportEntry{URL: h.URL + p, Title: "Imported " + p, Fetch: true, Unread: true})
		}
	}
	add(good, "/g1", "/g2", "/g3")
	add(limited, "/l1", "/l2")
	add(down, "/d1")
	add(missing, "/m1", "/gone")
	add(slow, "/s1", "/s2", "/s3")
	add(flaky, "/f1")
	entries[0].Highlights = []storage.ImportHighlight{{Quote: "readers slow down", Note: "placed after the fetch"}}
	_, err := lib.Import(ctx, entries)
	must(t, err)

	const pause = 3 * time.Second
	var events []Event
	r := &Runner{
		Library:   lib,
		Clipper:   &timeoutClipper{clip: clip.NewClient(), prefix: flaky.URL, n: 2, seen: map[string]int{}},
		Clock:     clock,
		HostPause: pause,
		MaxTries:  4,
		Backoff:   10 * time.Second,
		OnEvent:   func(e Event) { events = append(events, e) },
	}
	start := clock.Now()
	sum, err := r.Run(ctx)
	must(t, err)
	if got, want := sum, (Summary{Fetched: 10, Failed: 2, Retried: 2 + 3 + 2, Total: 12}); got != want {
		t.Errorf("summary %+v, want %+v", got, want)
	}

	st, err := lib.QueueStatus(ctx)
	must(t, err)
	if st.Pending != 0 || st.Running != 0 || st.Done != 10 || st.Failed != 2 {
		t.Errorf("status %+v", st)
	}
	reasons := map[string]string{}
	for _, f := range st.Failures {
		reasons[f.URL] = f.Error
	}
	if got, want := reasons[missing.URL+"/gone"], "server answered with an error: 404 Not Found"; got != want {
		t.Errorf("404 recorded as %q, want %q", got, want)
	}
	if got, want := reasons[down.URL+"/d1"], "server answered with an error: 503 Service Unavailable (gave up after 4 tries)"; got != want {
		t.Errorf("503 recorded as %q, want %q", got, want)
	}

	// Every entry is one article: fetched pages have their text, failed ones
	// stay bookmarks with the imported title.
	page, err := lib.List(ctx, storage.ListOptions{Limit: 100})
	must(t, err)
	if len(page.Items) != len(entries) {
		t.Errorf("%d articles, want %d", len(page.Items), len(entries))
	}
	for _, s := range page.Items {
		a, err := lib.Get(ctx, s.ID)
		must(t, err)
		_, failed := reasons[a.URL]
		switch {
		case failed && (a.Text != "" || !strings.HasPrefix(a.Title, "Imported ")):
			t.Errorf("failed page %s changed: %q", a.URL, a.Title)
		case !failed && !strings.Contains(a.Text, "读者关心的话题"):
			t.Errorf("fetched page %s has no text: %q", a.URL, a.Text)
		}
	}
	hs, err := lib.Highlights(ctx, 1)
	must(t, err)
	if len(hs) != 1 || hs[0].Orphaned {
		t.Errorf("imported highlight after the fetch: %+v", hs)
	}

	// Politeness, from the servers' logs.
	for name, h := range map[string]*host{"good": good, "limited": limited, "down": down, "missing": missing, "slow": slow, "flaky": flaky} {
		h.checkPolite(t, name, pause)
	}
	lr := limited.requests()
	if len(lr) != 4 || lr[1].at.Sub(lr[0].at) < 120*time.Second {
		t.Errorf("after a 429 with Retry-After: 120 the host was asked again at %v (requests %s)", lr, pathsOf(lr))
	}
	dr := down.requests()
	if len(dr) != 4 {
		t.Fatalf("the 503 host was asked %d times, want 4", len(dr))
	}
	for i, want := range []time.Duration{10 * time.Second, 20 * time.Second, 40 * time.Second} {
		if gap := dr[i+1].at.Sub(dr[i].at); gap < want {
			t.Errorf("backoff before try %d: %s, want at least %s", i+2, gap, want)
		}
	}
	if len(events) != 10+2+7 {
		t.Errorf("%d events, want one per fetch (19)", len(events))
	}
	if last := events[len(events)-1]; last.Fetched != 10 || last.Failed != 2 || last.Total != 12 {
		t.Errorf("last event's progress %d+%d of %d", last.Fetched, last.Failed, last.Total)
	}
	t.Logf("drained in %s of fake time", clock.Now().Sub(start))

	// Retrying the failures asks again; running an empty queue is a no-op.
	if n, err := lib.RetryFailed(ctx); err != nil || n != 2 {
		t.Fatalf("RetryFailed: %d, %v", n, err)
	}
	sum, err = r.Run(ctx)
	must(t, err)
	if sum.Total != 2 || sum.Failed != 2 {
		t.Errorf("second run %+v", sum)
	}
	sum, err = r.Run(ctx)
	if err != nil || sum != (Summary{}) {
		t.Errorf("run of a drained queue: %+v, %v", sum, err)
	}
}

// TestRunStops: a cancelled run ends, keeps what it fetched, and puts back
// the rows it had claimed; the next run finishes.
func TestRunStops(t *testing.T) {
	clock := newFakeClock()
	lib, _ := mustOpen(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var once sync.Once
	h := newHost(t, clock, func(w http.ResponseWriter, r *http.Request, n int) bool {
		once.Do(cancel) // the user presses Cancel during the first fetch
		return false
	})
	var entries []storage.ImportEntry
	for i := range 5 {
		entries = append(entries, storage.ImportEntry{URL: fmt.Sprintf("%s/p%d", h.URL, i), Fetch: true})
	}
	_, err := lib.Import(context.Background(), entries)
	must(t, err)
	r := &Runner{Library: lib, Clock: clock}
	if _, err := r.Run(ctx); !errors.Is(err, context.Canceled) {
		t.Fatalf("Run: %v, want context.Canceled", err)
	}
	st, err := lib.QueueStatus(context.Background())
	must(t, err)
	if st.Running != 0 || st.Pending+st.Done != 5 || st.Failed != 0 {
		t.Errorf("after the stop: %+v", st)
	}
	sum, err := r.Run(context.Background())
	must(t, err)
	st, err = lib.QueueStatus(context.Background())
	must(t, err)
	if st.Done != 5 || sum.Failed != 0 {
		t.Errorf("after the second run: %+v, %+v", st, sum)
	}
}
