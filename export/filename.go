package export

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// maxNameBytes bounds a file name, extension and collision suffix included.
// Well under every file system's 255-byte limit, so the name also survives
// being copied into deeper folders, zipped, or synced to Windows.
const maxNameBytes = 120

// untitled names the file of an article whose title leaves nothing usable.
const untitled = "untitled"

// FileName returns the Markdown file name for an article title: the title
// itself (Chinese and other scripts kept, in NFC), made safe on Windows,
// macOS and Linux, with ".md" appended, at most 120 bytes.
func FileName(title string) string { return fileName(title, ".md", 1) }

// fileName builds the n-th candidate name for title: n == 1 is the plain
// name, n > 1 adds " (n)" before the extension. Every candidate fits
// maxNameBytes, so a collision suffix never pushes a name over the limit.
func fileName(title, ext string, n int) string {
	suffix := ""
	if n > 1 {
		suffix = " (" + strconv.Itoa(n) + ")"
	}
	stem := cleanStem(title)
	stem = truncateUTF8(stem, maxNameBytes-len(suffix)-len(ext))
	stem = trimEdges(stem)
	if stem == "" {
		stem = untitled
	}
	if reservedOnWindows(stem) {
		// Windows refuses CON, CON.md and "CON .md" alike; an underscore
		// right after the device name frees it.
		i := deviceNameLen(stem)
		stem = trimEdges(truncateUTF8(stem[:i]+"_"+stem[i:], maxNameBytes-len(suffix)-len(ext)))
	}
	return stem + suffix + ext
}

// cleanStem replaces what a file system or a notes app would refuse and
// collapses the runs of spaces that leaves.
func cleanStem(title string) string {
	title = strings.ToValidUTF8(title, " ")
	title = norm.NFC.String(title)
	var b strings.Builder
	space := false
	for _, r := range title {
		if unsafeInName(r) || unicode.IsSpace(r) {
			space = true
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	return trimEdges(b.String())
}

// unsafeInName reports characters that Windows reserves (<>:"/\|?*), control
// and format characters (newlines, bidi overrides that disguise a name), and
// the ones Obsidian refuses in a note name because they mean something in a
// link: # (heading), ^ (block), [ ] (wikilink) and | (alias).
func unsafeInName(r rune) bool {
	switch r {
	case '<', '>', ':', '"', '/', '\\', '|', '?', '*', '#', '^', '[', ']':
		return true
	}
	return r == utf8.RuneError || unicode.IsControl(r) || unicode.Is(unicode.Cf, r) ||
		unicode.Is(unicode.Co, r) || unicode.Is(unicode.Cs, r)
}

// trimEdges removes leading dots (hidden files on Unix) and dashes (a shell
// command given the file, `rm *.md`, would take "-rf.md" for its options), and
// leading and trailing spaces and trailing dots (which Windows silently
// drops, so two names would meet).
func trimEdges(s string) string {
	for {
		t := strings.TrimLeft(s, ". -")
		t = strings.TrimRight(t, ". ")
		if t == s {
			return s
		}
		s = t
	}
}

// truncateUTF8 cuts s to at most max bytes without splitting a character,
// and keeps the result in NFC.
func truncateUTF8(s string, max int) string {
	for len(s) > max {
		cut := max
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		// Cutting between a base and its combining mark can leave a
		// string that normalises differently; normalise and check again.
		s = norm.NFC.String(s[:cut])
	}
	return s
}

// windowsDevices are the names Windows reserves whatever the extension
// (COM¹ to COM³ and LPT¹ to LPT³ included: Windows treats superscript digits
// as digits there).
var windowsDevices = map[string]bool{
	"CON": true, "PRN": true, "AUX": true, "NUL": true, "CONIN$": true, "CONOUT$": true,
	"COM0": true, "COM1": true, "COM2": true, "COM3": true, "COM4": true,
	"COM5": true, "COM6": true, "COM7": true, "COM8": true, "COM9": true,
	"LPT0": true, "LPT1": true, "LPT2": true, "LPT3": true, "LPT4": true,
	"LPT5": true, "LPT6": true, "LPT7": true, "LPT8": true, "LPT9": true,
	"COM¹": true, "COM²": true, "COM³": true, "LPT¹": true, "LPT²": true, "LPT³": true,
}

// deviceNameLen is the length of the part of a name Windows compares with
// its device names: up to the first dot, without trailing spaces.
func deviceNameLen(name string) int {
	if i := strings.IndexByte(name, '.'); i >= 0 {
		name = name[:i]
	}
	return len(strings.TrimRight(name, " "))
}

// reservedOnWindows reports whether Windows would take name for a device.
func reservedOnWindows(name string) bool {
	return windowsDevices[strings.ToUpper(name[:deviceNameLen(name)])]
}
