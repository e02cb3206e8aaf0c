package clip

import (
	"app.margin/margin/article"

	"encoding/json"
	"slices"
	"strings"
	"testing"
	"time"
)

// body is enough prose for the extractor to find an article.
var body = strings.Repeat("<p>The harbour was quiet that morning, and the boats came in late with their nets half full, "+
	"which the old fishermen said was a sign of the weather turning before the week was out.</p>\n", 8)

// zhBody is enough Chinese prose for the extractor to find an article.
var zhBody = strings.Repeat("<p>国内大模型创业公司在技术方面普遍已有多年研究经验，构筑了一定的技术壁垒，这是很难短期超越的。</p>", 6)

func page(head, bodyHTML string) []byte {
	return []byte("<!DOCTYPE html><html><head>" + head + "</head><body>" + bodyHTML + "</body></html>")
}

func mustParse(t *testing.T, raw []byte, pageURL string) *article.Article {
	t.Helper()
	a, err := Parse(raw, "", pageURL)
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	checkInvariants(t, t.Name(), a)
	return a
}

func TestMetadataSources(t *testing.T) {
	const pageURL = "https://news.example.com/2024/03/harbour.html"
	tests := []struct {
		name  string
		head  string
		body  string
		check func(t *testing.T, a *article.Article)
	}{
		{
			name: "JSON-LD NewsArticle",
			head: `<title>Ignored | Example News</title><script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle",
				"headline":"Boats come in late","author":[{"@type":"Person","name":"Ann Lee"},{"@type":"Person","name":"Bo Chen"}],
				"datePublished":"2024-03-05T08:30:00+01:00","dateModified":"2024-03-06T10:00:00Z","publisher":{"@type":"Organization","name":"Example News"},
				"url":"https://news.example.com/harbour","image":{"@type":"ImageObject","url":"/img/boats.jpg"},"inLanguage":"en-GB",
				"description":"Nets half full.","isBasedOn":{"@type":"CreativeWork","url":"https://wire.example.org/story/1","publisher":{"name":"Example Wire"}}}</script>`,
			check: func(t *testing.T, a *article.Article) {
				want(t, "title", a.Title, "Boats come in late", a.Provenance["title"], article.FromJSONLD)
				want(t, "authors", strings.Join(a.Authors, ", "), "Ann Lee, Bo Chen", a.Provenance["authors"], article.FromJSONLD)
				want(t, "site", a.SiteName, "Example News", a.Provenance["site_name"], article.FromJSONLD)
				want(t, "excerpt", a.Excerpt, "Nets half full.", a.Provenance["excerpt"], article.FromJSONLD)
				want(t, "image", a.ImageURL, "https://news.example.com/img/boats.jpg", a.Provenance["image_url"], article.FromJSONLD)
				want(t, "canonical", a.CanonicalURL, "https://news.example.com/harbour", a.Provenance["canonical_url"], article.FromJSONLD)
				want(t, "source", a.Source.Name+" "+a.Source.URL, "Example Wire https://wire.example.org/story/1", a.Provenance["source"], article.FromJSONLD)
				wantTime(t, "published", a.Published, "2024-03-05T07:30:00Z", a.Provenance["published"], article.FromJSONLD)
				wantTime(t, "modified", a.Modified, "2024-03-06T10:00:00Z", a.Provenance["modified"], article.FromJSONLD)
			},
		},
		{
			// As Readability.js: an author is a Person with a name (a bare
			// string is as often a handle), and a WebSite object is not
			// the publisher.
			name: "JSON-LD in @graph with string author",
			head: `<script type="application/ld+json">{"@context":"https://schema.org","@graph":[
				{"@type":"WebSite","name":"Harbour Blog"},{"@type":["BlogPosting"],"headline":"Nets","author":"cdiaz","datePublished":"2024-01-02"}]}</script>`,
			check: func(t *testing.T, a *article.Article) {
				want(t, "title", a.Title, "Nets", a.Provenance["title"], article.FromJSONLD)
				want(t, "authors", strings.Join(a.Authors, ", "), "", a.Provenance["authors"], "")
				want(t, "site", a.SiteName, "", a.Provenance["site_name"], "")
				wantTime(t, "published", a.Published, "2024-01-02T00:00:00Z", a.Provenance["published"], article.FromJSONLD)
			},
		},
		{
			// Readability.js reads property= only in a vocabulary.
			name: "bare property=author is not a byline",
			head: `<title>Boats</title><meta property="author" content="Site Desk">`,
			check: func(t *testing.T, a *article.Article) {
				want(t, "authors", strings.Join(a.Authors, ", "), "", a.Provenance["authors"], "")
			},
		},
		{
			name: "OpenGraph and article:*",
			head: `<title>Boats - Harbour Times</title><meta property="og:title" content="Boats come in late">
				<meta property="og:site_name" content="Harbour Times"><meta property="article:published_time" content="2023-11-20T06:00:00-05:00">
				<meta property="article:modified_time" content="2023-11-21T06:00:00-05:00"><meta property="article:author" content="Dee Evans">
				<meta property="og:image" content="https://cdn.example.com/a.jpg"><meta property="og:url" content="https://news.example.com/boats">
				<meta property="og:description" content="Late boats.">`,
			check: func(t *testing.T, a *article.Article) {
				want(t, "title", a.Title, "Boats come in late", a.Provenance["title"], article.FromMeta)
				want(t, "site", a.SiteName, "Harbour Times", a.Provenance["site_name"], article.FromMeta)
				want(t, "authors", strings.Join(a.Authors, ", "), "Dee Evans", a.Provenance["authors"], article.FromMeta)
				want(t, "excerpt", a.Excerpt, "Late boats.", a.Provenance["excerpt"], article.FromMeta)
				want(t, "canonical", a.CanonicalURL, "https://news.example.com/boats", a.Provenance["canonical_url"], article.FromMeta)
				wantTime(t, "published", a.Published, "2023-11-20T11:00:00Z", a.Provenance["published"], article.FromMeta)
				wantTime(t, "modified", a.Modified, "2023-11-21T11:00:00Z", a.Provenance["modified"], article.FromMeta)
			},
		},
		{
			name: "Twitter card",
			head: `<meta name="twitter:title" content="Card title"><meta name="twitter:description" content="Card text.">`,
			check: func(t *testing.T, a *article.Article) {
				want(t, "title", a.Title, "Card title", a.Provenance["title"], article.FromMeta)
				want(t, "excerpt", a.Excerpt, "Card text.", a.Provenance["excerpt"], article.FromMeta)
			},
		},
		{
			name: "Dublin Core",
			head: `<meta name="DC.title" content="Dublin title"><meta name="DC.creator" content="Fay Gomez"><meta name="DCTERMS.modified" content="2022-02-02">
				<meta name="DC.date" content="2022-01-31"><meta name="dc.language" content="fr">`,
			check: func(t *testing.T, a *article.Article) {
				want(t, "title", a.Title, "Dublin title", a.Provenance["title"], article.FromMeta)
				want(t, "authors", strings.Join(a.Authors, ", "), "Fay Gomez", a.Provenance["authors"], article.FromMeta)
				want(t, "language", a.Language, "fr", a.Provenance["language"], article.FromMeta)
				wantTime(t, "published", a.Published, "2022-01-31T00:00:00Z", a.Provenance["published"], article.FromMeta)
				wantTime(t, "modified", a.Modified, "2022-02-02T00:00:00Z", a.Provenance["modified"], article.FromMeta)
			},
		},
		{
			name: "Highwire citation_*",
			head: `<meta name="citation_title" content="On nets"><meta name="citation_author" content="Gil, Hana">
				<meta name="citation_author" content="Ito, Jun"><meta name="citation_publication_date" content="2021/03/04">
				<meta name="citation_journal_title" content="Journal of Harbours">`,
			check: func(t *testing.T, a *article.Article) {
				want(t, "title", a.Title, "On nets", a.Provenance["title"], article.FromMeta)
				want(t, "authors", strings.Join(a.Authors, "; "), "Gil, Hana; Ito, Jun", a.Provenance["authors"], article.FromMeta)
				want(t, "site", a.SiteName, "Journal of Harbours", a.Provenance["site_name"], article.FromMeta)
				wantTime(t, "published", a.Published, "2021-03-04T00:00:00Z", a.Provenance["published"], article.FromMeta)
			},
		},
		{
			name: "canonical link, html lang, time element, rel=author",
			head: `<title>Late boats</title><link rel="canonical" href="/canonical/boats">`,
			body: `<article><header><h1>Late boats</h1><p>By <a rel="author" href="/people/kai">Kai Lund</a>
				<time datetime="2020-07-08T09:10:11+02:00">8 July</time></p></header>` + body + `</article>`,
			check: func(t *testing.T, a *article.Article) {
				want(t, "canonical", a.CanonicalURL, "https://news.example.com/canonical/boats", a.Provenance["canonical_url"], article.FromMeta)
				want(t, "language", a.Language, "en-GB", a.Provenance["language"], article.FromMeta)
				want(t, "authors", strings.Join(a.Authors, ", "), "Kai Lund", a.Provenance["authors"], article.FromReadability)
				wantTime(t, "published", a.Published, "2020-07-08T07:10:11Z", a.Provenance["published"], article.FromMeta)
				// No page metadata names the site: none is made up from the host.
				want(t, "site", a.SiteName, "", a.Provenance["site_name"], "")
				if got := a.SiteOrHost(); got != "news.example.com" {
					t.Errorf("SiteOrHost = %q, want the canonical host", got)
				}
			},
		},
		{
			name: "content-language http-equiv and rtl",
			head: `<meta http-equiv="Content-Language" content="ar">`,
			check: func(t *testing.T, a *article.Article) {
				want(t, "language", a.Language, "ar", a.Provenance["language"], article.FromMeta)
				if a.Direction != "rtl" {
					t.Errorf("direction = %q, want rtl", a.Direction)
				}
			},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			b := tc.body
			if b == "" {
				b = "<article><h1>Heading</h1>" + body + "</article>"
			}
			raw := page(tc.head, b)
			if strings.Contains(tc.name, "html lang") {
				raw = []byte(strings.Replace(string(raw), "<html>", `<html lang="en-GB">`, 1))
			}
			tc.check(t, mustParse(t, raw, pageURL))
		})
	}
}

