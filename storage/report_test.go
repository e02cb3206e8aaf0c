package storage

import (
	"fmt"
	"math/rand/v2"
	"os"
	"sort"
	"strings"
	"testing"
)

// reanchorCase is a generated article edited in known ways, with highlights
// placed on the old text and where each passage really is in the new one.
type reanchorCase struct {
	oldLen  int
	newText []rune
	marks   []reanchorMark
}

// reanchorMark is a highlight of a reanchorCase and its true new place.
type reanchorMark struct {
	h    Highlight
	edit string // what happened to its paragraph
	want int    // where the passage starts in the new text; -1 when it was deleted
}

// reanchorCases edits n generated articles, each with perArticle
// highlights inside single paragraphs of 8 to 128 code points: each
// paragraph may be deleted, get a new one before it, or have a few
// characters replaced (which keeps offsets). The same n give the same cases.
func reanchorCases(n, perArticle int) []reanchorCase {
	rng := rand.New(rand.NewPCG(21, 21))
	cases := make([]reanchorCase, 0, n)
	for i := range n {
		paras := strings.Split(corpus.Article(i).Text, "\n\n")
		oldText := []rune(strings.Join(paras, "\n\n"))
		type mark struct{ para, off int }
		var marks []mark
		var hs []Highlight
		for range perArticle {
			p := rng.IntN(len(paras))
			pr := []rune(paras[p])
			n := min(len(pr), 8+rng.IntN(120))
			off := rng.IntN(len(pr) - n + 1)
			marks = append(marks, mark{p, off})
			start := paraStart(paras, p) + off
			h := Highlight{Start: start, End: start + n}
			h.Quote, h.Prefix, h.Suffix = quoteAt(oldText, h.Start, h.End)
			hs = append(hs, h)
		}
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
		c := reanchorCase{oldLen: len(oldText), newText: []rune(strings.Join(newParas, "\n\n"))}
		for k, m := range marks {
			want := -1
			if newIndex[m.para] >= 0 {
				want = paraStart(newParas, newIndex[m.para]) + m.off
			}
			c.marks = append(c.marks, reanchorMark{h: hs[k], edit: edit[m.para], want: want})
		}
		cases = append(cases, c)
	}
	return cases
}

// reanchorTally counts the outcomes of re-anchoring for one kind of edit.
type reanchorTally struct {
	correct       int // placed where the passage went
	misplaced     int // placed elsewhere though the passage is still there
	orphanedRight int // orphaned: the passage was deleted
	placedWrong   int // placed though the passage was deleted
	orphanedWrong int // orphaned though the passage is still there
}

// reanchorAll re-anchors every highlight of cases and tallies the outcomes
// by edit; wrong lists each highlight placed on text that is not its
// passage (misplaced, or placed though deleted).
func reanchorAll(cases []reanchorCase) (byEdit map[string]*reanchorTally, wrong []string) {
	byEdit = map[string]*reanchorTally{}
	for ci, c := range cases {
		for _, m := range c.marks {
			start, end, ok := anchor(c.newText, m.h, c.oldLen)
			o := byEdit[m.edit]
			if o == nil {
				o = &reanchorTally{}
				byEdit[m.edit] = o
			}
			n := m.h.End - m.h.Start
			switch gone := m.want < 0; {
			case gone && !ok:
				o.orphanedRight++
			case !ok:
				o.orphanedWrong++
			case !gone && start == m.want && end == m.want+n:
				o.correct++
			default:
				if gone {
					o.placedWrong++
				} else {
					o.misplaced++
				}
				wrong = append(wrong, fmt.Sprintf("article %d, %s: %q placed at %d..%d on %q, its passage is at %d",
					ci, m.edit, m.h.Quote, start, end, string(c.newText[start:end]), m.want))
			}
		}
	}
	return byEdit, wrong
}

// TestReanchorPlacesNothingOnTheWrongText re-anchors highlights on edited
// articles whose true edits are known: a highlight may be orphaned, but
// never placed on text that is not its passage.
func TestReanchorPlacesNothingOnTheWrongText(t *testing.T) {
	_, wrong := reanchorAll(reanchorCases(60, 10))
	for _, w := range wrong {
		t.Error(w)
	}
}

// TestReportReanchor prints the outcomes of re-anchoring 3,000 highlights
// by the kind of edit their passage saw, and asserts none was placed on the
// wrong text. Run by `make bench`; BenchmarkReanchor times it.
func TestReportReanchor(t *testing.T) {
	if os.Getenv("MARGIN_REPORT") != "1" {
		t.Skip("set MARGIN_REPORT=1 to print the re-anchoring report")
	}
	const articles, perArticle = 300, 10
	byEdit, wrong := reanchorAll(reanchorCases(articles, perArticle))
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
	for _, w := range wrong {
		t.Error(w)
	}
}

// BenchmarkReanchor re-anchors one edited article's 10 highlights per
// operation, over the articles of the report in turn.
func BenchmarkReanchor(b *testing.B) {
	cases := reanchorCases(100, 10)
	n := 0
	for b.Loop() {
		c := cases[n%len(cases)]
		for _, m := range c.marks {
			anchor(c.newText, m.h, c.oldLen)
		}
		n++
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(n*10), "µs/highlight")
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
