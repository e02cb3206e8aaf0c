package export

import (
	"app.margin/margin/article"

	"context"
	"encoding/json"
	"errors"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"app.margin/margin/storage"
)

// mustOpen opens a real library file in a temporary folder.
func mustOpen(tb testing.TB) *storage.Library {
	tb.Helper()
	lib, err := storage.Open(context.Background(), filepath.Join(tb.TempDir(), "library.db"))
	if err != nil {
		tb.Fatalf("open library: %v", err)
	}
	tb.Cleanup(func() { lib.Close() })
	return lib
}

// seedArticle is what addArticle stores: a page, the quotes to highlight in
// it, a note and tags.
type seedArticle struct {
	title, url string
	paras      []string
	quotes     []string
	note       string
	tags       []string
}

func addArticle(tb testing.TB, lib *storage.Library, s seedArticle) int64 {
	tb.Helper()
	ctx := context.Background()
	var html strings.Builder
	for _, p := range s.paras {
		html.WriteString("<p>" + p + "</p>")
	}
	id, _, err := lib.Save(ctx, &article.Article{
		URL: s.url, FinalURL: s.url, Title: s.title, SiteName: "Example",
		Authors: []string{"A. Writer"}, Language: "en",
		Published:   time.Date(2025, 1, 2, 3, 4, 5, 0, time.UTC),
		ContentHTML: html.String(), Text: strings.Join(s.paras, "\n\n"),
	})
	if err != nil {
		tb.Fatalf("save %q: %v", s.title, err)
	}
	for i, q := range s.quotes {
		if _, err := lib.HighlightQuote(ctx, id, q, 1, storage.Colors[i%len(storage.Colors)], "note on "+q); err != nil {
			tb.Fatalf("highlight %q: %v", q, err)
		}
	}
	if s.note != "" {
		if err := lib.SetNote(ctx, id, s.note); err != nil {
			tb.Fatal(err)
		}
	}
	if len(s.tags) > 0 {
		if err := lib.AddTags(ctx, id, s.tags...); err != nil {
			tb.Fatal(err)
		}
	}
	return id
}

// threeArticles stores two articles with the same title and one with a
// title full of characters file systems refuse.
func threeArticles(tb testing.TB, lib *storage.Library) []int64 {
	return []int64{
		addArticle(tb, lib, seedArticle{title: "Same title", url: "https://example.com/a",
			paras: []string{"Alpha paragraph one.", "Alpha *second* paragraph."}, quotes: []string{"Alpha *second*"},
			note: "First note.", tags: []string{"go", "reading"}}),
		addArticle(tb, lib, seedArticle{title: "Same title", url: "https://example.com/b",
			paras: []string{"Beta text here.", "More beta text."}, quotes: []string{"Beta text", "More beta"},
			tags: []string{"reading"}}),
		addArticle(tb, lib, seedArticle{title: `What? A "title": with/slashes`, url: "https://example.com/c",
			paras: []string{"Gamma [bracket] text.", "中文段落。"}, quotes: []string{"Gamma [bracket]", "中文段落"},
			note: "Third note.", tags: []string{"go"}}),
	}
}

// exportedFiles lists the folder, without the manifest.
func exportedFiles(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		if e.Name() != manifestName {
			names = append(names, e.Name())
		}
	}
	return names
}

