package clip

import (
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
)

// TestArticleTimeAttr: the date an article's markup gives, from a <time>'s
// datetime first, else from microdata's datePublished as content or text.
func TestArticleTimeAttr(t *testing.T) {
	cases := []struct{ name, page, want string }{
		{"time with itemprop", `<time itemprop="datePublished" datetime="2020-05-19T09:00:00Z">May 19</time>`, "2020-05-19T09:00:00Z"},
		{"time in an article", `<article><h1>T</h1><time datetime="2021-01-02">2 Jan</time></article>`, "2021-01-02"},
		{"Blogger's span", `<div class="published"><span class="publishdate" itemprop="datePublished">
			May 19, 2020
		</span></div>`, "May 19, 2020"},
		{"an abbr's title", `<abbr class="published" itemprop="datePublished" title="2019-10-16T11:00:00-07:00">October 16, 2019</abbr>`, "2019-10-16T11:00:00-07:00"},
		{"meta with content", `<div itemscope><meta itemprop="datePublished" content="2019-07-30"></div>`, "2019-07-30"},
		{"a time wins over microdata text", `<span itemprop="datePublished">yesterday</span><article><time datetime="2021-01-02">2 Jan</time></article>`, "2021-01-02"},
		{"an hAtom published abbr", `<span class="entry-date"><abbr class="published" title="2017-07-23T17:06:45+0000">23. Juli 2017</abbr></span>`, "2017-07-23T17:06:45+0000"},
		{"a WordPress entry date in German", `<a href="/2014/01/p/" rel="bookmark"><span class="entry-date">13. Januar 2014</span></a>`, "2014-01-13"},
		{"a day-first date with its time", `<span class="itemPostDate">am 25.08.2015 22:30</span>`, "2015-08-25"},
		{"a short month", `<div class="post-date">3. Okt. 2019</div>`, "2019-10-03"},
		{"a long element is no date line", `<div class="update">` + strings.Repeat("Am 3. Oktober 2019 sagte er, ", 5) + `</div>`, ""},
		{"not a day", `<span class="date">45.13.2019</span>`, ""},
		{"nothing", `<p>No date here.</p>`, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			doc, err := goquery.NewDocumentFromReader(strings.NewReader("<html><body>" + tc.page + "</body></html>"))
			if err != nil {
				t.Fatal(err)
			}
			if got := articleTimeAttr(findMarks(doc)); got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}
