package clip

import (
	"app.margin/margin/article"

	"bytes"
	"compress/flate"
	"compress/gzip"
	"compress/zlib"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/andybalholm/brotli"
)

// testTime is what the test clients' clock says.
var testTime = time.Date(2026, 5, 1, 12, 0, 0, 0, time.UTC)

// testClient is a Client with the defaults, a fixed clock and a deadline
// short enough that a hung test fails instead of stalling the suite. It
// skips pictures, whose addresses in these pages are not served
// (pictureClient fetches them).
func testClient() *Client {
	c := NewClient()
	c.NoPictures = true
	c.Timeout = 10 * time.Second
	c.Now = func() time.Time { return testTime }
	return c
}

// articlePage is a small charset-less article that any extractor keeps.
const articlePage = `<!DOCTYPE html><html lang="en"><head><title>A Quiet Harbour</title></head>
<body><article><h1>A Quiet Harbour</h1>
<p>The boats came in late that evening, riding low with the day's catch, and the harbour
master counted them one by one as the lamps along the quay were lit.</p>
<p>Nobody spoke of the storm that had passed to the north, though everyone had watched the
sky all afternoon and the older fishermen had stayed ashore.</p>
<p>By nightfall the nets were hung to dry, the gulls had settled on the breakwater, and the
town went quietly to sleep under a clear and windless sky.</p>
</article></body></html>`

func serveHTML(body string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		_, _ = w.Write([]byte(body))
	}
}

// untilGone blocks until the client has gone away, so the server can close.
func untilGone(w http.ResponseWriter, r *http.Request) { <-r.Context().Done() }

