package export

import (
	"encoding/json"
	"strings"
	"testing"
	"time"
)

// TestArticleJSON reads the W3C annotations back as generic JSON and checks
// them against the model: context, types, ids, bodies, selectors, and the
// attribution on the target source.
func TestArticleJSON(t *testing.T) {
	a := englishArticle()
	hs := englishHighlights(t, a)
	b, err := ArticleJSON(a, hs)
	if err != nil {
		t.Fatal(err)
	}
	var c map[string]any
	if err := json.Unmarshal(b, &c); err != nil {
		t.Fatalf("not JSON: %v", err)
	}
	if got, want := c["@context"], "http://www.w3.org/ns/anno.jsonld"; got != want {
		t.Errorf("@context = %v, want %v", got, want)
	}
	if got, want := c["type"], "AnnotationCollection"; got != want {
		t.Errorf("type = %v, want %v", got, want)
	}
	first := c["first"].(map[string]any)
	items := first["items"].([]any)
	if got, want := len(items), len(hs)+1; got != want || c["total"] != float64(want) {
		t.Fatalf("%d items (total %v), want %d: the highlights and the article note", got, c["total"], want)
	}
	for i, h := range hs {
		an := items[i].(map[string]any)
		if got, want := an["id"], articleURN(7, "")+"#highlight-"+itoa(h.ID); got != want {
			t.Errorf("item %d id = %v, want %v", i, got, want)
		}
		if an["type"] != "Annotation" {
			t.Errorf("item %d type = %v", i, an["type"])
		}
		if got, want := an["created"], h.CreatedAt.UTC().Format(time.RFC3339); got != want {
			t.Errorf("item %d created = %v, want %v", i, got, want)
		}
		var note, colour string
		for _, bd := range an["body"].([]any) {
			bd := bd.(map[string]any)
			if bd["type"] != "TextualBody" {
				t.Errorf("item %d body type %v", i, bd["type"])
			}
			switch bd["purpose"] {
			case "commenting":
				note = bd["value"].(string)
			case "tagging":
				colour = bd["value"].(string)
			}
		}
		if note != strings.TrimSpace(h.Note) || colour != string(h.Color) {
			t.Errorf("item %d bodies: note %q colour %q, want %q %q", i, note, colour, h.Note, h.Color)
		}
		target := an["target"].(map[string]any)
		src := target["source"].(map[string]any)
		for k, want := range map[string]any{
			"id": a.CanonicalURL, "type": "Text", "via": a.FinalURL, "language": "en",
			"dcterms:title": a.Title, "dcterms:publisher": a.SiteName,
			"dcterms:issued": "2025-11-03T08:30:00-05:00",
		} {
			if src[k] != want {
				t.Errorf("item %d source %s = %v, want %v", i, k, src[k], want)
			}
		}
		creators := src["creator"].([]any)
		if len(creators) != 2 || creators[0].(map[string]any)["name"] != "Ada Lovelace" || creators[0].(map[string]any)["type"] != "Person" {
			t.Errorf("item %d creator = %v", i, creators)
		}
		orig := src["dcterms:source"].(map[string]any)
		if orig["id"] != a.Source.URL || orig["dcterms:title"] != a.Source.Name {
			t.Errorf("item %d dcterms:source = %v", i, orig)
		}
		sels := target["selector"].([]any)
		quote := sels[0].(map[string]any)
		if quote["type"] != "TextQuoteSelector" || quote["exact"] != h.Quote || quote["prefix"] != h.Prefix || quote["suffix"] != h.Suffix {
			t.Errorf("item %d quote selector = %v", i, quote)
		}
		if h.Orphaned {
			if len(sels) != 1 {
				t.Errorf("orphaned item %d has a position selector: %v", i, sels)
			}
			continue
		}
		pos := sels[1].(map[string]any)
		if pos["type"] != "TextPositionSelector" || pos["start"] != float64(h.Start) || pos["end"] != float64(h.End) {
			t.Errorf("item %d position selector = %v, want %d-%d", i, pos, h.Start, h.End)
		}
		if got := []rune(a.Text)[h.Start:h.End]; string(got) != h.Quote {
			t.Errorf("item %d: positions select %q, not the quote", i, string(got))
		}
	}
	last := items[len(hs)].(map[string]any)
	if last["motivation"] != "commenting" || !strings.HasPrefix(last["id"].(string), "urn:margin:article:7") {
		t.Errorf("article annotation = %v", last)
	}
	if _, ok := last["target"].(map[string]any)["selector"]; ok {
		t.Errorf("the article annotation targets the whole page, not a passage")
	}
}

func itoa(n int64) string { b, _ := json.Marshal(n); return string(b) }
