package cli

import (
	"bytes"
	"context"
	"image"
	"image/color"
	"image/png"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"app.margin/margin/storage"
)

// pictureServer serves an article with two pictures: /a.png, and /b.png,
// which answers 404 until ready is set.
func pictureServer(t *testing.T) (pageURL string, ready *atomic.Bool) {
	t.Helper()
	ready = &atomic.Bool{}
	pic := func(seed uint8) []byte {
		img := image.NewRGBA(image.Rect(0, 0, 8, 6))
		for i := range img.Pix {
			img.Pix[i] = seed
		}
		img.Set(0, 0, color.Black)
		var b bytes.Buffer
		if err := png.Encode(&b, img); err != nil {
			t.Fatal(err)
		}
		return b.Bytes()
	}
	page := strings.Replace(articlePage, "<h1>Readable prose</h1>",
		`<h1>Readable prose</h1><figure><img src="/a.png" alt="first"><figcaption>The first picture</figcaption></figure><p><img src="/b.png" alt="second"></p>`, 1)
	mux := http.NewServeMux()
	mux.HandleFunc("/prose", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		_, _ = w.Write([]byte(page))
	})
	mux.HandleFunc("/a.png", func(w http.ResponseWriter, r *http.Request) { _, _ = w.Write(pic(40)) })
	mux.HandleFunc("/b.png", func(w http.ResponseWriter, r *http.Request) {
		if !ready.Load() {
			http.NotFound(w, r)
			return
		}
		_, _ = w.Write(pic(90))
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv.URL + "/prose", ready
}

func TestImagesCommands(t *testing.T) {
	pageURL, ready := pictureServer(t)
	lib := filepath.Join(t.TempDir(), "library.db")
	base := strings.TrimSuffix(pageURL, "/prose")

	run(t, lib, 0, "add", pageURL, "--no-images")
	out, _ := run(t, lib, 0, "images", "1")
	for _, want := range []string{"article 1: 0 of 2 pictures stored", "missing: not fetched: the article was clipped without images", base + "/a.png", "The first picture"} {
		if !strings.Contains(out, want) {
			t.Errorf("images 1: no %q in\n%s", want, out)
		}
	}

	out, _ = run(t, lib, 0, "images", "--fetch", "1")
	for _, want := range []string{
		"article 1: Readable prose",
		"fetched " + base + "/a.png (stored image/png 8x6, ",
		"missing " + base + "/b.png: the server answered 404 Not Found",
		"fetched 1, 1 still missing",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("images --fetch 1: no %q in\n%s", want, out)
		}
	}

	ready.Store(true)
	out, _ = run(t, lib, 0, "images", "--fetch")
	if want := "fetched " + base + "/b.png"; !strings.Contains(out, want) || strings.Contains(out, "/a.png") {
		t.Errorf("images --fetch: want only %q fetched again, got\n%s", want, out)
	}
	if out, _ = run(t, lib, 0, "images", "--fetch"); out != "no article is missing pictures\n" {
		t.Errorf("images --fetch with nothing missing: %q", out)
	}
	out, _ = run(t, lib, 0, "images", "1")
	if want := "article 1: 2 of 2 pictures stored"; !strings.Contains(out, want) {
		t.Errorf("images 1: no %q in\n%s", want, out)
	}

	// A second article shows the same pictures: deleting the first frees
	// none, deleting the second frees both.
	run(t, lib, 0, "add", pageURL+"?again")
	out, _ = run(t, lib, 0, "rm", "1", "--yes")
	if want := "deleted article 1: Readable prose\n"; out != want {
		t.Errorf("rm 1: %q, want %q", out, want)
	}
	out, _ = run(t, lib, 0, "rm", "2", "--yes")
	if want := "freed 2 unused pictures ("; !strings.Contains(out, want) {
		t.Errorf("rm 2: no %q in %q", want, out)
	}
	if out, _ = run(t, lib, 0, "gc"); out != "no unused pictures\n" {
		t.Errorf("gc: %q", out)
	}
}

