package queue

import (
	"context"
	"fmt"
	"net/http"
	"path/filepath"
	"runtime"
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

// BenchmarkQueue drains a queue of 200 pages over 8 local hosts serving the
// Mozilla pages: pages fetched, parsed and stored per second. The fake clock
// makes the politeness pauses free, so this measures the work itself.
func BenchmarkQueue(b *testing.B) {
	pages := mozillaSources(b)
	ctx := context.Background()
	clock := newFakeClock()
	var hosts []string
	for range 8 {
		h := newHost(b, clock, func(w http.ResponseWriter, r *http.Request, _ int) bool {
			var k int
			fmt.Sscanf(strings.TrimPrefix(r.URL.Path, "/p/"), "%d", &k)
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.Write(pages[k%len(pages)])
			return true
		})
		hosts = append(hosts, h.URL)
	}
	const n = 200
	var total time.Duration
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		lib, err := storage.Open(ctx, filepath.Join(b.TempDir(), fmt.Sprintf("q%d.db", i)))
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
