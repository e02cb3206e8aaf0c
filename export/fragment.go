package export

import (
	"app.margin/margin/internal/text"

	"net/url"
	"strings"
	"unicode"
	"unicode/utf8"

	"app.margin/margin/storage"
)

// Limits of the text fragment parts. A browser only needs enough context to
// tell one occurrence from another; short parts keep the link readable and
// robust to small edits of the page around the passage.
const (
	contextWords    = 3  // words of prefix or suffix
	contextCJK      = 8  // CJK characters of prefix or suffix
	rangeWords      = 5  // words of textStart or textEnd in the range form
	rangeCJK        = 10 // CJK characters of textStart or textEnd
	partMaxRunes    = 40 // any part, whatever its script (long URLs, no spaces)
	exactMaxRunes   = 80 // longer quotes use the textStart,textEnd form
	boundaryMinRune = 3  // a cut at punctuation this far in beats a blind cut
)

// PassageURL returns a link to the highlight's passage on the original page:
// the canonical URL (else the final URL, else the URL the user gave) with a
// text fragment, #:~:text=prefix-,exact,-suffix, or
// #:~:text=prefix-,textStart,textEnd,-suffix for long or multi-paragraph
// quotes. It returns "" for an orphaned highlight (its passage is no longer
// in the page) and for an article without an http(s) address.
func PassageURL(a *storage.Article, h storage.Highlight) string {
	base := articleURL(a)
	quote := strings.TrimSpace(h.Quote)
	if base == "" || h.Orphaned || quote == "" {
		return ""
	}
	return base + "#:~:" + textDirective(quote, h.Prefix, h.Suffix)
}

// articleURL is the address an export links to: canonical, else final, else
// as given; "" when none is an http(s) URL. Any fragment is dropped so a text
// fragment can follow.
func articleURL(a *storage.Article) string {
	for _, s := range []string{a.CanonicalURL, a.FinalURL, a.URL} {
		if u := webURL(s); u != "" {
			return u
		}
	}
	return ""
}

// webURL returns s without its fragment when it is an absolute http(s) URL.
func webURL(s string) string {
	u, err := url.Parse(strings.TrimSpace(s))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return ""
	}
	u.Fragment, u.RawFragment = "", ""
	return u.String()
}

// textDirective builds text=... from a quote and its context. Browsers match
// each part inside one block of the page, so the prefix and suffix are cut
// at the paragraph break nearest the quote, and a quote spanning paragraphs
// uses the range form.
func textDirective(quote, prefix, suffix string) string {
	var b strings.Builder
	b.WriteString("text=")
	if i := strings.LastIndexByte(prefix, '\n'); i >= 0 {
		prefix = prefix[i+1:]
	}
	if p := tail(prefix, contextWords, contextCJK); p != "" {
		b.WriteString(encodeFragmentPart(p) + "-,")
	}
	if strings.Contains(quote, "\n") || utf8.RuneCountInString(quote) > exactMaxRunes {
		first, last := quote, quote
		if i := strings.IndexByte(quote, '\n'); i >= 0 {
			first = quote[:i]
		}
		if i := strings.LastIndexByte(quote, '\n'); i >= 0 {
			last = quote[i+1:]
		}
		b.WriteString(encodeFragmentPart(head(first, rangeWords, rangeCJK)))
		b.WriteString("," + encodeFragmentPart(tail(last, rangeWords, rangeCJK)))
	} else {
		b.WriteString(encodeFragmentPart(quote))
	}
	if i := strings.IndexByte(suffix, '\n'); i >= 0 {
		suffix = suffix[:i]
	}
	if s := head(suffix, contextWords, contextCJK); s != "" {
		b.WriteString(",-" + encodeFragmentPart(s))
	}
	return b.String()
}

// encodeFragmentPart percent-encodes one part of a text directive. The Text
// Fragments spec requires '-', '&' and ',' to be encoded inside a part (they
// are the directive's syntax); encoding everything but ASCII letters, digits
// and ._~ also covers spaces, '#', '%' and UTF-8 (Chinese) text.
func encodeFragmentPart(s string) string {
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9', c == '.', c == '_', c == '~':
			b.WriteByte(c)
		default:
			b.WriteByte('%')
			b.WriteByte(hex[c>>4])
			b.WriteByte(hex[c&15])
		}
	}
	return b.String()
}

// head returns the start of s: at most maxWords words, maxCJK CJK characters
// or partMaxRunes characters. Browsers require a match to end on a word
// boundary, so the cut is made at a space or after punctuation when one is
// near; CJK text without punctuation is cut by count.
func head(s string, maxWords, maxCJK int) string {
	return string(cut([]rune(strings.TrimSpace(s)), maxWords, maxCJK))
}

// tail is head from the end: the last words of s.
func tail(s string, maxWords, maxCJK int) string {
	rs := []rune(strings.TrimSpace(s))
	reverse(rs)
	rs = cut(rs, maxWords, maxCJK)
	reverse(rs)
	return string(rs)
}

func reverse(rs []rune) {
	for i, j := 0, len(rs)-1; i < j; i, j = i+1, j-1 {
		rs[i], rs[j] = rs[j], rs[i]
	}
}

// cut keeps the leading runes of rs within the limits, see head.
func cut(rs []rune, maxWords, maxCJK int) []rune {
	words, cjk, boundary := 0, 0, 0
	for i, r := range rs {
		switch {
		case unicode.IsSpace(r):
			if i > 0 && !unicode.IsSpace(rs[i-1]) {
				words++
				boundary = i
				if words == maxWords {
					return rs[:i]
				}
			}
			continue
		case text.IsCJK(r):
			cjk++
		case unicode.IsPunct(r):
			boundary = i + 1
		}
		if cjk >= maxCJK || i+1 >= partMaxRunes {
			if boundary >= boundaryMinRune && i+1 < len(rs) && !isBoundaryAt(rs, i+1) {
				return trimRunes(rs[:boundary])
			}
			return rs[:i+1]
		}
	}
	return rs
}

// isBoundaryAt reports whether a cut before rs[i] already falls between
// words or after punctuation.
func isBoundaryAt(rs []rune, i int) bool {
	return unicode.IsSpace(rs[i]) || unicode.IsPunct(rs[i-1]) || unicode.IsPunct(rs[i])
}

func trimRunes(rs []rune) []rune {
	for len(rs) > 0 && unicode.IsSpace(rs[len(rs)-1]) {
		rs = rs[:len(rs)-1]
	}
	return rs
}
