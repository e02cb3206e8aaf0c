package chromium

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"testing"
	"time"
)

// startBrowser starts Chromium or skips the test when it is not installed,
// except under CI, where a missing browser is a failure.
func startBrowser(t *testing.T) *Browser {
	t.Helper()
	path, err := Find()
	if errors.Is(err, ErrNotInstalled) && os.Getenv("CI") == "" {
		t.Skip("chromium is not installed (make deps installs it); skipping the browser test")
	}
	if err != nil {
		t.Fatalf("find chromium: %v", err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	b, err := Start(ctx, path, Options{Width: 800, Height: 600, AllowHosts: []string{"127.0.0.1"}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { b.Close() })
	return b
}

func TestNavigateEvalScreenshot(t *testing.T) {
	b := startBrowser(t)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, `<!doctype html><title>Hello 你好</title><body style="background:#00f"><p>text</p>
<script src="http://example.com/never.js"></script>`)
	}))
	defer srv.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	p, err := b.NewPage(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if err := p.Navigate(ctx, srv.URL+"/"); err != nil {
		t.Fatal(err)
	}
	var title string
	if err := p.Eval(ctx, "document.title", &title); err != nil {
		t.Fatal(err)
	}
	if got, want := title, "Hello 你好"; got != want {
		t.Errorf("title = %q, want %q", got, want)
	}
	img, err := p.Screenshot(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := img.Bounds().Dx(), 800; got != want {
		t.Errorf("screenshot width = %d, want %d", got, want)
	}
	r, g, bl, _ := img.At(400, 500).RGBA()
	if r>>8 != 0 || g>>8 != 0 || bl>>8 != 255 {
		t.Errorf("pixel = %d,%d,%d, want the page's blue", r>>8, g>>8, bl>>8)
	}
	if err := p.Eval(ctx, "no_such_name.x", nil); err == nil {
		t.Error("a throwing script gave no error")
	}
}
