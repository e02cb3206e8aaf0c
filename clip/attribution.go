package clip

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"app.margin/margin/article"
	"app.margin/margin/internal/text"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Extent of the areas read for credits, in lines.
const (
	creditLinesAfter  = 12 // lines under it, up to where the body starts
	creditFirstBlocks = 8  // the article's first blocks, read for a byline line
	creditEndBefore   = 8  // lines before the article's last line
	creditEndAfter    = 8  // lines after it (the credit box under an article)
	// creditEndAfterLinks bounds the lines read after it, links included
	// (people.com.cn lists related articles above its 责任编辑 line).
	creditEndAfterLinks = 32
)

// findCredits reads the credits a page shows in visible text around the
// article: lines are the page's lines, h the heading's line (-1 when
// unknown), last the line the article's text ends on (see articleEnd),
// body the article's blocks of text as extracted. Writers are taken from
// the first place that names any, in the order a reader looks for them
// (the lines under the title, the first paragraph's bracketed credit, the
// lines at the article's end, a name in brackets closing the text, an
// unlabelled account or outlet name beside the date); editors from all.
func findCredits(lines []pageLine, h, last int, body []string) credits {
	var near, first, end credits
	var accounts []string
	var outlet string
	top := dateAbove(lines, h)
	if h >= 0 {
		// Lines above the heading are the site's header, not the byline.
		for i := h + 1; i < len(lines) && i <= h+creditLinesAfter; i++ {
			l := lines[i].text
			if isProse(l) {
				break
			}
			near.readLine(l)
			next := nextCreditLine(lines, i)
			// An account with a follow button may sit further down, under
			// the date and the font-size bar (thepaper-2 of zh-dev).
			if i <= h+6 || rxFollowButton.MatchString(next) {
				names, out := unlabelledByline(l, next)
				// The title may stand between the date line above it and
				// the outlet under it ("2020-01-03 18:13", title, "新华社");
				// only an outlet is read so, not a line of page furniture.
				if i == h+1 && top >= 0 && len(names) == 0 && out == "" {
					_, out = unlabelledByline(l, lines[top].text)
				}
				if len(accounts) == 0 {
					accounts = names
				}
				if outlet == "" {
					outlet = out
				}
			}
		}
	}
	// Some sites print the date line, with the outlet or the writer, right
	// above the title: a line there that holds a date is the article's,
	// not the site's header (read after the lines under the title, which
	// win).
	// The info block may be a few lines: the date, then "来源：X".
	if top >= 0 {
		for i := top; i < h; i++ {
			l := lines[i].text
			if lines[i].linkOnly || isProse(l) {
				continue
			}
			near.readLine(l)
			names, out := unlabelledByline(l, "")
			if len(accounts) == 0 {
				accounts = names
			}
			if outlet == "" {
				outlet = out
			}
		}
	}
	// The first paragraph's bracket ("新华社北京2月13日电（记者 X）"), or a
	// byline line among the first blocks (after a summary box).
	for i, b := range body {
		if i >= creditFirstBlocks {
			break
		}
		if i < 2 {
			first.readBrackets(b)
		}
		first.readLine(b)
	}
	// Editors' lines also sit inside the article, between its parts.
	var mid credits
	for i := h + 1; h >= 0 && i < last && i < len(lines); i++ {
		if rxEditorLine.MatchString(simplifyLabels(lines[i].text)) {
			mid.readLine(lines[i].text)
		}
	}
	// The article's own last blocks first, then the lines around its end
	// on the page (the credit box under it).
	for i := max(0, len(body)-3); i < len(body); i++ {
		end.readLine(body[i])
		end.readBrackets(body[i])
	}
	for _, l := range endLines(lines, h, last) {
		end.readLine(l)
		end.readBrackets(l)
	}
	var signed []string
	// The signature may sit above a button or two the extractor kept.
	for i := len(body) - 1; i >= 0 && i >= len(body)-3 && signed == nil; i-- {
		if m := rxSignature.FindStringSubmatch(body[i]); m != nil && personName(m[1]) {
			signed = []string{m[1]}
		}
	}
	var c credits
	for _, a := range [][]string{near.authors, first.authors, end.authors, signed, accounts} {
		if len(a) > 0 {
			c.authors = a
			break
		}
	}
	for _, e := range [][]string{near.editors, first.editors, mid.editors, end.editors} {
		c.editors = appendUnique(c.editors, e...)
	}
	for _, s := range []string{near.source, end.source, outlet} {
		if s != "" && !slices.Contains(c.sources, s) {
			c.sources = append(c.sources, s)
		}
	}
	// A photographer is the author only of a page that credits no one
	// else: a photo story ("摄影：张华" alone under the title).
	if len(c.authors) == 0 && len(c.editors) == 0 {
		for _, p := range [][]string{near.photos, first.photos, end.photos} {
			if len(p) > 0 {
				c.authors = p
				break
			}
		}
	}
	// Old portals print a reporter's name after 来源 ("来源: 尹娟").
	if len(c.authors) == 0 && len(c.sources) > 0 && personName(c.sources[0]) {
		c.authors, c.sources = c.sources[:1], c.sources[1:]
	}
	return c
}

