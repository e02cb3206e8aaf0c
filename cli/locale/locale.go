// Package locale repairs a C locale before Fyne reads it.
//
// Fyne 2.7 reads the locale while its packages initialise and logs three
// "Fyne error: Error parsing user locale C" lines on every start when LANG is
// C.UTF-8, the default of many Debian systems and containers
// (fyne-io/fyne#5271): go-locale treats "C" as a language only when no codeset
// follows it. That noise would break the CLI's one-line errors. Go initialises
// packages in import-path order once their imports are ready, and this
// module's path sorts before fyne.io, so this package runs first: with a C
// locale it sets LANGUAGE=en (unless set), which is what a C locale means for
// messages anyway.
package locale

import (
	"os"
	"strings"
)

func init() {
	if os.Getenv("LANGUAGE") != "" {
		return
	}
	if IsC(effective(os.Getenv)) {
		os.Setenv("LANGUAGE", "en")
	}
}

// effective is the locale that decides messages, as gettext reads it.
func effective(getenv func(string) string) string {
	for _, name := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if v := getenv(name); v != "" {
			return v
		}
	}
	return ""
}

// IsC reports whether locale is the C or POSIX locale with a codeset or
// modifier (C.UTF-8, POSIX@euro), the form go-locale fails on.
func IsC(locale string) bool {
	lang, _, found := strings.Cut(locale, ".")
	if !found {
		lang, _, found = strings.Cut(locale, "@")
	}
	return found && (lang == "C" || lang == "POSIX")
}
