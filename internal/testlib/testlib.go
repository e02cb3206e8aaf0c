// Package testlib makes large synthetic libraries for the tests, benchmarks
// and reports of storage, export and app, so the three measure the same kind
// of library. A library is made of values only (articles with their tags,
// notes, highlights and reading states): each package stores them through
// its own API, and testlib imports neither storage (whose internal tests use
// it) nor clip (whose parsers storage and export must not depend on).
//
// The library is realistic where the measurements depend on it: 28% of the
// articles are mostly Chinese (the rest English with a little Chinese, as in
// ../shared/notes/sqlite-search.md), lengths vary around a chosen mean,
// English words follow a Zipf law over an invented vocabulary so that rare
// words exist for selective queries, tags are skewed to a few common ones,
// and some titles are shared, as in real libraries. Item(i) depends only on
// the Gen and i, so a library can be built in any order or in part.
package testlib

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"time"

	"app.margin/margin/article"
	"app.margin/margin/internal/text"
)

// ExtractorVersion is what generated articles name as their extractor.
const ExtractorVersion = "margin-testlib/1"

// ChineseShare is the share of articles that are mostly Chinese.
const ChineseShare = 0.28

// CommonEnglish are frequent English words: each appears in most generated
// English articles (the pessimistic case for search).
var CommonEnglish = strings.Fields(`the of and to in is that for it as was with be by on not he
this are or his from at which but have an they you were her she there been one all we
their has would when if so no will more can about said what out up its into them than
other some time could only new people these may like also over first after any most
work world model data system research market reading library language search open`)

// CommonChinese are frequent Chinese characters; generated Chinese words are
// two to four of them, so one- and two-character queries match many
// articles and longer ones few. 智, 腾讯 and 大模型 occur.
const CommonChinese = `的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处理府研质新思义高技术智能腾讯大模型研究落后美国市场数据平台用户产品服务发展公司经济社会文化历史教育科学网络信息安全`

// Vocabulary is the invented English vocabulary, most frequent first: the
// text uses Vocabulary[k] less often as k grows (Zipf), so Vocabulary[3000]
// is a rare word and Vocabulary[3] a common one.
var Vocabulary = func() []string {
	syll := []string{"ka", "lo", "mi", "ter", "van", "qu", "sel", "dor", "pha", "ne", "rix", "tal", "bo", "gre", "stu", "wen"}
	r := rand.New(rand.NewPCG(1, 2))
	words := make([]string, 4000)
	for i := range words {
		var b strings.Builder
		for range 2 + r.IntN(3) {
			b.WriteString(syll[r.IntN(len(syll))])
		}
		words[i] = b.String()
	}
	return words
}()

// Tags are the generated libraries' tags, most used first.
var Tags = []string{"ai", "reading", "科技", "history", "design", "economics", "大模型", "science",
	"politics", "programming", "health", "culture", "travel", "books", "music", "climate"}

// SharedTitles are given to one article in 50, as real libraries hold many
// "Weekly notes".
var SharedTitles = [2]string{"Weekly notes", "每周笔记"}

// Colors is how many highlight colours Highlight.Color chooses from.
const Colors = 5

var (
	sites   = []string{"Example News", "虎嗅", "36氪", "The Reader", "知乎专栏", "Long Reads", "少数派", "Tech Weekly"}
	authors = []string{"Ada Lovelace", "Grace Hopper", "王小波", "李娟", "Alan Turing", "张爱玲", "Mary Shelley", "鲁迅"}
	han     = []rune(CommonChinese)
	// firstClip is when the generated library's first article was clipped;
	// article i was clipped i*clipEvery later.
	firstClip = time.Date(2021, 1, 1, 8, 0, 0, 0, time.UTC)
)

const clipEvery = 2 * time.Hour

// Gen generates a library. Its zero value makes articles of about 1,500
// words without highlights.
type Gen struct {
	Seed       uint64
	Words      int // mean length in words (Latin words plus CJK characters); 0 means 1,500
	Highlights int // mean highlights per highlighted article, from 0 to twice as many
	// HighlightShare is the share of articles with highlights (0 means
	// all, when Highlights is set): a large library is read in part.
	HighlightShare float64
	// TagCount is how many distinct tags the library has: 0 means the 16
	// of Tags; more draws from Tags then TagName(16), TagName(17)... with a
	// Zipf law, as a heavy user's tags are a few common ones and a long
	// tail.
	TagCount int
}

// Scale is the library of the 100,000-article benchmarks: articles of
// realistic length (about 1,500 words, a few four times that), one in ten
// with highlights, 2,000 tags.
var Scale = Gen{Seed: 1, Words: 1500, Highlights: 4, HighlightShare: 0.1, TagCount: 2000}

