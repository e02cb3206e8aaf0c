package importer

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// columns maps lower-case header names to their index in a CSV row.
type columns map[string]int

func headerColumns(header []string) columns {
	c := columns{}
	for i, h := range header {
		h = strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")))
		if _, dup := c[h]; !dup {
			c[h] = i
		}
	}
	return c
}

func (c columns) has(names ...string) bool {
	for _, n := range names {
		if _, ok := c[n]; !ok {
			return false
		}
	}
	return true
}

// get is the cell of the named column, "" when the row or the header lacks it.
func (c columns) get(row []string, name string) string {
	i, ok := c[name]
	if !ok || i >= len(row) {
		return ""
	}
	return row[i]
}

// csvFormat names the CSV format of a file from its header line, Auto when
// the header is none the services write.
func csvFormat(head []byte) Format {
	r := csv.NewReader(bytes.NewReader(head))
	r.FieldsPerRecord = -1
	r.LazyQuotes = true
	header, err := r.Read()
	if err != nil || len(header) < 2 {
		return Auto
	}
	c := headerColumns(header)
	switch {
	case c.has("url", "time_added"):
		return Pocket
	case c.has("url", "document tags") || c.has("url", "saved date"):
		return Readwise
	case c.has("url", "title", "selection") || c.has("url", "title", "folder"):
		return Instapaper
	}
	return Auto
}

// parseCSV reads a CSV export of the given format. file names the file
// inside an archive for messages ("" for a bare file).
func parseCSV(res *Result, data []byte, file string, format Format) error {
	r := csv.NewReader(bytes.NewReader(data))
	r.FieldsPerRecord = -1 // rows are checked against the header below
	r.LazyQuotes = true
	header, err := r.Read()
	if err != nil {
		return fmt.Errorf("%w: %s: no CSV header: %w", ErrFormat, orFile(file), err)
	}
	c := headerColumns(header)
	required := map[Format][]string{
		Pocket:     {"url"},
		Instapaper: {"url"},
		Readwise:   {"url"},
	}[format]
	if !c.has(required...) {
		if c.has("highlight", "book title") {
			return fmt.Errorf("%w: %s is a Readwise highlights export, which names no web address (export your documents from Readwise Reader instead)", ErrFormat, orFile(file))
		}
		return fmt.Errorf("%w: %s has no %q column (columns: %s)", ErrFormat, orFile(file), required[0], strings.Join(header, ", "))
	}
	where := func(line int) string {
		if file == "" {
			return fmt.Sprintf("line %d", line)
		}
		return fmt.Sprintf("%s line %d", file, line)
	}
	for {
		row, err := r.Read()
		if err == io.EOF {
			return nil
		}
		var perr *csv.ParseError
		if errors.As(err, &perr) {
			res.Skipped = append(res.Skipped, Skip{Where: where(perr.StartLine), Reason: perr.Err.Error()})
			continue
		}
		if err != nil {
			return fmt.Errorf("read %s: %w", orFile(file), err)
		}
		if len(row) == 0 || len(row) == 1 && strings.TrimSpace(row[0]) == "" {
			continue
		}
		line, _ := r.FieldPos(0)
		e, err := csvEntry(c, row, format)
		if err != nil {
			res.Skipped = append(res.Skipped, Skip{Where: where(line), Reason: err.Error()})
			continue
		}
		e.Where = where(line)
		res.Entries = append(res.Entries, e)
	}
}

func orFile(file string) string {
	if file == "" {
		return "the file"
	}
	return file
}

func csvEntry(c columns, row []string, format Format) (Entry, error) {
	u, err := webURL(c.get(row, "url"))
	if err != nil {
		return Entry{}, err
	}
	e := Entry{URL: u, Title: cleanTitle(c.get(row, "title"), u), Unread: true}
	switch format {
	case Pocket:
		if e.SavedAt, err = unixTime(c.get(row, "time_added")); err != nil {
			return Entry{}, err
		}
		e.Tags = addTags(nil, strings.Split(c.get(row, "tags"), "|")...)
		switch status := strings.ToLower(strings.TrimSpace(c.get(row, "status"))); status {
		case "", "unread":
		case "archive", "archived", "read":
			e.Unread, e.Archived = false, true
		default:
			return Entry{}, fmt.Errorf("status %q is neither unread nor archive", shorten(status))
		}
	case Instapaper:
		if e.SavedAt, err = unixTime(c.get(row, "timestamp")); err != nil {
			return Entry{}, err
		}
		e.Excerpt = strings.TrimSpace(c.get(row, "selection"))
		if tags := strings.TrimSpace(c.get(row, "tags")); tags != "" {
			var names []string
			if err := json.Unmarshal([]byte(tags), &names); err != nil {
				return Entry{}, fmt.Errorf("tags %q are not a JSON list of names", shorten(tags))
			}
			e.Tags = addTags(nil, names...)
		}
		switch folder := strings.TrimSpace(c.get(row, "folder")); strings.ToLower(folder) {
		case "", "unread":
		case "archive":
			e.Unread, e.Archived = false, true
		case "starred":
			e.Favorite = true
		default:
			e.Tags = addTags(e.Tags, folder) // a folder of the reader's own
		}
	case Readwise:
		if e.SavedAt, err = savedTime(c.get(row, "saved date")); err != nil {
			return Entry{}, err
		}
		tags, err := pythonList(c.get(row, "document tags"))
		if err != nil {
			return Entry{}, fmt.Errorf("document tags: %w", err)
		}
		e.Tags = addTags(nil, tags...)
		progress, _ := strconv.ParseFloat(strings.TrimSpace(c.get(row, "reading progress")), 64)
		seen := strings.EqualFold(strings.TrimSpace(c.get(row, "seen")), "true")
		switch loc := strings.ToLower(strings.TrimSpace(c.get(row, "location"))); loc {
		case "archive":
			e.Unread, e.Archived = false, true
		case "", "new", "later", "shortlist", "feed":
			e.Unread = !seen && progress == 0
		default:
			return Entry{}, fmt.Errorf("location %q is not one Reader writes (new, later, archive, feed)", shorten(loc))
		}
	}
	return e, nil
}

// pythonList reads a Python list of strings as Readwise writes it:
// ['a', "it's", 'say \'hi\”].
func pythonList(s string) ([]string, error) {
	s = strings.TrimSpace(s)
	if s == "" || s == "[]" {
		return nil, nil
	}
	if !strings.HasPrefix(s, "[") || !strings.HasSuffix(s, "]") {
		return nil, fmt.Errorf("%q is not a list", shorten(s))
	}
	rs := []rune(s[1 : len(s)-1])
	var out []string
	for i := 0; i < len(rs); {
		switch r := rs[i]; {
		case r == ' ' || r == ',' || r == '\t':
			i++
		case r == '\'' || r == '"':
			var b strings.Builder
			j := i + 1
			for ; j < len(rs) && rs[j] != r; j++ {
				if rs[j] == '\\' && j+1 < len(rs) {
					j++
				}
				b.WriteRune(rs[j])
			}
			if j >= len(rs) {
				return nil, fmt.Errorf("%q has an unclosed string", shorten(s))
			}
			out = append(out, b.String())
			i = j + 1
		default:
			return nil, fmt.Errorf("%q is not a list of strings", shorten(s))
		}
	}
	return out, nil
}
