package clip

import (
	"app.margin/margin/article"

	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/netip"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

func TestClipKeepsPicturesOfEachKind(t *testing.T) {
	type kind struct {
		name, media string
		w, h        int
		make        func(seed int) []byte
	}
	kinds := []kind{
		{"png", "image/png", 40, 30, func(s int) []byte { return pngOf(t, 40, 30, s) }},
		{"jpeg", "image/jpeg", 48, 32, func(s int) []byte { return jpegOf(t, 48, 32, s) }},
		{"gif", "image/gif", 16, 12, func(s int) []byte { return gifOf(t, 16, 12, s) }},
		{"webp", "image/webp", 75, 100, func(s int) []byte { return webpOf(t, s) }},
		{"svg", "image/svg+xml", 120, 80, func(s int) []byte { return svgOf(120, 80, s) }},
	}
	served := map[string][]byte{}
	mux := http.NewServeMux()
	var body strings.Builder
	for _, k := range kinds {
		for i := range 20 {
			path := fmt.Sprintf("/img/%s/%d", k.name, i)
			served[path] = k.make(i)
			// Served as octet-stream: the type comes from the bytes.
			mux.Handle(path, serveBytes("application/octet-stream", served[path]))
			fmt.Fprintf(&body, `<figure><img src="%s" alt="%s %d"><figcaption>The %s picture <b>%d</b></figcaption></figure>`+"\n", path, k.name, i, k.name, i)
		}
	}
	extra := map[string][]byte{
		"/img/srcset-1x": pngOf(t, 10, 10, 1), "/img/srcset-2x": pngOf(t, 20, 20, 2),
		"/img/picture": jpegOf(t, 24, 24, 3), "/img/lazy": gifOf(t, 9, 9, 4),
		"/img/same-a": pngOf(t, 7, 7, 5), "/img/same-b": pngOf(t, 7, 7, 5),
		"/img/lead": pngOf(t, 60, 30, 6),
	}
	for path, b := range extra {
		served[path] = b
		mux.Handle(path, serveBytes("image/png", b))
	}
	body.WriteString(`<p><img srcset="/img/srcset-1x 1x, /img/srcset-2x 2x" alt="srcset"></p>
<picture><source srcset="/img/picture"><img alt="picture"></picture>
<p><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" data-src="/img/lazy" alt="lazy"></p>
<p><img src="/img/same-a" alt="same a"> <img src="/img/same-b" alt="same b"> <img src="/img/same-a" alt="again"></p>`)
	mux.Handle("/page", serveHTML(picturePage("/img/lead", body.String())))
	srv := serveOn(t, "127.0.0.1", mux)

	a, err := pictureClient().Clip(context.Background(), srv.URL+"/page", "")
	if err != nil {
		t.Fatal(err)
	}
	if got, want := len(a.Images), 100+6; got != want {
		t.Fatalf("got %d pictures, want %d (each address once)", got, want)
	}
	for i, p := range a.Images {
		if !p.Stored() {
			t.Errorf("picture %d %s missing: %s", i, p.URL, p.Missing)
			continue
		}
		sum := sha256.Sum256(p.Data)
		if got, want := p.SHA256, hex.EncodeToString(sum[:]); got != want {
			t.Errorf("%s: got SHA256 %s, want that of its Data %s", p.URL, got, want)
		}
		if got, want := p.Size, int64(len(p.Data)); got != want {
			t.Errorf("%s: got Size %d, want %d", p.URL, got, want)
		}
	}
	for ki, k := range kinds {
		for i := range 20 {
			path := fmt.Sprintf("/img/%s/%d", k.name, i)
			p := a.Images[ki*20+i]
			if got, want := p.URL, srv.URL+path; got != want {
				t.Fatalf("picture %d: got %s, want %s (reading order)", ki*20+i, got, want)
			}
			if p.Type != k.media || p.Width != k.w || p.Height != k.h {
				t.Errorf("%s: got %s %dx%d, want %s %dx%d", path, p.Type, p.Width, p.Height, k.media, k.w, k.h)
			}
			if got, want := p.Caption, fmt.Sprintf("The %s picture %d", k.name, i); got != want {
				t.Errorf("%s: got caption %q, want %q", path, got, want)
			}
			if got, want := p.Alt, fmt.Sprintf("%s %d", k.name, i); got != want {
				t.Errorf("%s: got alt %q, want %q", path, got, want)
			}
			if k.name != "svg" && string(p.Data) != string(served[path]) {
				t.Errorf("%s: Data is not the bytes served", path)
			}
		}
	}
	for _, path := range []string{"/img/srcset-2x", "/img/picture", "/img/lazy"} {
		if p := pictureByURL(t, a, srv.URL+path); !p.Stored() {
			t.Errorf("%s: %s", path, p.Missing)
		}
	}
	if _, ok := a.Picture(srv.URL + "/img/srcset-1x"); ok {
		t.Errorf("the narrower srcset candidate was listed too")
	}
	sameA, sameB := pictureByURL(t, a, srv.URL+"/img/same-a"), pictureByURL(t, a, srv.URL+"/img/same-b")
	if sameA.SHA256 != sameB.SHA256 || &sameA.Data[0] != &sameB.Data[0] {
		t.Errorf("the same bytes under two addresses are not shared: %s, %s", sameA.SHA256, sameB.SHA256)
	}
	lead := a.Images[len(a.Images)-1]
	if got, want := lead.URL, srv.URL+"/img/lead"; got != want || !lead.Lead || !lead.Stored() {
		t.Errorf("got last picture %+v, want the stored lead image %s", lead.URL, want)
	}
}

func TestClipPictureLimits(t *testing.T) {
	mux := http.NewServeMux()
	serve := func(path string, h http.HandlerFunc) string { mux.Handle(path, h); return path }
	announced := func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Length", fmt.Sprint(16<<20))
		w.WriteHeader(http.StatusOK)
	}
	avif := []byte("\x00\x00\x00\x1cftypavif\x00\x00\x00\x00avifmif1miaf\x00\x00\x00\x00")
	script := `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="50" height="40" onload="alert(1)">
<script>alert(document.cookie)</script>
<foreignObject width="10" height="10"><iframe xmlns="http://www.w3.org/1999/xhtml" src="https://evil.example/"></iframe></foreignObject>
<a href="javascript:alert(2)"><rect width="5" height="5" onclick="alert(3)"/></a>
<use xlink:href="https://evil.example/sprite.svg#x"/><use href="#ok"/>
<set attributeName="href" to="javascript:alert(4)"/>
<style>@import url(https://evil.example/a.css); rect { fill: url(https://evil.example/p.png) }</style>
<rect id="ok" width="10" height="10" fill="url(#grad)" style="fill: url(https://evil.example/q)"/>
</svg>`
	tests := []struct {
		name, path  string
		h           http.HandlerFunc
		wantMissing string // "" when the picture must be stored
	}{
		{"PNG bomb", "/bomb.png", serveBytes("image/png", pngBomb(100000, 100000)), "100000x100000 pixels, more than 20000 a side"},
		{"JPEG bomb", "/bomb.jpg", serveBytes("image/jpeg", jpegBomb(t, 65000)), "65000x65000 pixels, more than 20000 a side"},
		{"60 megapixels", "/wide.png", serveBytes("image/png", pngBomb(10000, 6000)), "10000x6000 pixels, more than 50 megapixels"},
		{"announces 16 MiB", "/big.png", announced, "larger than 15 MiB"},
		{"redirect to file:", "/to-file.png", redirectTo("file:///etc/passwd"), "redirects to file:///etc/passwd, which Margin does not follow"},
		{"tracking pixel", "/pixel-track.gif", serveBytes("image/gif", gifOf(t, 1, 1, 1)), "a tracking pixel (1x1), not kept"},
		{"2x2 pixel", "/px.png", serveBytes("image/png", pngOf(t, 2, 2, 1)), "a tracking pixel (2x2), not kept"},
		{"3x3 kept", "/small.png", serveBytes("image/png", pngOf(t, 3, 3, 1)), ""},
		{"a web page", "/page.png", serveHTML("<!DOCTYPE html><html><body>Sign in</body></html>"), "not a picture: the server sent a web page"},
		{"404", "/gone.png", http.NotFound, "the server answered 404 Not Found"},
		{"AVIF", "/photo.avif", serveBytes("image/avif", avif), "AVIF is not supported"},
		{"damaged PNG", "/cut.png", serveBytes("image/png", pngOf(t, 8, 8, 1)[:20]), "a damaged png picture"},
		{"PDF", "/doc.png", serveBytes("image/png", []byte("%PDF-1.4\n%\xe2\xe3\n1 0 obj")), "not a picture Margin keeps (application/pdf)"},
		{"SVG with a script", "/evil.svg", serveBytes("image/svg+xml", []byte(script)), ""},
	}
	var body strings.Builder
	for _, tc := range tests {
		serve(tc.path, tc.h)
		fmt.Fprintf(&body, `<p><img src="%s" alt="%s"></p>`, tc.path, tc.name)
	}
	mux.Handle("/article", serveHTML(picturePage("", body.String())))
	srv := serveOn(t, "127.0.0.1", mux)
	a, err := pictureClient().Clip(context.Background(), srv.URL+"/article", "")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := pictureByURL(t, a, srv.URL+tc.path)
			switch {
			case tc.wantMissing == "" && !p.Stored():
				t.Errorf("missing: %s", p.Missing)
			case tc.wantMissing != "" && (p.Stored() || p.Data != nil):
				t.Errorf("stored %s %dx%d, want missing %q", p.Type, p.Width, p.Height, tc.wantMissing)
			case tc.wantMissing != "" && !strings.Contains(p.Missing, tc.wantMissing):
				t.Errorf("got reason %q, want %q", p.Missing, tc.wantMissing)
			}
		})
	}
	svg := pictureByURL(t, a, srv.URL+"/evil.svg")
	for _, bad := range []string{"script", "alert", "onload", "onclick", "foreignObject", "iframe", "evil.example", "javascript", "@import"} {
		if strings.Contains(string(svg.Data), bad) {
			t.Errorf("the stored SVG keeps %q: %s", bad, svg.Data)
		}
	}
	for _, good := range []string{`<use href="#ok">`, `fill="url(#grad)"`, `<rect id="ok"`} {
		if !strings.Contains(string(svg.Data), good) {
			t.Errorf("the stored SVG lost %q: %s", good, svg.Data)
		}
	}
	if svg.Width != 50 || svg.Height != 40 || svg.Type != "image/svg+xml" {
		t.Errorf("got SVG %s %dx%d, want image/svg+xml 50x40", svg.Type, svg.Width, svg.Height)
	}
}

