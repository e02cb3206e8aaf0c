package export

import (
	"net/url"
	"strings"
	"unicode"
	"unicode/utf8"

	"app.margin/margin/internal/text"
	"app.margin/margin/storage"
)

// Sizes of the text fragment parts, in code points.
const (
	// exactMaxRunes: longer quotes, and quotes over several blocks, use the
	// textStart,textEnd form, which keeps the link short.
	exactMaxRunes = 80
	// rangeMinRunes is the shortest textStart or textEnd worth trying; a
	// part grows from there, a word or a clause at a time, until it is
	// unique on the page.
	rangeMinRunes = 10
	// contextSteps bounds how many words or clauses a prefix or suffix
	// grows by before the search settles for the most specific one tried.
	contextSteps = 12
)

// PassageURL returns a link to the highlight's passage on the original page:
// the canonical URL (else the final URL, else the URL the user gave) with a
// text fragment, #:~:text=prefix-,exact,-suffix, or
// #:~:text=prefix-,textStart,textEnd,-suffix for long or multi-paragraph
// quotes. It returns "" for an orphaned highlight (its passage is no longer
// in the page) and for an article without an http(s) address.
//
// A browser accepts a match only when its outer edges fall on word
// boundaries, found for Chinese and Japanese with a dictionary, and takes the
// first match on the whole page. So the context is added only when the quote
// occurs more than once in the stored original page (a.Raw, decoded from
// a.Charset; the article text when the page is not stored) or when the quote
// starts or ends inside a word, and each part's outer edge is put where every
// segmenter sees a boundary: a space, punctuation, a change between
// ideographs and other letters, the edge of a block.
func PassageURL(a *storage.Article, h storage.Highlight) string {
	base := articleURL(a)
	quote := strings.TrimSpace(h.Quote)
	if base == "" || h.Orphaned || quote == "" {
		return ""
	}
	page, err := cachedPage(a.Raw, a.Charset)
	if err != nil {
		// Without the page (not stored, or undecodable), the article text
		// is the best stand-in for what the browser will search.
		page = nil
	}
	return base + "#:~:" + textDirective(page, a.Text, quote, h.Prefix, h.Suffix)
}

// articleURL is the address an export links to: canonical, else final, else
// as given; "" when none is an http(s) URL. Any fragment is dropped so a text
// fragment can follow.
func articleURL(a *storage.Article) string {
	for _, s := range []string{a.CanonicalURL, a.FinalURL, a.URL} {
		if u := webURL(s); u != "" {
			return u
		}
	}
	return ""
}

// webURL returns s without its fragment when it is an absolute http(s) URL.
func webURL(s string) string {
	u, err := url.Parse(strings.TrimSpace(s))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return ""
	}
	u.Fragment, u.RawFragment = "", ""
	return u.String()
}

// textDirective builds text=... for a quote with the stored text around it
// (prefix and suffix, cut at the nearest block break), judged on the page's
// blocks; on the article text when the page does not hold the quote.
func textDirective(page *haystack, article, quote, prefix, suffix string) string {
	if i := strings.LastIndexByte(prefix, '\n'); i >= 0 {
		prefix = prefix[i+1:]
	}
	if i := strings.IndexByte(suffix, '\n'); i >= 0 {
		suffix = suffix[:i]
	}
	prefix, suffix = text.CollapseSpace(prefix), text.CollapseSpace(suffix)
	lines := splitBlocks(quote)
	var articleText *haystack
	locate := func(page *haystack, quote, prefix, suffix string) (*haystack, spot) {
		if at, ok := page.find(quote, prefix, suffix); ok {
			return page, at
		}
		if articleText == nil {
			articleText = newHaystack(splitBlocks(article))
		}
		if at, ok := articleText.find(quote, prefix, suffix); ok {
			return articleText, at
		}
		return snippet(quote, prefix, suffix)
	}
	var d directive
	if len(lines) == 1 && utf8.RuneCountInString(lines[0]) <= exactMaxRunes {
		hay, at := locate(page, lines[0], prefix, suffix)
		d = hay.exact(at, len([]rune(lines[0])))
	} else {
		first, last := lines[0], lines[len(lines)-1]
		if len(lines) == 1 {
			hay, at := locate(page, first, prefix, suffix)
			d = hay.rangeIn(at, len([]rune(first)))
		} else {
			hs, start := locate(page, first, prefix, "")
			he, end := locate(page, last, "", suffix)
			nf, nl := len([]rune(first)), len([]rune(last))
			d.prefix, d.start = hs.startPart(start, nf, nf)
			d.end, d.suffix = he.endPart(spot{end.b, end.i + nl}, nl, nl)
		}
	}
	return d.String()
}

