package export

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"

	"app.margin/margin/article"
	"app.margin/margin/storage"
)

func TestIsBoundary(t *testing.T) {
	tests := []struct {
		text string
		at   int
		want bool
	}{
		{"word next", 4, true},
		{"word next", 5, true},
		{"word next", 2, false},
		{"word, next", 4, true}, // a comma ends the word
		{"e.g. this", 2, false}, // a period inside an abbreviation
		{"3.14", 2, false},      // a decimal point
		{"don't", 4, false},     // an apostrophe inside a word
		{"GLM-130B", 3, false},  // a hyphen between letters is left alone
		{"(word)", 1, true},     // an opening bracket before a word
		{"x\u0301y", 1, false},  // a combining mark belongs to its letter
		{"中国", 1, false},        // between two ideographs only a dictionary knows
		{"中，国", 1, true},        // before CJK punctuation
		{"中，国", 2, true},        // after it
		{"中,国", 2, true},        // after ASCII punctuation between ideographs
		{"AI人才", 2, true},       // from Latin letters to ideographs
		{"14亿", 2, true},        // from digits to ideographs
		{"カタカナ漢字", 4, false},    // kana and kanji: a dictionary again
		{"。”他", 1, true},        // between two punctuation marks
		{"中国", 0, true},         // the edges of a block
		{"中国", 2, true},         // the edges of a block
		{"上一段\n下一段", 4, true},   // after a line break
		{"한국어 문장", 3, true},     // Korean separates words with spaces
		{"한국어", 1, false},       // and has none inside them
	}
	for _, tc := range tests {
		if got := isBoundary([]rune(tc.text), tc.at); got != tc.want {
			t.Errorf("isBoundary(%q, %d) = %v, want %v", tc.text, tc.at, got, tc.want)
		}
	}
}

func TestPageBlocks(t *testing.T) {
	page := `<!doctype html><html><head><title>Title in the tab</title>
<style>p { color: red }</style><script>var quote = "in a script";</script></head>
<body><nav>Home <a href="/">News</a></nav>
<article><h1>The  heading</h1><p>First   paragraph
 with <b>bold</b> words.</p><p>Line one<br>line two</p>
<div hidden>hidden by attribute</div><p style="display: none">hidden by style</p>
<noscript><p>shown without scripts</p></noscript><template><p>a template</p></template>
<ul><li>one</li><li>two</li></ul><table><tr><td>cell a</td><td>cell b</td></tr></table></article></body></html>`
	got, err := pageBlocks([]byte(page), "")
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"Home News", "The heading", "First paragraph with bold words.", "Line one", "line two",
		"shown without scripts", "one", "two", "cell a", "cell b"}
	if !slices.Equal(got, want) {
		t.Errorf("pageBlocks\n got %q\nwant %q", got, want)
	}

	t.Run("decoded from the stored charset", func(t *testing.T) {
		gbk, err := simplifiedchinese.GBK.NewEncoder().Bytes([]byte(`<meta charset="gbk"><p>中国的AI人才，美国的AI人才。</p>`))
		if err != nil {
			t.Fatal(err)
		}
		for _, cs := range []string{"gbk", "gb18030", "GB2312"} {
			got, err := pageBlocks(gbk, cs)
			if err != nil || !slices.Equal(got, []string{"中国的AI人才，美国的AI人才。"}) {
				t.Errorf("%s: got %q, %v", cs, got, err)
			}
		}
	})
	t.Run("no page, an unknown charset: errors", func(t *testing.T) {
		if _, err := pageBlocks(nil, "utf-8"); !errors.Is(err, errNoPage) {
			t.Errorf("no page: err = %v, want errNoPage", err)
		}
		if _, err := pageBlocks([]byte("<p>x</p>"), "klingon-8"); err == nil || !strings.Contains(err.Error(), "klingon-8") {
			t.Errorf("unknown charset: err = %v, want one naming it", err)
		}
	})
}

// pageArticle is an article whose stored page holds more than its text: a
// navigation bar and a sidebar that repeat words of the article.
func pageArticle(t testing.TB, charset string) *storage.Article {
	t.Helper()
	page := `<html><body><nav>首页 | 人工智能 | 大模型</nav>
<aside><p>热门：大模型人才争夺战</p><p>Read the quoted words here first</p></aside>
<article><p>中国的大模型人才争夺战已经开始，美国也一样。</p>
<p>Some text with the quoted words here, and more.</p></article>
<script>var s = "美国也一样";</script></body></html>`
	raw := []byte(page)
	if charset == "gb18030" {
		var err error
		if raw, err = simplifiedchinese.GB18030.NewEncoder().Bytes(raw); err != nil {
			t.Fatal(err)
		}
	}
	return &storage.Article{ID: 7, Article: article.Article{
		URL:  "https://example.cn/a.html",
		Text: "中国的大模型人才争夺战已经开始，美国也一样。\n\nSome text with the quoted words here, and more.",
		Raw:  raw, Charset: charset,
	}}
}

