package clip

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"
)

// TestStatusError: a 4xx or 5xx answer is ErrHTTPStatus and carries its
// code and Retry-After, so a queue can honour it.
func TestStatusError(t *testing.T) {
	now := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	tests := []struct {
		name       string
		code       int
		retryAfter string
		wantMsg    string
		wantDelay  time.Duration
		wantOK     bool
	}{
		{"429 in seconds", 429, "120", "server answered with an error: 429 Too Many Requests", 2 * time.Minute, true},
		{"503 as a date", 503, now.Add(90 * time.Second).Format(http.TimeFormat), "server answered with an error: 503 Service Unavailable", 90 * time.Second, true},
		{"404 without", 404, "", "server answered with an error: 404 Not Found", 0, false},
		{"garbage", 429, "soon", "server answered with an error: 429 Too Many Requests", 0, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if tc.retryAfter != "" {
					w.Header().Set("Retry-After", tc.retryAfter)
				}
				w.WriteHeader(tc.code)
			}))
			defer srv.Close()
			_, err := NewClient().Clip(context.Background(), srv.URL+"/page", "")
			if !errors.Is(err, ErrHTTPStatus) {
				t.Fatalf("Clip: %v, want ErrHTTPStatus", err)
			}
			var se *StatusError
			if !errors.As(err, &se) {
				t.Fatalf("Clip: %v is no *StatusError", err)
			}
			if se.Code != tc.code || se.Error() != tc.wantMsg {
				t.Errorf("code %d, message %q; want %d, %q", se.Code, se.Error(), tc.code, tc.wantMsg)
			}
			d, ok := se.RetryDelay(now)
			if d != tc.wantDelay || ok != tc.wantOK {
				t.Errorf("RetryDelay = %s, %v; want %s, %v", d, ok, tc.wantDelay, tc.wantOK)
			}
		})
	}
}