func TestClipHTTPErrors(t *testing.T) {
	binary := bytes.Repeat([]byte{0x00, 0xff, 0x13, 0x89, 0x50, 0x4b, 0x03, 0x04, 0xde, 0xad}, 500)
	var damagedGzip bytes.Buffer
	zw := gzip.NewWriter(&damagedGzip)
	_, _ = zw.Write([]byte(articlePage))
	_ = zw.Close()
	damaged := damagedGzip.Bytes()
	damaged[len(damaged)/2] ^= 0xff
	brotliPage := compressWith([]byte(articlePage), func(w io.Writer) io.WriteCloser { return brotli.NewWriter(w) })
	// Brotli has no checksum: a flipped byte is caught only where it breaks
	// the stream's structure, as the first byte's window size does here.
	damagedBrotli := bytes.Clone(brotliPage)
	damagedBrotli[0] ^= 0xff

	tests := []struct {
		name    string
		handler http.HandlerFunc
		setup   func(c *Client)
		want    error
		wantMsg string // a part of the message
	}{
		{
			name:    "404",
			handler: func(w http.ResponseWriter, r *http.Request) { http.NotFound(w, r) },
			want:    ErrHTTPStatus,
			wantMsg: "server answered with an error: 404 Not Found",
		},
		{
			name: "500 with an HTML error page",
			handler: func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", "text/html")
				w.WriteHeader(http.StatusInternalServerError)
				_, _ = w.Write([]byte(articlePage))
			},
			want:    ErrHTTPStatus,
			wantMsg: "server answered with an error: 500 Internal Server Error",
		},
		{
			name:    "never answers",
			handler: untilGone,
			setup:   func(c *Client) { c.Timeout = 300 * time.Millisecond },
			want:    ErrTimeout,
			wantMsg: "timed out",
		},
		{
			name:    "no response headers within HeaderTimeout",
			handler: untilGone,
			setup:   func(c *Client) { c.HeaderTimeout = 200 * time.Millisecond },
			want:    ErrTimeout,
			wantMsg: "the server did not answer in time",
		},
		{
			name: "trickles a byte a second",
			handler: func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", "text/html")
				w.WriteHeader(http.StatusOK)
				for {
					if _, err := w.Write([]byte("<")); err != nil {
						return
					}
					w.(http.Flusher).Flush()
					select {
					case <-r.Context().Done():
						return
					case <-time.After(time.Second):
					}
				}
			},
			setup:   func(c *Client) { c.Timeout = 300 * time.Millisecond },
			want:    ErrTimeout,
			wantMsg: "timed out",
		},
		{
			name:    "100 MiB body, streamed without a length",
			handler: streamBody(100<<20, false),
			setup:   func(c *Client) { c.MaxBytes = 1 << 20 },
			want:    ErrTooLarge,
			wantMsg: "page too large: more than 1 MiB",
		},
		{
			name:    "100 MiB body, announced by Content-Length",
			handler: streamBody(100<<20, true),
			setup:   func(c *Client) { c.MaxBytes = 1 << 20 },
			want:    ErrTooLarge,
			wantMsg: "page too large: 100 MiB, more than 1 MiB",
		},
		{
			name: "redirect loop",
			handler: func(w http.ResponseWriter, r *http.Request) {
				http.Redirect(w, r, "/loop", http.StatusFound)
			},
			want:    ErrTooManyRedirects,
			wantMsg: "the page redirects in a loop",
		},
		{
			name: "endless distinct redirects",
			handler: func(w http.ResponseWriter, r *http.Request) {
				n, _ := strconv.Atoi(r.URL.Query().Get("n"))
				http.Redirect(w, r, "/next?n="+strconv.Itoa(n+1), http.StatusMovedPermanently)
			},
			want:    ErrTooManyRedirects,
			wantMsg: "too many redirects: more than 10",
		},
		{
			name:    "redirect to file:",
			handler: redirectTo("file:///etc/passwd"),
			want:    ErrScheme,
			wantMsg: "unsupported address scheme: file (the page redirected to file:///etc/passwd)",
		},
		{
			name:    "redirect to ftp:",
			handler: redirectTo("ftp://ftp.example.com/pub/page.html"),
			want:    ErrScheme,
			wantMsg: "unsupported address scheme: ftp",
		},
		{
			name:    "no redirects allowed",
			handler: redirectTo("/elsewhere"),
			setup:   func(c *Client) { c.MaxRedirects = -1 },
			want:    ErrTooManyRedirects,
		},
		{name: "PDF", handler: serveTyped("application/pdf", "%PDF-1.7\n"), want: ErrNotHTML, wantMsg: "not a web page: application/pdf"},
		{name: "PNG", handler: serveTyped("image/png", "\x89PNG\r\n\x1a\n"), want: ErrNotHTML, wantMsg: "not a web page: image/png"},
		{name: "JSON", handler: serveTyped("application/json; charset=utf-8", `{"a":1}`), want: ErrNotHTML, wantMsg: "not a web page: application/json"},
		{name: "octet-stream", handler: serveTyped("application/octet-stream", "\x00\x01"), want: ErrNotHTML},
		{name: "video", handler: serveTyped("video/mp4", "\x00\x00\x00\x18ftyp"), want: ErrNotHTML},
		{name: "zip", handler: serveTyped("application/zip", "PK\x03\x04"), want: ErrNotHTML},
		{name: "plain text", handler: serveTyped("text/plain", "hello"), want: ErrNotHTML, wantMsg: "not a web page: text/plain"},
		{name: "empty body", handler: serveTyped("text/html", ""), want: ErrEmpty, wantMsg: "empty page"},
		{
			name:    "204 No Content",
			handler: func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusNoContent) },
			want:    ErrEmpty,
		},
		{name: "binary garbage labelled text/html", handler: serveTyped("text/html", string(binary)), want: ErrNotHTML},
		{
			name:    "an encoding we did not ask for",
			handler: serveEncoded("zstd", []byte{0x28, 0xb5, 0x2f, 0xfd}),
			want:    ErrNotHTML,
			wantMsg: `compressed as "zstd"`,
		},
		{
			name:    "plain HTML labelled br",
			handler: serveEncoded("br", []byte(articlePage)),
			want:    ErrNetwork,
			wantMsg: "the page's compressed data is damaged",
		},
		{
			name:    "damaged br",
			handler: serveEncoded("br", damagedBrotli),
			want:    ErrNetwork,
			wantMsg: "the page's compressed data is damaged",
		},
		{
			name:    "br with data after its end",
			handler: serveEncoded("br", append(bytes.Clone(brotliPage), "<p>more</p>"...)),
			want:    ErrNetwork,
			wantMsg: "the page's compressed data is damaged",
		},
		{
			name:    "br cut short",
			handler: serveEncoded("br", brotliPage[:len(brotliPage)/2]),
			want:    ErrNetwork,
			wantMsg: "the download was cut off",
		},
		{
			name:    "br with no body",
			handler: serveEncoded("br", nil),
			want:    ErrEmpty,
			wantMsg: "the server sent nothing",
		},
		{
			name: "damaged gzip",
			handler: func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", "text/html")
				w.Header().Set("Content-Encoding", "gzip")
				_, _ = w.Write(damaged)
			},
			want: ErrNetwork,
		},
		{
			name: "cut off before Content-Length",
			handler: func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", "text/html")
				w.Header().Set("Content-Length", "100000")
				_, _ = w.Write([]byte(articlePage))
			},
			want:    ErrNetwork,
			wantMsg: "could not connect: the download was cut off",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			srv := httptest.NewServer(tc.handler)
			defer srv.Close()
			c := testClient()
			if tc.setup != nil {
				tc.setup(c)
			}
			a, err := c.Clip(context.Background(), srv.URL+"/page", "")
			assertClipError(t, a, err, tc.want, tc.wantMsg)
		})
	}
}

