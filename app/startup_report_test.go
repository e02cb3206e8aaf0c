package app

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
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

// reportArticles is the size of the library the startup report opens.
const reportArticles = 20000

// TestReportStartup measures, on a 20,000-article library file, the time from
// opening the library to a window whose list shows its first page: storage.Open,
// then the whole window built (cold: fonts load on first use) with the first
// List, Count and Tags, laid out at 1440x900. A full software render by Fyne's
// test driver is reported apart, since the real app renders with OpenGL. Then
// the memory in use with the library open. The library is generated once and
// cached in the temporary folder.
func TestReportStartup(t *testing.T) {
	if os.Getenv("MARGIN_REPORT") != "1" {
		t.Skip("set MARGIN_REPORT=1 to run the startup report")
	}
	path, built := reportLibrary(t)
	if built > 0 {
		fmt.Printf("generated %d articles in %s (%s)\n", reportArticles, path, built.Round(time.Second))
	}
	test.NewTempApp(t)
	runtime.GC()

	start := time.Now()
	lib, err := storage.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer lib.Close()
	opened := time.Since(start)
	u := newUIWith(fyne.CurrentApp(), lib, clip.NewClient(), func(u *ui) { u.sched = sched.NewManual(time.Now()) })
	u.win.Resize(fyne.NewSize(1440, 900))
	listed := time.Since(start)
	if len(u.library.items) == 0 {
		t.Fatal("the list shows nothing")
	}
	u.win.Canvas().Capture()
	shown := time.Since(start)

	// The same queries again, warm, to show where the time goes.
	ctx := context.Background()
	timed := func(f func()) time.Duration { t0 := time.Now(); f(); return time.Since(t0) }
	list := timed(func() { _, _ = lib.List(ctx, storage.ListOptions{Limit: listPageSize}) })
	count := timed(func() { _, _ = lib.Count(ctx) })
	tags := timed(func() { _, _ = lib.Tags(ctx) })

	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	fmt.Printf("\nStartup on a %s-article library (%s)\n", groupDigits(reportArticles), humanBytes(fileSize(path)))
	fmt.Printf("  %-46s %8s\n", "open the library file", opened.Round(time.Millisecond))
	fmt.Printf("  %-46s %8s   (target < 1 s)\n", "+ window built and laid out, first page listed", listed.Round(time.Millisecond))
	fmt.Printf("  %-46s %8s   (software renderer; the app draws with OpenGL)\n", "+ first full render by the test driver", shown.Round(time.Millisecond))
	fmt.Printf("  %-46s %8s\n", "list rows loaded", strconv.Itoa(len(u.library.items)))
	fmt.Printf("  %-46s %8s / %s / %s\n", "warm List / Count / Tags", list.Round(time.Millisecond), count.Round(time.Millisecond), tags.Round(time.Millisecond))
	fmt.Printf("  %-46s %8s\n", "Go heap in use after GC", humanBytes(int64(m.HeapInuse)))
	fmt.Printf("  %-46s %8s   (target < 300 MB)\n", "process RSS (test binary)", humanBytes(rss()))
	if b, err := os.ReadFile("/proc/loadavg"); err == nil {
		fmt.Printf("  %-46s %8s   (on %d CPUs; times grow with it)\n", "load average while measuring", strings.Fields(string(b))[0], runtime.NumCPU())
	}
}

// reportLibrary returns the cached generated library, building it first if
// needed (and how long that took).
func reportLibrary(t *testing.T) (string, time.Duration) {
	path := filepath.Join(os.TempDir(), fmt.Sprintf("margin-report-%d-v3.db", reportArticles))
	if _, err := os.Stat(path + ".done"); err == nil {
		return path, 0
	}
	start := time.Now()
	os.Remove(path)
	lib, err := storage.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	for i := range reportArticles {
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

// rss is the resident set size of this process (Linux), 0 when unknown.
func rss() int64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if f := strings.Fields(line); len(f) >= 2 && f[0] == "VmRSS:" {
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
