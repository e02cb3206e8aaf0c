package queue

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"app.margin/margin/importer"
	"app.margin/margin/storage"
)

// mozillaSources returns the source.html of the Mozilla Readability test
// pages shipped in the go-readability module; it skips without them.
func mozillaSources(tb testing.TB) [][]byte {
	tb.Helper()
	out, err := exec.Command("go", "list", "-m", "-json", "codeberg.org/readeck/go-readability/v2").Output()
	var mod struct{ Dir string }
	if err != nil || json.Unmarshal(out, &mod) != nil || mod.Dir == "" {
		tb.Skip("go-readability module not found: run go mod download")
	}
	dirs, err := os.ReadDir(filepath.Join(mod.Dir, "test-pages"))
	if err != nil {
		tb.Skip("no Mozilla test pages: " + err.Error())
	}
	var pages [][]byte
	for _, d := range dirs {
		if b, err := os.ReadFile(filepath.Join(mod.Dir, "test-pages", d.Name(), "source.html")); err == nil {
			pages = append(pages, b)
		}
	}
	return pages
}

// pocketCSV is a Pocket export of n rows spread over the hosts in turn.
func pocketCSV(hosts []string, n int) []byte {
	var b bytes.Buffer
	b.WriteString("title,url,time_added,cursor,tags,status\r\n")
	for i := range n {
		fmt.Fprintf(&b, "\"文章 %d, a title\",%s/p/%d,%d,%d,导入|pocket,unread\r\n", i, hosts[i%len(hosts)], i, 1700000000+i, i)
	}
	return b.Bytes()
}

// site is one host of the report's web: Mozilla pages in rotation, a kind
// of misbehaviour, and a log of what it served.
type site struct {
	kind     string // "ok", "slow", "404", "429"
	host     *host
	requests atomic.Int64
}