// assertClipError checks err wraps want, mentions wantMsg and reads as one
// line that starts with what was clipped. When want is one of the package's
// sentinels, err must also be an *Error of that kind.
func assertClipError(t *testing.T, a *article.Article, err, want error, wantMsg string) {
	t.Helper()
	if a != nil {
		t.Errorf("got an article %q, want none", a.Title)
	}
	if !errors.Is(err, want) {
		t.Fatalf("got error %v, want %v", err, want)
	}
	if k := kindOf(want); k != 0 {
		var ce *Error
		if !errors.As(err, &ce) || ce.Kind != k {
			t.Errorf("got error %#v, want an *Error of kind %v", err, k)
		}
	}
	msg := err.Error()
	if !strings.Contains(msg, wantMsg) {
		t.Errorf("got message %q, want it to contain %q", msg, wantMsg)
	}
	if !strings.HasPrefix(msg, "clip ") || strings.ContainsAny(msg, "\r\n") {
		t.Errorf("got message %q, want one line starting with \"clip \"", msg)
	}
}

func serveTyped(ctype, body string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", ctype)
		_, _ = w.Write([]byte(body))
	}
}

// serveEncoded serves body as text/html compressed as coding says.
func serveEncoded(coding string, body []byte) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.Header().Set("Content-Encoding", coding)
		_, _ = w.Write(body)
	}
}

func redirectTo(location string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Location", location)
		w.WriteHeader(http.StatusFound)
	}
}

// streamBody writes size bytes of HTML from one small buffer, so the test
// allocates nothing like size.
func streamBody(size int, announce bool) http.HandlerFunc {
	chunk := bytes.Repeat([]byte("<p>filler filler filler</p>\n"), 2048)
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		if announce {
			w.Header().Set("Content-Length", strconv.Itoa(size))
		}
		for sent := 0; sent < size; {
			n, err := w.Write(chunk[:min(len(chunk), size-sent)])
			if err != nil {
				return
			}
			sent += n
		}
	}
}

// gzipBombServer serves mib MiB of zeros, gzipped, as text/html: 1024
// members of 1 MiB each (gzip readers decode concatenated members as one
// stream), about 1 KiB per MiB on the wire.
func gzipBombServer(t testing.TB, mib int) *httptest.Server {
	t.Helper()
	var member bytes.Buffer
	zw, err := gzip.NewWriterLevel(&member, gzip.BestCompression)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := zw.Write(make([]byte, 1<<20)); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.Header().Set("Content-Encoding", "gzip")
		for range mib {
			if _, err := w.Write(member.Bytes()); err != nil {
				return
			}
		}
	}))
}

