package clip

import (
	"app.margin/margin/internal/text"

	"app.margin/margin/article"

	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// textCues is what a page says about itself in visible text near its title:
// the byline and date line that Chinese news sites and reposts print
// instead of (or as well as) metadata.
type textCues struct {
	source        article.Source // 来源: / 出处: / Originally published at
	authors       []string
	published     time.Time
	originalTitle string // 原标题
	lede          string // the summing-up paragraph under the title (findLede)
}

// Limits of the area read for cues: the lines around the main heading, not
// the body or the footer.
const (
	cueMaxNodes    = 40  // text nodes after the heading
	cueMaxRunes    = 600 // text read after the heading
	cueLongText    = 160 // a text node this long is the article body
	cueMaxBefore   = 6   // text nodes read before the heading
	cueMaxValueLen = 40  // a source or author name longer than this is prose
	cueSentence    = 30  // a text this long that ends a sentence is prose
)

// rxSentenceEnd finds the end of a sentence in prose.
var rxSentenceEnd = regexp.MustCompile(`[。！？；]|[.!?]\s`)

var (
	// Label, then the name up to white space or a separator.
	rxSourceCue = regexp.MustCompile(`(?:来源|出处|稿源|转载自|來源|出處)(?:\s*[:：]\s*|\s+|$)([^\s|｜丨/·•,，;；]*)`)
	rxAuthorCue = regexp.MustCompile(`(?:^|[\s|｜丨])(?:(?:作者|撰文|记者|作\s*者)(?:\s*[:：|｜丨]|\s)|文\s*[:：/／|｜丨])\s*([^\s|｜丨/·•;；]*)`)
	// Labels that end a cue value printed without a space before them
	// ("来源：新华社编辑：李四").
	rxNextLabel = regexp.MustCompile(`(?:责任编辑|编辑|作者|记者|时间|发布|日期|浏览|阅读|点击|来源)[:：]?`)
	rxOrigTitle = regexp.MustCompile(`原(?:文)?标题\s*[:：]\s*[《“"]?(.+?)[》”"]?\s*$`)
	// "Originally published at X", or a "Source:" label that opens the
	// line ("open-source software" names no source).
	rxEnSource = regexp.MustCompile(`(?i)(?:\boriginally (?:published|posted|appeared) (?:at|in|on|by)|\brepublished from|^source\s*:)\s*(.*)$`)
	// 2023-05-25 18:10:01, 2023/5/25, 2023.05.25 18:10
	rxNumDate = regexp.MustCompile(`(?:^|[^\d])((?:19|20)\d{2})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T\s]+` + weekdayMeridiem + `(\d{1,2})\s*[:：时]\s*(\d{2})(?:\s*[:：分]\s*(\d{2}))?)?(?:[^\d]|$)`)
	// What follows a date of a life, not of a page: "1975年1月28日出生于新加坡"
	// on an encyclopedia's page of a person, and the lunar date beside a
	// birthday in its infobox ("1975年1月28日（农历1974年腊月十七）").
	rxLifeEvent = regexp.MustCompile(`^[日号]?\s*[，,]?\s*(?:出生|生于|诞生|逝世|去世|病逝|辞世|卒于|born|died|[（(]\s*(?:农历|阴历|農曆|陰曆))`)
	// A label of another date than the page's right before a date (see
	// otherDateLabels).
	rxOtherDate = regexp.MustCompile(`(?:` + otherDateLabels + `)\s*[:：]?\s*$`)
	// 2023年05月25日 18:10, 2023年5月25日
	rxCJKDate = regexp.MustCompile(`((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日(?:\s*` + weekdayMeridiem + `(\d{1,2})\s*[:：时]\s*(\d{2})(?:\s*[:：分]\s*(\d{2}))?)?`)
	// Cue values that name no publisher.
	vagueSources = map[string]bool{"本站": true, "网络": true, "互联网": true, "原创": true, "未知": true, "网友投稿": true, "本网": true, "本站原创": true, "网络整理": true}
)

// findCues reads the cues around the page's main heading. title is the
// heading text to anchor on; loc is the zone for dates without one;
// withLede also looks for the lede under it (findLede).
func findCues(doc *html.Node, heading string, base *url.URL, loc *time.Location, withLede bool) textCues {
	var c textCues
	anchor := findHeading(doc, heading)
	if anchor == nil {
		return c
	}
	for _, t := range cueTexts(anchor) {
		c.read(t, base, loc)
	}
	if withLede {
		c.lede = findLede(anchor)
	}
	return c
}

// findHeading finds the element whose text is the page's main heading.
func findHeading(doc *html.Node, heading string) *html.Node {
	if heading == "" {
		return nil
	}
	var found *html.Node
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil && found == nil; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			if c.DataAtom == atom.H1 || c.DataAtom == atom.H2 {
				if text.CollapseSpace(text.Clean(textOf(c))) == heading {
					found = c
					return
				}
			}
			walk(c)
		}
	}
	walk(doc)
	return found
}

