package clip

import (
	"app.margin/margin/article"

	"bytes"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"image"
	"image/color"
	"image/gif"
	"image/jpeg"
	"image/png"
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// pictureClient is testClient with pictures on, deadlines that end a hung
// test, and 127.0.0.2 counted as an address on the web, so that a page
// served there stands for a page from another host while its pictures on
// 127.0.0.1 are local.
func pictureClient() *Client {
	c := testClient()
	c.NoPictures = false
	c.PictureTimeout = 2 * time.Second
	c.PicturesTimeout = 8 * time.Second
	c.classify = func(ip netip.Addr) string {
		if ip == webLoopback {
			return ""
		}
		return localKind(ip)
	}
	return c
}

// webLoopback is the loopback address pictureClient counts as the web.
var webLoopback = netip.MustParseAddr("127.0.0.2")

// serveOn starts a test server listening on addr (an IP address).
func serveOn(t testing.TB, addr string, h http.Handler) *httptest.Server {
	t.Helper()
	l, err := net.Listen("tcp", net.JoinHostPort(addr, "0"))
	if err != nil {
		t.Skipf("cannot listen on %s (needs Linux's 127/8 loopback): %v", addr, err)
	}
	srv := &httptest.Server{Listener: l, Config: &http.Server{Handler: h}}
	srv.Start()
	t.Cleanup(srv.Close)
	return srv
}

// picturePage is an article whose content is body, with lead as its
// og:image ("" for none).
func picturePage(lead, body string) string {
	meta := ""
	if lead != "" {
		meta = `<meta property="og:image" content="` + lead + `">`
	}
	return `<!DOCTYPE html><html lang="en"><head><title>Harbour Pictures</title>` + meta + `</head><body><article>
<h1>Harbour Pictures</h1>
<p>The boats came in late that evening, riding low with the day's catch, and the harbour
master counted them one by one as the lamps along the quay were lit.</p>
` + body + `
<p>By nightfall the nets were hung to dry, the gulls had settled on the breakwater, and the
town went quietly to sleep under a clear and windless sky.</p>
</article></body></html>`
}

// counter is an http.Handler that counts the requests it serves.
type counter struct {
	n atomic.Int64
	h http.Handler
}

func (c *counter) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	c.n.Add(1)
	c.h.ServeHTTP(w, r)
}

// serveBytes serves b as ctype.
func serveBytes(ctype string, b []byte) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", ctype)
		_, _ = w.Write(b)
	}
}

// solid is a w x h picture of one colour, which seed varies.
func solid(w, h, seed int) image.Image {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	c := color.RGBA{uint8(seed * 37), uint8(seed * 91), uint8(seed * 13), 255}
	for y := range h {
		for x := range w {
			img.Set(x, y, c)
		}
	}
	return img
}

func pngOf(t testing.TB, w, h, seed int) []byte {
	var b bytes.Buffer
	if err := png.Encode(&b, solid(w, h, seed)); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func jpegOf(t testing.TB, w, h, seed int) []byte {
	var b bytes.Buffer
	if err := jpeg.Encode(&b, solid(w, h, seed), nil); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func gifOf(t testing.TB, w, h, seed int) []byte {
	var b bytes.Buffer
	if err := gif.Encode(&b, solid(w, h, seed), nil); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// webpOf is a real 75x100 WebP (x/image's gopher); seed adds bytes after its RIFF data, which
// decoders ignore, so that pictures differ.
func webpOf(t testing.TB, seed int) []byte {
	b, err := os.ReadFile(filepath.Join("testdata", "pictures", "gopher.webp"))
	if err != nil {
		t.Fatal(err)
	}
	return append(b, []byte(fmt.Sprintf("%04d", seed))...)
}

func svgOf(w, h, seed int) []byte {
	return []byte(fmt.Sprintf(`<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d"><rect id="r%d" width="10" height="10"/></svg>`, w, h, seed))
}

// pngBomb is a valid PNG of a few hundred bytes whose header claims w x h
// pixels, with a little zlib data after it.
func pngBomb(w, h uint32) []byte {
	var b bytes.Buffer
	b.WriteString("\x89PNG\r\n\x1a\n")
	chunk := func(typ string, data []byte) {
		_ = binary.Write(&b, binary.BigEndian, uint32(len(data)))
		crc := crc32.NewIEEE()
		crc.Write([]byte(typ))
		crc.Write(data)
		b.WriteString(typ)
		b.Write(data)
		_ = binary.Write(&b, binary.BigEndian, crc.Sum32())
	}
	ihdr := make([]byte, 13)
	binary.BigEndian.PutUint32(ihdr[0:], w)
	binary.BigEndian.PutUint32(ihdr[4:], h)
	ihdr[8], ihdr[9] = 8, 2 // 8-bit RGB
	chunk("IHDR", ihdr)
	chunk("IDAT", []byte{0x78, 0x9c, 0x63, 0, 0, 0, 1, 0, 1})
	chunk("IEND", nil)
	return b.Bytes()
}

// jpegBomb is a JPEG whose frame header claims side x side pixels (at most
// 65535, the format's limit).
func jpegBomb(t testing.TB, side uint16) []byte {
	b := jpegOf(t, 8, 8, 1)
	i := bytes.Index(b, []byte{0xFF, 0xC0}) // baseline frame header
	if i < 0 {
		t.Fatal("no SOF0 in the encoded JPEG")
	}
	binary.BigEndian.PutUint16(b[i+5:], side)
	binary.BigEndian.PutUint16(b[i+7:], side)
	return b
}

// pictureByURL is a's picture of url, failing the test when there is none.
func pictureByURL(t *testing.T, a *article.Article, url string) article.Picture {
	t.Helper()
	p, ok := a.Picture(url)
	if !ok {
		var urls []string
		for _, p := range a.Images {
			urls = append(urls, p.URL)
		}
		t.Fatalf("no picture %s among %s", url, strings.Join(urls, ", "))
	}
	return p
}
