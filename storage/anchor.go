package storage

import (
	mtext "app.margin/margin/internal/text"
	"slices"
	"strings"
	"unicode"
)

// findQuote returns the span (code points) of the occurrence-th
// non-overlapping match of quote in text. Runs of white space in the quote
// match any run of white space in the text (a quote copied across a paragraph
// break has a space or a newline where the text has "\n\n"), and white space
// around the quote is ignored.
func findQuote(text []rune, quote string, occurrence int) (start, end int, ok bool) {
	q := []rune(strings.Join(strings.Fields(quote), " "))
	if len(q) == 0 {
		return 0, 0, false
	}
	// Collapse the text's white-space runs to one space, remembering where
	// each collapsed rune came from.
	flat := make([]rune, 0, len(text))
	from := make([]int, 0, len(text))
	for i := 0; i < len(text); i++ {
		if unicode.IsSpace(text[i]) {
			from = append(from, i)
			flat = append(flat, ' ')
			for i+1 < len(text) && unicode.IsSpace(text[i+1]) {
				i++
			}
			continue
		}
		from = append(from, i)
		flat = append(flat, text[i])
	}
	n := 0
	for i := 0; i+len(q) <= len(flat); {
		j := indexRunes(flat[i:], q)
		if j < 0 {
			break
		}
		i += j
		if n++; n == occurrence {
			// The quote starts and ends with a non-space rune, so both ends map
			// to exact positions in text.
			return from[i], from[i+len(q)-1] + 1, true
		}
		i += len(q)
	}
	return 0, 0, false
}

// indexRunes is strings.Index for rune slices.
func indexRunes(s, sub []rune) int {
	if len(sub) == 0 {
		return 0
	}
	for i := 0; i+len(sub) <= len(s); i++ {
		if s[i] == sub[0] && slices.Equal(s[i:i+len(sub)], sub) {
			return i
		}
	}
	return -1
}

// shortQuote is the length (code points) below which a quote must also
// find some of its old context to be placed.
const shortQuote = 24

// contextNeed is how many code points of a highlight's old surroundings
// (prefix and suffix together) a short quote, or a quote found only
// approximately, must find around it to be placed: fewer agree by chance in
// a text that repeats its words.
const contextNeed = 8

// maxErrorRate is the share of a quote's code points that may differ
// (edit distance) in a fuzzy re-anchoring before the highlight is orphaned.
const maxErrorRate = 0.25

// anchor places highlight h in text, which replaced a text of oldLen code
// points: the exact matches of its quote first, the one whose surroundings
// agree best with its prefix and suffix and, among those, the closest to
// where it was; failing that, the closest fuzzy match of the quote within
// maxErrorRate edits. A quote shorter than shortQuote, and any quote found
// only by the fuzzy match, must also find contextNeed code points of its old
// context.
func anchor(text []rune, h Highlight, oldLen int) (start, end int, ok bool) {
	quote, prefix, suffix := []rune(h.Quote), []rune(h.Prefix), []rune(h.Suffix)
	if len(quote) == 0 || len(text) == 0 {
		return 0, 0, false
	}
	// Where the highlight would be if the text had grown or shrunk evenly.
	expected := h.Start
	if oldLen > 0 {
		expected = int(int64(h.Start) * int64(len(text)) / int64(oldLen))
	}
	best, bestScore, bestDist := -1, -1, 0
	for i := 0; i+len(quote) <= len(text); i++ {
		j := indexRunes(text[i:], quote)
		if j < 0 {
			break
		}
		i += j
		score := mtext.CommonSuffix(text[:i], prefix) + mtext.CommonPrefix(text[i+len(quote):], suffix)
		dist := abs(i - expected)
		if score > bestScore || (score == bestScore && dist < bestDist) {
			best, bestScore, bestDist = i, score, dist
		}
	}
	// A short quote found where nothing around it agrees with its old
	// surroundings is more likely the same few words elsewhere than the
	// passage the reader marked: better orphaned than silently misplaced.
	context := min(contextNeed, (len(prefix)+len(suffix))/2)
	need := 0
	if len(quote) < shortQuote {
		need = context
	}
	if best >= 0 && bestScore >= need {
		return best, best + len(quote), true
	}
	// A near copy of the quote is the passage edited only where its
	// surroundings agree too: otherwise it is as likely a similar sentence
	// elsewhere, in a text whose passage was deleted.
	need = context
	if len(quote) > longQuote {
		start, end, ok = fuzzyFindLong(text, quote, prefix, suffix, expected)
	} else {
		start, end, ok = fuzzyFind(text, quote, prefix, suffix, expected)
	}
	if !ok {
		return 0, 0, false
	}
	if mtext.CommonSuffix(text[:start], prefix)+mtext.CommonPrefix(text[end:], suffix) < need {
		return 0, 0, false
	}
	// An edit at either end can pull in a neighbouring space or newline the
	// quote did not have.
	for start < end-1 && unicode.IsSpace(text[start]) && !unicode.IsSpace(quote[0]) {
		start++
	}
	for end-1 > start && unicode.IsSpace(text[end-1]) && !unicode.IsSpace(quote[len(quote)-1]) {
		end--
	}
	return start, end, true
}

