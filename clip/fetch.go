package clip

import (
	"app.margin/margin/article"
	"app.margin/margin/internal/text"

	"bufio"
	"compress/flate"
	"compress/gzip"
	"compress/zlib"
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"strconv"
	"strings"
	"syscall"

	"github.com/andybalholm/brotli"
)

// acceptHTML asks for a web page first. Servers that answer a bare
// "text/html" with 406 still get their */*.
const acceptHTML = "text/html,application/xhtml+xml;q=0.9,*/*;q=0.8"

// acceptEncoding lists only what decodeBody undoes: the cap on the body
// applies after decompression, so the transport must not decompress for us.
const acceptEncoding = "gzip, deflate, br"

// clipURL fetches u and parses the page. It returns the source of the
// article's pictures: local addresses are open to them only when the page
// itself came from one.
func (c *Client) clipURL(ctx context.Context, u *url.URL) (*article.Article, *pictureSource, error) {
	pg, err := c.fetch(ctx, u)
	if err != nil {
		return nil, nil, err
	}
	a, err := Parse(pg.raw, pg.contentType, pg.finalURL)
	if err != nil {
		return nil, nil, err
	}
	a.URL = u.String()
	a.FinalURL = pg.finalURL
	return a, c.newPictureSource(pg.finalURL, pg.local, ""), nil
}

// fetchedPage is a fetched response body, decompressed.
type fetchedPage struct {
	raw         []byte
	contentType string // as the server sent it; "" when it sent none
	finalURL    string // after redirects
	local       bool   // the first address dialled was on this machine or its network
}

// fetch GETs u, following redirects, and returns the page or an error that
// is an *Error or context.Canceled.
func (c *Client) fetch(ctx context.Context, u *url.URL) (*fetchedPage, error) {
	guard := newAddressGuard(c, false, false)
	tr := c.transport(guard)
	defer tr.CloseIdleConnections()
	// A jar for this clip only: some sites set a cookie and redirect to
	// themselves, and loop without it.
	jar, err := cookiejar.New(nil)
	if err != nil {
		return nil, fmt.Errorf("cookie jar: %w", err)
	}
	hc := &http.Client{Transport: tr, Jar: jar, CheckRedirect: c.checkRedirect}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, causedBy(BadURL, err)
	}
	req.Header.Set("User-Agent", c.UserAgent)
	req.Header.Set("Accept", acceptHTML)
	req.Header.Set("Accept-Language", c.AcceptLanguage)
	req.Header.Set("Accept-Encoding", acceptEncoding)

	resp, err := hc.Do(req)
	if err != nil {
		return nil, c.transportError(ctx, err)
	}
	defer resp.Body.Close()

	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return nil, &Error{Kind: HTTPStatus, Detail: statusLine(resp), Err: &StatusError{Code: resp.StatusCode, Status: statusLine(resp), RetryAfter: resp.Header.Get("Retry-After")}}
	}
	ctype := resp.Header.Get("Content-Type")
	if media := mediaType(ctype); !isHTMLType(media) {
		return nil, errorf(NotHTML, "%s", media)
	}
	if resp.ContentLength > c.MaxBytes {
		return nil, errorf(TooLarge, "%s, more than %s", formatBytes(resp.ContentLength), formatBytes(c.MaxBytes))
	}
	body, identity, err := decodeBody(resp.Body, resp.Header.Values("Content-Encoding"))
	if err != nil {
		return nil, c.bodyError(ctx, err)
	}
	var sizeHint int64
	if identity {
		sizeHint = resp.ContentLength
	}
	raw, err := readCapped(body, c.MaxBytes, sizeHint)
	if err != nil {
		return nil, c.bodyError(ctx, err)
	}
	if len(raw) == 0 {
		return nil, errorf(Empty, "the server sent nothing")
	}
	return &fetchedPage{raw: raw, contentType: ctype, finalURL: resp.Request.URL.String(), local: guard.fromLocal()}, nil
}

// transport is an http.Transport with the Client's timeouts whose
// connections guard checks. Each clip gets its own, so a changed setting
// takes effect on the next clip.
func (c *Client) transport(guard *addressGuard) *http.Transport {
	return &http.Transport{
		Proxy:                 guard.proxy,
		DialContext:           guard.dial(c.ConnectTimeout),
		TLSHandshakeTimeout:   c.TLSTimeout,
		ResponseHeaderTimeout: c.HeaderTimeout,
		DisableCompression:    true, // decodeBody decompresses, under the cap
		ForceAttemptHTTP2:     true,
	}
}

