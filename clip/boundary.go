package clip

import (
	"regexp"
	"unicode/utf8"

	"app.margin/margin/article"
	"app.margin/margin/internal/text"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// The end of an article. Chinese news ends its text with （完）; what an
// extractor keeps after that, and the trail of related headlines and their
// dates that portals hang under an article, is not the article.
var (
	// rxEndMark is a block that ends with the end mark: "（完）", "(完)",
	// "（全文完）".
	rxEndMark = regexp.MustCompile(`[（(](?:全文)?完[)）]\s*$`)
	// rxDateOnly is a block that is only a date: "2019-09-09", "09-09 12:00".
	rxDateOnly = regexp.MustCompile(`^\s*(?:(?:19|20)\d{2}[-/.年])?\d{1,2}[-/.月]\d{1,2}日?(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?\s*$`)
)

// Limits of the trail removed from an article's end.
const (
	trailMaxBlocks   = 24 // blocks removed at most
	trailMaxRunes    = 80 // a trail block is a headline, not a paragraph
	trailHeadRunes   = 12 // the trail's own heading ("观察员", "相关新闻")
	trailKeepShare   = 0.6
	endMarkMaxBlocks = 40 // after （完）, at most this many blocks go
)

// trimArticleEnd removes what follows the article's end mark （完）, and a
// trail of linked headlines and bare dates from the end of the content,
// with the short heading that introduces it. It never removes more than
// the text's smaller part.
func trimArticleEnd(root *html.Node) {
	blocks := leafBlocks(root)
	if len(blocks) == 0 {
		return
	}
	total := 0
	runes := make([]int, len(blocks))
	texts := make([]string, len(blocks))
	for i, b := range blocks {
		texts[i] = text.CollapseSpace(textOf(b))
		runes[i] = utf8.RuneCountInString(texts[i])
		total += runes[i]
	}
	cut := len(blocks) // blocks[cut:] go
	for i, t := range texts {
		if rxEndMark.MatchString(t) && len(blocks)-i-1 <= endMarkMaxBlocks {
			cut = i + 1
			break
		}
	}
	trail := 0
	for cut > 0 && trail < trailMaxBlocks {
		i := cut - 1
		isTrail := runes[i] == 0 && !hasImage(blocks[i]) || rxDateOnly.MatchString(texts[i]) ||
			runes[i] <= trailMaxRunes && linkDense(blocks[i]) && !hasImage(blocks[i])
		if !isTrail {
			break
		}
		cut--
		if runes[i] > 0 {
			trail++
		}
	}
	if trail > 0 && cut > 0 && runes[cut-1] <= trailHeadRunes && !rxSentenceEnd.MatchString(texts[cut-1]) && !rxEndMark.MatchString(texts[cut-1]) {
		cut-- // the trail's heading
	}
	if cut > 0 {
		cutAdTail(blocks[cut-1])
	}
	kept := 0
	for _, r := range runes[:cut] {
		kept += r
	}
	if cut == len(blocks) || float64(kept) < trailKeepShare*float64(total) {
		return
	}
	for _, b := range blocks[cut:] {
		if b.Parent != nil {
			b.Parent.RemoveChild(b)
		}
	}
}

// leafBlocks are the content's innermost block elements in document order:
// paragraphs, list items, headings, and divisions holding only inline
// content. Images and tables count as blocks of their own.
func leafBlocks(root *html.Node) []*html.Node {
	var out []*html.Node
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode || article.NeverText(c.DataAtom) {
				continue
			}
			switch {
			case c.DataAtom == atom.Table || c.DataAtom == atom.Figure || c.DataAtom == atom.Pre:
				out = append(out, c)
			case inlineElement[c.DataAtom] && c.DataAtom != atom.Img:
				continue // inside its block
			case hasBlockChild(c):
				walk(c)
			default:
				out = append(out, c)
			}
		}
	}
	walk(root)
	return out
}

func hasBlockChild(n *html.Node) bool {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && !inlineElement[c.DataAtom] && c.DataAtom != atom.Br {
			return true
		}
	}
	return false
}

// cutAdTail removes, from a paragraph of lines (text and <br>s), the line
// that promotes something ("扫描下方二维码…", "点【在看】") and every line after
// it, as long as some text stays before it: a WeChat article ends its last
// paragraph with its account's menu.
func cutAdTail(block *html.Node) {
	seen := false
	for c := block.FirstChild; c != nil; c = c.NextSibling {
		t := text.CollapseSpace(textOf(c))
		if seen && t != "" && hasCJK(t) && utf8.RuneCountInString(t) <= adMaxRunes && rxAdCue.MatchString(t) {
			for c != nil {
				next := c.NextSibling
				block.RemoveChild(c)
				c = next
			}
			return
		}
		if t != "" {
			seen = true
		}
	}
}