// fuzzyFind returns the span of text closest in edit distance to pattern
// (Sellers' approximate substring search); among equally close spans, the one
// whose surroundings agree best with prefix and suffix, then the one nearest
// expected. ok is false when every span needs more than maxErrorRate edits.
func fuzzyFind(text, pattern, prefix, suffix []rune, expected int) (start, end int, ok bool) {
	m := len(pattern)
	maxErr := int(float64(m) * maxErrorRate)
	if maxErr == 0 {
		return 0, 0, false // exact search already failed
	}
	// col[i] is the edit distance between pattern[:i] and the best substring
	// of text ending at the current position. Ukkonen's cut-off: rows below
	// last are known to exceed maxErr and are not computed.
	col := make([]int, m+1)
	for i := range col {
		col[i] = i
	}
	last := maxErr
	bestEnd, bestErr, bestCtx := -1, maxErr+1, 0
	for j := 1; j <= len(text); j++ {
		diag := 0 // col[0] stays 0: a match may start anywhere
		top := min(last+1, m)
		for i := 1; i <= top; i++ {
			up := col[i]
			if i > last {
				up = maxErr + 1
			}
			cost := 1
			if pattern[i-1] == text[j-1] {
				cost = 0
			}
			col[i] = min(diag+cost, up+1, col[i-1]+1)
			diag = up
		}
		last = top
		for last > 0 && col[last] > maxErr {
			last--
		}
		if last < m {
			continue
		}
		e := col[m]
		if e > bestErr {
			continue
		}
		ctx := mtext.CommonPrefix(text[j:], suffix)
		if e < bestErr || ctx > bestCtx || (ctx == bestCtx && abs(j-m-expected) < abs(bestEnd-m-expected)) {
			bestEnd, bestErr, bestCtx = j, e, ctx
		}
	}
	if bestEnd < 0 {
		return 0, 0, false
	}
	return bestStart(text, pattern, prefix, bestEnd, maxErr), bestEnd, true
}

// longQuote is the length (code points) above which a quote is placed
// fuzzily by its two ends: a full edit-distance search costs the square of
// the quote's length.
const longQuote = 2000

// quoteEnd is how many code points of each end of a long quote are searched.
const quoteEnd = 200

// fuzzyFindLong places a long quote by finding its first and last quoteEnd
// code points, the end after the start, and accepting the span when its
// length is within maxErrorRate of the quote's.
func fuzzyFindLong(text, quote, prefix, suffix []rune, expected int) (start, end int, ok bool) {
	m := len(quote)
	head, tail := quote[:quoteEnd], quote[m-quoteEnd:]
	start, headEnd, ok := fuzzyFind(text, head, prefix, quote[quoteEnd:2*quoteEnd], expected)
	if !ok {
		return 0, 0, false
	}
	rest := text[headEnd:]
	_, tailEnd, ok := fuzzyFind(rest, tail, quote[m-2*quoteEnd:m-quoteEnd], suffix, start+m-quoteEnd-headEnd)
	if !ok {
		return 0, 0, false
	}
	end = headEnd + tailEnd
	if abs(end-start-m) > int(float64(m)*maxErrorRate) {
		return 0, 0, false
	}
	return start, end, true
}

// bestStart finds where the best match of pattern that ends at end begins:
// the global edit distance of the reversed pattern against the reversed text
// before end, minimised over the length taken from the text; ties go to the
// start whose preceding text agrees best with prefix.
func bestStart(text, pattern, prefix []rune, end, maxErr int) int {
	m := len(pattern)
	width := min(end, m+maxErr)
	// row[k]: distance between pattern's last i runes and text[end-k:end].
	row := make([]int, width+1)
	for k := range row {
		row[k] = k
	}
	for i := 1; i <= m; i++ {
		prev := row[0]
		row[0] = i
		for k := 1; k <= width; k++ {
			cost := 1
			if pattern[m-i] == text[end-k] {
				cost = 0
			}
			v := min(prev+cost, row[k]+1, row[k-1]+1)
			prev, row[k] = row[k], v
		}
	}
	bestK, bestCtx := 0, 0
	for k := 1; k <= width; k++ {
		if row[k] > row[bestK] {
			continue
		}
		ctx := mtext.CommonSuffix(text[:end-k], prefix)
		if row[k] < row[bestK] || ctx > bestCtx || (ctx == bestCtx && abs(k-m) < abs(bestK-m)) {
			bestK, bestCtx = k, ctx
		}
	}
	return end - bestK
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
