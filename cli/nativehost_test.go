package cli

import (
	"app.margin/margin/internal/testlib"
	"bytes"
	"context"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"app.margin/margin/clip"
	"app.margin/margin/storage"
)

// frame wraps a message body in the native messaging framing.
func frame(body []byte) []byte {
	out := make([]byte, 4, 4+len(body))
	binary.NativeEndian.PutUint32(out, uint32(len(body)))
	return append(out, body...)
}

func frameJSON(t *testing.T, v any) []byte {
	t.Helper()
	body, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return frame(body)
}

// readReplies decodes every reply the host wrote.
func readReplies(t *testing.T, out []byte) []hostReply {
	t.Helper()
	var replies []hostReply
	r := bytes.NewReader(out)
	for {
		body, err := readMessage(r)
		if errors.Is(err, io.EOF) {
			return replies
		}
		if err != nil {
			t.Fatalf("reply framing: %v", err)
		}
		var rep hostReply
		if err := json.Unmarshal(body, &rep); err != nil {
			t.Fatalf("reply %q: %v", body, err)
		}
		replies = append(replies, rep)
	}
}

// serve runs the host on the input stream with a library at lib.
func serve(t *testing.T, lib string, in []byte) ([]hostReply, error) {
	t.Helper()
	h := &nativeHost{library: lib, now: func() time.Time { return time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC) }}
	defer h.close()
	var out bytes.Buffer
	err := serveNativeHost(context.Background(), bytes.NewReader(in), &out, h)
	return readReplies(t, out.Bytes()), err
}

func clipMessage(url, html string, sel *quoteSelector) clipRequest {
	return clipRequest{Type: "clip", URL: url, Title: "Tab title", HTML: html, Selection: sel}
}

func join(parts ...[]byte) []byte { return bytes.Join(parts, nil) }

func TestNativeHostProtocol(t *testing.T) {
	ping := frame([]byte(`{"type":"ping"}`))
	huge := make([]byte, 4, 4+30<<20)
	binary.NativeEndian.PutUint32(huge, 30<<20)
	huge = append(huge, bytes.Repeat([]byte("x"), 30<<20)...)
	tests := []struct {
		name    string
		in      []byte
		wantErr error    // from serveNativeHost
		replies []string // a part of each reply's message, in order; "" for a good ping
	}{
		{"empty stream", nil, nil, nil},
		{"ping", ping, nil, []string{"is ready"}},
		{"length prefix cut short", []byte{7, 0}, errBrokenStream, []string{"the length prefix has 2 of its 4 bytes"}},
		{"message cut short", frame([]byte(`{"type":"ping"}`))[:10], errBrokenStream, []string{"6 of 15 bytes arrived"}},
		{"announced size larger than what follows", join([]byte{0xff, 0xff, 0xff, 0x7f}, []byte("{}")), errBrokenStream, []string{"2 of 2147483647 bytes arrived"}},
		{"30 MiB message is refused and skipped", join(huge, ping), nil, []string{"message too large: 30.0 MiB (Margin takes pages up to 25.0 MiB)", "is ready"}},
		{"empty message", join(frame(nil), ping), nil, []string{"not valid JSON", "is ready"}},
		{"invalid JSON", join(frame([]byte(`{"type":"clip",`)), ping), nil, []string{"not valid JSON", "is ready"}},
		{"two JSON values", frame([]byte(`{"type":"ping"} {}`)), nil, []string{"more than one JSON value"}},
		{"not UTF-8", frame([]byte("{\"type\":\"ping\",\"title\":\"\xff\"}")), nil, []string{"not UTF-8"}},
		{"unknown field", frame([]byte(`{"type":"clip","cookie":"x"}`)), nil, []string{`unknown field "cookie"`}},
		{"no type", frame([]byte(`{}`)), nil, []string{"invalid message: no type"}},
		{"unknown type", frame([]byte(`{"type":"delete-all"}`)), nil, []string{`unknown type "delete-all"`}},
		{"no URL", frameJSON(t, clipMessage("", articlePage, nil)), nil, []string{"no page address"}},
		{"no HTML", frameJSON(t, clipMessage("https://example.com/a", " ", nil)), nil, []string{"no page HTML"}},
		{"javascript: URL", frameJSON(t, clipMessage("javascript:alert(1)", articlePage, nil)), nil, []string{"unsupported address scheme: javascript:"}},
		{"file: URL", frameJSON(t, clipMessage("file:///etc/passwd", articlePage, nil)), nil, []string{"unsupported address scheme: file:"}},
		{"data: URL", frameJSON(t, clipMessage("data:text/html,hi", articlePage, nil)), nil, []string{"unsupported address scheme: data:"}},
		{"URL without host", frameJSON(t, clipMessage("https:///path", articlePage, nil)), nil, []string{"no host name"}},
		{"selection without text", frameJSON(t, clipMessage("https://example.com/a", articlePage, &quoteSelector{Exact: "  "})), nil, []string{"the selection has no text"}},
		{"selection of another kind", frameJSON(t, clipMessage("https://example.com/a", articlePage, &quoteSelector{Type: "XPathSelector", Exact: "a"})), nil, []string{`selection type "XPathSelector"`}},
		{"overlong context", frameJSON(t, clipMessage("https://example.com/a", articlePage, &quoteSelector{Exact: "a", Prefix: strings.Repeat("p", 1001)})), nil, []string{"context longer than 1000"}},
		{"a page that is not HTML", frameJSON(t, clipMessage("https://example.com/a", "%PDF-1.7 ...", nil)), nil, []string{"not a web page: PDF document"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			lib := filepath.Join(t.TempDir(), "library.db")
			replies, err := serve(t, lib, tc.in)
			if !errors.Is(err, tc.wantErr) {
				t.Errorf("serve: %v, want %v", err, tc.wantErr)
			}
			if got, want := len(replies), len(tc.replies); got != want {
				t.Fatalf("%d replies, want %d: %+v", got, want, replies)
			}
			for i, want := range tc.replies {
				rep := replies[i]
				if !strings.Contains(rep.Message, want) {
					t.Errorf("reply %d: %q, want it to contain %q", i, rep.Message, want)
				}
				if good := want == "is ready"; rep.OK != good {
					t.Errorf("reply %d: ok=%v, want %v (%q)", i, rep.OK, good, rep.Message)
				}
			}
			// Nothing was clipped, so no library was made either.
			if _, err := os.Stat(lib); !errors.Is(err, fs.ErrNotExist) {
				t.Errorf("a library was created for messages that clip nothing")
			}
		})
	}
}

