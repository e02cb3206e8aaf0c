package clip

import (
	"app.margin/margin/article"

	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	"codeberg.org/readeck/go-readability/v2"
	"golang.org/x/net/html"
)

// zhDevDir holds the Chinese development pages (../shared/fixtures/zh-dev
// from the repository root); their truth is in testdata/zh-dev.json, written
// by reading each page.
const zhDevDir = "../../shared/fixtures/zh-dev/pages"

// zhTruth is what a careful reader sees on one page. Empty fields are not
// known (a page that shows no year, say) and are not scored, except that
// authors, editors and source are scored on every page: a page with none
// must get none.
type zhTruth struct {
	Page      string   `json:"page"`
	Title     string   `json:"title"`
	Authors   []string `json:"authors"`
	Editors   []string `json:"editors"`
	Source    string   `json:"source"`
	Published string   `json:"published"` // China time: "2006-01-02" or "2006-01-02 15:04[:05]"
	First     string   `json:"first"`     // the body's first sentence, or its start
	Last      string   `json:"last"`      // the body's last sentence, or its end
}

// zhPage is a page with its truth.
type zhPage struct {
	zhTruth
	raw []byte
}

func loadZhDev(tb testing.TB) []zhPage {
	tb.Helper()
	if _, err := os.Stat(zhDevDir); err != nil {
		tb.Skipf("skipping the Chinese development pages: %s is missing (%v)", zhDevDir, err)
	}
	return loadZhPages(tb, "testdata/zh-dev.json", zhDevDir)
}

// loadZhPages reads a truth file and the pages in dir it names.
func loadZhPages(tb testing.TB, truthFile, dir string) []zhPage {
	tb.Helper()
	data, err := os.ReadFile(truthFile)
	if err != nil {
		tb.Fatalf("read truth: %v", err)
	}
	var truth []zhTruth
	if err := json.Unmarshal(data, &truth); err != nil {
		tb.Fatalf("parse truth: %v", err)
	}
	var pages []zhPage
	for _, t := range truth {
		raw, err := os.ReadFile(filepath.Join(dir, t.Page+".html"))
		if err != nil {
			tb.Fatalf("page %s: %v", t.Page, err)
		}
		pages = append(pages, zhPage{t, raw})
	}
	return pages
}

// zhResult is what one extractor made of a page, in the truth's terms.
type zhResult struct {
	title            string
	authors, editors []string
	source           string
	published        time.Time
	text             string
}

// zhAfterLast is how much text may follow the body's last sentence: a
// credit line ("本文来源：新京报 责任编辑：姚立伟_NT6056"), not a trail of
// other articles.
const zhAfterLast = 80

// zhFields are the scored fields, in report order.
var zhFields = []string{"title", "authors", "editors", "source", "published", "first sentence", "last sentence"}

// zhScore says, field by field, whether r is right for p: ok, and whether
// the field counts on this page (scored).
func zhScore(p zhTruth, r zhResult) map[string][2]bool {
	out := map[string][2]bool{}
	out["title"] = [2]bool{noSpace(r.title) == noSpace(p.Title), p.Title != ""}
	out["authors"] = [2]bool{sameSet(r.authors, p.Authors), true}
	out["editors"] = [2]bool{sameSet(r.editors, p.Editors), true}
	out["source"] = [2]bool{r.source == p.Source, true}
	out["published"] = [2]bool{samePublished(r.published, p.Published), p.Published != ""}
	out["first sentence"] = [2]bool{p.First != "" && strings.Contains(firstRunes(noSpace(r.text), 300), noSpace(p.First)), p.First != ""}
	ok := false
	if i := strings.LastIndex(noSpace(r.text), noSpace(p.Last)); p.Last != "" && i >= 0 {
		ok = utf8.RuneCountInString(noSpace(r.text)[i+len(noSpace(p.Last)):]) <= zhAfterLast
	}
	out["last sentence"] = [2]bool{ok, p.Last != ""}
	return out
}

func noSpace(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}

func sameSet(a, b []string) bool {
	a, b = slices.Clone(a), slices.Clone(b)
	slices.Sort(a)
	slices.Sort(b)
	return slices.Equal(a, b)
}

// samePublished compares to the truth's precision, in China time.
func samePublished(got time.Time, want string) bool {
	if want == "" || got.IsZero() {
		return false
	}
	got = got.In(chinaTime)
	for _, layout := range []string{"2006-01-02 15:04:05", "2006-01-02 15:04", "2006-01-02"} {
		if len(layout) == len(want) {
			return got.Format(layout) == want
		}
	}
	return false
}

func runZhOurs(tb testing.TB, p zhPage) (zhResult, *article.Article) {
	a, err := Parse(p.raw, "", "")
	if err != nil {
		tb.Errorf("%s: Parse: %v", p.Page, err)
		return zhResult{}, nil
	}
	return zhResult{a.Title, a.Authors, a.Editors, a.Source.Name, a.Published, a.Text}, a
}

