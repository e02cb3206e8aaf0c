package storage

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"hash/fnv"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"app.margin/margin/internal/testlib"
)

// benchGenVersion names what generateLibrary makes (with testlib); bump it
// when either changes, so cached libraries made by older code are not
// reused. The schema is not part of the name: Open migrates a cached
// library made under older migrations once, before it is measured.
const benchGenVersion = 4

// generated is a testlib item with what can be made of it before the
// writer takes it: the article's row and its gzipped page.
type generated struct {
	i   int
	it  testlib.Item
	row articleFields
	raw []byte
}

// prepareItem makes item i of g ready for insertGenerated.
func prepareItem(g testlib.Gen, i int) (generated, error) {
	it := g.Item(i)
	row, err := articleRow(it.Article)
	if err != nil {
		return generated{}, err
	}
	raw, err := gzipBytes(it.Article.Raw)
	return generated{i: i, it: it, row: row, raw: raw}, err
}

// generateBatch is how many items the preparing goroutines make ahead of
// the writer.
const generateBatch = 256

// generateLibrary adds items 0 to n-1 of g to the library file at path
// (migrated, and closed) in one transaction, with their tags, states, notes
// and highlights, and returns the articles stored per second. Items are
// prepared on every core while the one writer inserts the batch before;
// the file is written without a journal (a failed run leaves a file that is
// thrown away: it is named .tmp until it is complete).
func generateLibrary(tb testing.TB, path string, g testlib.Gen, n int) float64 {
	tb.Helper()
	ctx := context.Background()
	begin := time.Now()
	db, err := sql.Open("sqlite", dsn(path, "_pragma=journal_mode(OFF)", "_pragma=synchronous(OFF)", "_pragma=cache_size(-200000)"))
	if err != nil {
		tb.Fatal(err)
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	batches := make(chan []generated, 2)
	errc := make(chan error, 1)
	go func() {
		defer close(batches)
		for lo := 0; lo < n; lo += generateBatch {
			batch := make([]generated, min(generateBatch, n-lo))
			var wg sync.WaitGroup
			var once sync.Once
			var first error
			workers := runtime.NumCPU()
			for w := range workers {
				wg.Go(func() {
					for k := w; k < len(batch); k += workers {
						var err error
						if batch[k], err = prepareItem(g, lo+k); err != nil {
							once.Do(func() { first = err })
						}
					}
				})
			}
			wg.Wait()
			if first != nil {
				errc <- first
				return
			}
			batches <- batch
		}
	}()
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		tb.Fatal(err)
	}
	defer tx.Rollback()
	for batch := range batches {
		for _, it := range batch {
			if err := insertGenerated(ctx, tx, it); err != nil {
				tb.Fatalf("generate item %d: %v", it.i, err)
			}
		}
	}
	select {
	case err := <-errc:
		tb.Fatal(err)
	default:
	}
	if err := tx.Commit(); err != nil {
		tb.Fatal(err)
	}
	return float64(n) / time.Since(begin).Seconds()
}

