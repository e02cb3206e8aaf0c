package clip

import (
	"regexp"

	"golang.org/x/net/html/atom"
)

// rxPageNotice is a short line the site prints about its pages, not the
// article: an advertising label, the placeholder of embedded content that
// waits for consent ("Klicken Sie auf den unteren Button, um den Inhalt
// von www.komoot.de zu laden."), the licence of the site or text ("Sofern
// nicht anders ausgewiesen, stehen Inhalte dieser Website unter CC-BY",
// "Dieser Text wurde veröffentlicht unter der Lizenz CC-BY-NC-ND"), a
// disclaimer ("(Alle Angaben ohne Gewähr)"), a shop's message ("Der
// Artikel wurde erfolgreich hinzugefügt."), a citation template
// ("SUGGESTED CITATION …"), a download line ("Dieses Skript als PDF
// herunterladen"), a note on what kind of post it is ("Bei diesem
// Beitrag handelt es sich um ein Blog aus der Freitag-Community"), a line
// an advertising label opens ("ANZEIGE - Heute mal ausgehen?").
// Provenance: excluded passages Margin kept on go-trafilatura's comparison
// set (salon.com, unterwegsinberlin.de, creativecommons.ch, fluter.de,
// handwerksblatt.de, ebrosia.de, verfassungsblog.de, ndr.de, freitag.de,
// SW1.News);
// none of these lines is on Mozilla's pages.
var rxPageNotice = regexp.MustCompile(`(?i)` +
	`^\W*(?:advertisement|sponsored content)\W*$|^\W*(?:anzeige|werbung|reklama|publicidad|publicité)\s*[-–:|]\s|` +
	`\bum den inhalt von \S+ zu laden\b|\bmit dem laden des inhalts\b|\bklicken sie auf den (?:unteren |folgenden )?button\b|\bplease enable javascript to view\b|\bclick (?:here )?to load\b|` +
	`\b(?:dieser|diese|diesen) (?:text|beitrag|artikel|website|webseite|inhalte?)\b[^.]*(?:\blizenz|\bcc[- ]?by\b|creative commons)|\binhalte dieser (?:website|webseite|seite)\b[^.]*(?:\blizenz|\bcc[- ]?by\b|creative commons)|` +
	`\b(?:this|the) (?:article|text|post|work|content|website|site)\b[^.]*\blicen[sc]ed under\b|` +
	`^\W*(?:alle )?angaben ohne gewähr\W*$|\bwurde erfolgreich (?:hinzugefügt|gespeichert|entfernt)\b|\b(?:added|removed) (?:to|from) (?:your )?(?:cart|basket|wishlist)\b|` +
	`^\W*(?:suggested citation|zitiervorschlag|zitierweise)\b|^\W*(?:dieses?|den|das) (?:\S+ )?als pdf (?:herunterladen|downloaden)\W*$|` +
	`^\W*bei diesem (?:beitrag|text|artikel) handelt es sich um\b`)

// noticeStems are words one of which every line of rxPageNotice holds,
// lower-case (see matchWithStems; the expression cost 5% of Parse on
// Mozilla's pages).
var noticeStems = []string{"advertisement", "sponsored", "anzeige", "werbung", "reklama", "publicidad", "publicité", "inhalt", "klicken sie", "javascript", "click", "lizenz", "cc-by", "cc by", "ccby",
	"creative commons", "licen", "gewähr", "erfolgreich", "cart", "basket", "wishlist", "citation", "zitier", "pdf", "handelt es sich"}

// pageNotice is a block rule (see dropBlocks): a short block of
// rxPageNotice, but code, where such words are data.
func pageNotice(tb textBlocks, i int) bool {
	b := tb.nodes[i]
	if tb.texts[i] == "" || b.DataAtom == atom.Pre || holds(b, atom.Pre, atom.Code) {
		return false
	}
	return matchWithStems(rxPageNotice, noticeStems, tb.texts[i])
}
