package clip

import (
	"regexp"
	"strings"

	"golang.org/x/net/html/atom"
)

// rxPointerLine is a German line that sends the reader to another page:
// "Hier geht es zur neuen Vorstandsstruktur", "Hier das Einzel-Tableau in
// Pune", "Lesen Sie hier: <headline>", "Alles über nachhaltige Wanderschuhe
// findest Du hier.", "Weitere Infos unter www.itfjuniors.de.". Provenance:
// excluded passages Margin kept on go-trafilatura's comparison set
// (bayrische-bembel.de, tennisnet.com, a Kreisliga report, fogsmagazin.com,
// btv.de). rxReadAlsoCue has the other languages' cues that open such a
// line.
var rxPointerLine = regexp.MustCompile(`(?i)^[\s\p{P}]*(?:hier geht(?:'s|’s|s| es)? (?:zu|lang)|hier (?:das|die|der|den|gibt es|findest du|finden sie|kannst du|können sie)\b|lesen sie hier\b|` +
	`(?:weitere|mehr|alle) infos(?:rmationen)? (?:unter|auf|hier|gibt es)\b)|\b(?:findest du|finden sie) (?:sie |es |ihn )?hier[\s\p{P}]*$`)

// pointerStems are words one of which every line of rxPointerLine holds
// (see matchWithStems).
var pointerStems = []string{"hier", "info"}

// pointerMaxRunes is the longest pointer line: a cue and a headline.
const pointerMaxRunes = 120

// pointerLine is a block rule (see dropBlocks): a short line of
// rxPointerLine that links to the page it points to, or gives its address.
func pointerLine(tb textBlocks, i int) bool {
	if tb.runes[i] > pointerMaxRunes {
		return false
	}
	t := tb.texts[i]
	return matchWithStems(rxPointerLine, pointerStems, t) && (holds(tb.nodes[i], atom.A) || strings.Contains(t, "www.") || strings.Contains(t, "://"))
}