func want(t *testing.T, field, got, wantV, from, wantFrom string) {
	t.Helper()
	if got != wantV {
		t.Errorf("%s = %q, want %q", field, got, wantV)
	}
	if from != wantFrom {
		t.Errorf("%s provenance = %q, want %q", field, from, wantFrom)
	}
}

func wantTime(t *testing.T, field string, got time.Time, wantV, from, wantFrom string) {
	t.Helper()
	w, err := time.Parse(time.RFC3339, wantV)
	if err != nil {
		t.Fatal(err)
	}
	if !got.Equal(w) {
		t.Errorf("%s = %s, want %s", field, got.Format(time.RFC3339), wantV)
	}
	if from != wantFrom {
		t.Errorf("%s provenance = %q, want %q", field, from, wantFrom)
	}
}

// TestMetadataPrecedence: JSON-LD beats meta beats visible text, but a
// field JSON-LD lacks comes from the next source.
func TestMetadataPrecedence(t *testing.T) {
	head := `<meta charset="utf-8"><title>新闻标题_频道_某某网</title><meta property="og:site_name" content="某某网">
		<script type="application/ld+json">{"@type":"NewsArticle","headline":"新闻标题","author":{"name":"王五"}}</script>`
	b := `<div class="main"><h1>新闻标题</h1><div class="info">来源：新华社 作者：张三 2023年05月25日 18:10</div>` +
		zhBody + `</div>`
	a := mustParse(t, page(head, b), "https://www.example.cn/news/1.html")
	want(t, "authors", strings.Join(a.Authors, ","), "王五", a.Provenance["authors"], article.FromJSONLD)
	want(t, "site", a.SiteName, "某某网", a.Provenance["site_name"], article.FromMeta)
	want(t, "source", a.Source.Name, "新华社", a.Provenance["source"], article.FromText)
	wantTime(t, "published", a.Published, "2023-05-25T18:10:00+08:00", a.Provenance["published"], article.FromText)
	if _, off := a.Published.Zone(); off != 8*3600 {
		t.Errorf("published zone offset %d, want China time", off)
	}
}

