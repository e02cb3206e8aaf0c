package queue

import (
	"context"
	"fmt"
	"html"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"app.margin/margin/storage"
)

// fakeClock waits no real time: After moves the clock forward by d and
// fires at once, so a run's backoffs and pauses take no time while their
// lengths stay visible in the clock's readings.
type fakeClock struct {
	mu  sync.Mutex
	now time.Time
}

func newFakeClock() *fakeClock {
	return &fakeClock{now: time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)}
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) After(d time.Duration) <-chan time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	if d > 0 {
		c.now = c.now.Add(d)
	}
	ch := make(chan time.Time, 1)
	ch <- c.now
	return ch
}

func mustOpen(tb testing.TB) (*storage.Library, string) {
	tb.Helper()
	path := filepath.Join(tb.TempDir(), "library.db")
	lib, err := storage.Open(context.Background(), path)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { lib.Close() })
	return lib, path
}

func must(tb testing.TB, err error) {
	tb.Helper()
	if err != nil {
		tb.Fatal(err)
	}
}

// page is an article page that the clipper extracts, with its path in it.
func page(path string) string {
	title := "Article " + path
	return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>` + html.EscapeString(title) + `</title></head>
<body><article><h1>` + html.EscapeString(title) + `</h1>
<p>Readability scores measure how hard a text is to read, and writers who care about their readers check them often.</p>
<p>A benchmark of long sentences showed that readers slow down when a sentence runs past thirty words without a pause.</p>
<p>国内大模型研究落后美国，腾讯和阿里都在追赶，这是读者关心的话题。` + html.EscapeString(path) + `</p>
</article></body></html>`
}

// request is one request a test server saw.
type request struct {
	path string
	at   time.Time // on the fake clock
}

// host is a test server standing for one web site. It logs its requests
// and the most it ever served at once.
type host struct {
	*httptest.Server
	mu       sync.Mutex
	log      []request
	inFlight int
	maxAtOnc int
}

// newHost serves handle behind the log; handle returns false to serve the
// article page.
func newHost(t testing.TB, clock *fakeClock, handle func(w http.ResponseWriter, r *http.Request, n int) bool) *host {
	h := &host{}
	h.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h.mu.Lock()
		h.inFlight++
		h.maxAtOnc = max(h.maxAtOnc, h.inFlight)
		n := 0
		for _, q := range h.log {
			if q.path == r.URL.Path {
				n++
			}
		}
		h.log = append(h.log, request{r.URL.Path, clock.Now()})
		h.mu.Unlock()
		defer func() {
			h.mu.Lock()
			h.inFlight--
			h.mu.Unlock()
		}()
		if handle != nil && handle(w, r, n) {
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, page(r.URL.Path))
	}))
	t.Cleanup(h.Close)
	return h
}

func (h *host) requests() []request {
	h.mu.Lock()
	defer h.mu.Unlock()
	return append([]request(nil), h.log...)
}

// checkPolite fails the test when the host ever served two requests at once,
// or two requests closer than pause on the fake clock.
func (h *host) checkPolite(t *testing.T, name string, pause time.Duration) {
	t.Helper()
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.maxAtOnc > 1 {
		t.Errorf("host %s served %d requests at once", name, h.maxAtOnc)
	}
	for i := 1; i < len(h.log); i++ {
		if gap := h.log[i].at.Sub(h.log[i-1].at); gap < pause {
			t.Errorf("host %s: %s then %s only %s apart, want at least %s", name, h.log[i-1].path, h.log[i].path, gap, pause)
		}
	}
}

func pathsOf(rs []request) string {
	var p []string
	for _, r := range rs {
		p = append(p, r.path)
	}
	return strings.Join(p, " ")
}
