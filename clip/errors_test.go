package clip

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// kindOf is the Kind whose sentinel is err, 0 for any other error.
func kindOf(err error) Kind {
	for k := Kind(1); k.Sentinel() != nil; k++ {
		if k.Sentinel() == err {
			return k
		}
	}
	return 0
}

func TestErrorMatchesItsSentinelOnly(t *testing.T) {
	cause := errors.New("dial tcp: refused")
	err := fmt.Errorf("clip x: %w", wrapf(Network, cause, "the server refused the connection"))
	var ce *Error
	if !errors.As(err, &ce) {
		t.Fatalf("errors.As(%v, *Error) = false", err)
	}
	if got, want := ce.Kind, Network; got != want {
		t.Errorf("Kind = %v, want %v", got, want)
	}
	if got, want := ce.Detail, "the server refused the connection"; got != want {
		t.Errorf("Detail = %q, want %q", got, want)
	}
	if got, want := err.Error(), "clip x: could not connect: the server refused the connection"; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
	if !errors.Is(err, ErrNetwork) || !errors.Is(err, cause) {
		t.Errorf("errors.Is(err, ErrNetwork) = %v, errors.Is(err, cause) = %v, want both", errors.Is(err, ErrNetwork), errors.Is(err, cause))
	}
	for k := Kind(1); k.Sentinel() != nil; k++ {
		if k != Network && errors.Is(err, k.Sentinel()) {
			t.Errorf("errors.Is(err, %v) = true for a Network error", k)
		}
	}
}

func TestKinds(t *testing.T) {
	seen := map[error]bool{}
	for k := Kind(1); k.Sentinel() != nil; k++ {
		if seen[k.Sentinel()] {
			t.Errorf("kind %d shares its sentinel", k)
		}
		seen[k.Sentinel()] = true
		if got, want := (&Error{Kind: k}).Error(), k.Sentinel().Error(); got != want {
			t.Errorf("Error() of a bare %d = %q, want %q", k, got, want)
		}
	}
	if got, want := len(seen), len(sentinels)-1; got != want {
		t.Errorf("%d kinds have a sentinel, want %d", got, want)
	}
	for _, k := range []Kind{0, -1, Kind(len(sentinels))} {
		if k.Sentinel() != nil {
			t.Errorf("Kind(%d).Sentinel() = %v, want nil", k, k.Sentinel())
		}
		if got, want := k.String(), fmt.Sprintf("clip.Kind(%d)", int(k)); got != want {
			t.Errorf("Kind(%d).String() = %q, want %q", k, got, want)
		}
		if errors.Is(&Error{Kind: k}, nil) {
			t.Errorf("an *Error of unknown kind %d matches nil", k)
		}
	}
}

// TestClipErrorsAreValues checks that what a caller needs to word a failure
// comes as values: the kind and the detail, and the cause where there is one.
func TestClipErrorsAreValues(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/missing":
			http.NotFound(w, r)
		case "/paper.pdf":
			w.Header().Set("Content-Type", "application/pdf")
			_, _ = w.Write([]byte("%PDF-1.7"))
		}
	}))
	defer srv.Close()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	refused := "http://" + ln.Addr().String() + "/"
	_ = ln.Close()
	dir := t.TempDir()
	missing := filepath.Join(dir, "gone.html")
	if err := os.WriteFile(filepath.Join(dir, "empty.html"), nil, 0o644); err != nil {
		t.Fatal(err)
	}

	tests := []struct {
		name, target string
		kind         Kind
		detail       string
		cause        error // reachable with errors.Is, when not nil
	}{
		{"404", srv.URL + "/missing", HTTPStatus, "404 Not Found", nil},
		{"pdf", srv.URL + "/paper.pdf", NotHTML, "application/pdf", nil},
		{"refused", refused, Network, "the server refused the connection", syscall.ECONNREFUSED},
		{"ftp", "ftp://example.com/x", Scheme, "ftp (Margin clips http and https pages)", nil},
		{"port", "http://example.com:99999/", BadURL, "port 99999 is out of range", nil},
		{"missing file", missing, FileNotFound, missing, nil},
		{"folder", dir, IsDirectory, dir + " (choose the .html file)", nil},
		{"empty file", filepath.Join(dir, "empty.html"), Empty, "the file is empty", nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := testClient().Clip(context.Background(), tc.target, "")
			var ce *Error
			if !errors.As(err, &ce) {
				t.Fatalf("Clip(%q) = %v, want an *Error", tc.target, err)
			}
			if ce.Kind != tc.kind || ce.Detail != tc.detail {
				t.Errorf("Clip(%q) = {%v %q}, want {%v %q}", tc.target, ce.Kind, ce.Detail, tc.kind, tc.detail)
			}
			if !errors.Is(err, tc.kind.Sentinel()) {
				t.Errorf("errors.Is(%v, %v) = false", err, tc.kind.Sentinel())
			}
			if tc.cause != nil && !errors.Is(err, tc.cause) {
				t.Errorf("errors.Is(%v, %v) = false: the cause is lost", err, tc.cause)
			}
		})
	}
}
