package clip

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"app.margin/margin/internal/text"
)

// Chinese portals fill <meta name="description"> with what is not a summary
// (the title followed by its keywords, the channel's keywords, the title
// with the channel's and site's names, the site's own blurb), and
// Readability's fallback, the first <p>, is often the date or byline line.
// The list shows the excerpt under every article, so on Chinese pages such
// an excerpt gives way to the text's first paragraph that is prose (zh-dev:
// 163, hexun, stcn, ifeng, zsnews, cmse, shanxi, toutiao). A description
// that is only the title, a caption or a line without punctuation is left
// as Readability gives it: Readability.js's excerpt is the reference there
// (Mozilla's qq, youth and pixnet pages).

// excerptMinRunes is the length under which a Chinese excerpt or paragraph
// is a label, a date or a heading rather than a summary.
const excerptMinRunes = 15

// rxKeywordTail is a run of three or more short items separated by commas
// (ASCII or full-width) at the end: "周琦,姚明,中国男篮,篮球世界杯".
var rxKeywordTail = regexp.MustCompile(`(?:^|\s)[^\s,，。！？；]{1,12}(?:[,，][^\s,，。！？；]{1,12}){2,}\s*$`)

// rxCreditLine is a line that only credits, dates or points: it opens with
// a label ("来源", "作者", "原标题", "点击进入"), is a short line opening
// with a date, or is "记者" and names ("澎湃新闻记者 段彦超 廖艳").
var rxCreditLine = regexp.MustCompile(`^[(（【\[]?\s*(?:原(?:文)?标题|来源|出处|作者|记者|编辑|责任编辑|责编|文\s*[/／|｜]|本文来源|点击进入|发布时间|时间|日期)|^(?:19|20)\d{2}\s*[-/.年]\s*\d{1,2}.{0,30}$|^\S{0,10}(?:记者|通讯员)\s*\S{2,4}(?:\s+\S{2,4})*$`)

// rxNotProse is a paragraph that is no summary: a credit line, a caption
// or a pointer to a video or the original.
var rxNotProse = regexp.MustCompile(rxCreditLine.String() + `|^[(（【\[]?\s*(?:原创|视频|自动播放|图为|图片|图\s*[:：])|摄[)）]|供图|图片来源`)

// rxChannelSuffix follows a title in a description that repeats the page's
// <title>: "-股票频道-和讯网".
var rxChannelSuffix = regexp.MustCompile(`^\s*[-_|｜–—]\s*\S`)

// rxSummaryLabel opens an excerpt that labels itself a summary.
var rxSummaryLabel = regexp.MustCompile(`^(?:摘要|导语|核心提示|内容提要)\s*[:：]\s*`)

// chineseExcerpt returns the excerpt a Chinese page should show: excerpt
// itself unless it is not a summary at all, else the first prose paragraph
// of the article's text (excerpt when there is none).
func chineseExcerpt(excerpt, title, articleText string) string {
	if !noSummary(excerpt, title, articleText) {
		return excerpt
	}
	for p := range strings.SplitSeq(articleText, "\n\n") {
		p = rxSummaryLabel.ReplaceAllString(text.CollapseSpace(p), "")
		if proseLine(p, title) {
			return p
		}
	}
	return excerpt
}

// noSummary reports whether a Chinese page's excerpt is plainly not a
// summary of its article: keywords (alone or after the title), a credit or
// date line, the title with the channel's and site's names after it, or
// words the text does not share (a site's own blurb).
func noSummary(excerpt, title, articleText string) bool {
	e := strings.TrimSpace(excerpt)
	title = strings.TrimSpace(title)
	if e == "" {
		return false
	}
	if kept := strings.TrimSpace(rxKeywordTail.ReplaceAllString(e, "")); kept != e {
		return kept == "" || (title != "" && (strings.HasPrefix(title, kept) || strings.HasPrefix(kept, title)))
	}
	if rxCreditLine.MatchString(e) {
		return true
	}
	if title != "" {
		if rest, ok := strings.CutPrefix(e, title); ok {
			return rxChannelSuffix.MatchString(rest) && utf8.RuneCountInString(rest) <= 24 && !strings.ContainsAny(rest, "，。！？；")
		}
		if strings.HasPrefix(title, e) {
			return false // the title, or its start: Readability's choice
		}
	}
	return sharedBigrams(e, articleText) < 0.3
}

// proseLine reports whether s is a sentence of the article rather than a
// label, date, credit line, caption or the title: long enough, with a
// comma or a sentence's end in it.
func proseLine(s, title string) bool {
	if utf8.RuneCountInString(s) < excerptMinRunes || rxNotProse.MatchString(s) || !strings.ContainsAny(s, "，。！？；") {
		return false
	}
	t := strings.TrimSpace(title)
	return t == "" || !(strings.HasPrefix(s, t) || strings.HasPrefix(t, s))
}

// sharedBigrams is the share of s's pairs of adjacent Han characters that
// are found in body; 1 when s has none (nothing to compare).
func sharedBigrams(s, body string) float64 {
	var total, found int
	var prev rune
	for _, r := range s {
		if unicode.Is(unicode.Han, r) && unicode.Is(unicode.Han, prev) {
			total++
			if strings.Contains(body, string([]rune{prev, r})) {
				found++
			}
		}
		prev = r
	}
	if total == 0 {
		return 1
	}
	return float64(found) / float64(total)
}