func TestTextCues(t *testing.T) {
	tests := []struct {
		name      string
		info      string // the line under the <h1>
		lang      string
		source    article.Source
		authors   []string
		published string
		english   bool   // an English page body instead of the Chinese one
		wantLang  string // when set, the language Parse must give
	}{
		{name: "source with full-width colon and date", info: `<span>来源：虎嗅APP</span><span>2023-05-25 18:10:01</span>`, lang: "zh-CN",
			source: article.Source{Name: "虎嗅APP"}, published: "2023-05-25T18:10:01+08:00"},
		{name: "source as a link", info: `来源: <a href="https://www.huxiu.com/article/1.html">虎嗅网</a> 2023/5/25`, lang: "zh",
			source: article.Source{Name: "虎嗅网", URL: "https://www.huxiu.com/article/1.html"}, published: "2023-05-25T00:00:00+08:00"},
		{name: "source linked to no page", info: `2019-09-07 13:43:45&#12288;来源: <a href="http://#">证券市场红周刊</a>`, lang: "zh",
			source: article.Source{Name: "证券市场红周刊"}, published: "2019-09-07T13:43:45+08:00"},
		{name: "出处 and CJK date with time", info: `出处：澎湃新闻 | 2023年05月25日 18:10`, lang: "zh",
			source: article.Source{Name: "澎湃新闻"}, published: "2023-05-25T18:10:00+08:00"},
		{name: "author but editor is not", info: `<p>作者：李四　责任编辑：赵六</p><p>2023.05.25</p>`, lang: "zh",
			authors: []string{"李四"}, published: "2023-05-25T00:00:00+08:00"},
		{name: "only an editor", info: `<p>责任编辑：赵六</p>`, lang: "zh"},
		{name: "undeclared Chinese page reads China time", info: `<span>2023年5月25日</span>`, lang: "",
			published: "2023-05-25T00:00:00+08:00"},
		{name: "original title", info: `<p>来源：新浪科技</p><p>原标题：《大模型的春天》</p>`, lang: "zh",
			source: article.Source{Name: "新浪科技", Title: "大模型的春天"}},
		{name: "source naming the host is not a repost", info: `<p>来源：某某网</p>`, lang: "zh"},
		{name: "vague source", info: `<p>来源：网络</p>`, lang: "zh"},
		{name: "label in a span, link after it", info: `<span>来源：</span><a href="/go?u=1">人民日报</a><span>作者：王五</span>`, lang: "zh",
			source: article.Source{Name: "人民日报", URL: "https://www.example.cn/go?u=1"}, authors: []string{"王五"}},
		{name: "values without spaces between labels", info: `<p>来源：新华社编辑：李四 文/张三</p>`, lang: "zh",
			source: article.Source{Name: "新华社"}, authors: []string{"张三"}},
		{name: "template declares en on a Chinese page", info: `<span>2023-05-25 18:10</span>`, lang: "en",
			published: "2023-05-25T18:10:00+08:00", wantLang: "zh"},
		{name: "English page without zone reads UTC", info: `<p>Posted 2023-05-25 18:10</p>`, lang: "en",
			published: "2023-05-25T18:10:00Z", english: true},
		{name: "Source label", info: `<p>Source: Reuters</p>`, lang: "en", source: article.Source{Name: "Reuters"}, english: true},
		{name: "open-source is no source label", info: `<p>A free <a href="/wiki/Open-source_software">source software</a> community</p>`,
			lang: "en", english: true},
		{name: "English repost", info: `<p>Originally published at <a href="https://blog.example.org/p/1">Example Blog</a></p>`, lang: "en",
			source: article.Source{Name: "Example Blog", URL: "https://blog.example.org/p/1"}, english: true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			htmlTag := "<html>"
			if tc.lang != "" {
				htmlTag = `<html lang="` + tc.lang + `">`
			}
			text := zhBody
			if tc.english {
				text = body
			}
			raw := []byte(`<!DOCTYPE html>` + htmlTag + `<head><meta charset="utf-8"><title>标题文字_某某网</title></head><body>
				<div class="footer-top">2019-01-01 来源：页脚</div><div class="nav"><a href="/">首页 Home</a></div><div class="main"><h1>标题文字</h1><div class="info">` + tc.info + `</div>` + text +
				`</div><div class="footer">Copyright 2001-2024 来源：不应读取</div></body></html>`)
			a := mustParse(t, raw, "https://www.example.cn/a/1.html")
			if tc.wantLang != "" && a.Language != tc.wantLang {
				t.Errorf("language = %q, want %q", a.Language, tc.wantLang)
			}
			if a.Source != tc.source {
				t.Errorf("source = %+v, want %+v", a.Source, tc.source)
			}
			if tc.authors != nil && !slices.Equal(a.Authors, tc.authors) {
				t.Errorf("authors = %q (%s), want %q", a.Authors, a.Provenance["authors"], tc.authors)
			}
			if tc.authors == nil && a.Provenance["authors"] == article.FromText {
				t.Errorf("authors = %q from text, want none", a.Authors)
			}
			if tc.published == "" {
				if !a.Published.IsZero() {
					t.Errorf("published = %s, want none", a.Published)
				}
				return
			}
			wantTime(t, "published", a.Published, tc.published, a.Provenance["published"], article.FromText)
			if got := a.Published.Format(time.RFC3339); got != tc.published {
				t.Errorf("published shown as %s, want %s", got, tc.published)
			}
		})
	}
}

