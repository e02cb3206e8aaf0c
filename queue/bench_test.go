package queue

import (
	"context"
	"fmt"
	"net/http"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"app.margin/margin/importer"
	"app.margin/margin/storage"
)

// peakHeap samples the heap in use until stop is called and returns the
// highest reading.
func peakHeap() (stop func() uint64) {
	var peak atomic.Uint64
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		var m runtime.MemStats
		for {
			runtime.ReadMemStats(&m)
			if m.HeapInuse > peak.Load() {
				peak.Store(m.HeapInuse)
			}
			select {
			case <-done:
				return
			case <-time.After(5 * time.Millisecond):
			}
		}
	}()
	return func() uint64 { close(done); wg.Wait(); return peak.Load() }
}

// BenchmarkImport imports a 10,000-row Pocket export (no fetch) into a new
// library: rows per second, and the peak heap while it runs.
func BenchmarkImport(b *testing.B) {
	hosts := []string{"https://a.example", "https://b.example", "https://c.example"}
	data := pocketCSV(hosts, 10_000)
	ctx := context.Background()
	var peak uint64
	var total time.Duration
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		lib, err := storage.Open(ctx, filepath.Join(b.TempDir(), fmt.Sprintf("l%d.db", i)))
		if err != nil {
			b.Fatal(err)
		}
		runtime.GC()
		stop := peakHeap()
		b.StartTimer()
		start := time.Now()
		res, err := importer.Parse(data, "pocket.csv", importer.Auto)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := Import(ctx, lib, res, ImportOptions{}, nil); err != nil {
			b.Fatal(err)
		}
		total += time.Since(start)
		b.StopTimer()
		peak = max(peak, stop())
		lib.Close()
	}
	b.ReportMetric(float64(10_000*b.N)/total.Seconds(), "rows/s")
	b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MiB")
}

// mozillaHosts starts n local hosts that serve the Mozilla test pages in
// rotation, /p/K the K-th, and returns their addresses.
func mozillaHosts(b *testing.B, clock *fakeClock, n int) []string {
	pages := mozillaSources(b)
	var hosts []string
	for range n {
		h := newHost(b, clock, func(w http.ResponseWriter, r *http.Request, _ int) bool {
			var k int
			fmt.Sscanf(strings.TrimPrefix(r.URL.Path, "/p/"), "%d", &k)
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.Write(pages[k%len(pages)])
			return true
		})
		hosts = append(hosts, h.URL)
	}
	return hosts
}

// queuedLibrary is a new library holding a Pocket import of n pages over
// hosts, all waiting in the queue; the caller closes it.
func queuedLibrary(b *testing.B, hosts []string, n int) *storage.Library {
	b.Helper()
	ctx := context.Background()
	lib, err := storage.Open(ctx, filepath.Join(b.TempDir(), "library.db"))
	if err != nil {
		b.Fatal(err)
	}
	res, err := importer.Parse(pocketCSV(hosts, n), "pocket.csv", importer.Auto)
	if err != nil {
		b.Fatal(err)
	}
	if _, err := Import(ctx, lib, res, ImportOptions{}, nil); err != nil {
		b.Fatal(err)
	}
	return lib
}

// BenchmarkQueue drains a queue of 200 pages over 8 local hosts serving the
// Mozilla pages: pages fetched, parsed and stored per second. The fake clock
// makes the politeness pauses free, so this measures the work itself.
func BenchmarkQueue(b *testing.B) {
	ctx := context.Background()
	clock := newFakeClock()
	hosts := mozillaHosts(b, clock, 8)
	const n = 200
	var total time.Duration
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		lib := queuedLibrary(b, hosts, n)
		b.StartTimer()
		start := time.Now()
		sum, err := (&Runner{Library: lib, Clock: clock}).Run(ctx)
		if err != nil || sum.Fetched != n {
			b.Fatalf("run: %+v, %v", sum, err)
		}
		total += time.Since(start)
		b.StopTimer()
		lib.Close()
	}
	b.ReportMetric(float64(n*b.N)/total.Seconds(), "pages/s")
}

// BenchmarkReadingWhileFetching is what the reader feels while a 10,000-entry
// import is fetched: the first page of the list and a search, asked for over
// and over while the queue drains over 8 local hosts, against the same
// questions asked of the idle library. p95 in milliseconds for each.
func BenchmarkReadingWhileFetching(b *testing.B) {
	ctx := context.Background()
	clock := newFakeClock()
	hosts := mozillaHosts(b, clock, 8)
	const entries, samples = 10_000, 100
	ask := func(lib *storage.Library) (list, search time.Duration) {
		start := time.Now()
		if _, err := lib.List(ctx, storage.ListOptions{Filter: storage.FilterUnread}); err != nil {
			b.Fatal(err)
		}
		list = time.Since(start)
		start = time.Now()
		if _, err := lib.Search(ctx, storage.SearchOptions{Query: "the", Newest: true}); err != nil {
			b.Fatal(err)
		}
		return list, time.Since(start)
	}
	measure := func(lib *storage.Library, busy func() bool) (list, search []time.Duration) {
		for len(list) < samples && busy() {
			l, s := ask(lib)
			list, search = append(list, l), append(search, s)
			time.Sleep(10 * time.Millisecond) // a reader's pace, not a loop that starves the queue
		}
		return list, search
	}
	var idleList, idleSearch, busyList, busySearch []time.Duration
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		lib := queuedLibrary(b, hosts, entries)
		// A few hundred pages stored first, so the search has text to find.
		warm, cancelWarm := context.WithCancel(ctx)
		go func() {
			for {
				st, err := lib.QueueStatus(ctx)
				if err != nil || st.Done >= 300 {
					cancelWarm()
					return
				}
				time.Sleep(20 * time.Millisecond)
			}
		}()
		(&Runner{Library: lib, Clock: clock}).Run(warm)
		if _, err := lib.ResumeQueue(ctx); err != nil {
			b.Fatal(err)
		}
		l, s := measure(lib, func() bool { return true })
		idleList, idleSearch = append(idleList, l...), append(idleSearch, s...)

		b.StartTimer()
		run, stop := context.WithCancel(ctx)
		done := make(chan struct{})
		go func() {
			defer close(done)
			(&Runner{Library: lib, Clock: clock}).Run(run)
		}()
		l, s = measure(lib, func() bool {
			select {
			case <-done:
				return false
			default:
				return true
			}
		})
		busyList, busySearch = append(busyList, l...), append(busySearch, s...)
		stop()
		<-done
		b.StopTimer()
		lib.Close()
	}
	for _, m := range []struct {
		unit string
		d    []time.Duration
	}{
		{"idle-list-p95-ms", idleList}, {"idle-search-p95-ms", idleSearch},
		{"busy-list-p95-ms", busyList}, {"busy-search-p95-ms", busySearch},
	} {
		b.ReportMetric(p95ms(m.d), m.unit)
	}
}

// p95ms is the 95th percentile of ds (nearest rank) in milliseconds.
func p95ms(ds []time.Duration) float64 {
	if len(ds) == 0 {
		return 0
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	return float64(s[(len(s)*95+99)/100-1]) / float64(time.Millisecond)
}
