package clip

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"syscall"
)

// clipFile clips a saved page. given is the path as the user named it;
// originalURL (optional) is the page's address on the web.
func (c *Client) clipFile(ctx context.Context, path, given, originalURL string) (*Article, error) {
	pageURL := ""
	if originalURL != "" {
		u, err := parseOriginalURL(originalURL)
		if err != nil {
			return nil, fmt.Errorf("original address: %w", err)
		}
		pageURL = u.String()
	}
	raw, abs, err := readFile(ctx, path, c.MaxBytes)
	if err != nil {
		return nil, err
	}
	articleURL := given
	if pageURL == "" {
		pageURL = (&url.URL{Scheme: "file", Path: filepath.ToSlash(abs)}).String()
	} else {
		articleURL = pageURL
	}
	a, err := Parse(raw, "", pageURL)
	if err != nil {
		return nil, err
	}
	a.URL = articleURL
	a.FinalURL = pageURL
	return a, nil
}

// readFile reads the file at path, at most max bytes, and returns it with
// the file's absolute path.
func readFile(ctx context.Context, path string, max int64) ([]byte, string, error) {
	abs := absPath(path)
	fi, err := os.Stat(abs)
	switch {
	case notExist(err):
		return nil, abs, fmt.Errorf("%w: %s", ErrFileNotFound, abs)
	case err != nil:
		return nil, abs, fmt.Errorf("cannot read the file: %w", err)
	case fi.IsDir():
		return nil, abs, fmt.Errorf("%w: %s (choose the .html file)", ErrIsDirectory, abs)
	case !fi.Mode().IsRegular():
		// Opening a named pipe would block; a device may never end.
		return nil, abs, fmt.Errorf("%w: %s is not a regular file", ErrNotHTML, abs)
	case fi.Size() > max:
		return nil, abs, fmt.Errorf("%w: %s is more than %s", ErrTooLarge, abs, formatBytes(max))
	case fi.Size() == 0:
		return nil, abs, fmt.Errorf("%w: the file is empty", ErrEmpty)
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
		return nil, abs, fmt.Errorf("%w: the file is empty", ErrEmpty)
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