func TestClipPictureThatNeverEnds(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("/endless.png", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "image/png")
		_, _ = w.Write(pngOf(t, 4, 4, 1)[:20])
		chunk := make([]byte, 64<<10)
		for {
			if _, err := w.Write(chunk); err != nil {
				return
			}
		}
	})
	mux.Handle("/page", serveHTML(picturePage("", `<p><img src="/endless.png"></p>`)))
	srv := serveOn(t, "127.0.0.1", mux)
	c := pictureClient()
	c.PictureTimeout = time.Minute // the size cap comes first
	c.PicturesTimeout = time.Minute
	a, err := c.Clip(context.Background(), srv.URL+"/page", "")
	if err != nil {
		t.Fatal(err)
	}
	if p := a.Images[0]; p.Stored() || p.Missing != "larger than 15 MiB" {
		t.Errorf("got stored %v, %q; want larger than 15 MiB", p.Stored(), p.Missing)
	}
}

func TestClipPictureThatTricklesForever(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("/trickle.png", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "image/png")
		for {
			if _, err := w.Write([]byte{0}); err != nil {
				return
			}
			w.(http.Flusher).Flush()
			select {
			case <-r.Context().Done():
				return
			case <-time.After(50 * time.Millisecond):
			}
		}
	})
	mux.Handle("/page", serveHTML(picturePage("", `<p><img src="/trickle.png"></p>`)))
	srv := serveOn(t, "127.0.0.1", mux)
	c := pictureClient()
	c.PictureTimeout = 300 * time.Millisecond
	a, err := c.Clip(context.Background(), srv.URL+"/page", "")
	if err != nil {
		t.Fatal(err)
	}
	if p := a.Images[0]; p.Stored() || p.Missing != "did not finish loading within 300ms" {
		t.Errorf("got stored %v, %q; want the picture's deadline", p.Stored(), p.Missing)
	}
}

