package clip

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// rxTitleSep splits a <title> into its parts: " - ", " | ", " – ", "—",
// "_", "｜", " · ", " » ". A bare "-" is a hyphen, not a separator.
var rxTitleSep = regexp.MustCompile(`\s+[-|–—·»:]\s+|\s*[_｜—]+\s*|\s*\|\s*`)

// cleanTitle drops the site name, and the section names beside it, from a
// page title: "中国式ChatGPT“大跃进”_乐学堂_花粉乐分享" -> "中国式ChatGPT“大跃进”".
// It does so only on the strongest evidence, as titles are otherwise kept
// as the page wrote them: the page's <h1> is exactly what remains, and the
// part dropped ends (or, before the heading, starts) with the site name
// the page declares.
func cleanTitle(title, site, h1 string) string {
	if site == "" || h1 == "" || h1 == title {
		return title
	}
	for _, before := range []bool{false, true} {
		if outer, between, ok := besideHeading(title, h1, before); ok && sameName(outer, site) && sectionsOnly(between) {
			return h1
		}
	}
	return title
}

// sectionMaxRunes is the longest title part taken for a section or channel
// name ("_乐学堂") beside the site name; a longer part (an author's name,
// a subtitle) is information the title keeps.
const sectionMaxRunes = 8

func sectionsOnly(parts []string) bool {
	for _, p := range parts {
		if utf8.RuneCountInString(p) > sectionMaxRunes {
			return false
		}
	}
	return true
}

// titleSiteName guesses the site name from a title's last part when the
// rest of the title is the page's <h1> ("<h1>_Section_Site"), or from its
// first part when the <h1> ends it.
func titleSiteName(title, h1 string) string {
	if h1 == "" || h1 == title {
		return ""
	}
	for _, before := range []bool{false, true} {
		if outer, _, ok := besideHeading(title, h1, before); ok {
			return outer
		}
	}
	return ""
}

// besideHeading reads a title that is its <h1> followed by separated parts
// ("<h1>_Section_Site"), or, with before, preceded by them
// ("Site_Section_<h1>"): outer is the part farthest from the heading, where
// a site names itself, and between the parts next to the heading. ok is
// false when the title is not laid out so.
func besideHeading(title, h1 string, before bool) (outer string, between []string, ok bool) {
	if !before {
		rest, found := strings.CutPrefix(title, h1)
		if !found || !startsWithSep(rest) {
			return "", nil, false
		}
		parts := splitTitle(rest)
		if len(parts) == 0 {
			return "", nil, false
		}
		return parts[len(parts)-1], parts[:len(parts)-1], true
	}
	rest, found := strings.CutSuffix(title, h1)
	if !found || !endsWithSep(rest) {
		return "", nil, false
	}
	parts := splitTitle(rest)
	if len(parts) == 0 {
		return "", nil, false
	}
	return parts[0], parts[1:], true
}

// splitTitle cuts title at separators into its non-empty parts.
func splitTitle(title string) []string {
	var parts []string
	for _, p := range rxTitleSep.Split(title, -1) {
		if p = strings.TrimSpace(p); p != "" {
			parts = append(parts, p)
		}
	}
	return parts
}

func startsWithSep(s string) bool {
	m := rxTitleSep.FindStringIndex(s)
	return m != nil && m[0] == 0 && m[1] < len(s)
}

func endsWithSep(s string) bool {
	ms := rxTitleSep.FindAllStringIndex(s, -1)
	return len(ms) > 0 && ms[len(ms)-1][1] == len(s) && ms[len(ms)-1][0] > 0
}

// sameName compares two names ignoring case, spaces and punctuation, and
// accepts a name that is the other with a domain ending ("Example.com").
func sameName(a, b string) bool {
	na, nb := nameKey(a), nameKey(b)
	if na == "" || nb == "" {
		return false
	}
	if na == nb {
		return true
	}
	for _, suf := range []string{"com", "net", "org", "cn", "comcn", "io"} {
		if na == nb+suf || nb == na+suf {
			return true
		}
	}
	return false
}

// nameKey folds a name for comparison.
func nameKey(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}
