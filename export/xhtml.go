package export

import (
	"bytes"
	"net/url"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/language"

	"app.margin/margin/internal/text"
)

// xmlText writes s escaped for XHTML text and attribute values, without the
// characters XML 1.0 forbids (controls, surrogates, U+FFFE, U+FFFF) or
// that EPUB readers' HTML parsers reject (C1 controls, noncharacters).
func xmlText(b *bytes.Buffer, s string) {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	for _, r := range s {
		switch {
		case r == '<':
			b.WriteString("&lt;")
		case r == '>':
			b.WriteString("&gt;")
		case r == '&':
			b.WriteString("&amp;")
		case r == '"':
			b.WriteString("&quot;")
		case r == '\'':
			b.WriteString("&#39;")
		case xmlChar(r):
			b.WriteRune(r)
		}
	}
}

// xmlChar reports a character an XHTML document may hold as it is.
func xmlChar(r rune) bool {
	switch {
	case r == '\t' || r == '\n' || r == '\r':
		return true
	case r < 0x20 || (0x7F <= r && r <= 0x9F):
		return false
	case 0xD800 <= r && r <= 0xDFFF, 0xFDD0 <= r && r <= 0xFDEF:
		return false
	case r&0xFFFE == 0xFFFE: // U+FFFE, U+FFFF and their kin in every plane
		return false
	}
	return r <= utf8.MaxRune
}

// esc is xmlText as a string, for short values.
func esc(s string) string {
	var b bytes.Buffer
	xmlText(&b, s)
	return b.String()
}

// linkHref returns an address a book may link to (http, https, mailto),
// normalised so it is a valid URL; "" for anything else (javascript:, a
// saved page's file:, a relative path that means nothing inside the book).
func linkHref(s string) string {
	u, err := url.Parse(strings.TrimSpace(s))
	if err != nil {
		return ""
	}
	switch u.Scheme {
	case "http", "https":
		if u.Host == "" {
			return ""
		}
	case "mailto":
		if u.Opaque == "" {
			return ""
		}
	default:
		return ""
	}
	return uriEscape(u.String())
}

// uriEscape percent-encodes what a URI may not hold as it is (spaces, <,
// non-ASCII letters, a % that starts no escape): url.URL.String leaves a
// query as it was given.
func uriEscape(s string) string {
	return percentEncode(s, func(s string, i int) bool {
		c := s[i]
		return isAlnum(c) || strings.IndexByte("-._~:/?#[]@!$&'()*+,;=", c) >= 0 ||
			c == '%' && i+2 < len(s) && isHexDigit(s[i+1]) && isHexDigit(s[i+2])
	})
}

// percentEncode writes s with every byte that keep (given s and the byte's
// index) does not keep as %XX.
func percentEncode(s string, keep func(s string, i int) bool) string {
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if c := s[i]; keep(s, i) {
			b.WriteByte(c)
		} else {
			b.WriteByte('%')
			b.WriteByte(hex[c>>4])
			b.WriteByte(hex[c&15])
		}
	}
	return b.String()
}

func isHexDigit(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

// langTag returns s as a well-formed BCP 47 tag, "" when it is not one.
func langTag(s string) string {
	if strings.TrimSpace(s) == "" {
		return ""
	}
	t, err := language.Parse(s)
	if err != nil || t == language.Und {
		return ""
	}
	return t.String()
}

// cjkLang is a base language whose text readers set in a CJK font.
func cjkLang(tag string) bool {
	base, _, _ := strings.Cut(strings.ToLower(tag), "-")
	return base == "zh" || base == "ja" || base == "ko"
}

// textLang is the language of a piece of text inside a document in lang,
// "" when it is the document's: Chinese, Japanese or Korean text inside a
// document in another language is marked so readers pick a CJK font for it.
func textLang(s, lang string) string {
	if cjkLang(lang) {
		return ""
	}
	guess, _ := text.GuessLanguage(s)
	return guess
}

// langAttr is the lang and xml:lang attributes for lang, "" for none.
func langAttr(lang string) string {
	if lang == "" {
		return ""
	}
	return ` lang="` + esc(lang) + `" xml:lang="` + esc(lang) + `"`
}

// xmlLangAttr is the xml:lang attribute alone, for the package document.
func xmlLangAttr(lang string) string {
	if lang == "" {
		return ""
	}
	return ` xml:lang="` + esc(lang) + `"`
}