// brotliBombServer serves mib MiB of zeros, brotli-compressed, as
// text/html. Brotli streams do not concatenate as gzip members do, but a
// stream of zeros flushed every MiB repeats itself: after the first, each
// MiB compresses to the same few bytes (copy the last byte again), so the
// server sends the head, that MiB mib-1 times and the end, about 13 bytes
// per MiB on the wire. The stream asks for brotli's largest standard window
// (16 MiB), the most a decoder may have to hold.
func brotliBombServer(t testing.TB, mib int) *httptest.Server {
	t.Helper()
	var buf bytes.Buffer
	zw := brotli.NewWriterOptions(&buf, brotli.WriterOptions{Quality: 5, LGWin: 24})
	var ends [3]int
	for i := range ends {
		if _, err := zw.Write(make([]byte, 1<<20)); err != nil {
			t.Fatal(err)
		}
		if err := zw.Flush(); err != nil {
			t.Fatal(err)
		}
		ends[i] = buf.Len()
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	b := buf.Bytes()
	head, mid, tail := b[:ends[0]], b[ends[0]:ends[1]], b[ends[2]:]
	if !bytes.Equal(mid, b[ends[1]:ends[2]]) {
		t.Fatal("the brotli encoder no longer repeats itself on zeros: the bomb needs another construction")
	}
	return httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.Header().Set("Content-Encoding", "br")
		if _, err := w.Write(head); err != nil {
			return
		}
		for range mib - 1 {
			if _, err := w.Write(mid); err != nil {
				return
			}
		}
		_, _ = w.Write(tail)
	}))
}

// allocatedBy returns the bytes f allocated and the error it returned.
func allocatedBy(f func() error) (uint64, error) {
	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	err := f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc, err
}

// brotliWindowCost is what a brotli decoder may allocate whatever the
// body's size: it keeps up to a window (16 MiB at most) of output for
// back-references, decodes ahead into it until it is full, and grows it by
// doubling on the way (1 KiB + 2 KiB + ... + 16 MiB).
const brotliWindowCost = 32 << 20

// TestClipCompressionBombStopsAtTheCap clips a 1 GiB bomb under a 1 MiB
// cap: it is refused having allocated at most 3x the cap, and for brotli
// the decoder's window besides.
func TestClipCompressionBombStopsAtTheCap(t *testing.T) {
	const maxBytes = 1 << 20
	tests := []struct {
		coding string
		server func(testing.TB, int) *httptest.Server
		limit  uint64
	}{
		{"gzip", gzipBombServer, 3 * maxBytes},
		{"br", brotliBombServer, 3*maxBytes + brotliWindowCost},
	}
	for _, tc := range tests {
		t.Run(tc.coding, func(t *testing.T) {
			srv := tc.server(t, 1024)
			defer srv.Close()
			c := testClient()
			c.MaxBytes = maxBytes

			var a *article.Article
			allocated, err := allocatedBy(func() (err error) {
				a, err = c.Clip(context.Background(), srv.URL, "")
				return err
			})
			assertClipError(t, a, err, ErrTooLarge, "more than 1 MiB")
			if allocated > tc.limit {
				t.Errorf("clipping a 1 GiB %s bomb allocated %d bytes, want at most %d", tc.coding, allocated, tc.limit)
			}
		})
	}
}

// TestReportCompressionBombs prints what clipping a 1 GiB gzip or brotli
// bomb allocates and how long it takes to refuse it, for a few caps.
func TestReportCompressionBombs(t *testing.T) {
	if os.Getenv("MARGIN_REPORT") != "1" {
		t.Skip("a report for make bench: set MARGIN_REPORT=1")
	}
	bombs := []struct {
		name string
		srv  *httptest.Server
	}{
		{"gzip", gzipBombServer(t, 1024)},
		{"br", brotliBombServer(t, 1024)},
	}
	fmt.Printf("\nclip: a 1 GiB compression bomb (gzip: 1 MiB on the wire, br: 13 KiB)\n")
	fmt.Printf("%-6s %-10s %-14s %-16s %s\n", "coding", "cap", "allocated", "allocated/cap", "time to refuse")
	for _, bomb := range bombs {
		defer bomb.srv.Close()
		for _, maxBytes := range []int64{1 << 20, 4 << 20, DefaultMaxBytes} {
			c := testClient()
			c.MaxBytes = maxBytes
			start := time.Now()
			allocated, err := allocatedBy(func() error {
				_, err := c.Clip(context.Background(), bomb.srv.URL, "")
				return err
			})
			elapsed := time.Since(start)
			if !errors.Is(err, ErrTooLarge) {
				t.Fatalf("%s, cap %d: got %v, want %v", bomb.name, maxBytes, err, ErrTooLarge)
			}
			fmt.Printf("%-6s %-10s %-14s %-16.2f %s\n", bomb.name, formatBytes(maxBytes), formatBytes(int64(allocated)),
				float64(allocated)/float64(maxBytes), elapsed.Round(time.Millisecond))
		}
	}
}

