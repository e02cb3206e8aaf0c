package cli

import (
	"app.margin/margin/internal/text"

	"bufio"
	"bytes"
	"context"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/url"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/publicsuffix"

	"app.margin/margin/clip"
	"app.margin/margin/storage"
)

// NativeHostName is the name browsers know `margin native-host` by: the
// connector extension calls runtime.connectNative("app.margin.reader"), and
// the host manifests make install writes carry it.
const NativeHostName = "app.margin.reader"

// Limits of the native messaging protocol.
const (
	// maxMessageBytes caps what the browser may send: the same cap as a
	// fetched page (clip.DefaultMaxBytes) plus room for the JSON around it.
	maxMessageBytes = 25 << 20
	// maxReplyBytes is Chromium's cap on a message from the host.
	maxReplyBytes = 1 << 20
	// Field limits; a selection's context is about 32 characters a side.
	maxURLBytes     = 8 << 10
	maxTitleRunes   = 2000
	maxQuoteRunes   = 100_000
	maxContextRunes = 1000
	// shownTitleRunes keeps a reply's title short enough for a badge tooltip.
	shownTitleRunes = 120
)

// Protocol errors of the native messaging stream; test them with errors.Is.
var (
	// errMessageTooLarge: the length prefix announces more than
	// maxMessageBytes. The message is skipped and the stream goes on.
	errMessageTooLarge = errors.New("message too large")
	// errBrokenStream: a length prefix or a message body was cut short.
	// The stream cannot be read further.
	errBrokenStream = errors.New("message cut short")
	// errBadMessage: a message that is not a valid request. The stream
	// goes on.
	errBadMessage = errors.New("invalid message")
)

// runNativeHost serves the browser on standard input and output. The
// browser passes the caller's origin (Chromium) or the host manifest and the
// extension id (Firefox) as arguments; it has already checked them against
// the host manifest, so they are not needed here.
func runNativeHost(ctx context.Context, e *env, args []string) error {
	pictures := clip.NewClient()
	pictures.PicturesTimeout = nativeHostPicturesTimeout
	h := &nativeHost{library: e.library, now: time.Now, pictures: pictures}
	defer h.close()
	return serveNativeHost(ctx, stdin, e.stdout, h)
}

// clipRequest is one message from the connector.
type clipRequest struct {
	// Type is "clip", or "ping" to ask whether the host is installed.
	Type string `json:"type"`
	// URL is the address the browser reports for the tab, trusted over
	// anything the page says about itself.
	URL   string `json:"url"`
	Title string `json:"title"`
	// HTML is document.documentElement.outerHTML after the page's scripts ran.
	HTML      string         `json:"html"`
	Selection *quoteSelector `json:"selection,omitempty"`
}

// quoteSelector is a W3C TextQuoteSelector: the selected text with some
// context on each side to tell repeated passages apart.
type quoteSelector struct {
	Type   string `json:"type"`
	Exact  string `json:"exact"`
	Prefix string `json:"prefix"`
	Suffix string `json:"suffix"`
}

// hostReply answers one message. Message is what the extension shows.
type hostReply struct {
	OK      bool   `json:"ok"`
	Message string `json:"message"`
	ID      int64  `json:"id,omitempty"`
	Updated bool   `json:"updated,omitempty"`
	// Highlight is the id of the highlight made from the selection.
	Highlight int64  `json:"highlight,omitempty"`
	Version   string `json:"version,omitempty"`
}

// nativeHost clips what the browser sends into the library, opened on the
// first clip so a ping never creates one.
type nativeHost struct {
	library string
	now     func() time.Time
	lib     *storage.Library
	// pictures fetches the page's pictures, which the browser does not
	// send, as any clip's are fetched; nil keeps them listed as missing.
	pictures *clip.Client
}

// nativeHostPicturesTimeout bounds the pictures of a clip from the browser,
// whose button waits for the reply; what is left is listed as missing, for
// Fetch Missing Images.
const nativeHostPicturesTimeout = 30 * time.Second

func (h *nativeHost) close() {
	if h.lib != nil {
		h.lib.Close()
	}
}

