package clip

import (
	"app.margin/margin/article"
	"app.margin/margin/internal/text"

	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	"codeberg.org/readeck/go-readability/v2"
	"github.com/itlightning/dateparse"
	"golang.org/x/net/html"
)

// mozillaURL is the page address Mozilla's Readability tests use.
const mozillaURL = "http://fakehost/test/page.html"

// mozillaPage is one of Mozilla's Readability test pages.
type mozillaPage struct {
	name     string
	source   []byte
	expected string // canonical text of expected.html
	meta     struct {
		Title         string `json:"title"`
		Byline        string `json:"byline"`
		Excerpt       string `json:"excerpt"`
		SiteName      string `json:"siteName"`
		PublishedTime string `json:"publishedTime"`
	}
}

// result is what one pipeline made of one page, in comparable form.
type result struct {
	text                             string
	title, byline, siteName, excerpt string
	published                        time.Time
	hasPublished                     bool
}

var (
	mozillaOnce  sync.Once
	mozillaPages []mozillaPage
	mozillaErr   string
)

// loadMozilla reads the test pages from the go-readability module, located
// with `go list` so the test follows the version in go.mod.
func loadMozilla(tb testing.TB) []mozillaPage {
	tb.Helper()
	mozillaOnce.Do(func() {
		dir, err := mozillaDir()
		if err != nil {
			mozillaErr = err.Error()
			return
		}
		entries, err := os.ReadDir(dir)
		if err != nil {
			mozillaErr = "read test pages: " + err.Error()
			return
		}
		for _, e := range entries {
			if !e.IsDir() {
				continue
			}
			p := mozillaPage{name: e.Name()}
			src, err1 := os.ReadFile(filepath.Join(dir, e.Name(), "source.html"))
			exp, err2 := os.ReadFile(filepath.Join(dir, e.Name(), "expected.html"))
			meta, err3 := os.ReadFile(filepath.Join(dir, e.Name(), "expected-metadata.json"))
			if err1 != nil || err2 != nil || err3 != nil {
				continue
			}
			if err := json.Unmarshal(meta, &p.meta); err != nil {
				continue
			}
			p.source = src
			p.expected = article.CanonicalText(article.Blocks(string(exp)))
			mozillaPages = append(mozillaPages, p)
		}
	})
	if mozillaErr != "" {
		tb.Skip("skipping Mozilla pages: " + mozillaErr)
	}
	return mozillaPages
}

// mozillaDir is the test-pages folder of the go-readability module in use.
func mozillaDir() (string, error) {
	out, err := exec.Command("go", "list", "-m", "-json", "codeberg.org/readeck/go-readability/v2").Output()
	if err != nil {
		return "", fmt.Errorf("go list go-readability: %w", err)
	}
	var mod struct{ Dir string }
	if err := json.Unmarshal(out, &mod); err != nil || mod.Dir == "" {
		return "", errors.New("go-readability module not downloaded (run go mod download)")
	}
	return filepath.Join(mod.Dir, "test-pages"), nil
}

// runOurs runs Parse on a page.
func runOurs(tb testing.TB, p mozillaPage) (result, *article.Article) {
	a, err := Parse(p.source, "", mozillaURL)
	if err != nil {
		tb.Errorf("%s: Parse: %v", p.name, err)
		return result{}, nil
	}
	return result{
		text: a.Text, title: a.Title, byline: strings.Join(a.Authors, ", "), siteName: a.SiteName,
		excerpt: a.Excerpt, published: a.Published, hasPublished: !a.Published.IsZero(),
	}, a
}

// runPlain runs go-readability on its own, the way most Go programs use it:
// its own byte parsing, and the text rendered by our block rules so the
// comparison measures extraction, not text rendering.
func runPlain(tb testing.TB, p mozillaPage) result {
	u, _ := url.Parse(mozillaURL)
	parser := readability.NewParser()
	ra, err := parser.Parse(bytes.NewReader(p.source), u)
	if err != nil {
		return result{}
	}
	var r result
	if ra.Node != nil {
		var b strings.Builder
		if err := html.Render(&b, ra.Node); err == nil {
			r.text = article.CanonicalText(article.Blocks(b.String()))
		}
	}
	r.title, r.byline, r.siteName, r.excerpt = ra.Title(), ra.Byline(), ra.SiteName(), ra.Excerpt()
	if t, err := ra.PublishedTime(); err == nil {
		r.published, r.hasPublished = t, true
	}
	return r
}

