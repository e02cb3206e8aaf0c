package clip

import (
	"app.margin/margin/article"

	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Defaults for a Client's zero fields.
const (
	DefaultTimeout        = 30 * time.Second
	DefaultConnectTimeout = 10 * time.Second
	DefaultTLSTimeout     = 10 * time.Second
	DefaultHeaderTimeout  = 20 * time.Second
	DefaultMaxBytes       = 25 << 20
	DefaultMaxRedirects   = 10

	// DefaultUserAgent is a current desktop browser's: sites that serve
	// unknown agents a stripped or blocked page serve this one the article.
	DefaultUserAgent = "Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0"
	// DefaultAcceptLanguage asks for Chinese first, then English: sites with
	// both editions should serve the one our readers clip.
	DefaultAcceptLanguage = "zh-CN,zh;q=0.9,en;q=0.8"
)

// Client fetches pages and clips them. NewClient fills in the defaults; a
// zero field (or a zero Client) falls back to the default too. A Client is
// safe for concurrent use as long as its fields are not changed meanwhile.
type Client struct {
	Timeout        time.Duration // for the page, fetched and extracted; default 30 s (pictures: PicturesTimeout)
	ConnectTimeout time.Duration // to open a connection; default 10 s
	TLSTimeout     time.Duration // for the TLS handshake; default 10 s
	HeaderTimeout  time.Duration // from the request to the response headers; default 20 s
	MaxBytes       int64         // body cap after decompression; default 25 MiB
	MaxRedirects   int           // default 10; negative: follow none
	UserAgent      string
	AcceptLanguage string
	Now            func() time.Time // stamps Article.FetchedAt; default time.Now

	// NoPictures lists an article's pictures without fetching them (each
	// is Missing MissingSkipped), for a clip that must be quick or quiet.
	NoPictures      bool
	PictureTimeout  time.Duration // for one picture; default 20 s
	PicturesTimeout time.Duration // for all pictures of one article; default 2 min

	// classify names the kind of local address an address is ("" for the
	// web); nil means localKind. Tests stand in a rule that counts one
	// loopback address as the web, to serve a "remote" page locally.
	classify func(netip.Addr) string
	// proxy chooses a request's proxy; nil means http.ProxyFromEnvironment,
	// which reads the environment once per process, too late for a test.
	proxy func(*http.Request) (*url.URL, error)
}

// NewClient returns a Client with the defaults.
func NewClient() *Client {
	return &Client{
		Timeout:        DefaultTimeout,
		ConnectTimeout: DefaultConnectTimeout,
		TLSTimeout:     DefaultTLSTimeout,
		HeaderTimeout:  DefaultHeaderTimeout,
		MaxBytes:       DefaultMaxBytes,
		MaxRedirects:   DefaultMaxRedirects,
		UserAgent:      DefaultUserAgent,
		AcceptLanguage: DefaultAcceptLanguage,
		Now:            time.Now,

		PictureTimeout:  DefaultPictureTimeout,
		PicturesTimeout: DefaultPicturesTimeout,
	}
}

// settings is a Client with every zero field replaced by its default.
func (c *Client) settings() Client {
	s := Client{}
	if c != nil {
		s = *c
	}
	def := NewClient()
	if s.Timeout <= 0 {
		s.Timeout = def.Timeout
	}
	if s.ConnectTimeout <= 0 {
		s.ConnectTimeout = def.ConnectTimeout
	}
	if s.TLSTimeout <= 0 {
		s.TLSTimeout = def.TLSTimeout
	}
	if s.HeaderTimeout <= 0 {
		s.HeaderTimeout = def.HeaderTimeout
	}
	if s.MaxBytes <= 0 {
		s.MaxBytes = def.MaxBytes
	}
	switch {
	case s.MaxRedirects == 0:
		s.MaxRedirects = def.MaxRedirects
	case s.MaxRedirects < 0:
		s.MaxRedirects = 0
	}
	if s.UserAgent == "" {
		s.UserAgent = def.UserAgent
	}
	if s.AcceptLanguage == "" {
		s.AcceptLanguage = def.AcceptLanguage
	}
	if s.Now == nil {
		s.Now = def.Now
	}
	if s.PictureTimeout <= 0 {
		s.PictureTimeout = def.PictureTimeout
	}
	if s.PicturesTimeout <= 0 {
		s.PicturesTimeout = def.PicturesTimeout
	}
	return s
}

// Clip clips target, which is an http(s) URL or the path of a saved .html/.htm
// file. A URL without a scheme (example.com/page) that is not an existing
// file is fetched over https; a file: URL is read as the file it names.
//
// Article.Images lists the article's pictures, each with its bytes or the
// reason it is missing (unless NoPictures, fetched; see FetchPictures for
// the limits and addresses). A picture that fails never fails the clip.
//
// originalURL (optional, files only) is the page's address on the web: it
// becomes Article.URL and FinalURL and resolves relative links. Without it
// URL is the path as given, FinalURL the file's file:// URL, and relative
// links resolve against the address the page declares for itself (see Parse).
//
// Errors wrap an *Error (test its Kind with errors.As, or its sentinel with
// errors.Is) or context.Canceled, and read as one line, e.g.
// "clip https://x/y: server answered with an error: 404 Not Found".
func (c *Client) Clip(ctx context.Context, target, originalURL string) (*article.Article, error) {
	a, err := c.clip(ctx, target, originalURL)
	if err != nil {
		return nil, fmt.Errorf("clip %s: %w", displayTarget(target), err)
	}
	return a, nil
}

func (c *Client) clip(ctx context.Context, target, originalURL string) (*article.Article, error) {
	s := c.settings()
	t, err := ParseTarget(target)
	if err != nil {
		return nil, err
	}
	a, pics, err := s.clipPage(ctx, t, originalURL)
	if err != nil {
		return nil, err
	}
	defer pics.close()
	// The pictures have their own deadlines: a slow one must not cost the
	// article, which is fetched by now.
	if err := s.addPictures(ctx, a, pics); err != nil {
		return nil, err
	}
	a.FetchedAt = s.Now()
	return a, nil
}

// clipPage fetches or reads the page within the Client's Timeout.
func (c *Client) clipPage(ctx context.Context, t Target, originalURL string) (*article.Article, *pictureSource, error) {
	ctx, cancel := context.WithTimeout(ctx, c.Timeout)
	defer cancel()
	if t.IsFile() {
		return c.clipFile(ctx, t.Path, t.Given, originalURL)
	}
	return c.clipURL(ctx, t.URL)
}

// Target is what the user asked to clip: a web page or a file.
type Target struct {
	URL   *url.URL // http(s); nil for a file
	Path  string   // a file to read
	Given string   // the file as the user named it
}

// IsFile reports whether the target is a file on this computer.
func (t Target) IsFile() bool { return t.URL == nil }

// Name is how the target is named to the reader: the host of a web page
// without "www.", the base name of a file.
func (t Target) Name() string {
	if t.URL == nil {
		return filepath.Base(t.Path)
	}
	return strings.TrimPrefix(t.URL.Hostname(), "www.")
}

var (
	schemePrefix = regexp.MustCompile(`^([A-Za-z][A-Za-z0-9+.\-]*):`)
	// hostPort matches "localhost:8080/page", which has no scheme although
	// url.Parse would read "localhost" as one.
	hostPort = regexp.MustCompile(`^[A-Za-z0-9.\-]+:[0-9]+([/?#]|$)`)
)

// ParseTarget decides whether s, as typed or pasted, names a web page or a
// file. A file that exists wins; otherwise a host name with a dot makes s a
// web address, so "example.com/post.html" is a page, not a missing file.
func ParseTarget(s string) (Target, error) {
	s = cleanInput(s)
	if s == "" {
		return Target{}, errorf(BadURL, "nothing was given")
	}
	m := schemePrefix.FindStringSubmatch(s)
	// A one-letter "scheme" is a Windows drive (C:\page.html).
	if m != nil && !hostPort.MatchString(s) && len(m[1]) > 1 {
		switch scheme := strings.ToLower(m[1]); scheme {
		case "http", "https":
			u, err := parseWebURL(s)
			return Target{URL: u}, err
		case "file":
			p, err := fileURLPath(s)
			return Target{Path: p, Given: s}, err
		default:
			return Target{}, errorf(Scheme, "%s (Margin clips http and https pages)", scheme)
		}
	}

	path := expandHome(s)
	if _, err := os.Stat(path); !notExist(err) {
		return Target{Path: path, Given: s}, nil
	}
	if strings.HasPrefix(s, "//") {
		u, err := parseWebURL("https:" + s)
		return Target{URL: u}, err
	}
	if scheme, ok := webAddressScheme(s); ok {
		u, err := parseWebURL(scheme + "://" + s)
		return Target{URL: u}, err
	}
	if strings.ContainsAny(s, `/\.~`) {
		return Target{}, errorf(FileNotFound, "%s", absPath(path))
	}
	return Target{}, errorf(BadURL, "%q is neither a web address nor a file", s)
}

// cleanInput trims what comes along when an address is pasted: white space,
// and the quotes or angle brackets around it in mail and Markdown.
func cleanInput(s string) string {
	s = strings.TrimSpace(s)
	for _, pair := range []string{`<>`, `""`, `''`} {
		if len(s) >= 2 && s[0] == pair[0] && s[len(s)-1] == pair[1] {
			s = strings.TrimSpace(s[1 : len(s)-1])
		}
	}
	return s
}

// parseWebURL parses an http(s) URL and checks it names a host.
func parseWebURL(s string) (*url.URL, error) {
	u, err := url.Parse(s)
	if err != nil {
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err
		}
		return nil, causedBy(BadURL, err)
	}
	u.Scheme = strings.ToLower(u.Scheme)
	if u.Scheme != "http" && u.Scheme != "https" {
		return nil, errorf(Scheme, "%s", u.Scheme)
	}
	if u.Hostname() == "" {
		return nil, errorf(BadURL, "no host name")
	}
	if p := u.Port(); p != "" {
		if n, err := strconv.Atoi(p); err != nil || n < 1 || n > 65535 {
			return nil, errorf(BadURL, "port %s is out of range", p)
		}
	}
	return u, nil
}

