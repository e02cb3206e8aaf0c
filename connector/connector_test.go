package connector_test

import (
	"app.margin/margin/internal/testlib"
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/encoding/simplifiedchinese"

	"app.margin/margin/clip"
	"app.margin/margin/storage"
)

// hostName is the native messaging host the extension calls.
const hostName = "app.margin.reader"

// findChromium returns the browser to test in. Without one the test fails
// under CI (make deps installs Debian's chromium) and skips elsewhere.
func findChromium(t testing.TB) string {
	t.Helper()
	if p := os.Getenv("MARGIN_CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("CI") == "true" {
		t.Fatal("chromium is not installed: make deps installs it (apt-get install chromium)")
	}
	t.Skip("chromium is not installed (apt-get install chromium, or set MARGIN_CHROMIUM): the connector's browser test needs it")
	return ""
}

// extensionID is the id Chromium gives the extension: derived from the
// public key in its manifest, so it is the same on every machine and the
// host manifest can name it.
func extensionID(t testing.TB) string {
	t.Helper()
	var m struct {
		Key string `json:"key"`
	}
	raw, err := os.ReadFile("manifest.json")
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(raw, &m); err != nil {
		t.Fatal(err)
	}
	der, err := base64.StdEncoding.DecodeString(m.Key)
	if err != nil {
		t.Fatalf("manifest key: %v", err)
	}
	sum := sha256.Sum256(der)
	id := make([]byte, 32)
	for i, c := range fmt.Sprintf("%x", sum[:16]) {
		id[i] = "abcdefghijklmnop"[strings.IndexRune("0123456789abcdef", c)]
	}
	return string(id)
}

// buildMargin builds the margin binary from this checkout.
func buildMargin(t testing.TB, dir string) string {
	t.Helper()
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Fatalf("the go command is not on PATH (make test puts /usr/local/go/bin there): %v", err)
	}
	bin := filepath.Join(dir, "margin")
	cmd := exec.Command(goTool, "build", "-tags", "migrated_fynedo", "-o", bin, "..")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// installHost writes what make install writes for a browser, but into the
// test's profile: a host manifest in NativeMessagingHosts naming a script
// that runs the freshly built margin on the test's library.
func installHost(t testing.TB, userDataDir, margin, library, extID string) {
	t.Helper()
	script := filepath.Join(filepath.Dir(margin), "margin-native-host")
	body := fmt.Sprintf("#!/bin/sh\nexec %q --library %q native-host \"$@\"\n", margin, library)
	if err := os.WriteFile(script, []byte(body), 0o755); err != nil {
		t.Fatal(err)
	}
	manifest, err := json.MarshalIndent(map[string]any{
		"name":            hostName,
		"description":     "Margin: clip pages from the browser into your library",
		"path":            script,
		"type":            "stdio",
		"allowed_origins": []string{"chrome-extension://" + extID + "/"},
	}, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(userDataDir, "NativeMessagingHosts")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, hostName+".json"), manifest, 0o644); err != nil {
		t.Fatal(err)
	}
}

// servePages serves the test pages: /story builds its article with
// JavaScript from /story.json; /lxt/871423.html is a Chinese repost in GBK;
// /big is a 1 MB article.
func servePages(t testing.TB) *httptest.Server {
	t.Helper()
	zh, err := os.ReadFile("testdata/zh-repost.html")
	if err != nil {
		t.Fatal(err)
	}
	zhGBK, err := simplifiedchinese.GBK.NewEncoder().Bytes(zh)
	if err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	file := func(path, ctype string) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			body, err := os.ReadFile(path)
			if err != nil {
				http.Error(w, err.Error(), 500)
				return
			}
			w.Header().Set("Content-Type", ctype)
			w.Write(body)
		}
	}
	mux.HandleFunc("/story", file("testdata/story.html", "text/html; charset=utf-8"))
	mux.HandleFunc("/story.json", file("testdata/story.json", "application/json"))
	big := testlib.LongPage(1 << 20)
	mux.HandleFunc("/big", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte(big))
	})
	mux.HandleFunc("/lxt/871423.html", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html") // the charset is only in <meta>
		w.Write(zhGBK)
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv
}

