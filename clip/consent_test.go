package clip

import (
	"strings"
	"testing"

	"golang.org/x/net/html"
)

func TestRemoveConsentNotices(t *testing.T) {
	long := strings.Repeat("Cookies are small files a site stores in the browser. ", 20)
	cases := []struct {
		name, page, want string
	}{
		{"wordpress notice", `<div class="widget_eu_cookie_law_widget"><div id="eu-cookie-law">Datenschutz &amp; Cookies: Diese Website verwendet Cookies.</div></div><p>Text.</p>`, "Text."},
		{"banner in one word", `<div class="cookieBanner">We use cookies.</div><p>Text.</p>`, "Text."},
		{"consent layer", `<section id="cmp-consent">Accept all</section><p>Text.</p>`, "Text."},
		{"a baking site's cookie card stays", `<li class="CookieCard">Chocolate chip cookies</li>`, "Chocolate chip cookies"},
		{"an article about cookies stays", `<div class="cookie-notice">` + long + `</div>`, strings.TrimSpace(long)},
		{"a form's consent field stays", `<form class="comment-form"><p class="comment-form-cookies-consent">Save my name.</p></form>`, "Save my name."},
		{"no class, no change", `<div>Cookies: we use them.</div>`, "Cookies: we use them."},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			doc, err := html.Parse(strings.NewReader(tc.page))
			if err != nil {
				t.Fatal(err)
			}
			removeConsentNotices(doc)
			if got := collapsedText(doc); got != tc.want {
				t.Errorf("text %q, want %q", got, tc.want)
			}
		})
	}
}
