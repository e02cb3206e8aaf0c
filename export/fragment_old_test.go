package export

// The exporter as it was before issue 16 (commit d072428), kept in the tests
// only so the passage report can state the browser's match rate before and
// after: a fixed number of words or CJK characters of context, always.

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"app.margin/margin/internal/text"
	"app.margin/margin/storage"
)

// Limits of the text fragment parts. A browser only needs enough context to
// tell one occurrence from another; short parts keep the link readable and
// robust to small edits of the page around the passage.
const (
	oldContextWords    = 3  // words of prefix or suffix
	oldContextCJK      = 8  // CJK characters of prefix or suffix
	oldRangeWords      = 5  // words of textStart or textEnd in the range form
	oldRangeCJK        = 10 // CJK characters of textStart or textEnd
	oldPartMaxRunes    = 40 // any part, whatever its script (long URLs, no spaces)
	oldExactMaxRunes   = 80 // longer quotes use the textStart,textEnd form
	oldBoundaryMinRune = 3  // a cut at punctuation this far in beats a blind cut
)

// oldPassageURL returns a link to the highlight's passage on the original page:
// the canonical URL (else the final URL, else the URL the user gave) with a
// text fragment, #:~:text=prefix-,exact,-suffix, or
// #:~:text=prefix-,textStart,textEnd,-suffix for long or multi-paragraph
// quotes. It returns "" for an orphaned highlight (its passage is no longer
// in the page) and for an article without an http(s) address.
func oldPassageURL(a *storage.Article, h storage.Highlight) string {
	base := articleURL(a)
	quote := strings.TrimSpace(h.Quote)
	if base == "" || h.Orphaned || quote == "" {
		return ""
	}
	return base + "#:~:" + oldTextDirective(quote, h.Prefix, h.Suffix)
}

// oldTextDirective builds text=... from a quote and its context. Browsers match
// each part inside one block of the page, so the prefix and suffix are cut
// at the paragraph break nearest the quote, and a quote spanning paragraphs
// uses the range form.
func oldTextDirective(quote, prefix, suffix string) string {
	var b strings.Builder
	b.WriteString("text=")
	if i := strings.LastIndexByte(prefix, '\n'); i >= 0 {
		prefix = prefix[i+1:]
	}
	if p := oldTail(prefix, oldContextWords, oldContextCJK); p != "" {
		b.WriteString(encodeFragmentPart(p) + "-,")
	}
	if strings.Contains(quote, "\n") || utf8.RuneCountInString(quote) > oldExactMaxRunes {
		first, last := quote, quote
		if i := strings.IndexByte(quote, '\n'); i >= 0 {
			first = quote[:i]
		}
		if i := strings.LastIndexByte(quote, '\n'); i >= 0 {
			last = quote[i+1:]
		}
		b.WriteString(encodeFragmentPart(oldHead(first, oldRangeWords, oldRangeCJK)))
		b.WriteString("," + encodeFragmentPart(oldTail(last, oldRangeWords, oldRangeCJK)))
	} else {
		b.WriteString(encodeFragmentPart(quote))
	}
	if i := strings.IndexByte(suffix, '\n'); i >= 0 {
		suffix = suffix[:i]
	}
	if s := oldHead(suffix, oldContextWords, oldContextCJK); s != "" {
		b.WriteString(",-" + encodeFragmentPart(s))
	}
	return b.String()
}

// oldHead returns the start of s: at most maxWords words, maxCJK CJK characters
// or oldPartMaxRunes characters. Browsers require a match to end on a word
// boundary, so the cut is made at a space or after punctuation when one is
// near; CJK text without punctuation is cut by count.
func oldHead(s string, maxWords, maxCJK int) string {
	return string(oldCut([]rune(strings.TrimSpace(s)), maxWords, maxCJK))
}

// oldTail is oldHead from the end: the last words of s.
func oldTail(s string, maxWords, maxCJK int) string {
	rs := []rune(strings.TrimSpace(s))
	oldReverse(rs)
	rs = oldCut(rs, maxWords, maxCJK)
	oldReverse(rs)
	return string(rs)
}

func oldReverse(rs []rune) {
	for i, j := 0, len(rs)-1; i < j; i, j = i+1, j-1 {
		rs[i], rs[j] = rs[j], rs[i]
	}
}

// oldCut keeps the leading runes of rs within the limits, see head.
func oldCut(rs []rune, maxWords, maxCJK int) []rune {
	words, cjk, boundary := 0, 0, 0
	for i, r := range rs {
		switch {
		case unicode.IsSpace(r):
			if i > 0 && !unicode.IsSpace(rs[i-1]) {
				words++
				boundary = i
				if words == maxWords {
					return rs[:i]
				}
			}
			continue
		case text.IsCJK(r):
			cjk++
		case unicode.IsPunct(r):
			boundary = i + 1
		}
		if cjk >= maxCJK || i+1 >= oldPartMaxRunes {
			if boundary >= oldBoundaryMinRune && i+1 < len(rs) && !oldIsBoundaryAt(rs, i+1) {
				return oldTrimRunes(rs[:boundary])
			}
			return rs[:i+1]
		}
	}
	return rs
}

// oldIsBoundaryAt reports whether a cut before rs[i] already falls between
// words or after punctuation.
func oldIsBoundaryAt(rs []rune, i int) bool {
	return unicode.IsSpace(rs[i]) || unicode.IsPunct(rs[i-1]) || unicode.IsPunct(rs[i])
}

func oldTrimRunes(rs []rune) []rune {
	for len(rs) > 0 && unicode.IsSpace(rs[len(rs)-1]) {
		rs = rs[:len(rs)-1]
	}
	return rs
}