// runZhPlain is go-readability on its own, as most Go programs use it; it
// has no editors or source.
func runZhPlain(p zhPage) zhResult {
	parser := readability.NewParser()
	ra, err := parser.Parse(bytes.NewReader(p.raw), nil)
	if err != nil {
		return zhResult{}
	}
	r := zhResult{title: ra.Title()}
	if b := strings.TrimSpace(ra.Byline()); b != "" {
		r.authors = []string{b}
	}
	if t, err := ra.PublishedTime(); err == nil {
		r.published = t
	}
	if ra.Node != nil {
		var b strings.Builder
		if err := html.Render(&b, ra.Node); err == nil {
			r.text = article.CanonicalText(article.Blocks(b.String()))
		}
	}
	return r
}

// zhTally counts right answers per field.
type zhTally map[string][2]int // field -> {right, scored}

func (t zhTally) add(score map[string][2]bool) {
	for f, s := range score {
		if !s[1] {
			continue
		}
		v := t[f]
		v[1]++
		if s[0] {
			v[0]++
		}
		t[f] = v
	}
}

// zhFloor is what the current rules reach on the development pages (right
// answers out of the pages scored); a change that loses one fails.
var zhFloor = map[string]int{
	"title": 62, "authors": 61, "editors": 62, "source": 59, "published": 55,
	"first sentence": 37, "last sentence": 54,
}

// TestZhDevPages holds the floor on the Chinese development pages.
func TestZhDevPages(t *testing.T) {
	pages := loadZhDev(t)
	ours := zhTally{}
	for _, p := range pages {
		r, a := runZhOurs(t, p)
		if a == nil {
			continue
		}
		checkInvariants(t, p.Page, a)
		ours.add(zhScore(p.zhTruth, r))
	}
	for _, f := range zhFields {
		if got, want := ours[f][0], zhFloor[f]; got < want {
			t.Errorf("%s right on %d of %d pages, want at least %d", f, got, ours[f][1], want)
		}
	}
}

// TestReportZhDev prints ours against plain go-readability on the Chinese
// development pages, field by field, and names each page a field misses.
// MARGIN_REPORT=1 runs it.
func TestReportZhDev(t *testing.T) {
	if os.Getenv("MARGIN_REPORT") != "1" {
		t.Skip("set MARGIN_REPORT=1 to print the Chinese development set comparison")
	}
	pages := loadZhDev(t)
	ours, plain := zhTally{}, zhTally{}
	misses := map[string][]string{}
	authorPages, authorRight := 0, 0
	for _, p := range pages {
		r, _ := runZhOurs(t, p)
		s := zhScore(p.zhTruth, r)
		ours.add(s)
		plain.add(zhScore(p.zhTruth, runZhPlain(p)))
		for _, f := range zhFields {
			if s[f][1] && !s[f][0] {
				misses[f] = append(misses[f], p.Page+zhGot(f, r))
			}
		}
		if len(p.Authors) > 0 {
			authorPages++
			if s["authors"][0] {
				authorRight++
			}
		}
	}
	fmt.Printf("\nChinese development pages: %d pages (truth: clip/testdata/zh-dev.json)\n", len(pages))
	fmt.Printf("%-38s %16s %16s\n", "field right", "margin clip", "go-readability")
	for _, f := range zhFields {
		fmt.Printf("%-38s %16s %14s\n", f, ratio(ours[f][0], ours[f][1]), ratio(plain[f][0], plain[f][1]))
	}
	fmt.Printf("%-38s %16s\n", "authors right, pages that have one", ratio(authorRight, authorPages))
	// Speed on these pages, as the Mozilla report measures it.
	asMozilla := make([]mozillaPage, len(pages))
	for i, p := range pages {
		asMozilla[i] = mozillaPage{name: p.Page, source: p.raw}
	}
	prev := runtime.GOMAXPROCS(1)
	oursT, plainT := timePages(asMozilla, 3,
		func(p mozillaPage) { _, _ = Parse(p.source, "", "") },
		func(p mozillaPage) {
			parser := readability.NewParser()
			_, _ = parser.Parse(bytes.NewReader(p.source), nil)
		})
	runtime.GOMAXPROCS(prev)
	fmt.Printf("%-38s %16.2f %16.2f\n", "ms per page, median (1 core)", oursT.median, plainT.median)
	fmt.Printf("%-38s %16.2f %16.2f\n", "ms per page, p95 (1 core)", oursT.p95, plainT.p95)
	for _, f := range zhFields {
		if len(misses[f]) > 0 {
			fmt.Printf("  %s missed:\n    %s\n", f, strings.Join(misses[f], "\n    "))
		}
	}
}

// zhGot is what ours gave for a missed field, for the report.
func zhGot(field string, r zhResult) string {
	switch field {
	case "title":
		return fmt.Sprintf(" %q", r.title)
	case "authors":
		return fmt.Sprintf(" %q", r.authors)
	case "editors":
		return fmt.Sprintf(" %q", r.editors)
	case "source":
		return fmt.Sprintf(" %q", r.source)
	case "published":
		if r.published.IsZero() {
			return " none"
		}
		return " " + r.published.In(chinaTime).Format("2006-01-02 15:04:05")
	}
	return ""
}
