package clip

import (
	"strings"
	"testing"
)

// TestUnwrapArticleNoscript: a post kept for readers without scripts in a
// <noscript> is the article when nothing outside says more; a consent
// notice or a script warning in one stays out of an article shown on the
// page.
func TestUnwrapArticleNoscript(t *testing.T) {
	post := strings.Repeat("<p>Over the past few years we have seen threats on the web becoming increasingly sophisticated, and security cannot be one size fits all.</p>\n", 6)
	notice := strings.Repeat("<p>Healthline Media would like to process and share personal data with our third party partners using cookies and similar tools.</p>", 3)
	shown := strings.Repeat("<p>The study followed four hundred patients for two years, and the results, published on Monday, surprised the researchers themselves.</p>", 8)
	header := `<div class="header"><h2>Security Blog</h2><div class="header-desc">The latest news and insights from Google on security and safety on the Internet</div></div>`
	cases := []passageCase{
		{"a post in a script template and a noscript",
			header + `<div class="post"><h2 class="title">Enhanced protection</h2><div class="post-body"><script type="text/template">` + post + `</script><noscript>` + post + `</noscript></div></div>`,
			[]string{"insights from Google"}, []string{"increasingly sophisticated"}},
		{"a notice beside a shown article",
			`<noscript><div class="fullscreen">` + notice + `</div></noscript><article><h1>Study</h1>` + shown + `</article>`,
			[]string{"third party partners"}, []string{"four hundred patients"}},
		{"a script warning",
			`<noscript><p>For full functionality, it is necessary to enable JavaScript.</p></noscript><article><h1>Study</h1>` + shown + `</article>`,
			[]string{"enable JavaScript"}, []string{"four hundred patients"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			a, err := Parse([]byte(`<!DOCTYPE html><html lang="en"><head><title>Blog</title></head><body>`+tc.in+`</body></html>`), "", "https://blog.example.com/2020/05/post.html")
			if err != nil {
				t.Fatal(err)
			}
			checkPassages(t, a.Text, tc.gone, tc.kept)
		})
	}
}
