package cli

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestImportCommand(t *testing.T) {
	lib := filepath.Join(t.TempDir(), "library.db")
	fixture := filepath.Join("..", "importer", "testdata", "wallabag.json")

	out, _ := run(t, lib, 0, "import", fixture, "--dry-run")
	if want := "would import wallabag export: 2 new, 0 already in the library, 1 with highlights, 0 to fetch\n"; !strings.HasPrefix(out, want) {
		t.Errorf("dry run:\n%s\nwant it to start %q", out, want)
	}
	if _, err := os.Stat(lib); err == nil {
		t.Error("a dry run created the library")
	}

	out, _ = run(t, lib, 0, "import", fixture, "--tag", "wallabag")
	want := `imported wallabag export: 2 new, 0 already in the library, 1 with highlights, 0 to fetch
highlights: 1 placed, 1 kept as orphans (their quote was not found in the text)
skipped 2:
  entry 3: no URL
  entry 4: field url is a number, not a string
`
	if out != want {
		t.Errorf("import:\n%s\nwant:\n%s", out, want)
	}
	out, _ = run(t, lib, 0, "import", fixture, "--tag", "wallabag")
	if !strings.HasPrefix(out, "imported wallabag export: 0 new, 2 already in the library") {
		t.Errorf("second import:\n%s", out)
	}
	out, _ = run(t, lib, 0, "list", "--tag", "wallabag", "--archived")
	if !strings.Contains(out, "王小波：沉默的大多数") {
		t.Errorf("list of the imported archive:\n%s", out)
	}

	_, errOut := run(t, lib, 1, "import", filepath.Join("..", "importer", "testdata", "pocket.csv"), "--format", "wallabag")
	if !strings.Contains(errOut, "not a known export format") {
		t.Errorf("wrong --format: %s", errOut)
	}
	_, errOut = run(t, lib, 2, "import", fixture, "--format", "delicious")
	if !strings.Contains(errOut, `no format "delicious"`) {
		t.Errorf("unknown --format: %s", errOut)
	}
	_, errOut = run(t, lib, 1, "import", filepath.Join(t.TempDir(), "missing.csv"))
	if !strings.Contains(errOut, "no such file") {
		t.Errorf("missing file: %s", errOut)
	}
}

func TestQueueCommand(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/gone" {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte(articlePage))
	}))
	t.Cleanup(srv.Close)
	dir := t.TempDir()
	lib := filepath.Join(dir, "library.db")
	csv := filepath.Join(dir, "pocket.csv")
	rows := fmt.Sprintf("title,url,time_added,tags,status\n稍后读,%s/a,1700000000,读书,unread\n,%s/gone,1700000001,,unread\n", srv.URL, srv.URL)
	if err := os.WriteFile(csv, []byte(rows), 0o600); err != nil {
		t.Fatal(err)
	}
	run(t, lib, 0, "import", csv)
	out, _ := run(t, lib, 0, "queue")
	if want := "clipping queue: 2 waiting, 0 fetching, 0 fetched, 0 failed\n"; out != want {
		t.Errorf("queue: %q, want %q", out, want)
	}
	out, _ = run(t, lib, 0, "queue", "run", "--pause", "1ms")
	for _, want := range []string{"fetched " + srv.URL + "/a\n", "failed " + srv.URL + "/gone: server answered with an error: 404 Not Found\n",
		"clipping queue done: 1 fetched, 1 failed\n"} {
		if !strings.Contains(out, want) {
			t.Errorf("queue run:\n%s\nwant a line %q", out, want)
		}
	}
	out, _ = run(t, lib, 0, "queue")
	if !strings.Contains(out, "0 waiting, 0 fetching, 1 fetched, 1 failed") || !strings.Contains(out, "failed: "+srv.URL+"/gone: server answered with an error: 404 Not Found") {
		t.Errorf("queue after the run:\n%s", out)
	}
	out, _ = run(t, lib, 0, "show", "1")
	if !strings.Contains(out, "Readable prose") || !strings.Contains(out, "读者关心的话题") {
		t.Errorf("the fetched article:\n%s", out)
	}
	out, _ = run(t, lib, 0, "queue", "retry")
	if !strings.HasPrefix(out, "1 failed pages wait again") {
		t.Errorf("queue retry: %q", out)
	}
	out, _ = run(t, lib, 0, "queue", "cancel")
	if !strings.HasPrefix(out, "1 waiting pages cancelled") {
		t.Errorf("queue cancel: %q", out)
	}
	out, _ = run(t, lib, 0, "queue")
	if !strings.Contains(out, "failed: "+srv.URL+"/gone: cancelled before it was fetched") {
		t.Errorf("queue after cancel:\n%s", out)
	}
	run(t, lib, 2, "queue", "nonsense")
}

// TestImportFetchesThePicturesOfContent: an entry that came with its
// content is not fetched, so the import fetches the pictures it names;
// --no-fetch leaves them listed as not fetched.
func TestImportFetchesThePicturesOfContent(t *testing.T) {
	pageURL, _ := pictureServer(t)
	base := strings.TrimSuffix(pageURL, "/prose")
	content := `<h1>Readable prose</h1><p>` + strings.Repeat("A paragraph long enough to be the article's text. ", 12) +
		`</p><p><img src="` + base + `/a.png" alt="first"></p><p><img src="` + base + `/b.png" alt="second"></p>`
	entry := func(url string) string {
		return fmt.Sprintf(`{"title":"Readable prose","url":%q,"is_archived":0,"is_starred":0,"content":%q,"created_at":"2016-09-08T11:55:58+0200"}`, url, content)
	}
	export := filepath.Join(t.TempDir(), "wallabag.json")
	if err := os.WriteFile(export, []byte("["+entry(pageURL)+"]"), 0o600); err != nil {
		t.Fatal(err)
	}
	lib := filepath.Join(t.TempDir(), "library.db")
	out, _ := run(t, lib, 0, "import", export)
	for _, want := range []string{"fetching the pictures of 1 articles that came with their content",
		"fetched " + base + "/a.png (stored image/png 8x6", "missing " + base + "/b.png: the server answered 404"} {
		if !strings.Contains(out, want) {
			t.Errorf("import output lacks %q:\n%s", want, out)
		}
	}

	noFetch := filepath.Join(t.TempDir(), "wallabag.json")
	if err := os.WriteFile(noFetch, []byte("["+entry(base+"/other")+"]"), 0o600); err != nil {
		t.Fatal(err)
	}
	out, _ = run(t, lib, 0, "import", noFetch, "--no-fetch")
	if strings.Contains(out, "fetching the pictures") {
		t.Errorf("--no-fetch fetched pictures:\n%s", out)
	}
	out, _ = run(t, lib, 0, "images", "2")
	if !strings.Contains(out, "0 of 2 pictures stored") {
		t.Errorf("after --no-fetch, images 2:\n%s", out)
	}
}