// parseOriginalURL parses the web address the user gives for a saved file,
// with or without its scheme.
func parseOriginalURL(s string) (*url.URL, error) {
	s = cleanInput(s)
	if schemePrefix.MatchString(s) && !hostPort.MatchString(s) {
		return parseWebURL(s)
	}
	if scheme, ok := webAddressScheme(s); ok {
		return parseWebURL(scheme + "://" + s)
	}
	return nil, errorf(BadURL, "%q", s)
}

// fileURLPath returns the local path a file: URL names.
func fileURLPath(s string) (string, error) {
	u, err := url.Parse(s)
	if err != nil {
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err
		}
		return "", causedBy(BadURL, err)
	}
	if u.Host != "" && u.Host != "localhost" {
		return "", errorf(Scheme, "file on another computer (%s)", u.Host)
	}
	p := u.Path
	if p == "" {
		p = u.Opaque // file:page.html
	}
	if p == "" {
		return "", errorf(BadURL, "no file named")
	}
	return filepath.FromSlash(p), nil
}

// webAddressScheme reports whether s, which has no scheme, reads as a web
// address (example.com/page, localhost:8000) and which scheme to assume:
// https, except http for this machine and bare IP addresses, where a test
// or intranet server rarely has a certificate.
func webAddressScheme(s string) (string, bool) {
	host := s
	if i := strings.IndexAny(host, "/?#"); i >= 0 {
		host = host[:i]
	} else if hasFileExtension(s) {
		return "", false // page.html is a file name, not a host
	}
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	switch {
	case host == "localhost", net.ParseIP(strings.Trim(host, "[]")) != nil:
		return "http", true
	case isDomainName(host):
		return "https", true
	}
	return "", false
}

