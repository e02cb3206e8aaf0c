package storage

// The 100,000-article benchmarks of issue 14: a library of testlib.Scale
// (realistic lengths, one article in ten highlighted, 2,000 tags), listed
// and searched in every view, sort, depth and query class.

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"time"

	"app.margin/margin/internal/testlib"
)

// scaleSizes are the library sizes BenchmarkScale measures: 20,000 and
// 100,000 articles, so the growth shows, or the comma-separated list in
// MARGIN_SCALE_N.
func scaleSizes(tb testing.TB) []int {
	v := os.Getenv("MARGIN_SCALE_N")
	if v == "" {
		return []int{20_000, 100_000}
	}
	var ns []int
	for _, f := range strings.Split(v, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || n < 100 {
			tb.Fatalf("MARGIN_SCALE_N=%q: want numbers of articles, at least 100, comma-separated", v)
		}
		ns = append(ns, n)
	}
	return ns
}

// scaleDepth is the row the deep list pages start at.
const scaleDepth = 50_000

// scaleViews are the library's views as the app lists them.
var scaleViews = []struct {
	name string
	opt  ListOptions
}{
	{"unread", ListOptions{Filter: FilterUnread}},
	{"all", ListOptions{}},
	{"everything", ListOptions{WithArchived: true}},
	{"favourites", ListOptions{Filter: FilterFavorite}},
	{"archive", ListOptions{Filter: FilterArchived}},
	{"tag=common", ListOptions{Tag: testlib.TagName(0)}},
	{"tag=mid", ListOptions{Tag: testlib.TagName(40)}},
	{"tag=rare", ListOptions{Tag: testlib.TagName(1500)}},
	{"site", ListOptions{Site: "虎嗅"}},
}

// scaleQueries are the search benchmark's queries by class.
var scaleQueries = []struct {
	name    string
	queries []string
}{
	{"english-common", []string{"the", testlib.Vocabulary[3], "model", "data"}},
	{"english-rare", []string{testlib.Vocabulary[1000], testlib.Vocabulary[3000], testlib.Vocabulary[3500]}},
	{"chinese-1", []string{"智", "的", "国"}},
	{"chinese-2", []string{"腾讯", "模型", "研究"}},
	{"phrase", []string{`"open data"`, `"the model"`, `"研究落后美国"`}},
	{"prefix", []string{"readab*", "mod*", testlib.Vocabulary[30][:3] + "*"}},
	{"tag", []string{"tag:ai model", "tag:科技 大模型", "tag:" + testlib.TagName(300) + " the"}},
	{"site", []string{"site:虎嗅 研究", "site:少数派 the", "site:example.com " + testlib.Vocabulary[30]}},
}

// cursorAt returns the cursor of the page that starts at row depth of a
// listing, or of its last page when it is shorter, with the row it starts at.
func cursorAt(tb testing.TB, l *Library, opt ListOptions, depth int) (after string, row int) {
	tb.Helper()
	opt.Limit = maxLimit
	for {
		p, err := l.List(context.Background(), opt)
		if err != nil {
			tb.Fatal(err)
		}
		if p.Next == "" || row+len(p.Items) > depth {
			return opt.After, row
		}
		row += len(p.Items)
		opt.After = p.Next
	}
}

// reportP95 reports the 95th percentile and median of ds as p95-ms and
// p50-ms.
func reportP95(b *testing.B, ds []time.Duration) {
	b.Helper()
	p50, p95 := percentiles(ds)
	b.ReportMetric(msf(p95), "p95-ms")
	b.ReportMetric(msf(p50), "p50-ms")
}

// reportCPU reports the CPU time of one call as cpu-ms: on a busy machine
// the wall-clock percentiles include waiting for a core, this does not.
func reportCPU(b *testing.B, cpu time.Duration, calls int) {
	b.Helper()
	if calls > 0 && cpu > 0 {
		b.ReportMetric(msf(cpu)/float64(calls), "cpu-ms")
	}
}

// BenchmarkScale measures the issue 14 targets (p95, on one core; the
// machine's other load shows in them) at 20,000 and 100,000 articles of
// testlib.Scale (MARGIN_SCALE_N to change; each made once and cached under
// os.TempDir, which takes minutes): open and list the first page (target
// < 1 s with the window) and the peak RSS of a process that does only that
// (< 300 MB); a list page of every view, sort and depth (< 5 ms); search
// newest first (< 30 ms) and by relevance (< 100 ms) for every query class.
func BenchmarkScale(b *testing.B) {
	for _, n := range scaleSizes(b) {
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) { benchScale(b, n) })
	}
}

