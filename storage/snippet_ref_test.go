package storage

// The snippet code as it was before the scan was made faster, kept as the
// reference the faster code must agree with, snippet for snippet: same
// tokens, same window, same marks. Do not "improve" it.

import (
	"app.margin/margin/internal/text"

	"strings"
	"unicode"
	"unicode/utf8"
)

const refSnippetTokens = 32

func refIsCJK(r rune) bool {
	if r < 0x1100 {
		return false
	}
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul) ||
		r == 0x30FC
}

func refIsTokenRune(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.In(r, unicode.Co)
}

func refAllCJK(s string) bool {
	for _, r := range s {
		if !refIsCJK(r) || !refIsTokenRune(r) {
			return false
		}
	}
	return true
}

// refTokenizer returns the tokens of s one by one, as unicode61 sees s once
// separateCJK has run: runs of letters and digits, each CJK character alone.
type refTokenizer struct {
	s   string
	pos int
}

// next returns the byte offsets of the next token.
func (t *refTokenizer) next() (start, end int, ok bool) {
	start = -1
	for t.pos < len(t.s) {
		r, size := rune(t.s[t.pos]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(t.s[t.pos:])
		}
		switch {
		case refIsCJK(r):
			if start >= 0 {
				return start, t.pos, true
			}
			t.pos += size
			return t.pos - size, t.pos, true
		case refIsTokenRune(r):
			if start < 0 {
				start = t.pos
			}
		case start >= 0:
			return start, t.pos, true
		}
		t.pos += size
	}
	if start >= 0 {
		return start, t.pos, true
	}
	return 0, 0, false
}

// refTokenize calls fn with the byte offsets of each token of s.
func refTokenize(s string, fn func(start, end int)) {
	tz := refTokenizer{s: s}
	for {
		start, end, ok := tz.next()
		if !ok {
			return
		}
		fn(start, end)
	}
}

// refSnippetLead is how many tokens a snippet shows before its first refMatch.
const refSnippetLead = 4

// refMakeSnippet returns a passage of about refSnippetTokens tokens from the first
// of texts in which a term matches, chosen to show as many different terms
// as it can, with each refMatch between markOpen and markClose and … where the
// text goes on. When no text matches (the hit was in the title, say) it is
// the start of the first text.
func refMakeSnippet(terms []queryTerm, texts ...string) string {
	for _, text := range texts {
		if s, ok := refSnippetOf(terms, text); ok {
			return s
		}
	}
	for _, text := range texts {
		if strings.TrimSpace(text) != "" {
			tz := refTokenizer{s: text}
			spans := tz.refTake(nil, refSnippetTokens+1)
			return refRender(text, spans, 0, min(len(spans), refSnippetTokens), nil)
		}
	}
	return ""
}