// checkRedirect allows MaxRedirects redirects, to http(s) only.
func (c *Client) checkRedirect(req *http.Request, via []*http.Request) error {
	if s := req.URL.Scheme; s != "http" && s != "https" {
		return errorf(Scheme, "%s (the page redirected to %s)", s, displayTarget(req.URL.String()))
	}
	if len(via) <= c.MaxRedirects {
		return nil
	}
	for _, v := range via {
		if v.URL.String() == req.URL.String() {
			return errorf(TooManyRedirects, "the page redirects in a loop (%s)", displayTarget(req.URL.String()))
		}
	}
	return errorf(TooManyRedirects, "more than %d", c.MaxRedirects)
}

// statusLine is "404 Not Found", in English whatever the server wrote.
func statusLine(resp *http.Response) string {
	reason := http.StatusText(resp.StatusCode)
	if reason == "" {
		reason = strings.TrimSpace(strings.TrimPrefix(resp.Status, strconv.Itoa(resp.StatusCode)))
	}
	return strings.TrimSpace(fmt.Sprintf("%d %s", resp.StatusCode, text.CollapseSpace(reason)))
}

// mediaType is the lower-case type/subtype of a Content-Type header, or ""
// when the header is missing or too garbled to name a type: Parse then
// sniffs the bytes, as a browser does.
func mediaType(ctype string) string {
	media, _, _ := strings.Cut(ctype, ";")
	media = strings.ToLower(strings.TrimSpace(media))
	if !strings.Contains(media, "/") || strings.ContainsFunc(media, func(r rune) bool { return r <= ' ' || r > '~' }) {
		return ""
	}
	return media
}

func isHTMLType(media string) bool {
	switch media {
	case "", "text/html", "application/xhtml+xml":
		return true
	}
	return false
}

// decodeBody undoes the Content-Encoding header's codings, last applied
// first. identity reports that the body is as sent.
func decodeBody(body io.Reader, headers []string) (r io.Reader, identity bool, err error) {
	var codings []string
	for _, h := range headers {
		for _, c := range strings.Split(h, ",") {
			if c = strings.ToLower(strings.TrimSpace(c)); c != "" && c != "identity" {
				codings = append(codings, c)
			}
		}
	}
	r = body
	for i := len(codings) - 1; i >= 0; i-- {
		switch codings[i] {
		case "gzip", "x-gzip":
			if r, err = gzip.NewReader(r); err != nil {
				return nil, false, err
			}
		case "deflate":
			if r, err = newDeflateReader(r); err != nil {
				return nil, false, err
			}
		case "br":
			r = newBrotliReader(r)
		default:
			return nil, false, errorf(NotHTML, "compressed as %q, which Margin cannot read", text.CollapseSpace(codings[i]))
		}
	}
	return r, len(codings) == 0, nil
}

// newDeflateReader reads HTTP "deflate", which is meant to be zlib-wrapped
// but which some servers send as raw deflate; browsers accept both.
func newDeflateReader(r io.Reader) (io.Reader, error) {
	br := bufio.NewReader(r)
	h, err := br.Peek(2)
	if err != nil {
		return nil, err
	}
	if h[0]&0x0f == 8 && (uint16(h[0])<<8|uint16(h[1]))%31 == 0 {
		return zlib.NewReader(br)
	}
	return flate.NewReader(br), nil
}

// errDamaged marks a compressed body the decoder could not read, for
// decoders whose own errors are not exported.
var errDamaged = errors.New("damaged compressed data")

// brotliReader reads a "br" body. It tells the decoder's errors (a damaged
// stream) from the network's, which the decoder passes on as they are, and
// turns a panic of the decoder, third-party code run on hostile input, into
// an error for this page.
type brotliReader struct {
	dec *brotli.Reader
	src *brotliSource
}

func newBrotliReader(r io.Reader) *brotliReader {
	src := &brotliSource{r: r}
	return &brotliReader{dec: brotli.NewReader(src), src: src}
}

func (b *brotliReader) Read(p []byte) (n int, err error) {
	defer func() {
		if r := recover(); r != nil {
			n, err = 0, fmt.Errorf("%w: brotli decoder failed: %v", errDamaged, r)
		}
	}()
	n, err = b.dec.Read(p)
	switch {
	case err == nil, errors.Is(err, io.EOF):
		return n, err
	case b.src.failed():
		return n, err // the network's error, passed on by the decoder
	case errors.Is(err, io.ErrUnexpectedEOF) && !b.src.yielded:
		return n, io.EOF // no body at all, as gzip reports it
	case errors.Is(err, io.ErrUnexpectedEOF):
		return n, err // the stream ends before its last block: cut off
	}
	return n, fmt.Errorf("%w: %w", errDamaged, err)
}

