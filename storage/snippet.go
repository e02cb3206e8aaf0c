package storage

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
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
}

// asciiTokenByte is isTokenRune for ASCII bytes, as a table: most of the
// text a snippet scans is ASCII, and the table keeps that loop tight.
var asciiTokenByte = func() (table [utf8.RuneSelf]bool) {
	for c := range table {
		table[c] = isTokenRune(rune(c))
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
		if isCJK(r) {
			t.pos = i + size
			return i, t.pos, true
		}
		if isTokenRune(r) {
			break
		}
		i += size
	}
	if i == len(s) {
		t.pos = i
		return 0, 0, false
	}
	start = i
	for i < len(s) { // the token, up to a separator or a CJK character
		if c := s[i]; c < utf8.RuneSelf {
			if !asciiTokenByte[c] {
				break
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if isCJK(r) || !isTokenRune(r) {
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

// foldToken folds case and removes diacritics, as unicode61
// remove_diacritics 2 does, so Café matches cafe.
func foldToken(t string) string {
	ascii, upper := true, false
	for i := 0; i < len(t); i++ {
		c := t[i]
		if c >= utf8.RuneSelf {
			ascii = false
			break
		}
		if 'A' <= c && c <= 'Z' {
			upper = true
		}
	}
	switch {
	case ascii && !upper:
		return t
	case ascii:
		return strings.ToLower(t)
	}
	if r, size := utf8.DecodeRuneInString(t); size == len(t) && isCJK(r) {
		return t // no case, no diacritics
	}
	var b strings.Builder
	for _, r := range norm.NFD.String(t) {
		if !unicode.Is(unicode.Mn, r) {
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// snippetLead is how many tokens a snippet shows before its first match.
const snippetLead = 4

// snippeter makes the snippets of one search's hits. It keeps the buffers
// a scan fills (a long article has thousands of tokens) for the next hit,
// instead of growing new ones for every article; it is not safe for
// concurrent use.
type snippeter struct {
	terms   []queryTerm
	spans   [][2]int // byte offsets of the tokens read so far
	matches []match
	last    []int // token index after each term's latest match
}

func newSnippeter(terms []queryTerm) *snippeter {
	return &snippeter{terms: terms, last: make([]int, len(terms))}
}

// snippet returns a passage of about snippetTokens tokens from the first
// of texts in which a term matches, chosen to show as many different terms
// as it can, with each match between MarkOpen and MarkClose and … where the
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

// scanFrom returns where in text snippetOf starts to look: when every term
// is CJK, the paragraph of the first literal occurrence of any of them
// (found with a fast substring search), and absent when there is none, so
// the text need not be tokenized at all. Otherwise 0: case and diacritic
// folding leave nothing to search for literally.
func scanFrom(terms []queryTerm, text string) (from int, absent bool) {
	first := -1
	for _, t := range terms {
		needle := strings.Join(t.tokens, "")
		if !allCJK(needle) {
			return 0, false
		}
		if i := strings.Index(text, needle); i >= 0 && (first < 0 || i < first) {
			first = i
		}
	}
	if first < 0 {
		return 0, true
	}
	return strings.LastIndexByte(text[:first], '\n') + 1, false
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
	from, absent := scanFrom(s.terms, text)
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
		tok = foldToken(tok)
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
func render(text string, spans [][2]int, first, end int, matches []match) string {
	if first >= end {
		return ""
	}
	var b strings.Builder
	pos := spans[first][0]
	if strings.IndexFunc(text[:pos], isTokenRune) >= 0 {
		b.WriteString("…")
	}
	for _, m := range matches {
		if m.start < first || m.end > end || spans[m.start][0] < pos {
			continue // outside the window, or overlapping a match already marked
		}
		b.WriteString(text[pos:spans[m.start][0]])
		b.WriteString(MarkOpen)
		b.WriteString(text[spans[m.start][0]:spans[m.end-1][1]])
		b.WriteString(MarkClose)
		pos = spans[m.end-1][1]
	}
	if end == len(spans) {
		b.WriteString(text[pos:])
	} else {
		// Up to the next space, so a cut keeps the word's punctuation.
		tail := text[spans[end-1][1]:spans[end][0]]
		if i := strings.IndexFunc(tail, unicode.IsSpace); i >= 0 {
			tail = tail[:i]
		}
		b.WriteString(text[pos:spans[end-1][1]] + tail + "…")
	}
	return strings.Join(strings.Fields(b.String()), " ")
}
