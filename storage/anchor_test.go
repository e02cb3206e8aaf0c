package storage

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// editDistance is the plain Levenshtein distance.
func editDistance(a, b []rune) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j-1]+cost, prev[j]+1, cur[j-1]+1)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// TestFuzzyFindIsBest checks fuzzyFind against brute force on random texts:
// it finds a span exactly when one within the error budget exists, and its
// span is as close as the closest.
func TestFuzzyFindIsBest(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 5))
	alphabet := []rune("ab大模c ")
	for round := range 300 {
		text := make([]rune, 20+rng.IntN(60))
		for i := range text {
			text[i] = alphabet[rng.IntN(len(alphabet))]
		}
		pattern := make([]rune, 4+rng.IntN(12))
		for i := range pattern {
			pattern[i] = alphabet[rng.IntN(len(alphabet))]
		}
		maxErr := int(float64(len(pattern)) * maxErrorRate)
		best := len(pattern) + 1
		for s := 0; s <= len(text); s++ {
			for e := s; e <= len(text); e++ {
				best = min(best, editDistance(pattern, text[s:e]))
			}
		}
		start, end, ok := fuzzyFind(text, pattern, nil, nil, 0)
		if want := maxErr > 0 && best <= maxErr; ok != want {
			t.Fatalf("round %d: fuzzyFind(%q, %q) ok = %v, want %v (best distance %d, budget %d)",
				round, string(text), string(pattern), ok, want, best, maxErr)
		}
		if ok {
			if got := editDistance(pattern, text[start:end]); got != best {
				t.Fatalf("round %d: fuzzyFind(%q, %q) = %q at distance %d, want distance %d",
					round, string(text), string(pattern), string(text[start:end]), got, best)
			}
		}
	}
}

func TestAnchorLongQuote(t *testing.T) {
	old := []rune(corpus.Article(0).Text)
	// Highlight almost the whole article, then edit it in a few places.
	h := Highlight{Start: 50, End: len(old) - 50}
	h.Quote, h.Prefix, h.Suffix = quoteAt(old, h.Start, h.End)
	if len([]rune(h.Quote)) <= longQuote {
		t.Fatalf("quote of %d code points is not long", len([]rune(h.Quote)))
	}
	edited := append([]rune("A new first line.\n\n"), old...)
	for i := 500; i < len(edited); i += 900 {
		edited[i] = '*'
	}
	start, end, ok := anchor(edited, h, len(old))
	if wantStart, wantEnd := h.Start+19, h.End+19; !ok || start != wantStart || end != wantEnd {
		t.Errorf("anchor = %d..%d %v, want %d..%d", start, end, ok, wantStart, wantEnd)
	}
	// A text with the article's end cut off cannot hold the quote.
	if _, _, ok := anchor(edited[:len(edited)/2], h, len(old)); ok {
		t.Error("long quote placed in half the text")
	}
}

// TestAnchorLeavesACopyWithChanceContext: a short quote edited where it was
// is not moved onto the same words elsewhere whose surroundings agree on a
// few code points only by chance ("ree " before, " he" after).
func TestAnchorLeavesACopyWithChanceContext(t *testing.T) {
	old := []rune("Lead words three apple pie here and more.\n\nOther text spree apple pie hence the end.")
	start := strings.Index(string(old), "apple pie")
	h := Highlight{Start: start, End: start + len("apple pie")}
	h.Quote, h.Prefix, h.Suffix = quoteAt(old, h.Start, h.End)
	edited := []rune(strings.Replace(string(old), "apple pie here", "apple p#e here", 1))
	copyAt := strings.LastIndex(string(edited), "apple pie")
	if got, _, ok := anchor(edited, h, len(old)); ok && got == copyAt {
		t.Errorf("anchor placed %q on its copy at %d, whose context agrees by chance", h.Quote, copyAt)
	}
}