func TestClipDropsTrackingPixelsInEveryForm(t *testing.T) {
	pixel := gifOf(t, 1, 1, 9)
	mux := http.NewServeMux()
	requests := &counter{h: serveBytes("image/gif", pixel)}
	mux.Handle("/pixel-track.gif", requests)
	mux.Handle("/page", serveHTML(picturePage("", `
<p><img src="/pixel-track.gif?user=42" alt="a"></p>
<p><img srcset="/pixel-track.gif?user=43 1x" alt="b"></p>
<picture><source srcset="/pixel-track.gif?user=44"><img alt="c"></picture>
<p><img data-src="/pixel-track.gif?user=45" alt="d"></p>`)))
	srv := serveOn(t, "127.0.0.1", mux)
	a, err := pictureClient().Clip(context.Background(), srv.URL+"/page", "")
	if err != nil {
		t.Fatal(err)
	}
	if got, want := len(a.Images), 4; got != want {
		t.Fatalf("got %d pictures %+v, want %d", got, a.Images, want)
	}
	for _, p := range a.Images {
		if p.Stored() || !strings.Contains(p.Missing, "tracking pixel") {
			t.Errorf("%s: got stored %v, reason %q; want a tracking pixel not kept", p.URL, p.Stored(), p.Missing)
		}
	}
}

