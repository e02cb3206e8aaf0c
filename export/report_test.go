package export

import (
	"app.margin/margin/article"

	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"app.margin/margin/storage"
)

// reportArticles is the library size of the export report.
const reportArticles = 20_000

// genWords is the vocabulary of generated English paragraphs.
var genWords = strings.Fields(`the of and to in is that for it as was with reading library margin note
highlight export search article page source author quote paragraph text web notes markdown folder
keep write read clip title tag colour yellow green link history culture science market model data`)

// genChinese is the text of generated Chinese paragraphs.
const genChinese = "中国的人才是从十四亿人里挑美国是从八十亿人里挑大模型研究落后市场数据平台用户产品服务发展公司经济社会文化历史教育科学网络信息安全"

// genLibrary stores n short articles, five paragraphs of 20 words or 20
// Chinese characters (one in four is Chinese), with a highlight in each
// paragraph, a note on every third and a tag on every other, through the
// real storage API. Articles are short because the storage re-indexes an
// article for each highlight, which makes generating 20,000 long ones take
// longer than the whole report may.
func genLibrary(tb testing.TB, lib *storage.Library, n int) {
	tb.Helper()
	ctx := context.Background()
	rng := rand.New(rand.NewPCG(7, 11))
	cn := []rune(genChinese)
	for i := range n {
		chinese := i%4 == 0
		var paras, quotes []string
		for p := range 5 {
			var b strings.Builder
			// A marker makes each paragraph, and so each quote, unique.
			fmt.Fprintf(&b, "P%d-%d ", i, p)
			for w := range 20 {
				if chinese {
					b.WriteRune(cn[rng.IntN(len(cn))])
					if w%10 == 9 {
						b.WriteString(",")
					}
					continue
				}
				if w > 0 {
					b.WriteByte(' ')
				}
				b.WriteString(genWords[rng.IntN(len(genWords))])
			}
			b.WriteString(".")
			paras = append(paras, b.String())
			quotes = append(quotes, strings.TrimSpace(string([]rune(b.String())[:24])))
		}
		title := fmt.Sprintf("Generated article %d: %s", i, genWords[i%len(genWords)])
		if chinese {
			title = fmt.Sprintf("生成的文章 %d:%s", i, string(cn[i%len(cn):i%len(cn)+4]))
		}
		if i%50 == 0 {
			title = "A title shared by many" // collisions, as real libraries have
		}
		id, _, err := lib.Save(ctx, &article.Article{
			URL:      "https://example.com/gen/" + strconv.Itoa(i),
			FinalURL: "https://example.com/gen/" + strconv.Itoa(i),
			Title:    title, SiteName: "Example", Authors: []string{"A. Writer"},
			Published:   time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(i) * time.Hour),
			Language:    map[bool]string{true: "zh", false: "en"}[chinese],
			ContentHTML: "<p>" + strings.Join(paras, "</p><p>") + "</p>",
			Text:        strings.Join(paras, "\n\n"),
		})
		if err != nil {
			tb.Fatal(err)
		}
		for k, q := range quotes {
			if _, err := lib.HighlightQuote(ctx, id, q, 1, storage.Colors[k], "note "+strconv.Itoa(k)); err != nil {
				tb.Fatal(err)
			}
		}
		if i%3 == 0 {
			if err := lib.SetNote(ctx, id, "A note on **article** "+strconv.Itoa(i)); err != nil {
				tb.Fatal(err)
			}
		}
		if i%2 == 0 {
			if err := lib.AddTags(ctx, id, "even"); err != nil {
				tb.Fatal(err)
			}
		}
	}
}

// TestReportExport prints how fast a library of 20,000 articles with five
// highlights each exports (the whole library, as the Export dialog's
// default): to Markdown in an empty folder, again with
// nothing changed, and to JSON. MARGIN_EXPORT_ARTICLES sets another size.
func TestReportExport(t *testing.T) {
	if os.Getenv("MARGIN_REPORT") != "1" {
		t.Skip("set MARGIN_REPORT=1 to print the export report")
	}
	n := reportArticles
	if s := os.Getenv("MARGIN_EXPORT_ARTICLES"); s != "" {
		n, _ = strconv.Atoi(s)
	}
	ctx := context.Background()
	lib := mustOpen(t)
	start := time.Now()
	genLibrary(t, lib, n)
	gen := time.Since(start)
	fmt.Printf("\nexport report: %d articles, 5 highlights each (library generated in %.0f s through storage.Save)\n", n, gen.Seconds())
	fmt.Printf("%-32s %8s %8s %10s %10s\n", "run", "files", "written", "seconds", "files/s")
	dir := t.TempDir()
	runs := []struct {
		name string
		dir  string
		opt  Options
	}{
		{"markdown, empty folder", filepath.Join(dir, "md"), Options{}},
		{"markdown again, unchanged", filepath.Join(dir, "md"), Options{}},
		{"json, empty folder", filepath.Join(dir, "json"), Options{Format: JSON}},
	}
	for _, r := range runs {
		start := time.Now()
		res, err := ToDir(ctx, lib, r.dir, Selection{}, r.opt, nil)
		if err != nil {
			t.Fatal(err)
		}
		d := time.Since(start)
		files := len(res.Written) + res.Unchanged
		fmt.Printf("%-32s %8d %8d %10.1f %10.0f\n", r.name, files, len(res.Written), d.Seconds(), float64(files)/d.Seconds())
	}
}

// BenchmarkExport exports a 500-article library (five highlights each) to
// an empty folder per iteration; files/s is the figure to watch.
func BenchmarkExport(b *testing.B) {
	const n = 500
	lib := mustOpen(b)
	genLibrary(b, lib, n)
	ctx := context.Background()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		if _, err := ToDir(ctx, lib, filepath.Join(b.TempDir(), strconv.Itoa(i)), Selection{}, Options{}, nil); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "files/s")
}
