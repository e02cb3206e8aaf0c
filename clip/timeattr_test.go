package clip

import (
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"
)

func marksOf(t *testing.T, page string) *pageMarks {
	t.Helper()
	doc, err := goquery.NewDocumentFromReader(strings.NewReader("<html><body>" + page + "</body></html>"))
	if err != nil {
		t.Fatal(err)
	}
	return findMarks(doc)
}

// TestArticleTimeAttr: the date an article's markup gives, from a <time>'s
// datetime first, else from microdata's datePublished as content or text.
func TestArticleTimeAttr(t *testing.T) {
	cases := []struct{ name, page, want string }{
		{"time with itemprop", `<time itemprop="datePublished" datetime="2020-05-19T09:00:00Z">May 19</time>`, "2020-05-19T09:00:00Z"},
		{"time in an article", `<article><h1>T</h1><time datetime="2021-01-02">2 Jan</time></article>`, "2021-01-02"},
		{"time after the heading", `<h1>T</h1><div><p><time datetime="2021-01-03">3 Jan</time></p></div>`, "2021-01-03"},
		{"the page's only time, wherever it is", `<div><time datetime="2021-01-03">3 Jan</time></div><h1>T</h1>`, "2021-01-03"},
		{"times before the heading are none", `<div><time datetime="2021-01-03">3 Jan</time> <time datetime="2021-01-04">4 Jan</time></div><h1>T</h1>`, ""},
		{"Blogger's span", `<div class="published"><span class="publishdate" itemprop="datePublished">
			May 19, 2020
		</span></div>`, "May 19, 2020"},
		{"an abbr's title", `<abbr class="published" itemprop="datePublished" title="2019-10-16T11:00:00-07:00">October 16, 2019</abbr>`, "2019-10-16T11:00:00-07:00"},
		{"meta with content", `<div itemscope><meta itemprop="datePublished" content="2019-07-30"></div>`, "2019-07-30"},
		{"a time wins over microdata text", `<span itemprop="datePublished">yesterday</span><article><time datetime="2021-01-02">2 Jan</time></article>`, "2021-01-02"},
		{"nothing", `<p>No date here.</p>`, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := articleTimeAttr(marksOf(t, tc.page)); got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

// TestPostedDate: the date a blog theme prints beside a post, where the
// markup says date and no machine reads it.
func TestPostedDate(t *testing.T) {
	cases := []struct{ name, page, lang, want string }{
		{"an hAtom published abbr", `<span class="entry-date"><abbr class="published" title="2017-07-23T17:06:45+0000">23. Juli 2017</abbr></span>`, "de", "2017-07-23 17:06 +0000"},
		{"an hAtom title no machine reads", `Artikel veröffentlicht am <abbr class="published" title="Sonntag, Dezember 16th, 2012, 7:05 pm">16.12.2012</abbr>`, "de", "2012-12-16 19:05 +0000"},
		{"a WordPress entry date in German", `<a href="/2014/01/p/" rel="bookmark"><span class="entry-date">13. Januar 2014</span></a>`, "de", "2014-01-13 00:00 +0000"},
		{"a day-first date with its time", `<span class="itemPostDate">am 25.08.2015 22:30</span>`, "de", "2015-08-25 22:30 +0000"},
		{"a short month", `<div class="post-date">3. Okt. 2019</div>`, "de", "2019-10-03 00:00 +0000"},
		{"an English date", `<span class="date">8 January 2020, 3:51 pm</span>`, "en", "2020-01-08 15:51 +0000"},
		{"a date no machine reads", `<span class="date">03.02.2022</span>`, "de", "2022-02-03 00:00 +0000"},
		{"a created class", `<span class="created-post">27.06.2018 09:54</span>`, "de", "2018-06-27 09:54 +0000"},
		{"a time without datetime", `<time class="Post-pub-time">01 September 2017</time>`, "en", "2017-09-01 00:00 +0000"},
		{"a long element is no date line", `<div class="update">` + strings.Repeat("Am 3. Oktober 2019 sagte er, ", 5) + `</div>`, "de", ""},
		{"not a day", `<span class="date">45.13.2019</span>`, "de", ""},
		{"a reference's access date", `<span class="reference-accessdate">Abgerufen am 3. Mai 2020</span>`, "de", ""},
		{"a reference's access date in English", `<span class="reference-accessdate">Retrieved 5 May 2020</span>`, "en", ""},
		{"nothing", `<p>No date here, 3. Oktober 2019.</p>`, "de", ""},
		{"a time class, a Japanese date", `<a href="/e/5d8c"><span class="entry-top-info-time">2020年07月03日</span></a>`, "ja", "2020-07-03 00:00 +0000"},
		{"a timestamp class", `<div class="post_timestamp">12.03.2021 08:15</div>`, "de", "2021-03-12 08:15 +0000"},
		{"a timeline is no time", `<ul class="timeline"><li>3. Oktober 2019</li></ul>`, "de", ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := ""
			title, texts := postTexts(marksOf(t, tc.page))
			if d, ok := postedDate(title, texts, tc.lang, time.UTC); ok {
				got = d.Format("2006-01-02 15:04 -0700")
			}
			if got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}