func TestClipPicturesCapsTheirNumber(t *testing.T) {
	var body strings.Builder
	for i := range 10000 {
		fmt.Fprintf(&body, `<img src="/i/%d" alt="%d">`, i, i)
	}
	mux := http.NewServeMux()
	var inFlight, most atomic.Int64
	pic := pngOf(t, 4, 4, 1) // encoded once: the server's work counts in alloc too
	pics := &counter{h: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n := inFlight.Add(1)
		defer inFlight.Add(-1)
		for m := most.Load(); n > m && !most.CompareAndSwap(m, n); m = most.Load() {
		}
		_, _ = w.Write(pic)
	})}
	mux.Handle("/i/", pics)
	mux.Handle("/page", serveHTML(picturePage("", "<p>"+body.String()+"</p>")))
	srv := serveOn(t, "127.0.0.1", mux)
	// The page alone, to tell what its pictures cost.
	pageOnly, err := allocatedBy(func() error {
		c := pictureClient()
		c.NoPictures = true
		_, err := c.Clip(context.Background(), srv.URL+"/page", "")
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	var a *article.Article
	alloc, err := allocatedBy(func() (err error) {
		a, err = pictureClient().Clip(context.Background(), srv.URL+"/page", "")
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := len(a.Images), 10000; got != want {
		t.Fatalf("got %d pictures listed, want %d", got, want)
	}
	if got, want := pics.n.Load(), int64(MaxPictures); got != want {
		t.Errorf("got %d requests for pictures, want %d", got, want)
	}
	if got, limit := most.Load(), int64(pictureWorkers); got > limit {
		t.Errorf("got %d pictures fetched at a time, want at most %d", got, limit)
	}
	if p := a.Images[MaxPictures-1]; !p.Stored() {
		t.Errorf("picture %d missing: %s", MaxPictures, p.Missing)
	}
	if got, want := a.Images[MaxPictures].Missing, MissingTooMany; got != want {
		t.Errorf("got reason %q, want %q", got, want)
	}
	t.Logf("the clip allocated %d MiB, %d MiB for its pictures", alloc>>20, (alloc-min(alloc, pageOnly))>>20)
	if alloc > pageOnly+64<<20 {
		t.Errorf("the pictures took %d MiB to fetch", (alloc-pageOnly)>>20)
	}
}

func TestClipPicturesOnLocalAddresses(t *testing.T) {
	local := &counter{h: serveBytes("image/png", pngOf(t, 8, 8, 1))}
	localSrv := serveOn(t, "127.0.0.1", local)
	_, localPort, _ := strings.Cut(strings.TrimPrefix(localSrv.URL, "http://"), ":")

	web := http.NewServeMux()
	web.Handle("/web.png", serveBytes("image/png", pngOf(t, 8, 8, 2)))
	web.Handle("/hop.png", redirectTo(localSrv.URL+"/via-redirect.png"))
	webSrv := serveOn(t, "127.0.0.2", web)
	web.Handle("/page", serveHTML(picturePage("", `
<p><img src="`+localSrv.URL+`/loopback.png"></p>
<p><img src="http://localhost:`+localPort+`/by-name.png"></p>
<p><img src="http://[::1]:`+localPort+`/v6.png"></p>
<p><img src="http://169.254.169.254/latest/meta-data/"></p>
<p><img src="http://192.168.1.1/router.png"></p>
<p><img src="http://10.0.0.1/intranet.png"></p>
<p><img src="http://100.64.0.1/cgnat.png"></p>
<p><img src="http://[fd00::1]/ula.png"></p>
<p><img src="http://0.0.0.0:`+localPort+`/any.png"></p>
<p><img src="`+webSrv.URL+`/hop.png"></p>
<p><img src="`+webSrv.URL+`/web.png"></p>`)))
	web.Handle("/moved", redirectTo(localSrv.URL+"/"))

	t.Run("page from the web", func(t *testing.T) {
		a, err := pictureClient().Clip(context.Background(), webSrv.URL+"/page", "")
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range a.Images {
			if strings.HasSuffix(p.URL, "/web.png") {
				if !p.Stored() {
					t.Errorf("%s missing: %s", p.URL, p.Missing)
				}
				continue
			}
			if p.Stored() || !strings.HasPrefix(p.Missing, "refused: ") || !strings.Contains(p.Missing, "address and the article is from the web") {
				t.Errorf("%s: got stored %v, reason %q; want refused", p.URL, p.Stored(), p.Missing)
			}
		}
		for url, kind := range map[string]string{"169.254.169.254": "link-local", "192.168.1.1": "private", "fd00::1": "unique-local", "100.64.0.1": "private"} {
			for _, p := range a.Images {
				if strings.Contains(p.URL, url) && !strings.Contains(p.Missing, kind) {
					t.Errorf("%s: got %q, want it named %s", p.URL, p.Missing, kind)
				}
			}
		}
		if got := local.n.Load(); got != 0 {
			t.Errorf("the local server got %d requests", got)
		}
	})
	t.Run("its redirect to a local address", func(t *testing.T) {
		a, err := pictureClient().Clip(context.Background(), webSrv.URL+"/moved", "")
		if !errors.Is(err, ErrNetwork) || !strings.Contains(fmt.Sprint(err), "refused: 127.0.0.1 is a loopback address") {
			t.Errorf("got %v, %v; want the redirect refused", a, err)
		}
		if got := local.n.Load(); got != 0 {
			t.Errorf("the local server got %d requests", got)
		}
	})
	t.Run("page on this machine", func(t *testing.T) {
		mux := http.NewServeMux()
		mux.Handle("/page", serveHTML(picturePage("", `<p><img src="`+localSrv.URL+`/same-host.png"></p>`)))
		page := serveOn(t, "127.0.0.1", mux)
		a, err := pictureClient().Clip(context.Background(), page.URL+"/page", "")
		if err != nil {
			t.Fatal(err)
		}
		if p := a.Images[0]; !p.Stored() {
			t.Errorf("%s missing: %s", p.URL, p.Missing)
		}
	})
}

func TestClipSavedPagePictures(t *testing.T) {
	web := http.NewServeMux()
	web.Handle("/web.png", serveBytes("image/png", pngOf(t, 9, 9, 3)))
	webSrv := serveOn(t, "127.0.0.2", web)
	localSrv := serveOn(t, "127.0.0.1", serveBytes("image/png", pngOf(t, 9, 9, 4)))

	root := t.TempDir()
	dir := filepath.Join(root, "saved")
	files := filepath.Join(dir, "Harbour_files")
	if err := os.MkdirAll(files, 0o755); err != nil {
		t.Fatal(err)
	}
	beside := pngOf(t, 12, 10, 1)
	writeFile(t, files, "boats.png", beside)
	writeFile(t, root, "secret.png", pngOf(t, 12, 10, 2))
	if err := os.Symlink(filepath.Join(root, "secret.png"), filepath.Join(files, "link.png")); err != nil {
		t.Fatal(err)
	}
	inline := pngOf(t, 5, 5, 5)
	dataURL := "data:image/png;base64," + base64.StdEncoding.EncodeToString(inline)
	page := writeFile(t, dir, "Harbour.html", []byte(picturePage("", `
<p><img src="Harbour_files/boats.png" alt="beside"></p>
<p><img src="`+dataURL+`" alt="inline"></p>
<p><img src="../secret.png" alt="outside"></p>
<p><img src="Harbour_files/link.png" alt="symlink"></p>
<p><img src="Harbour_files/gone.png" alt="gone"></p>
<p><img src="file:///etc/passwd" alt="absolute file"></p>
<p><img src="`+webSrv.URL+`/web.png" alt="web"></p>
<p><img src="`+localSrv.URL+`/local.png" alt="local"></p>`)))

	a, err := pictureClient().Clip(context.Background(), page, "")
	if err != nil {
		t.Fatal(err)
	}
	byAlt := map[string]article.Picture{}
	for _, p := range a.Images {
		byAlt[p.Alt] = p
	}
	if p := byAlt["beside"]; string(p.Data) != string(beside) || p.Width != 12 {
		t.Errorf("the picture beside the page: got %s %dx%d (%s)", p.URL, p.Width, p.Height, p.Missing)
	}
	if p := byAlt["inline"]; string(p.Data) != string(inline) || p.URL != dataURL {
		t.Errorf("the data: picture: got %.40s (%s)", p.URL, p.Missing)
	}
	if p := byAlt["web"]; !p.Stored() {
		t.Errorf("the web picture is missing: %s", p.Missing)
	}
	for alt, want := range map[string]string{
		"outside": "is outside the saved page's folder",
		"symlink": "is outside the saved page's folder",
		"gone":    "the saved page's file gone.png is missing",
		"local":   "refused: 127.0.0.1 is a loopback address",
	} {
		if p, ok := byAlt[alt]; !ok || p.Stored() || !strings.Contains(p.Missing, want) {
			t.Errorf("%s: got %q (listed %v), want %q", alt, p.Missing, ok, want)
		}
	}
	if _, ok := byAlt["absolute file"]; ok {
		t.Errorf("an absolute file: address in the page was kept")
	}

	t.Run("fetched later", func(t *testing.T) {
		c := pictureClient()
		c.NoPictures = true
		a, err := c.Clip(context.Background(), page, "")
		if err != nil {
			t.Fatal(err)
		}
		stored := &article.Article{URL: a.URL, FinalURL: a.FinalURL, ContentHTML: a.ContentHTML}
		if err := pictureClient().FetchPictures(context.Background(), stored); err != nil {
			t.Fatal(err)
		}
		if p := stored.Images[0]; string(p.Data) != string(beside) {
			t.Errorf("the picture beside the page: got %s (%s)", p.URL, p.Missing)
		}
	})
	t.Run("with its web address", func(t *testing.T) {
		a, err := pictureClient().Clip(context.Background(), page, "https://harbour.example/news/Harbour.html")
		if err != nil {
			t.Fatal(err)
		}
		p := pictureByURL(t, a, "https://harbour.example/news/Harbour_files/boats.png")
		if string(p.Data) != string(beside) {
			t.Errorf("the picture beside the page: got %q", p.Missing)
		}
	})
}

func TestFetchPicturesOfAStoredArticle(t *testing.T) {
	mux := http.NewServeMux()
	pics := &counter{h: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = w.Write(pngOf(t, 6, 6, len(r.URL.Path)))
	})}
	mux.Handle("/img/", pics)
	mux.Handle("/page", serveHTML(picturePage("/img/lead.png", `<figure><img src="/img/a.png"><figcaption>A</figcaption></figure><p><img src="/img/b.png"></p>`)))
	srv := serveOn(t, "127.0.0.1", mux)

	c := pictureClient()
	c.NoPictures = true
	a, err := c.Clip(context.Background(), srv.URL+"/page", "")
	if err != nil {
		t.Fatal(err)
	}
	if got := pics.n.Load(); got != 0 {
		t.Fatalf("a clip without pictures made %d requests for them", got)
	}
	for _, p := range a.Images {
		if p.Missing != MissingSkipped {
			t.Errorf("%s: got %q, want %q", p.URL, p.Missing, MissingSkipped)
		}
	}

	if err := pictureClient().FetchPictures(context.Background(), a); err != nil {
		t.Fatal(err)
	}
	for _, p := range a.Images {
		if !p.Stored() {
			t.Errorf("%s still missing: %s", p.URL, p.Missing)
		}
	}
	if got, want := pics.n.Load(), int64(3); got != want {
		t.Errorf("got %d requests, want %d", got, want)
	}

	// Stored pictures (Data gone once in the library) are not fetched
	// again; an article from before pictures gets its list first.
	a.Images[0].Data = nil
	a.Images[1] = article.Picture{URL: a.Images[1].URL, Missing: "the server answered 503 Service Unavailable"}
	if err := pictureClient().FetchPictures(context.Background(), a); err != nil {
		t.Fatal(err)
	}
	if got, want := pics.n.Load(), int64(4); got != want || !a.Images[1].Stored() || a.Images[0].Data != nil {
		t.Errorf("got %d requests (want %d), retried %v", got, want, a.Images[1].Stored())
	}
	old := &article.Article{URL: a.URL, FinalURL: a.FinalURL, ContentHTML: a.ContentHTML, ImageURL: a.ImageURL}
	if err := pictureClient().FetchPictures(context.Background(), old); err != nil {
		t.Fatal(err)
	}
	if got, want := len(old.Images), 3; got != want || old.Images[0].Caption != "A" || !old.Images[2].Lead {
		t.Errorf("got %d pictures %+v, want %d with caption and lead", got, old.Images, want)
	}
}

func TestFetchPicturesCanceled(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("/slow.png", untilGone)
	srv := serveOn(t, "127.0.0.1", mux)
	a := &article.Article{URL: srv.URL + "/page", ContentHTML: `<p><img src="` + srv.URL + `/slow.png"></p>`}
	ctx, cancel := context.WithCancel(context.Background())
	go func() { time.Sleep(50 * time.Millisecond); cancel() }()
	err := pictureClient().FetchPictures(ctx, a)
	if !errors.Is(err, context.Canceled) {
		t.Errorf("got %v, want context.Canceled", err)
	}
}

func TestDataURLBytes(t *testing.T) {
	tests := []struct {
		name, in, want, wantErr string
	}{
		{"base64", "data:image/png;base64,aGVsbG8=", "hello", ""},
		{"base64 with line breaks", "data:image/png;base64,aGVs\nbG8=", "hello", ""},
		{"unpadded", "data:image/png;base64,aGVsbG8", "hello", ""},
		{"percent", "data:image/svg+xml,%3Csvg%2F%3E", "<svg/>", ""},
		{"no comma", "data:image/png;base64", "", "no comma"},
		{"bad base64", "data:image/png;base64,!!!", "", "a damaged data: address"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := dataURLBytes(tc.in)
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Errorf("got %q, %v; want error %q", got, err, tc.wantErr)
				}
				return
			}
			if err != nil || string(got) != tc.want {
				t.Errorf("got %q, %v; want %q", got, err, tc.want)
			}
		})
	}
}

