package clip

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"codeberg.org/readeck/go-readability/v2"
	"golang.org/x/net/html"

	"app.margin/margin/article"
)

// trafilaturaModule is the go-trafilatura release whose comparison set (983
// pages with passages their text must and must not hold) the report reads
// from the module cache: go mod download github.com/markusmobius/go-trafilatura@v1.12.2
const trafilaturaModule = "github.com/markusmobius/go-trafilatura@v1.12.2"

// comparisonEntry is one page of the set: its address, file, and the
// passages its text must (with) and must not (without) hold.
type comparisonEntry struct {
	url, file     string
	with, without []string
	// Metadata some pages carry: title, published day ("2020-02-19") and
	// authors; "" or nil when the set gives none.
	title, date string
	authors     []string
}

// moduleDir is where module@version is in the module cache; the test is
// skipped when Go cannot say.
func moduleDir(tb testing.TB, module string) string {
	tb.Helper()
	out, err := exec.Command("go", "env", "GOMODCACHE").Output()
	if err != nil {
		tb.Skipf("skipping %s's pages: go env GOMODCACHE: %v", module, err)
	}
	return filepath.Join(strings.TrimSpace(string(out)), filepath.FromSlash(module))
}

// loadComparison reads scripts/comparison/data.go of the module, a Go map
// literal, with go/parser: the set is not published in another form.
func loadComparison(tb testing.TB) (dir string, entries []comparisonEntry) {
	tb.Helper()
	dir = moduleDir(tb, trafilaturaModule)
	src, err := os.ReadFile(filepath.Join(dir, "scripts", "comparison", "data.go"))
	if err != nil {
		tb.Skipf("skipping the comparison set: %v (run go mod download %s)", err, trafilaturaModule)
	}
	f, err := parser.ParseFile(token.NewFileSet(), "data.go", src, 0)
	if err != nil {
		tb.Fatalf("parse data.go: %v", err)
	}
	ast.Inspect(f, func(n ast.Node) bool {
		kv, ok := n.(*ast.KeyValueExpr)
		if !ok {
			return true
		}
		key, ok1 := kv.Key.(*ast.BasicLit)
		val, ok2 := kv.Value.(*ast.CompositeLit)
		if !ok1 || !ok2 || key.Kind != token.STRING {
			return true
		}
		e := comparisonEntry{url: unquote(key.Value)}
		for _, el := range val.Elts {
			field, ok := el.(*ast.KeyValueExpr)
			if !ok {
				continue
			}
			switch name := fmt.Sprint(field.Key); name {
			case "File", "Title", "Date":
				if lit, ok := field.Value.(*ast.BasicLit); ok {
					switch name {
					case "File":
						e.file = unquote(lit.Value)
					case "Title":
						e.title = unquote(lit.Value)
					default:
						e.date = unquote(lit.Value)
					}
				}
			case "With", "Without", "Authors":
				list, ok := field.Value.(*ast.CompositeLit)
				if !ok {
					continue
				}
				for _, x := range list.Elts {
					if lit, ok := x.(*ast.BasicLit); ok && lit.Kind == token.STRING {
						switch name {
						case "With":
							e.with = append(e.with, unquote(lit.Value))
						case "Without":
							e.without = append(e.without, unquote(lit.Value))
						default:
							e.authors = append(e.authors, unquote(lit.Value))
						}
					}
				}
			}
		}
		if e.file != "" {
			entries = append(entries, e)
		}
		return false
	})
	return dir, entries
}

func unquote(s string) string {
	u, err := strconv.Unquote(s)
	if err != nil {
		return s
	}
	return u
}

// passageScore counts passages found and missed, trafilatura's way: a
// "with" passage found is a true positive, missed a false negative; a
// "without" passage found is a false positive. An empty text finds none.
type passageScore struct{ tp, fn, fp, tn int }

func (s *passageScore) add(e comparisonEntry, text string) {
	for _, p := range e.with {
		if text != "" && strings.Contains(text, p) {
			s.tp++
		} else {
			s.fn++
		}
	}
	for _, p := range e.without {
		if text != "" && strings.Contains(text, p) {
			s.fp++
		} else {
			s.tn++
		}
	}
}

func (s passageScore) prf() (p, r, f float64) {
	tp, fn, fp := float64(s.tp), float64(s.fn), float64(s.fp)
	return tp / (tp + fp), tp / (tp + fn), 2 * tp / (2*tp + fp + fn)
}

