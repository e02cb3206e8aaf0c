package clip

import (
	"bytes"
	"context"
	"errors"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// writeFile writes body to name under dir and returns its path.
func writeFile(t *testing.T, dir, name string, body []byte) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, body, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestClipFileErrors(t *testing.T) {
	dir := t.TempDir()
	missing := filepath.Join(dir, "missing.html")
	empty := writeFile(t, dir, "empty.html", nil)
	big := writeFile(t, dir, "big.html", bytes.Repeat([]byte("<p>x</p>"), 1000))
	page := writeFile(t, dir, "page.html", []byte(articlePage))
	garbage := writeFile(t, dir, "garbage.html", bytes.Repeat([]byte{0x00, 0xff, 0xfe, 0x01, 0x89}, 1000))
	text := writeFile(t, dir, "go.mod", []byte("module example.com/m\n\ngo 1.26\n\nrequire golang.org/x/net v0.62.0 // a < b > c\n"))
	markdown := writeFile(t, dir, "notes.html", []byte("# Notes\n\nA saved note, not a page: 3 < 4.\n"))

	type testCase struct {
		name, target, original string
		maxBytes               int64
		want                   error
		wantMsg                string
	}
	tests := []testCase{
		{name: "missing file", target: missing, want: ErrFileNotFound, wantMsg: "no such file: " + missing},
		{name: "missing directory on the way", target: filepath.Join(dir, "nowhere", "page.html"), want: ErrFileNotFound},
		{name: "a file as a directory", target: filepath.Join(page, "page.html"), want: ErrFileNotFound},
		{name: "directory", target: dir, want: ErrIsDirectory, wantMsg: "is a directory, not a file: " + dir},
		{name: "empty file", target: empty, want: ErrEmpty, wantMsg: "empty page: the file is empty"},
		{name: "over the cap", target: big, maxBytes: 1024, want: ErrTooLarge, wantMsg: "more than 1 KiB"},
		{name: "binary garbage", target: garbage, want: ErrNotHTML, wantMsg: "not a web page: " + garbage + " is binary data, not text"},
		{name: "a text file", target: text, want: ErrNotHTML, wantMsg: "not a web page: " + text + " is plain text (choose a saved .html page)"},
		{name: "text named .html", target: markdown, want: ErrNotHTML, wantMsg: "is plain text"},
		{name: "original address with another scheme", target: page, original: "ftp://example.com/page.html", want: ErrScheme},
		{name: "original address malformed", target: page, original: "http://[::1", want: ErrBadURL, wantMsg: "original address: not a valid web address"},
		{name: "original address not an address", target: page, original: "yesterday", want: ErrBadURL},
	}
	if _, err := os.Stat("/dev/zero"); err == nil {
		tests = append(tests, testCase{name: "a device that never ends", target: "/dev/zero", want: ErrNotHTML, wantMsg: "not a regular file"})
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := testClient()
			c.MaxBytes = tc.maxBytes
			a, err := c.Clip(context.Background(), tc.target, tc.original)
			assertClipError(t, a, err, tc.want, tc.wantMsg)
		})
	}
}

func TestClipFileCanceled(t *testing.T) {
	page := writeFile(t, t.TempDir(), "page.html", []byte(articlePage))
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	a, err := testClient().Clip(ctx, page, "")
	assertClipError(t, a, err, context.Canceled, "stopped")
}

