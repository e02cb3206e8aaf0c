package clip

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Readability's byline is the text of the element it takes for one, and
// blog themes print the label and the date with the name: "von Christian
// Spließ", "Veröffentlicht von Cem Basman", "| Autor: gnaddrig", "von
// Limespacer · 22. Oktober 2019", "von lupa am 26/10/13, 03:48 pm", and
// sometimes the label alone ("Posted on", "Veröffentlicht am"). An author
// is a name.
var (
	// rxBylineLabel is a label that opens a byline.
	rxBylineLabel = regexp.MustCompile(`(?i)^[\s|｜·•:,–-]*(?:(?:veröffentlicht|geschrieben|verfasst|erstellt|publiziert|gepostet|eingestellt|posted|written|publicado|escrito|pubblicato|scritto|opublikowano|napisane|gepubliceerd|geschreven)\s+(?:von|by|por|da|przez|door)|von|by|par|por|di|door|przez|autor(?:in)?|author|auteur|autore|redakteur(?:in)?|(?:ein\s+)?(?:blog[-\s]?|gast)?(?:artikel|beitrag)\s+von|text(?:\s+und\s+(?:interview|fotos?|bilder))?(?:\s+von)?|interview)(?:\s*[:：]\s*|\s+)`)
	// rxBylineTail is where what follows the name begins: a separator, a
	// date, "am" or "on" and a date.
	rxBylineTail = regexp.MustCompile(`(?i)\s+[|｜·•–»]|\s+(?:illustrations?|fotos?|bilder|photos?|grafik)\s*(?:von\s|by\s|:)|\s+(?:mo|di|mi|do|fr|sa|so|mon|tue|wed|thu|fri|sat|sun|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|lunes|martes|miércoles|jueves|viernes|sábado|domingo)\.?,\s*\d|,\s*\d|\s+am\s+(?:montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag)|\s*\d{1,2}\.\s*(?:` + monthNames + `|\d{1,2}\.)|\s*\d{1,2}[./-]\d{1,2}[./-]\d{2,4}|\s*\d{4}-\d{2}-\d{2}|\s+(?:am|on|le|el|il|dnia)\s+\d|\s+(?:` + monthNames + `)\s+\d{1,2},?\s+\d{4}`)
	// rxNextField is the label of what a byline prints after the name,
	// also glued to it ("Fritz ImhofQuelle: Livenet").
	rxNextField = regexp.MustCompile(`(?:\s|[a-zäöüß])((?:[Qq]uelle|[Kk]ategorien?|[Dd]atum|[Ff]otos?|[Bb]ild|[Tt]ags|[Rr]ubrik|[Ll]esezeit|[Ss]ource|[Cc]ategor(?:y|ies))\s*:)`)
	// rxInnerLabel is an author's label with a colon after other text.
	rxInnerLabel = regexp.MustCompile(`(?i)\S\s+(?:autor(?:in)?|author|von|verfasser(?:in)?)\s*:\s*`)
	// rxBareLabel is a byline that is a label and nothing else.
	rxBareLabel = regexp.MustCompile(`(?i)^[\s|·•:,–-]*(?:by|von|posted(?:\s+(?:on|by|in))?|published(?:\s+on)?|written\s+by|veröffentlicht(?:\s+(?:am|von))?|publiziert(?:\s+am)?|geschrieben(?:\s+(?:am|von))?|autor(?:in)?|author)[\s:：]*$`)
)

// cleanByline is Readability's byline as the page's author: "" when it is
// a bare label; on pages in a language whose reference keeps bylines as
// printed (English and French: Readability.js's on Mozilla's pages, "By
// Scott Cunningham", "Par Sébastien Farcis") otherwise unchanged; on
// others, without the label before the name and the date or separator
// after it. Provenance: go-trafilatura's comparison set, whose German,
// Spanish and Polish blogs and news sites gave the author with its label
// or date (authors exact 208 -> 247 of the 552 pages that name one) and a
// bare label on 7 pages, which now fall back to the page's other author
// sources. Cutting at " - " found no name more and split two-author lines.
func cleanByline(byline, lang string) string {
	if rxBareLabel.MatchString(byline) {
		return ""
	}
	switch baseLang(lang) {
	case "", "en", "fr":
		return byline
	}
	return bylineName(byline)
}

