package clip

import (
	"strings"
	"time"
	"unicode/utf8"

	"app.margin/margin/article"
	"app.margin/margin/internal/text"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// pageLine is one visual line of the page's body as a reader sees it: the
// text between block boundaries and <br>s, white space collapsed.
type pageLine struct {
	text     string
	linkOnly bool       // every character is link text (navigation, related links)
	block    *html.Node // the block element the line ends in (nil when not known)
}

// pageLines is the body's visible text line by line, read before the
// extractor changes the tree: credits and date lines sit around the
// article, outside what the extractor keeps.
func pageLines(doc *html.Node) []pageLine {
	var lines []pageLine
	var cur strings.Builder
	linkRunes, allRunes := 0, 0
	flush := func(block *html.Node) {
		if s := text.CollapseSpace(text.Clean(cur.String())); s != "" {
			lines = append(lines, pageLine{text: s, linkOnly: linkRunes > 0 && linkRunes >= allRunes, block: block})
		}
		cur.Reset()
		linkRunes, allRunes = 0, 0
	}
	var walk func(n *html.Node, inLink bool)
	walk = func(n *html.Node, inLink bool) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			switch c.Type {
			case html.TextNode:
				cur.WriteString(c.Data)
				k := len(strings.TrimSpace(c.Data))
				allRunes += k
				if inLink {
					linkRunes += k
				}
			case html.ElementNode:
				if article.NeverText(c.DataAtom) || c.DataAtom == atom.Option || c.DataAtom == atom.Title {
					continue
				}
				if c.DataAtom == atom.Br {
					flush(n)
					continue
				}
				block := !inlineElement[c.DataAtom]
				if block {
					flush(n)
				} else {
					// Style sets inline parts apart ("作者<span>魏星</span>"
					// reads 作者 魏星); a space keeps the label off the name.
					cur.WriteByte(' ')
				}
				walk(c, inLink || c.DataAtom == atom.A)
				if block {
					flush(c)
				} else {
					cur.WriteByte(' ')
				}
			default:
				walk(c, inLink)
			}
		}
	}
	walk(doc, false)
	flush(doc)
	return lines
}

// inlineElement are the elements that do not break a line.
var inlineElement = map[atom.Atom]bool{
	atom.A: true, atom.Abbr: true, atom.B: true, atom.Bdi: true, atom.Bdo: true, atom.Cite: true, atom.Code: true,
	atom.Data: true, atom.Dfn: true, atom.Em: true, atom.Font: true, atom.I: true, atom.Img: true, atom.Kbd: true,
	atom.Label: true, atom.Mark: true, atom.Q: true, atom.S: true, atom.Samp: true, atom.Small: true, atom.Span: true,
	atom.Strong: true, atom.Sub: true, atom.Sup: true, atom.Time: true, atom.U: true, atom.Var: true, atom.Wbr: true,
	atom.Ins: true, atom.Del: true, atom.Strike: true, atom.Tt: true, atom.Big: true,
}

// nearHeading is what read finds in the first line it reads (links
// left out) under the heading h, up to the body's second paragraph (a
// lede may come first), else in the line right above the heading; false
// when h is -1 or no line gives anything. A page prints its date line
// and byline there.
func nearHeading[T any](lines []pageLine, h int, read func(pageLine) (T, bool)) (T, bool) {
	var none T
	if h < 0 {
		return none, false
	}
	try := func(i int) (T, bool) {
		if lines[i].linkOnly {
			return none, false
		}
		return read(lines[i])
	}
	prose := 0
	for i := h + 1; i < len(lines) && i <= h+creditLinesAfter; i++ {
		if v, ok := try(i); ok {
			return v, true
		}
		// A date line may read as prose ("01. November 2021 | Natur"),
		// so it is tried first.
		if isProse(lines[i].text) {
			if prose++; prose == 2 {
				break
			}
		}
	}
	if h > 0 {
		return try(h - 1)
	}
	return none, false
}

// headingLineAsIs is the index of the first line that is the heading as
// it is, outside links unless linked is set (a blog's heading links to the
// post); -1 when none is.
func headingLineAsIs(lines []pageLine, heading string, linked bool) int {
	if heading == "" {
		return -1
	}
	key := noSpaces(heading)
	for i, l := range lines {
		if (linked || !l.linkOnly) && noSpaces(l.text) == key {
			return i
		}
	}
	return -1
}

// headingLine is the index of the first line, outside links, that is the
// heading, also broken over lines or after a tag ("原创", "【独家】"); -1
// when none is.
func headingLine(lines []pageLine, heading string) int {
	if heading == "" {
		return -1
	}
	key := noSpaces(heading)
	if i := headingLineAsIs(lines, heading, false); i >= 0 {
		return i
	}
	// A heading broken over lines (see shownLines) ends on its last.
	found := -1
	headingRuns(lines, func(i, n int, joined string) bool {
		if n >= 2 && joined == key {
			found = i + n - 1
		}
		return found < 0
	})
	if found >= 0 {
		return found
	}
	// A tag may open the heading's line: "原创 最不愁吃肉的国家：…"
	// (toutiao-2 of zh-dev), "【独家】…".
	for i, l := range lines {
		if t := noSpaces(l.text); !l.linkOnly && strings.HasSuffix(t, key) && utf8.RuneCountInString(t)-utf8.RuneCountInString(key) <= headingTagRunes {
			return i
		}
	}
	// A blog's heading links to the post, and the <title> adds the blog's
	// name: the first top heading whose whole text the heading holds.
	return heldHeading(lines, heading)
}

// headingAboveBody finds the heading of a page whose <title> and <h1> name
// no line of it ("新闻动态--中国地理学会官网" over an <h5> heading: gsc-1 of
// zh-dev): the nearest line above the body's first, past the date and
// credit lines under a heading ("发布时间：2019-05-18", "来源：中国地理学会"),
// that is short, outside links and no sentence. -1 when there is none.
func headingAboveBody(lines []pageLine, body []string) int {
	if len(body) == 0 {
		return -1
	}
	start := lineWith(lines, 0, headRunes(body[0], 16))
	for i := start - 1; i >= 0 && i >= start-creditLinesAfter; i-- {
		l := lines[i]
		if l.linkOnly || rxCreditLabel.MatchString(l.text) {
			continue
		}
		if _, ok := findDate(l.text, time.UTC); ok {
			continue
		}
		if n := utf8.RuneCountInString(l.text); n < headingMinRunes || n > headingMaxRunes || isProse(l.text) {
			return -1
		}
		return i
	}
	return -1
}

// Bounds of a heading found above the body: shorter is a label or a
// section name, longer a paragraph.
const (
	headingMinRunes = 6
	headingMaxRunes = 80
)

// headingTagRunes is the longest tag read before a heading on its line.
const headingTagRunes = 4

// lineWith is the index of the first line at or after from whose text
// holds needle (white space ignored); -1 when none does.
func lineWith(lines []pageLine, from int, needle string) int {
	needle = noSpaces(needle)
	if needle == "" {
		return -1
	}
	for i := max(from, 0); i < len(lines); i++ {
		if strings.Contains(noSpaces(lines[i].text), needle) {
			return i
		}
	}
	return -1
}

// noSpaces is s without white space, to compare texts that break lines
// differently.
func noSpaces(s string) string {
	return strings.Join(strings.Fields(s), "")
}
