package clip

import (
	"app.margin/margin/article"

	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"

	"golang.org/x/text/encoding"
)

// clipFile clips a saved page. given is the path as the user named it;
// originalURL (optional) is the page's address on the web. The page's
// pictures come from its folder (the page_files/ a browser writes beside
// it), from data: URLs, and from the web as if the page came from there.
func (c *Client) clipFile(ctx context.Context, path, given, originalURL string) (*article.Article, *pictureSource, error) {
	pageURL := ""
	if originalURL != "" {
		u, err := parseOriginalURL(originalURL)
		if err != nil {
			return nil, nil, fmt.Errorf("original address: %w", err)
		}
		pageURL = u.String()
	}
	raw, abs, err := readFile(ctx, path, c.MaxBytes)
	if err != nil {
		return nil, nil, err
	}
	if !hasMarkup(raw) {
		// A picture or an archive is no more "plain text" than a page is:
		// the user should hear what the file is.
		if !strings.HasPrefix(http.DetectContentType(raw), "text/") {
			return nil, nil, errorf(NotHTML, "%s is binary data, not text (choose a saved .html page)", abs)
		}
		return nil, nil, errorf(NotHTML, "%s is plain text (choose a saved .html page)", abs)
	}
	articleURL := given
	if pageURL == "" {
		pageURL = (&url.URL{Scheme: "file", Path: filepath.ToSlash(abs)}).String()
	} else {
		articleURL = pageURL
	}
	a, err := Parse(raw, "", pageURL)
	if err != nil {
		return nil, nil, err
	}
	a.URL = articleURL
	a.FinalURL = pageURL
	return a, c.newPictureSource(pageURL, false, pageFolder(abs)), nil
}

// rxMarkup finds an element that any saved page has.
var rxMarkup = regexp.MustCompile(`(?i)<(!doctype\s+html|html|head|body|title|meta|p|div|span|a|br|h[1-6]|article|section|table|ul|ol|img|script|style)[\s/>]`)

// markupScanBytes is how far hasMarkup looks: a page's first elements come
// early, and a text file need not be read to its end.
const markupScanBytes = 1 << 20

// hasMarkup reports whether raw holds HTML elements. A file without any
// (notes, source code, a README) is not a page: a browser would show it as
// text, and the extractor would make one long paragraph of it. UTF-16
// (marked by its BOM) is not ASCII-compatible and is let through to Parse.
func hasMarkup(raw []byte) bool {
	if enc, _, _ := bomEncoding(raw); enc != nil && enc != encoding.Nop {
		return true
	}
	return rxMarkup.Match(raw[:min(len(raw), markupScanBytes)])
}

// readFile reads the file at path, at most max bytes, and returns it with
// the file's absolute path.
func readFile(ctx context.Context, path string, max int64) ([]byte, string, error) {
	abs := absPath(path)
	fi, err := os.Stat(abs)
	switch {
	case notExist(err):
		return nil, abs, errorf(FileNotFound, "%s", abs)
	case err != nil:
		return nil, abs, fmt.Errorf("cannot read the file: %w", err)
	case fi.IsDir():
		return nil, abs, errorf(IsDirectory, "%s (choose the .html file)", abs)
	case !fi.Mode().IsRegular():
		// Opening a named pipe would block; a device may never end.
		return nil, abs, errorf(NotHTML, "%s is not a regular file", abs)
	case fi.Size() > max:
		return nil, abs, errorf(TooLarge, "%s is more than %s", abs, formatBytes(max))
	case fi.Size() == 0:
		return nil, abs, errorf(Empty, "the file is empty")
	}
	f, err := os.Open(abs)
	if err != nil {
		return nil, abs, fmt.Errorf("cannot read the file: %w", err)
	}
	defer f.Close()
	raw, err := readCapped(ctxReader{ctx, f}, max, fi.Size())
	switch {
	case errors.Is(err, ErrTooLarge):
		return nil, abs, err // the file grew since Stat
	case ctx.Err() != nil:
		return nil, abs, ctxError(ctx, "reading the file took too long")
	case err != nil:
		return nil, abs, fmt.Errorf("cannot read the file: %w", err)
	case len(raw) == 0:
		return nil, abs, errorf(Empty, "the file is empty")
	}
	return raw, abs, nil
}

// notExist reports whether err says a path does not exist, including when a
// part of it is a file (page.html/x).
func notExist(err error) bool {
	return errors.Is(err, fs.ErrNotExist) || errors.Is(err, syscall.ENOTDIR)
}

// ctxReader stops reading once ctx is done: a file on a slow network share
// must not outlive the clip's deadline.
type ctxReader struct {
	ctx context.Context
	r   io.Reader
}

func (r ctxReader) Read(p []byte) (int, error) {
	if err := r.ctx.Err(); err != nil {
		return 0, err
	}
	return r.r.Read(p)
}
