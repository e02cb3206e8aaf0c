package storage

import (
	"app.margin/margin/internal/text"

	"strings"
	"unicode"
	"unicode/utf8"
)

// Snippets are made in Go rather than by FTS5's snippet(): that function
// tokenizes the whole of every hit's text again, which on modernc costs
// 1-6 ms an article (30-300 ms for a page of 50 hits), while this does the
// same job in well under a millisecond. It follows the index's tokenizer:
// runs of letters and digits, each CJK character a token of its own, case
// and diacritics folded.

// tokenizer returns the tokens of s one by one, as unicode61 sees s once
// separateCJK has run: runs of letters and digits, each CJK character alone.
type tokenizer struct {
	s   string
	pos int
	cjk bool // the token next returned last is one CJK character
}

// asciiTokenByte is text.IsTokenRune for ASCII bytes, as a table: most of the
// text a snippet scans is ASCII, and the table keeps that loop tight.
var asciiTokenByte = func() (table [utf8.RuneSelf]bool) {
	for c := range table {
		table[c] = text.IsTokenRune(rune(c))
	}
	return table
}()

// next returns the byte offsets of the next token.
func (t *tokenizer) next() (start, end int, ok bool) {
	s, i := t.s, t.pos
	for i < len(s) { // separators before the token
		if c := s[i]; c < utf8.RuneSelf {
			if asciiTokenByte[c] {
				break
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if text.IsCJK(r) {
			t.pos, t.cjk = i+size, true
			return i, t.pos, true
		}
		if text.IsTokenRune(r) {
			break
		}
		i += size
	}
	if i == len(s) {
		t.pos = i
		return 0, 0, false
	}
	start, t.cjk = i, false
	for i < len(s) { // the token, up to a separator or a CJK character
		if c := s[i]; c < utf8.RuneSelf {
			if !asciiTokenByte[c] {
				break
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if text.IsCJK(r) || !text.IsTokenRune(r) {
			break
		}
		i += size
	}
	t.pos = i
	return start, i, true
}

// tokenize calls fn with the byte offsets of each token of s.
func tokenize(s string, fn func(start, end int)) {
	tz := tokenizer{s: s}
	for {
		start, end, ok := tz.next()
		if !ok {
			return
		}
		fn(start, end)
	}
}

// snippetLead is how many tokens a snippet shows before its first match.
const snippetLead = 4

// snippeter makes the snippets of one search's hits. It keeps the buffers
// a scan fills (a long article has thousands of tokens) for the next hit,
// instead of growing new ones for every article; it is not safe for
// concurrent use.
type snippeter struct {
	terms      []queryTerm
	cjkNeedles []string // each term's text when all are CJK, else nil
	ends       []string // each term's last token
	spans      [][2]int // byte offsets of the tokens read so far
	matches    []match
	last       []int // token index after each term's latest match
}

// newSnippeter returns a snippeter for the terms of one query; what it works
// out from them once (each term's last token, the literal CJK needles) it
// uses for every hit.
func newSnippeter(terms []queryTerm) *snippeter {
	s := &snippeter{terms: terms, ends: make([]string, len(terms)), last: make([]int, len(terms))}
	for k, t := range terms {
		if n := len(t.tokens); n > 0 {
			s.ends[k] = t.tokens[n-1]
		}
	}
	for _, t := range terms {
		needle := strings.Join(t.tokens, "")
		if !allCJK(needle) {
			s.cjkNeedles = nil
			break
		}
		s.cjkNeedles = append(s.cjkNeedles, needle)
	}
	return s
}

// snippet returns a passage of about snippetTokens tokens from the first
// of texts in which a term matches, chosen to show as many different terms
// as it can, with each match between markOpen and markClose and … where the
// text goes on. When no text matches (the hit was in the title, say) it is
// the start of the first text.
func (s *snippeter) snippet(texts ...string) string {
	for _, text := range texts {
		if out, ok := s.snippetOf(text); ok {
			return out
		}
	}
	for _, text := range texts {
		if strings.TrimSpace(text) != "" {
			tz := tokenizer{s: text}
			spans := tz.take(s.spans[:0], snippetTokens+1)
			return render(text, spans, 0, min(len(spans), snippetTokens), nil)
		}
	}
	return ""
}

// scanFrom returns where in text snippetOf starts to look, and absent when
// no term can match in it, so that the text need not be tokenized at all
// (a hit on the title, say), or only from near its first match.
//
// When every term is CJK, it is the paragraph of the first literal
// occurrence of any of them (found with a fast substring search). Otherwise
// it is the first place where a term's first token may match (see
// firstPossible), backed up to a paragraph with at least snippetLead tokens
// before that place (one more, as the place may be inside a token), or to
// the start: the scan then finds the matches, and chooses and cuts the
// window, exactly as a scan of the whole text would, as its choices depend
// only on distances between tokens and on paragraph breaks.
func (s *snippeter) scanFrom(text string) (from int, absent bool) {
	if s.cjkNeedles != nil {
		first := -1
		for _, needle := range s.cjkNeedles {
			if i := strings.Index(text, needle); i >= 0 && (first < 0 || i < first) {
				first = i
			}
		}
		if first < 0 {
			return 0, true
		}
		return strings.LastIndexByte(text[:first], '\n') + 1, false
	}
	first := len(text)
	for _, t := range s.terms {
		if len(t.tokens) == 0 {
			return 0, false
		}
		first = firstPossible(text[:first], t.tokens[0])
	}
	if first == len(text) {
		return 0, true
	}
	from = strings.LastIndexByte(text[:first], '\n') + 1
	for from > 0 && !hasTokens(text[from:first], snippetLead+1) {
		from = strings.LastIndexByte(text[:from-1], '\n') + 1
	}
	return from, false
}

// firstPossible returns the first byte offset in s at which a token that
// matches want (a folded query token, as a word or a prefix) may start or
// be, or len(s) when there is none. An ASCII token matches only where want
// is written, in any case, and a CJK character only where it is itself; a
// token with any other letter may fold to anything (Café to cafe), so the
// first such letter counts as a place too.
func firstPossible(s, want string) int {
	var at int
	if r, size := utf8.DecodeRuneInString(want); size == len(want) && text.IsCJK(r) {
		at = strings.Index(s, want)
	} else if isASCII(want) {
		at = indexASCIIFold(s, want)
	} else {
		return 0
	}
	if at < 0 {
		at = len(s)
	}
	return firstOtherLetter(s[:at])
}

// firstOtherLetter returns the index of the first token rune of s that is
// neither ASCII nor CJK, or len(s). It skips ASCII eight bytes at a time
// and the common ideographs without decoding them: it runs over much of
// the text of every hit.
func firstOtherLetter(s string) int {
	for i := 0; i < len(s); {
		if i+8 <= len(s) && (s[i]|s[i+1]|s[i+2]|s[i+3]|s[i+4]|s[i+5]|s[i+6]|s[i+7]) < utf8.RuneSelf {
			i += 8
			continue
		}
		c := s[i]
		switch {
		case c < utf8.RuneSelf:
			i++
			continue
		case 0xE5 <= c && c <= 0xE9 && i+2 < len(s) && s[i+1]&0xC0 == 0x80 && s[i+2]&0xC0 == 0x80:
			i += 3 // U+5000 to U+9FFF: Han
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if !text.IsCJK(r) && text.IsTokenRune(r) {
			return i
		}
		i += size
	}
	return len(s)
}

// indexASCIIFold returns the index of the first instance of want (ASCII,
// lower case) in s, with s's ASCII letters folded, or -1.
func indexASCIIFold(s, want string) int {
	if want == "" {
		return 0
	}
	lower, upper := want[0], want[0]
	if 'a' <= lower && lower <= 'z' {
		upper -= 'a' - 'A'
	}
	nextLower, nextUpper := strings.IndexByte(s, lower), strings.IndexByte(s, upper)
	for {
		i := nextLower
		if i < 0 || (nextUpper >= 0 && nextUpper < i) {
			i = nextUpper
		}
		if i < 0 || len(s)-i < len(want) {
			return -1
		}
		if asciiEqualFold(s[i:i+len(want)], want) {
			return i
		}
		if i == nextLower {
			nextLower = indexByteFrom(s, i+1, lower)
		}
		if i == nextUpper {
			nextUpper = indexByteFrom(s, i+1, upper)
		}
	}
}

// indexByteFrom is strings.IndexByte of s from byte from on.
func indexByteFrom(s string, from int, c byte) int {
	if i := strings.IndexByte(s[from:], c); i >= 0 {
		return from + i
	}
	return -1
}

// hasTokens reports whether s has at least n tokens.
func hasTokens(s string, n int) bool {
	tz := tokenizer{s: s}
	for ; n > 0; n-- {
		if _, _, ok := tz.next(); !ok {
			return false
		}
	}
	return true
}

// take appends up to n more tokens to spans.
func (t *tokenizer) take(spans [][2]int, n int) [][2]int {
	for ; n > 0; n-- {
		start, end, ok := t.next()
		if !ok {
			break
		}
		spans = append(spans, [2]int{start, end})
	}
	return spans
}

// match is a term found at tokens [start, end) of a text.
type match struct{ start, end, term int }

// snippetScan is how many tokens past the first match snippetOf looks for
// a window with more of the terms.
const snippetScan = 2000

// snippetOf scans text only as far as it must: up to a window in which every
// term matches (for one term, its first match), or snippetScan tokens past
// the first match when the terms do not come together.
func (s *snippeter) snippetOf(text string) (string, bool) {
	from, absent := s.scanFrom(text)
	if absent {
		return "", false
	}
	tz := tokenizer{s: text, pos: from}
	spans, matches, last := s.spans[:0], s.matches[:0], s.last
	clear(last)
	defer func() { s.spans, s.matches = spans[:0], matches[:0] }()
	done := false
	for !done {
		start, end, ok := tz.next()
		if !ok {
			break
		}
		spans = append(spans, [2]int{start, end})
		i := len(spans) - 1
		for k, t := range s.terms {
			if !mayEndWith(text[start:end], s.ends[k], tz.cjk) {
				continue
			}
			if termEndsAt(t, text, spans, i) {
				matches = append(matches, match{i + 1 - len(t.tokens), i + 1, k})
				last[k] = i + 1
				done = together(last, i+1)
			}
		}
		if len(matches) > 0 && i > matches[0].start+snippetScan {
			done = true
		}
	}
	if len(matches) == 0 {
		return "", false
	}
	first, anchor := window(matches, len(s.terms))
	for k := first; k < anchor; k++ {
		if strings.Contains(text[spans[k][1]:spans[k+1][0]], "\n") {
			first = k + 1 // start at the paragraph of the match
		}
	}
	if n := first + snippetTokens + 1 - len(spans); n > 0 {
		spans = tz.take(spans, n)
	}
	return render(text, spans, first, min(first+snippetTokens, len(spans)), matches), true
}

// together reports whether every term has matched in the snippet-sized
// stretch of tokens ending at end.
func together(last []int, end int) bool {
	for _, l := range last {
		if l == 0 || end-l >= snippetTokens-snippetLead {
			return false
		}
	}
	return true
}

// window returns the first token of the window that covers the most
// different terms, the earliest of those, and the first match in it; a
// bounded number of candidates keeps common words cheap.
func window(matches []match, terms int) (first, anchor int) {
	bestScore := 0
	seen := make(map[int]bool, terms)
	for a := 0; a < len(matches) && a < 200; a++ {
		start := max(matches[a].start-snippetLead, 0)
		clear(seen)
		for _, m := range matches[a:] {
			if m.end > start+snippetTokens {
				break
			}
			seen[m.term] = true
		}
		if len(seen) > bestScore {
			first, anchor, bestScore = start, matches[a].start, len(seen)
		}
		if bestScore == terms {
			break
		}
	}
	return first, anchor
}

// mayEndWith is a quick test of whether tok, a token of the text, can match
// want, a term's last token; when it is false tokenMatches is too. A CJK
// character folds to itself, and folding keeps a leading ASCII letter first
// (lowered), so most tokens are told apart here without folding them.
func mayEndWith(tok, want string, cjk bool) bool {
	switch {
	case want == "":
		return true
	case cjk:
		return tok == want
	}
	c := tok[0]
	if 'A' <= c && c <= 'Z' {
		c += 'a' - 'A'
	}
	return c >= utf8.RuneSelf || c == want[0]
}

// termEndsAt reports whether term t matches the tokens of text that end
// with token i. It compares the last token first: that is the token just
// read, and almost every token fails there.
func termEndsAt(t queryTerm, text string, spans [][2]int, i int) bool {
	first := i + 1 - len(t.tokens)
	if first < 0 {
		return false
	}
	for j := len(t.tokens) - 1; j >= 0; j-- {
		sp := spans[first+j]
		if !tokenMatches(text[sp[0]:sp[1]], t.tokens[j], t.prefix && j == len(t.tokens)-1) {
			return false
		}
	}
	return true
}

// tokenMatches compares a token of the text with a folded query token,
// without allocating for ASCII and CJK tokens.
func tokenMatches(tok, want string, prefix bool) bool {
	if c := tok[0]; c < utf8.RuneSelf && want != "" {
		// Folding keeps a leading ASCII letter first and lowers it, so the
		// first byte tells most tokens apart.
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != want[0] {
			return false
		}
	}
	if !isASCII(tok) {
		tok = text.Fold(tok)
	}
	if prefix {
		return len(tok) >= len(want) && asciiEqualFold(tok[:len(want)], want)
	}
	return len(tok) == len(want) && asciiEqualFold(tok, want)
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// asciiEqualFold compares s with the folded want, folding ASCII letters of s.
func asciiEqualFold(s, want string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != want[i] {
			return false
		}
	}
	return true
}

// render returns text from token first to token end (exclusive), with the
// matches inside marked and … where the text is cut.
func render(s string, spans [][2]int, first, end int, matches []match) string {
	if first >= end {
		return ""
	}
	var b strings.Builder
	pos := spans[first][0]
	if strings.IndexFunc(s[:pos], text.IsTokenRune) >= 0 {
		b.WriteString("…")
	}
	for _, m := range matches {
		if m.start < first || m.end > end || spans[m.start][0] < pos {
			continue // outside the window, or overlapping a match already marked
		}
		b.WriteString(s[pos:spans[m.start][0]])
		b.WriteString(markOpen)
		b.WriteString(s[spans[m.start][0]:spans[m.end-1][1]])
		b.WriteString(markClose)
		pos = spans[m.end-1][1]
	}
	if end == len(spans) {
		b.WriteString(s[pos:])
	} else {
		// Up to the next space, so a cut keeps the word's punctuation.
		tail := s[spans[end-1][1]:spans[end][0]]
		if i := strings.IndexFunc(tail, unicode.IsSpace); i >= 0 {
			tail = tail[:i]
		}
		b.WriteString(s[pos:spans[end-1][1]] + tail + "…")
	}
	return strings.Join(strings.Fields(b.String()), " ")
}