func TestSVGSize(t *testing.T) {
	tests := []struct {
		root         string
		wantW, wantH int
	}{
		{`<svg width="120" height="80"/>`, 120, 80},
		{`<svg width="120px" height="80.5px"/>`, 120, 81},
		{`<svg width="100%" height="100%" viewBox="0 0 300 150"/>`, 300, 150},
		{`<svg viewBox="0,0,30,15"/>`, 30, 15},
		{`<svg/>`, 0, 0},
	}
	for _, tc := range tests {
		clean, w, h, err := sanitizeSVG([]byte(tc.root))
		if err != nil || w != tc.wantW || h != tc.wantH {
			t.Errorf("%s: got %dx%d, %v; want %dx%d", tc.root, w, h, err, tc.wantW, tc.wantH)
		}
		if !strings.Contains(string(clean), `xmlns="http://www.w3.org/2000/svg"`) {
			t.Errorf("%s: got %s, want it in the SVG namespace", tc.root, clean)
		}
	}
	for _, bad := range []string{`<svg><g></svg>`, `<html><svg/></html>`, `<svg>&xxe;</svg>`, `<svg`} {
		if _, _, _, err := sanitizeSVG([]byte(bad)); err == nil || !strings.HasPrefix(err.Error(), "a damaged SVG") {
			t.Errorf("%s: got %v, want a damaged SVG", bad, err)
		}
	}
}