// checkExportedFile parses an exported Markdown file back: its front matter
// names the article, and every highlight's quote is a block quote.
func checkExportedFile(t *testing.T, lib *storage.Library, path string, id int64) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	fm, body := splitFrontMatter(t, b)
	a, err := lib.Get(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	assertFrontMatter(t, fm, a)
	hs, err := lib.Highlights(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	got := parseBody(body, false)
	var want []string
	for _, h := range hs {
		want = append(want, wantQuote(h.Quote))
	}
	if len(got.problems) > 0 || !slices.Equal(got.quotes, want) {
		t.Errorf("%s: quotes %q (problems %v), want %q", filepath.Base(path), got.quotes, got.problems, want)
	}
}

func TestToDirRerunRewritesSameNames(t *testing.T) {
	ctx := context.Background()
	lib := mustOpen(t)
	ids := threeArticles(t, lib)
	dir := filepath.Join(t.TempDir(), "out")
	sel := Selection{IDs: ids}

	var calls [][2]int
	res, err := ToDir(ctx, lib, dir, sel, Options{}, func(done, total int) { calls = append(calls, [2]int{done, total}) })
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"Same title.md", "Same title (2).md", "What A title with slashes.md"}
	if !slices.Equal(res.Written, want) || res.Unchanged != 0 {
		t.Fatalf("first export wrote %q (unchanged %d), want %q", res.Written, res.Unchanged, want)
	}
	if !slices.Equal(calls, [][2]int{{1, 3}, {2, 3}, {3, 3}}) {
		t.Errorf("progress calls %v", calls)
	}
	for i, name := range want {
		checkExportedFile(t, lib, filepath.Join(dir, name), ids[i])
	}
	if got := exportedFiles(t, dir); len(got) != 3 {
		t.Errorf("folder holds %q, want the three files and the manifest", got)
	}
	before := modTimes(t, dir, want)

	res, err = ToDir(ctx, lib, dir, sel, Options{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Written) != 0 || res.Unchanged != 3 {
		t.Errorf("second export wrote %q, unchanged %d; want nothing written, 3 unchanged", res.Written, res.Unchanged)
	}
	if after := modTimes(t, dir, want); !slices.Equal(before, after) {
		t.Errorf("unchanged files were touched: %v -> %v", before, after)
	}

	// A new note changes one file only, under the same name.
	if err := lib.SetNote(ctx, ids[1], "A new note."); err != nil {
		t.Fatal(err)
	}
	res, err = ToDir(ctx, lib, dir, sel, Options{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(res.Written, []string{"Same title (2).md"}) || res.Unchanged != 2 {
		t.Errorf("after a note: wrote %q, unchanged %d", res.Written, res.Unchanged)
	}
	if got := exportedFiles(t, dir); len(got) != 3 {
		t.Errorf("folder holds %q", got)
	}
}

func modTimes(t *testing.T, dir string, names []string) []time.Time {
	t.Helper()
	var out []time.Time
	for _, n := range names {
		fi, err := os.Stat(filepath.Join(dir, n))
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, fi.ModTime())
	}
	return out
}

func TestToDirNeverTouchesForeignFiles(t *testing.T) {
	ctx := context.Background()
	lib := mustOpen(t)
	ids := threeArticles(t, lib)
	dir := t.TempDir()
	foreign := map[string]string{
		"Same title.md": "my own notes, not Margin's\n",
		"notes.md":      "---\ntitle: mine\n---\n",
		// Claims to be ours, but for an article that is not this one.
		"What A title with slashes.md": "---\nmargin_id: 999\n---\n",
	}
	for name, content := range foreign {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// A symlink at a wanted name pointing outside the folder.
	outside := filepath.Join(t.TempDir(), "outside.md")
	if err := os.WriteFile(outside, []byte("outside\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(outside, filepath.Join(dir, "Same title (2).md")); err != nil {
		t.Fatal(err)
	}
	for range 2 {
		res, err := ToDir(ctx, lib, dir, Selection{IDs: ids}, Options{}, nil)
		if err != nil {
			t.Fatal(err)
		}
		for _, n := range res.Written {
			if _, isForeign := foreign[n]; isForeign || n == "Same title (2).md" {
				t.Errorf("wrote over %q", n)
			}
		}
	}
	for name, content := range foreign {
		if b, err := os.ReadFile(filepath.Join(dir, name)); err != nil || string(b) != content {
			t.Errorf("%s changed: %q, %v", name, b, err)
		}
	}
	if b, _ := os.ReadFile(outside); string(b) != "outside\n" {
		t.Errorf("the symlink target outside the folder changed: %q", b)
	}
	want := []string{"Same title (3).md", "Same title (4).md", "What A title with slashes (2).md"}
	for i, n := range want {
		checkExportedFile(t, lib, filepath.Join(dir, n), ids[i])
	}
}

func TestToDirRenamesOnTitleChange(t *testing.T) {
	ctx := context.Background()
	lib := mustOpen(t)
	ids := threeArticles(t, lib)
	dir := t.TempDir()
	if _, err := ToDir(ctx, lib, dir, Selection{IDs: ids}, Options{}, nil); err != nil {
		t.Fatal(err)
	}
	// Clip the first page again with a new title: same id, new name.
	a, err := lib.Get(ctx, ids[0])
	if err != nil {
		t.Fatal(err)
	}
	a.Title = "A better title"
	if id, updated, err := lib.Save(ctx, &a.Article); err != nil || !updated || id != ids[0] {
		t.Fatalf("re-save: id %d updated %v err %v", id, updated, err)
	}
	res, err := ToDir(ctx, lib, dir, Selection{IDs: ids}, Options{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(res.Written, []string{"A better title.md"}) {
		t.Errorf("wrote %q, want only the renamed file", res.Written)
	}
	got := exportedFiles(t, dir)
	want := []string{"A better title.md", "Same title (2).md", "What A title with slashes.md"}
	if !slices.Equal(got, want) {
		t.Errorf("folder holds %q, want %q (no stale copy)", got, want)
	}
	checkExportedFile(t, lib, filepath.Join(dir, "A better title.md"), ids[0])
}

func TestToDirCancelLeavesNoTempFiles(t *testing.T) {
	lib := mustOpen(t)
	var ids []int64
	for i := range 40 {
		ids = append(ids, addArticle(t, lib, seedArticle{title: "Article " + strconv.Itoa(i), url: "https://example.com/" + strconv.Itoa(i),
			paras: []string{"Some text " + strconv.Itoa(i)}, quotes: []string{"Some text"}}))
	}
	dir := t.TempDir()
	ctx, cancel := context.WithCancel(context.Background())
	res, err := ToDir(ctx, lib, dir, Selection{IDs: ids}, Options{}, func(done, total int) {
		if done == 2 {
			cancel()
		}
	})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	// Files in flight when the cancel came are finished; no new one starts.
	if len(res.Written) < 2 || len(res.Written) > 2+writers {
		t.Errorf("wrote %d files before stopping", len(res.Written))
	}
	files := exportedFiles(t, dir)
	for _, n := range files {
		if strings.HasSuffix(n, ".tmp") || strings.HasPrefix(n, ".margin-export-") {
			t.Errorf("temporary file left: %s", n)
		}
	}
	if len(files) != len(res.Written) {
		t.Errorf("folder holds %d files, Result says %d", len(files), len(res.Written))
	}
	// The manifest knows the files written: the next run finishes the job
	// and leaves those alone.
	again, err := ToDir(context.Background(), lib, dir, Selection{IDs: ids}, Options{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if again.Unchanged != len(res.Written) || len(again.Written) != len(ids)-len(res.Written) {
		t.Errorf("resumed export wrote %d, unchanged %d; first run wrote %d", len(again.Written), again.Unchanged, len(res.Written))
	}
	if got := exportedFiles(t, dir); len(got) != len(ids) {
		t.Errorf("folder holds %d files, want %d", len(got), len(ids))
	}

	// A crash's leftover temporary file goes at the next export; a fresh
	// one (another export at work) and a look-alike of the reader's stay.
	old := filepath.Join(dir, ".margin-export-123.tmp")
	fresh := filepath.Join(dir, ".margin-export-456.tmp")
	mine := filepath.Join(dir, "margin-export-789.tmp")
	for _, p := range []string{old, fresh, mine} {
		if err := os.WriteFile(p, []byte("half"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Chtimes(old, time.Now().Add(-2*time.Hour), time.Now().Add(-2*time.Hour)); err != nil {
		t.Fatal(err)
	}
	if _, err := ToDir(context.Background(), lib, dir, Selection{IDs: ids}, Options{}, nil); err != nil {
		t.Fatal(err)
	}
	for p, want := range map[string]bool{old: false, fresh: true, mine: true} {
		if _, err := os.Stat(p); (err == nil) != want {
			t.Errorf("%s: exists %v, want %v", filepath.Base(p), err == nil, want)
		}
	}
}

func TestToDirWithoutManifestRecognisesOwnFiles(t *testing.T) {
	ctx := context.Background()
	lib := mustOpen(t)
	ids := threeArticles(t, lib)
	dir := t.TempDir()
	if _, err := ToDir(ctx, lib, dir, Selection{IDs: ids}, Options{}, nil); err != nil {
		t.Fatal(err)
	}
	// A hand-edited manifest pointing outside is ignored, as is a lost one.
	bad := `{"version":1,"files":{"md":{"` + itoa(ids[0]) + `":"../escape.md"}}}`
	if err := os.WriteFile(filepath.Join(dir, manifestName), []byte(bad), 0o644); err != nil {
		t.Fatal(err)
	}
	res, err := ToDir(ctx, lib, dir, Selection{IDs: ids}, Options{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if res.Unchanged != 3 || len(res.Written) != 0 {
		t.Errorf("wrote %q, unchanged %d: want the same three files recognised by their front matter", res.Written, res.Unchanged)
	}
	if _, err := os.Stat(filepath.Join(filepath.Dir(dir), "escape.md")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a file was written outside the folder: %v", err)
	}
}

func TestToDirJSON(t *testing.T) {
	ctx := context.Background()
	lib := mustOpen(t)
	ids := threeArticles(t, lib)
	dir := t.TempDir()
	res, err := ToDir(ctx, lib, dir, Selection{IDs: ids}, Options{Format: JSON}, nil)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"Same title.json", "Same title (2).json", "What A title with slashes.json"}
	if !slices.Equal(res.Written, want) {
		t.Fatalf("wrote %q, want %q", res.Written, want)
	}
	for i, n := range want {
		b, err := os.ReadFile(filepath.Join(dir, n))
		if err != nil {
			t.Fatal(err)
		}
		var c AnnotationCollection
		if err := json.Unmarshal(b, &c); err != nil {
			t.Fatalf("%s: %v", n, err)
		}
		hs, _ := lib.Highlights(ctx, ids[i])
		a, err := lib.Get(ctx, ids[i])
		if err != nil {
			t.Fatal(err)
		}
		if c.Context != AnnoContext || c.ID != "urn:uuid:"+a.Key || a.Key == "" || len(c.First.Items) < len(hs) {
			t.Errorf("%s: %s %s with %d items", n, c.Context, c.ID, len(c.First.Items))
		}
		for j, h := range hs {
			if got := c.First.Items[j].Target.Selector[0].Exact; got != h.Quote {
				t.Errorf("%s item %d exact %q, want %q", n, j, got, h.Quote)
			}
		}
	}
	// Markdown and JSON exports share a folder without clashing.
	res, err = ToDir(ctx, lib, dir, Selection{IDs: ids}, Options{}, nil)
	if err != nil || len(res.Written) != 3 {
		t.Fatalf("markdown next to json: wrote %q, %v", res.Written, err)
	}
	if res, err = ToDir(ctx, lib, dir, Selection{IDs: ids}, Options{Format: JSON}, nil); err != nil || res.Unchanged != 3 {
		t.Errorf("json again: %+v, %v", res, err)
	}
}

func TestToFile(t *testing.T) {
	ctx := context.Background()
	lib := mustOpen(t)
	ids := threeArticles(t, lib)
	dir := t.TempDir()

	mdPath := filepath.Join(dir, "all.md")
	if err := ToFile(ctx, lib, mdPath, Selection{IDs: ids}, Options{}, nil); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(mdPath)
	if err != nil {
		t.Fatal(err)
	}
	got := parseBody(b, false)
	var titles []string
	for _, h := range got.headings {
		if strings.HasPrefix(h, "# ") {
			titles = append(titles, h)
		}
	}
	wantTitles := []string{"# Same title", "# Same title", `# What? A "title": with/slashes`}
	if !slices.Equal(titles, wantTitles) {
		t.Errorf("sections %q, want %q", titles, wantTitles)
	}
	if len(got.quotes) != 5 || len(got.problems) > 0 {
		t.Errorf("quotes %q, problems %v", got.quotes, got.problems)
	}

	jsPath := filepath.Join(dir, "all.json")
	if err := ToFile(ctx, lib, jsPath, Selection{IDs: ids}, Options{Format: JSON}, nil); err != nil {
		t.Fatal(err)
	}
	var c AnnotationCollection
	b, _ = os.ReadFile(jsPath)
	if err := json.Unmarshal(b, &c); err != nil {
		t.Fatal(err)
	}
	// Five highlights and the three articles' note-and-tags annotations.
	if c.Total != 8 || len(c.First.Items) != 8 {
		t.Errorf("total %d, items %d, want 8", c.Total, len(c.First.Items))
	}
	if got := exportedFiles(t, dir); !slices.Equal(got, []string{"all.json", "all.md"}) {
		t.Errorf("folder holds %q", got)
	}
	if err := ToFile(ctx, lib, dir, Selection{IDs: ids}, Options{}, nil); !errors.Is(err, ErrInvalid) {
		t.Errorf("exporting onto a folder: %v, want ErrInvalid", err)
	}
	if _, err := ToDir(ctx, lib, dir, Selection{IDs: ids}, Options{Format: "pdf"}, nil); !errors.Is(err, ErrInvalid) {
		t.Errorf("unknown format: %v, want ErrInvalid", err)
	}
}

func TestToDirSelections(t *testing.T) {
	ctx := context.Background()
	lib := mustOpen(t)
	ids := threeArticles(t, lib)
	// Archived articles are hidden from listings but still exported.
	if err := lib.SetArchived(ctx, ids[2], true); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		sel  Selection
		want []string
	}{
		{"library", Selection{}, []string{"Same title.md", "Same title (2).md", "What A title with slashes.md"}},
		{"tag", Selection{Tag: "go"}, []string{"Same title.md", "What A title with slashes.md"}},
		{"query", Selection{Query: "beta"}, []string{"Same title.md"}},
		{"query chinese", Selection{Query: "中文"}, []string{"What A title with slashes.md"}}, // archived: searched too
		{"query outside the archive", Selection{Query: "中文 -is:archived"}, nil},
		{"query of the archive", Selection{Query: "is:archived"}, []string{"What A title with slashes.md"}},
		{"ids and tag", Selection{IDs: ids[1:], Tag: "reading"}, []string{"Same title.md"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res, err := ToDir(ctx, lib, t.TempDir(), tc.sel, Options{}, nil)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(res.Written, tc.want) {
				t.Errorf("wrote %q, want %q", res.Written, tc.want)
			}
		})
	}
}

// TestToDirNamesIgnoreCase: titles differing only in case or Unicode
// normalisation get distinct names, so the export is the same on macOS and
// Windows, where such names are one file.
func TestToDirNamesIgnoreCase(t *testing.T) {
	lib := mustOpen(t)
	var ids []int64
	for i, title := range []string{"Go", "GO", "e\u0301cole", "\u00e9cole"} {
		ids = append(ids, addArticle(t, lib, seedArticle{title: title, url: "https://example.com/" + strconv.Itoa(i),
			paras: []string{"Text " + strconv.Itoa(i)}}))
	}
	res, err := ToDir(context.Background(), lib, t.TempDir(), Selection{IDs: ids}, Options{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"Go.md", "GO (2).md", "école.md", "école (2).md"}; !slices.Equal(res.Written, want) {
		t.Errorf("wrote %q, want %q", res.Written, want)
	}
}

// countingLibrary counts the whole-article reads an export makes.
type countingLibrary struct {
	*storage.Library
	mu   sync.Mutex
	gets map[int64]int
}

func (c *countingLibrary) Get(ctx context.Context, id int64) (*storage.Article, error) {
	c.mu.Lock()
	c.gets[id]++
	c.mu.Unlock()
	return c.Library.Get(ctx, id)
}

// TestExportByIDReadsEachArticleOnce: a selection by ids reads an article to
// name its file, and exporting it uses that read instead of a second one.
func TestExportByIDReadsEachArticleOnce(t *testing.T) {
	ctx := context.Background()
	lib := &countingLibrary{Library: mustOpen(t), gets: map[int64]int{}}
	ids := threeArticles(t, lib.Library)
	dir := t.TempDir()
	want := map[int64]int{ids[0]: 1, ids[1]: 1, ids[2]: 1}

	if _, err := ToDir(ctx, lib, filepath.Join(dir, "out"), Selection{IDs: ids}, Options{}, nil); err != nil {
		t.Fatal(err)
	}
	if !maps.Equal(lib.gets, want) {
		t.Errorf("ToDir: reads per article %v, want %v", lib.gets, want)
	}
	lib.gets = map[int64]int{}
	if err := ToFile(ctx, lib, filepath.Join(dir, "all.md"), Selection{IDs: ids}, Options{}, nil); err != nil {
		t.Fatal(err)
	}
	if !maps.Equal(lib.gets, want) {
		t.Errorf("ToFile: reads per article %v, want %v", lib.gets, want)
	}
}
