package clip

import (
	"slices"
	"strings"
	"unicode"

	"app.margin/margin/article"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// consentMaxRunes is the most text a cookie notice holds: a longer element
// whose class says "cookie" is a page about cookies (or a wrapper around
// everything), not a notice.
const consentMaxRunes = 600

// removeConsentNotices deletes, before extraction, the cookie and consent
// notices a page shows: elements whose class or id names one (consentWords:
// "eu-cookie-law", "cookie-notice", "cmp-consent", "cookieBanner") holding
// at most consentMaxRunes of text.
// Readability scores paragraphs by length and commas, and on a page whose
// article is short lines (a dialogue, a list of links) the notice's one
// long sentence outscores the article, which is then lost entirely.
// Provenance: go-trafilatura's comparison set, three WordPress.com blogs
// whose whole text was the notice "Datenschutz & Cookies: Diese Website
// verwendet Cookies…" (7 wanted passages lost), and a news page that
// opened with "Cookies". With extractAgain, which now finds the
// WordPress notice (a <form>) itself, the rule brings back 2 wanted
// passages of a recipe page whose cookie layer won, and a blog's
// comment-form heading comes with its post (1 excluded passage).
func removeConsentNotices(root *html.Node) {
	var doomed []*html.Node
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode || article.NeverText(c.DataAtom) {
				continue
			}
			if c.DataAtom != atom.Img && consentClass(article.Attr(c, "class")+" "+article.Attr(c, "id")) &&
				collapsedRunes(c) <= consentMaxRunes {
				doomed = append(doomed, c)
				continue
			}
			// Inside a form, "consent" names a field (WordPress's
			// comment-form-cookies-consent check box), not a notice.
			if c.DataAtom != atom.Form {
				walk(c)
			}
		}
	}
	walk(root)
	for _, n := range doomed {
		n.Parent.RemoveChild(n)
	}
}

// consentWords are the class and id words of a cookie or consent notice;
// cookieKinds the words that follow "cookie" in one written as one word
// ("cookiebanner", "cookieNotice"). A "CookieCard" on a baking site is a
// cookie.
var (
	consentWords = map[string]bool{"cookie": true, "cookies": true, "consent": true, "gdpr": true}
	cookieKinds  = []string{"banner", "notice", "bar", "consent", "warning", "law", "hint", "layer", "popup", "message", "statement", "choices", "info"}
)

// consentClass reports a class and id attribute that name a cookie or
// consent notice.
func consentClass(cls string) bool {
	// Most classes name nothing of the kind: they are let go without the
	// allocations of splitting them (Parse reads every class on a page).
	if !containsFold(cls, "cookie") && !containsFold(cls, "consent") && !containsFold(cls, "gdpr") {
		return false
	}
	for _, w := range strings.FieldsFunc(strings.ToLower(cls), func(r rune) bool { return !unicode.IsLetter(r) }) {
		if consentWords[w] {
			return true
		}
		if kind, ok := strings.CutPrefix(w, "cookie"); ok && slices.Contains(cookieKinds, kind) {
			return true
		}
	}
	return false
}

// containsFold reports whether s holds sub, a lower-case ASCII word, in
// any case, without allocating.
func containsFold(s, sub string) bool {
	for i := 0; i+len(sub) <= len(s); i++ {
		j := 0
		for j < len(sub) {
			c := s[i+j]
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			if c != sub[j] {
				break
			}
			j++
		}
		if j == len(sub) {
			return true
		}
	}
	return false
}
