package storage

import (
	"app.margin/margin/article"

	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"app.margin/margin/internal/testlib"
)

// edgeTexts are texts whose tokens are unusual: diacritics and other folds,
// scripts mixed inside words, kana and Hangul, CJK symbols, invalid UTF-8,
// private-use characters, paragraphs.
var edgeTexts = []string{
	"Café CAFÉ cafe\u0301 naïve Straße STRASSE İstanbul ǅemal ﬁne \u212Aelvin ＦＵＬＬＷＩＤＴＨ wide.\n\nA second paragraph about the café.",
	"GPT大模型研究，腾讯AI和アルゴリズム、한국어 텍스트 ーー〇々 ⺀⺁ 第3章：模型-model_v2 models.",
	"\xff\xfeabc \xe4\xb8 model \xe5\xa4\xa7模型 data\xc3",
	"emoji 🙂 smile 🙂🙂 \uE000marked\uE001 text \u200Bzero\u200Bwidth 大\u200B模\u200B型.",
	"Open data: open. Data open-data OPEN DATA open\n\ndata, open\u00A0data.",
	"x",
	"",
	"   \n\n  ",
	// Short paragraphs before a match, and words that contain a query
	// word: where the scan may start and back up to.
	"A b.\n\nC.\n\nd e f the g.\n\nthe",
	"Intro\n\nx\n\nOne two three four five the end model",
	"bathe them other there\n\nthe THE",
	"Café\n\nshort\n\nthe model of the cafe",
	"open\n\ndata open\ndata one two three four five six seven eight nine ten eleven twelve open data",
	strings.Repeat("word ", 40) + "\n\nhi\n\nthe " + strings.Repeat("filler ", 50) + "model\n\nend the model",
	"模型\n\n大\n\n一二三四五大模型 model 大模型",
}

// snippetQueries returns queries made of text's own tokens, picked by rng:
// words as written and in capitals, prefixes, pairs, phrases, CJK runs of
// one to three characters, a word near the end, and a word it lacks.
func snippetQueries(text string, rng *rand.Rand) []string {
	var toks []string
	refTokenize(text, func(start, end int) { toks = append(toks, text[start:end]) })
	qs := []string{"the", "model", "大模型", "智", "的", "cafe", "data*", "open data", `"open data"`}
	if len(toks) == 0 {
		return qs
	}
	if len(toks) <= 120 { // a short text: every word, and each with the next
		for i, w := range toks {
			qs = append(qs, w, w+"*")
			if i+1 < len(toks) {
				qs = append(qs, w+" "+toks[i+1], `"`+w+" "+toks[i+1]+`"`)
			}
		}
	}
	pick := func() string { return toks[rng.IntN(len(toks))] }
	for range 3 {
		w := pick()
		qs = append(qs, w, strings.ToUpper(w), w+" "+pick(), w+" zzqxv")
		if rs := []rune(w); len(rs) > 4 {
			qs = append(qs, string(rs[:4]), string(rs[:3])+"*")
		}
		i := rng.IntN(len(toks))
		qs = append(qs, `"`+strings.Join(toks[i:min(i+2+rng.IntN(2), len(toks))], " ")+`"`)
		qs = append(qs, strings.Join(toks[i:min(i+1+rng.IntN(3), len(toks))], ""))
	}
	qs = append(qs, toks[len(toks)-1-rng.IntN(max(len(toks)/10, 1))])
	return qs
}

// snippetCorpus returns the texts the snippet comparison runs on: the edge
// texts, generated articles (English and Chinese) and, when the module cache
// has them, the Mozilla Readability test pages' expected articles.
func snippetCorpus(t *testing.T) []string {
	texts := append([]string(nil), edgeTexts...)
	for i := range 30 {
		texts = append(texts, corpus.Article(i).Text)
	}
	out, err := exec.Command("go", "list", "-m", "-json", "codeberg.org/readeck/go-readability/v2").Output()
	var mod struct{ Dir string }
	if err != nil || json.Unmarshal(out, &mod) != nil || mod.Dir == "" {
		t.Logf("go-readability test pages not available (%v): comparing on generated and edge texts only", err)
		return texts
	}
	pages, _ := filepath.Glob(filepath.Join(mod.Dir, "test-pages", "*", "expected.html"))
	for _, p := range pages {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		texts = append(texts, article.CanonicalText(article.Blocks(string(b))))
	}
	return texts
}