func benchScale(b *testing.B, n int) {
	ctx := context.Background()
	path, gen, _ := genLibrary(b, testlib.Scale, n)
	b.Run("generated", func(b *testing.B) {
		for b.Loop() {
			genLibrary(b, testlib.Scale, n)
		}
		st, err := os.Stat(path)
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(gen.InsertRate, "articles/s")
		b.ReportMetric(gen.Optimize.Seconds(), "optimize-s")
		b.ReportMetric(float64(st.Size())/1e6, "MB")
	})
	b.Run("open", func(b *testing.B) {
		var ds []time.Duration
		for b.Loop() {
			begin := time.Now()
			l, err := Open(ctx, path)
			if err != nil {
				b.Fatal(err)
			}
			if err := l.Close(); err != nil {
				b.Fatal(err)
			}
			ds = append(ds, time.Since(begin))
		}
		reportP95(b, ds)
	})
	b.Run("open+first-page", func(b *testing.B) {
		var ds []time.Duration
		for b.Loop() {
			begin := time.Now()
			if err := openAndList(ctx, path); err != nil {
				b.Fatal(err)
			}
			ds = append(ds, time.Since(begin))
		}
		reportP95(b, ds)
	})
	b.Run("open+first-page-rss", func(b *testing.B) {
		var peak int64
		for b.Loop() {
			cmd := exec.Command(os.Args[0], "-test.run=^TestScaleChild$", "-test.count=1", "-test.v")
			cmd.Env = append(os.Environ(), "MARGIN_SCALE_CHILD="+path)
			out, err := cmd.CombinedOutput()
			if err != nil {
				b.Fatalf("child: %v\n%s", err, out)
			}
			_, after, ok := strings.Cut(string(out), "VmHWM:")
			if !ok {
				b.Skip("no peak RSS in /proc/self/status here")
			}
			kb, err := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.Fields(after)[0], "kB")), 10, 64)
			if err != nil {
				b.Fatalf("child's VmHWM: %v", err)
			}
			peak = max(peak, kb*1024)
		}
		b.ReportMetric(float64(peak)/1e6, "maxrss-MB")
	})
	l, err := Open(ctx, path)
	if err != nil {
		b.Fatal(err)
	}
	defer l.Close()
	for _, v := range scaleViews {
		for _, sort := range []Sort{ByClipped, ByPublished, ByTitle} {
			opt := v.opt
			opt.Sort = sort
			deep, row := cursorAt(b, l, opt, scaleDepth)
			for _, depth := range []struct {
				name  string
				after string
			}{{"first", ""}, {"deep", deep}} {
				b.Run(fmt.Sprintf("list/%s/%s/%s", v.name, sort, depth.name), func(b *testing.B) {
					opt := opt
					opt.After = depth.after
					var ds []time.Duration
					cpu0 := cpuTime()
					for b.Loop() {
						begin := time.Now()
						if _, err := l.List(ctx, opt); err != nil {
							b.Fatal(err)
						}
						ds = append(ds, time.Since(begin))
					}
					reportCPU(b, cpuTime()-cpu0, len(ds))
					reportP95(b, ds)
					if depth.after != "" {
						b.ReportMetric(float64(row), "row")
					}
					if n, err := l.CountListed(ctx, opt); err == nil && depth.after == "" {
						b.ReportMetric(float64(n), "rows")
					}
				})
			}
		}
	}
	for _, order := range []struct {
		name   string
		newest bool
	}{{"newest", true}, {"relevance", false}} {
		for _, c := range scaleQueries {
			b.Run(fmt.Sprintf("search/%s/%s", order.name, c.name), func(b *testing.B) {
				for _, q := range c.queries { // warm the cache
					if _, err := l.Search(ctx, SearchOptions{Query: q, Newest: order.newest}); err != nil {
						b.Fatal(err)
					}
				}
				var ds []time.Duration
				cpu0 := cpuTime()
				for b.Loop() {
					for _, q := range c.queries {
						begin := time.Now()
						if _, err := l.Search(ctx, SearchOptions{Query: q, Newest: order.newest}); err != nil {
							b.Fatal(err)
						}
						ds = append(ds, time.Since(begin))
					}
				}
				reportCPU(b, cpuTime()-cpu0, len(ds))
				reportP95(b, ds)
			})
		}
	}
}

// openAndList is what the window does before it shows the library: open
// it, list the first page of the default view and count its rows for the
// caption.
func openAndList(ctx context.Context, path string) error {
	l, err := Open(ctx, path)
	if err != nil {
		return err
	}
	opt := ListOptions{Filter: FilterUnread}
	if _, err := l.List(ctx, opt); err != nil {
		l.Close()
		return err
	}
	if _, err := l.CountListed(ctx, opt); err != nil {
		l.Close()
		return err
	}
	return l.Close()
}

// TestScaleChild is the process whose peak RSS BenchmarkScale measures:
// it opens the library named by MARGIN_SCALE_CHILD, lists the first page
// and prints its peak RSS as Linux counts it (VmHWM, of this program
// alone: a child's rusage maxrss also counts the parent it was forked
// from). Without it, it is skipped.
func TestScaleChild(t *testing.T) {
	path := os.Getenv("MARGIN_SCALE_CHILD")
	if path == "" {
		t.Skip("run by BenchmarkScale")
	}
	if err := openAndList(context.Background(), path); err != nil {
		t.Fatal(err)
	}
	if status, err := os.ReadFile("/proc/self/status"); err == nil {
		for line := range strings.Lines(string(status)) {
			if strings.HasPrefix(line, "VmHWM:") {
				t.Log(strings.TrimSpace(line))
			}
		}
	}
}