// BenchmarkFetch measures the transport alone (no extraction): a 256 KiB
// page from a local server, as sent and gzipped.
func BenchmarkFetch(b *testing.B) {
	page := bytes.Repeat([]byte(articlePage), (256<<10)/len(articlePage))
	bodies := map[string][]byte{
		"identity": page,
		"gzip":     compressWith(page, func(w io.Writer) io.WriteCloser { return gzip.NewWriter(w) }),
		"br":       compressWith(page, func(w io.Writer) io.WriteCloser { return brotli.NewWriter(w) }),
	}
	for _, enc := range []string{"identity", "gzip", "br"} {
		b.Run(enc, func(b *testing.B) {
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", "text/html")
				if enc != "identity" {
					w.Header().Set("Content-Encoding", enc)
				}
				_, _ = w.Write(bodies[enc])
			}))
			defer srv.Close()
			u, err := url.Parse(srv.URL)
			if err != nil {
				b.Fatal(err)
			}
			c := NewClient().settings()
			b.SetBytes(int64(len(page)))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := c.fetch(context.Background(), u); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func TestClipConnectionErrors(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	refused := "http://" + ln.Addr().String() + "/page"
	_ = ln.Close()

	tlsSrv := httptest.NewUnstartedServer(serveHTML(articlePage))
	tlsSrv.Config.ErrorLog = log.New(io.Discard, "", 0) // the failed handshake is the point
	tlsSrv.StartTLS()
	defer tlsSrv.Close()
	plainSrv := httptest.NewServer(serveHTML(articlePage))
	defer plainSrv.Close()

	tests := []struct {
		name, url, wantMsg string
	}{
		{"connection refused", refused, "could not connect: the server refused the connection"},
		{"self-signed certificate", tlsSrv.URL, "security certificate is not valid"},
		{"https to a plain http server", strings.Replace(plainSrv.URL, "http:", "https:", 1), "does not speak https"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a, err := testClient().Clip(context.Background(), tc.url, "")
			assertClipError(t, a, err, ErrNetwork, tc.wantMsg)
		})
	}
}

func TestClipContextDone(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(untilGone))
	defer srv.Close()

	t.Run("canceled by the caller", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		time.AfterFunc(100*time.Millisecond, cancel)
		a, err := testClient().Clip(ctx, srv.URL, "")
		assertClipError(t, a, err, context.Canceled, "stopped")
		if errors.Is(err, ErrTimeout) {
			t.Errorf("got %v, want a cancellation, not a timeout", err)
		}
	})
	t.Run("caller's deadline", func(t *testing.T) {
		ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
		defer cancel()
		a, err := testClient().Clip(ctx, srv.URL, "")
		assertClipError(t, a, err, ErrTimeout, "timed out")
	})
}

func TestClipBadAddresses(t *testing.T) {
	tests := []struct {
		target  string
		want    error
		wantMsg string
	}{
		{"http://", ErrBadURL, "not a valid web address: no host name"},
		{"https:// bad host", ErrBadURL, "invalid character"},
		{"http://[::1", ErrBadURL, "missing ']' in host"},
		{"http://example.com:99999/", ErrBadURL, "port 99999 is out of range"},
		{"http:example.com", ErrBadURL, "no host name"},
		{"", ErrBadURL, "nothing was given"},
		{"   \n", ErrBadURL, "nothing was given"},
		{"hello", ErrBadURL, "neither a web address nor a file"},
		{"http://exa mple.com/\nx", ErrBadURL, "not a valid web address"},
		{"ftp://ftp.example.com/page.html", ErrScheme, "unsupported address scheme: ftp"},
		{"javascript:alert(1)", ErrScheme, "unsupported address scheme: javascript"},
		{"mailto:someone@example.com", ErrScheme, "unsupported address scheme: mailto"},
		{"data:text/html,<p>hi</p>", ErrScheme, "unsupported address scheme: data"},
		{"about:blank", ErrScheme, "unsupported address scheme: about"},
		{"file://fileserver/share/page.html", ErrScheme, "file on another computer"},
	}
	for _, tc := range tests {
		t.Run(tc.target, func(t *testing.T) {
			a, err := testClient().Clip(context.Background(), tc.target, "")
			assertClipError(t, a, err, tc.want, tc.wantMsg)
		})
	}
}

