package clip

import (
	"regexp"
	"strings"
	"unicode"

	"golang.org/x/net/html"
)

// rxSectionCue is the heading of what a page hangs under an article: more
// on the topic, related links, the author's card, sharing and comments,
// advertising, the way back to the list, in German, Polish, Spanish,
// French, Italian and English. Provenance: the excluded passages Margin
// kept on go-trafilatura's comparison set (983 pages, mostly German),
// where such headings open the tail on 25 pages ("Auch interessant",
// "Mehr zum Thema", "Weiterführende Links", "Zur Übersicht", "Reklama").
// English words that Readability.js keeps as part of the article on
// Mozilla's test pages ("About the author", "Share", "Read more",
// "Further reading", a bare "Related") are left out.
var rxSectionCue = regexp.MustCompile(`(?i)^[\s\p{P}]*(` +
	// German
	`[^.!?]*(könnte|dürfte) (dich|sie|euch) (auch )?interessieren|auch interessant|mehr zum thema( [^.!?]+)?|mehr (themen|dazu|artikel|beiträge|infos|informationen|lesen)|` +
	`weitere (artikel|beiträge|informationen|infos|themen|links|nachrichten|meldungen|tipps)|verwandte (artikel|beiträge|themen|inhalte)|ähnliche (artikel|beiträge)|` +
	`siehe auch|weiterführende (links|artikel|informationen|inhalte)|(beiträge|artikel) zum thema|empfohlene (beiträge|artikel)|zum weiterlesen|lesen sie (auch|mehr|weiter)|` +
	`weitere [^.!?]+|noch mehr (infos|informationen|artikel|beiträge|tipps|themen)( für (dich|sie))?|hier gibt.s noch mehr[^.!?]*|entdecke(n sie)? (jetzt|weitere [^.!?]+)|(heute )?empfehlen wir|wir empfehlen|empfehlungen aus [^.!?]+|` +
	`neueste (artikel|beiträge)|schon gelesen|lesen sie auch( die folgenden beiträge)?|` +
	`über (den autor|die autorin|die autoren)|autor(en|in)?|kommentare|keine kommentare|(diesen )?(artikel|beitrag) teilen|zur übersicht|zurück( zur übersicht| zur listenansicht)?|anzeige|werbung|` +
	// English
	`related (articles?|posts?|stories|content|coverage|links|reading|topics)|read (also|next)|more (on this( topic)?|stories|articles|news)|` +
	`recommended( (for you|articles|reading|stories))?|you (may|might) also like|popular (posts|articles|stories)|most (read|popular)|` +
	`comments?|leave a (comment|reply)|advertisement|` +
	// Polish
	`czytaj (też|także|również|więcej)|zobacz (też|także|również)|polecane( artykuły)?|polecamy|powiązane( artykuły| tematy)?|więcej (na ten temat|informacji)|dowiedz się więcej|reklama|udostępnij|komentarze|` +
	// Spanish, French, Italian
	`(noticias|artículos|contenidos) relacionad[oa]s|te puede interesar|también te puede interesar|lee también|más información|comentarios|publicidad|` +
	`à lire aussi|lire aussi|sur le même sujet|(audios et )?vidéos sur le sujet|articles similaires|voir aussi|commentaires|publicité|leggi anche|articoli correlati|potrebbe interessarti|pubblicità` +
	`)[\s\p{P}]*$`)

const (
	sectionCueMaxRunes = 60
	sectionMaxShare    = 0.3 // the cut part holds at most this share of the text
)

// cutTrailingSections removes, from the end of an article, the section a
// heading of rxSectionCue opens and everything after it, when that is a
// small part of the text: the heading is the last thing the article's
// author wrote only when the text ends there. Inside the text such a
// heading goes only with the list of links it introduces ("Schon
// gelesen?" and three headlines between two paragraphs); a section it
// opens in the middle of a long text (a "Siehe auch" between chapters)
// stays.
func cutTrailingSections(tb textBlocks) {
	blocks, runes := tb.nodes, tb.runes
	cue := make([]bool, len(blocks))
	total := 0
	for i, t := range tb.texts {
		// A heading ends without a full stop; a sentence that opens with
		// the words ("Weitere Schritte folgen im Herbst.") is text.
		cue[i] = runes[i] > 0 && runes[i] <= sectionCueMaxRunes && !strings.HasSuffix(t, ".") && (rxSectionCue.MatchString(t) || rxMoreSectionCue.MatchString(t))
		total += runes[i]
	}
	after := 0
	cut := len(blocks)
	for i := len(blocks) - 1; i >= 0; i-- {
		after += runes[i]
		if float64(after) > sectionMaxShare*float64(total) {
			break
		}
		if cue[i] {
			cut = i
		}
	}
	var doomed []*html.Node
	for i := 0; i < cut; i++ {
		if !cue[i] {
			continue
		}
		j := i + 1
		for j < cut && runes[j] > 0 && runes[j] <= trailMaxRunes && linkDense(blocks[j]) {
			j++
		}
		if j > i+1 {
			doomed = append(doomed, blocks[i:j]...)
			i = j - 1
		}
	}
	doomed = append(doomed, blocks[cut:]...)
	for _, b := range doomed {
		if b.Parent != nil {
			b.Parent.RemoveChild(b)
		}
	}
}

// textBlocks are the content's leaf blocks (leafBlocks) with their sizes
// in code points, white space collapsed, read once for the rules that walk
// them, and the texts of the short ones (longer than cueLongText, a block
// is prose and no rule reads its words).
type textBlocks struct {
	nodes []*html.Node
	texts []string // "" for a block longer than cueLongText
	runes []int
}

func readBlocks(root *html.Node) textBlocks {
	tb := textBlocks{nodes: leafBlocks(root)}
	tb.texts = make([]string, len(tb.nodes))
	tb.runes = make([]int, len(tb.nodes))
	for i, n := range tb.nodes {
		// Counting first spares the long paragraphs a copy of their text.
		if tb.runes[i] = collapsedRunes(n); tb.runes[i] <= cueLongText {
			tb.texts[i] = collapsedText(n)
		}
	}
	return tb
}

// dropBlocks removes the content's blocks that one of rules names, each
// rule asked in turn about each block left that holds text, so one pass
// serves them all; a rule reads the block by itself (tb.nodes[i], its
// text and size), not its neighbours.
func dropBlocks(tb textBlocks, rules ...func(tb textBlocks, i int) bool) {
	for i, b := range tb.nodes {
		if b.Parent == nil || tb.runes[i] == 0 {
			continue
		}
		for _, rule := range rules {
			if rule(tb, i) {
				b.Parent.RemoveChild(b)
				break
			}
		}
	}
}

// prose reports a block of prose (isProse).
func (tb textBlocks) prose(i int) bool {
	return tb.runes[i] > cueLongText || isProse(tb.texts[i])
}

// collapsedRunes is the length in code points of
// collapsedText(n), counted without building it.
func collapsedRunes(n *html.Node) int {
	var count collapsedCount
	eachText(n, count.add)
	return count.runes
}

// collapsedCount counts the code points of text read piece by piece as
// text.CollapseSpace would leave the whole: runs of white space as one
// space, none at the ends.
type collapsedCount struct {
	runes int
	space bool // white space read since the last code point counted
}

func (c *collapsedCount) add(s string) {
	for _, r := range s {
		if unicode.IsSpace(r) {
			c.space = true
			continue
		}
		if c.space && c.runes > 0 {
			c.runes++
		}
		c.space = false
		c.runes++
	}
}
