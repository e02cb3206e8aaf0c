package clip

import (
	"app.margin/margin/article"
	"app.margin/margin/internal/text"

	"net"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/publicsuffix"
	"golang.org/x/text/unicode/norm"
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

// nameKey folds a name for comparison: lower case, no marks, no spaces or
// punctuation ("André Loibl" and the address's "andre-loibl" are one).
func nameKey(s string) string {
	var b strings.Builder
	for _, r := range norm.NFKD.String(strings.ToLower(s)) {
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
	portalLongTitle     = 8  // a shown title this long is no section name
)

// shownTitle is the part of a portal's <title> that the page shows as its
// heading, a line of its own outside links (shown holds such lines, white
// space removed): "X_网易科技" is "X" when the page shows X. The parts cut
// off must be short, as channel and site names are. "" when no part is
// shown so.
func shownTitle(title string, shown map[string]bool) string {
	title = withoutSoftwareCredit(title)
	seps := rxPortalSep.FindAllStringIndex(title, -1)
	// cuts are where the title may start and end: its ends and its
	// separators. When the page shows the whole <title> too, a space is
	// a word's end inside the heading, not a separator.
	whole := shown[noSpaces(title)]
	starts, ends := []int{0}, []int{len(title)}
	for _, s := range seps {
		if s[0] > 0 && s[1] < len(title) && !(whole && strings.TrimSpace(title[s[0]:s[1]]) == "") {
			starts = append(starts, s[1])
			ends = append(ends, s[0])
		}
	}
	best := ""
	for _, a := range starts {
		for _, b := range ends {
			// The whole <title> may be shown too (a share box repeats it,
			// xinhuanet.com in trafilatura's comparison set); the heading is
			// a part of it.
			if b <= a || a == 0 && b == len(title) {
				continue
			}
			x := title[a:b]
			if len(x) <= len(best) || !shown[noSpaces(x)] || utf8.RuneCountInString(x) < 4 {
				continue
			}
			n, cut := utf8.RuneCountInString(x), utf8.RuneCountInString(title)-utf8.RuneCountInString(x)
			// The title is the larger part: a short shown line ("新闻动态")
			// is a section's name, not the article's.
			// A title as long as the names cut is taken when it is long
			// enough not to be a section's name ("_中南海_澎湃新闻-The
			// Paper" beside a 17-character title).
			if cutOK(title[:a]) && cutOK(title[b:]) && cut <= portalExtraMaxRunes && (n >= cut || n >= portalLongTitle && 2*n >= cut) {
				best = x
			}
		}
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
// removed, where a heading would be, and runs of up to headingMaxLines of
// them joined: a long heading broken with <br>s ("全国人民代表大会常务委员会<br>
// 关于批准…<br>调整…的决议", other-1 of zh-dev) is one heading.
func shownLines(lines []pageLine) map[string]bool {
	shown := map[string]bool{}
	headingRuns(lines, func(_, _ int, joined string) bool {
		shown[joined] = true
		return true
	})
	return shown
}

// headingMaxLines is the most lines one heading is read across.
const headingMaxLines = 3

// headingRuns calls f, in order of i then n, with each run of n lines
// from i (n up to headingMaxLines) that are outside links and hold 120
// characters at most, white space removed, joined; it stops when f
// returns false.
func headingRuns(lines []pageLine, f func(i, n int, joined string) bool) {
	keys := make([]string, len(lines))
	for i, l := range lines {
		if !l.linkOnly {
			keys[i] = noSpaces(l.text)
		}
	}
	for i := range lines {
		j := ""
		for n := 1; n <= headingMaxLines && i+n <= len(lines) && !lines[i+n-1].linkOnly; n++ {
			if j += keys[i+n-1]; utf8.RuneCountInString(j) > 120 {
				break
			}
			if !f(i, n, j) {
				return
			}
		}
	}
}

// holdsHeading reports a title that holds the whole text of one of the
// page's headings of the top three levels, linked or not (a blog's heading
// links to the post): its article's headline, however short, is no
// section's name. A breadcrumb heading ("首页 - 新闻动态") is not held by
// the section's name alone.
func holdsHeading(title string, lines []pageLine) bool {
	return heldHeading(lines, title) >= 0
}

// heldHeading is the index of the first line of a top heading whose whole
// text (white space removed, headingMinRunes at least) title holds; -1
// when none is.
func heldHeading(lines []pageLine, title string) int {
	key := noSpaces(title)
	for i, l := range lines {
		if !isTopHeading(l) {
			continue
		}
		if h := noSpaces(l.text); utf8.RuneCountInString(h) >= headingMinRunes && strings.Contains(key, h) {
			return i
		}
	}
	return -1
}

// isTopHeading reports a line that ends in a heading element of the top
// three levels.
func isTopHeading(l pageLine) bool {
	if l.block == nil || l.block.Type != html.ElementNode {
		return false
	}
	level := article.HeadingLevel(l.block.DataAtom)
	return level >= 1 && level <= 3
}

// confirmedCut reports whether the parts of title around shown end (or,
// before it, start) with a name the page confirms as its own (see
// portalNames.confirms): "X--文化--人民网" loses "--文化--人民网" on a page
// that declares itself 人民网, shows the name elsewhere or prints it in its
// copyright line. The channel names between the title and the site go with
// the site ("X_科技_腾讯网"), as issue 13 asks (`__商贸_产业资讯_新浪网`) and
// as the readers who wrote the zh-dev truth read these titles; Readability.js
// keeps them, and the Mozilla pages where that differs are listed in
// mozillaTitleDeviations.
func confirmedCut(title, shown string, names portalNames) bool {
	title = withoutSoftwareCredit(title)
	i := strings.Index(title, shown)
	if i < 0 {
		return false
	}
	before, after := splitTitlePortal(title[:i]), splitTitlePortal(title[i+len(shown):])
	// Each side cut must hold a name the page confirms: at its outer end
	// as most portals put the site, or inside it when a section follows
	// the site ("X - BBC中文网 - 两岸三地").
	for _, side := range [][]string{before, after} {
		if len(side) > 0 && !slices.ContainsFunc(side, names.confirms) {
			return false
		}
	}
	return len(before)+len(after) > 0
}

// portalNames is what a page says about its own name, to confirm a site
// name cut from its <title>.
type portalNames struct {
	declared []string // its declared site name, publisher, logo
	names    []string // the owners its copyright lines name
	// elsewhere is the page's text outside the title's own lines, white
	// space removed: navigation, breadcrumbs, source lines, footers.
	elsewhere string
}

// newPortalNames gathers the names of a page whose lines show the title
// shown and whose copyright lines name owners.
func newPortalNames(declared, owners []string, lines []pageLine, shown string) portalNames {
	key := noSpaces(shown)
	var b strings.Builder
	for _, l := range lines {
		if t := noSpaces(l.text); !strings.Contains(t, key) {
			b.WriteString(t)
			b.WriteByte('\n')
		}
	}
	return portalNames{declared: declared, names: owners, elsewhere: b.String()}
}

// rxSiteShaped is a part of a title shaped as a site's name: a domain
// ("CSDN.NET", "cjn.cn"), or a Chinese name ending in 网 or 网站
// ("中山网", "中国载人航天官方网站"), as seen on the zh-dev portal pages.
var rxSiteShaped = regexp.MustCompile(`(?i)^[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|net|org|cn|gov|edu|info|tv)(?:\.[a-z]{2})?$|^\p{Han}{2,}(?:网|网站)$`)

// confirms reports whether the page confirms part as its own name or a
// channel's: it declares or
// shows the name (a logo, a copyright line, a breadcrumb "人民网 >> 文化",
// a source line "来源：证券时报网"), the part is shaped as a site's name, or
// it shares its brand with the copyright's owner ("网易订阅" on a page
// "网易公司版权所有").
func (p portalNames) confirms(part string) bool {
	same := func(n string) bool { return sameName(n, part) }
	if slices.ContainsFunc(p.declared, same) || slices.ContainsFunc(p.names, same) || rxSiteShaped.MatchString(part) {
		return true
	}
	key := noSpaces(part)
	if utf8.RuneCountInString(key) < 2 {
		return false
	}
	if strings.Contains(p.elsewhere, key) {
		return true
	}
	brand := []rune(key)[:2]
	if !text.IsCJK(brand[0]) || !text.IsCJK(brand[1]) {
		return false
	}
	return slices.ContainsFunc(p.names, func(n string) bool { return strings.HasPrefix(n, string(brand)) })
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

// namesOnly reports whether a <title> is only names the page confirms as
// its section's and its own ("新闻动态--中国地理学会官网" on a page whose
// breadcrumb reads "首页 - 新闻动态": gsc-1 of zh-dev), each as short as
// such names are.
func namesOnly(title string, names portalNames, lines []pageLine) bool {
	if holdsHeading(title, lines) {
		return false
	}
	parts := splitTitlePortal(title)
	return len(parts) > 0 && !slices.ContainsFunc(parts, func(p string) bool {
		return utf8.RuneCountInString(p) > portalPartMaxRunes || !names.confirms(p)
	})
}

// rxSoftwareCredit is the credit forum and blog software appends to every
// <title> ("… - 某某论坛 - Powered by Discuz!"): no part of the title and no
// site name.
var rxSoftwareCredit = regexp.MustCompile(`(?i)(\S)\s*(?:[-_|｜—–·]\s*)?powered by\s+[^-_|｜—–·:：]*$`)

// withoutSoftwareCredit is title without its software's credit.
func withoutSoftwareCredit(title string) string {
	return rxSoftwareCredit.ReplaceAllString(title, "$1")
}

// leavesTitles reports a page language whose references title an article
// by its heading alone, without the site's name: not English, where
// Readability.js keeps the declared title on Mozilla's pages, and not
// Chinese, Japanese or Korean, whose portals have their own rule
// (confirmedCut), nor an undeclared one.
func leavesTitles(lang string) bool {
	switch baseLang(lang) {
	case "", "en", "zh", "ja", "ko":
		return false
	}
	return true
}

// titleAsideMaxWords is the most words the parts of a title beside its
// heading may hold to be the site's name and sections.
const titleAsideMaxWords = 8

// headingOfTitle is the page's heading when the title is that heading and
// parts beside it after a separator ("Faire Lieferketten - Evangelisches
// Jugendwerk in Württemberg (ejw)", "Blog | Heaven Blue"), on pages in a
// language whose references leave titles to the heading; "" otherwise.
// Readability.js keeps such titles as the page declares them on Mozilla's
// English pages, and Chinese portals have their own rule (confirmedCut).
// Provenance: go-trafilatura's comparison set, whose German, Italian and
// Spanish blogs and sites titled most pages "Heading - Site".
func headingOfTitle(title, h1, lang string) string {
	if !leavesTitles(lang) || h1 == "" || title == h1 {
		return ""
	}
	for _, before := range []bool{false, true} {
		outer, between, ok := besideHeading(title, h1, before)
		if !ok {
			continue
		}
		words := len(strings.Fields(outer))
		for _, p := range between {
			words += len(strings.Fields(p))
		}
		if words <= titleAsideMaxWords {
			return h1
		}
	}
	return ""
}

// rxTrailingSep is a separator that ends a title with nothing after it
// ("Pferdesport … dabei -"), where a template printed an empty site name.
// (Not "»", which closes a quote as often: « … ».)
var rxTrailingSep = regexp.MustCompile(`\s+[-|–—·/]+$`)

// withoutSiteName is title without the site's name after its last
// separators ("Netzpolitik als US-Wahlkampfthema - Netz Für Alle",
// "… | AOC media - Analyse Opinion Critique"), on pages in a language whose
// references leave titles to the article, as headingOfTitle: the part cut
// off must be one of names (what the page calls itself: og:site_name, the
// publisher, its logo) or a name for the registrable domain of host
// ("La Stampa" on lastampa.it, "homify" on homify.de), or end a name that
// holds separators itself ("BMBF" of "Bundesministerium für Bildung und
// Forschung - BMBF"). The rest must keep a letter. It returns title
// otherwise.
// Provenance: go-trafilatura's comparison set: its German, French and
// Italian pages kept "Title - Site" in 42 title misses, most with no <h1>
// for headingOfTitle to match (13 of them right now, no right title lost).
func withoutSiteName(title string, names []string, host string) string {
	title = rxTrailingSep.ReplaceAllString(title, "")
	domain := domainName(host)
	// The longest tail that names the site goes, so that a name with a
	// separator of its own goes whole.
	for _, sep := range rxTitleSep.FindAllStringIndex(title, -1) {
		head, tail := strings.TrimSpace(title[:sep[0]]), strings.TrimSpace(title[sep[1]:])
		if !strings.ContainsFunc(head, unicode.IsLetter) || namesSite(head, names, domain) || isDomain(head, domain) {
			// What is left would be the site's name itself
			// ("example.de // » Jens Weber").
			continue
		}
		if namesSite(tail, names, domain) {
			return head
		}
	}
	return title
}

// isDomain reports whether s is the domain written out with its ending
// ("mediaarchitecture.de //").
func isDomain(s, domain string) bool {
	key := nameKey(s)
	return domain != "" && strings.HasPrefix(key, domain) && len(key)-len(domain) <= len("comcn")
}

// namesSite reports whether part is one of names, ends one of them after a
// separator, or is domain spelled as words.
func namesSite(part string, names []string, domain string) bool {
	key := nameKey(part)
	if key == "" {
		return false
	}
	if key == domain {
		return true
	}
	for _, n := range names {
		if sameName(part, n) {
			return true
		}
		if parts := splitTitle(n); len(parts) > 1 && sameName(part, parts[len(parts)-1]) {
			return true
		}
	}
	return false
}

// domainName is host's registrable domain without its public suffix,
// folded as nameKey folds names: "www.la-stampa.it" -> "lastampa". "" for
// an IP address or a host with no registrable domain.
func domainName(host string) string {
	site := siteOf(host)
	if site == "" || net.ParseIP(site) != nil {
		return ""
	}
	suffix, _ := publicsuffix.PublicSuffix(site)
	if suffix == site {
		return ""
	}
	return nameKey(strings.TrimSuffix(site, "."+suffix))
}