func TestImagesCommandErrors(t *testing.T) {
	pageURL, _ := pictureServer(t)
	lib := filepath.Join(t.TempDir(), "library.db")
	_, errOut := run(t, lib, 1, "images", "1")
	if want := "no library at"; !strings.Contains(errOut, want) {
		t.Errorf("images on no library: %q, want %q", errOut, want)
	}
	run(t, lib, 0, "add", pageURL)
	for _, tc := range []struct {
		args    []string
		code    int
		wantErr string
	}{
		{[]string{"images"}, 2, "give an article id, or --fetch"},
		{[]string{"images", "1", "2"}, 2, "give at most one article id"},
		{[]string{"images", "x"}, 2, `not an id: "x"`},
		{[]string{"images", "9"}, 1, "margin images: no article with id 9"},
		{[]string{"images", "--fetch", "9"}, 1, "article 9: no article with id 9"},
		{[]string{"gc", "now"}, 2, `unexpected argument "now"`},
	} {
		_, errOut := run(t, lib, tc.code, tc.args...)
		if !strings.Contains(errOut, tc.wantErr) {
			t.Errorf("margin %s: %q, want %q", strings.Join(tc.args, " "), errOut, tc.wantErr)
		}
	}
}

func TestBackupKeepsPictures(t *testing.T) {
	pageURL, ready := pictureServer(t)
	ready.Store(true)
	dir := t.TempDir()
	lib, backup := filepath.Join(dir, "library.db"), filepath.Join(dir, "backup.db")
	run(t, lib, 0, "add", pageURL)
	run(t, lib, 0, "backup", backup)
	if out, _ := run(t, backup, 0, "images", "1"); !strings.Contains(out, "article 1: 2 of 2 pictures stored") {
		t.Errorf("images 1 in the backup:\n%s", out)
	}

	ctx := context.Background()
	orig, err := storage.Open(ctx, lib)
	if err != nil {
		t.Fatal(err)
	}
	defer orig.Close()
	copied, err := storage.Open(ctx, backup)
	if err != nil {
		t.Fatal(err)
	}
	defer copied.Close()
	a, err := orig.Get(ctx, 1)
	if err != nil {
		t.Fatal(err)
	}
	if len(a.Images) != 2 {
		t.Fatalf("article 1 has %d pictures, want 2", len(a.Images))
	}
	for _, p := range a.Images {
		want, _, err := orig.Picture(ctx, p.SHA256)
		if err != nil {
			t.Fatalf("picture %s: %v", p.URL, err)
		}
		if got, _, err := copied.Picture(ctx, p.SHA256); err != nil || !bytes.Equal(got, want) {
			t.Errorf("backup's %s = %d bytes, %v; want the %d bytes stored", p.URL, len(got), err, len(want))
		}
	}
}

func TestExportFullWritesPictures(t *testing.T) {
	pageURL, ready := pictureServer(t)
	ready.Store(true)
	dir := t.TempDir()
	lib, notes := filepath.Join(dir, "library.db"), filepath.Join(dir, "notes")
	run(t, lib, 0, "add", pageURL)
	out, _ := run(t, lib, 0, "export", "--full", "--out", notes)
	if want := "exported 1 article to " + notes + " (0 unchanged, 2 pictures written into assets)\n"; out != want {
		t.Errorf("export --full: %q, want %q", out, want)
	}
	md, err := os.ReadFile(filepath.Join(notes, "Readable prose.md"))
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Count(string(md), "](assets/"); got != 2 {
		t.Errorf("note links %d pictures in assets/, want 2:\n%s", got, md)
	}
	if out, _ := run(t, lib, 0, "export", "--full", "--out", notes); !strings.HasSuffix(out, "(1 unchanged)\n") {
		t.Errorf("second export --full: %q, want nothing written", out)
	}
}
