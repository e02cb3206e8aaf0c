package clip

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"unicode"

	"app.margin/margin/article"

	"golang.org/x/net/html"
)

// TestReportComparisonMisses lists, for go-trafilatura's comparison set,
// the passages Margin gets wrong: the excluded ones it keeps and the
// included ones it loses, each with where it sits on the page (the
// innermost element holding it and its ancestors' tags, ids and classes,
// its link density, and where in Margin's text it falls). Then it counts
// the class and id tokens of those places against the tokens around the
// passages it rightly keeps, so that boilerplate vocabulary that explains
// many pages stands out. MARGIN_REPORT=misses runs it; MARGIN_PAGES, a
// regular expression, narrows it to the files it matches.
func TestReportComparisonMisses(t *testing.T) {
	if os.Getenv("MARGIN_REPORT") != "misses" {
		t.Skip("set MARGIN_REPORT=misses to list the comparison set's misses")
	}
	dir, entries := loadComparison(t)
	var only *regexp.Regexp
	if p := os.Getenv("MARGIN_PAGES"); p != "" {
		only = regexp.MustCompile(p)
	}
	type tally struct{ kept, lost, right int }
	tokens := map[string]*tally{}
	count := func(toks map[string]bool, f func(*tally)) {
		for tok := range toks {
			if tokens[tok] == nil {
				tokens[tok] = &tally{}
			}
			f(tokens[tok])
		}
	}
	var score passageScore
	for _, e := range entries {
		if only != nil && !only.MatchString(e.file) {
			continue
		}
		raw, err := os.ReadFile(filepath.Join(dir, "test-files", "comparison", e.file))
		if err != nil {
			if raw, err = os.ReadFile(filepath.Join(dir, "test-files", "mock", e.file)); err != nil {
				continue
			}
		}
		a, err := Parse(raw, "", e.url)
		got := ""
		if err == nil {
			got = flatText(a.Text)
		}
		score.add(e, got)
		page, _, err := decodePage(raw, "")
		if err != nil {
			continue
		}
		doc, err := html.Parse(strings.NewReader(page))
		if err != nil {
			continue
		}
		where := func(p string) (string, map[string]bool) {
			n := innermostHolding(doc, p)
			if n == nil {
				return "(not found on the page)", nil
			}
			return placeOf(n), contextTokens(n)
		}
		for _, p := range e.without {
			if got == "" || !strings.Contains(got, p) {
				continue
			}
			place, toks := where(p)
			pos := float64(strings.Index(got, p)) / float64(len(got))
			fmt.Printf("KEPT %s at %.2f %q\n     %s\n", e.file, pos, clipRunes(p, 60), place)
			count(toks, func(t *tally) { t.kept++ })
		}
		for _, p := range e.with {
			_, toks := where(p)
			if got != "" && strings.Contains(got, p) {
				count(toks, func(t *tally) { t.right++ })
				continue
			}
			place, _ := where(p)
			fmt.Printf("LOST %s %q\n     %s\n", e.file, clipRunes(p, 60), place)
			count(toks, func(t *tally) { t.lost++ })
		}
	}
	p, r, f := score.prf()
	fmt.Printf("\nprecision %.3f recall %.3f F %.3f (kept %d excluded, lost %d included)\n", p, r, f, score.fp, score.fn)
	names := make([]string, 0, len(tokens))
	for k, v := range tokens {
		if v.kept >= 3 {
			names = append(names, k)
		}
	}
	sort.Slice(names, func(i, j int) bool { return tokens[names[i]].kept > tokens[names[j]].kept })
	fmt.Printf("\n%-28s %6s %6s %6s\n", "ancestor token", "kept", "right", "lost")
	for _, k := range names {
		v := tokens[k]
		fmt.Printf("%-28s %6d %6d %6d\n", k, v.kept, v.right, v.lost)
	}
}

// innermostHolding is the deepest element whose text, white space
// collapsed, holds p; nil when none does.
func innermostHolding(doc *html.Node, p string) *html.Node {
	var found *html.Node
	n := doc
	for n != nil {
		var next *html.Node
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.ElementNode && !article.NeverText(c.DataAtom) && strings.Contains(collapsedText(c), p) {
				next = c
				break
			}
		}
		if next == nil {
			break
		}
		found, n = next, next
	}
	return found
}

// placeOf describes an element and its ancestors, innermost first, with
// its link density.
func placeOf(n *html.Node) string {
	var parts []string
	for a := n; a != nil && a.Type == html.ElementNode && len(parts) < 8; a = a.Parent {
		s := a.Data
		if id := article.Attr(a, "id"); id != "" {
			s += "#" + id
		}
		if c := strings.Fields(article.Attr(a, "class")); len(c) > 0 {
			s += "." + strings.Join(c, ".")
		}
		parts = append(parts, s)
	}
	dense := "prose"
	if linkDense(n) {
		dense = "links"
	}
	return dense + " " + strings.Join(parts, " < ")
}

// contextTokens are the lower-case words of the class and id attributes
// of n and its ancestors.
func contextTokens(n *html.Node) map[string]bool {
	toks := map[string]bool{}
	for a := n; a != nil && a.Type == html.ElementNode; a = a.Parent {
		words := strings.FieldsFunc(strings.ToLower(article.Attr(a, "class")+" "+article.Attr(a, "id")), func(r rune) bool {
			return !unicode.IsLetter(r) && !unicode.IsDigit(r)
		})
		for _, w := range words {
			toks[w] = true
		}
		toks["<"+a.Data+">"] = true
	}
	return toks
}

func clipRunes(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}
