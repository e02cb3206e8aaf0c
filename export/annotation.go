package export

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	"app.margin/margin/storage"
)

// AnnoContext is the JSON-LD context of the W3C Web Annotation Data Model.
const AnnoContext = "http://www.w3.org/ns/anno.jsonld"

// AnnotationCollection is one or more articles' annotations as a W3C Web
// Annotation collection with its single page embedded, so one self-contained
// file carries everything (https://www.w3.org/TR/annotation-model/#collections).
type AnnotationCollection struct {
	Context string         `json:"@context"`
	ID      string         `json:"id"`
	Type    string         `json:"type"` // "AnnotationCollection"
	Label   string         `json:"label,omitempty"`
	Total   int            `json:"total"`
	First   AnnotationPage `json:"first"`
}

// AnnotationPage is the page of a collection holding the annotations.
type AnnotationPage struct {
	ID         string       `json:"id"`
	Type       string       `json:"type"` // "AnnotationPage"
	StartIndex int          `json:"startIndex"`
	Items      []Annotation `json:"items"`
}

// Annotation is one W3C Web Annotation: a highlight (motivation
// "highlighting", or "commenting" when it has a note), or the article's own
// note and tags ("commenting" or "tagging", with no selector).
type Annotation struct {
	ID         string     `json:"id"`
	Type       string     `json:"type"` // "Annotation"
	Motivation string     `json:"motivation"`
	Created    string     `json:"created,omitempty"`
	Modified   string     `json:"modified,omitempty"`
	Body       []AnnoBody `json:"body,omitempty"`
	Target     AnnoTarget `json:"target"`
}

// AnnoBody is a TextualBody: the note (purpose "commenting"), the highlight
// colour or an article tag (purpose "tagging").
type AnnoBody struct {
	Type     string `json:"type"` // "TextualBody"
	Value    string `json:"value"`
	Format   string `json:"format,omitempty"`
	Language string `json:"language,omitempty"`
	Purpose  string `json:"purpose"`
}

// AnnoTarget is a SpecificResource: the article page, narrowed to the passage
// by selectors.
type AnnoTarget struct {
	Source   AnnoSource     `json:"source"`
	Selector []AnnoSelector `json:"selector,omitempty"`
}

// AnnoSource is the annotated page as an External Web Resource. Its id is the
// canonical URL (else the final URL); "via" is the address it was fetched
// from when that differs.
//
// The model defines no title or publisher for a resource, so the article's
// attribution uses Dublin Core terms through the "dcterms" prefix that
// anno.jsonld itself declares (dcterms:title, dcterms:publisher for the
// hosting site, dcterms:issued for the publication date, dcterms:source for
// the original publisher of a repost), and the model's own "creator" with
// Person agents for the authors (§3.3.1 allows lifecycle properties on a
// target). Tools that ignore the extra terms still get a valid target.
type AnnoSource struct {
	ID        string      `json:"id"`
	Type      string      `json:"type"` // "Text"
	Format    string      `json:"format"`
	Language  string      `json:"language,omitempty"`
	Title     string      `json:"dcterms:title,omitempty"`
	Creator   []AnnoAgent `json:"creator,omitempty"`
	Publisher string      `json:"dcterms:publisher,omitempty"`
	Issued    string      `json:"dcterms:issued,omitempty"`
	Original  any         `json:"dcterms:source,omitempty"` // a name, or {id, dcterms:title}
	Via       string      `json:"via,omitempty"`
}

// AnnoAgent is an author.
type AnnoAgent struct {
	Type string `json:"type"` // "Person"
	Name string `json:"name"`
}

// AnnoOriginal names the original publisher with its address.
type AnnoOriginal struct {
	ID    string `json:"id"`
	Title string `json:"dcterms:title,omitempty"`
}

// AnnoSelector is a TextQuoteSelector (Exact, Prefix, Suffix) or a
// TextPositionSelector (Start, End: code points into the article's canonical
// text, as Margin stores them).
type AnnoSelector struct {
	Type   string `json:"type"`
	Exact  string `json:"exact,omitempty"`
	Prefix string `json:"prefix,omitempty"`
	Suffix string `json:"suffix,omitempty"`
	Start  *int   `json:"start,omitempty"`
	End    *int   `json:"end,omitempty"`
}

