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
		{"meta with content", `<div itemscope><meta itemprop="datePublished" content="2019-07-30"></div>`, "2019-07-30"},
		{"a time wins over microdata text", `<span itemprop="datePublished">yesterday</span><article><time datetime="2021-01-02">2 Jan</time></article>`, "2021-01-02"},
		{"nothing", `<p>No date here.</p>`, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			doc, err := goquery.NewDocumentFromReader(strings.NewReader("<html><body>" + tc.page + "</body></html>"))
			if err != nil {
				t.Fatal(err)
			}
			if got := articleTimeAttr(doc); got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}