// cueText is a text node near the heading and the link it sits in or is
// followed by.
type cueText struct {
	text     string
	linkText string // text of the <a> right after the text node, if any
	href     string // that link, or the link around the text node
}

// cueTexts gathers the short texts around anchor in reading order: a few
// before it inside the heading's own container (a date above the title,
// not the navigation bar), and the line(s) after it, up to where the
// article body starts.
func cueTexts(anchor *html.Node) []cueText {
	var before []cueText
	scope := anchor.Parent
	for n := prevInOrder(anchor); n != nil && n != scope && len(before) < cueMaxBefore; n = prevInOrder(n) {
		if n.Type == html.ElementNode && (n.DataAtom == atom.Body || isHeading(n)) {
			break
		}
		if t, ok := makeCueText(n); ok {
			if utf8.RuneCountInString(t.text) > cueLongText {
				break
			}
			before = append(before, t)
		}
	}
	var out []cueText
	for i := len(before) - 1; i >= 0; i-- {
		out = append(out, before[i])
	}
	runes := 0
	for n := nextInOrder(anchor, true); n != nil && len(out) < cueMaxNodes+cueMaxBefore; n = nextInOrder(n, false) {
		if n.Type == html.ElementNode && isHeading(n) {
			break
		}
		t, ok := makeCueText(n)
		if !ok {
			continue
		}
		r := utf8.RuneCountInString(t.text)
		if r > cueLongText || (r >= cueSentence && rxSentenceEnd.MatchString(t.text)) {
			break // the article body has started
		}
		out = append(out, t)
		if runes += r; runes > cueMaxRunes {
			break
		}
	}
	return out
}

func makeCueText(n *html.Node) (cueText, bool) {
	if n.Type != html.TextNode || inSkipped(n) {
		return cueText{}, false
	}
	s := text.CollapseSpace(text.Clean(n.Data))
	if s == "" {
		return cueText{}, false
	}
	t := cueText{text: s}
	if a := ancestorLink(n); a != nil {
		t.href = article.Attr(a, "href")
	} else if a := nextLink(n); a != nil {
		t.linkText = text.CollapseSpace(text.Clean(textOf(a)))
		t.href = article.Attr(a, "href")
	}
	return t, true
}

// read applies the cue patterns to one text.
func (c *textCues) read(t cueText, base *url.URL, loc *time.Location) {
	s := simplifyLabels(t.text)
	if c.source.IsZero() {
		if m := rxSourceCue.FindStringSubmatchIndex(s); m != nil {
			name := s[m[2]:m[3]]
			if name == "" && t.linkText != "" {
				name = t.linkText
			}
			c.setSource(name, t, base)
		} else if m := rxEnSource.FindStringSubmatch(s); m != nil && len(s) < 80 {
			name := strings.TrimSpace(strings.TrimRight(m[1], "."))
			if name == "" {
				name = t.linkText
			}
			c.setSource(name, t, base)
		}
	}
	if len(c.authors) == 0 {
		if m := rxAuthorCue.FindStringSubmatch(" " + s); m != nil {
			name := strings.TrimSpace(m[1])
			if loc := rxNextLabel.FindStringIndex(name); loc != nil && loc[0] > 0 {
				name = name[:loc[0]]
			}
			if name != "" && utf8.RuneCountInString(name) <= cueMaxValueLen/2 {
				c.authors = splitNames(name)
			} else if name == "" && t.linkText != "" {
				c.authors = []string{t.linkText}
			}
		}
	}
	if c.originalTitle == "" {
		if m := rxOrigTitle.FindStringSubmatch(s); m != nil {
			c.originalTitle = strings.TrimSpace(m[1])
		}
	}
	if c.published.IsZero() {
		if d, ok := findDate(s, loc); ok {
			c.published = d
		}
	}
}

