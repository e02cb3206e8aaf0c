package export

import (
	"app.margin/margin/storage"
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// readFile returns a file's content, failing the test if it cannot.
func readFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestToDirLeavesTheReadersFileAlone: a file the manifest names as Margin's
// but that the reader has replaced or edited is never written, renamed or
// taken again; the export reports it and writes the article under another
// name. Both paths: the title unchanged (an overwrite) and changed (a
// rename).
func TestToDirLeavesTheReadersFileAlone(t *testing.T) {
	replace := func(t *testing.T, path string) {
		if err := os.Remove(path); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte("MY OWN NOTE\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	edit := func(t *testing.T, path string) {
		b := readFile(t, path)
		if err := os.WriteFile(path, []byte(b+"\nMy own thoughts below Margin's text.\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	tests := []struct {
		name    string
		change  func(t *testing.T, path string)
		retitle string // a new title before the export, "" to keep it
		want    string // the article's file after it
	}{
		{"replaced", replace, "", "Same title (3).md"},
		{"edited", edit, "", "Same title (3).md"},
		{"replaced then retitled", replace, "A better title", "A better title.md"},
		{"edited then retitled", edit, "A better title", "A better title.md"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ctx := context.Background()
			lib := mustOpen(t)
			ids := threeArticles(t, lib)
			dir := t.TempDir()
			sel := Selection{IDs: ids}
			if _, err := ToDir(ctx, lib, dir, sel, Options{}, nil); err != nil {
				t.Fatal(err)
			}
			mine := filepath.Join(dir, "Same title.md")
			tc.change(t, mine)
			want := readFile(t, mine)
			// A new note changes what Margin would write there.
			if err := lib.SetNote(ctx, ids[0], "A newer note."); err != nil {
				t.Fatal(err)
			}
			if tc.retitle != "" {
				a, err := lib.Get(ctx, ids[0])
				if err != nil {
					t.Fatal(err)
				}
				a.Title = tc.retitle
				if _, _, err := lib.Save(ctx, &a.Article); err != nil {
					t.Fatal(err)
				}
			}

			for run := range 3 {
				res, err := ToDir(ctx, lib, dir, sel, Options{}, nil)
				if err != nil {
					t.Fatal(err)
				}
				if got := readFile(t, mine); got != want {
					t.Fatalf("run %d: the reader's file changed:\n%s", run, got)
				}
				if run > 0 {
					if len(res.Written) != 0 || len(res.Kept) != 0 {
						t.Errorf("run %d: wrote %q, kept %q; want nothing new", run, res.Written, res.Kept)
					}
					continue
				}
				if !slices.Equal(res.Kept, []string{"Same title.md"}) {
					t.Errorf("kept %q, want the reader's file reported", res.Kept)
				}
				if !slices.Equal(res.Written, []string{tc.want}) {
					t.Errorf("wrote %q, want the article as %q", res.Written, tc.want)
				}
				checkExportedFile(t, lib, filepath.Join(dir, tc.want), ids[0])
			}
		})
	}
}

// TestExportOneChecksBeforeReplacing: a file of ours that the reader
// changes between planning and writing is left alone and reported.
func TestExportOneChecksBeforeReplacing(t *testing.T) {
	ctx := context.Background()
	lib := mustOpen(t)
	ids := threeArticles(t, lib)
	dir := t.TempDir()
	if _, err := ToDir(ctx, lib, dir, Selection{IDs: ids[:1]}, Options{}, nil); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "Same title.md")
	sum, err := fileSum(path)
	if err != nil {
		t.Fatal(err)
	}
	a, _ := lib.Get(ctx, ids[0])
	it := item{id: ids[0], clipped: a.ClippedAt, title: a.Title}
	for _, p := range []plan{
		{item: it, name: "Same title.md", ours: true, sum: sum},
		{item: it, name: "Other.md", renameFrom: "Same title.md", sum: sum},
	} {
		if err := os.WriteFile(path, []byte("MY OWN NOTE\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := lib.SetNote(ctx, ids[0], "changed "+p.name); err != nil {
			t.Fatal(err)
		}
		o := exportOne(ctx, lib, newAssets(dir, lib), p, Markdown, Options{})
		if o.err != nil || o.exported || o.kept != "Same title.md" {
			t.Errorf("%+v: outcome %+v, want the file kept", p, o)
		}
		if got := readFile(t, path); got != "MY OWN NOTE\n" {
			t.Errorf("the reader's file changed: %q", got)
		}
		if _, err := os.Stat(filepath.Join(dir, "Other.md")); err == nil {
			t.Errorf("the reader's file was renamed")
		}
	}
}

// TestToDirNeverTakesADeletedArticlesFile: a manifest entry names the
// article it was written for (id and clipping time), so a new article that
// is given a deleted one's id, even with the same title, never takes over
// the deleted article's file with the reader's notes in it.
func TestToDirNeverTakesADeletedArticlesFile(t *testing.T) {
	for _, legacy := range []bool{false, true} {
		name := "manifest v2"
		if legacy {
			name = "manifest v1"
		}
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			lib := mustOpen(t)
			first := addArticle(t, lib, seedArticle{title: "First", url: "https://example.com/1", paras: []string{"One."}})
			second := addArticle(t, lib, seedArticle{title: "Notes", url: "https://example.com/2",
				paras: []string{"Two paragraphs here."}, quotes: []string{"Two paragraphs"}, note: "My precious note."})
			dir := t.TempDir()
			if _, err := ToDir(ctx, lib, dir, Selection{}, Options{}, nil); err != nil {
				t.Fatal(err)
			}
			if legacy {
				v1 := `{"version":1,"files":{"md":{"` + itoa(first) + `":"First.md","` + itoa(second) + `":"Notes.md"}}}`
				if err := os.WriteFile(filepath.Join(dir, manifestName), []byte(v1), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			notes := readFile(t, filepath.Join(dir, "Notes.md"))
			if err := lib.Delete(ctx, second); err != nil {
				t.Fatal(err)
			}
			// Same title, and (in a library that reuses ids) the same id.
			third := addArticle(t, lib, seedArticle{title: "Notes", url: "https://example.com/3", paras: []string{"Three."}})

			res, err := ToDir(ctx, lib, dir, Selection{}, Options{}, nil)
			if err != nil {
				t.Fatal(err)
			}
			if got := readFile(t, filepath.Join(dir, "Notes.md")); got != notes {
				t.Errorf("the deleted article's file changed (new article %d, deleted %d):\n%s", third, second, got)
			}
			if !slices.Equal(res.Written, []string{"Notes (2).md"}) {
				t.Errorf("wrote %q, want the new article beside the old file", res.Written)
			}
			checkExportedFile(t, lib, filepath.Join(dir, "Notes (2).md"), third)

			var m struct {
				Version int
				Files   map[Format][]entry
			}
			if err := json.Unmarshal([]byte(readFile(t, filepath.Join(dir, manifestName))), &m); err != nil {
				t.Fatal(err)
			}
			if m.Version != manifestVersion {
				t.Errorf("manifest version %d, want %d", m.Version, manifestVersion)
			}
			for _, e := range m.Files[Markdown] {
				if _, err := lib.Get(ctx, e.ID); errors.Is(err, storage.ErrNotFound) && legacy {
					continue // a version 1 entry of a deleted article has no identity to add
				}
				if e.Clipped == "" || len(e.SHA256) != 64 || !strings.HasSuffix(e.Name, ".md") {
					t.Errorf("manifest entry %+v lacks the article's identity or the checksum", e)
				}
			}
		})
	}
}

// TestToDirUpgradesVersion1Manifest: files a version 1 manifest lists are
// still recognised by their front matter, left unchanged, and the manifest
// is rewritten with each article's identity and checksum.
func TestToDirUpgradesVersion1Manifest(t *testing.T) {
	ctx := context.Background()
	lib := mustOpen(t)
	ids := threeArticles(t, lib)
	dir := t.TempDir()
	if _, err := ToDir(ctx, lib, dir, Selection{IDs: ids}, Options{}, nil); err != nil {
		t.Fatal(err)
	}
	v1 := `{"version":1,"files":{"md":{"` + itoa(ids[0]) + `":"Same title.md","` + itoa(ids[1]) + `":"Same title (2).md","` +
		itoa(ids[2]) + `":"What A title with slashes.md"}}}`
	if err := os.WriteFile(filepath.Join(dir, manifestName), []byte(v1), 0o644); err != nil {
		t.Fatal(err)
	}
	res, err := ToDir(ctx, lib, dir, Selection{IDs: ids}, Options{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Written) != 0 || res.Unchanged != 3 || len(res.Kept) != 0 {
		t.Errorf("wrote %q, unchanged %d, kept %q: want the three files recognised", res.Written, res.Unchanged, res.Kept)
	}
	m, err := readManifest(dir)
	if err != nil {
		t.Fatal(err)
	}
	if got := m.Files[Markdown]; len(got) != 3 {
		t.Fatalf("manifest entries %+v", got)
	}
	for _, e := range m.Files[Markdown] {
		if e.legacy() {
			t.Errorf("entry %+v not upgraded", e)
		}
	}
}

// TestToDirForgetsReleasedFilesOnceRemoved: a name released to the reader
// is free again once the reader deletes that file.
func TestToDirForgetsReleasedFilesOnceRemoved(t *testing.T) {
	ctx := context.Background()
	lib := mustOpen(t)
	ids := threeArticles(t, lib)
	dir := t.TempDir()
	sel := Selection{IDs: ids[:1]}
	if _, err := ToDir(ctx, lib, dir, sel, Options{}, nil); err != nil {
		t.Fatal(err)
	}
	mine := filepath.Join(dir, "Same title.md")
	if err := os.WriteFile(mine, []byte("MY OWN NOTE\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if res, err := ToDir(ctx, lib, dir, sel, Options{}, nil); err != nil || !slices.Equal(res.Written, []string{"Same title (2).md"}) {
		t.Fatalf("wrote %q, %v", res.Written, err)
	}
	if err := os.Remove(mine); err != nil {
		t.Fatal(err)
	}
	if _, err := ToDir(ctx, lib, dir, sel, Options{}, nil); err != nil {
		t.Fatal(err)
	}
	m, err := readManifest(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Released[Markdown]) != 0 {
		t.Errorf("released %q, want the removed file forgotten", m.Released[Markdown])
	}
}

// TestReadManifestHostile: a damaged or hand-edited manifest never points a
// write outside the folder, and a damaged one reads as empty.
func TestReadManifestHostile(t *testing.T) {
	tests := []struct {
		name, manifest string
		files          int
		released       int
	}{
		{"garbage", `{not json`, 0, 0},
		{"wrong types", `{"version":2,"files":{"md":5,"json":"x"},"released":{"md":[3]}}`, 0, 0},
		{"v2 escape", `{"version":2,"files":{"md":[{"id":1,"clipped":"x","name":"../escape.md","sha256":"00"},
			{"id":2,"name":"/abs.md"},{"id":-3,"name":"neg.md"},{"id":4,"name":".hidden.md"},{"id":5,"name":"ok.md"}]},
			"released":{"md":["../out.md","fine.md",""]}}`, 1, 1},
		{"v1 escape", `{"version":1,"files":{"md":{"1":"../escape.md","x":"a.md","2":"b.md"}}}`, 1, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			if err := os.WriteFile(filepath.Join(dir, manifestName), []byte(tc.manifest), 0o644); err != nil {
				t.Fatal(err)
			}
			m, err := readManifest(dir)
			if err != nil {
				t.Fatal(err)
			}
			if got := len(m.Files[Markdown]); got != tc.files {
				t.Errorf("%d entries %+v, want %d", got, m.Files[Markdown], tc.files)
			}
			if got := len(m.Released[Markdown]); got != tc.released {
				t.Errorf("%d released %q, want %d", got, m.Released[Markdown], tc.released)
			}
		})
	}
}

// TestMoveFileNeverReplaces: moving our file to its new name leaves a file
// that appeared there alone; a move that changes only case still works.
func TestMoveFileNeverReplaces(t *testing.T) {
	dir := t.TempDir()
	write := func(name, s string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("old.md", "ours")
	write("new.md", "MY OWN NOTE")
	if err := moveFile(dir, "old.md", "new.md"); !errors.Is(err, errExists) {
		t.Errorf("move onto the reader's file: %v, want errExists", err)
	}
	if got := readFile(t, filepath.Join(dir, "new.md")); got != "MY OWN NOTE" {
		t.Errorf("the reader's file became %q", got)
	}
	if err := moveFile(dir, "old.md", "Old.md"); err != nil {
		t.Fatal(err)
	}
	if got := readFile(t, filepath.Join(dir, "Old.md")); got != "ours" {
		t.Errorf("case-only move: %q", got)
	}
	if err := moveFile(dir, "Old.md", "renamed.md"); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, "Old.md")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the old name is still there: %v", err)
	}
}

// TestToDirRecognisesLargeJSONWithoutManifest: a JSON export larger than
// the part of a file ownedBy reads is still recognised by its collection id.
func TestToDirRecognisesLargeJSONWithoutManifest(t *testing.T) {
	ctx := context.Background()
	lib := mustOpen(t)
	var paras, quotes []string
	for i := range 300 {
		p := "Paragraph number " + itoa(int64(i)) + " with enough words to quote from it."
		paras = append(paras, p)
		quotes = append(quotes, p)
	}
	id := addArticle(t, lib, seedArticle{title: "Big", url: "https://example.com/big", paras: paras, quotes: quotes})
	dir := t.TempDir()
	if _, err := ToDir(ctx, lib, dir, Selection{IDs: []int64{id}}, Options{Format: JSON}, nil); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Stat(filepath.Join(dir, "Big.json")); err != nil || fi.Size() <= headSize {
		t.Fatalf("Big.json: %v (want more than %d bytes)", err, headSize)
	}
	if err := os.Remove(filepath.Join(dir, manifestName)); err != nil {
		t.Fatal(err)
	}
	res, err := ToDir(ctx, lib, dir, Selection{IDs: []int64{id}}, Options{Format: JSON}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if res.Unchanged != 1 || len(res.Written) != 0 {
		t.Errorf("wrote %q, unchanged %d: want Big.json recognised", res.Written, res.Unchanged)
	}
}