func TestClipFileAddresses(t *testing.T) {
	dir := t.TempDir()
	const body = `<!DOCTYPE html><html><head><title>Tide Tables</title></head><body><article>
<h1>Tide Tables</h1>
<p>The tide tables for the coming month are pinned by the harbour office door, and the
<a href="/almanac/tides.html">full almanac</a> is kept at the library for anyone who asks.</p>
<p>Spring tides fall on the third and the seventeenth, when the new and full moons pull the
sea furthest up the shingle and furthest back from the harbour wall.</p>
<p>Neap tides follow a week later; the difference between high and low water is then at its
smallest, and the channel stays deep enough for the ferry at every hour.</p>
</article></body></html>`
	page := writeFile(t, dir, "tides.html", []byte(body))
	fileURL := (&url.URL{Scheme: "file", Path: filepath.ToSlash(page)}).String()

	tests := []struct {
		name, target, original string
		wantURL, wantFinal     string
		wantLink               string // the relative link, resolved; "" when dropped
	}{
		{
			name: "with the original address", target: page, original: "https://example.org/news/tides.html",
			wantURL: "https://example.org/news/tides.html", wantFinal: "https://example.org/news/tides.html",
			wantLink: "https://example.org/almanac/tides.html",
		},
		{
			name: "with an original address without scheme", target: page, original: "example.org/news/tides.html",
			wantURL: "https://example.org/news/tides.html", wantFinal: "https://example.org/news/tides.html",
			wantLink: "https://example.org/almanac/tides.html",
		},
		{
			name: "without an original address", target: page,
			wantURL: page, wantFinal: fileURL, // the sanitizer drops file: links
		},
		{
			name: "a file: URL", target: fileURL,
			wantURL: fileURL, wantFinal: fileURL,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a, err := testClient().Clip(context.Background(), tc.target, tc.original)
			if err != nil {
				t.Fatal(err)
			}
			for _, f := range []struct{ name, got, want string }{
				{"URL", a.URL, tc.wantURL},
				{"FinalURL", a.FinalURL, tc.wantFinal},
				{"Title", a.Title, "Tide Tables"},
			} {
				if f.got != f.want {
					t.Errorf("got %s %q, want %q", f.name, f.got, f.want)
				}
			}
			if tc.wantLink != "" && !strings.Contains(a.ContentHTML, `href="`+tc.wantLink+`"`) {
				t.Errorf("content does not link to %q: %s", tc.wantLink, a.ContentHTML)
			}
			if strings.Contains(a.ContentHTML, `href="/almanac`) {
				t.Errorf("content keeps a relative link: %s", a.ContentHTML)
			}
			if !a.FetchedAt.Equal(testTime) {
				t.Errorf("got FetchedAt %v, want %v", a.FetchedAt, testTime)
			}
			if !bytes.Equal(a.Raw, []byte(body)) {
				t.Errorf("Raw is %d bytes, want the file's %d", len(a.Raw), len(body))
			}
		})
	}
}

func TestClipSeedFixtureFiles(t *testing.T) {
	seed := loadSeed(t)
	for _, file := range []string{"huxiu-repost.gbk.html", "huxiu-repost.utf8.html"} {
		for _, original := range []string{seed.PageURL, ""} {
			t.Run(file+" original "+original, func(t *testing.T) {
				path := filepath.Join(seed.dir, file)
				a, err := testClient().Clip(context.Background(), path, original)
				if err != nil {
					t.Fatal(err)
				}
				wantURL := original
				if original == "" {
					wantURL = path
				}
				if a.URL != wantURL {
					t.Errorf("got URL %q, want %q", a.URL, wantURL)
				}
				if a.Title != seed.Title {
					t.Errorf("got title %q, want %q", a.Title, seed.Title)
				}
				for _, want := range seed.TextContains {
					if !strings.Contains(a.Text, want) {
						t.Errorf("text does not contain %q", want)
					}
				}
			})
		}
	}
}

func TestReadFileStopsAtCapWhenFileGrows(t *testing.T) {
	// A file that grows between Stat and Read (a download in progress) must
	// still stop at the cap; /dev/zero stands in for it past the Stat check.
	f, err := os.Open("/dev/zero")
	if err != nil {
		t.Skip("no /dev/zero here")
	}
	defer f.Close()
	_, err = readCapped(ctxReader{context.Background(), f}, 1<<20, 10)
	if !errors.Is(err, ErrTooLarge) {
		t.Fatalf("got %v, want %v", err, ErrTooLarge)
	}
}
