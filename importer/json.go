package importer

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// flexBool is a JSON boolean that wallabag writes as true, 1 or "1".
type flexBool bool

func (b *flexBool) UnmarshalJSON(data []byte) error {
	s := strings.Trim(strings.TrimSpace(string(data)), `"`)
	switch strings.ToLower(s) {
	case "true", "1":
		*b = true
	case "false", "0", "", "null":
		*b = false
	default:
		return fmt.Errorf("%s is not a boolean", shorten(string(data)))
	}
	return nil
}

// names is a list of tag or label names, written as strings or as objects
// with a label or name.
type names []string

func (n *names) UnmarshalJSON(data []byte) error {
	var raw []json.RawMessage
	if err := json.Unmarshal(data, &raw); err != nil {
		if bytes.Equal(bytes.TrimSpace(data), []byte("null")) {
			return nil
		}
		return fmt.Errorf("tags are not a list")
	}
	for _, r := range raw {
		var s string
		if json.Unmarshal(r, &s) == nil {
			*n = append(*n, s)
			continue
		}
		var o struct{ Label, Name, Slug string }
		if err := json.Unmarshal(r, &o); err != nil {
			return fmt.Errorf("tag %s is neither a name nor an object", shorten(string(r)))
		}
		switch {
		case o.Label != "":
			*n = append(*n, o.Label)
		case o.Name != "":
			*n = append(*n, o.Name)
		default:
			*n = append(*n, o.Slug)
		}
	}
	return nil
}

// objects decodes a JSON array of objects, keeping each as raw JSON so that
// one bad object is skipped alone.
func objects(data []byte, what string) ([]json.RawMessage, error) {
	var list []json.RawMessage
	if err := json.Unmarshal(data, &list); err != nil {
		var one map[string]json.RawMessage
		if json.Unmarshal(data, &one) == nil {
			// A wallabag export of one entry, or an object wrapping a list.
			for _, k := range []string{"items", "entries", "_embedded"} {
				if v, ok := one[k]; ok {
					return objects(v, what)
				}
			}
			return []json.RawMessage{data}, nil
		}
		return nil, fmt.Errorf("%w: %s is not a JSON list: %w", ErrFormat, what, err)
	}
	return list, nil
}

type wallabagEntry struct {
	Title       string   `json:"title"`
	URL         string   `json:"url"`
	IsArchived  flexBool `json:"is_archived"`
	IsStarred   flexBool `json:"is_starred"`
	Content     string   `json:"content"`
	CreatedAt   string   `json:"created_at"`
	PublishedAt string   `json:"published_at"`
	PublishedBy []string `json:"published_by"`
	Language    string   `json:"language"`
	Tags        names    `json:"tags"`
	Annotations []struct {
		Text  string `json:"text"`
		Quote string `json:"quote"`
	} `json:"annotations"`
}

// parseWallabag reads wallabag's JSON export: entries come with their
// content and their annotations (a quote and a note).
func parseWallabag(res *Result, data []byte) error {
	list, err := objects(data, "the wallabag export")
	if err != nil {
		return err
	}
	for i, raw := range list {
		where := fmt.Sprintf("entry %d", i+1)
		var w wallabagEntry
		if err := json.Unmarshal(raw, &w); err != nil {
			res.Skipped = append(res.Skipped, Skip{Where: where, Reason: jsonReason(err)})
			continue
		}
		u, err := webURL(w.URL)
		if err != nil {
			res.Skipped = append(res.Skipped, Skip{Where: where, Reason: err.Error()})
			continue
		}
		e := Entry{
			URL: u, Title: cleanTitle(w.Title, u), Where: where,
			Unread: !bool(w.IsArchived), Archived: bool(w.IsArchived), Favorite: bool(w.IsStarred),
			ContentHTML: strings.TrimSpace(w.Content), Language: w.Language,
			Tags: addTags(nil, w.Tags...),
		}
		for _, a := range w.PublishedBy {
			if a = strings.TrimSpace(a); a != "" {
				e.Authors = append(e.Authors, a)
			}
		}
		if e.SavedAt, err = savedTime(w.CreatedAt); err != nil {
			res.Skipped = append(res.Skipped, Skip{Where: where, Reason: "created_at: " + err.Error()})
			continue
		}
		e.Published, _ = parseTime(w.PublishedAt) // a page date is a nicety, not worth the entry
		for _, a := range w.Annotations {
			if q := strings.TrimSpace(a.Quote); q != "" {
				e.Highlights = append(e.Highlights, Highlight{Quote: q, Note: strings.TrimSpace(a.Text)})
			}
		}
		res.Entries = append(res.Entries, e)
	}
	return nil
}

type omnivoreItem struct {
	ID              string          `json:"id"`
	Slug            string          `json:"slug"`
	Title           string          `json:"title"`
	Description     string          `json:"description"`
	Author          string          `json:"author"`
	URL             string          `json:"url"`
	State           string          `json:"state"`
	ReadingProgress json.RawMessage `json:"readingProgress"`
	Labels          names           `json:"labels"`
	SavedAt         string          `json:"savedAt"`
	PublishedAt     string          `json:"publishedAt"`
}

