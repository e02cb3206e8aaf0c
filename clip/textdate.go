package clip

import (
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// rxTextDate is a date as a page prints it in Latin script, with its parts
// in groups: day-first with dots ("23.10.2018", "31.10.23"), ISO
// ("2021-04-29"), with slashes ("26/10/2018", "08/08/2017"), day and
// month's name ("7. oktober 2020", "8 January 2020", "le 07 Mai 2020"),
// month's name and day ("November 22, 2011", "Dezember 16th, 2012"). The
// month names are rxFullDate's.
var rxTextDate = regexp.MustCompile(`(?i)(?:^|[^\p{L}\p{N}.])(?:` +
	`(\d{1,2})\.\s?(\d{1,2})\.\s?((?:19|20)\d{2}|\d{2})` +
	`|((?:19|20)\d{2})-(\d{1,2})-(\d{1,2})` +
	`|(\d{1,2})/(\d{1,2})/((?:19|20)\d{2})` +
	`|(\d{1,2})\.?\s+(` + monthNames + `)\.?,?\s+((?:19|20)\d{2})` +
	`|(` + monthNames + `)\.?\s+(\d{1,2})(?:st|nd|rd|th)?\.?,?\s+((?:19|20)\d{2})` +
	`)(?:[^\p{L}\p{N}]|$)`)

// rxTextClock is a time of day right after a date: "09:54", ", 3:51 pm",
// "um 14:48", "à 10h18" is not read.
var rxTextClock = regexp.MustCompile(`(?i)^[\s,|/–-]*(?:um|at|à|a las|kl\.?)?\s*(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\s*([ap])\.?\s?m\b)?`)

// monthRows are the months' names in full, January to December, in the
// languages of monthNames (Polish in the genitive a date uses), spellings
// of one month joined by "|".
var monthRows = []string{
	"january february march april may june july august september october november december",
	"januar|jänner februar märz april mai juni juli august september oktober november dezember",
	"janvier février|fevrier mars avril mai juin juillet août|aout septembre octobre novembre décembre|decembre",
	"enero febrero marzo abril mayo junio julio agosto septiembre|setiembre octubre noviembre diciembre",
	"stycznia lutego marca kwietnia maja czerwca lipca sierpnia września|wrzesnia października|pazdziernika listopada grudnia",
	"januar februar mars april mai juni juli august september oktober november desember",
}

// monthOf is the month a name or abbreviation of rxTextDate names: the
// month whose name it is or starts ("Sept", "Jan"); 0 when it only
// starts like one ("marathons"). No abbreviation starts two months.
func monthOf(name string) time.Month {
	name = strings.ToLower(name)
	for _, row := range monthRows {
		for i, spellings := range strings.Fields(row) {
			for _, w := range strings.Split(spellings, "|") {
				if strings.HasPrefix(w, name) {
					return time.Month(i + 1)
				}
			}
		}
	}
	return 0
}

// monthFirst reports a language whose readers write 08/07/2017 for
// August 7th: American English, the default of English.
func monthFirst(lang string) bool {
	lang = strings.ToLower(strings.ReplaceAll(lang, "_", "-"))
	if baseLang(lang) != "en" {
		return false
	}
	for _, dayFirst := range []string{"-gb", "-au", "-nz", "-ie", "-in", "-za", "-sg", "-uk"} {
		if strings.HasSuffix(lang, dayFirst) {
			return false
		}
	}
	return true
}

// textDate is the first date s prints in Latin script (see rxTextDate) or
// with 年月日,
// with the time of day that follows it, in loc; lang tells which of day
// and month comes first in a date with slashes when both could be either.
func textDate(s, lang string, loc *time.Location) (time.Time, bool) {
	m := rxTextDate.FindStringSubmatchIndex(s)
	// A Japanese page (or a Chinese one its markup does not say is
	// Chinese) prints 2020年07月03日, which findDate reads.
	if c := rxCJKDate.FindStringIndex(s); c != nil && (m == nil || c[0] < m[0]) {
		return findDate(s[c[0]:], loc)
	}
	if m == nil {
		return time.Time{}, false
	}
	group := func(i int) string {
		if m[2*i] < 0 {
			return ""
		}
		return s[m[2*i]:m[2*i+1]]
	}
	num := func(i int) int {
		n, _ := strconv.Atoi(group(i))
		return n
	}
	var y, d int
	var mo time.Month
	switch {
	case group(1) != "":
		d, mo, y = num(1), time.Month(num(2)), num(3)
		if len(group(3)) == 2 {
			if len(group(1)) != 2 || len(group(2)) != 2 {
				return time.Time{}, false // "1.2.23" is more often a version than a date
			}
			y += 2000
		}
	case group(4) != "":
		y, mo, d = num(4), time.Month(num(5)), num(6)
	case group(7) != "":
		a, b := num(7), num(8)
		y = num(9)
		if a > 12 || (b <= 12 && !monthFirst(lang)) {
			d, mo = a, time.Month(b)
		} else {
			mo, d = time.Month(a), b
		}
	case group(10) != "":
		d, mo, y = num(10), monthOf(group(11)), num(12)
	default:
		mo, d, y = monthOf(group(13)), num(14), num(15)
	}
	var h, mi, sec int
	end := 0 // the end of the year, whichever notation matched
	for _, year := range []int{3, 6, 9, 12, 15} {
		end = max(end, m[2*year+1])
	}
	if c := rxTextClock.FindStringSubmatch(s[end:]); c != nil {
		h, _ = strconv.Atoi(c[1])
		mi, _ = strconv.Atoi(c[2])
		sec, _ = strconv.Atoi(c[3])
		switch strings.ToLower(c[4]) {
		case "p":
			if h < 12 {
				h += 12
			}
		case "a":
			if h == 12 {
				h = 0
			}
		}
	}
	return makeDate([]int{y, int(mo), d, h, mi, sec}, loc)
}

// headingDateLine is the date of the first date line (isDateLine) by the
// heading h (see nearHeading): "Datum: 22.12.2012, Rubrik: USA", "21.
// Januar 2022 | Mobilität", "Hamburg, 2. November 2021", "Pressemitteilung
// 02.11.2021" over the heading. Provenance: go-htmldate's comparison set,
// where German news, government and club pages print their date so and
// declare none.
func headingDateLine(lines []pageLine, h int, lang string, loc *time.Location) (time.Time, bool) {
	return nearHeading(lines, h, func(l pageLine) (time.Time, bool) {
		if utf8.RuneCountInString(l.text) > dateLineMaxRunes || !isDateLine(l.text) {
			return time.Time{}, false
		}
		return textDate(l.text, lang, loc)
	})
}

// printedZone is t, a date the page declares in UTC, in the zone of its
// wall clock as another of the page's dates gives it: the same instant with
// an offset ("2023-11-08T22:35:29-08:00"), or the clock without one
// ("2023-11-08 17:49:09" beside "2023-11-09T01:49:09Z") that differs from
// t by a zone's offset. American news sites declare their evening posts in
// UTC, a day later than the page prints them; the instant is unchanged.
func printedZone(t time.Time, dates []string) time.Time {
	if _, off := t.Zone(); off != 0 || t.IsZero() {
		return t
	}
	probe := time.FixedZone("", 3*3600)
	for _, s := range dates {
		if !strings.Contains(s, ":") {
			continue // a day alone says no clock
		}
		u, ok := parseDate(s, time.UTC)
		v, ok2 := parseDate(s, probe)
		if !ok || !ok2 {
			continue
		}
		if u.Equal(v) { // the string gives its zone
			if _, off := u.Zone(); off != 0 && u.Equal(t) {
				return t.In(u.Location())
			}
			continue
		}
		diff := u.Truncate(time.Minute).Sub(t.Truncate(time.Minute))
		if diff != 0 && diff%(15*time.Minute) == 0 && diff.Abs() <= 14*time.Hour {
			return t.In(time.FixedZone("", int(diff/time.Second)))
		}
	}
	return t
}

// rxPublishedLabel is a label that says a date is the publication's:
// "Erschienen am:", "Veröffentlicht am", "Published on", "Publié le",
// "Publicado el", "Pubblicato il".
var rxPublishedLabel = regexp.MustCompile(`(?i)(?:^|[^\p{L}])(?:veröffentlicht|erschienen|publiziert|published|posted|publié|publicado|pubblicato|gepubliceerd)(?:\s+(?:am|on|le|el|il|op))?\s*[:：]?\s*`)

// publishedLabelReach is how far after its label a labelled date may
// start: a weekday ("Samstag, 3. Dezember 2011").
const publishedLabelReach = 16

// labelledDateLine is the date of the first short line on the page that
// labels it the publication's ("Erschienen am: 01.11.2023" in a footer,
// "Veröffentlicht am 16.08.2019" under a player), wherever it stands:
// for pages whose heading has no date line by it.
func labelledDateLine(lines []pageLine, lang string, loc *time.Location) (time.Time, bool) {
	for _, l := range lines {
		if l.linkOnly || utf8.RuneCountInString(l.text) > dateLineMaxRunes {
			continue
		}
		for _, m := range rxPublishedLabel.FindAllStringIndex(l.text, -1) {
			rest := l.text[m[1]:]
			if d := rxTextDate.FindStringIndex(rest); d != nil && d[0] <= publishedLabelReach {
				if t, ok := textDate(rest, lang, loc); ok {
					return t, true
				}
			}
		}
	}
	return time.Time{}, false
}

// rxMachineUTC is a time a machine wrote in UTC: "…T23:00:00.000Z". (A
// site whose own clock is UTC writes "+00:00", as WordPress does, and
// prints the same day.)
var rxMachineUTC = regexp.MustCompile(`(?i)\d:\d\d(?::\d\d(?:\.\d+)?)?z$`)

// Standard offsets (hours east of UTC) of the languages whose speakers
// share one European clock, and the regions of the others that keep it.
var (
	languageClocks = map[string]int{
		"de": 1, "nl": 1, "it": 1, "pl": 1, "cs": 1, "sk": 1, "hu": 1, "sl": 1, "hr": 1, "sr": 1, "bs": 1,
		"sv": 1, "da": 1, "nb": 1, "nn": 1, "no": 1, "lb": 1,
		"fi": 2, "el": 2, "ro": 2, "bg": 2, "et": 2, "lv": 2, "lt": 2,
	}
	regionClocks = map[string]int{"fr": 1, "fr-fr": 1, "fr-be": 1, "fr-ch": 1, "fr-lu": 1, "es-es": 1, "ca": 1, "pt-pt": 0}
)

// inLanguageClock is t on the clock of lang's country: its standard time,
// and summer time from the last Sunday of March to the last Sunday of
// October (at 01:00 UTC, the European Union's rule since 1996). t is
// unchanged for a language spoken across zones (English, Spanish,
// Portuguese, French outside Europe) or none. The instant is the same.
func inLanguageClock(t time.Time, lang string) time.Time {
	tag := strings.ToLower(strings.ReplaceAll(lang, "_", "-"))
	std, ok := regionClocks[tag]
	if !ok {
		if std, ok = languageClocks[baseLang(tag)]; !ok {
			return t
		}
	}
	u := t.UTC()
	lastSunday := func(month time.Month) time.Time {
		d := time.Date(u.Year(), month+1, 0, 1, 0, 0, 0, time.UTC) // the month's last day, 01:00
		return d.AddDate(0, 0, -int(d.Weekday()))
	}
	off := std
	if !u.Before(lastSunday(time.March)) && u.Before(lastSunday(time.October)) {
		off++
	}
	return t.In(time.FixedZone("", off*3600))
}