func TestLocalKind(t *testing.T) {
	for addr, want := range map[string]string{
		"127.0.0.1": "loopback", "::1": "loopback", "::ffff:127.0.0.1": "loopback",
		"10.1.2.3": "private", "172.16.0.1": "private", "172.32.0.1": "", "192.168.0.1": "private",
		"100.64.0.1": "private", "100.128.0.1": "", "169.254.169.254": "link-local", "fe80::1": "link-local",
		"fc00::1": "unique-local", "fd12::1": "unique-local", "0.0.0.0": "unspecified", "::": "unspecified",
		"93.184.216.34": "", "2606:2800::1": "",
	} {
		if got := localKind(netip.MustParseAddr(addr)); got != want {
			t.Errorf("%s: got %q, want %q", addr, got, want)
		}
	}
}

func TestClipPicturesThroughAProxy(t *testing.T) {
	local := &counter{h: serveBytes("image/png", pngOf(t, 8, 8, 1))}
	localSrv := serveOn(t, "127.0.0.1", local)
	web := http.NewServeMux()
	web.Handle("/web.png", serveBytes("image/png", pngOf(t, 8, 8, 2)))
	webSrv := serveOn(t, "127.0.0.2", web)
	web.Handle("/page", serveHTML(picturePage("", `<p><img src="`+localSrv.URL+`/loopback.png"></p><p><img src="`+webSrv.URL+`/web.png"></p>`)))
	// A forward proxy on this machine, as HTTP_PROXY=http://127.0.0.1:3128
	// would name one: every connection goes to a loopback address.
	proxied := &counter{h: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		resp, err := http.DefaultTransport.RoundTrip(r.Clone(context.Background()))
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadGateway)
			return
		}
		defer resp.Body.Close()
		w.WriteHeader(resp.StatusCode)
		_, _ = io.Copy(w, resp.Body)
	})}
	proxySrv := serveOn(t, "127.0.0.1", proxied)
	proxyURL, _ := url.Parse(proxySrv.URL)
	c := pictureClient()
	c.proxy = func(*http.Request) (*url.URL, error) { return proxyURL, nil }

	a, err := c.Clip(context.Background(), webSrv.URL+"/page", "")
	if err != nil {
		t.Fatal(err)
	}
	if p := pictureByURL(t, a, webSrv.URL+"/web.png"); !p.Stored() {
		t.Errorf("the web picture through the proxy is missing: %s", p.Missing)
	}
	if p := pictureByURL(t, a, localSrv.URL+"/loopback.png"); p.Stored() || !strings.Contains(p.Missing, "refused: 127.0.0.1 is a loopback address") {
		t.Errorf("the loopback picture: got stored %v, %q; want refused", p.Stored(), p.Missing)
	}
	if got, want := proxied.n.Load(), int64(2); got != want || local.n.Load() != 0 {
		t.Errorf("got %d requests through the proxy (want %d), %d to the local server (want 0)", got, want, local.n.Load())
	}
}

