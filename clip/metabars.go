package clip

import (
	"strings"
	"unicode/utf8"
)

// Limits of a bar of page items.
const (
	barMinParts    = 3
	barPartMaxRune = 50
	barMaxRunes    = cueLongText
)

// isMetaBar reports a line of barMinParts items or more between vertical
// bars, none longer than barPartMaxRune: a post's counts, tags and comment
// links ("Aufrufe: 1120 | Hinzugefügt von: Posh | Tags: Denken | Rating:
// 0.0/0", "Kommentarfeed | Kommentare geschlossen | Trackback-URL",
// "Freitag | 14. Juni 2019 | 15:49 VON Sina Giebel IN Fashion | 0
// COMMENTS", a file's "PDF | 38 KB | Datei ist nicht barrierefrei"). Prose
// is not written in such bars; isBoilerplate removes them. Provenance:
// excluded passages Margin kept on go-trafilatura's comparison set
// (jovelstefan.de, novalanalove.com, zoll.de, schleifen.ucoz.de).
func isMetaBar(s string) bool {
	if strings.Count(s, "|") < barMinParts-1 {
		return false
	}
	for rest, more := s, true; more; {
		var p string
		p, rest, more = strings.Cut(rest, "|")
		if utf8.RuneCountInString(strings.TrimSpace(p)) > barPartMaxRune {
			return false
		}
	}
	return true
}