// TestReportQueue imports a 10,000-row Pocket export against local servers
// (the Mozilla pages in rotation, some hosts slow, one answering 404, one
// 429 with Retry-After), kills the queue's process with SIGKILL in the
// middle, finishes the queue in this process, and checks the result: every
// entry once, none lost, no host ever asked twice at once.
func TestReportQueue(t *testing.T) {
	if os.Getenv("MARGIN_REPORT") != "1" {
		t.Skip("set MARGIN_REPORT=1 to run the queue report")
	}
	if runtime.GOOS == "windows" {
		t.Skip("SIGKILL is a Unix signal")
	}
	ctx := context.Background()
	pages := mozillaSources(t)
	clock := newFakeClock()
	var sites []*site
	var mu sync.Mutex
	for i := range 16 {
		kind := "ok"
		switch i {
		case 0, 1:
			kind = "slow"
		case 2:
			kind = "404"
		case 3:
			kind = "429"
		}
		s := &site{kind: kind}
		s.host = newHost(t, clock, func(w http.ResponseWriter, r *http.Request, n int) bool {
			s.requests.Add(1)
			switch {
			case s.kind == "slow":
				time.Sleep(10 * time.Millisecond)
			case s.kind == "404":
				http.NotFound(w, r)
				return true
			case s.kind == "429" && n == 0:
				w.Header().Set("Retry-After", "30")
				w.WriteHeader(http.StatusTooManyRequests)
				return true
			}
			var k int
			fmt.Sscanf(strings.TrimPrefix(r.URL.Path, "/p/"), "%d", &k)
			mu.Lock()
			page := pages[k%len(pages)]
			mu.Unlock()
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.Write(page)
			return true
		})
		sites = append(sites, s)
	}
	var hosts []string
	for _, s := range sites {
		hosts = append(hosts, s.host.URL)
	}
	rows := 10_000
	if n, err := strconv.Atoi(os.Getenv("MARGIN_REPORT_ROWS")); err == nil && n > 0 {
		rows = n // a quicker look on a busy machine
	}
	data := pocketCSV(hosts, rows)

	lib, path := mustOpen(t)
	start := time.Now()
	res, err := importer.Parse(data, "pocket.csv", importer.Auto)
	must(t, err)
	parsed := time.Since(start)
	rep, err := Import(ctx, lib, res, ImportOptions{}, nil)
	must(t, err)
	list, err := lib.List(ctx, storage.ListOptions{})
	must(t, err)
	listed := time.Since(start)
	if rep.New != rows || rep.ToFetch != rows || len(list.Items) == 0 {
		t.Fatalf("import report %+v", rep)
	}
	t.Logf("import of %d Pocket rows: parsed in %s, all listed in %s (%.0f rows/s)", rows, parsed.Round(time.Millisecond),
		listed.Round(time.Millisecond), float64(rows)/listed.Seconds())

	// A queue process, killed with SIGKILL after a tenth of the pages.
	var served atomic.Int64
	cmd := exec.Command(os.Args[0], "-test.run=^TestQueueChild$", "-test.count=1")
	cmd.Env = append(os.Environ(), "MARGIN_QUEUE_CHILD="+path, "MARGIN_QUEUE_CHILD_PAUSE=1ms", "MARGIN_REPORT=")
	must(t, cmd.Start())
	runStart := time.Now()
	for {
		var n int64
		for _, s := range sites {
			n += s.requests.Load()
		}
		served.Store(n)
		if n >= int64(rows/10) {
			break
		}
		time.Sleep(10 * time.Millisecond)
	}
	must(t, cmd.Process.Kill())
	cmd.Wait()
	st, err := lib.QueueStatus(ctx)
	must(t, err)
	t.Logf("SIGKILL after %d requests (%s): %d fetched, %d running, %d waiting, %d failed",
		served.Load(), time.Since(runStart).Round(time.Millisecond), st.Done, st.Running, st.Pending, st.Failed)
	// The servers finish the requests of the killed process (they cannot
	// tell it died) before the restarted run's politeness is measured on
	// its own.
	killedMax := map[*site]int{}
	for _, s := range sites {
		for {
			s.host.mu.Lock()
			idle := s.host.inFlight == 0
			if idle {
				killedMax[s] = s.host.maxAtOnc
				s.host.maxAtOnc = 0
			}
			s.host.mu.Unlock()
			if idle {
				break
			}
			time.Sleep(time.Millisecond)
		}
	}

	sum, err := (&Runner{Library: lib, Clock: clock}).Run(ctx)
	must(t, err)
	elapsed := time.Since(runStart)
	st, err = lib.QueueStatus(ctx)
	must(t, err)
	want404 := 0
	for i := range rows {
		if sites[i%len(sites)].kind == "404" {
			want404++
		}
	}
	if st.Done != rows-want404 || st.Failed != want404 || st.Pending+st.Running != 0 {
		t.Errorf("after the restart: %+v, want %d fetched and %d failed", st, rows-want404, want404)
	}
	t.Logf("restart: %d fetched, %d failed, %d retried; whole queue drained in %s (%.0f pages/s)",
		sum.Fetched, sum.Failed, sum.Retried, elapsed.Round(time.Millisecond), float64(rows)/elapsed.Seconds())

	// None lost: every queue row names an article in the library. No
	// duplicate: no two articles are the same page (the Mozilla pages in
	// rotation come back at many addresses and are merged into one article
	// each), seen by their canonical, else final, URL.
	items, err := lib.QueueItems(ctx, "", rows+100)
	must(t, err)
	inLibrary, byURL := map[int64]bool{}, map[string]int{}
	opt := storage.ListOptions{Limit: 1000}
	for {
		p, err := lib.List(ctx, opt)
		must(t, err)
		for _, s := range p.Items {
			inLibrary[s.ID] = true
			byURL[s.URL]++
		}
		if p.Next == "" {
			break
		}
		opt.After = p.Next
	}
	lost := 0
	for _, it := range items {
		if !inLibrary[it.ArticleID] {
			lost++
		}
	}
	dups := 0
	for _, n := range byURL {
		if n > 1 {
			dups++
		}
	}
	if len(items) != rows || lost != 0 || dups != 0 {
		t.Errorf("%d queue rows (want %d), %d naming no article, %d pages stored twice", len(items), rows, lost, dups)
	}
	t.Logf("%d imported addresses are %d articles: %d distinct pages fetched, %d bookmarks left by the 404 host",
		rows, len(inLibrary), len(inLibrary)-want404, want404)
	var lines []string
	for i, s := range sites {
		lines = append(lines, fmt.Sprintf("  host %2d %-4s %5d requests, at most %d at once before the kill, %d after",
			i, s.kind, len(s.host.requests()), killedMax[s], s.host.maxAtOnc))
		if s.host.maxAtOnc > 1 || killedMax[s] > 1 {
			t.Errorf("host %d served %d requests at once (%d before the kill)", i, s.host.maxAtOnc, killedMax[s])
		}
	}
	sort.Strings(lines)
	t.Logf("politeness from the servers' logs:\n%s", strings.Join(lines, "\n"))
}
