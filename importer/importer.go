// Package importer reads the export files of other read-later services
// (Pocket, Omnivore, Instapaper, Readwise Reader, wallabag) and browsers'
// bookmark files into entries: an address with its title, tags, saved date,
// state and, when the export carried them, the article's HTML and its
// highlights. Reading is a pure function of the file's bytes; storing the
// entries and fetching the pages that came without content is the caller's
// job (storage and queue).
package importer

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/url"
	"path"
	"strings"
	"time"
	"unicode/utf8"
)

// Format names an export format.
type Format string

// The formats Read understands. Auto (the zero value) detects the format
// from the file.
const (
	Auto       Format = ""
	Pocket     Format = "pocket"      // CSV, or a zip of part_NNNNNN.csv
	PocketHTML Format = "pocket-html" // the older ril_export.html
	Omnivore   Format = "omnivore"    // zip of metadata_*.json, content/, highlights/
	Instapaper Format = "instapaper"  // CSV
	Readwise   Format = "readwise"    // Readwise Reader CSV
	Wallabag   Format = "wallabag"    // JSON
	Bookmarks  Format = "bookmarks"   // Netscape bookmark file (every browser)
)

// Formats lists the formats a user can name with --format.
var Formats = []Format{Pocket, PocketHTML, Omnivore, Instapaper, Readwise, Wallabag, Bookmarks}

// ParseFormat returns the format named s ("" is Auto); ErrFormat when no
// format has that name.
func ParseFormat(s string) (Format, error) {
	s = strings.ToLower(strings.TrimSpace(s))
	if s == "" || s == "auto" {
		return Auto, nil
	}
	for _, f := range Formats {
		if string(f) == s {
			return f, nil
		}
	}
	return Auto, fmt.Errorf("%w: no format %q (known: %s)", ErrFormat, s, formatNames())
}

func formatNames() string {
	names := make([]string, len(Formats))
	for i, f := range Formats {
		names[i] = string(f)
	}
	return strings.Join(names, ", ")
}

// Errors returned by Read; test them with errors.Is.
var (
	// ErrFormat: the file is none of the known formats, or not the one named.
	ErrFormat = errors.New("not a known export format")
	// ErrTooLarge: the file or an archive's content is over a cap.
	ErrTooLarge = errors.New("export too large")
	// ErrArchive: a damaged or hostile zip archive.
	ErrArchive = errors.New("bad zip archive")
)

// Caps on what Read accepts, against zip bombs and runaway files.
const (
	MaxFileBytes     = 2 << 30 // the export file itself
	MaxInflatedBytes = 2 << 30 // everything read out of a zip, all entries together
	MaxZipEntries    = 200_000
)

// Entry is one saved page of an export.
type Entry struct {
	URL       string
	Title     string // "" when the export had none, or only the URL
	Tags      []string
	SavedAt   time.Time // when it was saved in the old service (zero: unknown)
	Unread    bool
	Archived  bool
	Favorite  bool
	Authors   []string
	Excerpt   string
	Published time.Time
	Language  string
	// ContentHTML is the readable article when the export carried it
	// (Omnivore, wallabag): such an entry needs no fetch.
	ContentHTML string
	Highlights  []Highlight
	// Where is the place in the file the entry came from ("line 12",
	// "metadata_0_to_20.json #3"), for messages.
	Where string
}

// Highlight is a passage the reader marked in the old service: no position,
// only the quote (placed on the text by it) and the reader's note.
type Highlight struct {
	Quote  string
	Note   string
	Labels []string
}

// Skip is a part of the file that was not imported, and why.
type Skip struct {
	Where  string // "part_000000.csv line 7", "line 7", "bookmark 12"
	Reason string
}

func (s Skip) String() string { return s.Where + ": " + s.Reason }

// Result is what Read found.
type Result struct {
	Format  Format
	Entries []Entry
	Skipped []Skip
}

// Read reads an export file whole (up to MaxFileBytes) and parses it. name
// is the file's name, used only as a hint (a .zip, a .csv); format Auto
// detects the format from the content.
func Read(r io.Reader, name string, format Format) (*Result, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxFileBytes+1))
	if err != nil {
		return nil, fmt.Errorf("read export: %w", err)
	}
	if len(data) > MaxFileBytes {
		return nil, fmt.Errorf("%w: more than %d GiB", ErrTooLarge, MaxFileBytes>>30)
	}
	return Parse(data, name, format)
}