// session is a browser with the connector loaded and its host installed.
type session struct {
	ctx     context.Context
	b       *browser
	extID   string
	worker  string // DevTools session on the extension's service worker
	library string
	profile string // the browser's user-data-dir
}

func startSession(ctx context.Context, t testing.TB) *session {
	chromium := findChromium(t)
	extID := extensionID(t)
	dir := t.TempDir()
	library := filepath.Join(dir, "library.db")
	margin := buildMargin(t, dir)
	profile := filepath.Join(dir, "profile")
	installHost(t, profile, margin, library, extID)
	extDir, err := filepath.Abs(".")
	if err != nil {
		t.Fatal(err)
	}
	b := startBrowser(t, chromium, profile)

	var loaded struct {
		ID string `json:"id"`
	}
	if err := b.call(ctx, "", "Extensions.loadUnpacked", map[string]any{"path": extDir}, &loaded); err != nil {
		t.Fatalf("load the extension: %v", err)
	}
	if loaded.ID != extID {
		t.Fatalf("extension id %s, want %s (from the manifest key)", loaded.ID, extID)
	}
	s := &session{ctx: ctx, b: b, extID: extID, library: library, profile: profile}
	var worker target
	err = waitFor(ctx, "the extension's service worker", func() (bool, error) {
		ts, err := b.targets(ctx)
		for _, tg := range ts {
			if tg.Type == "service_worker" && strings.HasPrefix(tg.URL, "chrome-extension://"+extID+"/") {
				worker = tg
				return true, nil
			}
		}
		return false, err
	})
	if err != nil {
		t.Fatal(err)
	}
	if s.worker, err = b.attach(ctx, worker.ID); err != nil {
		t.Fatal(err)
	}
	return s
}

// open opens url in a new tab and waits until the page says it is ready
// (ready is a JavaScript condition).
func (s *session) open(t testing.TB, url, ready string) (tab, page string) {
	t.Helper()
	var created struct {
		TargetID string `json:"targetId"`
	}
	if err := s.b.call(s.ctx, "", "Target.createTarget", map[string]any{"url": url}, &created); err != nil {
		t.Fatal(err)
	}
	page, err := s.b.attach(s.ctx, created.TargetID)
	if err != nil {
		t.Fatal(err)
	}
	expr := fmt.Sprintf("location.href === %q && document.readyState === 'complete' && Boolean(%s)", url, ready)
	err = waitFor(s.ctx, url, func() (bool, error) {
		var ok bool
		err := s.b.eval(s.ctx, page, expr, &ok)
		return ok, err
	})
	if err != nil {
		t.Fatal(err)
	}
	// The reader clicks the button of the tab in front: bring this one
	// there, since the button's access to the page (activeTab) goes to the
	// active tab, and wait until the page sees itself shown.
	if err := s.b.call(s.ctx, "", "Target.activateTarget", map[string]any{"targetId": created.TargetID}, nil); err != nil {
		t.Fatal(err)
	}
	err = waitFor(s.ctx, url+" in front", func() (bool, error) {
		var ok bool
		err := s.b.eval(s.ctx, page, "document.visibilityState === 'visible'", &ok)
		return ok, err
	})
	if err != nil {
		t.Fatal(err)
	}
	// The toolbar button acts on the tab that holds the page.
	ts, err := s.b.targets(s.ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, tg := range ts {
		if tg.Type == "tab" && tg.URL == url {
			return tg.ID, page
		}
	}
	t.Fatalf("no tab shows %s: %+v", url, ts)
	return "", ""
}

// clipResult is what the extension keeps as lastResult.
type clipResult struct {
	OK        bool   `json:"ok"`
	Message   string `json:"message"`
	ID        int64  `json:"id"`
	Updated   bool   `json:"updated"`
	Highlight int64  `json:"highlight"`
	URL       string `json:"url"`
}

// pressButton presses the extension's toolbar button on a tab, as the
// reader does, and waits for the result the extension shows.
func (s *session) pressButton(t testing.TB, tab string) clipResult {
	t.Helper()
	// Listen before pressing, so the result cannot be missed.
	const listen = `globalThis.nextResult = new Promise((resolve) => {
		const seen = (changes) => {
			if (!changes.lastResult) return;
			chrome.storage.session.onChanged.removeListener(seen);
			resolve(changes.lastResult.newValue);
		};
		chrome.storage.session.onChanged.addListener(seen);
	}); true`
	if err := s.b.eval(s.ctx, s.worker, listen, nil); err != nil {
		t.Fatal(err)
	}
	if err := s.b.call(s.ctx, "", "Extensions.triggerAction", map[string]any{"id": s.extID, "targetId": tab}, nil); err != nil {
		t.Fatal(err)
	}
	var res clipResult
	if err := s.b.eval(s.ctx, s.worker, "globalThis.nextResult", &res); err != nil {
		t.Fatal(err)
	}
	return res
}

func openLibrary(t testing.TB, path string) *storage.Library {
	t.Helper()
	l, err := storage.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { l.Close() })
	return l
}