// dateAbove is the first of the lines right above the heading h (up to
// dateAboveLines of them, none a link or prose, all in the heading's own
// container: a date in the site's header bar is not the article's) that
// holds a date; -1 when none does.
func dateAbove(lines []pageLine, h int) int {
	top := -1
	var box *html.Node // the heading's container
	if h > 0 && lines[h].block != nil {
		box = lines[h].block.Parent
		// A wrapper that holds only the heading is not its container.
		for box != nil && box.Parent != nil && noSpaces(textOf(box)) == noSpaces(lines[h].text) {
			box = box.Parent
		}
	}
	for i := h - 1; h > 0 && i >= 0 && i >= h-dateAboveLines; i-- {
		if lines[i].linkOnly || isProse(lines[i].text) || box != nil && !inside(lines[i].block, box) {
			break
		}
		if _, ok := findDate(lines[i].text, time.UTC); ok {
			top = i
		}
	}
	return top
}

// inside reports whether n is box or inside it.
func inside(n, box *html.Node) bool {
	for ; n != nil; n = n.Parent {
		if n == box {
			return true
		}
	}
	return false
}

// dateAboveLines is how many lines above the heading are read for its
// date line.
const dateAboveLines = 3

// nextCreditLine is the line after lines[i] that says what lines[i] is,
// past a tag ("楼主" between a forum post's writer and its "发表于" line)
// and a writer's short bio ("后端工程师" between a column's writer and the
// follow button): a date line or a follow button after one of them counts
// as if it came right after.
func nextCreditLine(lines []pageLine, i int) string {
	if i+1 >= len(lines) {
		return ""
	}
	next := lines[i+1].text
	if i+2 < len(lines) && !rxDateLine.MatchString(simplifyLabels(next)) && !rxFollowButton.MatchString(next) {
		after := lines[i+2].text
		tag := nonNames[next]
		bio := utf8.RuneCountInString(next) <= bioMaxRunes && !strings.ContainsAny(next, "0123456789") && rxFollowButton.MatchString(after)
		if tag && (rxDateLine.MatchString(simplifyLabels(after)) || rxFollowButton.MatchString(after)) || bio {
			return after
		}
	}
	return next
}

// bioMaxRunes is the longest line read as a writer's bio between the name
// and its follow button.
const bioMaxRunes = 30

// articleEnd is the index of the line the article's last block ends on,
// after the heading's line h when that is known; -1 when not found.
func articleEnd(lines []pageLine, h int, body []string) int {
	if len(body) == 0 {
		return -1
	}
	tail := tailRunes(body[len(body)-1], 16)
	if last := lineWith(lines, max(0, h), tail); last >= 0 {
		return last
	}
	return lineWith(lines, 0, tail)
}

// endLines are the lines around the article's end (last), where credit
// boxes sit, up to the site's footer.
func endLines(lines []pageLine, h, last int) []string {
	if last < 0 {
		return nil
	}
	var out []string
	after := 0 // text lines after the last: a list of related links
	// between the article and its credit box does not count
	for i := max(h, last-creditEndBefore, 0); i < len(lines) && after <= creditEndAfter && i <= last+creditEndAfterLinks; i++ {
		if rxFooterCue.MatchString(lines[i].text) {
			break
		}
		if !lines[i].linkOnly {
			out = append(out, lines[i].text)
			if i > last {
				after++
			}
		}
	}
	return out
}