// insertGenerated stores g with its tags, state, note and highlights as
// Save, AddTags, SetNote, AddHighlight and the setters do, inside the
// caller's transaction, and indexes it once.
func insertGenerated(ctx context.Context, tx *sql.Tx, g generated) error {
	it := g.it
	clipped := it.Article.FetchedAt
	id, err := insertArticle(ctx, tx, g.row, clipped)
	if err != nil {
		return err
	}
	if err := replaceRaw(ctx, tx, id, g.raw); err != nil {
		return err
	}
	if err := tagArticle(ctx, tx, id, it.Tags); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE articles SET archived = ?, favorite = ?, unread = ?, note = ? WHERE id = ?`,
		it.Archived, it.Favorite, it.Unread, it.Note, id); err != nil {
		return err
	}
	if len(it.Highlights) > 0 {
		runes := []rune(it.Article.Text)
		for _, h := range it.Highlights {
			_, err := storeHighlight(ctx, tx, runes, Highlight{ArticleID: id, Start: h.Start, End: h.End,
				Color: Colors[h.Color], Note: h.Note}, clipped)
			if err != nil {
				return err
			}
		}
	}
	return index(ctx, tx, id)
}

// benchLibrary is genLibrary of corpus: the 20,000-article library of the
// reports (or n articles).
func benchLibrary(tb testing.TB, n int) (path string, gen genStats, cached bool) {
	return genLibrary(tb, corpus, n)
}

// genLibrary returns the path of a library of items 0 to n-1 of g, cached
// under os.TempDir() by generator version, g and n so repeated runs reuse
// it, with what generating it measured. A cached file is opened once here
// (which migrates one made by an older schema) so that benchmarks measure
// the library, not its migration.
func genLibrary(tb testing.TB, g testlib.Gen, n int) (path string, gen genStats, cached bool) {
	tb.Helper()
	ctx := context.Background()
	h := fnv.New32a()
	fmt.Fprintf(h, "%+v", g)
	path = filepath.Join(os.TempDir(), fmt.Sprintf("margin-bench-g%d-%08x-n%d.db", benchGenVersion, h.Sum32(), n))
	statsPath := path + ".json"
	if b, err := os.ReadFile(statsPath); err == nil {
		if _, err := os.Stat(path); err == nil && json.Unmarshal(b, &gen) == nil {
			l, err := Open(ctx, path)
			if err != nil {
				tb.Fatal(err)
			}
			if err := l.Close(); err != nil {
				tb.Fatal(err)
			}
			return path, gen, true
		}
	}
	tmp := path + ".tmp"
	for _, p := range []string{tmp, tmp + "-wal", tmp + "-shm", tmp + "-journal"} {
		if err := os.Remove(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
			tb.Fatal(err)
		}
	}
	l, err := Open(ctx, tmp)
	if err != nil {
		tb.Fatal(err)
	}
	if err := l.Close(); err != nil {
		tb.Fatal(err)
	}
	gen.InsertRate = generateLibrary(tb, tmp, g, n)
	if l, err = Open(ctx, tmp); err != nil {
		tb.Fatal(err)
	}
	begin := time.Now()
	if err := l.Optimize(ctx); err != nil {
		tb.Fatal(err)
	}
	gen.Optimize = time.Since(begin)
	if _, err := l.writer.ExecContext(ctx, "PRAGMA wal_checkpoint(TRUNCATE)"); err != nil {
		tb.Fatal(err)
	}
	if err := l.Close(); err != nil {
		tb.Fatal(err)
	}
	if err := os.Rename(tmp, path); err != nil {
		tb.Fatal(err)
	}
	b, _ := json.Marshal(gen)
	if err := os.WriteFile(statsPath, b, 0o644); err != nil {
		tb.Fatal(err)
	}
	return path, gen, false
}

// genStats is what generating a bench library measured.
type genStats struct {
	InsertRate float64       // articles per second, in one transaction
	Optimize   time.Duration // FTS optimize after the import
}

// percentiles sorts ds and returns its median and 95th percentile.
func percentiles(ds []time.Duration) (p50, p95 time.Duration) {
	slices.Sort(ds)
	return ds[len(ds)/2], ds[(len(ds)*95+99)/100-1]
}

// msf is d in milliseconds, for b.ReportMetric.
func msf(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// reportLatencies reports the median and 95th percentile of ds, in ms.
func reportLatencies(b *testing.B, ds []time.Duration) {
	b.Helper()
	if len(ds) == 0 {
		return
	}
	p50, p95 := percentiles(ds)
	b.ReportMetric(msf(p50), "ms/p50")
	b.ReportMetric(msf(p95), "ms/p95")
}

// timedLoop runs fn once per b.Loop iteration and reports the median and
// 95th percentile of its durations.
func timedLoop(b *testing.B, fn func() error) {
	b.Helper()
	var ds []time.Duration
	for b.Loop() {
		begin := time.Now()
		if err := fn(); err != nil {
			b.Fatal(err)
		}
		ds = append(ds, time.Since(begin))
	}
	reportLatencies(b, ds)
}

// listAll pages through the whole library in sort order, archived articles
// included, and returns the ids in the order listed and the cursor of the
// last page ("" when there is one page).
func listAll(tb testing.TB, l *Library, sort Sort) (ids []int64, last string) {
	tb.Helper()
	ctx := context.Background()
	for after := ""; ; {
		p, err := l.List(ctx, ListOptions{Sort: sort, WithArchived: true, After: after})
		if err != nil {
			tb.Fatal(err)
		}
		for _, it := range p.Items {
			ids = append(ids, it.ID)
		}
		if p.Next == "" {
			return ids, last
		}
		last, after = p.Next, p.Next
	}
}

// TestReportLibrary checks the generated library of 20,000 articles
// (MARGIN_REPORT_N to change it) that the storage reports and benchmarks
// share, for `make bench`: it holds every article, and listing it page by
// page in each order visits each article once. BenchmarkLibrary measures
// it.
func TestReportLibrary(t *testing.T) {
	if os.Getenv("MARGIN_REPORT") != "1" {
		t.Skip("set MARGIN_REPORT=1 to run the library report")
	}
	n := reportSize(t)
	ctx := context.Background()
	path, _, cached := benchLibrary(t, n)
	how := "generated and cached for later runs"
	if cached {
		how = "reused the cached file (delete it to generate again)"
	}
	fmt.Printf("\nLibrary of %d generated articles (~3,000 words, 28%% Chinese): %s\n  %s\n", n, path, how)
	l, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	if got, err := l.Count(ctx); err != nil || got != n {
		t.Fatalf("Count = %d, %v; want %d", got, err, n)
	}
	for _, sort := range []Sort{ByClipped, ByPublished, ByTitle} {
		ids, _ := listAll(t, l, sort)
		seen := make(map[int64]bool, len(ids))
		for _, id := range ids {
			if seen[id] {
				t.Errorf("by %s: article %d listed twice", sort, id)
			}
			seen[id] = true
		}
		if got, want := len(seen), n; got != want {
			t.Errorf("by %s: %d articles listed, want %d", sort, got, want)
		}
		fmt.Printf("  by %-9s %d articles on %d pages, each once\n", sort, len(seen), (len(ids)+49)/50)
	}
	p, err := l.List(ctx, ListOptions{Tag: "music"})
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Items) == 0 {
		t.Fatal("tag:music lists nothing")
	}
	for _, it := range p.Items {
		if !slices.ContainsFunc(it.Tags, func(tag string) bool { return strings.EqualFold(tag, "music") }) {
			t.Errorf("tag:music lists article %d, tagged %q", it.ID, it.Tags)
		}
	}
	fmt.Printf("  tag:music first page   %d articles, each tagged music\n", len(p.Items))
}

// BenchmarkLibrary measures the generated library of TestReportLibrary
// (20,000 articles, MARGIN_REPORT_N to change it; made and cached on first
// use): "generated" reports what the run that generated the cached file
// measured (insert rate in transactions of benchBatch with tags and the
// full-text index, FTS optimize) and its size; "open" opens and closes it
// (target < 100 ms); "list" lists a page of 50 (target < 5 ms at any
// depth), the first and the last in each order and the first of a tag.
// Library.Save, one per transaction, is BenchmarkSave.
func BenchmarkLibrary(b *testing.B) {
	n := benchReportSize()
	path, gen, _ := benchLibrary(b, n)
	ctx := context.Background()
	b.Run("generated", func(b *testing.B) {
		for b.Loop() {
			benchLibrary(b, n)
		}
		st, err := os.Stat(path)
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(gen.InsertRate, "articles/s")
		b.ReportMetric(msf(gen.Optimize), "ms/optimize")
		b.ReportMetric(float64(st.Size())/1e6, "MB")
		b.ReportMetric(float64(st.Size())/float64(n), "bytes/article")
	})
	b.Run("open", func(b *testing.B) {
		timedLoop(b, func() error {
			l, err := Open(ctx, path)
			if err != nil {
				return err
			}
			return l.Close()
		})
	})
	l, err := Open(ctx, path)
	if err != nil {
		b.Fatal(err)
	}
	defer l.Close()
	for _, sort := range []Sort{ByClipped, ByPublished, ByTitle} {
		ids, last := listAll(b, l, sort)
		for _, page := range []struct{ name, after string }{
			{"first", ""}, {fmt.Sprintf("last=%d", (len(ids)+49)/50), last},
		} {
			b.Run(fmt.Sprintf("list/%s/%s", sort, page.name), func(b *testing.B) {
				timedLoop(b, func() error {
					_, err := l.List(ctx, ListOptions{Sort: sort, After: page.after})
					return err
				})
			})
		}
	}
	b.Run("list/tag=music/first", func(b *testing.B) {
		timedLoop(b, func() error {
			_, err := l.List(ctx, ListOptions{Tag: "music"})
			return err
		})
	})
}

// reportSize is the number of articles of the reports' generated library:
// 20,000, or MARGIN_REPORT_N.
func reportSize(t *testing.T) int {
	t.Helper()
	v := os.Getenv("MARGIN_REPORT_N")
	if v == "" {
		return 20000
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 100 {
		t.Fatalf("MARGIN_REPORT_N=%q: want a number of articles, at least 100", v)
	}
	return n
}

// benchReportSize is reportSize for the benchmarks: 20,000, or
// MARGIN_REPORT_N when it is a number of at least 100.
func benchReportSize() int {
	if v, err := strconv.Atoi(os.Getenv("MARGIN_REPORT_N")); err == nil && v >= 100 {
		return v
	}
	return 20000
}

// searchClasses are the queries of the search report and benchmark, by
// class.
var searchClasses = []struct {
	name    string
	queries []string
}{
	{"English words", []string{testlib.Vocabulary[3], testlib.Vocabulary[30], testlib.Vocabulary[100],
		testlib.Vocabulary[300], testlib.Vocabulary[1000], testlib.Vocabulary[3000], "model", "research", "readab*",
		"search library", testlib.Vocabulary[10] + " " + testlib.Vocabulary[50], `"open data"`, "the"}},
	{"Chinese, 3+ characters", []string{"大模型", "智能腾讯", "研究落后美国", "数据平台", "网络信息安全", "人工"}},
	{"Chinese, 2 characters", []string{"腾讯", "模型", "研究", "市场", "历史", "安全", "国家", "发展"}},
	{"Chinese, 1 character", []string{"智", "的", "国", "模", "腾", "史", "网", "人"}},
	{"tag-filtered", []string{"tag:ai model", "tag:科技 大模型", "tag:music " + testlib.Vocabulary[30],
		"tag:reading 的", "tag:history " + testlib.Vocabulary[100], "tag:ai is:favorite", "tag:design"}},
}

// searchIDs returns the ids of every hit of q, page by page.
func searchIDs(t *testing.T, l *Library, q string, newest bool) []int64 {
	t.Helper()
	var ids []int64
	for {
		res, err := l.Search(context.Background(), SearchOptions{Query: q, Newest: newest, Limit: maxLimit, Offset: len(ids)})
		if err != nil {
			t.Fatalf("search %q: %v", q, err)
		}
		if len(res) > 0 && res[0].Snippet == "" && parseQuery(q).match != "" {
			t.Fatalf("query %q: no snippet", q)
		}
		for _, it := range res {
			ids = append(ids, it.ID)
		}
		if len(res) < maxLimit {
			return ids
		}
	}
}

// TestReportSearch checks search by query class on the generated library
// of TestReportLibrary (which makes it when it is not cached yet), for
// `make bench`: each class finds articles, hits carry snippets, and newest
// first and relevance find the same articles. BenchmarkSearchClass
// measures it. Run it alone:
// MARGIN_REPORT=1 go test -tags migrated_fynedo -run '^TestReportSearch' -v ./storage/
func TestReportSearch(t *testing.T) {
	if os.Getenv("MARGIN_REPORT") != "1" {
		t.Skip("set MARGIN_REPORT=1 to run the search report")
	}
	ctx := context.Background()
	path, _, _ := benchLibrary(t, reportSize(t))
	l, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()

	fmt.Printf("\nSearch by query class: articles found (relevance and newest first find the same)\n")
	for _, c := range searchClasses {
		var hits int
		for _, q := range c.queries {
			relevance := searchIDs(t, l, q, false)
			newest := searchIDs(t, l, q, true)
			slices.Sort(relevance)
			slices.Sort(newest)
			if !slices.Equal(relevance, newest) {
				t.Errorf("query %q: relevance finds %d articles, newest first %d, not the same", q, len(relevance), len(newest))
			}
			if len(slices.Compact(relevance)) != len(relevance) {
				t.Errorf("query %q: an article found twice", q)
			}
			hits += len(relevance)
		}
		if hits == 0 {
			t.Errorf("%s: no query finds anything", c.name)
		}
		fmt.Printf("  %-24s %6.0f articles a query\n", c.name, float64(hits)/float64(len(c.queries)))
	}
}

// BenchmarkSearchClass measures search, top 50 with snippets (target p95 <
// 50 ms), by ordering and query class, on the generated library of
// TestReportLibrary (MARGIN_REPORT_N to change its size): an op runs each
// query of the class once, after one warm-up run of every query; ms/p50,
// ms/p95 and ms/max are of single queries, hits/query the hits a query
// returns.
//
// Why relevance is slower: to return the best 50, FTS5 computes bm25 for
// every matching article (ORDER BY rank, so snippets are made for the 50
// returned only; the index was optimized). Its cost grows with the number
// of matches: rare words and CJK of 2+ characters (one bigram token or a
// phrase of them) are fast, a word in most articles, a short common prefix
// (an explicit th*) or a single common CJK character is not. Newest first
// needs no ranking: FTS5 walks the matches by id and stops after 50, so it
// is the ordering for search as you type, and relevance is for Enter. The
// slow queries match 13,000-19,500 of the 20,000 articles; in a CPU profile
// of "the" by relevance about half the time is FTS5 reading each match's
// length from its docsize table for bm25 and 15% is sorting every match,
// work inside FTS5 that no rewriting of the query removes without ranking
// differently.
func BenchmarkSearchClass(b *testing.B) {
	path, _, _ := benchLibrary(b, benchReportSize())
	ctx := context.Background()
	l, err := Open(ctx, path)
	if err != nil {
		b.Fatal(err)
	}
	defer l.Close()
	for _, c := range searchClasses {
		for _, q := range c.queries {
			if _, err := l.Search(ctx, SearchOptions{Query: q}); err != nil {
				b.Fatal(err)
			}
		}
	}
	for _, order := range []struct {
		name   string
		newest bool
	}{{"relevance", false}, {"newest", true}} {
		for _, c := range searchClasses {
			b.Run(order.name+"/"+c.name, func(b *testing.B) {
				var ds []time.Duration
				hits := 0
				for b.Loop() {
					for _, q := range c.queries {
						begin := time.Now()
						res, err := l.Search(ctx, SearchOptions{Query: q, Newest: order.newest})
						if err != nil {
							b.Fatal(err)
						}
						ds = append(ds, time.Since(begin))
						hits += len(res)
					}
				}
				reportLatencies(b, ds)
				b.ReportMetric(msf(slices.Max(ds)), "ms/max")
				b.ReportMetric(float64(hits)/float64(len(ds)), "hits/query")
			})
		}
	}
}

// benchOpen opens a cached generated library of 1,000 articles for the
// Benchmark functions (generated on first use, about 20 s).
func benchOpen(b *testing.B) *Library {
	b.Helper()
	path, _, _ := benchLibrary(b, 1000)
	l, err := Open(context.Background(), path)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { l.Close() })
	return l
}

func BenchmarkSearch(b *testing.B) {
	l := benchOpen(b)
	ctx := context.Background()
	for _, q := range []string{"model", testlib.Vocabulary[100], "大模型", "腾讯", "智", "tag:ai research"} {
		for _, newest := range []bool{false, true} {
			b.Run(fmt.Sprintf("%s/newest=%v", q, newest), func(b *testing.B) {
				for b.Loop() {
					if _, err := l.Search(ctx, SearchOptions{Query: q, Newest: newest}); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

func BenchmarkList(b *testing.B) {
	l := benchOpen(b)
	ctx := context.Background()
	for _, sort := range []Sort{ByClipped, ByPublished, ByTitle} {
		var last string
		for after := ""; ; {
			p, err := l.List(ctx, ListOptions{Sort: sort, After: after})
			if err != nil {
				b.Fatal(err)
			}
			if p.Next == "" {
				break
			}
			last, after = p.Next, p.Next
		}
		for _, page := range []struct{ name, after string }{{"first", ""}, {"last", last}} {
			b.Run(string(sort)+"/"+page.name, func(b *testing.B) {
				for b.Loop() {
					if _, err := l.List(ctx, ListOptions{Sort: sort, After: page.after}); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

func BenchmarkParseQuery(b *testing.B) {
	for b.Loop() {
		parseQuery(`大模型 "open data" readab* tag:科技 is:unread c++ a:b`)
	}
}

// BenchmarkSearchTerms measures ranked search for queries of 10, 100 and
// 1,000 words taken from one generated article (a pasted passage), and for
// 100 KB of text from several (a pasted chapter), on the
// 20,000-article library of the reports (MARGIN_REPORT_N to change it; made
// and cached on first use, which takes several minutes), after one warm-up
// search. It reports the 95th percentile in ms/p95 (the goal is under
// 200 ms for each) and the CPU time of a search in cpu-ms/op, which the
// other processes on a shared machine disturb less.
func BenchmarkSearchTerms(b *testing.B) {
	n := benchReportSize()
	path, _, _ := benchLibrary(b, n)
	l, err := Open(context.Background(), path)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { l.Close() })
	ctx := context.Background()
	words := strings.Fields(corpus.Article(n / 2).Text)
	var paste strings.Builder // 100 KB of text from several articles
	for i := 1; paste.Len() < 100_000; i++ {
		paste.WriteString(corpus.Article(n/2+i).Text + "\n")
	}
	queries := map[string]string{"paste=100KB": paste.String()[:100_000]}
	names := []string{}
	for _, terms := range []int{10, 100, 1000} {
		name := fmt.Sprintf("terms=%d", terms)
		queries[name] = strings.Join(words[:min(terms, len(words))], " ")
		names = append(names, name)
	}
	for _, name := range append(names, "paste=100KB") {
		query := queries[name]
		b.Run(name, func(b *testing.B) {
			if _, err := l.Search(ctx, SearchOptions{Query: query}); err != nil {
				b.Fatal(err)
			}
			var ds []time.Duration
			cpu0 := cpuTime()
			for b.Loop() {
				begin := time.Now()
				if _, err := l.Search(ctx, SearchOptions{Query: query}); err != nil {
					b.Fatal(err)
				}
				ds = append(ds, time.Since(begin))
			}
			_, p95 := percentiles(ds)
			b.ReportMetric(msf(p95), "ms/p95")
			b.ReportMetric(float64((cpuTime()-cpu0).Microseconds())/1000/float64(len(ds)), "cpu-ms/op")
		})
	}
}

// BenchmarkReindexAll measures the reindex step of a migration on the
// generated library of 1,000 articles (rolled back, so the file is kept):
// the time the first open after an upgrade that reindexes spends on it, in
// articles/s.
func BenchmarkReindexAll(b *testing.B) {
	l := benchOpen(b)
	ctx := context.Background()
	errRollback := errors.New("roll back")
	var articles int
	start := time.Now()
	for b.Loop() {
		err := l.write(ctx, func(tx *sql.Tx) error {
			if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM articles`).Scan(&articles); err != nil {
				return err
			}
			if err := reindexAll(ctx, tx, func(int, int) {}); err != nil {
				return err
			}
			return errRollback
		})
		if !errors.Is(err, errRollback) {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(articles*b.N)/time.Since(start).Seconds(), "articles/s")
}