// tokens splits text into lower-case words, each CJK character a word.
func tokens(s string) []string {
	var out []string
	var cur strings.Builder
	flush := func() {
		if cur.Len() > 0 {
			out = append(out, cur.String())
			cur.Reset()
		}
	}
	for _, r := range strings.ToLower(s) {
		switch {
		case text.IsCJK(r):
			flush()
			out = append(out, string(r))
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			cur.WriteRune(r)
		default:
			flush()
		}
	}
	flush()
	return out
}

// tokenF1 is the bag-of-words F1 of got against want.
func tokenF1(got, want string) float64 {
	g, w := tokens(got), tokens(want)
	if len(g) == 0 && len(w) == 0 {
		return 1
	}
	if len(g) == 0 || len(w) == 0 {
		return 0
	}
	counts := map[string]int{}
	for _, t := range w {
		counts[t]++
	}
	common := 0
	for _, t := range g {
		if counts[t] > 0 {
			counts[t]--
			common++
		}
	}
	if common == 0 {
		return 0
	}
	prec := float64(common) / float64(len(g))
	rec := float64(common) / float64(len(w))
	return 2 * prec * rec / (prec + rec)
}

// fieldStat counts matches of one metadata field against Mozilla's
// expected-metadata.json: strictly over all pages (the measure the issue
// sets), and, as extra information, over the pages where the reference has
// a value (where it has none, Readability.js simply found nothing).
type fieldStat struct {
	strict, withRef, refPages int
}

func (f *fieldStat) add(got, want string) {
	if got == want {
		f.strict++
	}
	if want == "" {
		return
	}
	f.refPages++
	if got == want {
		f.withRef++
	}
}

// fieldScores sums one pipeline's results over the pages.
type fieldScores struct {
	f1                           float64
	pages                        int
	title, byline, site, excerpt fieldStat
	published, pubPages          int
}

func (s *fieldScores) add(p mozillaPage, r result) {
	s.pages++
	s.f1 += tokenF1(r.text, p.expected)
	s.title.add(r.title, p.meta.Title)
	s.byline.add(r.byline, p.meta.Byline)
	s.site.add(r.siteName, p.meta.SiteName)
	s.excerpt.add(r.excerpt, p.meta.Excerpt)
	if p.meta.PublishedTime != "" {
		s.pubPages++
		if want, err := dateparse.ParseAny(p.meta.PublishedTime); err == nil && r.hasPublished && r.published.Equal(want) {
			s.published++
		}
	}
}

// pagesWithSource are the Mozilla pages that name an original source, each
// for a reason a reader would accept; any other page naming one is a cue
// firing on ordinary words.
var pagesWithSource = map[string]string{
	"gmw":   "来源：网易科学人 under the title, linked to the 163.com original",
	"youth": "来源： 人民日报海外版 in the date line under the title",
	"qq":    "TNW中文站 beside the date under the title, and 'TNW中文站 10月14日报道' opens the text",
}

// titleDeviation is a Mozilla page whose title we deliberately give
// otherwise than Readability.js: its expected title, ours, and why.
type titleDeviation struct{ readability, ours, why string }

// portalTitleRule is why the portal titles below differ: issue 13 asks that
// a portal's channel and site names leave a <title> when the page confirms
// the site, and the human-made zh-dev truth reads them so; Readability.js
// keeps "_频道_站点" because it cuts a suffix only beside a single separator.
const portalTitleRule = "the page shows the heading alone and confirms the site at the title's end (see confirmedCut): channel and site names go (issue 13)"

// mozillaTitleDeviations are the only Mozilla pages whose title may differ
// from Readability.js's, each with the title it must have instead; a
// difference on any other page, or another title here, fails.
var mozillaTitleDeviations = map[string]titleDeviation{
	"gmw": {"宇航员在太空中喝酒会怎么样？后果很严重 _探索者 _光明网", "宇航员在太空中喝酒会怎么样？后果很严重",
		portalTitleRule + "; 光明网 is shaped as a site name (ends in 网)"},
	"qq": {"DeepMind新电脑已可利用记忆自学 人工智能迈上新台阶_科技_腾讯网", "DeepMind新电脑已可利用记忆自学 人工智能迈上新台阶",
		portalTitleRule + "; 腾讯网 is shaped as a site name (ends in 网)"},
	"youth": {"海外留学生看两会：出国前后关注点大不同_教育频道_中国青年网", "海外留学生看两会：出国前后关注点大不同",
		portalTitleRule + "; 中国青年网 is shaped as a site name (ends in 网)"},
}