// hasFileExtension reports whether s ends in an extension of a saved page or
// a document, which also read as top-level domains.
func hasFileExtension(s string) bool {
	switch strings.ToLower(filepath.Ext(s)) {
	case ".html", ".htm", ".xhtml", ".shtml", ".mht", ".mhtml", ".txt", ".pdf", ".md":
		return true
	}
	return false
}

// isDomainName reports whether host looks like a DNS name with a top-level
// domain (example.com, 例子.中国, xn--fsqu00a.xn--fiqs8s).
func isDomainName(host string) bool {
	labels := strings.Split(strings.TrimSuffix(host, "."), ".")
	if len(labels) < 2 {
		return false
	}
	for _, l := range labels {
		if l == "" || strings.HasPrefix(l, "-") || strings.HasSuffix(l, "-") {
			return false
		}
		for _, r := range l {
			if r != '-' && !unicode.IsLetter(r) && !unicode.IsDigit(r) {
				return false
			}
		}
	}
	tld := labels[len(labels)-1]
	if strings.HasPrefix(strings.ToLower(tld), "xn--") {
		return true
	}
	if utf8.RuneCountInString(tld) < 2 {
		return false
	}
	for _, r := range tld {
		if !unicode.IsLetter(r) {
			return false
		}
	}
	return true
}

