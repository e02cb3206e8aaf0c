package storage

// Generated articles for benchmarks, reports and the crash and concurrency
// tests: genArticle(i, rng) makes article i of a synthetic library (about
// 3,000 words; 28% mostly Chinese, the rest English with some Chinese, as in
// ../shared/notes/sqlite-search.md), and libraryBytes measures the file. For
// queries: genCommonEnglish words are in most articles; genEnglishWords[k]
// gets rarer as k grows (Zipf); 智, 腾讯 and 大模型 come from genCommonChinese.

import (
	"app.margin/margin/article"

	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"strings"
	"testing"
	"time"

	"app.margin/margin/clip"
)

// genCommonEnglish are frequent English words: each appears in most
// generated English articles (the pessimistic case for search).
var genCommonEnglish = strings.Fields(`the of and to in is that for it as was with be by on not he
this are or his from at which but have an they you were her she there been one all we
their has would when if so no will more can about said what out up its into them than
other some time could only new people these may like also over first after any most
work world model data system research market reading library language search open`)

// genCommonChinese are frequent Chinese characters; the generator builds
// words of two to four of them, so one- and two-character queries match many
// articles and longer ones few.
const genCommonChinese = `的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处理府研质新思义高技术智能腾讯大模型研究落后美国市场数据平台用户产品服务发展公司经济社会文化历史教育科学网络信息安全`

// genEnglishWords is a vocabulary of invented words, Zipf-distributed in
// the text, so rare words exist for selective queries.
var genEnglishWords = func() []string {
	syll := []string{"ka", "lo", "mi", "ter", "van", "qu", "sel", "dor", "pha", "ne", "rix", "tal", "bo", "gre", "stu", "wen"}
	r := rand.New(rand.NewPCG(1, 2))
	words := make([]string, 4000)
	for i := range words {
		n := 2 + r.IntN(3)
		var b strings.Builder
		for range n {
			b.WriteString(syll[r.IntN(len(syll))])
		}
		words[i] = b.String()
	}
	return words
}()

var genSites = []string{"Example News", "虎嗅", "36氪", "The Reader", "知乎专栏", "Long Reads", "少数派", "Tech Weekly"}
var genAuthors = []string{"Ada Lovelace", "Grace Hopper", "王小波", "李娟", "Alan Turing", "张爱玲", "Mary Shelley", "鲁迅"}

// genArticle returns article i of the synthetic library; the same i and rng
// state give the same article. Published dates spread over five years.
func genArticle(i int, rng *rand.Rand) *article.Article {
	chinese := rng.Float64() < 0.28
	zipf := rand.NewZipf(rng, 1.1, 2, uint64(len(genEnglishWords)-1))
	han := []rune(genCommonChinese)
	var text, html strings.Builder
	words := 0
	for p := 0; words < 3000; p++ {
		if p > 0 {
			text.WriteString("\n\n")
		}
		var para strings.Builder
		n := 40 + rng.IntN(80)
		for w := range n {
			switch {
			case chinese && rng.Float64() < 0.9, !chinese && rng.Float64() < 0.03:
				k := 2 + rng.IntN(3)
				for range k {
					para.WriteRune(han[rng.IntN(len(han))])
				}
				words += k
				if rng.IntN(8) == 0 {
					para.WriteString("，")
				}
			default:
				if w > 0 && !chinese {
					para.WriteByte(' ')
				} else if chinese {
					para.WriteByte(' ')
				}
				if rng.Float64() < 0.5 {
					para.WriteString(genCommonEnglish[rng.IntN(len(genCommonEnglish))])
				} else {
					para.WriteString(genEnglishWords[zipf.Uint64()])
				}
				if chinese {
					para.WriteByte(' ')
				}
				words++
			}
		}
		if chinese {
			para.WriteString("。")
		} else {
			para.WriteString(".")
		}
		s := strings.Join(strings.Fields(para.String()), " ")
		text.WriteString(s)
		fmt.Fprintf(&html, "<p>%s</p>\n", s)
	}
	title := fmt.Sprintf("Article %d: %s %s", i, genEnglishWords[zipf.Uint64()], genEnglishWords[zipf.Uint64()])
	lang := "en"
	if chinese {
		title = fmt.Sprintf("第%d篇：%s", i, string(han[rng.IntN(len(han))])+string(han[rng.IntN(len(han))])+"研究")
		lang = "zh"
	}
	published := time.Date(2021, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(rng.Int64N(int64(5 * 365 * 24 * time.Hour))))
	url := fmt.Sprintf("https://example.com/gen/%d", i)
	a := &article.Article{
		URL: url, FinalURL: url, CanonicalURL: url,
		Title:            title,
		Authors:          []string{genAuthors[rng.IntN(len(genAuthors))]},
		SiteName:         genSites[rng.IntN(len(genSites))],
		Published:        published,
		Language:         lang,
		Direction:        "ltr",
		Excerpt:          string([]rune(text.String())[:120]),
		ContentHTML:      html.String(),
		Text:             text.String(),
		WordCount:        words,
		ReadingMinutes:   max(1, words/250),
		Readable:         true,
		Provenance:       map[string]string{"title": article.FromMeta, "published": article.FromJSONLD},
		ExtractorVersion: clip.ExtractorVersion,
		Charset:          "utf-8",
		FetchedAt:        published.Add(48 * time.Hour),
	}
	if rng.IntN(5) == 0 {
		a.Source = article.Source{Name: genSites[rng.IntN(len(genSites))]}
	}
	a.Raw = []byte("<!doctype html><html><head><meta charset=utf-8><title>" + title +
		"</title><script>window.dataLayer=[];</script></head><body><nav>Home · News · About</nav><article>" +
		a.ContentHTML + "</article><footer>© Example</footer></body></html>")
	return a
}