// Item is one generated article with what a reader adds to it.
type Item struct {
	Article                    *article.Article
	Tags                       []string
	Note                       string // the article's note; "" for most
	Highlights                 []Highlight
	Unread, Archived, Favorite bool
}

// Highlight is a generated highlight: a passage inside one paragraph.
type Highlight struct {
	Start, End int    // code points into Article.Text, End exclusive
	Quote      string // the text from Start to End
	Color      int    // 0 to Colors-1, in the order the app offers them
	Note       string // "" for most
}

// Clipped is when article i was clipped: the library grows by one article
// every two hours from 2021-01-01.
func Clipped(i int) time.Time { return firstClip.Add(time.Duration(i) * clipEvery) }

// Article returns article i without its reader's additions.
func (g Gen) Article(i int) *article.Article { return g.Item(i).Article }

// Item returns item i of the library; the same Gen and i give the same item.
func (g Gen) Item(i int) Item {
	rng := rand.New(rand.NewPCG(g.Seed, uint64(i)))
	chinese := rng.Float64() < ChineseShare
	paras := paragraphs(rng, chinese, g.length(rng))
	a := newArticle(rng, i, chinese, paras)
	it := Item{
		Article:  a,
		Tags:     tags(rng),
		Unread:   rng.IntN(3) != 0,
		Archived: rng.IntN(10) == 0,
		Favorite: rng.IntN(20) == 0,
	}
	if rng.IntN(6) == 0 {
		it.Note = fmt.Sprintf("A note on **article %d**: %s", i, Vocabulary[rng.IntN(100)])
	}
	if g.Highlights > 0 {
		it.Highlights = highlights(rng, paras, rng.IntN(2*g.Highlights+1))
	}
	// What the zero value of the newer fields leaves alone is drawn from
	// a second source, so a Gen without them makes the same items as
	// before they existed.
	more := rand.New(rand.NewPCG(g.Seed^0x5ca1e, uint64(i)))
	if g.HighlightShare > 0 && more.Float64() >= g.HighlightShare {
		it.Highlights = nil
	}
	if g.TagCount > len(Tags) {
		it.Tags = manyTags(more, g.TagCount, len(it.Tags))
	}
	return it
}

// TagName is the name of tag k of a library of more than len(Tags) tags:
// Tags[k], then invented words, numbered so that no two are the same.
func TagName(k int) string {
	if k < len(Tags) {
		return Tags[k]
	}
	if k%5 == 0 { // some Chinese tags, as mixed libraries have
		return fmt.Sprintf("%c%c%d", han[k%len(han)], han[(k/7)%len(han)], k)
	}
	return fmt.Sprintf("%s-%d", Vocabulary[k%len(Vocabulary)], k)
}

// manyTags draws n distinct tags among count, Zipf-skewed to the first.
func manyTags(rng *rand.Rand, count, n int) []string {
	zipf := rand.NewZipf(rng, 1.05, 4, uint64(count-1))
	var ts []string
	for range n {
		if t := TagName(int(zipf.Uint64())); !slices.Contains(ts, t) {
			ts = append(ts, t)
		}
	}
	return ts
}

// length draws an article's length in words: log-normal around g.Words
// (most articles near it, a few three times as long), at least 30.
func (g Gen) length(rng *rand.Rand) int {
	mean := g.Words
	if mean <= 0 {
		mean = 1500
	}
	const sigma = 0.6
	f := math.Exp(sigma*rng.NormFloat64() - sigma*sigma/2) // mean 1
	return max(30, int(float64(mean)*min(4, max(0.2, f))))
}

// paragraphs makes paragraphs of 15 to 115 words until the article has
// about words words.
func paragraphs(rng *rand.Rand, chinese bool, words int) []string {
	zipf := rand.NewZipf(rng, 1.1, 2, uint64(len(Vocabulary)-1))
	var paras []string
	for n := 0; n < words; {
		var b strings.Builder
		for range min(words-n, 15+rng.IntN(100)) {
			if chinese && rng.Float64() < 0.9 || !chinese && rng.Float64() < 0.03 {
				k := 2 + rng.IntN(3)
				for range k {
					b.WriteRune(han[rng.IntN(len(han))])
				}
				n += k
				if rng.IntN(8) == 0 {
					b.WriteString("，")
				}
				continue
			}
			word := Vocabulary[zipf.Uint64()]
			if rng.Float64() < 0.5 {
				word = CommonEnglish[rng.IntN(len(CommonEnglish))]
			}
			b.WriteString(" " + word + " ") // strings.Fields below leaves one space
			n++
		}
		end := "."
		if chinese {
			end = "。"
		}
		paras = append(paras, strings.Join(strings.Fields(b.String()), " ")+end)
	}
	return paras
}