// pageAt is articlePage with a distinct title and sentence, for many pages.
func pageAt(i int) string {
	return strings.Replace(strings.Replace(articlePage, "Readable prose", fmt.Sprintf("Readable prose %d", i), 2),
		"Short paragraphs help too", fmt.Sprintf("Short paragraphs (number %d) help too", i), 1)
}

func TestNativeHostHundredMessagesOnOneConnection(t *testing.T) {
	lib := filepath.Join(t.TempDir(), "library.db")
	var in []byte
	for i := range 100 {
		if i%10 == 9 {
			in = append(in, frame([]byte(`{"type":"clip","url":"javascript:void(0)","html":"<p>x</p>"}`))...)
			continue
		}
		in = append(in, frameJSON(t, clipMessage(fmt.Sprintf("https://example.com/post/%d", i), pageAt(i), nil))...)
	}
	replies, err := serve(t, lib, in)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := len(replies), 100; got != want {
		t.Fatalf("%d replies, want %d", got, want)
	}
	for i, rep := range replies {
		want, ok := fmt.Sprintf("Clipped: Readable prose %d", i), true
		if i%10 == 9 {
			want, ok = "unsupported address scheme: javascript:", false
		}
		if rep.OK != ok || !strings.Contains(rep.Message, want) {
			t.Errorf("reply %d: %+v, want ok=%v and %q", i, rep, ok, want)
		}
	}
	l := openTestLibrary(t, lib)
	if n, err := l.Count(context.Background()); err != nil || n != 90 {
		t.Errorf("library holds %d articles (%v), want 90", n, err)
	}
}

func openTestLibrary(t *testing.T, path string) *storage.Library {
	t.Helper()
	l, err := storage.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { l.Close() })
	return l
}

// repeatedPage says the same sentence twice; only the context tells which
// one the reader selected.
const repeatedPage = `<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>Twice told</title>
<link rel="canonical" href="https://elsewhere.example.org/stolen">
</head><body><article><h1>Twice told</h1>
<p>In the morning the baker said that the bread was ready long before the shop opened its doors to the street.</p>
<p>In the evening, after a long day of selling cakes and loaves to the whole village, the bread was ready again for tomorrow.</p>
<p>Readers who count words will see that this article has enough of them to be readable, which the extractor wants.</p>
</article></body></html>`

