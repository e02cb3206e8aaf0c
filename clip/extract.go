package clip

import (
	"app.margin/margin/article"

	"regexp"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Boilerplate rules. Each is a general rule about short blocks whose text,
// class or id says what they are (a disclaimer, a share bar, a list of
// related links), not a rule for one site. "Short" matters: an article may
// well mention 免责声明 or "share" in a sentence.
var (
	// Legal and licence lines: removed when a short block starts with or
	// contains them.
	// (A platform's notice may open with a quotation mark: "“特别声明：以上
	// 作品内容…为凤凰网旗下自媒体平台“大风号”用户上传", with its English
	// "Notice: The content above … is uploaded and posted by …".)
	rxLegalCue = regexp.MustCompile(`(?i)^[\s“"「『]*(免责声明|版权声明|版权所有|声明\s*[:：]|特别声明|本文(?:为|系)?转载|转载请注明|copyright\s*©|©\s*\d{4}|all rights reserved|notice\s*:\s*the content above)`)
	// Licence numbers: a short line that holds one anywhere.
	rxLicenceCue = regexp.MustCompile(`ICP备|ICP证|公网安备|增值电信业务经营许可证`)
	// Action bars: share, like, reward, favourite, comment, log-in. A CJK
	// action word alone is a button; English words only as a bar of two or
	// more ("Share Tweet Email"), since one word is often a real link.
	rxActionCue = regexp.MustCompile(`(?i)^[\s\d|·•/:：()（）]*(分享到?|点赞|打赏|赏礼|赏钱|赞赏|收藏|评论|转发|举报|登录|注册|关注|微信扫一扫|扫码)([\s\d|·•/:：()（）]*(分享到?|点赞|打赏|赏礼|赏钱|赞赏|收藏|评论|转发|举报|登录|注册|关注|微博|微信|QQ))*[\s\d|·•/:：!！()（）]*$`)
	rxActionBar = regexp.MustCompile(`(?i)^\W*(share|tweet|like|comments?|print|email|facebook|twitter|linkedin|reddit|pinterest|whatsapp)(\W+(share|tweet|like|comments?|print|email|facebook|twitter|linkedin|reddit|pinterest|whatsapp))+\W*$`)
	// Prompts: log in to see, leave a comment.
	rxPromptCue = regexp.MustCompile(`(?i)^[\s\p{P}]*(登录后|请登录|请先登录|发表评论|写评论|网友评论|我要评论|评论区|点击领取|下载APP|打开APP|扫码下载|关注公众号|长按识别二维码|leave a (comment|reply))`)
	// Advertising and app promotion lines inside an article: "发送GP到6666
	// 随时随地查行情", "安装新浪财经客户端第一时间接收…", "扫描下方二维码关注".
	rxAdCue = regexp.MustCompile(`发送\s*\S{1,8}\s*到\s*\d{3,}|(?:下载|安装)\S{0,10}(?:客户端|APP|App)|免费试玩|扫描(?:下方|上方|左方|右方)?二维码|二维码关注|点击\S{0,6}关注我们|欢迎关注|点【在看】|文章关键词\s*[:：]`)
	// Pagers: "上一页 1 2 3 下一页", "首页 上一页 下一页 尾页".
	rxPager = regexp.MustCompile(`^[\s\d<>«»…|\[\]]*(?:(?:上一页|下一页|首页|尾页|末页|上页|下页)[\s\d<>«»…|\[\]]*){2,}$|^[\s<>«»]*上一页[\s\d…]+下一页[\s<>«»]*$`)
	// Author boxes: a profile card after the article. (English "About the
	// author" boxes are kept: Readability.js keeps them as part of the text.)
	rxAuthorBoxCue = regexp.MustCompile(`^\s*(关于作者|作者简介|作者介绍)`)
	// Headings of link lists that follow an article.
	rxRelatedCue = regexp.MustCompile(`(?i)^\s*(相关阅读|推荐阅读|相关文章|相关日志|相关博文|相关新闻|相关报道|相关链接|相关专题|延伸阅读|猜你喜欢|热门推荐|热门文章|为你推荐|相关推荐|精彩推荐|更多阅读|related (articles|posts|stories|content)|recommended for you|you may also like)\s*[:：]?\s*$`)
	// Class and id tokens of boilerplate boxes. Read on classes inside an
	// article, this rule removed newsletter and comment boxes Readability.js
	// keeps, so there it reads ids (removeBoxes has the class words that
	// hold inside an article); on the body fallback it reads both.
	rxBoilerClass = regexp.MustCompile(`(?i)(^|[-_\s])(share|sharing|social|like|likes|reward|dashang|zan|fav|favorite|collect|comment|comments|related|recommend|disclaimer|copyright|statement|author-?box|author-?info|about-?author|sign|signin|login|vip|sponsor|subscribe|newsletter|toolbar|actions|popup|pop|modal|qrcode|breadcrumb|crumb)($|[-_\s])`)
)

// Size limits (in code points) for the rules above.
const (
	actionMaxRunes    = 40
	promptMaxRunes    = 80
	adMaxRunes        = 120
	legalMaxRunes     = 600
	licenceMaxRunes   = 120
	maxShare          = 0.5 // no rule removes a block holding half the text
	classMaxRunes     = 300
	classMaxShare     = 0.2 // a boilerplate box holds at most this share of the text
	relatedMaxRunes   = 30
	authorBoxMaxRunes = 200
)

// boilerplateMaxRunes is the longest text a rule of isBoilerplate reads.
const boilerplateMaxRunes = max(actionMaxRunes, promptMaxRunes, adMaxRunes, legalMaxRunes, licenceMaxRunes,
	classMaxRunes, relatedMaxRunes, authorBoxMaxRunes, lineRuleMaxRunes)

// removeBoilerplate deletes boilerplate blocks from the extracted content;
// idsOnly reads only the ids of elements for rxBoilerClass, not their
// classes.
func removeBoilerplate(root *html.Node, idsOnly bool) {
	// Text sizes are counted once, bottom-up, so that only small elements
	// (the only ones a rule can match) have their text built. An
	// element's size is its code points that are not white space, which
	// its collapsed text has at least; the total counts every code point.
	sizes := map[*html.Node]int{}
	var count func(*html.Node) (all, solid int)
	count = func(n *html.Node) (all, solid int) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			switch {
			case c.Type == html.TextNode:
				for _, r := range c.Data {
					all++
					if !unicode.IsSpace(r) {
						solid++
					}
				}
			case c.Type == html.ElementNode && !article.NeverText(c.DataAtom):
				a, s := count(c)
				all, solid = all+a, solid+s
			}
		}
		sizes[n] = solid
		return all, solid
	}
	total, _ := count(root)
	var doomed []*html.Node
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			if sizes[c] <= boilerplateMaxRunes && isBoilerplate(c, total, idsOnly) {
				doomed = append(doomed, c)
				if rxRelatedCue.MatchString(textOf(c)) {
					// The list a "related" heading introduces goes with it.
					if l := nextElement(c); l != nil && (l.DataAtom == atom.Ul || l.DataAtom == atom.Ol || l.DataAtom == atom.Div) && linkDense(l) {
						doomed = append(doomed, l)
					}
				}
				continue
			}
			walk(c)
		}
	}
	walk(root)
	for _, n := range doomed {
		if n.Parent != nil {
			n.Parent.RemoveChild(n)
		}
	}
}

