package clip

import (
	"app.margin/margin/article"

	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"os"
	"path/filepath"
	"strings"
)

// acceptPicture asks for the formats Margin keeps, best first. It leaves
// out AVIF, which Margin cannot read yet, so servers that choose by
// Accept send another format.
const acceptPicture = "image/webp,image/png,image/svg+xml,image/*;q=0.8,*/*;q=0.5"

// pictureSource loads the bytes of an article's pictures: from the web with
// the clip's hardened client, from data: URLs, and for a saved page from the
// folder the browser wrote beside it.
type pictureSource struct {
	c       *Client // settings, defaults filled in
	tr      *http.Transport
	hc      *http.Client
	referer string // the article's address, which sites expect with their images
	dir     string // a saved page's folder, symlinks resolved; "" for an article from the web
}

// newPictureSource returns a source for an article from pageURL whose own
// address was local (on this machine or its network) or not, with dir the
// folder of a saved page or "".
func (c *Client) newPictureSource(pageURL string, local bool, dir string) *pictureSource {
	guard := newAddressGuard(c, true, local)
	tr := c.transport(guard)
	s := &pictureSource{c: c, tr: tr, dir: dir}
	if u, err := url.Parse(pageURL); err == nil && (u.Scheme == "http" || u.Scheme == "https") {
		s.referer = pageURL
	}
	s.hc = &http.Client{Transport: tr, CheckRedirect: c.checkPictureRedirect}
	return s
}

func (s *pictureSource) close() { s.tr.CloseIdleConnections() }

// storedArticleSource is the source for a stored article: its saved page's
// folder when it was clipped from a file, else the web, where its pictures
// may be on local addresses only when its own host is.
func (c *Client) storedArticleSource(ctx context.Context, a *article.Article) (*pictureSource, error) {
	for _, raw := range []string{a.FinalURL, a.URL} {
		if u, err := url.Parse(raw); err == nil && u.Scheme == "file" {
			p, err := fileURLPath(raw)
			if err != nil {
				return nil, err
			}
			return c.newPictureSource("", false, pageFolder(p)), nil
		}
	}
	page := a.FinalURL
	if page == "" {
		page = a.URL
	}
	return c.newPictureSource(page, hostIsLocal(ctx, page, c.classify), ""), nil
}

// pageFolder is the folder of the saved page at path, symlinks resolved.
func pageFolder(path string) string {
	dir := filepath.Dir(absPath(path))
	if real, err := filepath.EvalSymlinks(dir); err == nil {
		return real
	}
	return dir
}

// hostIsLocal reports whether every address the host of pageURL has now is
// a local one: the origin of an article clipped earlier, whose connection
// is gone. A host that does not resolve counts as the web.
func hostIsLocal(ctx context.Context, pageURL string, classify func(netip.Addr) string) bool {
	if classify == nil {
		classify = localKind
	}
	u, err := url.Parse(pageURL)
	if err != nil || u.Hostname() == "" {
		return false
	}
	if ip, err := netip.ParseAddr(u.Hostname()); err == nil {
		return classify(ip) != ""
	}
	ips, err := net.DefaultResolver.LookupNetIP(ctx, "ip", u.Hostname())
	if err != nil || len(ips) == 0 {
		return false
	}
	for _, ip := range ips {
		if classify(ip) == "" {
			return false
		}
	}
	return true
}

// checkPictureRedirect follows MaxRedirects redirects, to http(s) only.
func (c *Client) checkPictureRedirect(req *http.Request, via []*http.Request) error {
	if s := req.URL.Scheme; s != "http" && s != "https" {
		return errorf(Scheme, "the picture's address redirects to %s, which Margin does not follow", displayTarget(req.URL.String()))
	}
	if len(via) > c.MaxRedirects {
		return errorf(TooManyRedirects, "more than %d", c.MaxRedirects)
	}
	return nil
}

// load returns the bytes of the picture at raw, at most MaxPictureBytes.
func (s *pictureSource) load(ctx context.Context, raw string) ([]byte, error) {
	if strings.HasPrefix(raw, "data:") {
		return dataURLBytes(raw)
	}
	u, err := url.Parse(raw)
	if err != nil {
		return nil, fmt.Errorf("not a valid address: %w", err)
	}
	switch u.Scheme {
	case "file":
		if s.dir == "" {
			return nil, errors.New("refused: a file on this computer, and the article is from the web")
		}
		p, err := fileURLPath(raw)
		if err != nil {
			return nil, err
		}
		return s.readInside(ctx, p)
	case "http", "https":
		if data, ok := s.savedCopy(ctx, u); ok {
			return data, nil
		}
		return s.get(ctx, u)
	}
	return nil, fmt.Errorf("not a web address (%s:)", u.Scheme)
}

