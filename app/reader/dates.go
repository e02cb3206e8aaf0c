package reader

import (
	"image/color"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
)

// systemLocale is the reader's locale, for dates; tests fix it.
var systemLocale = lang.SystemLocale

// longDate writes a date as the reader's locale does. The date stays in the
// page's own time zone: a date-only value moved to local time could show the
// day before for readers west of the publisher.
func longDate(t time.Time, loc fyne.Locale) string {
	switch l := loc.LanguageString(); {
	case strings.HasPrefix(l, "zh"), strings.HasPrefix(l, "ja"):
		return t.Format("2006年1月2日")
	case strings.HasPrefix(l, "ko"):
		return t.Format("2006년 1월 2일")
	case l == "en-US":
		return t.Format("January 2, 2006")
	default:
		return t.Format("2 January 2006")
	}
}

// IsDarkBackground reports whether bg is dark by its perceived brightness
// (ITU-R BT.601 weights): the reader and the window pick their highlight
// fills by it.
func IsDarkBackground(bg color.Color) bool {
	r, g, b, _ := bg.RGBA()
	return 299*r+587*g+114*b < 500*0xffff
}
