package export

import (
	"bytes"
	"fmt"
	"time"

	"go.yaml.in/yaml/v3"

	"app.margin/margin/storage"
)

// FrontMatter is the YAML front matter of an exported Markdown file, in the
// order it is written. Obsidian shows these as note properties and Logseq as
// page properties; tags is a YAML list so both read it as tags. Dates are
// RFC 3339 strings: published in the page's own time zone (as the page
// showed it), clipped in UTC so the file does not change with the machine's
// zone.
type FrontMatter struct {
	Title        string   `yaml:"title"`
	Authors      []string `yaml:"authors,omitempty"`
	Editors      []string `yaml:"editors,omitempty"`
	Site         string   `yaml:"site,omitempty"`
	Source       string   `yaml:"source,omitempty"`     // original publisher of a repost
	SourceURL    string   `yaml:"source_url,omitempty"` // its address, when known
	URL          string   `yaml:"url,omitempty"`        // as clipped (final URL, else as given)
	CanonicalURL string   `yaml:"canonical_url,omitempty"`
	Published    string   `yaml:"published,omitempty"`
	Clipped      string   `yaml:"clipped,omitempty"`
	Tags         []string `yaml:"tags"`
	Language     string   `yaml:"language,omitempty"`
	MarginID     int64    `yaml:"margin_id"`
	MarginKey    string   `yaml:"margin_key,omitempty"` // names the article in any library
}

// frontMatterOf collects the front matter of an article.
func frontMatterOf(a *storage.Article) FrontMatter {
	fm := FrontMatter{
		Title:        a.Title,
		Authors:      a.Authors,
		Editors:      a.Editors,
		Site:         a.SiteName,
		Source:       a.Source.Name,
		SourceURL:    a.Source.URL,
		URL:          a.FinalURL,
		CanonicalURL: a.CanonicalURL,
		Published:    rfc3339(a.Published),
		Clipped:      rfc3339(a.ClippedAt.UTC()),
		Tags:         a.Tags,
		Language:     a.Language,
		MarginID:     a.ID,
		MarginKey:    a.Key,
	}
	if fm.URL == "" {
		fm.URL = a.URL
	}
	if fm.Tags == nil {
		fm.Tags = []string{} // "tags: []", a list even when empty
	}
	return fm
}

func rfc3339(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.RFC3339)
}

// marshalFrontMatter writes the front matter block, "---" lines included.
// A YAML library does the quoting: titles hold colons, quotes, '#', leading
// '-' or '&', "yes" and "null", newlines and tabs, and each must come back as
// the same string.
func marshalFrontMatter(fm FrontMatter) ([]byte, error) {
	var b bytes.Buffer
	b.WriteString("---\n")
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(fm); err != nil {
		return nil, fmt.Errorf("front matter: %w", err)
	}
	if err := enc.Close(); err != nil {
		return nil, fmt.Errorf("front matter: %w", err)
	}
	b.WriteString("---\n")
	return b.Bytes(), nil
}

// parseFrontMatter reads the front matter at the start of a Markdown file.
func parseFrontMatter(b []byte) (FrontMatter, bool) {
	var fm FrontMatter
	rest, ok := bytes.CutPrefix(b, []byte("---\n"))
	if !ok {
		return fm, false
	}
	end := bytes.Index(rest, []byte("\n---\n"))
	if end < 0 {
		return fm, false
	}
	if err := yaml.Unmarshal(rest[:end+1], &fm); err != nil {
		return fm, false
	}
	return fm, true
}
