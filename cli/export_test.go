package cli

import (
	"app.margin/margin/article"

	"archive/zip"
	"bytes"
	"context"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"app.margin/margin/internal/testlib"
	"app.margin/margin/storage"
)

// exportLibrary makes a real library file with two highlighted articles.
func exportLibrary(t *testing.T) (path string, ids []int64) {
	t.Helper()
	ctx := context.Background()
	path = filepath.Join(t.TempDir(), "library.db")
	lib, err := storage.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer lib.Close()
	for i, title := range []string{"First: an article", "第二篇文章"} {
		text := "Some text to highlight in article " + title + "."
		id, _, err := lib.Save(ctx, &article.Article{
			URL: "https://example.com/" + string(rune('a'+i)), Title: title, Text: text, ContentHTML: "<p>" + text + "</p>",
		})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := lib.HighlightQuote(ctx, id, "text to highlight", 1, storage.Yellow, "a note"); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, id)
	}
	return path, ids
}

func runCLI(args ...string) (code int, stdout, stderr string) {
	var out, errb bytes.Buffer
	code = Run(context.Background(), args, &out, &errb, func(string, []string) error { return nil })
	return code, out.String(), errb.String()
}

func TestExportCommand(t *testing.T) {
	lib, ids := exportLibrary(t)
	dir := filepath.Join(t.TempDir(), "notes")

	id1, id2 := strconv.FormatInt(ids[0], 10), strconv.FormatInt(ids[1], 10)
	code, out, errOut := runCLI("--library", lib, "export", "--out", dir, "--id", id1, "--id", id2)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if want := "exported 2 articles to " + dir + " (0 unchanged)\n"; out != want {
		t.Errorf("stdout %q, want %q", out, want)
	}
	for _, n := range []string{"First an article.md", "第二篇文章.md"} {
		if _, err := os.Stat(filepath.Join(dir, n)); err != nil {
			t.Errorf("missing %s: %v", n, err)
		}
	}
	code, out, _ = runCLI("export", "--id", id1, "--out", dir, "--id", id2, "--library", lib)
	if code != 0 || !strings.HasSuffix(out, "(2 unchanged)\n") {
		t.Errorf("second run: exit %d, %q", code, out)
	}

	single := filepath.Join(t.TempDir(), "all.json")
	code, out, errOut = runCLI("--library", lib, "export", "--single", single, "--format", "json", "--id", id2)
	if code != 0 || out != "exported 1 article to "+single+"\n" {
		t.Errorf("--single: exit %d, %q %q", code, out, errOut)
	}
	if b, err := os.ReadFile(single); err != nil || !bytes.Contains(b, []byte(`#highlight-`)) {
		t.Errorf("--single file: %v\n%s", err, b)
	}
}

func TestExportCommandErrors(t *testing.T) {
	lib, _ := exportLibrary(t)
	tests := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"format", []string{"--library", lib, "export", "--format", "pdf"}, 2, "--format is md, json or epub"},
		{"epub full", []string{"--library", lib, "export", "--format", "epub", "--full"}, 2, "--full is for Markdown"},
		{"epub into a folder", []string{"--library", lib, "export", "--format", "epub", "--out", t.TempDir()}, 1, "is a folder"},
		{"empty book", []string{"--library", lib, "export", "--format", "epub", "--tag", "none", "--out", filepath.Join(t.TempDir(), "b.epub")}, 1, "no articles to put in the book"},
		{"tag and query", []string{"--library", lib, "export", "--tag", "a", "--query", "b"}, 2, "not both"},
		{"bad id", []string{"--library", lib, "export", "--id", "x"}, 2, "not an article id"},
		{"positional", []string{"--library", lib, "export", "extra"}, 2, "unexpected argument"},
		{"out and single", []string{"--library", lib, "export", "--out", "a", "--single", "b"}, 2, "not both"},
		{"unknown id", []string{"--library", lib, "export", "--id", "99", "--out", t.TempDir()}, 1, "article 99"},
		{"no library", []string{"--library", filepath.Join(t.TempDir(), "none.db"), "export"}, 1, "no library at"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, _, errOut := runCLI(tc.args...)
			if code != tc.code || !strings.Contains(errOut, tc.want) {
				t.Errorf("exit %d, stderr %q; want exit %d with %q", code, errOut, tc.code, tc.want)
			}
			if first, _, _ := strings.Cut(errOut, "\n"); !strings.Contains(first, tc.want) {
				t.Errorf("the error is not on the first line: %q", errOut)
			}
		})
	}
}

// TestExportCommandProgress: one progress line on stderr per 100 files,
// none after the last, then the summary on stdout.
func TestExportCommandProgress(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "library.db")
	lib, err := storage.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	for i := range 250 {
		text := "Article text " + strconv.Itoa(i)
		if _, _, err := lib.Save(ctx, &article.Article{URL: "https://example.com/" + strconv.Itoa(i),
			Title: "Article " + strconv.Itoa(i), Text: text, ContentHTML: "<p>" + text + "</p>"}); err != nil {
			t.Fatal(err)
		}
	}
	lib.Close()
	dir := t.TempDir()
	code, out, errOut := runCLI("--library", path, "export", "--out", dir)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if want := "exported 100 of 250\nexported 200 of 250\n"; errOut != want {
		t.Errorf("stderr %q, want %q", errOut, want)
	}
	if want := "exported 250 articles to " + dir + " (0 unchanged)\n"; out != want {
		t.Errorf("stdout %q, want %q", out, want)
	}
}

func TestExportEPUB(t *testing.T) {
	lib, ids := exportLibrary(t)
	book := filepath.Join(t.TempDir(), "Reading & notes.epub")
	code, out, errOut := runCLI("--library", lib, "export", "--format", "epub", "--id", strconv.FormatInt(ids[1], 10), "--id", strconv.FormatInt(ids[0], 10), "--out", book)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if want := "exported 2 articles to " + book + "\n"; out != want {
		t.Errorf("stdout %q, want %q", out, want)
	}
	zr, err := zip.OpenReader(book)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, f := range zr.File {
		names = append(names, f.Name)
	}
	zr.Close()
	if len(names) == 0 || names[0] != "mimetype" || !slices.Contains(names, "EPUB/nav.xhtml") {
		t.Errorf("book holds %v, want mimetype first and a table of contents", names)
	}
	testlib.EPUBCheck(t, book)
}
