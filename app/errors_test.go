package app

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"strings"
	"testing"

	"app.margin/margin/clip"
	"app.margin/margin/export"
	"app.margin/margin/storage"
)

func TestPlainWordsForEachClipKind(t *testing.T) {
	tests := []struct {
		kind   clip.Kind
		detail string
		want   string
	}{
		{clip.BadURL, `"x" is neither a web address nor a file`, "That doesn't look like a web address. Paste a full address, such as https://example.com/article."},
		{clip.Scheme, "ftp", "Margin clips web addresses (http:// or https://) and saved .html pages only."},
		{clip.HTTPStatus, "404 Not Found", "The server answered 404 Not Found. Check the address, or try again later."},
		{clip.HTTPStatus, "", "The server answered with an error. Check the address, or try again later."},
		{clip.NotHTML, "application/pdf", "That address is a PDF, an image or another kind of file, not a web page (application/pdf)."},
		{clip.Empty, "the server sent nothing", "The page is empty: there is no text to keep."},
		{clip.TooLarge, "more than 50 MB", "The page is too large to clip (more than 50 MB)."},
		{clip.TooManyRedirects, "more than 10", "The address redirects too many times. Open it in a browser and paste the address it ends up at."},
		{clip.Timeout, "the server did not answer in time", "The server took too long to answer. Try again in a moment."},
		{clip.Network, "the server refused the connection", "Could not connect — check your connection and the address."},
		{clip.FileNotFound, "/tmp/x.html", "There is no file there (/tmp/x.html)."},
		{clip.FileNotFound, "", "There is no file there."},
		{clip.IsDirectory, "/tmp", "That is a folder. Choose a saved web page (.html or .htm) instead."},
		{clip.Kind(99), "odd", "Margin could not clip that (clip.Kind(99): odd)."},
	}
	covered := map[clip.Kind]bool{}
	for _, tc := range tests {
		covered[tc.kind] = true
		err := fmt.Errorf("clip https://example.com/x: %w", &clip.Error{Kind: tc.kind, Detail: tc.detail})
		if got := plainWords(err); got != tc.want {
			t.Errorf("plainWords(%v) = %q, want %q", err, got, tc.want)
		}
	}
	for k := clip.Kind(1); k.Sentinel() != nil; k++ {
		if !covered[k] {
			t.Errorf("no test for the words of %v", k)
		}
	}
}

// TestPlainWordsNeverReadsTheMessage checks the words come from values:
// a message that looks like a clip error's is not taken for one, and a bare
// sentinel (as a fake Clipper returns) is its kind without detail.
func TestPlainWordsNeverReadsTheMessage(t *testing.T) {
	tests := []struct {
		name string
		err  error
		want string
	}{
		{"look-alike message", errors.New("server answered with an error: 404 Not Found"), "Something went wrong: Server answered with an error: 404 Not Found."},
		{"bare sentinel", fmt.Errorf("clip: %w: 404 Not Found", clip.ErrHTTPStatus), "The server answered with an error. Check the address, or try again later."},
		{"cancelled clip", fmt.Errorf("clip x: stopped: %w", context.Canceled), "Cancelled."},
		{"deadline", context.DeadlineExceeded, "The server took too long to answer. Try again in a moment."},
		{"missing file", &fs.PathError{Op: "open", Path: "/x", Err: fs.ErrNotExist}, "There is no file there."},
		{"permission", &fs.PathError{Op: "open", Path: "/x", Err: fs.ErrPermission}, "Margin is not allowed to read or write there. Check the file's permissions."},
		{"not found", fmt.Errorf("open: %w", storage.ErrNotFound), "That is no longer in the library; it may have been deleted."},
		{"quote", fmt.Errorf("highlight: %w", storage.ErrQuoteNotFound), "That passage is not in the article's text."},
		{"empty book", fmt.Errorf("export: %w: no articles to put in the book", export.ErrEmpty), "There is nothing to export: no article is in that selection."},
		{"read-only", fmt.Errorf("tag: %w: /x/lib.db (the folder is read-only)", storage.ErrReadOnly), "The library is read-only here, so Margin can show it but not change it. Check the permissions of the library file and its folder."},
		{"slow search", fmt.Errorf("search: %w", storage.ErrQueryTimeout), "The search took too long. Try fewer or more distinctive words."},
		{"invalid", fmt.Errorf("tag: %w: empty tag name", storage.ErrInvalid), "Margin could not store that (tag: invalid input: empty tag name)."},
		{"anything else", errors.New("disk on fire\\nreally"), "Something went wrong: Disk on fire\\nreally."},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := plainWords(tc.err); got != tc.want {
				t.Errorf("plainWords(%v) = %q, want %q", tc.err, got, tc.want)
			}
		})
	}
	if got := plainWords(nil); got != "" {
		t.Errorf("plainWords(nil) = %q, want \"\"", got)
	}
	if strings.Contains(plainWords(errors.New("x")), "\n") {
		t.Error("plainWords spans lines")
	}
}
