// Package text holds the rules about characters that every part of Margin
// must agree on: which characters are Chinese, Japanese or Korean (written
// without spaces between words), what a word is for counting, double-click
// and the keyboard, how text is cleaned before it is stored, folded for
// search, and flattened to one line for a list row or a terminal.
//
// The search index's tokens follow IsCJK: changing it changes the index
// format, and storage reindexes in a migration when it does.
package text

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Script is the writing system of a character, as far as word rules care.
type Script int

// Scripts. Latin stands for every script that separates words with spaces.
const (
	Latin  Script = iota
	Han           // Chinese characters, with 々 and 〆
	Kana          // Hiragana and Katakana, with the long vowel mark ー
	Hangul        // Korean
)

// ScriptOf says which CJK script r belongs to; Latin for any other.
func ScriptOf(r rune) Script {
	switch {
	case r < 0x1100:
		return Latin
	case 0x4E00 <= r && r <= 0x9FFF:
		// The common ideographs: most CJK text is these, and unicode.Is
		// would search a table for each one.
		return Han
	case 0xAC00 <= r && r <= 0xD7A3:
		return Hangul
	case r == 0x3006: // 〆, a Han abbreviation that Unicode files as Common
		return Han
	case r == 0x30FC || r == 0xFF70: // ー and its half-width form, Common too
		return Kana
	case unicode.Is(unicode.Han, r): // includes 々 and 〇
		return Han
	case unicode.Is(unicode.Hiragana, r) || unicode.Is(unicode.Katakana, r):
		return Kana
	case unicode.Is(unicode.Hangul, r):
		return Hangul
	}
	return Latin
}

// IsCJK reports a character of a script written without spaces between
// words (Han, kana, Hangul): each one counts as a word of its own, a line may
// break beside it, and the search index makes it a token of its own.
func IsCJK(r rune) bool { return ScriptOf(r) != Latin }

// IsCJKPunct reports the CJK and full-width punctuation blocks: a line may
// break beside them as beside an ideograph.
func IsCJKPunct(r rune) bool {
	return (r >= 0x3000 && r <= 0x303F && ScriptOf(r) == Latin) || (r >= 0xFF00 && r <= 0xFFEF && ScriptOf(r) == Latin)
}

// WordClass is the kind of word a character belongs to.
type WordClass int

// Word classes. A run of one class is one word to a double click and to the
// keyboard's word moves; NotWord characters (spaces, punctuation) are each a
// word of their own to a click and are skipped by the keyboard.
const (
	NotWord WordClass = iota
	CJKWord
	LetterWord
)

// ClassOf returns r's word class.
func ClassOf(r rune) WordClass {
	switch {
	case IsCJK(r):
		return CJKWord
	case unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_' || unicode.Is(unicode.Mn, r):
		return LetterWord
	}
	return NotWord
}

// WordAt returns the word of t around index i as [lo, hi): a run of CJK
// characters, or of letters and digits with inner apostrophes (don't,
// l’homme); any other character is a word of its own.
func WordAt(t []rune, i int) (lo, hi int) {
	if len(t) == 0 {
		return 0, 0
	}
	i = min(max(i, 0), len(t)-1)
	k := ClassOf(t[i])
	if k == NotWord {
		return i, i + 1
	}
	joins := func(j int) bool {
		return k == LetterWord && (t[j] == '\'' || t[j] == '’') && j > 0 && j+1 < len(t) &&
			ClassOf(t[j-1]) == LetterWord && ClassOf(t[j+1]) == LetterWord
	}
	lo, hi = i, i+1
	for lo > 0 && (ClassOf(t[lo-1]) == k || joins(lo-1)) {
		lo--
	}
	for hi < len(t) && (ClassOf(t[hi]) == k || joins(hi)) {
		hi++
	}
	return lo, hi
}

// Reading speeds for ReadingMinutes: words per minute for alphabetic
// scripts, characters per minute for Chinese, Japanese and Korean.
const (
	latinWordsPerMinute = 230
	cjkCharsPerMinute   = 400
)

// CountWords counts words the way a reader of mixed text would: a run of
// letters or digits between spaces is a word, and each CJK character is a
// word of its own (those scripts do not separate words with spaces).
func CountWords(s string) (latin, cjk int) {
	inWord := false
	for _, r := range s {
		switch {
		case IsCJK(r):
			cjk++
			inWord = false
		case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r):
			if !inWord {
				latin++
				inWord = true
			}
		case unicode.IsSpace(r):
			inWord = false
		case r == '\'' || r == '’' || r == '-' || r == '.' || r == '_':
			// inside a word (don't, e-mail, 3.5): keeps the word going
		default:
			inWord = false
		}
	}
	return latin, cjk
}

// WordCount counts Latin words plus CJK characters in s.
func WordCount(s string) int {
	l, c := CountWords(s)
	return l + c
}

// ReadingMinutes estimates reading time, at least one minute for any
// non-empty text (even one of symbols only).
func ReadingMinutes(s string) int {
	if strings.TrimSpace(s) == "" {
		return 0
	}
	l, c := CountWords(s)
	// Ceiling of l/230 + c/400 in integer arithmetic.
	num := l*cjkCharsPerMinute + c*latinWordsPerMinute
	den := latinWordsPerMinute * cjkCharsPerMinute
	return max(1, (num+den-1)/den)
}

