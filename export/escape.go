package export

import (
	"app.margin/margin/internal/text"

	"strings"
	"unicode"
	"unicode/utf8"
)

// escapeInline escapes one line of plain text so that CommonMark (and the
// Obsidian and Logseq dialects on top of it) renders it as written. Every
// escape is a backslash before ASCII punctuation, which CommonMark turns back
// into the bare character.
//
// Always escaped: \ ` * [ ] < | (emphasis, code, links and wikilinks, HTML
// and autolinks, tables). Escaped only where they could mean something, so
// that snake_case, C#, page#section and most URLs stay readable and keep
// working when a GFM reader links them: _ at a word edge (inside a word it
// cannot emphasise); # after anything but an ASCII letter, digit or '/'
// (headings, and tags in Obsidian and Logseq: "#1"); ^ after a space (an
// Obsidian block id); ~ and $ when the line has a pair (strikethrough,
// Obsidian math: "$5 and $10"); & before an entity name (&amp;); a doubled
// = % { ( (Obsidian highlights and comments, Logseq macros and block
// references); and at the start of a line > - + = and "1." or "1)" (quotes,
// lists, setext headings, thematic breaks).
func escapeInline(line string) string {
	var b strings.Builder
	b.Grow(len(line) + 8)
	start := escapeLineStart(&b, line)
	pairs := func(c byte) bool { return strings.Count(line, string(c)) > 1 }
	tildes, dollars := pairs('~'), pairs('$')
	for i := start; i < len(line); i++ {
		c := line[i]
		escape := false
		switch c {
		case '\\', '`', '*', '[', ']', '<', '|':
			escape = true
		case '_':
			escape = !wordRune(lastRune(line[:i])) || !wordRune(firstRune(line[i+1:]))
		case '#':
			p := lastRune(line[:i])
			escape = !(p < utf8.RuneSelf && (isAlnum(byte(p)) || p == '/'))
		case '^':
			escape = i == 0 || unicode.IsSpace(lastRune(line[:i]))
		case '~':
			escape = tildes
		case '$':
			escape = dollars
		case '&':
			escape = entityAt(line[i:])
		case '=', '%', '{', '(':
			escape = i+1 < len(line) && line[i+1] == c
		}
		if escape {
			b.WriteByte('\\')
		}
		b.WriteByte(c)
	}
	return b.String()
}

// wordRune reports a letter or digit: '_' between two of them is inside a
// word, where CommonMark never reads it as emphasis.
func wordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// lastRune and firstRune return utf8.RuneError for an empty string.
func lastRune(s string) rune {
	r, _ := utf8.DecodeLastRuneInString(s)
	return r
}

func firstRune(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	return r
}

// escapeLineStart writes the escaped block marker that opens line, if any,
// and returns how many bytes of line it consumed.
func escapeLineStart(b *strings.Builder, line string) int {
	if line == "" {
		return 0
	}
	switch line[0] {
	case '>', '-', '+', '=':
		b.WriteByte('\\')
		b.WriteByte(line[0])
		return 1
	}
	// An ordered list marker: up to nine digits then '.' or ')'.
	n := 0
	for n < len(line) && n < 10 && line[n] >= '0' && line[n] <= '9' {
		n++
	}
	if n > 0 && n < 10 && n < len(line) && (line[n] == '.' || line[n] == ')') {
		b.WriteString(line[:n])
		b.WriteByte('\\')
		b.WriteByte(line[n])
		return n + 1
	}
	return 0
}

// entityAt reports whether s starts with what CommonMark reads as an entity
// or numeric character reference: &name; &#123; &#x1F;.
func entityAt(s string) bool {
	i := 1
	if i < len(s) && s[i] == '#' {
		i++
		if i < len(s) && (s[i] == 'x' || s[i] == 'X') {
			i++
		}
	}
	j := i
	for j < len(s) && j-i < 32 && isAlnum(s[j]) {
		j++
	}
	return j > i && j < len(s) && s[j] == ';'
}

func isAlnum(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}

// plainLines splits plain text into lines for Markdown: each line trimmed
// (leading spaces would make code blocks, trailing ones hard breaks) and
// escaped, paragraph breaks kept as empty strings. Runs of blank lines
// become one, since Markdown cannot show more.
func plainLines(text string) []string {
	var out []string
	for _, l := range strings.Split(strings.TrimSpace(normalizeNewlines(text)), "\n") {
		l = strings.TrimSpace(l)
		if l == "" {
			if len(out) > 0 && out[len(out)-1] != "" {
				out = append(out, "")
			}
			continue
		}
		out = append(out, escapeInline(l))
	}
	return out
}

// normalizeNewlines turns Windows and old Mac line ends into "\n".
func normalizeNewlines(s string) string {
	return strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n")
}

// plainBlock renders plain text as Markdown paragraphs, each line prefixed
// with linePrefix ("> " for a block quote). Lines of one paragraph end in a
// backslash, CommonMark's hard line break, so they show as the reader typed
// them instead of being joined.
func plainBlock(text, linePrefix string) string {
	lines := plainLines(text)
	var b strings.Builder
	for i, l := range lines {
		if l == "" {
			b.WriteString(strings.TrimRight(linePrefix, " "))
			b.WriteByte('\n')
			continue
		}
		b.WriteString(linePrefix)
		b.WriteString(l)
		if i+1 < len(lines) && lines[i+1] != "" {
			b.WriteByte('\\')
		}
		b.WriteByte('\n')
	}
	return b.String()
}

// oneLine is plain text for a single line (a heading, a link text): white
// space, newlines included, collapsed to single spaces, then escaped.
func oneLine(s string) string {
	return escapeInline(text.OneLine(s))
}