func TestFindDate(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{"2023-05-25 18:10:01", "2023-05-25T18:10:01+08:00"},
		{"发布时间：2023年05月25日 18:10", "2023-05-25T18:10:00+08:00"},
		{"2023年5月25日", "2023-05-25T00:00:00+08:00"},
		{"2023/5/25", "2023-05-25T00:00:00+08:00"},
		{"2023.05.25 09:05", "2023-05-25T09:05:00+08:00"},
		{"2023年5月25日 18时10分", "2023-05-25T18:10:00+08:00"},
		{"阅读 364 次", ""},
		{"2023-02-30", ""},
		{"ICP备2023123456号", ""},
		{"电话 010-12345678", ""},
		{"蔡健雅，1975年1月28日出生于新加坡", ""},
		{"1975-01-28出生", ""},
		{"2001年3月5日逝世，2023年5月25日 18:10 发布", "2023-05-25T18:10:00+08:00"},
		{"1975年1月28日（农历1974年腊月十七）", ""},
		{"其它内容 十一月 6th, 2009", "2009-11-06T00:00:00+08:00"},
		{"三月 12, 2010", "2010-03-12T00:00:00+08:00"},
		{"更新时间 2012年12月10日, 格林尼治标准时间10:41", "2012-12-10T18:41:00+08:00"},
		{"最後更新： 2012年 12月 10日, 格林尼治標準時間 10:41", "2012-12-10T18:41:00+08:00"},
		{"十三月 6th, 2009", ""},
		{"[引用日期2017-07-19]", ""},
		{"成立时间：1998年11月11日", ""},
		{"活动时间：2023年6月1日 发布时间：2023年5月25日", "2023-05-25T00:00:00+08:00"},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			got, ok := findDate(tc.in, chinaTime)
			if tc.want == "" {
				if ok {
					t.Errorf("found %s, want none", got)
				}
				return
			}
			if !ok || got.Format(time.RFC3339) != tc.want {
				t.Errorf("findDate(%q) = %s, %v; want %s", tc.in, got.Format(time.RFC3339), ok, tc.want)
			}
		})
	}
}