// serveNativeHost answers the messages on r until r ends; the browser
// closing the port closes r. A message that cannot be used gets a reply
// saying why and the next one is read; only a stream cut mid-message ends
// the loop with an error.
func serveNativeHost(ctx context.Context, r io.Reader, w io.Writer, h *nativeHost) error {
	br := bufio.NewReader(r)
	for {
		body, err := readMessage(br)
		switch {
		case errors.Is(err, io.EOF):
			return nil
		case errors.Is(err, errMessageTooLarge):
			if err := writeReply(w, failure(err)); err != nil {
				return err
			}
			continue
		case err != nil:
			// Tell the browser why, if it still listens, then give up.
			_ = writeReply(w, failure(err))
			return fmt.Errorf("native messaging: %w", err)
		}
		if err := writeReply(w, h.handle(ctx, body)); err != nil {
			return err
		}
		if ctx.Err() != nil {
			return ctx.Err()
		}
	}
}

// readMessage reads one message: a 4-byte length in the machine's byte
// order, then that many bytes of UTF-8 JSON. io.EOF only at a clean end
// between messages.
func readMessage(r io.Reader) ([]byte, error) {
	var prefix [4]byte
	n, err := io.ReadFull(r, prefix[:])
	switch {
	case err == io.EOF:
		return nil, io.EOF
	case err != nil:
		return nil, fmt.Errorf("%w: the length prefix has %d of its 4 bytes", errBrokenStream, n)
	}
	size := binary.NativeEndian.Uint32(prefix[:])
	if size > maxMessageBytes {
		// Skip the body so the next message can still be read.
		if skipped, err := io.CopyN(io.Discard, r, int64(size)); err != nil {
			return nil, fmt.Errorf("%w: %d of %d bytes arrived", errBrokenStream, skipped, size)
		}
		return nil, fmt.Errorf("%w: %s (Margin takes pages up to %s)", errMessageTooLarge, mib(int64(size)), mib(maxMessageBytes))
	}
	body := make([]byte, size)
	if got, err := io.ReadFull(r, body); err != nil {
		return nil, fmt.Errorf("%w: %d of %d bytes arrived", errBrokenStream, got, size)
	}
	return body, nil
}

func mib(n int64) string { return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20)) }

// writeReply writes one reply in the same framing as readMessage.
func writeReply(w io.Writer, rep hostReply) error {
	body, err := marshalReply(rep)
	if err != nil {
		return fmt.Errorf("native messaging reply: %w", err)
	}
	frame := make([]byte, 4, 4+len(body))
	binary.NativeEndian.PutUint32(frame, uint32(len(body)))
	if _, err := w.Write(append(frame, body...)); err != nil {
		return fmt.Errorf("native messaging reply: %w", err)
	}
	return nil
}

func marshalReply(rep hostReply) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(rep); err != nil {
		return nil, err
	}
	if buf.Len() > maxReplyBytes {
		// Only an absurd error text gets here; the browser would drop the
		// whole reply, so send a shorter one.
		rep.Message = shorten(rep.Message, 1000)
		buf.Reset()
		if err := enc.Encode(rep); err != nil {
			return nil, err
		}
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}

func failure(err error) hostReply {
	return hostReply{Message: "Margin could not clip this page: " + oneLine(err)}
}

// handle answers one message body.
func (h *nativeHost) handle(ctx context.Context, body []byte) hostReply {
	req, err := decodeRequest(body)
	if err != nil {
		return failure(err)
	}
	if req.Type == "ping" {
		return hostReply{OK: true, Message: "Margin " + Version + " is ready", Version: Version}
	}
	rep, err := h.clip(ctx, req)
	if err != nil {
		return failure(err)
	}
	return rep
}

// decodeRequest parses and validates a message.
func decodeRequest(body []byte) (clipRequest, error) {
	var req clipRequest
	if !utf8.Valid(body) {
		return req, fmt.Errorf("%w: not UTF-8 text", errBadMessage)
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&req); err != nil {
		return req, fmt.Errorf("%w: not valid JSON (%s)", errBadMessage, err.Error())
	}
	if dec.More() {
		return req, fmt.Errorf("%w: more than one JSON value", errBadMessage)
	}
	return req, req.validate()
}