// GuessLanguage guesses zh, ja or ko from the characters of s, for pages
// that do not declare a language ("" for other scripts). sure is set when
// the text is overwhelmingly CJK, enough to overrule a declared language that
// a site template got wrong.
func GuessLanguage(s string) (lang string, sure bool) {
	var han, kana, hangul, letters int
	n := 0
	for _, r := range s {
		if n++; n > 20000 {
			break
		}
		switch ScriptOf(r) {
		case Hangul:
			hangul++
		case Kana:
			kana++
		case Han:
			han++
		default:
			if unicode.IsLetter(r) {
				letters++
			}
		}
	}
	cjk := han + kana + hangul
	if cjk == 0 || cjk*2 < letters {
		return "", false
	}
	sure = cjk >= 50 && cjk > 3*letters
	switch {
	case hangul > han && hangul > kana:
		return "ko", sure
	case kana*10 > cjk:
		return "ja", sure
	default:
		return "zh", sure
	}
}

// MostlyCJK reports whether text is set in CJK rather than Latin type,
// judged on its first 4,000 characters: a CJK character weighs about as much
// as a Latin word.
func MostlyCJK(s []rune) bool {
	var cjk, other int
	for _, r := range s[:min(len(s), 4000)] {
		switch {
		case IsCJK(r):
			cjk++
		case unicode.IsLetter(r):
			other++
		}
	}
	return cjk*2 > other
}

// CollapseSpace trims s and turns each run of white space into one space.
func CollapseSpace(s string) string {
	var c SpaceCollapser
	c.WriteString(s)
	return c.String()
}

// SpaceCollapser builds, from text written piece by piece, the text
// CollapseSpace would make of the whole, without the whole: a page's text
// read node by node.
type SpaceCollapser struct {
	b     strings.Builder
	space bool // white space read since the last character written
}

// WriteString adds s.
func (c *SpaceCollapser) WriteString(s string) {
	for _, r := range s {
		if unicode.IsSpace(r) {
			c.space = true
			continue
		}
		if c.space && c.b.Len() > 0 {
			c.b.WriteByte(' ')
		}
		c.space = false
		c.b.WriteRune(r)
	}
}

// String is the collapsed text written so far.
func (c *SpaceCollapser) String() string { return c.b.String() }

// OneLine is s for a single line of a list, a heading or a terminal: white
// space (line breaks included) collapsed to single spaces, and controls,
// private-use characters and the bidirectional overrides and isolates that
// could reorder the rest of the line (U+202E) removed.
func OneLine(s string) string {
	if !needsClean(s) && !strings.ContainsAny(s, "\t\n\r") && !strings.Contains(s, "  ") &&
		strings.TrimSpace(s) == s {
		return s
	}
	return CollapseSpace(Flatten(s))
}

// Flatten is OneLine without the trimming and collapsing, for a piece of a
// line whose spaces at its ends matter (a run of a snippet before a match):
// tabs and line breaks become spaces, and what OneLine removes goes.
func Flatten(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' || r == '\r' {
			return ' '
		}
		if UnsafeRune(r) || IsBidiControl(r) {
			return -1
		}
		return r
	}, strings.ToValidUTF8(s, "\uFFFD"))
}

// IsBidiControl reports the invisible characters that change the direction
// of the text around them: embeddings, overrides, isolates and marks.
func IsBidiControl(r rune) bool {
	return (r >= 0x202A && r <= 0x202E) || (r >= 0x2066 && r <= 0x2069) ||
		r == 0x200E || r == 0x200F || r == 0x061C
}

// Clean makes a string safe to store and index: valid UTF-8, NFC, and
// without private-use or control characters (storage marks snippet matches
// with private-use characters, so those must never come from a page). Tabs
// and line breaks are kept; callers collapse them as they need.
func Clean(s string) string {
	if !needsClean(s) {
		return s
	}
	s = strings.ToValidUTF8(s, "\uFFFD")
	s = strings.Map(func(r rune) rune {
		if dropRune(r) {
			return -1
		}
		return r
	}, s)
	return norm.NFC.String(s)
}

// needsClean is the fast path of Clean: plain ASCII text without control
// characters is already clean.
func needsClean(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf || (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f {
			return true
		}
	}
	return false
}

// dropRune reports characters that must not reach the text: unsafe ones,
// non-characters, the BOM and the soft hyphen.
func dropRune(r rune) bool {
	switch {
	case UnsafeRune(r):
		return true
	case r == 0xfeff || r == 0xfffe || r == 0xffff || r == 0xad: // BOM, non-characters, soft hyphen
		return true
	case r >= 0xfdd0 && r <= 0xfdef:
		return true
	}
	return false
}

// UnsafeRune reports characters that must not reach storage or a terminal
// even in metadata kept as the page wrote it: controls other than white
// space, and private use.
func UnsafeRune(r rune) bool {
	switch {
	case r == '\t' || r == '\n' || r == '\r':
		return false
	case r < 0x20 || (r >= 0x7f && r < 0xa0):
		return true
	}
	return unicode.Is(unicode.Co, r) // private use, all planes
}

// IsTokenRune reports whether the search index keeps r inside a token
// (SQLite unicode61's default categories L*, N* and Co); everything else
// separates tokens.
func IsTokenRune(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.In(r, unicode.Co)
}

// Fold folds case and removes diacritics from a token, as unicode61 with
// remove_diacritics 2 does, so Café matches cafe.
func Fold(t string) string {
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
	if r, size := utf8.DecodeRuneInString(t); size == len(t) && IsCJK(r) {
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

// CommonPrefix is the number of leading code points a and b share.
func CommonPrefix(a, b []rune) int {
	n := 0
	for n < len(a) && n < len(b) && a[n] == b[n] {
		n++
	}
	return n
}

// CommonSuffix is the number of trailing code points a and b share.
func CommonSuffix(a, b []rune) int {
	n := 0
	for n < len(a) && n < len(b) && a[len(a)-1-n] == b[len(b)-1-n] {
		n++
	}
	return n
}