// Annotations returns an article's highlights as annotations, then one for
// the article note and tags if it has any. An orphaned highlight keeps only
// its TextQuoteSelector: its position no longer points into the text.
func Annotations(a *storage.Article, hs []storage.Highlight) []Annotation {
	src := annoSource(a)
	urn := articleURN(a.ID, a.Key)
	out := make([]Annotation, 0, len(hs)+1)
	for _, h := range hs {
		an := Annotation{
			ID:         urn + "#highlight-" + strconv.FormatInt(h.ID, 10),
			Type:       "Annotation",
			Motivation: "highlighting",
			Created:    rfc3339(h.CreatedAt.UTC()),
			Modified:   rfc3339(h.UpdatedAt.UTC()),
			Target:     AnnoTarget{Source: src},
		}
		if note := strings.TrimSpace(h.Note); note != "" {
			an.Motivation = "commenting"
			an.Body = append(an.Body, AnnoBody{Type: "TextualBody", Value: note, Format: "text/plain", Purpose: "commenting"})
		}
		an.Body = append(an.Body, AnnoBody{Type: "TextualBody", Value: colorTag(h.Color), Purpose: "tagging"})
		an.Target.Selector = []AnnoSelector{{Type: "TextQuoteSelector", Exact: h.Quote, Prefix: h.Prefix, Suffix: h.Suffix}}
		if !h.Orphaned {
			start, end := h.Start, h.End
			an.Target.Selector = append(an.Target.Selector, AnnoSelector{Type: "TextPositionSelector", Start: &start, End: &end})
		}
		out = append(out, an)
	}
	note := strings.TrimSpace(a.Note)
	if note == "" && len(a.Tags) == 0 {
		return out
	}
	an := Annotation{
		ID:         urn + "#note",
		Type:       "Annotation",
		Motivation: "tagging",
		Created:    rfc3339(a.ClippedAt.UTC()),
		Modified:   rfc3339(a.UpdatedAt.UTC()),
		Target:     AnnoTarget{Source: src},
	}
	if note != "" {
		an.Motivation = "commenting"
		an.Body = append(an.Body, AnnoBody{Type: "TextualBody", Value: note, Format: "text/markdown", Purpose: "commenting"})
	}
	for _, t := range a.Tags {
		an.Body = append(an.Body, AnnoBody{Type: "TextualBody", Value: t, Purpose: "tagging"})
	}
	return append(out, an)
}

// articleURN names an article in what is exported: urn:uuid: and its key,
// which no other article in any library has, or, for an article read
// without its key, the older urn:margin:article: and its id (an id names
// another article in another library).
func articleURN(id int64, key string) string {
	if key != "" {
		return "urn:uuid:" + key
	}
	return "urn:margin:article:" + strconv.FormatInt(id, 10)
}

// annoSource describes the article page with its attribution.
func annoSource(a *storage.Article) AnnoSource {
	s := AnnoSource{
		ID:        articleURL(a),
		Type:      "Text",
		Format:    "text/html",
		Language:  a.Language,
		Title:     a.Title,
		Publisher: a.SiteName,
	}
	if s.ID == "" {
		// Not a web page (a file dropped in): the Margin id still names it.
		s.ID = articleURN(a.ID, a.Key)
	}
	if final := webURL(a.FinalURL); final != "" && final != s.ID {
		s.Via = final
	}
	for _, au := range a.Authors {
		s.Creator = append(s.Creator, AnnoAgent{Type: "Person", Name: au})
	}
	if !a.Published.IsZero() {
		s.Issued = a.Published.Format(time.RFC3339)
	}
	switch srcURL := webURL(a.Source.URL); {
	case srcURL != "":
		s.Original = AnnoOriginal{ID: srcURL, Title: a.Source.Name}
	case a.Source.Name != "":
		s.Original = a.Source.Name
	}
	return s
}

// collection wraps annotations in a collection named id.
func collection(id, label string, items []Annotation) AnnotationCollection {
	if items == nil {
		items = []Annotation{}
	}
	return AnnotationCollection{
		Context: AnnoContext,
		ID:      id,
		Type:    "AnnotationCollection",
		Label:   label,
		Total:   len(items),
		First:   AnnotationPage{ID: id + ":page:1", Type: "AnnotationPage", StartIndex: 0, Items: items},
	}
}

// ArticleJSON renders one article's annotations as a W3C Web Annotation
// collection (the file ToDir writes per article in the JSON format).
func ArticleJSON(a *storage.Article, hs []storage.Highlight) ([]byte, error) {
	c := collection(articleURN(a.ID, a.Key), a.Title, Annotations(a, hs))
	return marshalJSON(c)
}

// marshalJSON writes indented JSON without escaping <, > and &: the files are
// read by people and annotation tools, not embedded in HTML.
func marshalJSON(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return nil, fmt.Errorf("annotations: %w", err)
	}
	return b.Bytes(), nil
}