// splitBlocks returns the non-empty lines of a quote, spaces collapsed.
func splitBlocks(s string) []string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if l = text.CollapseSpace(l); l != "" {
			out = append(out, l)
		}
	}
	if len(out) == 0 {
		out = []string{text.CollapseSpace(s)}
	}
	return out
}

// directive is a text directive's parts; end is "" in the exact form.
type directive struct{ prefix, start, end, suffix string }

func (d directive) String() string {
	var b strings.Builder
	b.WriteString("text=")
	if d.prefix != "" {
		b.WriteString(encodeFragmentPart(d.prefix) + "-,")
	}
	b.WriteString(encodeFragmentPart(d.start))
	if d.end != "" {
		b.WriteString("," + encodeFragmentPart(d.end))
	}
	if d.suffix != "" {
		b.WriteString(",-" + encodeFragmentPart(d.suffix))
	}
	return b.String()
}

// haystack is the text a link is searched in, its blocks joined by line
// breaks, with a folded copy (lower case, rune for rune) because browsers
// match without regard to case. No part of a directive spans a line break,
// but a browser skips them between parts as it skips spaces: a prefix may
// end one block and the quote start the next.
type haystack struct {
	blocks [][]rune // one: the whole text
	folded [][]rune
}

// spot is a position in a haystack: block b, rune i.
type spot struct{ b, i int }

func newHaystack(blocks []string) *haystack {
	rs := []rune(strings.Join(blocks, "\n"))
	return &haystack{blocks: [][]rune{rs}, folded: [][]rune{fold(rs)}}
}

func fold(rs []rune) []rune {
	out := make([]rune, len(rs))
	for i, r := range rs {
		out[i] = unicode.ToLower(r)
	}
	return out
}

// find finds the occurrence of quote that the stored context points at:
// the one whose neighbouring text agrees longest with prefix and suffix, the
// first of equals. A nil haystack holds nothing.
func (h *haystack) find(quote, prefix, suffix string) (spot, bool) {
	if h == nil {
		return spot{}, false
	}
	q := fold([]rune(quote))
	best, score := spot{}, -1
	p, s := fold([]rune(strings.TrimSpace(prefix))), fold([]rune(strings.TrimSpace(suffix)))
	for b, blk := range h.folded {
		for i := indexRunes(blk, q, 0); i >= 0; i = indexRunes(blk, q, i+1) {
			left := trimRightSpace(blk[:i])
			right := trimLeftSpace(blk[i+len(q):])
			if sc := text.CommonSuffix(left, p) + text.CommonPrefix(right, s); sc > score {
				best, score = spot{b, i}, sc
			}
		}
	}
	return best, score >= 0
}

// snippet is the quote in its stored context, the haystack of last resort
// when neither the page nor the article text holds the quote as it is.
func snippet(quote, prefix, suffix string) (*haystack, spot) {
	block := strings.TrimSpace(prefix)
	at := len([]rune(block))
	if block != "" && prefix != strings.TrimRight(prefix, " ") {
		block += " "
		at++
	}
	block += quote
	if s := strings.TrimRight(suffix, " "); s != "" {
		if s != strings.TrimLeft(s, " ") {
			block += " "
		}
		block += strings.TrimSpace(s)
	}
	return newHaystack([]string{block}), spot{0, at}
}

// exact is the exact form for the n runes at at: context only where the
// quote is not unique or its edges are not word boundaries.
func (h *haystack) exact(at spot, n int) directive {
	blk := h.blocks[at.b]
	quote := string(blk[at.i : at.i+n])
	prefixes := h.prefixes(at)
	suffixes := h.suffixes(spot{at.b, at.i + n})
	p, s := h.choose(prefixes, suffixes, func(p, s string) int { return h.count(p, quote, s) })
	return directive{prefix: p, start: quote, suffix: s}
}

// rangeIn is the range form for a long quote of n runes inside one block:
// a textStart from its head and a textEnd from its tail that do not overlap;
// the exact form when the quote has no room for both.
func (h *haystack) rangeIn(at spot, n int) directive {
	p, start := h.startPart(at, n, n/2)
	end, s := h.endPart(spot{at.b, at.i + n}, n, n-len([]rune(start)))
	if start == "" || end == "" {
		return h.exact(at, n)
	}
	return directive{prefix: p, start: start, end: end, suffix: s}
}