// findDateLine is the date a Chinese page shows for its article: the first
// date on the lines under the heading h, up to where the body starts (a
// date line there is the article's, where dates further down belong to
// comments, related links and footers); else one right above the heading;
// else a labelled date (发布时间, 发布日期, 时间, 日期) on the lines at the
// article's end (last), or in a notice's table above the heading.
func findDateLine(lines []pageLine, h, last int, loc *time.Location) (time.Time, bool) {
	if h >= 0 {
		for i := h + 1; i < len(lines) && i <= h+creditLinesAfter; i++ {
			l := simplifyLabels(lines[i].text)
			if isProse(l) {
				break
			}
			if t, ok := findDate(l, loc); ok {
				return t, true
			}
			if t, ok := shortYearDate(l, loc); ok {
				return t, true
			}
			if t, ok := splitDate(lines[i:min(i+3, len(lines))], loc); ok {
				return t, true
			}
		}
	}
	// A date line right above the title (see dateAbove).
	if top := dateAbove(lines, h); top >= 0 {
		return findDate(simplifyLabels(lines[top].text), loc)
	}
	for _, l := range endLines(lines, h, last) {
		if t, ok := labelledDate(simplifyLabels(l), loc); ok {
			return t, true
		}
	}
	return labelledDateAbove(lines, h, loc)
}

// labelledDateAbove is a labelled date in the lines just above the heading
// h, where a government notice prints its table of facts (发布机构, 成文日期,
// 发布日期, each label and value in its own cell): the publishing date
// (a 发布 label) over the date the document was written.
func labelledDateAbove(lines []pageLine, h int, loc *time.Location) (time.Time, bool) {
	var found time.Time
	for i := h - 1; i >= 0 && i >= h-creditLinesAfter; i-- {
		l := simplifyLabels(lines[i].text)
		m := rxDateLabel.FindStringIndex(l)
		if m == nil || m[0] != 0 {
			continue
		}
		if strings.TrimSpace(l[m[1]:]) == "" && i+1 < h {
			l += " " + lines[i+1].text // the value in the next cell
		}
		t, ok := labelledDate(l, loc)
		if !ok {
			continue
		}
		if strings.Contains(l[:m[1]], "发布") {
			return t, true
		}
		if found.IsZero() {
			found = t
		}
	}
	return found, !found.IsZero()
}

// labelledDate is the date after a date label on line l: "发布时间：
// 2019-09-07", and without the colon when the date follows the label
// ("发表于 2019-09-07 13:43" on forums, "编辑于 2021-03-04" on columns).
func labelledDate(l string, loc *time.Location) (time.Time, bool) {
	m := rxDateLabel.FindStringSubmatchIndex(l)
	if m == nil || rxOtherDate.MatchString(l[:m[1]]) {
		// (日期 ends 引用日期, a reference's access date.)
		return time.Time{}, false
	}
	rest := l[m[1]:]
	if m[2] < 0 && (rest == "" || rest[0] < '0' || rest[0] > '9') {
		return time.Time{}, false
	}
	return findDate(rest, loc)
}

// rxYearlessDate is a month, day and time without the year, as self-media
// pages print them under the title ("发布时间：09-30 22:46").
var rxYearlessDate = regexp.MustCompile(`(?:^|[^\d/.-])(\d{1,2})-(\d{1,2})\s+(\d{1,2}):(\d{2})(?:[^\d:]|$)`)

// yearlessDateLine reads a date line under the heading h that gives no
// year, when ref (the date in the page's address) names the same month and
// day: the year is ref's, the time the line's. A year-less date the address
// does not confirm may be last year's, or a comment's.
func yearlessDateLine(lines []pageLine, h int, ref time.Time, loc *time.Location) (time.Time, bool) {
	if h < 0 || ref.IsZero() {
		return time.Time{}, false
	}
	for i := h + 1; i < len(lines) && i <= h+creditLinesAfter; i++ {
		l := lines[i].text
		if isProse(l) {
			break
		}
		m := rxYearlessDate.FindStringSubmatch(l)
		if m == nil {
			continue
		}
		t, ok := dateFrom([]string{"", strconv.Itoa(ref.Year()), m[1], m[2], m[3], m[4]}, 0, loc)
		if ok && sameDay(t, ref, loc) {
			return t, true
		}
	}
	return time.Time{}, false
}

// looseDateLine is a line under the heading h that is only a date, past
// where findDateLine stops: a gallery shows its first caption above the
// date (toutiao-2 of zh-dev). It is weaker evidence, taken only when the
// page gives no other date.
func looseDateLine(lines []pageLine, h int, loc *time.Location) (time.Time, bool) {
	if h < 0 {
		return time.Time{}, false
	}
	for i := h + 1; i < len(lines) && i <= h+creditLinesAfter; i++ {
		if l := lines[i].text; !lines[i].linkOnly && rxDateAlone.MatchString(l) {
			return findDate(l, loc)
		}
	}
	return time.Time{}, false
}