// TestIsBasedOnItself: an isBasedOn naming the page's own canonical
// address (a saved copy read from another URL) is no repost.
func TestIsBasedOnItself(t *testing.T) {
	head := `<title>Mosques</title><link rel="canonical" href="https://mag.example.com/photo/mosques">
		<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":"Mosques",
		"isBasedOn":"https://mag.example.com/photo/mosques"}</script>`
	a := mustParse(t, page(head, "<article><h1>Mosques</h1>"+body+"</article>"), "http://localhost/saved.html")
	if !a.Source.IsZero() {
		t.Errorf("source = %+v, want none", a.Source)
	}
}

// TestAuthorsNeverNull: an article without authors lists none as an empty
// list, so `margin clip --json` prints "authors": [] rather than null.
func TestAuthorsNeverNull(t *testing.T) {
	a := mustParse(t, page("<title>Boats</title>", "<article><h1>Boats</h1>"+body+"</article>"), "https://example.com/boats")
	if a.Authors == nil || len(a.Authors) != 0 {
		t.Fatalf("authors = %#v, want an empty list", a.Authors)
	}
	b, err := json.Marshal(a)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), `"authors":[]`) {
		t.Errorf("JSON has no \"authors\":[]: %.200s", b)
	}
}

// TestSiteNameFromConfirmedTitle: a site name no metadata gives is read
// from the title's suffix only when the <h1> is the rest of the title and
// the page's logo, linking to this site's home page, shows the same name.
func TestSiteNameFromConfirmedTitle(t *testing.T) {
	const pageURL = "https://www.example.cn/a/1.html"
	tests := []struct {
		name, head, logo, pageURL, wantSite, wantTitle string
	}{
		{"logo confirms", "", `<a href="/"><img src="/logo.png" alt="港口日报"></a>`, pageURL, "港口日报", "渔船晚归"},
		{"no logo", "", ``, pageURL, "", "渔船晚归_本地_港口日报"},
		{"logo names another site", "", `<a href="/"><img src="/logo.png" alt="别的网"></a>`, pageURL, "", "渔船晚归_本地_港口日报"},
		{"logo link elsewhere", "", `<a href="/about"><img src="/logo.png" alt="港口日报"></a>`, pageURL, "", "渔船晚归_本地_港口日报"},
		{"absolute link to this site's home", "", `<a href="https://example.cn/"><img src="/logo.png" alt="港口日报"></a>`, "https://news.example.cn/a/1.html", "港口日报", "渔船晚归"},
		{"logo of another site's home", "", `<a href="https://www.other.cn/"><img src="/logo.png" alt="港口日报"></a>`, pageURL, "", "渔船晚归_本地_港口日报"},
		{"saved file: absolute home link, no address", "", `<a href="https://www.example.cn/"><img src="/logo.png" alt="港口日报"></a>`, "", "", "渔船晚归_本地_港口日报"},
		{"saved file: the canonical URL names the site", `<link rel="canonical" href="https://www.example.cn/a/1.html">`, `<a href="https://www.example.cn/"><img src="/logo.png" alt="港口日报"></a>`, "", "港口日报", "渔船晚归"},
		{"saved file: relative home link", "", `<a href="/"><img src="/logo.png" alt="港口日报"></a>`, "", "港口日报", "渔船晚归"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a := mustParse(t, page(`<meta charset="utf-8"><title>渔船晚归_本地_港口日报</title>`+tc.head,
				tc.logo+`<div class="main"><h1>渔船晚归</h1>`+zhBody+`</div>`), tc.pageURL)
			if a.SiteName != tc.wantSite {
				t.Errorf("site = %q, want %q", a.SiteName, tc.wantSite)
			}
			if a.Title != tc.wantTitle {
				t.Errorf("title = %q, want %q", a.Title, tc.wantTitle)
			}
		})
	}
}