func TestPassageURLJudgedOnThePage(t *testing.T) {
	tests := []struct {
		name, quote, want string
	}{
		{"unique in the article but also in the page's sidebar: context from around the article's occurrence",
			"the quoted words here", "text=the quoted words here,-,"},
		{"a Chinese span the sidebar repeats, both edges inside words: context to punctuation and the block's start",
			"大模型人才争夺战", "text=中国的-,大模型人才争夺战,-已经开始"},
		{"text only in a script does not count",
			"美国也一样", "text=美国也一样"},
	}
	for _, charset := range []string{"utf-8", "gb18030"} {
		for _, tc := range tests {
			t.Run(charset+"/"+tc.name, func(t *testing.T) {
				a := pageArticle(t, charset)
				h := highlightOf(t, 1, a, tc.quote, 1, storage.Yellow, "")
				_, dir, _ := strings.Cut(PassageURL(a, h), "#:~:")
				if got, _ := url.PathUnescape(dir); got != tc.want {
					t.Errorf("got %s, want %s", got, tc.want)
				}
			})
		}
	}
	t.Run("without the page, the article text is judged", func(t *testing.T) {
		a := pageArticle(t, "utf-8")
		a.Raw = nil
		h := highlightOf(t, 1, a, "the quoted words here", 1, storage.Yellow, "")
		_, dir, _ := strings.Cut(PassageURL(a, h), "#:~:")
		if got, want := dir, "text=the%20quoted%20words%20here"; got != want {
			t.Errorf("got %s, want %s", got, want)
		}
	})
	t.Run("an undecodable page falls back to the article text", func(t *testing.T) {
		a := pageArticle(t, "utf-8")
		a.Charset = "no-such-charset"
		h := highlightOf(t, 1, a, "the quoted words here", 1, storage.Yellow, "")
		if got := PassageURL(a, h); !strings.HasSuffix(got, "#:~:text=the%20quoted%20words%20here") {
			t.Errorf("got %s", got)
		}
	})
}

// TestExportReadsTheStoredPage exports through a real library: the link
// carries context because the page kept by storage repeats the quote.
func TestExportReadsTheStoredPage(t *testing.T) {
	ctx := context.Background()
	lib := mustOpen(t)
	a := pageArticle(t, "gb18030")
	id, _, err := lib.Save(ctx, &a.Article)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := lib.HighlightQuote(ctx, id, "the quoted words here", 1, storage.Yellow, ""); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if _, err := ToDir(ctx, lib, dir, Selection{}, Options{}, nil); err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*.md"))
	if len(files) != 1 {
		t.Fatalf("exported %v", files)
	}
	md, err := os.ReadFile(files[0])
	if err != nil {
		t.Fatal(err)
	}
	if want := "#:~:text=the%20quoted%20words%20here,-%2C)"; !strings.Contains(string(md), want) {
		t.Errorf("the export links without the page's context; want %s in\n%s", want, md)
	}
}

// BenchmarkPassageURL measures the link of one highlight on a long stored
// page (300 paragraphs, English and Chinese, with a sidebar repeating some
// of them), the page parsed once as in an export of the article.
func BenchmarkPassageURL(b *testing.B) {
	var page, text strings.Builder
	page.WriteString("<html><body><aside>")
	for i := range 20 {
		fmt.Fprintf(&page, "<p>Paragraph %d is about reading and keeping notes.</p>", i*15)
	}
	page.WriteString("</aside><article>")
	var paras []string
	for i := range 300 {
		p := fmt.Sprintf("Paragraph %d is about reading and keeping notes, and the margin of a page.", i)
		if i%2 == 1 {
			p = fmt.Sprintf("第%d段讲的是阅读和记笔记，以及页边的空白。", i)
		}
		paras = append(paras, p)
		page.WriteString("<p>" + p + "</p>")
	}
	page.WriteString("</article></body></html>")
	text.WriteString(strings.Join(paras, "\n\n"))
	a := &storage.Article{ID: 1, Article: article.Article{
		URL: "https://example.com/long", Text: text.String(), Raw: []byte(page.String()), Charset: "utf-8",
	}}
	var hs []storage.Highlight
	for i := 0; i < 300; i += 15 {
		hs = append(hs, highlightOf(b, int64(i), a, paras[i][:24], 1, storage.Yellow, ""))
	}
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		if PassageURL(a, hs[i%len(hs)]) == "" {
			b.Fatal("no link")
		}
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N), "µs/link")
}

// TestPassageURLAnySpan links random spans of the sample articles, with and
// without a stored page: never a panic, and every part of the directive is
// text of the article, in order.
func TestPassageURLAnySpan(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 16))
	for _, c := range sampleCases(t) {
		for _, withPage := range []bool{false, true} {
			a := *c.a
			if withPage {
				a.Raw, a.Charset = []byte("<nav>"+a.Title+"</nav>"+a.ContentHTML), "utf-8"
			}
			runes := []rune(a.Text)
			for range 300 {
				start := rng.IntN(len(runes))
				end := min(len(runes), start+1+rng.IntN(120))
				h := storage.Highlight{Start: start, End: end, Quote: string(runes[start:end]),
					Prefix: string(runes[max(0, start-32):start]), Suffix: string(runes[end:min(len(runes), end+32)])}
				link := PassageURL(&a, h)
				if strings.TrimSpace(h.Quote) == "" {
					if link != "" {
						t.Errorf("blank quote %q: link %s", h.Quote, link)
					}
					continue
				}
				_, dir, ok := strings.Cut(link, "#:~:text=")
				if !ok {
					t.Fatalf("%q: no directive in %s", h.Quote, link)
				}
				flat := strings.Join(strings.Fields(a.Text), " ")
				for _, part := range strings.Split(dir, ",") {
					part = strings.TrimSuffix(strings.TrimPrefix(part, "-"), "-")
					s, err := url.PathUnescape(part)
					if err != nil || s == "" || !strings.Contains(flat, s) {
						t.Errorf("quote %q: part %q of %s is not text of the article (%v)", h.Quote, s, link, err)
					}
				}
			}
		}
	}
}
