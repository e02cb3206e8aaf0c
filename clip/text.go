package clip

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Reading speeds for ReadingMinutes: words per minute for alphabetic
// scripts, characters per minute for Chinese, Japanese and Korean.
const (
	latinWordsPerMinute = 230
	cjkCharsPerMinute   = 400
)

// cleanText makes a string safe to store and index: valid UTF-8, NFC, and
// without private-use or control characters (storage marks snippet matches
// with U+E000/U+E001, so those must never come from a page). Tabs and line
// breaks are kept; callers collapse them as they need.
func cleanText(s string) string {
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

// needsClean is the fast path of cleanText: plain ASCII text without
// control characters is already clean.
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
	case unsafeRune(r):
		return true
	case r == 0xfeff || r == 0xfffe || r == 0xffff || r == 0xad: // BOM, non-characters, soft hyphen
		return true
	case r >= 0xfdd0 && r <= 0xfdef:
		return true
	}
	return false
}

// unsafeRune reports characters that must not reach storage or a terminal
// even in metadata kept as the page wrote it: controls other than white
// space, and private use (storage's snippet markers among them).
func unsafeRune(r rune) bool {
	switch {
	case r == '\t' || r == '\n' || r == '\r':
		return false
	case r < 0x20 || (r >= 0x7f && r < 0xa0):
		return true
	}
	return unicode.Is(unicode.Co, r) // private use, all planes
}

// cjkScript is the CJK script of a character that counts as one word.
type cjkScript int

const (
	notCJK cjkScript = iota
	hanScript
	kanaScript   // Hiragana and Katakana
	hangulScript // Hangul syllables
)

// scriptOf says which CJK script r belongs to, if any.
func scriptOf(r rune) cjkScript {
	switch {
	case r < 0x2e80:
		return notCJK
	case r >= 0xac00 && r <= 0xd7a3:
		return hangulScript
	case unicode.Is(unicode.Hiragana, r) || unicode.Is(unicode.Katakana, r):
		return kanaScript
	case unicode.Is(unicode.Han, r):
		return hanScript
	}
	return notCJK
}

// isCJK reports a character that counts as one word: Han, Hiragana,
// Katakana and Hangul syllables.
func isCJK(r rune) bool { return scriptOf(r) != notCJK }

// countWords counts words the way a reader of mixed text would: a run of
// letters or digits between spaces is a word, and each CJK character is a
// word of its own (those scripts do not separate words with spaces).
func countWords(s string) (latin, cjk int) {
	inWord := false
	for _, r := range s {
		switch {
		case isCJK(r):
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

// wordCount counts Latin words plus CJK characters in text.
func wordCount(text string) int {
	l, c := countWords(text)
	return l + c
}

// readingMinutes estimates reading time, at least one minute for any
// non-empty text (even one of symbols only).
func readingMinutes(text string) int {
	if strings.TrimSpace(text) == "" {
		return 0
	}
	l, c := countWords(text)
	// Ceiling of l/230 + c/400 in integer arithmetic.
	num := l*cjkCharsPerMinute + c*latinWordsPerMinute
	den := latinWordsPerMinute * cjkCharsPerMinute
	return max(1, (num+den-1)/den)
}

// scriptLanguage guesses zh, ja or ko from the characters of text, for
// pages that do not declare a language. It returns "" for other scripts.
func scriptLanguage(text string) string {
	lang, _ := scriptGuess(text)
	return lang
}

// scriptGuess is scriptLanguage with a confidence: sure is set when the
// text is overwhelmingly CJK (enough to overrule a declared language that a
// site template got wrong).
func scriptGuess(text string) (lang string, sure bool) {
	var han, kana, hangul, letters int
	n := 0
	for _, r := range text {
		if n++; n > 20000 {
			break
		}
		switch scriptOf(r) {
		case hangulScript:
			hangul++
		case kanaScript:
			kana++
		case hanScript:
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

// collapseSpace trims s and turns each run of white space into one space.
func collapseSpace(s string) string {
	var b strings.Builder
	space := false
	for _, r := range s {
		if unicode.IsSpace(r) {
			space = true
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	return b.String()
}
