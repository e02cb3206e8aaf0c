package cli

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"app.margin/margin/storage"
)

// articlePage is a small article page that the clipper extracts.
const articlePage = `<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>Readable prose | Example News</title>
<meta property="og:site_name" content="Example News">
<meta name="author" content="Grace Hopper">
<meta property="article:published_time" content="2024-03-05T23:00:00+08:00">
</head><body><nav>Home · About</nav><article><h1>Readable prose</h1>
<p>Readability scores measure how hard a text is to read, and writers who care about their readers check them often.</p>
<p>A benchmark of long sentences showed that readers slow down when a sentence runs past thirty words without a pause.</p>
<p>Short paragraphs help too: they give the eye a place to rest, and the mind a moment to take in what was said.</p>
<p>国内大模型研究落后美国，腾讯和阿里都在追赶，这是读者关心的话题。</p>
</article><footer>© Example</footer></body></html>`

// serveArticle serves articlePage at /prose on a local test server.
func serveArticle(t *testing.T) string {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/prose" {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte(articlePage))
	}))
	t.Cleanup(srv.Close)
	return srv.URL + "/prose"
}

// run runs the CLI on lib and fails the test unless it exits with want.
func run(t *testing.T, lib string, want int, args ...string) (stdout, stderr string) {
	t.Helper()
	code, out, errOut := runCLI(append([]string{"--library", lib}, args...)...)
	if code != want {
		t.Fatalf("margin %s: exit %d, want %d\nstdout: %s\nstderr: %s", strings.Join(args, " "), code, want, out, errOut)
	}
	return out, errOut
}