// TestSiteNameIsNoTitle: an og:site_name that repeats the page's title is
// a template's mistake: the site is the title's last part when a separator
// sets one off, else unknown; a site name of its own is kept.
func TestSiteNameIsNoTitle(t *testing.T) {
	tests := []struct{ name, title, site, want string }{
		{"the blog's name after the title", "鉄山～弥山 オオヤマレンゲ咲いてます - 適当でええねん！！", "鉄山～弥山 オオヤマレンゲ咲いてます - 適当でええねん！！", "適当でええねん！！"},
		{"a title with no part to name the site", "Harbour boats come home late", "Harbour boats come home late", ""},
		{"a name of its own", "Harbour boats come home late", "Harbour Times", "Harbour Times"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			head := `<meta charset="utf-8"><title>` + tc.title + `</title><meta property="og:title" content="` + tc.title +
				`"><meta property="og:site_name" content="` + tc.site + `">`
			a := mustParse(t, page(head, `<article>`+body+`</article>`), "https://blog.example.jp/e/1")
			if a.SiteName != tc.want {
				t.Errorf("site = %q, want %q", a.SiteName, tc.want)
			}
		})
	}
}

// TestDeclaredTitleKept: a title the page declares as metadata is the
// publisher's choice and stays as written, site name and all (as
// Readability.js keeps it); the same suffix on the <title> alone goes.
func TestDeclaredTitleKept(t *testing.T) {
	const site = `<meta property="og:site_name" content="Harbour Times">`
	body := `<div class="main"><h1>Boats come in late</h1>` + strings.Repeat("<p>The boats came in late again tonight, and the harbour waited for them in the rain.</p>", 6) + `</div>`
	tests := []struct {
		name, head, want, wantFrom string
	}{
		{"og:title with the suffix", `<title>Boats come in late | Harbour Times</title><meta property="og:title" content="Boats come in late | Harbour Times">`, "Boats come in late | Harbour Times", article.FromMeta},
		{"JSON-LD headline with the suffix", `<title>Boats come in late | Harbour Times</title><script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":"Boats come in late - Harbour Times"}</script>`, "Boats come in late - Harbour Times", article.FromJSONLD},
		{"<title> only", `<title>Boats come in late | Harbour Times</title>`, "Boats come in late", article.FromReadability},
		{"<title> only, underscores", `<title>Boats come in late_Local_Harbour Times</title>`, "Boats come in late", article.FromReadability},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a := mustParse(t, page(`<meta charset="utf-8">`+site+tc.head, body), "https://harbour.example/boats")
			if a.Title != tc.want || a.Provenance["title"] != tc.wantFrom {
				t.Errorf("title = %q from %s, want %q from %s", a.Title, a.Provenance["title"], tc.want, tc.wantFrom)
			}
		})
	}
}