func (req *clipRequest) validate() error {
	switch req.Type {
	case "ping":
		return nil
	case "clip":
	case "":
		return fmt.Errorf("%w: no type", errBadMessage)
	default:
		return fmt.Errorf("%w: unknown type %q", errBadMessage, shorten(req.Type, 40))
	}
	if _, err := browserURL(req.URL); err != nil {
		return err
	}
	if strings.TrimSpace(req.HTML) == "" {
		return fmt.Errorf("%w: no page HTML", errBadMessage)
	}
	if utf8.RuneCountInString(req.Title) > maxTitleRunes {
		return fmt.Errorf("%w: title longer than %d characters", errBadMessage, maxTitleRunes)
	}
	if s := req.Selection; s != nil {
		switch {
		case s.Type != "" && s.Type != "TextQuoteSelector":
			return fmt.Errorf("%w: selection type %q (want TextQuoteSelector)", errBadMessage, shorten(s.Type, 40))
		case strings.TrimSpace(s.Exact) == "":
			return fmt.Errorf("%w: the selection has no text", errBadMessage)
		case utf8.RuneCountInString(s.Exact) > maxQuoteRunes:
			return fmt.Errorf("%w: selection longer than %d characters", errBadMessage, maxQuoteRunes)
		case utf8.RuneCountInString(s.Prefix) > maxContextRunes || utf8.RuneCountInString(s.Suffix) > maxContextRunes:
			return fmt.Errorf("%w: selection context longer than %d characters", errBadMessage, maxContextRunes)
		}
	}
	return nil
}

// browserURL checks the tab's address: a web page (http or https) with a
// host. Pages the browser shows from elsewhere (file:, javascript:, data:,
// the browser's own pages) are refused.
func browserURL(s string) (*url.URL, error) {
	switch {
	case s == "":
		return nil, fmt.Errorf("%w: no page address", errBadMessage)
	case len(s) > maxURLBytes:
		return nil, fmt.Errorf("%w: page address longer than %d bytes", errBadMessage, maxURLBytes)
	}
	u, err := url.Parse(s)
	if err != nil {
		return nil, fmt.Errorf("%w: %s", clip.ErrBadURL, shorten(s, 80))
	}
	if scheme := strings.ToLower(u.Scheme); scheme != "http" && scheme != "https" {
		return nil, fmt.Errorf("%w: %s: (Margin clips http and https pages)", clip.ErrScheme, shorten(u.Scheme, 20))
	}
	if u.Hostname() == "" {
		return nil, fmt.Errorf("%w: no host name in %s", clip.ErrBadURL, shorten(s, 80))
	}
	return u, nil
}

// clip runs the page through the pipeline of a saved file, stores it, and
// highlights the selection.
func (h *nativeHost) clip(ctx context.Context, req clipRequest) (hostReply, error) {
	pageURL, err := browserURL(req.URL)
	if err != nil {
		return hostReply{}, err
	}
	// The browser hands over text it already decoded: the <meta charset>
	// the page still carries no longer applies.
	a, err := clip.Parse([]byte(req.HTML), "text/html; charset=utf-8", pageURL.String())
	if err != nil {
		return hostReply{}, err
	}
	a.URL, a.FinalURL, a.FetchedAt = pageURL.String(), pageURL.String(), h.now().UTC()
	if !sameSite(a.CanonicalURL, pageURL) {
		// A page may name any address as its own; one on another site
		// would let it overwrite that site's article in the library.
		a.CanonicalURL = ""
		delete(a.Provenance, "canonical_url")
	}
	if a.Title == "" {
		a.Title = text.OneLine(text.Clean(req.Title))
	}
	if h.pictures != nil {
		// A picture that cannot be had is listed with its reason; only a
		// cancelled clip stops here.
		if err := h.pictures.FetchPictures(ctx, a); errors.Is(err, context.Canceled) {
			return hostReply{}, err
		}
	}
	if h.lib == nil {
		if h.lib, err = storage.Open(ctx, h.library); err != nil {
			return hostReply{}, err
		}
	}
	id, updated, err := h.lib.Save(ctx, a)
	if err != nil {
		return hostReply{}, err
	}
	rep := hostReply{OK: true, ID: id, Updated: updated}
	var notes []string
	if updated {
		notes = append(notes, h.keptHighlights(ctx, id)...)
	}
	if req.Selection != nil {
		hl, note := h.highlight(ctx, id, a.Text, *req.Selection)
		rep.Highlight = hl
		notes = append(notes, note)
	}
	verb := "Clipped"
	if updated {
		verb = "Updated"
	}
	rep.Message = verb + ": " + shorten(a.Title, shownTitleRunes)
	if len(notes) > 0 {
		rep.Message += " (" + strings.Join(notes, "; ") + ")"
	}
	return rep, nil
}

