package clip

import "regexp"

// rxDatedLine is a block that is a publishing label and a date, with a
// time and a category at most: a line about the article, not of it.
// Provenance: excluded passages Margin kept on go-trafilatura's comparison
// set ("Aktualisiert: 11.04.2020, 10:27", "Publikacja: 04.05.2021",
// "Veröffentlichung: 2. Februar 2022"), and a byline that only gives the
// date ("von Anja Schmoll-Trautmann am 14. Mai 2014, 15:40 Uhr" on cnet.de,
// "Verfasst von: mitundvoneinander | 31. Dezember 2008"); a machine time
// may follow ("opublikowano: 2021-04-29 17:13:04.031886+02:00" on a
// Polish portal), and how long a broadcaster's video stays online ("Video
// verfügbar bis 28.02.2021" on zdf.de). The label is required: a bare date
// ("April 2014" on Mozilla's lwn page, a Chinese portal's headline
// dates) is content Readability.js keeps, and picture credits ("Foto: X",
// "X/Getty Images") are too, in the captions of a dozen Mozilla pages.
var (
	rxDatedLine = regexp.MustCompile(`(?i)^[\s|•·]*(?:(?:aktualisiert|publiziert|veröffentlicht|veröffentlichung|erstellt|stand|datum|publikacja|aktualizacja|opublikowano|publicado|actualizado|publié|mis à jour|updated|published|posted|last updated|(?:video |audio |sendung )?verfügbar bis)(?:\s+(?:am|on|le|el|dnia|zum))?\s*[:：]?\s*|(?:verfasst\s+)?von\s*:?\s+\p{L}[^\d|:]{1,40}?\s*(?:\bam\b|\|)\s*)` +
		`(?:\d{1,2}\.\s?\d{1,2}\.\s?\d{2,4}|\d{4}-\d{2}-\d{2}|\d{1,2}\.?\s+` + monthNames + `\.?\s+\d{4}|(?:januar|februar|märz|april|mai|juni|juli|august|september|oktober|november|dezember)\s+\d{4})` +
		`(?:[,\s|–-]+(?:um\s+)?` + clockTime + `(?:\s*(?:uhr|h))?)?(?:\s+kategorie:.*)?[\s.|]*$`)
)

// rxToolLine is a block of page tools and labels in the languages of
// go-trafilatura's comparison set: print, share, show picture, rate this,
// table of contents, advertising and external-content labels, reading
// time ("drukuj", "Rezept drucken Bei Pinterest speichern", "Bild anzeigen
// Bild schließen", "Valora esta noticia", "Inhaltsverzeichnis", "- Anzeige-",
// "Ten tekst przeczytasz w mniej niż minutę", "Möchten Sie den Artikel
// teilen?", "Kommentare schreiben", "Lade weitere Inhalte", a comment count
// "Kommentare insgesamt: 0" on schleifen.ucoz.de), a short source line ("Quelle: Landesregierung", "Źródło:
// ISBnews") and a permalink. Picture credits ("Foto: X") are not among
// them: Readability.js keeps those in captions on Mozilla's pages. English words are left to rxActionBar: Readability.js keeps
// English tool lines on Mozilla's pages.
var rxToolLine = regexp.MustCompile(`(?i)^[\s\p{P}\p{S}]*(?:` +
	`(?:drukuj|drucken|rezept drucken|teilen|bei pinterest speichern|bild anzeigen|bild schließen|bild vergrößern|valora esta noticia|compartir|udostępnij|imprimir|imprimer|partager|` +
	`inhaltsverzeichnis|spis treści|sommaire|externer inhalt|anzeige|werbung|reklama|publicidad|publicité|pubblicità|quellen ausblenden|quellen anzeigen|quellenangaben|zur startseite|permalien|permalink|kommentare?(?: schreiben| geschlossen| sind geschlossen)?|keine kommentare|kommentare insgesamt(?:\s*:\s*\d+)?|komentarze|comentarios|commentaires|lade weitere inhalte|weitere inhalte laden|mehr laden|zurück|zur übersicht)` +
	`(?:[\s\p{P}\p{S}]+(?:drukuj|drucken|teilen|bei pinterest speichern|bild anzeigen|bild schließen|compartir|udostępnij|imprimir|imprimer|partager))*` +
	`|(?:möchten sie|artikel gefallen|diesen artikel|den artikel)[^.]*teilen.*` +
	`|(?:quelle|quellen|źródło|fuente)\s*:[^.!?]+|(?:permalien|permalink)\s*:?\s*https?://\S+` +
	`|ten tekst przeczytasz.*|czas czytania.*|lesezeit.*|verpasse keine.*|(?:jetzt )?(?:zum |für (?:den |unseren )?)?newsletter (?:anmelden|abonnieren).*` +
	`)[\s\p{P}\p{S}]*$`)

// rxReadAlsoCue opens a paragraph that points to another article inside
// the text: "Czytaj też: <link>", "Le puede interesar: <link>",
// "PUEDES VER: <link>", "Lesen Sie auch: <link>", "Mehr: <link>".
// Provenance: comparison set pages from polityka.pl, rp.pl,
// elespectador.com, larepublica.pe, handelsblatt.com.
// English and French cues are left out: Readability.js keeps "Read more:"
// lists and "Lire aussi : <link>" (Le Monde) on Mozilla's pages.
var rxReadAlsoCue = regexp.MustCompile(`(?i)^[\s\p{P}]*(?:czytaj (?:też|także|również|więcej)|zobacz (?:też|także|również)|dowiedz się więcej|więcej|(?:le|te) puede interesar|puedes ver|lee (?:también|más)|lesen sie (?:auch|mehr)|mehr dazu|mehr\s*:|leggi anche)(?:[\s\p{P}]|$)`)

// rxRightsLine is a rights notice in the languages of the comparison set
// ("© Frankfurter Allgemeine Zeitung GmbH 2020 Alle Rechte vorbehalten.",
// "Materiał chroniony prawem autorskim"); English ones are rxLegalCue's.
var rxRightsLine = regexp.MustCompile(`(?i)alle rechte vorbehalten|todos los derechos reservados|tous droits réservés|tutti i diritti riservati|wszelkie prawa zastrzeżone|materiał chroniony prawem`)

// rightsWords are words in ASCII that every rxRightsLine match holds:
// the expression, a case-blind alternation with no common prefix, runs
// on Go's backtracker at every position of every short block (5% of
// Parse's time on Mozilla's slowest pages), and most blocks hold none.
var rightsWords = []string{"vorbehalten", "reservados", "droits", "riservati", "zastrze", "chroniony"}

// rightsLine reports a rights notice (rxRightsLine).
func rightsLine(s string) bool {
	for _, w := range rightsWords {
		if containsFold(s, w) {
			return rxRightsLine.MatchString(s)
		}
	}
	return false
}

const (
	rightsMaxRunes   = 200
	metaLineMaxRunes = 80
	readAlsoMaxRunes = 200 // a pointer to another article, not a paragraph
)