// wantTitle is the title Parse must give page p: Readability.js's, unless
// the page is a listed deviation, whose listed reference must still be
// Readability.js's (a new module version that changes it is seen).
func wantTitle(tb testing.TB, p mozillaPage) string {
	d, ok := mozillaTitleDeviations[p.name]
	if !ok {
		return p.meta.Title
	}
	if d.readability != p.meta.Title {
		tb.Errorf("%s: listed deviation expects Readability.js's title %q, the page now expects %q", p.name, d.readability, p.meta.Title)
	}
	return d.ours
}

// TestMozillaPages runs every Mozilla page through Parse and through plain
// go-readability: ours must keep its invariants on every page, give every
// page Readability.js's title but the listed deviations, and be no worse
// than plain on content F1 and on the strict exact-match rate of the other
// metadata fields. A page whose site name differs is named, so a change
// that trades one page for another is seen, not averaged away.
func TestMozillaPages(t *testing.T) {
	pages := loadMozilla(t)
	var ours, plain fieldScores
	for _, p := range pages {
		r, a := runOurs(t, p)
		if a == nil {
			continue
		}
		checkInvariants(t, p.name, a)
		ours.add(p, r)
		plain.add(p, runPlain(t, p))
		if want := wantTitle(t, p); r.title != want {
			t.Errorf("%s: title %q, want %q (Readability.js %q)", p.name, r.title, want, p.meta.Title)
		}
		if r.siteName != p.meta.SiteName {
			t.Logf("%s: site name %q, reference %q", p.name, r.siteName, p.meta.SiteName)
		}
		if _, ok := pagesWithSource[p.name]; !a.Source.IsZero() && !ok {
			t.Errorf("%s: source %+v (%s) on a page that names none", p.name, a.Source, a.Provenance["source"])
		}
		if _, ok := pagesWithSource[p.name]; a.Source.IsZero() && ok {
			t.Errorf("%s: no source, want %s", p.name, pagesWithSource[p.name])
		}
	}
	t.Logf("pages %d: F1 ours %.4f plain %.4f", ours.pages, ours.f1/float64(ours.pages), plain.f1/float64(plain.pages))
	checks := []struct {
		name        string
		ours, plain float64
	}{
		{"content F1", ours.f1, plain.f1},
		{"byline", float64(ours.byline.strict), float64(plain.byline.strict)},
		{"site name", float64(ours.site.strict), float64(plain.site.strict)},
		{"excerpt", float64(ours.excerpt.strict), float64(plain.excerpt.strict)},
		{"published", float64(ours.published), float64(plain.published)},
	}
	for _, c := range checks {
		if c.ours < c.plain-1e-9 {
			t.Errorf("%s: ours %.3f < plain go-readability %.3f", c.name, c.ours, c.plain)
		}
	}
}

// checkInvariants asserts what every Article must satisfy.
func checkInvariants(t *testing.T, name string, a *article.Article) {
	t.Helper()
	for field, s := range map[string]string{
		"title": a.Title, "site": a.SiteName, "excerpt": a.Excerpt, "content": a.ContentHTML,
		"text": a.Text, "language": a.Language, "source": a.Source.Name, "image": a.ImageURL,
		"canonical": a.CanonicalURL, "charset": a.Charset,
	} {
		if !utf8.ValidString(s) {
			t.Errorf("%s: %s is not valid UTF-8", name, field)
		}
		if strings.ContainsAny(s, "\uE000\uE001") {
			t.Errorf("%s: %s holds a private-use snippet marker", name, field)
		}
	}
	for _, au := range a.Authors {
		if !utf8.ValidString(au) {
			t.Errorf("%s: author %q is not valid UTF-8", name, au)
		}
	}
	if got := article.CanonicalText(article.Blocks(a.ContentHTML)); got != a.Text {
		t.Errorf("%s: Text != CanonicalText(Blocks(ContentHTML))", name)
	}
	if a.Text != "" && a.ReadingMinutes < 1 {
		t.Errorf("%s: reading minutes %d for a non-empty text", name, a.ReadingMinutes)
	}
}

