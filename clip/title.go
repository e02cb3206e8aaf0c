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
	if rest, ok := strings.CutPrefix(title, h1); ok && startsWithSep(rest) {
		if parts, _ := splitTitle(rest); len(parts) > 0 && sameName(parts[len(parts)-1], site) && sectionsOnly(parts[:len(parts)-1]) {
			return h1
		}
	}
	if rest, ok := strings.CutSuffix(title, h1); ok && endsWithSep(rest) {
		if parts, _ := splitTitle(rest); len(parts) > 0 && sameName(parts[0], site) && sectionsOnly(parts[1:]) {
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
// rest of the title is the page's <h1> ("<h1>_Section_Site").
func titleSiteName(title, h1 string) string {
	if h1 == "" || h1 == title {
		return ""
	}
	var rest string
	if r, ok := strings.CutPrefix(title, h1); ok && startsWithSep(r) {
		rest = r
		parts, _ := splitTitle(rest)
		if len(parts) > 0 {
			return parts[len(parts)-1]
		}
	}
	if r, ok := strings.CutSuffix(title, h1); ok && endsWithSep(r) {
		parts, _ := splitTitle(r)
		if len(parts) > 0 {
			return parts[0]
		}
	}
	return ""
}

// splitTitle cuts title at separators, returning the parts and the
// separators between them.
func splitTitle(title string) (parts, seps []string) {
	idx := rxTitleSep.FindAllStringIndex(title, -1)
	prev := 0
	for _, m := range idx {
		if m[0] == 0 {
			prev = m[1]
			continue
		}
		parts = append(parts, strings.TrimSpace(title[prev:m[0]]))
		seps = append(seps, title[m[0]:m[1]])
		prev = m[1]
	}
	if last := strings.TrimSpace(title[prev:]); last != "" {
		parts = append(parts, last)
	} else if len(seps) > 0 {
		seps = seps[:len(seps)-1]
	}
	// Drop empty parts (two separators in a row) with their separator.
	for i := 0; i < len(parts); i++ {
		if parts[i] == "" {
			parts = append(parts[:i], parts[i+1:]...)
			if i < len(seps) {
				seps = append(seps[:i], seps[i+1:]...)
			} else if len(seps) > 0 {
				seps = seps[:len(seps)-1]
			}
			i--
		}
	}
	return parts, seps
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