func (c *textCues) setSource(name string, t cueText, base *url.URL) {
	if loc := rxNextLabel.FindStringIndex(name); loc != nil && loc[0] > 0 {
		name = name[:loc[0]]
	}
	name = strings.Trim(name, " 　:：\"'“”《》【】[]()（）")
	if name == "" || vagueSources[name] || utf8.RuneCountInString(name) > cueMaxValueLen {
		return
	}
	c.source = article.Source{Name: name}
	if t.href != "" && (t.linkText == "" || t.linkText == name || t.text == name) {
		if u := resolve(t.href, base); u != "" {
			c.source.URL = u
		}
	}
}

// splitNames splits "张三、李四" or "A, B" into names.
func splitNames(s string) []string {
	var out []string
	for _, p := range strings.FieldsFunc(s, func(r rune) bool { return r == '、' || r == ',' || r == '，' }) {
		if p = strings.TrimSpace(p); p != "" {
			out = appendUnique(out, p)
		}
	}
	return out
}

// otherDateLabels label dates that are not a page's: a reference's access
// date (Baidu Baike's "[引用日期2017-07-19]", Wikipedia's "Retrieved 5 May
// 2020", "Abgerufen am"), a birth, a founding, a deadline, an event's time.
const otherDateLabels = `引用日期|访问日期|檢索日期|检索日期|出生日期|出生时间|逝世日期|成立日期|成立时间|上映日期|上映时间|截止日期|截止时间|有效期至|报名时间|举办时间|活动时间|开始时间|结束时间|(?i:retrieved|accessed|abgerufen\s+am|zugriff\s+am|consulté\s+le|consultado\s+el)`

// rxOtherDateLabel finds such a label anywhere in a text.
var rxOtherDateLabel = regexp.MustCompile(otherDateLabels)

// rxZhMonthDate is WordPress's "F jS, Y" date in Chinese: "十一月 6th,
// 2009", "三月 12, 2010" (a blog.alipay.com post, seen on no development
// page).
var rxZhMonthDate = regexp.MustCompile(`(^|[^〇零一二三四五六七八九十])(十[一二]?|[一二三四五六七八九])月\s*(\d{1,2})(?:st|nd|rd|th)?\s*[,，]\s*((?:19|20)\d{2})`)

// rxGMTClock is the label of a time given on Greenwich's clock, between a
// date and its time.
var rxGMTClock = regexp.MustCompile(`\s*[,，]?\s*格林(?:尼治|威治)(?:标准|標準)(?:时间|時間)\s*`)

// zhMonthNumbers are the Chinese month names' numbers.
var zhMonthNumbers = map[string]string{"一": "1", "二": "2", "三": "3", "四": "4", "五": "5", "六": "6",
	"七": "7", "八": "8", "九": "9", "十": "10", "十一": "11", "十二": "12"}

// zhMonthDate writes a date rxZhMonthDate matched as 2009年11月6日.
func zhMonthDate(m string) string {
	g := rxZhMonthDate.FindStringSubmatch(m)
	return g[1] + g[4] + "年" + zhMonthNumbers[g[2]] + "月" + g[3] + "日"
}

// weekdayMeridiem is what may stand between a date and its time: the
// weekday ("2019年9月7日 星期六 13:43") and the half of the day ("下午 1:43",
// read as 13:43 by findDate).
const weekdayMeridiem = `(?:(?:星期|周|礼拜)[一二三四五六日天]\s*)?(?:(?:上午|下午|晚上|中午|凌晨)\s*)?`

// rxAfternoon is a half of the day after noon.
var rxAfternoon = regexp.MustCompile(`下午|晚上|中午`)

// findDate finds the first date in s in one of the notations news pages
// print: 2023-05-25 18:10:01, 2023/5/25, 2023.05.25, 2023年05月25日 18:10.
func findDate(s string, loc *time.Location) (time.Time, bool) {
	if strings.Contains(s, "月") {
		s = rxZhMonthDate.ReplaceAllStringFunc(s, zhMonthDate)
	}
	if strings.Contains(s, "格林") && rxGMTClock.MatchString(s) {
		// "2012年12月10日, 格林尼治标准时间10:41" (BBC Chinese): the clock
		// is Greenwich's; the date is shown in loc.
		t, ok := findDate(rxGMTClock.ReplaceAllString(s, " "), time.UTC)
		return t.In(loc), ok
	}
	type hit struct {
		at int
		t  time.Time
	}
	var best *hit
	for _, rx := range []*regexp.Regexp{rxCJKDate, rxNumDate} {
		var m []int
		for _, c := range rx.FindAllStringSubmatchIndex(s, -1) {
			end := c[7] // after the day, or the time of day
			for _, g := range []int{11, 13} {
				if c[g] >= 0 {
					end = c[g]
				}
			}
			if !rxLifeEvent.MatchString(s[end:]) && !rxOtherDate.MatchString(s[:c[2]]) {
				m = c
				break
			}
		}
		if m == nil {
			continue
		}
		parts := make([]int, 6)
		for i := range parts {
			if a, b := m[2+2*i], m[3+2*i]; a >= 0 {
				parts[i], _ = strconv.Atoi(s[a:b])
			}
		}
		if m[8] >= 0 && parts[3] < 12 && rxAfternoon.MatchString(s[m[0]:m[1]]) {
			parts[3] += 12 // 下午 1:43
		}
		t, ok := makeDate(parts, loc)
		if ok && (best == nil || m[2] < best.at) {
			best = &hit{m[2], t}
		}
	}
	if best == nil {
		return time.Time{}, false
	}
	return best.t, true
}

