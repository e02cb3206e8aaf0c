package app

import (
	"time"
)

// shortDate writes the dates of now's year without the year.
func shortDate(t, now time.Time) string {
	if t.Year() == now.Year() {
		return t.Format("2 Jan")
	}
	return t.Format("2 Jan 2006")
}