func TestLibraryCommands(t *testing.T) {
	url := serveArticle(t)
	lib := filepath.Join(t.TempDir(), "library.db")

	out, _ := run(t, lib, 0, "add", url, "--tag", "writing", "--tag", "科技")
	if want := "added article 1: Readable prose\n"; out != want {
		t.Errorf("add: %q, want %q", out, want)
	}
	out, _ = run(t, lib, 0, "add", url)
	if want := "updated article 1: Readable prose\n"; out != want {
		t.Errorf("second add: %q, want %q", out, want)
	}
	out, _ = run(t, lib, 0, "add", url, "--json")
	var added struct {
		ID      int64
		Updated bool
	}
	if err := json.Unmarshal([]byte(out), &added); err != nil || added.ID != 1 || !added.Updated {
		t.Errorf("add --json: %q (%v)", out, err)
	}

	out, _ = run(t, lib, 0, "list")
	if !strings.Contains(out, "1  ") || !strings.Contains(out, "Readable prose — Example News  [writing, 科技]") {
		t.Errorf("list: %q", out)
	}
	out, _ = run(t, lib, 0, "list", "--json", "--sort", "title", "--tag", "WRITING", "--all")
	var items []storage.Summary
	if err := json.Unmarshal([]byte(out), &items); err != nil || len(items) != 1 || items[0].Title != "Readable prose" {
		t.Errorf("list --json: %q (%v)", out, err)
	}
	out, _ = run(t, lib, 0, "list", "--sort", "published")
	if !strings.Contains(out, "2024-03-05  Readable prose") {
		t.Errorf("list --sort published: %q, want the page's own date", out)
	}
	out, _ = run(t, lib, 0, "list", "--archived")
	if out != "" {
		t.Errorf("list --archived: %q, want nothing", out)
	}

	for _, q := range [][]string{{"readab*"}, {"大模型"}, {"腾讯"}, {"tag:writing", "benchmark"}} {
		out, _ = run(t, lib, 0, append([]string{"search"}, q...)...)
		if !strings.Contains(out, "Readable prose") || !strings.Contains(out, "**") {
			t.Errorf("search %q: %q, want the article with a marked snippet", q, out)
		}
	}
	out, _ = run(t, lib, 0, "search", "大模型", "--json")
	var hits []storage.Summary
	if err := json.Unmarshal([]byte(out), &hits); err != nil || len(hits) != 1 || len(hits[0].Matches) == 0 ||
		hits[0].Snippet[hits[0].Matches[0].Start:hits[0].Matches[0].End] != "大模型" {
		t.Errorf("search --json: %q (%v)", out, err)
	}
	out, _ = run(t, lib, 0, "search", `"unterminated`, "AND", "(", "c++")
	if !strings.Contains(out, "no articles match") {
		t.Errorf("hostile search: %q", out)
	}

	out, _ = run(t, lib, 0, "tag", "1", "-writing", "+essays", "reading")
	if want := "article 1 tags: essays, reading, 科技\n"; out != want {
		t.Errorf("tag: %q, want %q", out, want)
	}
	out, _ = run(t, lib, 0, "tags", "--json")
	var tags []storage.Tag
	if err := json.Unmarshal([]byte(out), &tags); err != nil || len(tags) != 3 || tags[0] != (storage.Tag{Name: "essays", Count: 1}) {
		t.Errorf("tags --json: %q (%v)", out, err)
	}

	out, _ = run(t, lib, 0, "highlight", "1", "--quote", "Short paragraphs", "--color", "green", "--note", "agree")
	if !strings.HasPrefix(out, "highlight 1 in article 1 at ") {
		t.Errorf("highlight: %q", out)
	}
	_, errOut := run(t, lib, 1, "highlight", "1", "--quote", "not in the text")
	if !strings.Contains(errOut, "not found") {
		t.Errorf("highlight of a missing quote: %q", errOut)
	}
	out, _ = run(t, lib, 0, "highlights", "1")
	if !strings.Contains(out, `green`) || !strings.Contains(out, `"Short paragraphs"  — agree`) {
		t.Errorf("highlights: %q", out)
	}
	out, _ = run(t, lib, 0, "highlights", "1", "--json")
	var hs []storage.Highlight
	if err := json.Unmarshal([]byte(out), &hs); err != nil || len(hs) != 1 || hs[0].Quote != "Short paragraphs" {
		t.Errorf("highlights --json: %q (%v)", out, err)
	}

	stdin = strings.NewReader("A note\nfrom standard input\n")
	t.Cleanup(func() { stdin = os.Stdin })
	run(t, lib, 0, "note", "1", "-")
	out, _ = run(t, lib, 0, "show", "1")
	for _, want := range []string{"Readable prose\n", "Example News · Grace Hopper", url, "1 highlight",
		"tags: essays, reading, 科技", "note: A note\n      from standard input", "Short paragraphs help too"} {
		if !strings.Contains(out, want) {
			t.Errorf("show: %q lacks %q", out, want)
		}
	}
	out, _ = run(t, lib, 0, "search", "standard input")
	if !strings.Contains(out, "**standard** **input**") {
		t.Errorf("search in the note: %q", out)
	}
	out, _ = run(t, lib, 0, "show", "1", "--json")
	var shown struct {
		ID         int64
		Key        string
		Note       string
		Highlights int
	}
	if err := json.Unmarshal([]byte(out), &shown); err != nil || shown.Note != "A note\nfrom standard input" || shown.Highlights != 1 {
		t.Errorf("show --json: %+v (%v)", shown, err)
	}
	// The key an export names the article by works wherever an id does.
	byID, _ := run(t, lib, 0, "show", "1")
	if byKey, _ := run(t, lib, 0, "show", strings.ToUpper(shown.Key)); shown.Key == "" || byKey != byID {
		t.Errorf("show %s: %q, want what show 1 prints", shown.Key, byKey)
	}
	_, errOut = run(t, lib, 1, "show", "7d1c2b3a-0000-4000-8000-000000000001")
	if want := "margin show: no article with key 7d1c2b3a-0000-4000-8000-000000000001\n"; errOut != want {
		t.Errorf("show of an unknown key: %q, want %q", errOut, want)
	}

	backup := filepath.Join(t.TempDir(), "copy.db")
	out, _ = run(t, lib, 0, "backup", backup)
	if want := "backed up the library to " + backup + "\n"; out != want {
		t.Errorf("backup: %q, want %q", out, want)
	}
	_, errOut = run(t, lib, 1, "backup", backup)
	if !strings.Contains(errOut, "already exists") {
		t.Errorf("backup over a file: %q", errOut)
	}

	_, errOut = run(t, lib, 1, "rm", "1")
	if want := "margin rm: not deleting article 1 (Readable prose) without --yes\n"; errOut != want {
		t.Errorf("rm without --yes: %q, want %q", errOut, want)
	}
	out, _ = run(t, lib, 0, "rm", "1", "--yes")
	if want := "deleted article 1: Readable prose\n"; out != want {
		t.Errorf("rm: %q, want %q", out, want)
	}
	_, errOut = run(t, lib, 1, "show", "1")
	if want := "margin show: no article with id 1\n"; errOut != want {
		t.Errorf("show after rm: %q, want %q", errOut, want)
	}
	// The backup still has it.
	out, _ = run(t, backup, 0, "list")
	if !strings.Contains(out, "Readable prose") {
		t.Errorf("list of the backup: %q", out)
	}
}