// makeDate validates year, month, day, hour, minute, second.
func makeDate(p []int, loc *time.Location) (time.Time, bool) {
	y, mo, d, h, mi, sec := p[0], p[1], p[2], p[3], p[4], p[5]
	if mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || sec > 59 {
		return time.Time{}, false
	}
	t := time.Date(y, time.Month(mo), d, h, mi, sec, 0, loc)
	if t.Day() != d { // 2023-02-30
		return time.Time{}, false
	}
	return t, true
}

func isHeading(n *html.Node) bool { return article.HeadingLevel(n.DataAtom) > 0 }

// inSkipped reports text inside script, style and the like.
func inSkipped(n *html.Node) bool {
	for p := n.Parent; p != nil; p = p.Parent {
		if p.Type == html.ElementNode && (article.NeverText(p.DataAtom) || p.DataAtom == atom.Option) {
			return true
		}
	}
	return false
}

func ancestorLink(n *html.Node) *html.Node {
	for p, i := n.Parent, 0; p != nil && i < 3; p, i = p.Parent, i+1 {
		if p.Type == html.ElementNode && p.DataAtom == atom.A {
			return p
		}
	}
	return nil
}

// nextLink is the <a> right after text node n (allowing white space), also
// when n is the last text of a label element: <span>来源：</span><a>...</a>.
func nextLink(n *html.Node) *html.Node {
	for level := 0; n != nil && level < 2; level++ {
		for s := n.NextSibling; s != nil; s = s.NextSibling {
			if s.Type == html.TextNode && strings.TrimSpace(s.Data) == "" {
				continue
			}
			if s.Type == html.ElementNode && s.DataAtom == atom.A {
				return s
			}
			return nil
		}
		if p := n.Parent; p == nil || p.Type != html.ElementNode || !inlineLabel[p.DataAtom] {
			return nil
		}
		n = n.Parent
	}
	return nil
}

// inlineLabel are elements that wrap a cue's label.
var inlineLabel = map[atom.Atom]bool{atom.Span: true, atom.Em: true, atom.Strong: true, atom.B: true, atom.I: true, atom.Label: true, atom.Font: true}

// nextInOrder is the next node in document order; skipKids steps over n's
// subtree.
func nextInOrder(n *html.Node, skipKids bool) *html.Node {
	if !skipKids && n.FirstChild != nil {
		return n.FirstChild
	}
	for ; n != nil; n = n.Parent {
		if n.NextSibling != nil {
			return n.NextSibling
		}
	}
	return nil
}

// prevInOrder is the previous node in reverse document order, visiting a
// subtree's last descendants before the subtree itself.
func prevInOrder(n *html.Node) *html.Node {
	if n.PrevSibling == nil {
		return n.Parent
	}
	n = n.PrevSibling
	for n.LastChild != nil {
		n = n.LastChild
	}
	return n
}

// eachText calls f with the text of each text node in n (n itself when
// it is one), in order, leaving out elements that never show text.
func eachText(n *html.Node, f func(string)) {
	if n.Type == html.TextNode {
		f(n.Data)
		return
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		switch {
		case c.Type == html.TextNode:
			f(c.Data)
		case c.Type == html.ElementNode && !article.NeverText(c.DataAtom):
			eachText(c, f)
		}
	}
}

// textOf is the text content of n.
func textOf(n *html.Node) string {
	if n.Type == html.TextNode {
		return n.Data
	}
	var b strings.Builder
	eachText(n, func(s string) { b.WriteString(s) })
	return b.String()
}

// collapsedText is text.CollapseSpace(textOf(n)), built at once: the
// boilerplate rules read the text of every small element of a page.
func collapsedText(n *html.Node) string {
	var c text.SpaceCollapser
	eachText(n, c.WriteString)
	return c.String()
}