// isBoilerplate applies the rules to one element.
func isBoilerplate(n *html.Node, total int, idsOnly bool) bool {
	switch n.DataAtom {
	case atom.Img, atom.Picture, atom.Figure, atom.Pre, atom.Table, atom.Br, atom.Hr:
		return false
	}
	text := collapsedText(n)
	runes := utf8.RuneCountInString(text)
	if runes == 0 {
		return false
	}
	if float64(runes) > maxShare*float64(total) {
		return false
	}
	switch {
	case runes <= licenceMaxRunes && hasCJK(text) && rxLicenceCue.MatchString(text):
		return true
	case runes <= actionMaxRunes && (rxActionCue.MatchString(text) || rxActionBar.MatchString(text)) && !hasImage(n):
		// (An image with a caption naming a network is content, not a bar.)
		return true
	case runes <= promptMaxRunes && rxPromptCue.MatchString(text):
		return true
	case runes <= adMaxRunes && hasCJK(text) && (rxAdCue.MatchString(text) || runes <= actionMaxRunes && rxPager.MatchString(text)):
		// (Both rules read Chinese text; the check spares the others the
		// regular expressions.)
		return true
	case runes <= legalMaxRunes && rxLegalCue.MatchString(text):
		return true
	case runes <= relatedMaxRunes && rxRelatedCue.MatchString(text):
		return true
	case runes <= authorBoxMaxRunes && rxAuthorBoxCue.MatchString(text):
		return true
	case runes <= lineRuleMaxRunes && (!inlineElement[n.DataAtom] || standsAlone(n)) && isMetaLine(n, text, runes):
		return true
	}
	cls := article.Attr(n, "id")
	if !idsOnly {
		cls += " " + article.Attr(n, "class")
	}
	if runes <= classMaxRunes && float64(runes) <= classMaxShare*float64(total) && rxBoilerClass.MatchString(cls) && !hasImage(n) {
		return true
	}
	return false
}

// lineRuleMaxRunes is the longest line isMetaLine may name.
const lineRuleMaxRunes = max(metaLineMaxRunes, readAlsoMaxRunes, rightsMaxRunes, barMaxRunes)

// isMetaLine applies the rules that read an element as a line of its own
// (a block, or an inline element that stands alone among blocks), so
// isBoilerplate asks once whether it is one: a dated or tool line, a
// pointer to another article, a rights notice, a bar of page items.
func isMetaLine(n *html.Node, text string, runes int) bool {
	switch {
	case runes <= metaLineMaxRunes && (rxDatedLine.MatchString(text) || rxToolLine.MatchString(text)):
		return true
	case runes <= readAlsoMaxRunes && rxReadAlsoCue.MatchString(text) && linkDense(n):
		return true
	case runes <= rightsMaxRunes && rightsLine(text):
		return true
	case runes <= barMaxRunes && isMetaBar(text) && n.DataAtom != atom.Code && !holds(n, atom.Code, atom.Pre):
		// Code uses the bar for its own ends (a shell pipe).
		return true
	}
	return false
}

func nextElement(n *html.Node) *html.Node {
	for s := n.NextSibling; s != nil; s = s.NextSibling {
		if s.Type == html.ElementNode {
			return s
		}
	}
	return nil
}

// linkDense reports an element whose text is mostly link text.
func linkDense(n *html.Node) bool {
	all := collapsedRunes(n)
	return all > 0 && linkedRunes(n)*2 > all
}

// linkedRunes counts the text, white space collapsed, of the links in n.
func linkedRunes(n *html.Node) int {
	runes := 0
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode {
			continue
		}
		if c.DataAtom == atom.A {
			runes += collapsedRunes(c)
		} else {
			runes += linkedRunes(c)
		}
	}
	return runes
}

func hasImage(n *html.Node) bool {
	return holds(n, atom.Img, atom.Picture)
}