// TestReportMozilla prints ours against plain go-readability on Mozilla's
// pages: quality, speed on one core and memory. MARGIN_REPORT=1 runs it.
func TestReportMozilla(t *testing.T) {
	if os.Getenv("MARGIN_REPORT") != "1" {
		t.Skip("set MARGIN_REPORT=1 to print the Mozilla comparison")
	}
	pages := loadMozilla(t)
	var ours, plain fieldScores
	var titleDiffs, siteDiffs [][3]string
	var sources []string
	for _, p := range pages {
		r, a := runOurs(t, p)
		ours.add(p, r)
		plain.add(p, runPlain(t, p))
		if r.title != p.meta.Title {
			titleDiffs = append(titleDiffs, [3]string{p.name, r.title, p.meta.Title})
		}
		if r.siteName != p.meta.SiteName {
			siteDiffs = append(siteDiffs, [3]string{p.name, r.siteName, p.meta.SiteName})
		}
		if a != nil && !a.Source.IsZero() {
			sources = append(sources, fmt.Sprintf("%s: %s %s (%s)", p.name, a.Source.Name, a.Source.URL, a.Provenance["source"]))
		}
	}
	prev := runtime.GOMAXPROCS(1)
	const passes = 3
	parsePlain := func(p mozillaPage) {
		u, _ := url.Parse(mozillaURL)
		parser := readability.NewParser()
		_, _ = parser.Parse(bytes.NewReader(p.source), u)
	}
	parseOurs := func(p mozillaPage) { _, _ = Parse(p.source, "", mozillaURL) }
	oursT, plainT := timePages(pages, passes, parseOurs, parsePlain)
	runtime.GOMAXPROCS(prev)
	oursMem := measureMem(pages, parseOurs)
	plainMem := measureMem(pages, parsePlain)

	fmt.Printf("\nMozilla Readability test pages: %d pages, page URL %s\n", ours.pages, mozillaURL)
	fmt.Printf("%-38s %16s %16s\n", "measure", "margin clip", "go-readability")
	fmt.Printf("%-38s %16.4f %16.4f\n", "content token F1 (mean)", ours.f1/float64(ours.pages), plain.f1/float64(plain.pages))
	row := func(name string, o, p int, n int) {
		fmt.Printf("%-38s %16s %14s\n", name, ratio(o, n), ratio(p, n))
	}
	row("title exact, all pages", ours.title.strict, plain.title.strict, ours.pages)
	row("byline exact, all pages", ours.byline.strict, plain.byline.strict, ours.pages)
	row("site name exact, all pages", ours.site.strict, plain.site.strict, ours.pages)
	row("excerpt exact, all pages", ours.excerpt.strict, plain.excerpt.strict, ours.pages)
	row("published instant, reference has one", ours.published, plain.published, ours.pubPages)
	row("byline exact, reference has one", ours.byline.withRef, plain.byline.withRef, ours.byline.refPages)
	row("site name exact, reference has one", ours.site.withRef, plain.site.withRef, ours.site.refPages)
	fmt.Printf("%-38s %16.2f %16.2f\n", "ms per page, median (1 core)", oursT.median, plainT.median)
	fmt.Printf("%-38s %16.2f %16.2f\n", "ms per page, p95 (1 core)", oursT.p95, plainT.p95)
	fmt.Printf("%-38s %16.1f %16.1f\n", "pages per second (1 core)", oursT.pagesPerSec, plainT.pagesPerSec)
	fmt.Printf("%-38s %16.1f %16.1f\n", "peak heap above base, MiB", oursMem.peakMiB, plainMem.peakMiB)
	fmt.Printf("%-38s %16.2f %16.2f\n", "allocated per page, MiB (mean)", oursMem.allocMiB, plainMem.allocMiB)
	if len(titleDiffs) > 0 {
		fmt.Printf("titles that differ from the reference:\n")
		for _, d := range titleDiffs {
			fmt.Printf("  %-28s ours %q\n  %-28s ref  %q\n", d[0], d[1], "", d[2])
			if dev, ok := mozillaTitleDeviations[d[0]]; ok && dev.ours == d[1] {
				fmt.Printf("  %-28s (listed deviation: %s)\n", "", dev.why)
			}
		}
	}
	if len(siteDiffs) > 0 {
		fmt.Printf("site names that differ from the reference:\n")
		for _, d := range siteDiffs {
			fmt.Printf("  %-28s ours %q, ref %q\n", d[0], d[1], d[2])
		}
	}
	fmt.Printf("pages naming an original source: %s\n", strings.Join(sources, "; "))
	fmt.Printf("(timing: %s, GOMAXPROCS=1, each page's median of %d passes, the two pipelines\n"+
		" interleaved page by page; peak heap: the largest over the pages of the heap in use while\n"+
		" parsing a page, sampled every 1 ms, minus the heap in use after a GC before that page;\n"+
		" median of %d runs)\n", cpuClock, passes, memRuns)
}

