package export

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"app.margin/margin/internal/testlib"
	"app.margin/margin/storage"
)

// reportArticles is the library size of the export report.
const reportArticles = 20_000

// reportGen makes the export report's library: short articles with five
// highlights on average, as storage re-indexes an article for each
// highlight, which makes storing 20,000 long ones take longer than the
// whole report may.
var reportGen = testlib.Gen{Seed: 2, Words: 120, Highlights: 5}

// genLibrary stores the first n items of reportGen, with their highlights,
// notes and tags, through the real storage API, and returns how many
// highlights it stored.
func genLibrary(tb testing.TB, lib *storage.Library, n int) (highlights int) {
	tb.Helper()
	ctx := context.Background()
	for i := range n {
		it := reportGen.Item(i)
		id, _, err := lib.Save(ctx, it.Article)
		if err != nil {
			tb.Fatal(err)
		}
		for _, h := range it.Highlights {
			hl := storage.Highlight{ArticleID: id, Start: h.Start, End: h.End, Color: storage.Colors[h.Color], Note: h.Note}
			if _, err := lib.AddHighlight(ctx, hl); err != nil {
				tb.Fatal(err)
			}
		}
		highlights += len(it.Highlights)
		if it.Note != "" {
			if err := lib.SetNote(ctx, id, it.Note); err != nil {
				tb.Fatal(err)
			}
		}
		if len(it.Tags) > 0 {
			if err := lib.AddTags(ctx, id, it.Tags...); err != nil {
				tb.Fatal(err)
			}
		}
	}
	return highlights
}

// exportRuns are the exports the report and the benchmark make, in order:
// the whole library (the Export dialog's default) to Markdown in an empty
// folder, again with nothing changed, and to JSON.
var exportRuns = []struct {
	name  string
	dir   string
	opt   Options
	fresh bool // into an empty folder: every file is written; else none is
}{
	{"markdown, empty folder", "md", Options{}, true},
	{"markdown again, unchanged", "md", Options{}, false},
	{"json, empty folder", "json", Options{Format: JSON}, true},
}

// TestReportExport exports a library of 20,000 articles
// (MARGIN_EXPORT_ARTICLES sets another size) and asserts each run accounts
// for every article: one file each, all written into an empty folder, none
// rewritten when nothing changed. BenchmarkExport times the same runs.
func TestReportExport(t *testing.T) {
	if os.Getenv("MARGIN_REPORT") != "1" {
		t.Skip("set MARGIN_REPORT=1 to print the export report")
	}
	n := reportArticles
	if s := os.Getenv("MARGIN_EXPORT_ARTICLES"); s != "" {
		var err error
		if n, err = strconv.Atoi(s); err != nil || n < 1 {
			t.Fatalf("MARGIN_EXPORT_ARTICLES=%q: want a number of articles", s)
		}
	}
	ctx := context.Background()
	lib := mustOpen(t)
	highlights := genLibrary(t, lib, n)
	fmt.Printf("\nexport report: %d articles, %d highlights (internal/testlib, stored through storage)\n", n, highlights)
	fmt.Printf("%-32s %8s %8s %10s\n", "run", "files", "written", "unchanged")
	dir := t.TempDir()
	for _, r := range exportRuns {
		res, err := ToDir(ctx, lib, filepath.Join(dir, r.dir), Selection{}, r.opt, nil)
		if err != nil {
			t.Fatal(err)
		}
		fmt.Printf("%-32s %8d %8d %10d\n", r.name, len(res.Written)+res.Unchanged, len(res.Written), res.Unchanged)
		want := struct{ written, unchanged int }{n, 0}
		if !r.fresh {
			want.written, want.unchanged = 0, n
		}
		if len(res.Written) != want.written || res.Unchanged != want.unchanged {
			t.Errorf("%s: wrote %d and found %d unchanged, want %d and %d", r.name, len(res.Written), res.Unchanged, want.written, want.unchanged)
		}
	}
	// Every stored highlight is one annotation in the JSON export.
	annotations := 0
	files, err := filepath.Glob(filepath.Join(dir, "json", "*.json"))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		annotations += strings.Count(string(b), `#highlight-`)
	}
	fmt.Printf("%-32s %8d\n", "highlights in the JSON export", annotations)
	if annotations != highlights {
		t.Errorf("the JSON export holds %d highlights, want %d", annotations, highlights)
	}
}

// BenchmarkExport runs the report's exports on a 500-article library;
// files/s is the figure to watch.
func BenchmarkExport(b *testing.B) {
	const n = 500
	lib := mustOpen(b)
	genLibrary(b, lib, n)
	ctx := context.Background()
	for _, r := range exportRuns {
		b.Run(r.name, func(b *testing.B) {
			dir := filepath.Join(b.TempDir(), r.dir)
			for i := 0; b.Loop(); i++ {
				d := dir
				if r.fresh {
					d = filepath.Join(dir, strconv.Itoa(i)) // an empty folder each time
				} else if i == 0 {
					b.StopTimer()
					if _, err := ToDir(ctx, lib, d, Selection{}, r.opt, nil); err != nil {
						b.Fatal(err)
					}
					b.StartTimer()
				}
				if _, err := ToDir(ctx, lib, d, Selection{}, r.opt, nil); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "files/s")
		})
	}
}