// Parse parses the bytes of an export file; see Read.
func Parse(data []byte, name string, format Format) (*Result, error) {
	if isZip(data) {
		return parseZip(data, format)
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if !utf8.Valid(data) {
		data = bytes.ToValidUTF8(data, []byte("\uFFFD"))
	}
	if format == Auto {
		var err error
		if format, err = detect(data, name); err != nil {
			return nil, err
		}
	}
	res := &Result{Format: format}
	var err error
	switch format {
	case Pocket, Instapaper, Readwise:
		err = parseCSV(res, data, "", format)
	case PocketHTML:
		err = parsePocketHTML(res, data)
	case Bookmarks:
		err = parseBookmarks(res, data)
	case Wallabag:
		err = parseWallabag(res, data)
	case Omnivore:
		err = parseOmnivoreMetadata(res, data, "", nil)
	default:
		err = fmt.Errorf("%w: %q", ErrFormat, format)
	}
	if err != nil {
		return nil, err
	}
	return res, nil
}

// detect names the format of an unzipped export from its first bytes.
func detect(data []byte, name string) (Format, error) {
	head := data[:min(len(data), 4096)]
	trimmed := bytes.TrimLeft(head, " \t\r\n")
	lower := bytes.ToLower(head)
	switch {
	case len(trimmed) == 0:
		return Auto, fmt.Errorf("%w: the file is empty", ErrFormat)
	case bytes.Contains(lower, []byte("netscape-bookmark-file")):
		return Bookmarks, nil
	case trimmed[0] == '<':
		if bytes.Contains(lower, []byte("<h1>unread</h1>")) || bytes.Contains(lower, []byte("pocket export")) {
			return PocketHTML, nil
		}
		if bytes.Contains(lower, []byte("<dt><a")) {
			return Bookmarks, nil
		}
		return Auto, fmt.Errorf("%w: an HTML file that is neither a bookmark file nor a Pocket export", ErrFormat)
	case trimmed[0] == '[' || trimmed[0] == '{':
		if bytes.Contains(head, []byte(`"savedAt"`)) || bytes.Contains(head, []byte(`"slug"`)) {
			return Omnivore, nil
		}
		return Wallabag, nil
	}
	if f := csvFormat(head); f != Auto {
		return f, nil
	}
	return Auto, fmt.Errorf("%w: %s is no CSV, JSON or HTML export this version knows", ErrFormat, path.Base(name))
}

// webURL returns s trimmed when it is an absolute http(s) address, and why
// not otherwise.
func webURL(s string) (string, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", errors.New("no URL")
	}
	u, err := url.Parse(s)
	if err != nil {
		return "", fmt.Errorf("URL %q does not parse", shorten(s))
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return "", fmt.Errorf("URL %q is not a web address", shorten(s))
	}
	if u.Host == "" {
		return "", fmt.Errorf("URL %q has no host", shorten(s))
	}
	return s, nil
}

// shorten shortens s for a message.
func shorten(s string) string {
	if r := []rune(s); len(r) > 80 {
		return string(r[:80]) + "…"
	}
	return s
}

// cleanTitle drops a title that only repeats the URL (Pocket writes the URL
// when it had no title).
func cleanTitle(title, u string) string {
	title = strings.Join(strings.Fields(title), " ")
	if title == u || title == strings.TrimSpace(u) {
		return ""
	}
	return title
}

// addTags appends the non-empty, trimmed names to tags, once each.
func addTags(tags []string, names ...string) []string {
	for _, n := range names {
		n = strings.Join(strings.Fields(n), " ")
		if n == "" {
			continue
		}
		dup := false
		for _, t := range tags {
			if strings.EqualFold(t, n) {
				dup = true
				break
			}
		}
		if !dup {
			tags = append(tags, n)
		}
	}
	return tags
}

// unixTime reads Unix seconds ("" and "0" are the zero time).
func unixTime(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	if s == "" || s == "0" {
		return time.Time{}, nil
	}
	var n int64
	if _, err := fmt.Sscan(s, &n); err != nil || n < 0 || n > 1<<40 {
		return time.Time{}, fmt.Errorf("time %q is not Unix seconds", shorten(s))
	}
	return time.Unix(n, 0).UTC(), nil
}

// timeLayouts are the date formats the services write.
var timeLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02T15:04:05Z0700",            // wallabag: 2016-09-08T11:55:58+0200
	"2006-01-02 15:04:05.999999999Z07:00", // Readwise: 2025-01-20 22:13:02.447000+00:00
	"2006-01-02 15:04:05Z07:00",
	"2006-01-02 15:04:05",
	"2006-01-02",
}

// parseTime reads a date in one of timeLayouts ("" is the zero time).
func parseTime(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, nil
	}
	for _, layout := range timeLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("date %q is in no known format", shorten(s))
}

// savedTime reads the moment an entry was saved, in UTC: an instant, unlike a
// page's own date, whose offset says where it was written.
func savedTime(s string) (time.Time, error) {
	t, err := parseTime(s)
	if err != nil || t.IsZero() {
		return t, err
	}
	return t.UTC(), nil
}