// omnivoreFiles holds the content/ and highlights/ files of an Omnivore
// archive by slug.
type omnivoreFiles struct {
	content    map[string]string
	highlights map[string]string
}

// parseOmnivoreMetadata reads one metadata_N_to_M.json file; files (nil for a
// bare metadata file) supplies each item's content and highlights.
func parseOmnivoreMetadata(res *Result, data []byte, file string, files *omnivoreFiles) error {
	list, err := objects(data, orFile(file))
	if err != nil {
		return err
	}
	for i, raw := range list {
		where := fmt.Sprintf("item %d", i+1)
		if file != "" {
			where = fmt.Sprintf("%s item %d", file, i+1)
		}
		var o omnivoreItem
		if err := json.Unmarshal(raw, &o); err != nil {
			res.Skipped = append(res.Skipped, Skip{Where: where, Reason: jsonReason(err)})
			continue
		}
		u, err := webURL(o.URL)
		if err != nil {
			res.Skipped = append(res.Skipped, Skip{Where: where, Reason: err.Error()})
			continue
		}
		e := Entry{URL: u, Title: cleanTitle(o.Title, u), Where: where,
			Excerpt: strings.TrimSpace(o.Description), Tags: addTags(nil, o.Labels...)}
		if a := strings.TrimSpace(o.Author); a != "" {
			e.Authors = []string{a}
		}
		if e.SavedAt, err = savedTime(o.SavedAt); err != nil {
			res.Skipped = append(res.Skipped, Skip{Where: where, Reason: "savedAt: " + err.Error()})
			continue
		}
		e.Published, _ = parseTime(o.PublishedAt)
		progress, _ := strconv.ParseFloat(strings.Trim(string(o.ReadingProgress), `" `), 64)
		switch strings.ToLower(o.State) {
		case "archived":
			e.Archived = true
		case "deleted":
			res.Skipped = append(res.Skipped, Skip{Where: where, Reason: "deleted in Omnivore"})
			continue
		default:
			e.Unread = progress == 0
		}
		if files != nil && o.Slug != "" {
			e.ContentHTML = strings.TrimSpace(files.content[o.Slug])
			e.Highlights = parseOmnivoreHighlights(files.highlights[o.Slug])
		}
		res.Entries = append(res.Entries, e)
	}
	return nil
}

// jsonReason says in one line why an object did not decode.
func jsonReason(err error) string {
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) && te.Field != "" {
		return fmt.Sprintf("field %s is a %s, not a %s", te.Field, te.Value, te.Type)
	}
	return err.Error()
}

// parseOmnivoreHighlights reads highlights/{slug}.md: each highlight is a
// "> quote" block, then optional "#label" lines, then the note, up to the
// next quote.
func parseOmnivoreHighlights(md string) []Highlight {
	var (
		out   []Highlight
		cur   *Highlight
		quote []string
		note  []string
	)
	flush := func() {
		if cur == nil {
			return
		}
		cur.Quote = strings.TrimSpace(strings.Join(quote, "\n"))
		cur.Note = strings.TrimSpace(strings.Join(note, "\n"))
		if cur.Quote != "" {
			out = append(out, *cur)
		}
		cur, quote, note = nil, nil, nil
	}
	inQuote := false
	for line := range strings.SplitSeq(strings.ReplaceAll(md, "\r\n", "\n"), "\n") {
		trimmed := strings.TrimSpace(line)
		switch {
		case strings.HasPrefix(trimmed, ">"):
			if !inQuote {
				flush()
				cur = &Highlight{}
				inQuote = true
			}
			q := strings.TrimSpace(strings.TrimPrefix(trimmed, ">"))
			quote = append(quote, stripBacklink(q))
		case cur == nil:
			// Text before the first quote (a title line) belongs to no highlight.
		case isLabelLine(trimmed) && len(note) == 0:
			inQuote = false
			for _, f := range strings.Fields(trimmed) {
				cur.Labels = addTags(cur.Labels, strings.TrimPrefix(f, "#"))
			}
		default:
			inQuote = false
			if trimmed != "" || len(note) > 0 {
				note = append(note, line)
			}
		}
	}
	flush()
	return out
}

// isLabelLine reports whether a line is only #labels ("#read #工作").
func isLabelLine(s string) bool {
	fields := strings.Fields(s)
	if len(fields) == 0 {
		return false
	}
	for _, f := range fields {
		if len(f) < 2 || f[0] != '#' || f[1] == '#' {
			return false
		}
	}
	return true
}

// stripBacklink drops the " [⤴️](https://omnivore.app/...)" link that
// Omnivore appends to a quote.
func stripBacklink(q string) string {
	if i := strings.LastIndex(q, "[⤴️]("); i >= 0 && strings.HasSuffix(q, ")") {
		return strings.TrimSpace(q[:i])
	}
	return q
}
