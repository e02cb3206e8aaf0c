package app

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"app.margin/margin/app/internal/sched"
	"app.margin/margin/clip"
	"app.margin/margin/internal/testlib"
	"app.margin/margin/storage"
)

// reportSize is the number of articles of the library the startup report
// and benchmark open: 20,000, or MARGIN_REPORT_N when it is a number of at
// least 100.
func reportSize() int {
	if v, err := strconv.Atoi(os.Getenv("MARGIN_REPORT_N")); err == nil && v >= 100 {
		return v
	}
	return 20000
}

// TestReportStartup checks, on a library file of 20,000 articles
// (MARGIN_REPORT_N to change it), that the window opened over it lists the
// first page: listPageSize rows, the newest first, with the whole library
// counted. The library is generated once and cached in the temporary
// folder. BenchmarkStartup measures the same startup.
func TestReportStartup(t *testing.T) {
	if os.Getenv("MARGIN_REPORT") != "1" {
		t.Skip("set MARGIN_REPORT=1 to run the startup report")
	}
	n := reportSize()
	path, built := reportLibrary(t, n)
	if built > 0 {
		fmt.Printf("generated %d articles in %s (%s)\n", n, path, built.Round(time.Second))
	}
	test.NewTempApp(t)
	ctx := context.Background()
	lib, err := storage.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer lib.Close()
	u := newStartupUI(lib)
	defer u.close()
	if got, err := lib.Count(ctx); err != nil || got != n {
		t.Fatalf("Count = %d, %v; want %d", got, err, n)
	}
	if got, want := len(u.library.items), min(listPageSize, n); got != want {
		t.Fatalf("the first page lists %d rows, want %d", got, want)
	}
	want, err := lib.List(ctx, storage.ListOptions{Limit: listPageSize})
	if err != nil {
		t.Fatal(err)
	}
	for i, it := range u.library.items {
		if it.ID != want.Items[i].ID {
			t.Fatalf("row %d is article %d, want %d (newest first)", i, it.ID, want.Items[i].ID)
		}
	}
	fmt.Printf("\nStartup on a %s-article library (%s): the first page lists %d rows, newest first\n",
		groupDigits(n), humanBytes(fileSize(path)), len(u.library.items))
}

// newStartupUI builds the window over lib as the app does at startup, on a
// manual scheduler, laid out at 1440x900.
func newStartupUI(lib *storage.Library) *ui {
	u := newUIWith(fyne.CurrentApp(), lib, clip.NewClient(), func(u *ui) { u.sched = sched.NewManual(time.Now()) })
	u.win.Resize(fyne.NewSize(1440, 900))
	return u
}