// expandHome expands a leading ~/ as a shell would, for paths pasted into
// the app rather than typed into a shell.
func expandHome(p string) string {
	if p != "~" && !strings.HasPrefix(p, "~/") && !strings.HasPrefix(p, `~\`) {
		return p
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return p
	}
	return filepath.Join(home, p[1:])
}

func absPath(p string) string {
	if abs, err := filepath.Abs(p); err == nil {
		return abs
	}
	return p
}

// displayTarget is target as an error message shows it: on one line and not
// endless (a pasted data: URL can be megabytes).
func displayTarget(target string) string {
	const max = 200
	t := cleanInput(target)
	if strings.IndexFunc(t, unicode.IsControl) >= 0 {
		t = strconv.Quote(t)
	}
	if utf8.RuneCountInString(t) > max {
		t = string([]rune(t)[:max]) + "…"
	}
	return t
}

// readCapped reads r to its end and returns a TooLarge error once it yields more
// than max bytes. It never holds more than max+1 bytes of r: a decompression
// bomb stops at the cap. sizeHint (the expected size, or 0) lets a body of
// known length be read into one buffer.
func readCapped(r io.Reader, max, sizeHint int64) ([]byte, error) {
	limit := max + 1
	r = io.LimitReader(r, limit)
	// Chunks of doubling size, joined once at the end: regrowing one buffer
	// would allocate about twice as much on the way to the cap.
	size := int64(32 << 10)
	if sizeHint > 0 {
		size = sizeHint + 1 // room to see EOF in the same buffer
	}
	var (
		chunks [][]byte
		total  int64
	)
	for total < limit {
		buf := make([]byte, min(size, limit-total))
		n, err := fill(r, buf)
		chunks = append(chunks, buf[:n])
		total += int64(n)
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, err
		}
		size *= 2
	}
	if total > max {
		return nil, errorf(TooLarge, "more than %s", formatBytes(max))
	}
	if len(chunks) == 1 {
		return chunks[0], nil
	}
	out := make([]byte, 0, total)
	for _, c := range chunks {
		out = append(out, c...)
	}
	return out, nil
}

// fill reads into all of buf unless r ends or fails first.
func fill(r io.Reader, buf []byte) (int, error) {
	n := 0
	for n < len(buf) {
		m, err := r.Read(buf[n:])
		n += m
		if err != nil {
			return n, err
		}
	}
	return n, nil
}

// formatBytes prints a size the way a reader expects (25 MiB, 300 KiB).
func formatBytes(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}