// dateLabels are the labels a date line opens with: 发布时间 on news pages,
// 发表于 on forums, 编辑于 and 发布于 on columns, 更新时间 on Taiwan and
// Hong Kong news (in simplified characters: see simplifyLabels), 发文日期
// and 成文日期 on government notices.
const dateLabels = `发布时间|发布日期|发稿时间|发表时间|更新时间|发文日期|成文日期|时间|日期|发表于|编辑于|发布于|更新于`

// rxDateAlone is a line that is a full date and nothing else.
var rxDateAlone = regexp.MustCompile(`^` + bylineDate + `$`)

var (
	rxDateLabel = regexp.MustCompile(`(?:` + dateLabels + `)(?:\s*([:：])\s*|\s*)`)
	// A two-digit year after a date label: "发布时间：18-03-08 23:16".
	rxShortYearDate = regexp.MustCompile(`(?:发布时间|发布日期|发稿时间)(?:\s*[:：]\s*|\s+)(\d{2})-(\d{1,2})-(\d{1,2})(?:\s*(\d{1,2}):(\d{2}))?(?:[^\d]|$)`)
	// A date printed in pieces, one element each: "2019", "09 / 07", "19 : 02".
	rxSplitDate = regexp.MustCompile(`^((?:19|20)\d{2})\s+(\d{1,2})\s*/\s*(\d{1,2})(?:\s+(\d{1,2})\s*:\s*(\d{2}))?$`)
)

// shortYearDate reads a labelled date with a two-digit year, taken in this
// century.
func shortYearDate(s string, loc *time.Location) (time.Time, bool) {
	return dateFrom(rxShortYearDate.FindStringSubmatch(s), 2000, loc)
}

// splitDate reads a date whose year, day and time are separate lines.
func splitDate(lines []pageLine, loc *time.Location) (time.Time, bool) {
	var parts []string
	for _, l := range lines {
		if utf8.RuneCountInString(l.text) > 8 {
			break
		}
		parts = append(parts, l.text)
	}
	if len(parts) < 2 {
		return time.Time{}, false
	}
	for n := len(parts); n >= 2; n-- {
		if t, ok := dateFrom(rxSplitDate.FindStringSubmatch(strings.Join(parts[:n], " ")), 0, loc); ok {
			return t, true
		}
	}
	return time.Time{}, false
}

// dateFrom makes a date of a match's year, month, day, hour and minute
// groups; century is added to the year.
func dateFrom(m []string, century int, loc *time.Location) (time.Time, bool) {
	if m == nil {
		return time.Time{}, false
	}
	p := make([]int, 6)
	for i := 0; i < 5 && i+1 < len(m); i++ {
		p[i], _ = strconv.Atoi(m[i+1])
	}
	p[0] += century
	return makeDate(p, loc)
}

// rxSignature is a reporter's name in brackets closing the article's last
// paragraph: "…在巴西、乌拉圭、阿根廷举行。（张巨峰）".
var rxSignature = regexp.MustCompile(`[（(]\s*(\p{Han}{2,3})\s*[)）]\s*$`)

// rxEditorLine is a line that opens with an editor's label.
// A writer's credit may open it ("作者：未知 责任编辑：棒棒不是糖",
// gamersky of zh-dev; "文/未知 责任编辑：…" as other sites label writers).
// The label may follow a separator ("| 责任编辑：X"), and an unambiguous
// label may take a space for its colon ("责任编辑　X").
var rxEditorLine = regexp.MustCompile(`^[\s(（【\[|｜丨/／·•]*(?:(?:作者|撰文|文|来源)(?:\s*[:：/／|｜丨]|\s)[^:：]{0,20}\s+)?(?:(?:责任编辑|责编|审核|审稿|编审)(?:\s*[:：|｜丨/／]|\s+[^\s\d])|编辑\s*[:：|｜丨/／])`)

// rxFooterCue starts a site's footer, where a 来源 names no article's source.
var rxFooterCue = regexp.MustCompile(`(?i)copyright|版权所有|©|ICP备|公网安备`)