// keptHighlights says how the highlights of a re-clipped article fared.
func (h *nativeHost) keptHighlights(ctx context.Context, id int64) []string {
	hs, err := h.lib.Highlights(ctx, id)
	if err != nil {
		return []string{"its highlights could not be counted: " + oneLine(err)}
	}
	kept, lost := 0, 0
	for _, hl := range hs {
		if hl.Orphaned {
			lost++
		} else {
			kept++
		}
	}
	if kept == 0 && lost == 0 {
		return nil
	}
	notes := []string{plural(kept, "highlight") + " kept"}
	if lost > 0 {
		notes = append(notes, plural(lost, "highlight")+" no longer found in the text")
	}
	return notes
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// highlight anchors the selection in the article text. The article is
// stored whatever happens here; the note says what did.
func (h *nativeHost) highlight(ctx context.Context, id int64, articleText string, sel quoteSelector) (int64, string) {
	occurrence, start, end, found := pickOccurrence(articleText, sel.Exact, sel.Prefix, sel.Suffix)
	if !found {
		return 0, "the selection is not in the article text, so it was not highlighted"
	}
	existing, err := h.lib.Highlights(ctx, id)
	if err == nil {
		for _, hl := range existing {
			if !hl.Orphaned && hl.Start == start && hl.End == end {
				return hl.ID, "the selection was already highlighted"
			}
		}
	}
	hl, err := h.lib.HighlightQuote(ctx, id, sel.Exact, occurrence, storage.Yellow, "")
	if err != nil {
		return 0, "the selection could not be highlighted: " + oneLine(err)
	}
	return hl.ID, "selection highlighted"
}

// pickOccurrence finds quote in text as storage.Library.HighlightQuote
// does (white-space runs match any white-space run) and returns which
// occurrence (from 1) has the surroundings that agree best with prefix and
// suffix, with its span in code points; the first on a tie.
func pickOccurrence(articleText, quote, prefix, suffix string) (occurrence, start, end int, found bool) {
	q := []rune(strings.Join(strings.Fields(quote), " "))
	if len(q) == 0 {
		return 0, 0, 0, false
	}
	flat, from := collapseSpace([]rune(articleText))
	pre, _ := collapseSpace([]rune(prefix))
	suf, _ := collapseSpace([]rune(suffix))
	best := -1
	for i, n := 0, 0; i+len(q) <= len(flat); {
		j := indexOf(flat[i:], q)
		if j < 0 {
			break
		}
		i += j
		n++
		score := text.CommonSuffix(flat[:i], pre) + text.CommonPrefix(flat[i+len(q):], suf)
		if score > best {
			best, occurrence = score, n
			start, end = from[i], from[i+len(q)-1]+1
		}
		i += len(q)
	}
	return occurrence, start, end, best >= 0
}

// collapseSpace turns each white-space run into one space and says where
// each kept rune was.
func collapseSpace(s []rune) (flat []rune, from []int) {
	flat, from = make([]rune, 0, len(s)), make([]int, 0, len(s))
	for i := 0; i < len(s); i++ {
		from = append(from, i)
		if unicode.IsSpace(s[i]) {
			flat = append(flat, ' ')
			for i+1 < len(s) && unicode.IsSpace(s[i+1]) {
				i++
			}
			continue
		}
		flat = append(flat, s[i])
	}
	return flat, from
}

func indexOf(s, sub []rune) int {
	for i := 0; i+len(sub) <= len(s); i++ {
		if s[i] == sub[0] && slices.Equal(s[i:i+len(sub)], sub) {
			return i
		}
	}
	return -1
}

// sameSite reports whether a page's claimed address belongs to the site
// the browser shows it from (m.example.com and www.example.com do), or
// there is no claim.
func sameSite(claimed string, page *url.URL) bool {
	if claimed == "" {
		return true
	}
	u, err := url.Parse(claimed)
	if err != nil {
		return false
	}
	a, errA := publicsuffix.EffectiveTLDPlusOne(strings.ToLower(u.Hostname()))
	b, errB := publicsuffix.EffectiveTLDPlusOne(strings.ToLower(page.Hostname()))
	if errA != nil || errB != nil {
		// An IP address or a bare host name: only the same host counts.
		return strings.EqualFold(u.Hostname(), page.Hostname())
	}
	return a == b
}

// shorten cuts s to n code points, marking the cut.
func shorten(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n-1]) + "…"
}