// refScanFrom returns where in text refSnippetOf starts to look: when every term
// is CJK, the paragraph of the first literal occurrence of any of them
// (found with a fast substring search), and absent when there is none, so
// the text need not be tokenized at all. Otherwise 0: case and diacritic
// folding leave nothing to search for literally.
func refScanFrom(terms []queryTerm, text string) (from int, absent bool) {
	first := -1
	for _, t := range terms {
		needle := strings.Join(t.tokens, "")
		if !refAllCJK(needle) {
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

// refTake appends up to n more tokens to spans.
func (t *refTokenizer) refTake(spans [][2]int, n int) [][2]int {
	for ; n > 0; n-- {
		start, end, ok := t.next()
		if !ok {
			break
		}
		spans = append(spans, [2]int{start, end})
	}
	return spans
}

// refMatch is a term found at tokens [start, end) of a text.
type refMatch struct{ start, end, term int }

// refSnippetScan is how many tokens past the first refMatch refSnippetOf looks for
// a refWindow with more of the terms.
const refSnippetScan = 2000

// refSnippetOf scans text only as far as it must: up to a refWindow in which every
// term matches (for one term, its first refMatch), or refSnippetScan tokens past
// the first refMatch when the terms do not come refTogether.
func refSnippetOf(terms []queryTerm, text string) (string, bool) {
	from, absent := refScanFrom(terms, text)
	if absent {
		return "", false
	}
	tz := refTokenizer{s: text, pos: from}
	var spans [][2]int
	var matches []refMatch
	last := make([]int, len(terms)) // token index after each term's latest refMatch
	done := false
	for !done {
		start, end, ok := tz.next()
		if !ok {
			break
		}
		spans = append(spans, [2]int{start, end})
		i := len(spans) - 1
		for k, t := range terms {
			if refTermEndsAt(t, text, spans, i) {
				matches = append(matches, refMatch{i + 1 - len(t.tokens), i + 1, k})
				last[k] = i + 1
				done = refTogether(last, i+1)
			}
		}
		if len(matches) > 0 && i > matches[0].start+refSnippetScan {
			done = true
		}
	}
	if len(matches) == 0 {
		return "", false
	}
	first, anchor := refWindow(matches, len(terms))
	for k := first; k < anchor; k++ {
		if strings.Contains(text[spans[k][1]:spans[k+1][0]], "\n") {
			first = k + 1 // start at the paragraph of the refMatch
		}
	}
	if n := first + refSnippetTokens + 1 - len(spans); n > 0 {
		spans = tz.refTake(spans, n)
	}
	return refRender(text, spans, first, min(first+refSnippetTokens, len(spans)), matches), true
}

// refTogether reports whether every term has matched in the snippet-sized
// stretch of tokens ending at end.
func refTogether(last []int, end int) bool {
	for _, l := range last {
		if l == 0 || end-l >= refSnippetTokens-refSnippetLead {
			return false
		}
	}
	return true
}

// refWindow returns the first token of the refWindow that covers the most
// different terms, the earliest of those, and the first refMatch in it; a
// bounded number of candidates keeps common words cheap.
func refWindow(matches []refMatch, terms int) (first, anchor int) {
	bestScore := 0
	seen := make(map[int]bool, terms)
	for a := 0; a < len(matches) && a < 200; a++ {
		start := max(matches[a].start-refSnippetLead, 0)
		clear(seen)
		for _, m := range matches[a:] {
			if m.end > start+refSnippetTokens {
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

// refTermEndsAt reports whether term t matches the tokens of text that end
// with token i.
func refTermEndsAt(t queryTerm, text string, spans [][2]int, i int) bool {
	first := i + 1 - len(t.tokens)
	if first < 0 {
		return false
	}
	for j, want := range t.tokens {
		sp := spans[first+j]
		if !refTokenMatches(text[sp[0]:sp[1]], want, t.prefix && j == len(t.tokens)-1) {
			return false
		}
	}
	return true
}

// refTokenMatches compares a token of the text with a folded query token,
// without allocating for ASCII tokens.
func refTokenMatches(tok, want string, prefix bool) bool {
	if !refIsASCII(tok) {
		tok = text.Fold(tok) // folding is not what the faster scan changed
	}
	if prefix {
		return len(tok) >= len(want) && refAsciiEqualFold(tok[:len(want)], want)
	}
	return len(tok) == len(want) && refAsciiEqualFold(tok, want)
}

func refIsASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// refAsciiEqualFold compares s with the folded want, folding ASCII letters of s.
func refAsciiEqualFold(s, want string) bool {
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

// refRender returns text from token first to token end (exclusive), with the
// matches inside marked and … where the text is cut.
func refRender(text string, spans [][2]int, first, end int, matches []refMatch) string {
	if first >= end {
		return ""
	}
	var b strings.Builder
	pos := spans[first][0]
	if strings.IndexFunc(text[:pos], refIsTokenRune) >= 0 {
		b.WriteString("…")
	}
	for _, m := range matches {
		if m.start < first || m.end > end || spans[m.start][0] < pos {
			continue // outside the refWindow, or overlapping a refMatch already marked
		}
		b.WriteString(text[pos:spans[m.start][0]])
		b.WriteString(markOpen)
		b.WriteString(text[spans[m.start][0]:spans[m.end-1][1]])
		b.WriteString(markClose)
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