func TestNativeHostClipsAndHighlightsTheSelectedOccurrence(t *testing.T) {
	ctx := context.Background()
	lib := filepath.Join(t.TempDir(), "library.db")
	const pageURL = "https://news.example.com/twice?utm=x"
	sel := &quoteSelector{Type: "TextQuoteSelector", Exact: "the bread  was\nready", Prefix: "whole village, ", Suffix: " again for tomorrow."}
	replies, err := serve(t, lib, frameJSON(t, clipMessage(pageURL, repeatedPage, sel)))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := replies[0].Message, "Clipped: Twice told (selection highlighted)"; got != want || !replies[0].OK {
		t.Fatalf("reply %+v, want %q", replies[0], want)
	}
	l := openTestLibrary(t, lib)
	a, err := l.Get(ctx, replies[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := a.URL, pageURL; got != want {
		t.Errorf("URL %q, want the browser's %q", got, want)
	}
	if a.CanonicalURL != "" {
		t.Errorf("canonical URL %q on another site was kept", a.CanonicalURL)
	}
	hs, err := l.Highlights(ctx, a.ID)
	if err != nil || len(hs) != 1 {
		t.Fatalf("highlights %+v (%v), want 1", hs, err)
	}
	second := strings.LastIndex(a.Text, "the bread was ready")
	wantStart := len([]rune(a.Text[:second]))
	if got, want := [2]int{hs[0].Start, hs[0].End}, [2]int{wantStart, wantStart + len("the bread was ready")}; got != want {
		t.Errorf("highlight at %v, want %v (the second occurrence)", got, want)
	}
	if got, want := hs[0].ID, replies[0].Highlight; got != want {
		t.Errorf("reply names highlight %d, stored %d", want, got)
	}
	l.Close()

	// The same clip again updates the article, keeps the highlight, and
	// does not add it twice; a selection not in the text keeps the article.
	missing := &quoteSelector{Exact: "words that are nowhere"}
	replies, err = serve(t, lib, join(
		frameJSON(t, clipMessage(pageURL, repeatedPage, sel)),
		frameJSON(t, clipMessage("https://news.example.com/other", strings.Replace(repeatedPage, "Twice told", "Other", 2), missing)),
	))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := replies[0].Message, "Updated: Twice told (1 highlight kept; the selection was already highlighted)"; got != want {
		t.Errorf("re-clip: %q, want %q", got, want)
	}
	if got, want := replies[1].Message, "Clipped: Other (the selection is not in the article text, so it was not highlighted)"; got != want || !replies[1].OK {
		t.Errorf("unplaceable selection: %+v, want %q", replies[1], want)
	}
	l = openTestLibrary(t, lib)
	if n, _ := l.Count(ctx); n != 2 {
		t.Errorf("%d articles, want 2", n)
	}
	if hs, _ := l.Highlights(ctx, 1); len(hs) != 1 {
		t.Errorf("%d highlights after the re-clip, want 1", len(hs))
	}
}

func TestNativeHostBadMessageLosesNothing(t *testing.T) {
	lib := filepath.Join(t.TempDir(), "library.db")
	if _, err := serve(t, lib, frameJSON(t, clipMessage("https://example.com/prose", articlePage, nil))); err != nil {
		t.Fatal(err)
	}
	// A clip of a non-page at the same address must not replace it.
	replies, err := serve(t, lib, join(
		frameJSON(t, clipMessage("https://example.com/prose", "\x00\x01\x02binary", nil)),
		[]byte{1, 2},
	))
	if !errors.Is(err, errBrokenStream) || len(replies) != 2 || replies[0].OK {
		t.Fatalf("replies %+v, err %v", replies, err)
	}
	l := openTestLibrary(t, lib)
	a, err := l.Get(context.Background(), 1)
	if err != nil || a.Title != "Readable prose" {
		t.Errorf("stored article after bad messages: %v, %v", a, err)
	}
}

func TestPickOccurrence(t *testing.T) {
	const txt = "one two.\n\nSay one two again, one  two!"
	tests := []struct {
		name                   string
		quote, prefix, suffix  string
		wantOcc, wantStart, wE int
		wantFound              bool
	}{
		{"no context: the first", "one two", "", "", 1, 0, 7, true},
		{"prefix picks the second", "one two", "Say ", "", 2, 14, 21, true},
		{"suffix picks the third", "one two", "", "!", 3, 29, 37, true},
		{"white space differs", "two.  Say", "", "", 1, 4, 13, true},
		{"context that matches nothing: the first", "one two", "zzz", "yyy", 1, 0, 7, true},
		{"absent", "three", "", "", 0, 0, 0, false},
		{"blank", " \n", "", "", 0, 0, 0, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			occ, start, end, found := pickOccurrence(txt, tc.quote, tc.prefix, tc.suffix)
			if got, want := [4]any{occ, start, end, found}, [4]any{tc.wantOcc, tc.wantStart, tc.wE, tc.wantFound}; got != want {
				t.Errorf("got %v, want %v", got, want)
			}
		})
	}
}

func TestNativeHostCommand(t *testing.T) {
	lib := filepath.Join(t.TempDir(), "library.db")
	old := stdin
	t.Cleanup(func() { stdin = old })
	stdin = bytes.NewReader(join(
		frame([]byte(`{"type":"ping"}`)),
		frameJSON(t, clipMessage("https://example.com/prose", articlePage, nil)),
	))
	// Chromium passes the caller's origin as an argument.
	code, out, errOut := runCLI("--library", lib, "native-host", "chrome-extension://abcdefghijklmnopabcdefghijklmnop/")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	replies := readReplies(t, []byte(out))
	if len(replies) != 2 || !strings.HasPrefix(replies[0].Message, "Margin ") || replies[1].Message != "Clipped: Readable prose" {
		t.Errorf("replies %+v", replies)
	}
}

// BenchmarkNativeHostClip measures the host's part of a clip from the
// browser, a 1 MB page with a selection: from the message arriving on stdin
// to the reply, with the article and its highlight stored. Each op is one
// connection, as the browser starts the host for each clip.
func BenchmarkNativeHostClip(b *testing.B) {
	page := testlib.LongPage(1 << 20)
	sel := &quoteSelector{Exact: "the passengers on deck watched the town", Prefix: "Paragraph 2000: the harbour lights came on one after another while the ferry turned, and ", Suffix: " slide past"}
	for _, tc := range []struct {
		name     string
		samePage bool
	}{{"new article", false}, {"re-clip", true}} {
		b.Run(tc.name, func(b *testing.B) {
			lib := filepath.Join(b.TempDir(), "library.db")
			const placeholder = "https://example.com/p/00000000"
			body, err := json.Marshal(clipMessage(placeholder, page, sel))
			if err != nil {
				b.Fatal(err)
			}
			msg := frame(body)
			at := bytes.Index(msg, []byte(placeholder)) + len(placeholder) - 8
			b.SetBytes(int64(len(msg)))
			n := 0
			for b.Loop() {
				if !tc.samePage {
					copy(msg[at:], fmt.Sprintf("%08d", n))
				}
				n++
				h := &nativeHost{library: lib, now: time.Now}
				var out bytes.Buffer
				err := serveNativeHost(context.Background(), bytes.NewReader(msg), &out, h)
				h.close()
				if err != nil {
					b.Fatal(err)
				}
				if !bytes.Contains(out.Bytes(), []byte(`"ok":true`)) {
					b.Fatalf("reply %s", out.Bytes()[4:])
				}
			}
		})
	}
}

// TestNativeHostFetchesThePictures: a clip from the browser keeps the
// page's pictures as any clip does (the browser sends only the HTML); one
// that cannot be had is listed with its reason.
func TestNativeHostFetchesThePictures(t *testing.T) {
	pageURL, _ := pictureServer(t)
	res, err := http.Get(pageURL)
	if err != nil {
		t.Fatal(err)
	}
	html, err := io.ReadAll(res.Body)
	res.Body.Close()
	if err != nil {
		t.Fatal(err)
	}
	lib := filepath.Join(t.TempDir(), "library.db")
	h := &nativeHost{library: lib, now: time.Now, pictures: clip.NewClient()}
	defer h.close()
	var out bytes.Buffer
	if err := serveNativeHost(context.Background(), bytes.NewReader(frameJSON(t, clipMessage(pageURL, string(html), nil))), &out, h); err != nil {
		t.Fatal(err)
	}
	replies := readReplies(t, out.Bytes())
	if len(replies) != 1 || !replies[0].OK {
		t.Fatalf("replies %+v", replies)
	}
	a, err := h.lib.Get(context.Background(), replies[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range a.Images {
		state := "stored " + p.Type
		if !p.Stored() {
			state = "missing: " + p.Missing
		}
		got = append(got, p.URL[strings.LastIndex(p.URL, "/"):]+" "+state)
	}
	if want := "/a.png stored image/png; /b.png missing: the server answered 404 Not Found"; strings.Join(got, "; ") != want {
		t.Errorf("pictures %q, want %q", strings.Join(got, "; "), want)
	}
}