func TestParseTarget(t *testing.T) {
	dir := t.TempDir()
	saved := filepath.Join(dir, "saved page.html")
	if err := os.WriteFile(saved, []byte(articlePage), 0o644); err != nil {
		t.Fatal(err)
	}
	savedURL := (&url.URL{Scheme: "file", Path: filepath.ToSlash(saved)}).String()

	tests := []struct {
		in       string
		wantURL  string // "" for a file
		wantPath string
		wantErr  error
	}{
		{in: "https://example.com/a?b=c#d", wantURL: "https://example.com/a?b=c#d"},
		{in: "HTTP://Example.com/", wantURL: "http://Example.com/"},
		{in: "  https://example.com/x \n", wantURL: "https://example.com/x"},
		{in: "<https://example.com/x>", wantURL: "https://example.com/x"},
		{in: `"https://example.com/x"`, wantURL: "https://example.com/x"},
		{in: "example.com/page", wantURL: "https://example.com/page"},
		{in: "www.hflfx.com/lxt/871423.html", wantURL: "https://www.hflfx.com/lxt/871423.html"},
		{in: "example.com/post.html", wantURL: "https://example.com/post.html"},
		{in: "news.example.co.uk", wantURL: "https://news.example.co.uk"},
		{in: "例子.中国/文章", wantURL: "https://例子.中国/文章"},
		{in: "//example.com/x", wantURL: "https://example.com/x"},
		{in: "localhost:8000/x.html", wantURL: "http://localhost:8000/x.html"},
		{in: "127.0.0.1:8080", wantURL: "http://127.0.0.1:8080"},
		{in: saved, wantPath: saved},
		{in: savedURL, wantPath: saved},
		{in: "page.html", wantErr: ErrFileNotFound},
		{in: "notes.txt", wantErr: ErrFileNotFound},
		{in: "./nowhere/page.htm", wantErr: ErrFileNotFound},
		{in: filepath.Join(saved, "inside.html"), wantErr: ErrFileNotFound},
		{in: "gopher://example.com", wantErr: ErrScheme},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			got, err := ParseTarget(tc.in)
			if !errors.Is(err, tc.wantErr) {
				t.Fatalf("got error %v, want %v", err, tc.wantErr)
			}
			if err != nil {
				return
			}
			gotURL := ""
			if got.URL != nil {
				// Compare unescaped, as the user sees the address.
				gotURL, _ = url.PathUnescape(got.URL.String())
			}
			if gotURL != tc.wantURL {
				t.Errorf("got URL %q, want %q", gotURL, tc.wantURL)
			}
			if got.Path != tc.wantPath {
				t.Errorf("got path %q, want %q", got.Path, tc.wantPath)
			}
		})
	}
}

func TestReadCapped(t *testing.T) {
	data := bytes.Repeat([]byte("0123456789"), 10_000) // 100,000 bytes
	tests := []struct {
		name          string
		max, sizeHint int64
		wantErr       error
	}{
		{name: "under the cap", max: 200_000},
		{name: "exactly the cap", max: 100_000},
		{name: "exactly the cap with a hint", max: 100_000, sizeHint: 100_000},
		{name: "a wrong hint", max: 200_000, sizeHint: 10},
		{name: "one byte over", max: 99_999, wantErr: ErrTooLarge},
		{name: "far over", max: 1000, wantErr: ErrTooLarge},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := readCapped(bytes.NewReader(data), tc.max, tc.sizeHint)
			if !errors.Is(err, tc.wantErr) {
				t.Fatalf("got error %v, want %v", err, tc.wantErr)
			}
			if err == nil && !bytes.Equal(got, data) {
				t.Errorf("got %d bytes back, want the %d given", len(got), len(data))
			}
		})
	}
}

// headerRecorder remembers the request headers a handler saw.
type headerRecorder struct {
	mu sync.Mutex
	h  http.Header
}

func (r *headerRecorder) record(h http.Header) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.h = h.Clone()
}

func (r *headerRecorder) get(key string) string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.h.Get(key)
}