// isProse reports a line that is the article's text, not a byline: long, or
// a sentence.
func isProse(s string) bool {
	r := utf8.RuneCountInString(s)
	return r > cueLongText || (r >= cueSentence && rxSentenceEnd.MatchString(s))
}

// tailRunes is the last n code points of s, white space removed.
func tailRunes(s string, n int) string {
	s = noSpaces(s)
	for i := len(s); i > 0; {
		_, size := utf8.DecodeLastRuneInString(s[:i])
		i -= size
		if n--; n == 0 {
			return s[i:]
		}
	}
	return s
}

// Dates as bylines print them: 2019-09-08 11:42:03, 2019年09月11日 07:48.
// A weekday may follow the date ("2019年9月7日 星期六").
const bylineDate = `(?:(?:19|20)\d{2}[-/.]\d{1,2}[-/.]\d{1,2}|(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日)(?:\s*(?:星期|周)[一二三四五六日天])?(?:\s*\d{1,2}:\d{2}(?::\d{2})?)?`

// bylineSep is what sites put between a name and the date: "张三 | 2019-09-07",
// "2019-09-07 丨 新京报".
const bylineSep = `(?:[·•|｜丨/／]\s*)?`

var (
	// An account before its date: "原创 GameForce 2019-09-04 22:18:34".
	rxNameDate = regexp.MustCompile(`^(?:原创\s+)?([^\s\d:：|｜丨/／·•]+)\s+` + bylineSep + bylineDate + `$`)
	// A date, then the names or outlet: "2019-05-17 · 苏皖城市报道".
	rxDateName = regexp.MustCompile(`^` + bylineDate + `\s*` + bylineSep + `([^\d:：|｜丨/／]+)$`)
	// Writers who report: "王建宏 张文攀 报道" (as the issue lists it).
	rxNamesReport = regexp.MustCompile(`^([^\d:：|｜()（）]{2,30}?)\s+报道$`)
	// A writer and the outlet: "石佳/中国青年报".
	rxNameOutlet = regexp.MustCompile(`^([^\s/／]{2,8})\s*[/／]\s*([^\s/／]{2,16})$`)
	// What follows a self-media account's name under the title: a follow
	// button (澎湃号, 头条号: "中国广州发布" then "关注", seen on thepaper-2
	// and toutiao-2 of zh-dev; a column's "关注他") or the WeChat id ("爱否科技" then "微信号
	// FViewXFG", wechat-1).
	rxFollowButton = regexp.MustCompile(`^[+＋]?\s*(?:关注|订阅)(?:他|她|TA|Ta|ta|作者)?$|^微信号\s*[:：]?\s*[\w-]+$`)
	// A request that leads to a follow button ("更多精彩内容请" 关注).
	rxFollowLead = regexp.MustCompile(`(?:请|欢迎|点击|长按|扫码|扫描)$`)
	// A line that starts with a date or a date label.
	rxDateLine = regexp.MustCompile(`^[\s|｜丨/／·•]*(?:(?:` + dateLabels + `)(?:\s*[:：]|\s*\d)|` + bylineDate + `)`)
)

// unlabelledByline reads a line under the title that names the writer or
// account, or the outlet, without a label: beside the date, alone on the
// line above the date line or a follow button (next), or as writer/outlet. Names that read as
// an outlet are returned as the outlet.
func unlabelledByline(line, next string) (names []string, outlet string) {
	line, next = simplifyLabels(line), simplifyLabels(next)
	var value string
	switch {
	case rxNameOutlet.MatchString(line):
		m := rxNameOutlet.FindStringSubmatch(line)
		if looksLikeOutlet(m[2]) {
			if n, ok := creditName(m[1]); ok {
				return []string{n}, m[2]
			}
		}
		return nil, ""
	case rxNamesReport.MatchString(line):
		value = rxNamesReport.FindStringSubmatch(line)[1]
	case rxNameDate.MatchString(line):
		value = rxNameDate.FindStringSubmatch(line)[1]
	case rxDateName.MatchString(line):
		value = rxDateName.FindStringSubmatch(line)[1]
	case !strings.ContainsAny(line, " :：") && rxDateLine.MatchString(next) && !rxDateLine.MatchString(line):
		value = line
	case !strings.ContainsAny(line, " :：") && rxFollowButton.MatchString(next) && !rxFollowLead.MatchString(line):
		value = line
	default:
		return nil, ""
	}
	value = strings.TrimSpace(value)
	if f := strings.Fields(value); len(f) == 1 && looksLikeOutlet(f[0]) && !nonNames[f[0]] {
		return nil, f[0]
	}
	names, ok := splitCreditNames(value)
	if !ok {
		return nil, ""
	}
	return names, ""
}

