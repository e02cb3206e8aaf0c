package app

import (
	"fmt"
	"os"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
)

// applyStartup puts the window in the state MARGIN_SHOW describes: a comma
// separated list of
//
//	article=ID      open article ID
//	highlight=ID    select highlight ID in the notes panel (after article=)
//	position=F      scroll the article to reading position F, 0 to 1 (after article=)
//	notes=hide      hide the notes panel (notes=show shows it)
//	focus=reader    give the reader the keyboard, as a click on it does
//	search=TEXT     type TEXT in the search box
//	clip=TARGET     clip a URL or file as if typed in the address field
//	theme=dark      use the dark (or light, system) theme for this run
//	size=WxH        resize the window to W by H
//	settings=show   open the Settings dialog
//	font=serif      set the reader in serif (font=sans: sans-serif) for this run
//	measure=wide    line width: narrow, medium or wide, for this run
//	spacing=relaxed line spacing: compact, normal or relaxed, for this run
//	sheet=shortcuts show the keyboard shortcut sheet (F1)
//
// It does only what a user could do with the mouse, so it is harmless.
func (u *ui) applyStartup(spec string) {
	for _, part := range strings.Split(spec, ",") {
		key, val, _ := strings.Cut(strings.TrimSpace(part), "=")
		if key == "" {
			continue
		}
		id, _ := strconv.ParseInt(val, 10, 64)
		switch key {
		case "article":
			u.openArticle(id)
		case "highlight":
			u.afterShow = func() { u.selectHighlight(id) }
		case "position":
			pos, _ := strconv.ParseFloat(val, 64)
			u.afterShow = func() { u.reader.ScrollTo(pos) }
		case "notes":
			if (val == "hide") == u.notesBox.Visible() {
				u.toggleNotes()
			}
		case "focus":
			if val == "reader" {
				u.win.Canvas().Focus(u.reader)
			}
		case "search":
			u.library.search.SetText(val)
		case "clip":
			u.urlEntry.SetText(val)
			u.clipFromEntry()
		case "theme":
			u.themeChoice = val
			u.applyTheme()
		case "size":
			w, h, _ := strings.Cut(val, "x")
			fw, _ := strconv.ParseFloat(w, 32)
			fh, _ := strconv.ParseFloat(h, 32)
			u.win.Resize(fyne.NewSize(float32(fw), float32(fh)))
		case "settings":
			u.showSettings()
		case "font", "measure", "spacing":
			u.reader.SetTypography(startupTypography(u.reader.Typography(), key, val))
		case "sheet":
			if val == "shortcuts" {
				u.showShortcuts()
			}
		default:
			fmt.Fprintf(os.Stderr, "margin: MARGIN_SHOW: unknown %q\n", key)
		}
	}
}
