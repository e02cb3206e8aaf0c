package export

import (
	"testing"
	"time"
)

// TestOwnedByNamesTheArticleByKey: a file found without a manifest entry is
// ours when it names the article's key; an id, clipped date and address no
// longer suffice once files carry keys (another library's article 1, or one
// restored from an older backup, can have them all), but still recognise
// files exported before articles had keys.
func TestOwnedByNamesTheArticleByKey(t *testing.T) {
	clipped := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	it := item{id: 1, key: "0b6f1f3e-5c2a-4e7b-9d41-2f8a6c3e9b10", clipped: clipped, url: "https://example.com/a"}
	front := func(extra string) []byte {
		return []byte("---\ntitle: A\nurl: https://example.com/a\nclipped: 2026-03-01T09:00:00Z\ntags: []\nmargin_id: 1\n" + extra + "---\n\nbody\n")
	}
	tests := []struct {
		name   string
		format Format
		file   []byte
		want   bool
	}{
		{"markdown with the key", Markdown, front("margin_key: " + it.key + "\n"), true},
		{"markdown with another article's key", Markdown, front("margin_key: 7d1c2b3a-0000-4000-8000-000000000001\n"), false},
		{"markdown from before keys", Markdown, front(""), true},
		{"markdown from before keys, another clip", Markdown, []byte("---\ntitle: A\nurl: https://example.com/a\nclipped: 2025-01-01T00:00:00Z\ntags: []\nmargin_id: 1\n---\n"), false},
		{"json with the key", JSON, []byte(`{"@context":"x","id":"urn:uuid:` + it.key + `"}`), true},
		{"json with another key", JSON, []byte(`{"id":"urn:uuid:7d1c2b3a-0000-4000-8000-000000000001"}`), false},
		{"json from before keys", JSON, []byte(`{"id":"urn:margin:article:1"}`), true},
		{"json of another id", JSON, []byte(`{"id":"urn:margin:article:2"}`), false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := ownedBy(tc.file, tc.format, it); got != tc.want {
				t.Errorf("ownedBy = %v, want %v", got, tc.want)
			}
		})
	}
}
