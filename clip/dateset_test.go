package clip

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// htmldateModule is the go-htmldate release whose comparison set (1,000
// pages, most German and English, with the day each was published) the
// dates report reads from the module cache:
// go mod download github.com/markusmobius/go-htmldate@v1.10.1
const htmldateModule = "github.com/markusmobius/go-htmldate@v1.10.1"

// datedPage is one page of the set: its address, file, the day it was
// published, and htmldate's answers in its fast and extensive modes.
type datedPage struct {
	url, file, date, fast, extensive string
}

// loadDatedPages reads the set's two lists (scripts/comparison/data-*.go,
// Go slice literals) with go/parser, and finds each file where htmldate's
// script looks for it.
func loadDatedPages(tb testing.TB) []datedPage {
	tb.Helper()
	dir := moduleDir(tb, htmldateModule)
	var pages []datedPage
	for _, list := range []string{"data-default.go", "data-mediacloud.go"} {
		src, err := os.ReadFile(filepath.Join(dir, "scripts", "comparison", list))
		if err != nil {
			tb.Skipf("skipping the htmldate set: %v (run go mod download %s)", err, htmldateModule)
		}
		f, err := parser.ParseFile(token.NewFileSet(), list, src, 0)
		if err != nil {
			tb.Fatalf("parse %s: %v", list, err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			lit, ok := n.(*ast.CompositeLit)
			if !ok || len(lit.Elts) == 0 {
				return true
			}
			if _, ok := lit.Elts[0].(*ast.KeyValueExpr); !ok {
				return true
			}
			var p datedPage
			for _, el := range lit.Elts {
				kv, ok := el.(*ast.KeyValueExpr)
				if !ok {
					continue
				}
				v, ok := kv.Value.(*ast.BasicLit)
				if !ok {
					continue
				}
				switch fmt.Sprint(kv.Key) {
				case "URL":
					p.url = unquote(v.Value)
				case "File":
					p.file = unquote(v.Value)
				case "Date":
					p.date = unquote(v.Value)
				case "Fast":
					p.fast = unquote(v.Value)
				case "Extensive":
					p.extensive = unquote(v.Value)
				}
			}
			for _, sub := range []string{"mediacloud", "comparison", "mock"} {
				path := filepath.Join(dir, "test-files", sub, p.file)
				if _, err := os.Stat(path); err == nil && p.file != "" {
					p.file = path
					pages = append(pages, p)
					break
				}
			}
			return false
		})
	}
	return pages
}

// TestReportDates prints how often the published day is right on
// go-htmldate's comparison set, beside plain go-readability and htmldate's
// own answers (stored in the set, found without the page's address). Margin
// is measured with the address, as a clip always has it, and without.
// MARGIN_REPORT=1 runs it; MARGIN_REPORT=dates also lists the misses.
func TestReportDates(t *testing.T) {
	mode := os.Getenv("MARGIN_REPORT")
	if mode != "1" && mode != "dates" {
		t.Skip("set MARGIN_REPORT=1 to print the scores on go-htmldate's set of dated pages")
	}
	pages := loadDatedPages(t)
	day := func(t time.Time) string {
		if t.IsZero() {
			return ""
		}
		return t.Format("2006-01-02")
	}
	var withURL, pageOnly, plain, fast, extensive, none int
	for _, p := range pages {
		raw, err := os.ReadFile(p.file)
		if err != nil {
			t.Fatal(err)
		}
		var got, bare string
		if a, err := Parse(raw, "", p.url); err == nil {
			got = day(a.Published)
		}
		if a, err := Parse(raw, "", ""); err == nil {
			bare = day(a.Published)
		}
		_, _, _, pdate := plainResult(raw, p.url)
		for _, c := range []struct {
			n    *int
			date string
		}{{&withURL, got}, {&pageOnly, bare}, {&plain, day(pdate)}, {&fast, p.fast}, {&extensive, p.extensive}} {
			if c.date == p.date {
				(*c.n)++
			}
		}
		if got == "" {
			none++
		}
		if mode == "dates" && got != p.date {
			fmt.Printf("MISS %-50.50s want %s got %-10s htmldate %s  %s\n", filepath.Base(p.file), p.date, got, p.extensive, p.url)
		}
	}
	fmt.Printf("\ngo-htmldate comparison set (%s): %d pages, published day right\n", htmldateModule, len(pages))
	for _, r := range []struct {
		name string
		n    int
	}{
		{"margin clip, with the page's address", withURL},
		{"margin clip, the page alone", pageOnly},
		{"go-readability", plain},
		{"htmldate fast (page alone)", fast},
		{"htmldate extensive (page alone)", extensive},
	} {
		fmt.Printf("%-40s %s\n", r.name, ratio(r.n, len(pages)))
	}
	fmt.Printf("(margin gave no date on %d pages)\n", none)
}