// libraryBytes is the size of the library on disk after a WAL checkpoint
// (main file plus what is left of the WAL).
func libraryBytes(tb testing.TB, l *Library) int64 {
	tb.Helper()
	if _, err := l.writer.ExecContext(context.Background(), "PRAGMA wal_checkpoint(TRUNCATE)"); err != nil {
		tb.Fatalf("checkpoint: %v", err)
	}
	var total int64
	for _, p := range []string{l.path, l.path + "-wal"} {
		if st, err := os.Stat(p); err == nil {
			total += st.Size()
		}
	}
	return total
}

// BenchmarkSave measures inserting generated articles, one transaction
// each, into a growing library; it reports articles/s and bytes/article.
func BenchmarkSave(b *testing.B) {
	l := mustOpen(b)
	ctx := context.Background()
	rng := rand.New(rand.NewPCG(7, 7))
	articles := make([]*article.Article, 200)
	for i := range articles {
		articles[i] = genArticle(i, rng)
	}
	n := 0
	start := time.Now()
	for b.Loop() {
		a := *articles[n%len(articles)]
		a.URL = fmt.Sprintf("https://example.com/bench/%d", n)
		a.FinalURL, a.CanonicalURL = a.URL, a.URL
		if _, _, err := l.Save(ctx, &a); err != nil {
			b.Fatal(err)
		}
		n++
	}
	b.ReportMetric(float64(n)/time.Since(start).Seconds(), "articles/s")
	b.ReportMetric(float64(libraryBytes(b, l))/float64(n), "bytes/article")
}

// BenchmarkReclip measures saving a changed version of a 3,000-word article
// that carries 20 highlights: each is re-anchored, about half by fuzzy match.
func BenchmarkReclip(b *testing.B) {
	l := mustOpen(b)
	ctx := context.Background()
	rng := rand.New(rand.NewPCG(3, 3))
	a := genArticle(1, rng)
	id := mustSave(b, l, a)
	text := []rune(a.Text)
	for k := range 20 {
		start := k * len(text) / 20
		if _, err := l.AddHighlight(ctx, Highlight{ArticleID: id, Start: start, End: start + 40 + k*5}); err != nil {
			b.Fatal(err)
		}
	}
	// The edited version: a new first paragraph, and one code point changed
	// every 70, which breaks exact matches of the longer quotes.
	edited := []rune("A new opening paragraph, added by the editor.\n\n" + a.Text)
	for i := 60; i < len(edited); i += 70 {
		edited[i] = 'x'
	}
	versions := []string{string(edited), a.Text}
	n := 0
	for b.Loop() {
		v := *a
		v.Text = versions[n%2]
		if _, _, err := l.Save(ctx, &v); err != nil {
			b.Fatal(err)
		}
		n++
	}
	b.StopTimer()
	hs, err := l.Highlights(ctx, id)
	if err != nil {
		b.Fatal(err)
	}
	orphans := 0
	for _, h := range hs {
		if h.Orphaned {
			orphans++
		}
	}
	b.ReportMetric(float64(orphans), "orphans")
}

// TestGenArticleIsCanonical checks that generated articles are what Parse
// would make: Text is the canonical text of ContentHTML.
func TestGenArticleIsCanonical(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 11))
	for i := range 5 {
		a := genArticle(i, rng)
		if got := article.CanonicalText(article.Blocks(a.ContentHTML)); got != a.Text {
			t.Errorf("article %d: canonical text of ContentHTML differs from Text:\n%.200q\n%.200q", i, got, a.Text)
		}
	}
}
