package storage

import (
	"fmt"
	"math/rand/v2"
	"os"
	"sort"
	"strings"
	"testing"
	"time"
)

// TestReportReanchor measures re-anchoring on edited articles whose true
// edits are known: generated articles get paragraphs inserted and deleted and
// characters replaced, highlights are placed again, and each outcome is
// checked against where its passage really went. Run by `make bench`.
func TestReportReanchor(t *testing.T) {
	if os.Getenv("MARGIN_REPORT") != "1" {
		t.Skip("set MARGIN_REPORT=1 to print the re-anchoring report")
	}
	rng := rand.New(rand.NewPCG(21, 21))
	const articles, perArticle = 300, 10
	type outcome struct{ correct, misplaced, orphanedRight, orphanedWrong, placedWrong int }
	byEdit := map[string]*outcome{}
	var times []time.Duration
	for i := range articles {
		paras := strings.Split(corpus.Article(i).Text, "\n\n")
		oldText := []rune(strings.Join(paras, "\n\n"))
		// Highlights inside single paragraphs: paragraph, offset, length.
		type mark struct{ para, off, n int }
		var marks []mark
		var hs []Highlight
		for range perArticle {
			p := rng.IntN(len(paras))
			pr := []rune(paras[p])
			n := min(len(pr), 8+rng.IntN(120))
			off := rng.IntN(len(pr) - n + 1)
			marks = append(marks, mark{p, off, n})
			start := paraStart(paras, p) + off
			h := Highlight{Start: start, End: start + n}
			h.Quote, h.Prefix, h.Suffix = quoteAt(oldText, h.Start, h.End)
			hs = append(hs, h)
		}
		// The edit: each paragraph may be deleted, get a new one before it, or
		// have a few characters replaced (which keeps offsets).
		var newParas []string
		newIndex := make([]int, len(paras)) // -1: deleted
		edit := make([]string, len(paras))
		for p, para := range paras {
			switch r := rng.Float64(); {
			case r < 0.08:
				newIndex[p], edit[p] = -1, "paragraph deleted"
				continue
			case r < 0.2:
				newParas = append(newParas, "Inserted paragraph "+fmt.Sprint(rng.IntN(1000))+" with new words in it.")
				edit[p] = "paragraph inserted before"
			case r < 0.5:
				pr := []rune(para)
				for range 1 + rng.IntN(4) {
					pr[rng.IntN(len(pr))] = '#'
				}
				para = string(pr)
				edit[p] = "characters replaced"
			default:
				edit[p] = "unchanged"
			}
			newIndex[p] = len(newParas)
			newParas = append(newParas, para)
		}
		newText := []rune(strings.Join(newParas, "\n\n"))
		t0 := time.Now()
		for k, h := range hs {
			start, end, ok := anchor(newText, h, len(oldText))
			m := marks[k]
			o := byEdit[edit[m.para]]
			if o == nil {
				o = &outcome{}
				byEdit[edit[m.para]] = o
			}
			switch gone := newIndex[m.para] < 0; {
			case gone && !ok:
				o.orphanedRight++
			case gone:
				o.placedWrong++
			case !ok:
				o.orphanedWrong++
			default:
				want := paraStart(newParas, newIndex[m.para]) + m.off
				if start == want && end == want+m.n {
					o.correct++
				} else {
					o.misplaced++
				}
			}
		}
		times = append(times, time.Since(t0))
	}
	p50, p95 := percentiles(times)
	fmt.Printf("\nRe-anchoring %d highlights (%d articles of ~3,000 words, %d highlights each, 8-128 code points)\n",
		articles*perArticle, articles, perArticle)
	fmt.Printf("%-28s %8s %9s %10s %13s %14s\n", "passage's paragraph", "correct", "misplaced", "orphaned", "placed though", "orphaned though")
	fmt.Printf("%-28s %8s %9s %10s %13s %14s\n", "", "", "", "(right)", "deleted", "still there")
	edits := make([]string, 0, len(byEdit))
	for e := range byEdit {
		edits = append(edits, e)
	}
	sort.Strings(edits)
	for _, e := range edits {
		o := byEdit[e]
		fmt.Printf("%-28s %8d %9d %10d %13d %14d\n", e, o.correct, o.misplaced, o.orphanedRight, o.placedWrong, o.orphanedWrong)
	}
	fmt.Printf("time to re-anchor one article's %d highlights: median %v, p95 %v, max %v\n",
		perArticle, p50, p95, times[len(times)-1])
}

// paraStart is the code-point offset of paragraph p in paragraphs joined
// by "\n\n".
func paraStart(paras []string, p int) int {
	n := 0
	for _, para := range paras[:p] {
		n += len([]rune(para)) + 2
	}
	return n
}