// TestSnippetMatchesReference compares the snippets of the faster scan with
// those of the code it replaced (snippet_ref_test.go) on real and generated
// articles, for queries made of each article's own words.
func TestSnippetMatchesReference(t *testing.T) {
	texts := snippetCorpus(t)
	rng := rand.New(rand.NewPCG(9, 9))
	compared, marked := 0, 0
	for i, text := range texts {
		notes := ""
		if i%3 == 0 {
			notes = "My note on it.\n\n" + texts[(i+1)%len(texts)][:min(len(texts[(i+1)%len(texts)]), 400)]
		}
		for _, query := range snippetQueries(text, rng) {
			q := parseQuery(query)
			if len(q.terms) == 0 {
				continue
			}
			// One snippeter for both texts, as a search uses one for all its
			// hits: buffers left by the first must not change the second.
			s := newSnippeter(q.terms)
			for _, pair := range [][]string{{text, notes}, {notes, text}} {
				got := s.snippet(pair...)
				want := refMakeSnippet(q.terms, pair...)
				if got != want {
					t.Errorf("text %d (%.40q), query %q:\n got %q\nwant %q", i, text, query, got, want)
				}
				compared++
				if strings.Contains(got, markOpen) {
					marked++
				}
			}
		}
	}
	t.Logf("%d snippets compared over %d texts, %d with a marked match", compared, len(texts), marked)
	if marked < compared/2 {
		t.Errorf("only %d of %d snippets mark a match: the queries do not exercise matching", marked, compared)
	}
}

// FuzzSnippetMatchesReference compares the faster scan with the reference
// on any text and query.
func FuzzSnippetMatchesReference(f *testing.F) {
	for i, text := range edgeTexts {
		for _, q := range []string{"cafe", "model", "大模型", "open data", `"open data"`, "ａ", "k*", fmt.Sprint(i)} {
			f.Add(text, q)
		}
	}
	f.Fuzz(func(t *testing.T, text, query string) {
		q := parseQuery(query)
		if len(q.terms) == 0 {
			return
		}
		if got, want := newSnippeter(q.terms).snippet(text), refMakeSnippet(q.terms, text); got != want {
			t.Fatalf("query %q on %q:\n got %q\nwant %q", query, text, got, want)
		}
	})
}

// TestTokenizerMatchesReference checks that the table-driven tokenizer
// returns the tokens the reference tokenizer does.
func TestTokenizerMatchesReference(t *testing.T) {
	for i, text := range snippetCorpus(t) {
		var got, want [][2]int
		tokenize(text, func(start, end int) { got = append(got, [2]int{start, end}) })
		refTokenize(text, func(start, end int) { want = append(want, [2]int{start, end}) })
		if len(got) != len(want) {
			t.Errorf("text %d (%.40q): %d tokens, want %d", i, text, len(got), len(want))
			continue
		}
		for k := range got {
			if got[k] != want[k] {
				t.Errorf("text %d (%.40q): token %d at %v, want %v", i, text, k, got[k], want[k])
				break
			}
		}
	}
}

// BenchmarkSnippet makes the snippets of a page of 50 generated articles
// (28% Chinese) for queries of each kind, with the scan Search uses and with
// the reference it replaced.
func BenchmarkSnippet(b *testing.B) {
	texts := make([]string, 50)
	for i := range texts {
		texts[i] = corpus.Article(i).Text
	}
	for _, query := range []string{"the", "model", testlib.Vocabulary[3000], testlib.Vocabulary[10] + " " + testlib.Vocabulary[50], `"open data"`, "大模型", "智"} {
		terms := parseQuery(query).terms
		b.Run(query+"/scan", func(b *testing.B) {
			for b.Loop() {
				s := newSnippeter(terms)
				for _, text := range texts {
					s.snippet(text, "")
				}
			}
		})
		b.Run(query+"/reference", func(b *testing.B) {
			for b.Loop() {
				for _, text := range texts {
					refMakeSnippet(terms, text, "")
				}
			}
		})
	}
}