// commonSurnames are the most common Chinese family names, enough to tell
// a person ("尹娟") from a word or an outlet in a place that may hold either;
// family names that begin many words (文, 时, 安, 华, ...) are left out.
const commonSurnames = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵钱严覃武戴莫孔汤温康施牛樊葛邢乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕季裴霍涂苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍喻祁蒲房滕屈饶解牟艾尤阳穆卓缪简车项连芦麦褚娄窦戚岑景费卜冷晏席卫米柏宗瞿桂佟臧闵苟邬边卞姬仇栾隋刁荣巫寇桑郎甄丛仲虞敖巩佘匡钮鞠揭"

// personName reports a likely Chinese personal name: a common family name
// and one or two more characters.
func personName(s string) bool {
	r := []rune(s)
	if len(r) < 2 || len(r) > 3 || !strings.ContainsRune(commonSurnames, r[0]) {
		return false
	}
	for _, c := range r {
		if !text.IsCJK(c) {
			return false
		}
	}
	return !looksLikeOutlet(s)
}

// rxURLDate finds the date in an article's address: /2022/02/13/,
// /2022-02-13/, /20220213/, t20220213_, and 163.com's /17/0228/
// (two-digit year, then month and day).
var rxURLDate = regexp.MustCompile(`(?:^|/)((?:19|20)\d{2})[/-](\d{1,2})[/-](\d{1,2})(?:/|$)` +
	`|(?:^|[/_t])((?:19|20)\d{2})(\d{2})(\d{2})(?:[/_.]|$)` +
	`|/(\d{2})/(\d{2})(\d{2})/`)

// urlDate is the date an article's address holds, at midnight in loc.
func urlDate(path string, loc *time.Location) (time.Time, bool) {
	m := rxURLDate.FindStringSubmatch(path)
	switch {
	case m == nil:
		return time.Time{}, false
	case m[1] != "":
		return dateFrom([]string{"", m[1], m[2], m[3]}, 0, loc)
	case m[4] != "":
		return dateFrom([]string{"", m[4], m[5], m[6]}, 0, loc)
	}
	return dateFrom([]string{"", m[7], m[8], m[9]}, 2000, loc)
}

// rxCopyright finds the owner a footer's copyright line names: "Copyright ©
// 2019 观察者 All rights reserved", "光明网版权所有", "版权所有：中国青年网".
var rxCopyright = regexp.MustCompile(`(?i)(?:copyright|©)\s*(?:©\s*)?(?:\d{4}(?:\s*[-–]\s*\d{4})?\s*)?([^\s|,，。:：©]{2,16})|([^\s|,，。:：]{2,16})版权所有|版权所有\s*[:：]?\s*([^\s|,，。:：]{2,16})`)

// copyrightNames are the owners the page's copyright lines name: the site
// itself, so a 来源 naming it is no repost.
func copyrightNames(lines []pageLine) []string {
	var names []string
	for _, l := range lines {
		if utf8.RuneCountInString(l.text) > 160 {
			continue
		}
		for _, m := range rxCopyright.FindAllStringSubmatch(l.text, 2) {
			for _, g := range m[1:] {
				if g != "" && !strings.EqualFold(g, "all") {
					names = appendUnique(names, g)
				}
			}
		}
	}
	return names
}

// microdataAuthors are the names schema.org microdata gives the page's
// authors: an element itemprop="author" holding an itemprop="name" (a
// <meta content>, or text), as a Zhihu column marks its writer, whose name
// is otherwise a link beside a bio and a follow button. Readability takes
// the name element's text, empty for a <meta>.
func microdataAuthors(doc *html.Node) []string {
	var out []string
	var walk func(n *html.Node, inAuthor bool)
	walk = func(n *html.Node, inAuthor bool) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			props := strings.Fields(article.Attr(c, "itemprop"))
			if inAuthor && slices.Contains(props, "name") {
				v := article.Attr(c, "content")
				if c.DataAtom != atom.Meta {
					v = textOf(c)
				}
				if v = text.CollapseSpace(text.Clean(v)); v != "" {
					out = appendUnique(out, v)
				}
				continue
			}
			walk(c, inAuthor || slices.Contains(props, "author"))
		}
	}
	walk(doc, false)
	return out
}