func TestPictureReferer(t *testing.T) {
	s := &pictureSource{referer: "https://news.example/2024/story.html?id=7"}
	for target, want := range map[string]string{
		"https://news.example/img/a.png":  "https://news.example/2024/story.html?id=7",
		"https://cdn.example/a.png":       "https://news.example/",
		"http://news.example/img/a.png":   "",
		"https://news.example:8443/a.png": "https://news.example/",
	} {
		u, _ := url.Parse(target)
		if got := s.refererFor(u); got != want {
			t.Errorf("%s: got Referer %q, want %q", target, got, want)
		}
	}
}

func TestContentKeepsInlinePicturesButNotSpacers(t *testing.T) {
	picture := "data:image/png;base64," + base64.StdEncoding.EncodeToString(pngOf(t, 6, 6, 1))
	spacer := "data:image/gif;base64," + base64.StdEncoding.EncodeToString(gifOf(t, 1, 1, 1))
	a, err := Parse([]byte(picturePage("", `<p><img src="`+picture+`" alt="inline"></p><p><img src="`+spacer+`" alt="spacer"></p>`)), "", "https://news.example/story")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(a.ContentHTML, picture) {
		t.Errorf("the inline picture is gone: %s", a.ContentHTML)
	}
	if pics := article.PicturesOf(a.ContentHTML, ""); strings.Contains(a.ContentHTML, spacer) || len(pics) != 1 {
		t.Errorf("the spacer is kept as a picture: %s", a.ContentHTML)
	}
}