// newArticle is article i with paras as its text, and everything a clip
// sets: attribution, dates, the page it came from.
func newArticle(rng *rand.Rand, i int, chinese bool, paras []string) *article.Article {
	body := strings.Join(paras, "\n\n")
	var html strings.Builder
	for _, p := range paras {
		fmt.Fprintf(&html, "<p>%s</p>\n", p)
	}
	title := fmt.Sprintf("Article %d: %s %s", i, Vocabulary[rng.IntN(500)], Vocabulary[rng.IntN(2000)])
	lang := "en"
	if chinese {
		title = fmt.Sprintf("第%d篇：%s研究", i, string(han[rng.IntN(len(han))])+string(han[rng.IntN(len(han))]))
		lang = "zh"
	}
	if i%50 == 49 {
		title = SharedTitles[0]
		if chinese {
			title = SharedTitles[1]
		}
	}
	clipped := Clipped(i)
	url := fmt.Sprintf("https://example.com/gen/%d", i)
	a := &article.Article{
		URL: url, FinalURL: url, CanonicalURL: url,
		Title:            title,
		Authors:          []string{authors[rng.IntN(len(authors))]},
		SiteName:         sites[rng.IntN(len(sites))],
		Language:         lang,
		Direction:        "ltr",
		Excerpt:          excerpt(body, 120),
		ContentHTML:      html.String(),
		Text:             body,
		WordCount:        text.WordCount(body),
		ReadingMinutes:   text.ReadingMinutes(body),
		Readable:         true,
		Provenance:       map[string]string{"title": article.FromMeta},
		ExtractorVersion: ExtractorVersion,
		Charset:          "utf-8",
		FetchedAt:        clipped,
	}
	// Most pages give a date, mostly recent when clipped.
	if rng.IntN(20) != 0 {
		age := time.Duration(rng.ExpFloat64() * float64(90*24*time.Hour))
		a.Published = clipped.Add(-age).Truncate(time.Minute)
		a.Provenance["published"] = article.FromJSONLD
	}
	if rng.IntN(5) == 0 { // a repost: 来源 names the original
		a.Source = article.Source{Name: sites[rng.IntN(len(sites))]}
		a.Provenance["source"] = article.FromText
	}
	a.Raw = []byte("<!doctype html><html><head><meta charset=utf-8><title>" + title +
		"</title><script>window.dataLayer=[];</script></head><body><nav>Home · News · About</nav><article>" +
		a.ContentHTML + "</article><footer>© Example</footer></body></html>")
	return a
}

// excerpt is the first n code points of s's first paragraph.
func excerpt(s string, n int) string {
	s, _, _ = strings.Cut(s, "\n")
	r := []rune(s)
	return string(r[:min(n, len(r))])
}

// tags draws 0 to 3 tags, skewed to the first of Tags.
func tags(rng *rand.Rand) []string {
	var ts []string
	for k := rng.IntN(4); k > 0; k-- {
		t := Tags[int(float64(len(Tags))*rng.Float64()*rng.Float64())]
		if !slices.Contains(ts, t) {
			ts = append(ts, t)
		}
	}
	return ts
}

// highlights places n highlights in order through the text, each inside one
// paragraph and none overlapping: the text is cut into n equal stretches
// and each highlight starts in the first half of its own.
func highlights(rng *rand.Rand, paras []string, n int) []Highlight {
	if n == 0 {
		return nil
	}
	runes := []rune(strings.Join(paras, "\n\n"))
	var hs []Highlight
	for k := range n {
		lo, hi := k*len(runes)/n, (k+1)*len(runes)/n
		start := lo + rng.IntN(max(1, (hi-lo)/2))
		for start < hi && (runes[start] == '\n' || runes[start] == ' ') {
			start++
		}
		end := start
		for limit := min(hi, start+8+rng.IntN(150)); end < limit && runes[end] != '\n'; end++ {
		}
		for end > start && runes[end-1] == ' ' {
			end--
		}
		if end-start < 2 {
			continue // a stretch too short to hold a passage
		}
		h := Highlight{Start: start, End: end, Quote: string(runes[start:end]), Color: rng.IntN(Colors)}
		if rng.IntN(3) == 0 {
			h.Note = "Note on " + Vocabulary[rng.IntN(200)]
		}
		hs = append(hs, h)
	}
	return hs
}

// LongPage is an English article page of about size bytes, its paragraphs
// numbered ("Paragraph 2000: ..."), so a test can select a passage far
// into a large page.
func LongPage(size int) string {
	var b strings.Builder
	b.WriteString(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>A long read</title></head><body><article><h1>A long read</h1>`)
	for i := 0; b.Len() < size; i++ {
		fmt.Fprintf(&b, "<p>Paragraph %d: the harbour lights came on one after another while the ferry turned, and the passengers on deck watched the town slide past in the dusk, counting windows.</p>\n", i)
	}
	b.WriteString(`</article></body></html>`)
	return b.String()
}