// bylineName is the name in a byline: without the label before it and the
// date or field after it; the byline itself when nothing is left.
func bylineName(byline string) string {
	name := byline
	if m := rxInnerLabel.FindStringIndex(name); m != nil {
		name = name[m[1]:] // "Datum: 19.11.2021 Autor: Fritz Imhof"
	} else if m := rxBylineLabel.FindStringIndex(name); m != nil {
		name = name[m[1]:]
	}
	if m := rxNextField.FindStringSubmatchIndex(name); m != nil {
		name = name[:m[2]]
	}
	if m := rxBylineTail.FindStringIndex(name); m != nil {
		name = name[:m[0]]
	}
	name = strings.Trim(name, " |｜·•:,–-")
	if name == "" {
		return byline
	}
	return name
}

// Limits of headingByline: the longest line and name it reads.
const (
	bylineLineMaxRunes = 80
	bylineNameMaxRunes = 40
	bylineNameMaxWords = 4
)

// headingByline is the name in the first byline line by the heading h
// (see nearHeading): a line that opens with a byline label ("von Andreas
// Kürten", "Von R. R. am 3. Mai", "Posted by Konstantin", "par Didier Roy,
// 21 juin 2018"), the name as bylineName reads it. A name is one to four
// words, each capitalised, with no digit. "" when there is none.
// Provenance: go-trafilatura's comparison set, German and French blogs
// whose markup names no author.
func headingByline(lines []pageLine, h int) string {
	name, _ := nearHeading(lines, h, func(l pageLine) (string, bool) { return bylineLine(l.text) })
	return name
}

// bylineLine is the name in a line that is a byline and nothing more: it
// opens with a byline label, and the name bylineName reads is one to four
// capitalised words with no digit.
func bylineLine(line string) (string, bool) {
	if utf8.RuneCountInString(line) > bylineLineMaxRunes || rxBareLabel.MatchString(line) {
		return "", false
	}
	if m := rxBylineLabel.FindStringIndex(line); m == nil || m[0] != 0 {
		return "", false
	}
	name := bylineName(line)
	if name == line || !capitalisedName(name) || accountName(name) {
		return "", false
	}
	return name, true
}

// contentBylineBlocks is how many blocks at each end of the text
// contentByline reads.
const contentBylineBlocks = 3

// contentByline is the name in a byline line among the first or last
// blocks of the article's text (see bylineLine): German and French papers
// sign a piece at its end ("Von Ulrich Nitsche", "Text: Klausmartin
// Friedrich"), magazines under the lede ("Text von Christian Seiler").
// Only the extracted text is read: a sidebar's teasers print bylines of
// other articles. "" when there is none.
// Provenance: go-trafilatura's comparison set.
func contentByline(blocks []string) string {
	for i, b := range blocks {
		if i >= contentBylineBlocks && i < len(blocks)-contentBylineBlocks {
			continue
		}
		for _, line := range strings.Split(b, "\n") {
			if name, ok := bylineLine(line); ok {
				return name
			}
		}
	}
	return ""
}

// capitalisedName reports a person's name as a byline prints it: one to
// bylineNameMaxWords words, each opening with a capital, no digit.
func capitalisedName(name string) bool {
	words := strings.Fields(name)
	if len(words) == 0 || len(words) > bylineNameMaxWords || utf8.RuneCountInString(name) > bylineNameMaxRunes ||
		strings.ContainsFunc(name, unicode.IsDigit) {
		return false
	}
	for _, w := range words {
		if r, _ := utf8.DecodeRuneInString(w); !unicode.IsUpper(r) {
			return false
		}
	}
	return true
}