// savedCopy finds a picture of a saved page whose relative address was
// resolved against the page's web address: the browser saved it under the
// same relative path (page_files/photo.jpg), so the longest tail of the
// URL's path that names a file in the page's folder is it.
func (s *pictureSource) savedCopy(ctx context.Context, u *url.URL) ([]byte, bool) {
	if s.dir == "" {
		return nil, false
	}
	segs := strings.Split(strings.Trim(u.Path, "/"), "/")
	for _, seg := range segs {
		if seg == ".." || seg == "" {
			return nil, false
		}
	}
	for i := range segs {
		p := filepath.Join(append([]string{s.dir}, segs[i:]...)...)
		if fi, err := os.Stat(p); err == nil && fi.Mode().IsRegular() {
			data, err := s.readInside(ctx, p)
			return data, err == nil
		}
	}
	return nil, false
}

// readInside reads the file at p if it is inside the saved page's folder,
// also once symlinks are followed: a saved page must not make Margin read
// files elsewhere on this computer.
func (s *pictureSource) readInside(ctx context.Context, p string) ([]byte, error) {
	real, err := filepath.EvalSymlinks(absPath(p))
	if err != nil {
		if notExist(err) {
			return nil, fmt.Errorf("the saved page's file %s is missing", filepath.Base(p))
		}
		return nil, fmt.Errorf("cannot read the saved page's file: %w", err)
	}
	if rel, err := filepath.Rel(s.dir, real); err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return nil, fmt.Errorf("refused: %s is outside the saved page's folder", real)
	}
	data, _, err := readFile(ctx, real, MaxPictureBytes)
	if errors.Is(err, ErrTooLarge) {
		return nil, errPictureTooLarge
	}
	return data, err
}

// errPictureTooLarge is a picture of more than MaxPictureBytes.
var errPictureTooLarge = fmt.Errorf("larger than %s", formatBytes(MaxPictureBytes))

// get fetches u over http(s).
func (s *pictureSource) get(ctx context.Context, u *url.URL) ([]byte, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, fmt.Errorf("not a valid address: %w", err)
	}
	req.Header.Set("User-Agent", s.c.UserAgent)
	req.Header.Set("Accept", acceptPicture)
	req.Header.Set("Accept-Language", s.c.AcceptLanguage)
	req.Header.Set("Accept-Encoding", acceptEncoding)
	if ref := s.refererFor(u); ref != "" {
		req.Header.Set("Referer", ref)
	}
	resp, err := s.hc.Do(req)
	if err != nil {
		return nil, s.c.transportError(ctx, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return nil, fmt.Errorf("the server answered %s", statusLine(resp))
	}
	if resp.ContentLength > MaxPictureBytes {
		return nil, errPictureTooLarge
	}
	body, identity, err := decodeBody(resp.Body, resp.Header.Values("Content-Encoding"))
	if err == nil {
		var hint int64
		if identity {
			hint = resp.ContentLength
		}
		var data []byte
		if data, err = readCapped(body, MaxPictureBytes, hint); err == nil {
			return data, nil
		}
	}
	if errors.Is(err, ErrTooLarge) {
		return nil, errPictureTooLarge
	}
	return nil, s.c.bodyError(ctx, err)
}

// refererFor is the Referer a browser sends with a picture at u (its
// default strict-origin-when-cross-origin policy): the article's address
// to its own site, only the site to others, nothing from https to http.
func (s *pictureSource) refererFor(u *url.URL) string {
	page, err := url.Parse(s.referer)
	switch {
	case s.referer == "" || err != nil:
		return ""
	case page.Scheme == "https" && u.Scheme == "http":
		return ""
	case page.Scheme == u.Scheme && page.Host == u.Host:
		return s.referer
	}
	return page.Scheme + "://" + page.Host + "/"
}

// dataURLBytes decodes a data: URL (base64 or percent-encoded).
func dataURLBytes(raw string) ([]byte, error) {
	meta, payload, ok := strings.Cut(strings.TrimPrefix(raw, "data:"), ",")
	if !ok {
		return nil, errors.New("a damaged data: address (no comma)")
	}
	if strings.HasSuffix(strings.ToLower(meta), ";base64") {
		if base64.StdEncoding.DecodedLen(len(payload)) > MaxPictureBytes+3 {
			return nil, errPictureTooLarge
		}
		payload = strings.Map(func(r rune) rune {
			if r == ' ' || r == '\n' || r == '\r' || r == '\t' {
				return -1
			}
			return r
		}, payload)
		data, err := base64.StdEncoding.DecodeString(payload)
		if err != nil {
			data, err = base64.RawStdEncoding.DecodeString(strings.TrimRight(payload, "="))
		}
		if err != nil {
			return nil, fmt.Errorf("a damaged data: address: %w", err)
		}
		if len(data) > MaxPictureBytes {
			return nil, errPictureTooLarge
		}
		return data, nil
	}
	s, err := url.PathUnescape(payload)
	if err != nil {
		return nil, fmt.Errorf("a damaged data: address: %w", err)
	}
	if len(s) > MaxPictureBytes {
		return nil, errPictureTooLarge
	}
	return []byte(s), nil
}