func TestCleanTitle(t *testing.T) {
	tests := []struct {
		title, site, h1, want string
	}{
		{"中国式ChatGPT“大跃进”_乐学堂_花粉乐分享", "花粉乐分享", "中国式ChatGPT“大跃进”", "中国式ChatGPT“大跃进”"},
		{"宇航员在太空中喝酒会怎么样？后果很严重 _探索者 _光明网", "光明网", "宇航员在太空中喝酒会怎么样？后果很严重", "宇航员在太空中喝酒会怎么样？后果很严重"},
		{"How to Build a Terrarium | eHow", "eHow", "How to Build a Terrarium", "How to Build a Terrarium"},
		{"These Weeks in Firefox – Firefox Nightly News", "Firefox Nightly News", "These Weeks in Firefox", "These Weeks in Firefox"},
		{"The Verge — Review: a phone", "The Verge", "Review: a phone", "Review: a phone"},
		{"Example.com | Story time", "Example", "Story time", "Story time"},
		// Without the <h1> confirming the rest, or a declared site name
		// ending the tail, the title stays as the page wrote it.
		{"中国式ChatGPT“大跃进”_乐学堂_花粉乐分享", "花粉乐分享", "", "中国式ChatGPT“大跃进”_乐学堂_花粉乐分享"},
		{"Mozilla - Wikipedia", "Wikipedia", "", "Mozilla - Wikipedia"},
		{"DeepMind新电脑已可利用记忆自学_科技_腾讯网", "", "DeepMind新电脑已可利用记忆自学", "DeepMind新电脑已可利用记忆自学_科技_腾讯网"},
		{"Site | The real heading", "", "The real heading", "Site | The real heading"},
		{"Spider-Man - a review", "Movies Daily", "Spider-Man", "Spider-Man - a review"},
		{"Boats - Harbour Times - Weekend", "Harbour Times", "Boats", "Boats - Harbour Times - Weekend"},
		{"V8 · short", "V8", "V8", "V8 · short"},
		{"Samantha and The Great Big Lie - John C. Welch - Medium", "Medium", "Samantha and The Great Big Lie", "Samantha and The Great Big Lie - John C. Welch - Medium"},
	}
	for _, tc := range tests {
		t.Run(tc.title, func(t *testing.T) {
			if got := cleanTitle(tc.title, tc.site, tc.h1); got != tc.want {
				t.Errorf("cleanTitle(%q, %q, %q) = %q, want %q", tc.title, tc.site, tc.h1, got, tc.want)
			}
		})
	}
}