func TestClipSendsBrowserHeadersAndKeepsFinalURL(t *testing.T) {
	var seen headerRecorder
	mux := http.NewServeMux()
	mux.HandleFunc("/start", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/moved", http.StatusMovedPermanently)
	})
	mux.HandleFunc("/moved", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/final/article.html", http.StatusFound)
	})
	mux.HandleFunc("/final/article.html", func(w http.ResponseWriter, r *http.Request) {
		seen.record(r.Header)
		serveHTML(articlePage)(w, r)
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()

	a, clipErr := testClient().Clip(context.Background(), srv.URL+"/start", "")

	for _, h := range []struct{ key, want string }{
		{"User-Agent", DefaultUserAgent},
		{"Accept-Language", "zh-CN,zh;q=0.9,en;q=0.8"},
		{"Accept-Encoding", "gzip, deflate, br"},
	} {
		if got := seen.get(h.key); got != h.want {
			t.Errorf("after redirects the server saw %s %q, want %q", h.key, got, h.want)
		}
	}
	if got := seen.get("Accept"); !strings.HasPrefix(got, "text/html") {
		t.Errorf("server saw Accept %q, want text/html first", got)
	}
	if !strings.Contains(seen.get("User-Agent"), "Mozilla/5.0") {
		t.Errorf("User-Agent %q is not browser-like", seen.get("User-Agent"))
	}

	if clipErr != nil {
		t.Fatal(clipErr)
	}
	for _, f := range []struct{ name, got, want string }{
		{"URL", a.URL, srv.URL + "/start"},
		{"FinalURL", a.FinalURL, srv.URL + "/final/article.html"},
	} {
		if f.got != f.want {
			t.Errorf("got %s %q, want %q", f.name, f.got, f.want)
		}
	}
	if !a.FetchedAt.Equal(testTime) {
		t.Errorf("got FetchedAt %v, want the client's clock %v", a.FetchedAt, testTime)
	}
	if !bytes.Equal(a.Raw, []byte(articlePage)) {
		t.Errorf("Raw is not the page as served (%d bytes, want %d)", len(a.Raw), len(articlePage))
	}
}

func TestClipRedirectLimit(t *testing.T) {
	// /hop/N redirects to /hop/N-1; /hop/0 is the article.
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n, err := strconv.Atoi(strings.TrimPrefix(r.URL.Path, "/hop/"))
		if err != nil || n <= 0 {
			serveHTML(articlePage)(w, r)
			return
		}
		http.Redirect(w, r, "/hop/"+strconv.Itoa(n-1), http.StatusFound)
	}))
	defer srv.Close()

	tests := []struct {
		hops, max int
		want      error
	}{
		{hops: 10, max: 0, want: nil}, // 0: the default, 10
		{hops: 11, max: 0, want: ErrTooManyRedirects},
		{hops: 3, max: 3, want: nil},
		{hops: 4, max: 3, want: ErrTooManyRedirects},
	}
	for _, tc := range tests {
		t.Run(strconv.Itoa(tc.hops)+" hops, max "+strconv.Itoa(tc.max), func(t *testing.T) {
			c := testClient()
			c.MaxRedirects = tc.max
			a, err := c.Clip(context.Background(), srv.URL+"/hop/"+strconv.Itoa(tc.hops), "")
			if !errors.Is(err, tc.want) {
				t.Fatalf("got error %v, want %v", err, tc.want)
			}
			if err == nil && a.FinalURL != srv.URL+"/hop/0" {
				t.Errorf("got FinalURL %q, want %q", a.FinalURL, srv.URL+"/hop/0")
			}
		})
	}
}

// compressWith compresses b with the writer newWriter returns.
func compressWith(b []byte, newWriter func(w io.Writer) io.WriteCloser) []byte {
	var out bytes.Buffer
	w := newWriter(&out)
	_, _ = w.Write(b)
	_ = w.Close()
	return out.Bytes()
}

