package clip

import (
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html/atom"
)

// Limits of a bar of page items.
const (
	barMinParts    = 3
	barPartMaxRune = 50
)

// dropMetaBars removes the blocks that are bars of short items separated
// by vertical bars: a post's counts, tags and comment links ("Aufrufe: 1120
// | Hinzugefügt von: Posh | Tags: Denken | Rating: 0.0/0", "Kommentarfeed |
// Kommentare geschlossen | Trackback-URL", "Freitag | 14. Juni 2019 | 15:49
// VON Sina Giebel IN Fashion | 0 COMMENTS", a file's "PDF | 38 KB | Datei
// ist nicht barrierefrei"). Prose is not written in such bars. Provenance:
// excluded passages Margin kept on go-trafilatura's comparison set
// (jovelstefan.de, novalanalove.com, zoll.de).
func dropMetaBars(tb textBlocks) {
	for i, b := range tb.nodes {
		if b.Parent == nil || tb.runes[i] == 0 || tb.texts[i] == "" {
			continue
		}
		// Code and tables use the bar for their own ends (a shell pipe).
		if b.DataAtom != atom.Pre && b.DataAtom != atom.Table && !holds(b, atom.Code, atom.Pre) && isMetaBar(tb.texts[i]) {
			b.Parent.RemoveChild(b)
		}
	}
}

// isMetaBar reports a line of barMinParts items or more between vertical
// bars, none longer than barPartMaxRune.
func isMetaBar(s string) bool {
	parts := strings.Split(s, "|")
	if len(parts) < barMinParts {
		return false
	}
	for _, p := range parts {
		if utf8.RuneCountInString(strings.TrimSpace(p)) > barPartMaxRune {
			return false
		}
	}
	return true
}
