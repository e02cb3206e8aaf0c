package clip

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"app.margin/margin/internal/text"
)

// findCredits reads the credits a page shows in visible text around the
// article: lines are the page's lines, h the heading's line (-1 when
// unknown), body the article's blocks of text as extracted. Writers are taken from the first place that names any, in the
// order a reader looks for them (the lines under the title, the first
// paragraph's bracketed credit, the lines at the article's end, an
// unlabelled account or outlet name beside the date); editors from all.

// Extent of the areas read for credits, in lines.
const (
	creditLinesAfter = 12 // lines under it, up to where the body starts
	creditEndBefore  = 4  // lines before the article's last line
	creditEndAfter   = 8  // lines after it (the credit box under an article)
)

func findCredits(lines []pageLine, h int, body []string) credits {
	var near, first, end credits
	var accounts []string
	var outlet string
	if h >= 0 {
		// Lines above the heading are the site's header, not the byline.
		for i := h + 1; i < len(lines) && i <= h+creditLinesAfter; i++ {
			l := lines[i].text
			if isProse(l) {
				break
			}
			near.readLine(l)
			if i <= h+6 {
				next := ""
				if i+1 < len(lines) {
					next = lines[i+1].text
				}
				names, out := unlabelledByline(l, next)
				if len(accounts) == 0 {
					accounts = names
				}
				if outlet == "" {
					outlet = out
				}
			}
		}
	}
	for i, b := range body {
		if i >= 2 {
			break
		}
		first.readBrackets(b)
		first.readLine(b)
	}
	if len(body) > 0 {
		from := max(0, h)
		last := lineWith(lines, from, tailRunes(body[len(body)-1], 16))
		if last < 0 {
			last = lineWith(lines, 0, tailRunes(body[len(body)-1], 16))
		}
		if last >= 0 {
			for i := max(from, last-creditEndBefore); i < len(lines) && i <= last+creditEndAfter; i++ {
				if rxFooterCue.MatchString(lines[i].text) {
					break // the site's footer
				}
				if !lines[i].linkOnly {
					end.readLine(lines[i].text)
					end.readBrackets(lines[i].text)
				}
			}
		}
		for i := max(0, len(body)-3); i < len(body); i++ {
			end.readLine(body[i])
			end.readBrackets(body[i])
		}
	}
	var c credits
	for _, a := range [][]string{near.authors, first.authors, end.authors, accounts} {
		if len(a) > 0 {
			c.authors = a
			break
		}
	}
	for _, e := range [][]string{near.editors, first.editors, end.editors} {
		for _, n := range e {
			c.editors = appendUnique(c.editors, n)
		}
	}
	for _, s := range []string{near.source, end.source, outlet} {
		if s != "" {
			c.source = s
			break
		}
	}
	// Old portals print a reporter's name after 来源 ("来源: 尹娟").
	if len(c.authors) == 0 && personName(c.source) {
		c.authors, c.source = []string{c.source}, ""
	}
	return c
}

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
const bylineDate = `(?:(?:19|20)\d{2}[-/.]\d{1,2}[-/.]\d{1,2}|(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日)(?:\s*\d{1,2}:\d{2}(?::\d{2})?)?`

var (
	// An account before its date: "原创 GameForce 2019-09-04 22:18:34".
	rxNameDate = regexp.MustCompile(`^(?:原创\s+)?([^\s\d:：|｜]+)\s+` + bylineDate + `$`)
	// A date, then the names or outlet: "2019-05-17 · 苏皖城市报道".
	rxDateName = regexp.MustCompile(`^` + bylineDate + `\s*[·•|｜]?\s*([^\d:：|｜]+)$`)
	// A writer and the outlet: "石佳/中国青年报".
	rxNameOutlet = regexp.MustCompile(`^([^\s/／]{2,8})\s*[/／]\s*([^\s/／]{2,16})$`)
	// A line that starts with a date or a date label.
	rxDateLine = regexp.MustCompile(`^(?:发布时间|发布日期|时间|日期)\s*[:：]|^` + bylineDate)
)

// unlabelledByline reads a line under the title that names the writer or
// account, or the outlet, without a label: beside the date, alone on the
// line above the date line (next), or as writer/outlet. Names that read as
// an outlet are returned as the outlet.
func unlabelledByline(line, next string) (names []string, outlet string) {
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
	case rxNameDate.MatchString(line):
		value = rxNameDate.FindStringSubmatch(line)[1]
	case rxDateName.MatchString(line):
		value = rxDateName.FindStringSubmatch(line)[1]
	case !strings.ContainsAny(line, " :：") && rxDateLine.MatchString(next) && !rxDateLine.MatchString(line):
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
// a person ("尹娟") from a word or an outlet in a place that may hold either.
const commonSurnames = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池乐匡钮鞠丰揭"

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