// startPart chooses a prefix and a textStart for a quote of n runes at at:
// the head of the quote up to a word boundary, at most limit runes long
// (the whole first line when it has no boundary), with the shortest head
// and prefix that are unique on the page. It returns "" for start when no
// head fits in limit.
func (h *haystack) startPart(at spot, n, limit int) (prefix, start string) {
	blk := h.blocks[at.b]
	var heads []string
	for e := at.i + rangeMinRunes; e <= at.i+min(n, limit) && len(heads) < contextSteps; e++ {
		if isBoundary(blk, e) && !unicode.IsSpace(blk[e-1]) {
			heads = append(heads, string(blk[at.i:e]))
		}
	}
	if len(heads) == 0 {
		if limit < n {
			return "", ""
		}
		heads = []string{string(blk[at.i : at.i+n])}
	}
	prefixes := h.prefixes(at)
	for i, head := range heads {
		p, _ := h.choose(prefixes, nil, func(p, _ string) int { return h.count(p, head, "") })
		if i == 0 {
			prefix, start = p, head
		}
		if h.count(p, head, "") == 1 {
			return p, head
		}
	}
	return prefix, start
}

// endPart is startPart for the tail of a quote of n runes ending at end.
func (h *haystack) endPart(end spot, n, limit int) (tail, suffix string) {
	blk := h.blocks[end.b]
	var tails []string
	for b := end.i - rangeMinRunes; b >= end.i-min(n, limit) && len(tails) < contextSteps; b-- {
		if isBoundary(blk, b) && !unicode.IsSpace(blk[b]) {
			tails = append(tails, string(blk[b:end.i]))
		}
	}
	if len(tails) == 0 {
		if limit < n {
			return "", ""
		}
		tails = []string{string(blk[end.i-n : end.i])}
	}
	suffixes := h.suffixes(end)
	for i, t := range tails {
		_, s := h.choose(nil, suffixes, func(_, s string) int { return h.count("", t, s) })
		if i == 0 {
			tail, suffix = t, s
		}
		if h.count("", t, s) == 1 {
			return t, s
		}
	}
	return tail, suffix
}

// prefixes lists the prefixes a quote at at may have, shortest first: none
// when the quote starts on a word boundary, then the text back to each
// earlier boundary in the block.
func (h *haystack) prefixes(at spot) []string {
	blk := h.blocks[at.b]
	end := at.i
	for end > 0 && unicode.IsSpace(blk[end-1]) {
		end--
	}
	var out []string
	if isBoundary(blk, at.i) {
		out = append(out, "")
	}
	for k := end - 1; k >= 0 && blk[k] != '\n' && len(out) <= contextSteps; k-- {
		if isBoundary(blk, k) && !unicode.IsSpace(blk[k]) {
			out = append(out, string(blk[k:end]))
		}
	}
	return out
}

// suffixes lists the suffixes a quote ending at end may have, see prefixes.
func (h *haystack) suffixes(end spot) []string {
	blk := h.blocks[end.b]
	start := end.i
	for start < len(blk) && unicode.IsSpace(blk[start]) {
		start++
	}
	var out []string
	if isBoundary(blk, end.i) {
		out = append(out, "")
	}
	for k := start + 1; k <= len(blk) && blk[k-1] != '\n' && len(out) <= contextSteps; k++ {
		if isBoundary(blk, k) && !unicode.IsSpace(blk[k-1]) {
			out = append(out, string(blk[start:k]))
		}
	}
	return out
}

// choose returns the shortest pair of prefix and suffix that count finds
// once; failing that, the pair found the fewest times.
func (h *haystack) choose(prefixes, suffixes []string, count func(p, s string) int) (string, string) {
	if len(prefixes) == 0 {
		prefixes = []string{""}
	}
	if len(suffixes) == 0 {
		suffixes = []string{""}
	}
	type pair struct {
		p, s string
		n    int
	}
	var pairs []pair
	for _, p := range prefixes {
		for _, s := range suffixes {
			pairs = append(pairs, pair{p, s, utf8.RuneCountInString(p) + utf8.RuneCountInString(s)})
		}
	}
	// Insertion order is shortest prefix first; a stable sort by length
	// keeps that order among equals.
	for i := 1; i < len(pairs); i++ {
		for j := i; j > 0 && pairs[j].n < pairs[j-1].n; j-- {
			pairs[j], pairs[j-1] = pairs[j-1], pairs[j]
		}
	}
	best, fewest := pairs[len(pairs)-1], -1
	for _, pr := range pairs {
		c := count(pr.p, pr.s)
		if c == 1 {
			return pr.p, pr.s
		}
		if c > 0 && (fewest < 0 || c < fewest) {
			best, fewest = pr, c
		}
	}
	return best.p, best.s
}

