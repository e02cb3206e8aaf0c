package clip

import (
	"regexp"
	"slices"
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

// rxPortalSep splits a portal's <title> into the article's title and the
// channel and site names around it: "-搜狐财经", "__商贸_产业资讯_新浪网",
// "|Yahoo奇摩新聞", "--文化--人民网", and a space before a last CJK part
// ("…大赛 湖南省中医药研究院附属医院").
var rxPortalSep = regexp.MustCompile(`\s*(?:--+|[-_|｜—–·»]+)\s*|\s+`)

// Limits of what a portal title may add to the article's title.
const (
	portalPartMaxRunes  = 16 // one channel or site name
	portalExtraMaxRunes = 40 // all of them
)

// shownTitle is the part of a portal's <title> that the page shows as its
// heading, a line of its own outside links (shown holds such lines, white
// space removed): "X_网易科技" is "X" when the page shows X. The parts cut
// off must be short, as channel and site names are. "" when no part is
// shown so.
func shownTitle(title string, shown map[string]bool) string {
	seps := rxPortalSep.FindAllStringIndex(title, -1)
	// cuts are where the title may start and end: its ends and its separators.
	starts, ends := []int{0}, []int{len(title)}
	for _, s := range seps {
		if s[0] > 0 && s[1] < len(title) {
			starts = append(starts, s[1])
			ends = append(ends, s[0])
		}
	}
	best := ""
	for _, a := range starts {
		for _, b := range ends {
			if b <= a {
				continue
			}
			x := title[a:b]
			if len(x) <= len(best) || !shown[noSpaces(x)] || utf8.RuneCountInString(x) < 4 {
				continue
			}
			n, cut := utf8.RuneCountInString(x), utf8.RuneCountInString(title)-utf8.RuneCountInString(x)
			// The title is the larger part: a short shown line ("新闻动态")
			// is a section's name, not the article's.
			if cutOK(title[:a]) && cutOK(title[b:]) && cut <= portalExtraMaxRunes && n >= cut {
				best = x
			}
		}
	}
	if best == title {
		return ""
	}
	return best
}

// cutOK reports whether a part cut from a title is only channel and site
// names.
func cutOK(s string) bool {
	for _, p := range rxPortalSep.Split(s, -1) {
		if utf8.RuneCountInString(p) > portalPartMaxRunes {
			return false
		}
	}
	return true
}

// shownLines are the page's short lines outside links, white space
// removed, where a heading would be.
func shownLines(lines []pageLine) map[string]bool {
	shown := map[string]bool{}
	for _, l := range lines {
		if !l.linkOnly && utf8.RuneCountInString(l.text) <= 120 {
			shown[noSpaces(l.text)] = true
		}
	}
	return shown
}

// confirmedCut reports whether the parts of title around shown end (or,
// before it, start) with a site name the page confirms (names: its
// declared site name, its logo's): "X--文化--人民网" loses "--文化--人民网"
// only on a page that names itself 人民网. A site suffix alone is not
// enough: Readability.js keeps it, and so must the pages it is measured on.
func confirmedCut(title, shown string, names []string) bool {
	i := strings.Index(title, shown)
	if i < 0 {
		return false
	}
	before, after := splitTitlePortal(title[:i]), splitTitlePortal(title[i+len(shown):])
	var outer []string
	if len(before) > 0 {
		outer = append(outer, before[0])
	}
	if len(after) > 0 {
		outer = append(outer, after[len(after)-1])
	}
	if len(outer) == 0 {
		return false
	}
	for _, o := range outer {
		if !slices.ContainsFunc(names, func(n string) bool { return sameName(n, o) }) {
			return false
		}
	}
	return true
}

// splitTitlePortal cuts a piece of a title at portal separators into its
// non-empty parts.
func splitTitlePortal(s string) []string {
	var parts []string
	for _, p := range rxPortalSep.Split(s, -1) {
		if p = strings.TrimSpace(p); p != "" {
			parts = append(parts, p)
		}
	}
	return parts
}
