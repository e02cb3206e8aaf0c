package export

import (
	"unicode"
	"unicode/utf8"

	"github.com/JohannesKaufmann/html-to-markdown/v2/converter"
	"github.com/JohannesKaufmann/html-to-markdown/v2/marker"
)

// notesSyntax escapes, in the page text of a --full export, what Obsidian and
// Logseq read on top of CommonMark: %%comments%% and ==highlights==,
// {{embeds}} and ((block refs)), [[links]], $$math$$, #tags and ^block ids. Left live, a
// page could add tags to the reader's vault or hide its own text. The rules
// are those escapeInline applies to titles and quotes, so page text and
// highlights read alike; CommonMark's own syntax stays with the commonmark
// plugin.
//
// The converter marks every registered character in text (never in code)
// and asks the unescapers which of the marks become backslashes.
type notesSyntax struct{}

func (notesSyntax) Name() string { return "margin-notes-syntax" }

func (notesSyntax) Init(conv *converter.Converter) error {
	conv.Register.EscapedChar('%', '=', '{', '(', '[', '$', '#', '^')
	conv.Register.UnEscaper(escapeNotesSyntax, converter.PriorityEarly)
	return nil
}

// escapeNotesSyntax returns 1 when the character at index must be escaped,
// -1 to leave the decision to the other unescapers.
func escapeNotesSyntax(chars []byte, index int) int {
	c := chars[index]
	escape := false
	switch c {
	case '[':
		// Always, as in titles: [[ opens a wikilink even before its ]]
		// is typed, and the commonmark plugin's own test for a link
		// scans the rest of the line for each [, which a page of
		// "[ [ [ ..." turns into minutes.
		escape = true
	case '%', '=', '{', '(':
		escape = nextByte(chars, index) == c
	case '$':
		escape = dollarPair(chars, index)
	case '#':
		p := prevRune(chars, index)
		escape = !(p < utf8.RuneSelf && (isAlnum(byte(p)) || p == '/'))
	case '^':
		p := prevRune(chars, index)
		escape = p == utf8.RuneError || unicode.IsSpace(p)
	}
	if escape {
		return 1
	}
	return -1
}

var escapeMark = marker.BytesMarkerEscaping[0]

// nextByte is the byte after index, skipping escape marks; 0 at the end.
func nextByte(chars []byte, index int) byte {
	for i := index + 1; i < len(chars); i++ {
		if chars[i] != escapeMark {
			return chars[i]
		}
	}
	return 0
}

// prevRune is the character before index, skipping escape marks;
// utf8.RuneError at the start.
func prevRune(chars []byte, index int) rune {
	i := index
	for i > 0 && chars[i-1] == escapeMark {
		i--
	}
	r, _ := utf8.DecodeLastRune(chars[:i])
	return r
}

// dollarPair reports whether another '$' is on the same line as the one at
// index: a lone "$5" cannot open math, "$5 and $10" can.
func dollarPair(chars []byte, index int) bool {
	for i := index - 1; i >= 0 && chars[i] != '\n'; i-- {
		if chars[i] == '$' {
			return true
		}
	}
	for i := index + 1; i < len(chars) && chars[i] != '\n'; i++ {
		if chars[i] == '$' {
			return true
		}
	}
	return false
}
