package clip

import (
	"net/http"
	"strconv"
	"strings"
	"time"
)

// StatusError is the error for a page the server answered with a 4xx or 5xx
// status. It is ErrHTTPStatus for errors.Is and reads the same ("server
// answered with an error: 429 Too Many Requests"); errors.As gives a caller
// that fetches many pages (the clipping queue) the code and the server's
// Retry-After.
type StatusError struct {
	Code   int
	Status string // "429 Too Many Requests"
	// RetryAfter is the server's Retry-After header as sent ("" when none);
	// see RetryDelay.
	RetryAfter string
}

func (e *StatusError) Error() string { return ErrHTTPStatus.Error() + ": " + e.Status }

// Is makes errors.Is(err, ErrHTTPStatus) true.
func (e *StatusError) Is(target error) bool { return target == ErrHTTPStatus }

// RetryDelay is how long the server asked to wait before the next request,
// from Retry-After in seconds or as an HTTP date (relative to now); false when
// it asked nothing readable.
func (e *StatusError) RetryDelay(now time.Time) (time.Duration, bool) {
	v := strings.TrimSpace(e.RetryAfter)
	if v == "" {
		return 0, false
	}
	if secs, err := strconv.ParseInt(v, 10, 64); err == nil {
		if secs < 0 {
			return 0, false
		}
		return time.Duration(min(secs, 1<<31)) * time.Second, true
	}
	if t, err := http.ParseTime(v); err == nil {
		return max(t.Sub(now), 0), true
	}
	return 0, false
}
