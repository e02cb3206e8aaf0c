package importer

import (
	"os"
	"path/filepath"
	"testing"
	"unicode/utf8"
)

// FuzzParse: whatever the bytes, Parse returns entries or an error, never
// panics, and every entry has a web address and valid UTF-8 text.
func FuzzParse(f *testing.F) {
	names, _ := filepath.Glob(filepath.Join("testdata", "*.*"))
	for _, n := range names {
		if b, err := os.ReadFile(n); err == nil {
			f.Add(b)
		}
	}
	f.Add(omnivoreZip(f))
	f.Add(zipOf(f, map[string][]byte{"part_000000.csv": []byte("title,url,time_added,tags,status\nA,https://a.example/,1,x|y,unread\n")}))
	f.Fuzz(func(t *testing.T, data []byte) {
		res, err := Parse(data, "export", Auto)
		if err != nil {
			return
		}
		for _, e := range res.Entries {
			if _, err := webURL(e.URL); err != nil {
				t.Errorf("entry with a bad URL %q: %v", e.URL, err)
			}
			for _, s := range append([]string{e.Title, e.Excerpt}, e.Tags...) {
				if !utf8.ValidString(s) {
					t.Errorf("invalid UTF-8 in %q", s)
				}
			}
		}
	})
}