// count returns how many times the page holds quote with prefix just before
// it and suffix just after it in the same block, white space between them
// allowed, as a browser matches a text directive.
func (h *haystack) count(prefix, quote, suffix string) int {
	q := fold([]rune(quote))
	p, s := fold([]rune(prefix)), fold([]rune(suffix))
	n := 0
	for _, blk := range h.folded {
		for i := indexRunes(blk, q, 0); i >= 0; i = indexRunes(blk, q, i+1) {
			if len(p) > 0 && !hasSuffix(trimRightSpace(blk[:i]), p) {
				continue
			}
			if len(s) > 0 && !hasPrefix(trimLeftSpace(blk[i+len(q):]), s) {
				continue
			}
			n++
		}
	}
	return n
}

// isBoundary reports whether position i of a block (between rs[i-1] and
// rs[i]) is a word boundary to every segmenter a browser may use: the edges
// of the block, either side of a space, between punctuation and a letter
// (unless the punctuation sits inside a word, as in "e.g" or "3.14"),
// between two punctuation marks, and between an ideograph or kana and any
// other character but another ideograph or kana. Between two ideographs only
// a dictionary knows, so never there.
func isBoundary(rs []rune, i int) bool {
	if i <= 0 || i >= len(rs) {
		return true
	}
	a, b := rs[i-1], rs[i]
	if unicode.IsSpace(a) || unicode.IsSpace(b) {
		return true
	}
	if attaches(b) || a == '\u200d' {
		return false
	}
	da, db := dictionaryScript(a), dictionaryScript(b)
	switch {
	case da && db:
		return false
	case da || db:
		return true
	}
	wa, wb := inWord(a), inWord(b)
	switch {
	case wa && wb:
		return false
	case !wa && !wb:
		return true
	case !wa: // punctuation then a letter: inside a word when a letter precedes it
		return i < 2 || !inWord(rs[i-2]) || dictionaryScript(rs[i-2])
	default: // a letter then punctuation: inside a word when a letter follows
		return i+1 >= len(rs) || !inWord(rs[i+1]) || dictionaryScript(rs[i+1])
	}
}

// dictionaryScript reports Han and kana: scripts without spaces whose words
// only a dictionary finds.
func dictionaryScript(r rune) bool {
	s := text.ScriptOf(r)
	return s == text.Han || s == text.Kana
}

// inWord reports a character that is part of a word: a letter, a digit, a
// joining underscore.
func inWord(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Pc, r)
}

// attaches reports a character that belongs to the one before it: a
// combining mark, a joiner, a variation selector.
func attaches(r rune) bool {
	return unicode.In(r, unicode.Mn, unicode.Me, unicode.Mc, unicode.Cf)
}

func indexRunes(hay, needle []rune, from int) int {
	if len(needle) == 0 {
		return -1
	}
	for i := from; i+len(needle) <= len(hay); i++ {
		if hay[i] == needle[0] && hasPrefix(hay[i:], needle) {
			return i
		}
	}
	return -1
}

func hasPrefix(s, p []rune) bool {
	if len(p) > len(s) {
		return false
	}
	for i := range p {
		if s[i] != p[i] {
			return false
		}
	}
	return true
}

func hasSuffix(s, p []rune) bool { return len(p) <= len(s) && hasPrefix(s[len(s)-len(p):], p) }

func trimRightSpace(rs []rune) []rune {
	for len(rs) > 0 && unicode.IsSpace(rs[len(rs)-1]) {
		rs = rs[:len(rs)-1]
	}
	return rs
}

func trimLeftSpace(rs []rune) []rune {
	for len(rs) > 0 && unicode.IsSpace(rs[0]) {
		rs = rs[1:]
	}
	return rs
}

// encodeFragmentPart percent-encodes one part of a text directive. The Text
// Fragments spec requires '-', '&' and ',' to be encoded inside a part (they
// are the directive's syntax); encoding everything but ASCII letters, digits
// and ._~ also covers spaces, '#', '%' and UTF-8 (Chinese) text.
func encodeFragmentPart(s string) string {
	return percentEncode(s, func(s string, i int) bool { return isAlnum(s[i]) || strings.IndexByte("._~", s[i]) >= 0 })
}