// brotliSource is the body as the brotli decoder reads it. Each read fills
// the decoder's buffer unless the body ends or fails first: the decoder
// (v1.3.0) reports "excessive input" after a whole stream whose last bytes
// came in two or more reads of a few bytes each (a server that trickles or
// flushes small chunks), and with full reads only the last one is short,
// which it handles. A read that ends the body returns its bytes first and
// the end on the next call, since the decoder drops an error that comes
// with data.
type brotliSource struct {
	r       io.Reader
	yielded bool  // the body had at least one byte
	end     error // io.EOF or the failure, once the body has ended
}

func (s *brotliSource) Read(p []byte) (int, error) {
	if s.end != nil {
		return 0, s.end
	}
	n, err := fill(s.r, p)
	s.yielded = s.yielded || n > 0
	s.end = err
	if n > 0 {
		return n, nil
	}
	return 0, err
}

// failed reports whether the body ended with an error other than io.EOF.
func (s *brotliSource) failed() bool {
	return s.end != nil && !errors.Is(s.end, io.EOF)
}

// bodyError explains a failure while reading or decompressing the body.
func (c *Client) bodyError(ctx context.Context, err error) error {
	var corrupt flate.CorruptInputError
	switch {
	case errors.Is(err, ErrTooLarge), errors.Is(err, ErrNotHTML):
		return err
	case ctx.Err() != nil:
		return ctxError(ctx, fmt.Sprintf("the page did not finish loading within %s", c.Timeout))
	case errors.Is(err, io.EOF):
		return errorf(Empty, "the server sent nothing")
	case errors.Is(err, gzip.ErrHeader), errors.Is(err, gzip.ErrChecksum),
		errors.Is(err, zlib.ErrHeader), errors.Is(err, zlib.ErrChecksum),
		errors.Is(err, zlib.ErrDictionary), errors.As(err, &corrupt), errors.Is(err, errDamaged):
		return wrapf(Network, err, "the page's compressed data is damaged")
	case errors.Is(err, io.ErrUnexpectedEOF):
		return wrapf(Network, err, "the download was cut off")
	}
	return c.transportError(ctx, err)
}

// transportError explains a failed request in words a reader understands.
func (c *Client) transportError(ctx context.Context, err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		err = ue.Err
	}
	if errors.Is(err, ErrScheme) || errors.Is(err, ErrTooManyRedirects) {
		return err
	}
	var local *localAddressError
	if errors.As(err, &local) {
		return wrapf(Network, err, "refused: %s", local)
	}
	if ctx.Err() != nil {
		return ctxError(ctx, fmt.Sprintf("no complete answer within %s", c.Timeout))
	}
	var (
		netErr    net.Error
		opErr     *net.OpError
		dnsErr    *net.DNSError
		verifyErr *tls.CertificateVerificationError
		authErr   x509.UnknownAuthorityError
		hostErr   x509.HostnameError
		certErr   x509.CertificateInvalidError
		recordErr tls.RecordHeaderError
	)
	switch {
	case errors.As(err, &netErr) && netErr.Timeout():
		if errors.As(err, &opErr) && opErr.Op == "dial" {
			return wrapf(Timeout, err, "could not connect within %s", c.ConnectTimeout)
		}
		return wrapf(Timeout, err, "the server did not answer in time")
	case errors.As(err, &dnsErr) && dnsErr.IsNotFound:
		return wrapf(Network, err, "no such site %s", dnsErr.Name)
	case errors.As(err, &dnsErr):
		return wrapf(Network, err, "could not look up %s", dnsErr.Name)
	case errors.Is(err, syscall.ECONNREFUSED):
		return wrapf(Network, err, "the server refused the connection")
	case errors.Is(err, syscall.ENETUNREACH), errors.Is(err, syscall.EHOSTUNREACH):
		return wrapf(Network, err, "no route to the server (are you offline?)")
	case errors.Is(err, syscall.ECONNRESET), errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return wrapf(Network, err, "the server closed the connection")
	case errors.As(err, &verifyErr):
		return wrapf(Network, err, "the site's security certificate is not valid (%s)", text.CollapseSpace(verifyErr.Err.Error()))
	case errors.As(err, &authErr), errors.As(err, &hostErr), errors.As(err, &certErr):
		return wrapf(Network, err, "the site's security certificate is not valid (%s)", text.CollapseSpace(err.Error()))
	case errors.As(err, &recordErr), strings.Contains(err.Error(), "HTTP response to HTTPS client"):
		return wrapf(Network, err, "the server does not speak https (try http://)")
	}
	return causedBy(Network, err)
}

// ctxError is the error for a done ctx: a Timeout with detail when a
// deadline passed, context.Canceled when the user stopped the clip.
func ctxError(ctx context.Context, detail string) error {
	if errors.Is(ctx.Err(), context.Canceled) {
		return fmt.Errorf("stopped: %w", context.Canceled)
	}
	return wrapf(Timeout, ctx.Err(), "%s", detail)
}
