package clip

import "regexp"

// rxMoreSectionCue adds to rxSectionCue the headings of what hangs under
// an article that it lacked: links to more on a site ("Mehr zum Thema auf
// UEPO.de", "Weiterführender Link"), most-read lists, also written with a
// hyphen ("meist-diskutiert", "Meistgelesene Artikel"), the way to the next or previous post ("Vorschau
// auf den nächsten Artikel"), a press contact ("Pressekontakt",
// "Ansprechpartnerin zum Thema"), similar recipes. Provenance: excluded
// passages Margin kept on go-trafilatura's comparison set (10 on 7 pages:
// uepo.de, speicherguide.de, kath.net, erp-news.info, internetchemie.info,
// baumev.de, nestle's recipes); it loses one wanted passage, uepo.de's
// "Weiterführender Link" that follows its "Mehr zum Thema auf UEPO.de".
// Kept apart from rxSectionCue, which needs Go's slowest matcher already:
// this one is small enough for the faster backtracker, and joined with
// rxSectionCue it raised Parse's allocation on Mozilla's pages by 12%.
var rxMoreSectionCue = regexp.MustCompile(`(?i)^[\s\p{P}]*(?:` +
	`mehr zum thema (?:auf|bei|von) \S+|weiterführender link|` +
	`meist[- ]?(?:gelesen|diskutiert|kommentiert|geteilt)e?(?: artikel| beiträge| news)?|` +
	`(?:vorschau auf den )?(?:nächsten?|vorherigen?) (?:artikel|beitrag)|lesen sie hier (?:einen |den )?(?:weiteren?|nächsten) .*|` +
	`(?:presse)?kontakt(?: für rückfragen)?|ansprechpartner(?:in|innen)?(?: zum thema| für die presse)?|zusatzinformationen|` +
	`(?:more |new )?(?:and exciting )?similar (?:recipes|dishes|articles|posts|stories)(?: for you)?(?: to try(?: out)?)?` +
	`)[\s\p{P}]*$`)
