package clip

import (
	"regexp"
	"strings"

	"golang.org/x/net/html"
)

// rxCallToAction is a line that asks the reader to do something for the
// site rather than tells them something: sign up, subscribe, register,
// become a member, donate, support the site, get its app, write in, buy
// from its shop, log in to comment. Provenance: excluded passages Margin
// kept at the end of go-trafilatura's comparison pages (13 pages: "Jetzt
// für Golf-Lotse Top-News anmelden", "Werden Sie Mitglied bei for me und
// erhalten Sie exklusive Angebote!", "DHB jetzt auch digital! Einfach hier
// klicken und … registrieren!", "Zapraszamy też do subskrypcji",
// "Do you want to be informed of DiEM25's actions? Sign up here", "Get the
// latest news straight to your phone with the VI Consortium app.", "If you
// enjoyed reading this post – would you consider supporting our work?",
// "Pour lire la suite … créez votre compte", "Du musst Eingeloggt sein um
// Kommentare zu schreiben!"). A sign-up that names what it is for ("Sign
// up for Command Line, a paid weekly newsletter …") is left alone:
// Readability.js keeps it on Mozilla's Verge page.
var rxCallToAction = regexp.MustCompile(`(?i)` +
	// German
	`\b(?:jetzt|hier|kostenlos|gratis)\b[^.!?]*\b(?:anmelden|registrieren|abonnieren|bestellen|herunterladen|spenden|mitglied werden)\b|` +
	`\bwerden sie (?:jetzt )?mitglied\b|\bwerde (?:jetzt )?mitglied\b|\b(?:nichts|keine \S+) mehr (?:versäumen|verpassen)\b|\bnewsletter\b[^.!?]*\b(?:anmelden|abonnieren|bestellen)\b|` +
	`\bunterstütze?n? (?:sie |du )?(?:uns|unsere arbeit|unseren journalismus)\b|\bjede (?:kleine )?spende\b|\bfan-?shop\b|\bgefällt (?:dir|ihnen) unser\b|` +
	`\b(?:eingeloggt|angemeldet) sein,? um\b|\bin den kommentaren\b[^.!?]*[:?]|\bhinterlasse (?:einfach |gerne )?einen kommentar\b|` +
	// English
	`\bsign (?:up|in)(?: here| now| today| for free|\W*$)|\bsubscribe\b|\bnever miss\b|\bsupport(?:ing)? (?:our|independent) (?:work|journalism)\b|\bdonate\b|` +
	`\b(?:with|get|download) (?:the|our) [^.!?]*\bapp\b|\bletter to the editor\b|\bspread the\b[^.!?]*\bwords?\b|` +
	// Polish, Spanish, French
	`\bsubskrypcj|\bzapisz się\b|\bsuscr[ií]b|\bsíguenos\b|\bescríbenos\b|\bpuede escribirnos\b|\babonnez-vous\b|\binscrivez-vous\b|\bcréez votre compte\b|\bpour lire la suite\b`)

// ctaStems are words one of which every line of rxCallToAction holds,
// lower-case: a block without any is not matched against the expression,
// which is too large for Go's fast matcher (it cost 5% of Parse on
// Mozilla's pages).
var ctaStems = []string{"anmeld", "registr", "abonn", "bestell", "herunterlad", "spende", "mitglied", "versäum", "verpass",
	"unterstütz", "fan", "gefällt", "eingeloggt", "angemeldet", "kommentar", "sign", "subscri", "never miss", "support", "donate",
	"app", "letter to the editor", "spread the", "subskryp", "zapisz", "suscr", "síguenos", "escrib", "abonnez", "inscrivez", "créez", "pour lire"}

// callsToAction reports a line of rxCallToAction.
func callsToAction(s string) bool {
	return matchWithStems(rxCallToAction, ctaStems, s)
}

// matchWithStems reports whether rx matches s, asking rx only when the
// lower-case s holds one of stems, words every match of rx holds: large
// expressions run on Go's slowest matcher, and most blocks hold none of
// their words.
func matchWithStems(rx *regexp.Regexp, stems []string, s string) bool {
	lower := strings.ToLower(s)
	for _, w := range stems {
		if strings.Contains(lower, w) {
			return rx.MatchString(s)
		}
	}
	return false
}

// Limits of the call-to-action rule.
const (
	ctaMaxRunes = cueLongText // a line, not a paragraph of the article
	// ctaMaxShare is the part of the text from the line on: its last
	// half (0.3 missed for-me-online.de's membership line; the whole text
	// took a line from Mozilla's links-in-tables page).
	ctaMaxShare = 0.5
)

// dropCallsToAction removes the short lines of rxCallToAction from the
// article's last part (the line and what follows hold at most ctaMaxShare
// of the text): there they are the site's, under the article; inside the
// text such a sentence may be the article's own ("Die Stadt bittet, sich
// bis Freitag anzumelden"). tb are the content's blocks, some of which a
// rule before may have removed.
func dropCallsToAction(tb textBlocks) {
	total := 0
	for i, b := range tb.nodes {
		if b.Parent != nil {
			total += tb.runes[i]
		}
	}
	after := 0
	var doomed []*html.Node
	for i := len(tb.nodes) - 1; i >= 0; i-- {
		b := tb.nodes[i]
		if b.Parent == nil {
			continue
		}
		after += tb.runes[i]
		if float64(after) > ctaMaxShare*float64(total) {
			break
		}
		if tb.runes[i] > 0 && tb.runes[i] <= ctaMaxRunes && callsToAction(tb.texts[i]) {
			doomed = append(doomed, b)
		}
	}
	for _, b := range doomed {
		b.Parent.RemoveChild(b)
	}
}
