package clip

import (
	"regexp"
	"strings"
)

var (
	// rxFullDate is a date with its day, month and year, as numbers or
	// with the month's name in English, German, French, Spanish, Polish
	// (in the genitive) or Norwegian: "23.10.2018", "2021-04-29",
	// "7. oktober 2020", "16 marca 2021", "Feb 6, 2014".
	rxFullDate = regexp.MustCompile(`(?i)\b(?:\d{1,2}\.\s?\d{1,2}\.\s?(?:19|20)\d{2}|(?:19|20)\d{2}-\d{2}-\d{2}|\d{1,2}/\d{1,2}/(?:19|20)\d{2}|` +
		`\d{1,2}\.?\s+` + monthNames + `\.?,?\s+(?:19|20)\d{2}|` + monthNames + `\.?\s+\d{1,2},?\s+(?:19|20)\d{2})\b`)
	// rxClock is a time of day with what may follow it: seconds, a
	// fraction, a zone, "Uhr", "PM".
	rxClock = regexp.MustCompile(`(?i)\b` + clockTime + `(?:\s*(?:uhr|h|am|pm))?\b`)
	// rxMetaWord is a word of what a date line may hold beside the date: separators,
	// and words of a byline, a category or a count.
	rxMetaWord = regexp.MustCompile(`\p{L}[\p{L}\p{N}'’.-]*|\d+`)
)

// monthNames are the stems of month names rxFullDate and rxDatedLine
// read; "pazdz" is Polish's "październik" typed without its accents.
const monthNames = `(?:jan|feb|mär|mar|apr|mai|may|jun|jul|aug|sep|okt|oct|nov|dez|dec|des|janv|févr|fevr|avr|juin|juil|août|déc|ene|abr|ago|dic|` +
	`stycz|lut|kwie|maj|czerw|lip|sierp|wrze|paźdz|pazdz|listop|grud)\p{L}*`

// clockTime is a time of day as rxClock and rxDatedLine read it, with the
// seconds, fraction and zone a machine time adds ("17:13:04.031886+02:00").
const clockTime = `\d{1,2}[:.]\d{2}(?::\d{2}(?:\.\d+)?)?(?:[+-]\d{2}:?\d{2}|z)?`

// Limits of a date line.
const (
	dateLineMaxRunes = 80
	dateLineMaxWords = 6 // words beside the date: "von Anja Schmoll-Trautmann", "Kategorie: News"
	dateLineTop      = 3 // the text's first blocks, where a date line is about the article
)

// topDateLines returns a block rule (see dropBlocks) that names, among
// the first dateLineTop blocks it is asked about (the article's top; a
// lede may stand above), the short lines that are a date with a time, a
// byline or a category at most: the page's line about
// the article, not the article ("23.10.2018", "7. oktober 2020",
// "24.01.2022 11:38 Kategorie: News", "von Anja Schmoll-Trautmann am 14.
// Mai 2014, 15:40 Uhr"). Provenance: excluded passages Margin kept at the
// top of go-trafilatura's comparison pages (adac.de, tine.no, love-hina.ch,
// a Polish monthly, taucher.net). Parse asks for it on pages not in
// English: Readability.js keeps English date lines at the top of Mozilla's
// pages ("Last updated September 14, 2016" on ehow-2, "Sept. 25, 2018" on
// nytimes-4, "Sarah Gooding March 9, 2017" on wordpress).
func topDateLines() func(tb textBlocks, i int) bool {
	seen := 0
	return func(tb textBlocks, i int) bool {
		seen++
		return seen <= dateLineTop && tb.runes[i] <= dateLineMaxRunes && isDateLine(tb.texts[i])
	}
}

// isDateLine reports a line that holds a full date and, beside it and its
// time, at most dateLineMaxWords words and no sentence.
func isDateLine(s string) bool {
	loc := rxFullDate.FindStringIndex(s)
	if loc == nil {
		return false
	}
	rest := s[:loc[0]] + " " + s[loc[1]:]
	if strings.Contains(rest, ". ") {
		return false
	}
	rest = rxClock.ReplaceAllString(rest, " ")
	return len(rxMetaWord.FindAllStringIndex(rest, dateLineMaxWords+1)) <= dateLineMaxWords
}