func TestLibraryCommandErrors(t *testing.T) {
	url := serveArticle(t)
	lib := filepath.Join(t.TempDir(), "library.db")
	missing := filepath.Join(t.TempDir(), "none.db")
	run(t, lib, 0, "add", url)
	tests := []struct {
		lib    string
		args   []string
		code   int
		stderr string
	}{
		{missing, []string{"list"}, 1, "margin list: no library at " + missing},
		{missing, []string{"search", "x"}, 1, "no library at"},
		{lib, []string{"show", "42"}, 1, "margin show: no article with id 42\n"},
		{lib, []string{"show", "abc"}, 2, `not an id: "abc"`},
		{lib, []string{"show"}, 2, "give one article id"},
		{lib, []string{"tag", "42", "+x"}, 1, "margin tag: no article with id 42\n"},
		{lib, []string{"tag", "1", "+"}, 2, `empty tag name in "+"`},
		{lib, []string{"note", "42", "text"}, 1, "margin note: no article with id 42\n"},
		{lib, []string{"note", "1"}, 2, "give an article id and the note"},
		{lib, []string{"highlight", "1"}, 2, "--quote is required"},
		{lib, []string{"highlight", "42", "--quote", "x"}, 1, "no article with id 42"},
		{lib, []string{"highlight", "1", "--quote", "Readability", "--color", "mauve"}, 1, "mauve"},
		{lib, []string{"highlights", "42"}, 1, "no article with id 42"},
		{lib, []string{"rm", "42", "--yes"}, 1, "no article with id 42"},
		{lib, []string{"list", "--sort", "size"}, 2, `--sort is clipped, published or title, not "size"`},
		{lib, []string{"list", "--unread", "--archived"}, 2, "give one of --unread, --archived and --favorite"},
		{lib, []string{"search"}, 2, "give something to search for"},
		{lib, []string{"add", "ftp://example.com/x"}, 1, "margin add: "},
		{lib, []string{"add", filepath.Join(t.TempDir(), "nope.html")}, 1, "margin add: "},
	}
	for _, tc := range tests {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			code, _, errOut := runCLI(append([]string{"--library", tc.lib}, tc.args...)...)
			if code != tc.code || !strings.Contains(errOut, tc.stderr) {
				t.Errorf("exit %d, stderr %q; want exit %d, stderr with %q", code, errOut, tc.code, tc.stderr)
			}
			if strings.Count(strings.TrimSuffix(errOut, "\n"), "\n") > 1 {
				t.Errorf("stderr has more than the error and the usage: %q", errOut)
			}
		})
	}
	if _, err := os.Stat(missing); err == nil {
		t.Errorf("a read command created a library at %s", missing)
	}
}