// TestClipThroughChromium clips pages through the real extension in a real
// Chromium into a real library: a page that builds its article with
// JavaScript, with a selected passage, and a Chinese repost in GBK.
func TestClipThroughChromium(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	srv := servePages(t)
	storyURL := srv.URL + "/story"
	const built = "the lamps were lit one by one before the last bus"

	// A plain fetch gets the empty shell: the article is built by the page.
	if a, err := clip.NewClient().Clip(ctx, storyURL, ""); err == nil && strings.Contains(a.Text, "lamps were lit") {
		t.Fatalf("a plain fetch of %s already has the article text; the test page must build it with JavaScript", storyURL)
	} else {
		t.Logf("plain fetch: %v, text %q", err, func() string {
			if a == nil {
				return ""
			}
			return a.Text
		}())
	}

	s := startSession(ctx, t)

	// The context menu entries and the keyboard shortcut are there (the
	// worker makes the entries when it is installed, maybe still now).
	const entries = `typeof chrome === "object" && Promise.all(["clip-page", "clip-selection"].map((id) => chrome.contextMenus.update(id, {})))
		.then(async () => (await chrome.commands.getAll()).map((c) => c.name + "=" + c.shortcut))`
	var commands []string
	err := waitFor(ctx, "the context menu entries", func() (bool, error) {
		err := s.b.eval(ctx, s.worker, entries, &commands)
		return err == nil && commands != nil, err
	})
	if err != nil {
		t.Error(err)
	}
	if got, want := strings.Join(commands, " "), "clip-page=Alt+Shift+M"; !strings.Contains(got, want) {
		t.Errorf("commands %q, want %q", got, want)
	}

	t.Run("story built by JavaScript, with a selection", func(t *testing.T) {
		tab, page := s.open(t, storyURL, "document.body.dataset.ready")
		// Select the passage's second occurrence: only its context tells
		// the host which one.
		const selectIt = `(() => {
			const p = document.querySelectorAll("article p")[3];
			const text = p.firstChild;
			const at = text.data.indexOf("the lamps were lit one by one");
			const range = document.createRange();
			range.setStart(text, at);
			range.setEnd(text, at + "the lamps were lit one by one".length);
			const sel = getSelection();
			sel.removeAllRanges();
			sel.addRange(range);
			return sel.toString();
		})()`
		var selected string
		if err := s.b.eval(ctx, page, selectIt, &selected); err != nil || selected != "the lamps were lit one by one" {
			t.Fatalf("selection %q (%v)", selected, err)
		}
		res := s.pressButton(t, tab)
		if got, want := res.Message, "Clipped: The night library (selection highlighted)"; !res.OK || got != want {
			t.Fatalf("extension shows %+v, want %q", res, want)
		}

		l := openLibrary(t, s.library)
		a, err := l.Get(ctx, res.ID)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(a.Text, built) {
			t.Errorf("stored text lacks the JavaScript-built article:\n%s", a.Text)
		}
		if strings.Contains(a.Text, "Loading…") {
			t.Errorf("stored text has the shell's placeholder:\n%s", a.Text)
		}
		if got, want := a.URL, storyURL; got != want {
			t.Errorf("URL %q, want %q", got, want)
		}
		if got, want := a.Attribution(), "Lantern Review · Ada Quill · 2025-11-03"; got != want {
			t.Errorf("attribution %q, want %q", got, want)
		}
		hs, err := l.Highlights(ctx, a.ID)
		if err != nil || len(hs) != 1 {
			t.Fatalf("highlights %+v (%v), want one", hs, err)
		}
		second := strings.LastIndex(a.Text, "the lamps were lit one by one")
		start := len([]rune(a.Text[:second]))
		if got, want := [2]int{hs[0].Start, hs[0].End}, [2]int{start, start + len("the lamps were lit one by one")}; got != want {
			t.Errorf("highlight at %v, want %v (the second occurrence, the one selected)", got, want)
		}
		if got, want := hs[0].ID, res.Highlight; got != want {
			t.Errorf("the extension reports highlight %d, the library has %d", want, got)
		}
		l.Close()

		// Pressing again updates the same article and keeps its highlight.
		res = s.pressButton(t, tab)
		if got, want := res.Message, "Updated: The night library (1 highlight kept; the selection was already highlighted)"; !res.OK || got != want {
			t.Errorf("second clip shows %+v, want %q", res, want)
		}
	})

	t.Run("without the host installed the reader is told what to do", func(t *testing.T) {
		manifest := filepath.Join(s.profile, "NativeMessagingHosts", hostName+".json")
		if err := os.Rename(manifest, manifest+".off"); err != nil {
			t.Fatal(err)
		}
		defer os.Rename(manifest+".off", manifest)
		tab, _ := s.open(t, storyURL, "document.body.dataset.ready")
		res := s.pressButton(t, tab)
		if got, want := res.Message, "Margin is not installed for this browser: run make install."; res.OK || got != want {
			t.Errorf("extension shows %+v, want %q", res, want)
		}
	})

	t.Run("Chinese repost in GBK keeps title, source and date", func(t *testing.T) {
		zhURL := srv.URL + "/lxt/871423.html"
		tab, _ := s.open(t, zhURL, "document.querySelector('h1')")
		res := s.pressButton(t, tab)
		if !res.OK || !strings.HasPrefix(res.Message, "Clipped: 国产大模型的夜校") {
			t.Fatalf("extension shows %+v", res)
		}
		l := openLibrary(t, s.library)
		got, err := l.Get(ctx, res.ID)
		if err != nil {
			t.Fatal(err)
		}

		// The same page clipped from a saved file.
		resp, err := http.Get(zhURL)
		if err != nil {
			t.Fatal(err)
		}
		saved := filepath.Join(t.TempDir(), "page.html")
		f, err := os.Create(saved)
		if err != nil {
			t.Fatal(err)
		}
		_, err = f.ReadFrom(resp.Body)
		resp.Body.Close()
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		want, err := clip.NewClient().Clip(ctx, saved, zhURL)
		if err != nil {
			t.Fatal(err)
		}
		if want.Source.Name != "虎嗅APP" || want.Published.IsZero() {
			t.Fatalf("the file clip itself lacks the source or date: %+v %v", want.Source, want.Published)
		}
		for _, c := range []struct{ field, got, want string }{
			{"title", got.Title, want.Title},
			{"source", got.Source.Name, want.Source.Name},
			{"published", got.Published.Format(time.RFC3339), want.Published.Format(time.RFC3339)},
			{"site", got.SiteOrHost(), want.SiteOrHost()},
			{"attribution", got.Attribution(), want.Attribution()},
			{"text", got.Text, want.Text},
		} {
			if c.got != c.want {
				t.Errorf("%s through the browser %q, from the file %q", c.field, c.got, c.want)
			}
		}
	})
}

// BenchmarkClipThroughChromium measures a clip from the browser of a 1 MB
// page, from pressing the toolbar button to the extension showing the
// result: reading the page in the tab, the native message, starting the
// host, extracting and storing. The first op adds the article, the others
// update it.
func BenchmarkClipThroughChromium(b *testing.B) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	srv := servePages(b)
	s := startSession(ctx, b)
	tab, _ := s.open(b, srv.URL+"/big", "document.querySelector('h1')")
	b.SetBytes(1 << 20)
	for b.Loop() {
		if res := s.pressButton(b, tab); !res.OK {
			b.Fatalf("extension shows %+v", res)
		}
	}
}