// BenchmarkStartup measures, on the library of TestReportStartup (20,000
// articles, MARGIN_REPORT_N to change it), the time from opening the
// library to a window whose list shows its first page: "open" is
// storage.Open; "window" that, then the whole window built with the first
// List, Count and Tags, laid out at 1440x900 (target < 1 s; the first run
// is cold, as fonts load on first use); "render" that, then a full software
// render by Fyne's test driver (the real app renders with OpenGL), after
// which it reports the Go heap in use after GC, the process's resident and
// peak resident memory (target < 300 MB) and the load average, on which
// the times depend. "warm" runs the window's first queries again on the
// open library, to show where the time goes.
func BenchmarkStartup(b *testing.B) {
	n := reportSize()
	path, _ := reportLibrary(b, n)
	test.NewTempApp(b)
	ctx := context.Background()
	runtime.GC()
	// startup opens the library and builds the window as far as upTo, and
	// returns the time it took; what it made is closed before it returns.
	startup := func(b *testing.B, upTo string) time.Duration {
		start := time.Now()
		lib, err := storage.Open(ctx, path)
		if err != nil {
			b.Fatal(err)
		}
		defer lib.Close()
		if upTo == "open" {
			return time.Since(start)
		}
		u := newStartupUI(lib)
		defer u.close()
		if len(u.library.items) == 0 {
			b.Fatal("the list shows nothing")
		}
		if upTo == "render" {
			u.win.Canvas().Capture()
		}
		return time.Since(start)
	}
	for _, upTo := range []string{"open", "window", "render"} {
		b.Run(upTo, func(b *testing.B) {
			var ds []time.Duration
			for b.Loop() {
				ds = append(ds, startup(b, upTo))
			}
			reportLatencies(b, ds)
			if upTo != "render" {
				return
			}
			runtime.GC()
			var m runtime.MemStats
			runtime.ReadMemStats(&m)
			b.ReportMetric(float64(m.HeapInuse)/(1<<20), "MiB/heap")
			b.ReportMetric(float64(procStatus("VmRSS:"))/(1<<20), "MiB/rss")
			b.ReportMetric(float64(procStatus("VmHWM:"))/(1<<20), "MiB/peak")
			if s, err := os.ReadFile("/proc/loadavg"); err == nil {
				if load, err := strconv.ParseFloat(strings.Fields(string(s))[0], 64); err == nil {
					b.ReportMetric(load, "load")
				}
			}
		})
	}

	lib, err := storage.Open(ctx, path)
	if err != nil {
		b.Fatal(err)
	}
	defer lib.Close()
	for _, q := range []struct {
		name string
		fn   func() error
	}{
		{"list", func() error { _, err := lib.List(ctx, storage.ListOptions{Limit: listPageSize}); return err }},
		{"count", func() error { _, err := lib.Count(ctx); return err }},
		{"tags", func() error { _, err := lib.Tags(ctx); return err }},
	} {
		b.Run("warm/"+q.name, func(b *testing.B) {
			var ds []time.Duration
			for b.Loop() {
				start := time.Now()
				if err := q.fn(); err != nil {
					b.Fatal(err)
				}
				ds = append(ds, time.Since(start))
			}
			reportLatencies(b, ds)
		})
	}
}

// reportLatencies reports the median and 95th percentile of ds, in ms.
func reportLatencies(b *testing.B, ds []time.Duration) {
	b.Helper()
	if len(ds) == 0 {
		return
	}
	slices.Sort(ds)
	ms := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
	b.ReportMetric(ms(ds[len(ds)/2]), "ms/p50")
	b.ReportMetric(ms(ds[(len(ds)*95+99)/100-1]), "ms/p95")
}

// reportLibrary returns the cached generated library, building it first if
// needed (and how long that took).
func reportLibrary(t testing.TB, n int) (string, time.Duration) {
	path := filepath.Join(os.TempDir(), fmt.Sprintf("margin-report-%d-v3.db", n))
	if _, err := os.Stat(path + ".done"); err == nil {
		return path, 0
	}
	start := time.Now()
	os.Remove(path)
	lib, err := storage.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	for i := range n {
		it := reportGen.Item(i)
		id, _, err := lib.Save(context.Background(), it.Article)
		if err != nil {
			t.Fatal(err)
		}
		if len(it.Tags) == 0 {
			continue
		}
		if err := lib.AddTags(context.Background(), id, it.Tags...); err != nil {
			t.Fatal(err)
		}
	}
	if err := lib.Close(); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path+".done", nil, 0o644); err != nil {
		t.Fatal(err)
	}
	return path, time.Since(start)
}

// reportGen makes the startup report's library: articles of about 400
// words, which the list shows as a title, a site and a date.
var reportGen = testlib.Gen{Seed: 3, Words: 400}

func fileSize(path string) int64 {
	var total int64
	for _, p := range []string{path, path + "-wal"} {
		if fi, err := os.Stat(p); err == nil {
			total += fi.Size()
		}
	}
	return total
}

// procStatus is the figure in bytes of a line of /proc/self/status given
// in kB, such as "VmRSS:" (Linux), 0 when unknown.
func procStatus(field string) int64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if f := strings.Fields(line); len(f) >= 2 && f[0] == field {
			kb, _ := strconv.ParseInt(f[1], 10, 64)
			return kb * 1024
		}
	}
	return 0
}

func humanBytes(n int64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.1f GB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.0f MB", float64(n)/(1<<20))
	}
	return fmt.Sprintf("%d KB", n/1024)
}