func TestClipDecompresses(t *testing.T) {
	page := []byte(articlePage)
	newGzip := func(w io.Writer) io.WriteCloser { return gzip.NewWriter(w) }
	newBrotli := func(w io.Writer) io.WriteCloser { return brotli.NewWriter(w) }
	gz := compressWith(page, newGzip)
	zl := compressWith(page, func(w io.Writer) io.WriteCloser { return zlib.NewWriter(w) })
	raw := compressWith(page, func(w io.Writer) io.WriteCloser {
		fw, _ := flate.NewWriter(w, flate.DefaultCompression)
		return fw
	})
	br := compressWith(page, newBrotli)
	tests := []struct {
		name, encoding string
		body           []byte
	}{
		{"identity", "", page},
		{"gzip", "gzip", gz},
		{"x-gzip", "x-gzip", gz},
		{"deflate (zlib)", "deflate", zl},
		{"deflate (raw, as some servers send it)", "deflate", raw},
		{"gzip twice", "gzip, gzip", compressWith(gz, newGzip)},
		{"br", "br", br},
		{"br in capitals", "BR", br},
		{"br, then gzip", "br, gzip", compressWith(br, newGzip)},
		{"gzip, then br", "gzip, br", compressWith(gz, newBrotli)},
	}
	want, err := Parse(page, "text/html", "http://example.com/")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", "text/html")
				if tc.encoding != "" {
					w.Header().Set("Content-Encoding", tc.encoding)
				}
				_, _ = w.Write(tc.body)
			}))
			defer srv.Close()
			a, err := testClient().Clip(context.Background(), srv.URL, "")
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(a.Raw, page) {
				t.Errorf("Raw is %d bytes, want the %d-byte page decompressed", len(a.Raw), len(page))
			}
			// The same article as the plain page's, field by field.
			for _, f := range []struct{ name, got, want string }{
				{"Title", a.Title, want.Title},
				{"Excerpt", a.Excerpt, want.Excerpt},
				{"Text", a.Text, want.Text},
				{"ContentHTML", a.ContentHTML, want.ContentHTML},
			} {
				if f.got != f.want {
					t.Errorf("got %s %q, want %q", f.name, f.got, f.want)
				}
			}
			if a.WordCount != want.WordCount || a.WordCount == 0 {
				t.Errorf("got WordCount %d, want %d", a.WordCount, want.WordCount)
			}
		})
	}
}

// seedFixture is ../shared/fixtures/seed, or the test skips.
type seedFixture struct {
	PageURL      string   `json:"page_url"`
	Title        string   `json:"title"`
	TextContains []string `json:"text_contains"`
	dir          string
}

func loadSeed(t *testing.T) seedFixture {
	t.Helper()
	dir := filepath.Join("..", "..", "shared", "fixtures", "seed")
	b, err := os.ReadFile(filepath.Join(dir, "expected.json"))
	if err != nil {
		t.Skipf("seed fixture not available (%v): it lives in ../shared/fixtures/seed", err)
	}
	var f seedFixture
	if err := json.Unmarshal(b, &f); err != nil {
		t.Fatalf("expected.json: %v", err)
	}
	f.dir = dir
	return f
}

func TestClipServesSeedFixture(t *testing.T) {
	seed := loadSeed(t)
	pageURL, err := url.Parse(seed.PageURL)
	if err != nil {
		t.Fatal(err)
	}
	for _, file := range []string{"huxiu-repost.gbk.html", "huxiu-repost.utf8.html"} {
		body, err := os.ReadFile(filepath.Join(seed.dir, file))
		if err != nil {
			t.Fatal(err)
		}
		for _, ctype := range []string{"text/html", ""} {
			t.Run(file+" Content-Type "+strconv.Quote(ctype), func(t *testing.T) {
				srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
					if r.URL.Path != pageURL.Path {
						http.NotFound(w, r)
						return
					}
					if ctype == "" {
						w.Header()["Content-Type"] = nil // no sniffed type from net/http
					} else {
						w.Header().Set("Content-Type", ctype)
					}
					_, _ = w.Write(body)
				}))
				defer srv.Close()
				target := srv.URL + pageURL.Path
				a, err := testClient().Clip(context.Background(), target, "")
				if err != nil {
					t.Fatal(err)
				}
				if a.URL != target || a.FinalURL != target {
					t.Errorf("got URL %q FinalURL %q, want both %q", a.URL, a.FinalURL, target)
				}
				if !bytes.Equal(a.Raw, body) {
					t.Errorf("Raw is %d bytes, want the %d served", len(a.Raw), len(body))
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