// TestReportComparison prints precision, recall and F on go-trafilatura's
// comparison set, for Margin and for plain go-readability, with the
// definition of go-trafilatura's scripts/comparison (its README: plain
// go-readability 0.870/0.881/0.875, go-trafilatura with fallback
// 0.908/0.912/0.910). Both texts are read block by block, white space
// collapsed (a passage spans no block boundary in either). MARGIN_REPORT=1
// runs it.
func TestReportComparison(t *testing.T) {
	if os.Getenv("MARGIN_REPORT") != "1" {
		t.Skip("set MARGIN_REPORT=1 to print the comparison-set scores")
	}
	dir, entries := loadComparison(t)
	var ours, plain passageScore
	oursMeta, plainMeta := metaScore{}, metaScore{}
	pages, failed := 0, 0
	for _, e := range entries {
		// As go-trafilatura's script: the comparison folder, else the mock one.
		raw, err := os.ReadFile(filepath.Join(dir, "test-files", "comparison", e.file))
		if err != nil {
			if raw, err = os.ReadFile(filepath.Join(dir, "test-files", "mock", e.file)); err != nil {
				continue
			}
		}
		pages++
		a, err := Parse(raw, "", e.url)
		text := ""
		if err == nil {
			text = flatText(a.Text)
			oursMeta.add(e, a.Title, a.Authors, a.Published)
		} else {
			failed++
			oursMeta.add(e, "", nil, time.Time{})
		}
		ours.add(e, text)
		ptext, ptitle, pauthors, pdate := plainResult(raw, e.url)
		plain.add(e, flatText(ptext))
		plainMeta.add(e, ptitle, pauthors, pdate)
	}
	fmt.Printf("\ngo-trafilatura comparison set: %d of %d pages found (%s), %d Parse errors\n", pages, len(entries), trafilaturaModule, failed)
	fmt.Printf("%-38s %16s %16s\n", "measure", "margin clip", "go-readability")
	op, or, of := ours.prf()
	pp, pr, pf := plain.prf()
	fmt.Printf("%-38s %16.3f %16.3f\n", "precision", op, pp)
	fmt.Printf("%-38s %16.3f %16.3f\n", "recall", or, pr)
	fmt.Printf("%-38s %16.3f %16.3f\n", "F-score", of, pf)
	for _, f := range []string{"title exact", "authors exact", "published day"} {
		fmt.Printf("%-38s %16s %16s\n", f+", pages that give it", ratio(oursMeta[f][0], oursMeta[f][1]), ratio(plainMeta[f][0], plainMeta[f][1]))
	}
}

// metaScore counts, per field, right answers and the pages whose entry
// gives the field.
type metaScore map[string][2]int

func (m metaScore) add(e comparisonEntry, title string, authors []string, published time.Time) {
	count := func(field string, given, right bool) {
		if !given {
			return
		}
		v := m[field]
		v[1]++
		if right {
			v[0]++
		}
		m[field] = v
	}
	count("title exact", e.title != "", flatText(title) == flatText(e.title))
	count("authors exact", len(e.authors) > 0, sameSet(authors, e.authors))
	// The day as the page printed it, in its own zone.
	count("published day", e.date != "", !published.IsZero() && published.Format("2006-01-02") == e.date)
}

// flatText is a text on one line, its blocks joined by spaces.
func flatText(s string) string { return strings.Join(strings.Fields(s), " ") }

// plainResult is go-readability's text for a page, rendered by the block
// rules as runPlain does, with its title, byline and published time.
func plainResult(raw []byte, pageURL string) (text, title string, authors []string, published time.Time) {
	u, _ := url.Parse(pageURL)
	parser := readability.NewParser()
	ra, err := parser.Parse(bytes.NewReader(raw), u)
	if err != nil || ra.Node == nil {
		return "", "", nil, time.Time{}
	}
	title = ra.Title()
	if b := strings.TrimSpace(ra.Byline()); b != "" {
		authors = []string{b}
	}
	published, _ = ra.PublishedTime()
	var b strings.Builder
	if err := html.Render(&b, ra.Node); err != nil {
		return "", title, authors, published
	}
	return article.CanonicalText(article.Blocks(b.String())), title, authors, published
}