func ratio(n, d int) string {
	return fmt.Sprintf("%d/%d %.3f", n, d, float64(n)/float64(max(1, d)))
}

// memUse is what one pipeline needs in memory over the pages: the highest
// heap in use above what the process held before a page (the loaded test
// pages), the largest over the pages and the median of memRuns runs (one run
// alone moves with the collector's timing), and the bytes it allocates per
// page, which does not depend on the collector.
type memUse struct{ peakMiB, allocMiB float64 }

const memRuns = 5

func measureMem(pages []mozillaPage, run func(mozillaPage)) memUse {
	var peaks []float64
	var alloc uint64
	for range memRuns {
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		peaks = append(peaks, peakHeap(pages, run))
		runtime.ReadMemStats(&after)
		alloc = after.TotalAlloc - before.TotalAlloc
	}
	slices.Sort(peaks)
	return memUse{peakMiB: peaks[len(peaks)/2], allocMiB: float64(alloc) / float64(len(pages)) / (1 << 20)}
}

// peakHeap parses each page once, after a collection, and returns the
// highest heap in use (MiB) above the heap before that page, over all pages,
// sampled from runtime/metrics every millisecond and after each page.
func peakHeap(pages []mozillaPage, run func(mozillaPage)) float64 {
	samples := []metrics.Sample{
		{Name: "/memory/classes/heap/objects:bytes"},
		{Name: "/memory/classes/heap/unused:bytes"},
	}
	inUse := func() uint64 {
		metrics.Read(samples)
		return samples[0].Value.Uint64() + samples[1].Value.Uint64()
	}
	var peak, base atomic.Uint64
	// Until the first page's base is read, a sample counts nothing: read
	// against a zero base it would count the whole heap (the loaded pages),
	// which is what this measured before, whatever the parser.
	base.Store(math.MaxUint64)
	read := func() {
		now := inUse()
		v := now - min(base.Load(), now)
		for {
			old := peak.Load()
			if v <= old || peak.CompareAndSwap(old, v) {
				return
			}
		}
	}
	stop := make(chan struct{})
	done := make(chan struct{})
	go func() {
		defer close(done)
		tick := time.NewTicker(time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-stop:
				return
			case <-tick.C:
				read()
			}
		}
	}()
	for _, p := range pages {
		runtime.GC()
		base.Store(inUse())
		run(p)
		read()
	}
	close(stop)
	<-done
	return float64(peak.Load()) / (1 << 20)
}

type timing struct{ median, p95, pagesPerSec float64 }

// timePages measures the CPU time per page of two pipelines, alternating
// them page by page so that both see the same machine.
func timePages(pages []mozillaPage, passes int, a, b func(mozillaPage)) (timing, timing) {
	perA := make([][]float64, len(pages))
	perB := make([][]float64, len(pages))
	var totalA, totalB time.Duration
	measure := func(run func(mozillaPage), p mozillaPage) time.Duration {
		t0 := cpuTime()
		run(p)
		return cpuTime() - t0
	}
	for range passes {
		for i, p := range pages {
			da, db := measure(a, p), measure(b, p)
			totalA, totalB = totalA+da, totalB+db
			perA[i] = append(perA[i], float64(da.Microseconds())/1000)
			perB[i] = append(perB[i], float64(db.Microseconds())/1000)
		}
	}
	return summarize(perA, totalA, passes), summarize(perB, totalB, passes)
}

func summarize(per [][]float64, total time.Duration, passes int) timing {
	var ms []float64
	for _, v := range per {
		sort.Float64s(v)
		ms = append(ms, v[len(v)/2]) // each page's median over the passes
	}
	sort.Float64s(ms)
	return timing{
		median:      ms[len(ms)/2],
		p95:         ms[int(math.Ceil(0.95*float64(len(ms))))-1],
		pagesPerSec: float64(len(per)*passes) / total.Seconds(),
	}
}
