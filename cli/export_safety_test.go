package cli

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// servePages serves articlePage under several titles: /one, /two, /three.
func servePages(t *testing.T) string {
	t.Helper()
	titles := map[string]string{"/one": "Page one", "/two": "Page two", "/three": "Page three"}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		title, ok := titles[r.URL.Path]
		if !ok {
			http.NotFound(w, r)
			return
		}
		page := strings.ReplaceAll(articlePage, "Readable prose", title)
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte(page))
	}))
	t.Cleanup(srv.Close)
	return srv.URL
}

// TestExportKeepsADeletedArticlesNotes is issue 10's reproduction: the
// note file of a deleted article is neither renamed to nor overwritten by
// the file of the next article clipped, whatever id that one gets.
func TestExportKeepsADeletedArticlesNotes(t *testing.T) {
	site := servePages(t)
	lib := filepath.Join(t.TempDir(), "library.db")
	vault := filepath.Join(t.TempDir(), "vault")
	run(t, lib, 0, "add", site+"/one")
	out, _ := run(t, lib, 0, "add", site+"/two")
	if !strings.HasPrefix(out, "added article 2: Page two") {
		t.Fatalf("add: %q", out)
	}
	run(t, lib, 0, "highlight", "2", "--quote", "Short paragraphs", "--note", "MY PRECIOUS NOTE")
	run(t, lib, 0, "export", "--out", vault)
	notes := filepath.Join(vault, "Page two.md")
	before, err := os.ReadFile(notes)
	if err != nil || !strings.Contains(string(before), "MY PRECIOUS NOTE") {
		t.Fatalf("first export: %v\n%s", err, before)
	}

	run(t, lib, 0, "rm", "2", "--yes")
	run(t, lib, 0, "add", site+"/three")
	run(t, lib, 0, "export", "--out", vault)

	after, err := os.ReadFile(notes)
	if err != nil || string(after) != string(before) {
		t.Errorf("the deleted article's note file changed or went: %v\n%s", err, after)
	}
	three, err := os.ReadFile(filepath.Join(vault, "Page three.md"))
	if err != nil || strings.Contains(string(three), "MY PRECIOUS NOTE") || !strings.Contains(string(three), "# Page three") {
		t.Errorf("the new article's file: %v\n%s", err, three)
	}
}

// TestExportLeavesTheReadersFileAlone: a file the reader put where Margin's
// was is not overwritten, and the export says so.
func TestExportLeavesTheReadersFileAlone(t *testing.T) {
	site := servePages(t)
	lib := filepath.Join(t.TempDir(), "library.db")
	vault := filepath.Join(t.TempDir(), "vault")
	run(t, lib, 0, "add", site+"/one")
	run(t, lib, 0, "export", "--out", vault)
	mine := filepath.Join(vault, "Page one.md")
	if err := os.Remove(mine); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(mine, []byte("MY OWN NOTE\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	run(t, lib, 0, "note", "1", "a new note, so the export has something to write")

	out, errOut := run(t, lib, 0, "export", "--out", vault)
	if b, _ := os.ReadFile(mine); string(b) != "MY OWN NOTE\n" {
		t.Errorf("the reader's file was overwritten:\n%s", b)
	}
	if want := "margin export: left " + mine + " alone: "; !strings.HasPrefix(errOut, want) {
		t.Errorf("stderr %q, want it to start with %q", errOut, want)
	}
	if want := "exported 1 article to " + vault + " (0 unchanged, 1 left alone)\n"; out != want {
		t.Errorf("stdout %q, want %q", out, want)
	}
	if b, err := os.ReadFile(filepath.Join(vault, "Page one (2).md")); err != nil || !strings.Contains(string(b), "a new note") {
		t.Errorf("the article's own file: %v\n%s", err, b)
	}
}