func TestTitleSiteName(t *testing.T) {
	if got, want := titleSiteName("中国式ChatGPT“大跃进”_乐学堂_花粉乐分享", "中国式ChatGPT“大跃进”"), "花粉乐分享"; got != want {
		t.Errorf("site = %q, want %q", got, want)
	}
	if got := titleSiteName("Plain title", "Plain title"); got != "" {
		t.Errorf("site = %q, want none", got)
	}
}

// TestIsBasedOnOwnSiteBehindBaseHref: a <base href> on another host (a
// CDN) changes where links resolve, not which site the page is on: an
// isBasedOn naming another page of the page's own site is no repost.
func TestIsBasedOnOwnSiteBehindBaseHref(t *testing.T) {
	head := `<title>Mosques</title><base href="https://static.cdn.example.net/mag/">
		<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":"Mosques",
		"isBasedOn":"https://mag.example.com/photo/mosques"}</script>`
	a := mustParse(t, page(head, "<article><h1>Mosques</h1>"+body+"</article>"), "https://mag.example.com/photo/mosques-updated")
	if !a.Source.IsZero() {
		t.Errorf("source = %+v, want none", a.Source)
	}
}

// TestEditorIsNoAuthor: a Chinese portal's <meta name="author"> that the
// page credits as its editor on duty is the editor; the writer is who the
// text names.
func TestEditorIsNoAuthor(t *testing.T) {
	tests := []struct {
		name, head, top, end string
		authors, editors     []string
	}{
		{"the reporter opening the text", `<meta name="author" content="孔德明">`, `<p><strong>半月谈记者 史卫燕</strong></p>`, `<div class="detail_author"><span>责任编辑：孔德明</span></div>`,
			[]string{"史卫燕"}, []string{"孔德明"}},
		{"no writer named: kept, as Readability.js keeps it", `<meta name="author" content="孔德明">`, ``, `<div class="detail_author"><span>责任编辑：孔德明</span></div>`,
			[]string{"孔德明"}, []string{"孔德明"}},
		{"an editor's byline where the text names its writer", ``, `<p><strong>本报记者 史卫燕</strong></p>`, `<div class="detail_author"><span>责任编辑：孔德明</span></div>`,
			[]string{"史卫燕"}, []string{"孔德明"}},
		{"an author who is no editor", `<meta name="author" content="王五">`, ``, `<div class="detail_author"><span>责任编辑：孔德明</span></div>`,
			[]string{"王五"}, []string{"孔德明"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			raw := page(`<meta charset="utf-8"><title>益阳：数字是优长_半月谈网</title>`+tc.head,
				`<div class="main"><h1>益阳：数字是优长</h1><div class="time">2020-01-02 17:11</div><div class="content">`+tc.top+zhBody+`</div>`+tc.end+`</div>`)
			a := mustParse(t, raw, "http://www.banyuetan.org/jmcs/detail/20200102/1.html")
			if !slices.Equal(a.Authors, tc.authors) {
				t.Errorf("authors = %q (%s), want %q", a.Authors, a.Provenance["authors"], tc.authors)
			}
			if !slices.Equal(a.Editors, tc.editors) {
				t.Errorf("editors = %q, want %q", a.Editors, tc.editors)
			}
		})
	}
}
