package cli

import (
	"strings"

	"app.margin/margin/internal/text"
)

// Page text reaches the terminal: a title, a site name, a tag or a note can
// hold line breaks, escape sequences and bidirectional overrides (U+202E)
// that would break a one-line-per-article listing, restyle the terminal or
// disguise what follows. Every string a page or a paste controls goes
// through line (for a piece of one line) or lines (for text whose own line
// breaks are kept) on its way out.

// line is s on one line: white space collapsed, controls removed.
func line(s string) string { return text.OneLine(s) }

// lines keeps s's line breaks (Windows and old Mac ones made "\n") and
// removes from each line what line removes, trailing spaces included.
func lines(s string) string {
	ls := strings.Split(strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n"), "\n")
	for i, l := range ls {
		ls[i] = strings.TrimRight(text.Flatten(l), " ")
	}
	return strings.Join(ls, "\n")
}

// lineList is a list of names (tags, authors) on one line.
func lineList(names []string) string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = line(n)
	}
	return strings.Join(out, ", ")
}
