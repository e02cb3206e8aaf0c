package clip

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/andybalholm/brotli"
)

// brotliOf compresses s as a server sends it with Content-Encoding: br.
func brotliOf(s string) []byte {
	return compressWith([]byte(s), func(w io.Writer) io.WriteCloser { return brotli.NewWriter(w) })
}

// panicReader stands in for a decoder that panics on its input.
type panicReader struct{}

func (panicReader) Read([]byte) (int, error) { panic("index out of range") }

func TestBrotliReaderErrors(t *testing.T) {
	page := brotliOf(articlePage)
	netErr := errors.New("connection reset by peer")
	tests := []struct {
		name string
		src  io.Reader
		want error // nil: the page, whole
	}{
		{name: "a whole stream", src: bytes.NewReader(page)},
		// The decoder alone fails these: it takes a stream whose last bytes
		// come in several short reads for one with data after its end.
		{name: "a stream read a byte at a time", src: iotest.OneByteReader(bytes.NewReader(page))},
		{name: "a stream read in halves", src: iotest.HalfReader(bytes.NewReader(page))},
		{name: "a stream whose reads end with the data", src: iotest.DataErrReader(iotest.OneByteReader(bytes.NewReader(page)))},
		{name: "no bytes at all", src: strings.NewReader(""), want: io.EOF},
		{name: "cut short", src: bytes.NewReader(page[:len(page)-3]), want: io.ErrUnexpectedEOF},
		{name: "not brotli", src: strings.NewReader(articlePage), want: errDamaged},
		{name: "the network fails midway", src: io.MultiReader(bytes.NewReader(page[:20]), iotest.ErrReader(netErr)), want: netErr},
		{name: "the decoder panics", src: panicReader{}, want: errDamaged},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := io.ReadAll(newBrotliReader(tc.src))
			if tc.want == nil {
				if err != nil {
					t.Fatal(err)
				}
				if string(got) != articlePage {
					t.Errorf("got %d bytes, want the %d-byte page", len(got), len(articlePage))
				}
				return
			}
			// io.ReadAll reports io.EOF as the end, not as an error.
			if tc.want == io.EOF {
				if err != nil || len(got) != 0 {
					t.Errorf("got %d bytes and error %v, want an empty body", len(got), err)
				}
				return
			}
			if !errors.Is(err, tc.want) {
				t.Errorf("got error %v, want %v", err, tc.want)
			}
			if tc.want != errDamaged && errors.Is(err, errDamaged) {
				t.Errorf("got error %v, want it not to blame the data", err)
			}
		})
	}
}

// FuzzBrotliBody feeds the brotli body reader arbitrary bytes under a small
// cap. Every failure must be one bodyError can explain (damaged data, a cut
// off stream, too large), and the decoder must never panic.
func FuzzBrotliBody(f *testing.F) {
	page := brotliOf(articlePage)
	for _, s := range [][]byte{
		page,
		page[:len(page)/2],
		append(bytes.Clone(page), 0),
		brotliOf(strings.Repeat("\x00", 70000)),
		{0x1b, 0x00},
		{0x11},
		{0xff, 0xff, 0xff, 0xff},
		[]byte(articlePage),
		nil,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		body, _, err := decodeBody(bytes.NewReader(data), []string{"br"})
		if err != nil {
			t.Fatal(err)
		}
		_, err = readCapped(body, 64<<10, 0)
		switch {
		case err == nil, errors.Is(err, ErrTooLarge), errors.Is(err, io.ErrUnexpectedEOF):
		case errors.Is(err, errDamaged) && !strings.Contains(err.Error(), "decoder failed"):
		default:
			t.Fatalf("got error %v", err)
		}
	})
}

// TestClipBrotliSeedPage serves the seed pages (a GBK page among them) as
// sent and brotli-compressed from one address: both give the same article.
func TestClipBrotliSeedPage(t *testing.T) {
	seed := loadSeed(t)
	for _, file := range []string{"huxiu-repost.gbk.html", "huxiu-repost.utf8.html"} {
		t.Run(file, func(t *testing.T) {
			body, err := os.ReadFile(filepath.Join(seed.dir, file))
			if err != nil {
				t.Fatal(err)
			}
			compressed := compressWith(body, func(w io.Writer) io.WriteCloser { return brotli.NewWriter(w) })
			var coding string
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", "text/html")
				if coding == "br" {
					w.Header().Set("Content-Encoding", "br")
					_, _ = w.Write(compressed)
					return
				}
				_, _ = w.Write(body)
			}))
			defer srv.Close()

			want, err := testClient().Clip(context.Background(), srv.URL+"/article/1.html", "")
			if err != nil {
				t.Fatal(err)
			}
			coding = "br"
			got, err := testClient().Clip(context.Background(), srv.URL+"/article/1.html", "")
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("got %+v\nwant %+v", got, want)
			}
			if want.Text == "" {
				t.Error("the plain page gave no text")
			}
		})
	}
}
