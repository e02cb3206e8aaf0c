package clip

import (
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"app.margin/margin/article"

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
		texts[i] = collapsedText(b)
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
	if cut == len(blocks) {
		cut = creditsEnd(texts, runes, total)
	}
	// Headlines that are not links (a script opens them) count as a
	// trail beside their dates, when the trail has two dates or more:
	// one date under a short line is an article's signature and date.
	dates := 0
	for i := max(0, cut-trailMaxBlocks); i < cut; i++ {
		if rxDateOnly.MatchString(texts[i]) {
			dates++
		}
	}
	dated := func(i int) bool {
		return dates >= 2 && runes[i] <= trailMaxRunes && !rxSentenceEnd.MatchString(texts[i]) &&
			(i+1 < len(texts) && rxDateOnly.MatchString(texts[i+1]) || i > 0 && rxDateOnly.MatchString(texts[i-1]))
	}
	// A bare date goes with a trail, not alone under a signature
	// ("某某市人民政府办公室" then "2019年9月9日").
	dateTrail := func(i int) bool {
		return rxDateOnly.MatchString(texts[i]) && (dates >= 2 || i > 0 && linkDense(blocks[i-1]))
	}
	trail := 0
	for cut > 0 && trail < trailMaxBlocks {
		i := cut - 1
		// A headline's thumbnail goes with it (guancha-3 of zh-dev).
		thumb := runes[i] == 0 && i+1 < len(texts) && runes[i+1] > 0 && !rxDateOnly.MatchString(texts[i+1]) && dated(i+1)
		picture := isOrHasImage(blocks[i])
		isTrail := runes[i] == 0 && (!picture || thumb) || dateTrail(i) ||
			runes[i] <= trailMaxRunes && (linkDense(blocks[i]) || dated(i)) && !picture ||
			runes[i] <= trailHeadRunes && !strings.ContainsFunc(texts[i], unicode.IsLetter) && !rxDateOnly.MatchString(texts[i]) && !picture // a like counter ("+1")
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

// creditsEnd is where an article signed by its editor ends: after the
// last editor's line in the text's last part and the credit lines right
// after it (校对, 来源), when another story follows (njxfhn-1 of zh-dev:
// "责任编辑：" then the next story's headline and text). len(texts) when
// no editor's line closes the text. total is the sum of runes.
func creditsEnd(texts []string, runes []int, total int) int {
	after := 0
	for i := len(texts) - 1; i >= 0; i-- {
		if float64(after) > (1-trailKeepShare)*float64(total) {
			break
		}
		if runes[i] <= creditLineMaxRunes && rxEditorLine.MatchString(texts[i]) {
			end := i + 1
			for end < len(texts) && runes[end] <= creditLineMaxRunes && creditLineStart(texts[end]) {
				end++
			}
			// Only another story (a headline and its text) is cut; a line
			// under the credit stays, as Readability.js keeps it (Mozilla's
			// qq page: a reader poll under "[责任编辑：alonliu]").
			if len(texts)-end >= 2 && slices.ContainsFunc(texts[end:], isProse) {
				return end
			}
			return len(texts)
		}
		after += runes[i]
	}
	return len(texts)
}

// creditLineStart reports a line that opens with a credit label.
func creditLineStart(s string) bool {
	m := rxCreditLabel.FindStringIndex(s)
	return m != nil && m[0] == 0
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

// isOrHasImage reports a picture, or a block holding one: leafBlocks
// makes a bare <img> a block of its own, and a photo that closes an
// article is part of it.
func isOrHasImage(n *html.Node) bool {
	return n.DataAtom == atom.Img || n.DataAtom == atom.Picture || hasImage(n)
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
		t := collapsedText(c)
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
