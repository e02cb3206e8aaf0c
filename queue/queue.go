// Package queue fetches the pages of imported entries that came without
// their content: a persistent, polite, resumable clipping queue. The rows
// live in the library (storage), so quitting, a crash or SIGKILL loses
// nothing; Run picks up where the last run stopped. Politeness: a few
// fetches at a time, one per host, a pause between requests to one host,
// the server's Retry-After honoured on 429 and 503, exponential backoff on
// timeouts and server errors up to a few tries. Permanent failures (404,
// 410, not a web page) are recorded with their reason; the entry stays a
// bookmark and can be retried.
package queue

import (
	"app.margin/margin/article"

	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"app.margin/margin/clip"
	"app.margin/margin/storage"
)

// Clipper fetches and clips one page; *clip.Client is one.
type Clipper interface {
	Clip(ctx context.Context, target, originalURL string) (*article.Article, error)
}

// Clock is the time the runner sees and waits on; tests pass one that
// waits no real time.
type Clock interface {
	Now() time.Time
	After(d time.Duration) <-chan time.Time
}

type realClock struct{}

func (realClock) Now() time.Time                         { return time.Now() }
func (realClock) After(d time.Duration) <-chan time.Time { return time.After(d) }

// Defaults for a Runner's zero fields.
const (
	DefaultWorkers       = 4
	DefaultHostPause     = 2 * time.Second
	DefaultMaxTries      = 4
	DefaultBackoff       = 30 * time.Second
	DefaultMaxRetryAfter = time.Hour
)

// Runner runs the clipping queue of a library. Zero fields take the
// defaults above. Only one Runner should run a library's queue at a time
// (Run makes rows left running by an earlier run pending again).
type Runner struct {
	Library *storage.Library
	Clipper Clipper // default clip.NewClient()
	Clock   Clock   // default real time

	Workers       int           // fetches at a time
	HostPause     time.Duration // after a request ends, before the next to the same host
	MaxTries      int           // tries of a page that fails for a reason that may pass
	Backoff       time.Duration // wait after the first such failure, doubled after each
	MaxRetryAfter time.Duration // a server's Retry-After longer than this is cut to it

	// OnEvent, if set, is called after each page, from Run's goroutine.
	OnEvent func(Event)
}

// Outcome is what became of one fetch.
type Outcome string

// Outcomes of a fetch.
const (
	Fetched Outcome = "fetched" // the article has its content
	Retry   Outcome = "retry"   // failed for a reason that may pass; tried again after RetryAt
	Failed  Outcome = "failed"  // failed for good; the entry stays a bookmark
)

// Event reports one finished fetch and the run's progress.
type Event struct {
	Item    storage.QueueItem
	Outcome Outcome
	Err     error     // why it failed (Retry, Failed)
	Reason  string    // Err as the queue records it, without the "clip URL:" prefix
	RetryAt time.Time // Retry only
	// Progress of this run: pages fetched and failed so far, of Total
	// (the rows pending when the run started).
	Fetched, Failed, Total int
}

// Summary is what a run did.
type Summary struct {
	Fetched int `json:"fetched"`
	Failed  int `json:"failed"`
	Retried int `json:"retried"` // failures that were tried again
	Total   int `json:"total"`   // rows pending when the run started
}

// result is a worker's answer: the fetch's error, or the error storing
// the page it fetched.
type result struct {
	item     storage.QueueItem
	err      error
	storeErr error
}

// Run fetches every pending row, waiting out backoffs and Retry-Afters,
// until none is left, and returns what it did. When ctx is cancelled (pause
// or cancel) it stops claiming rows, lets the fetches under way end, puts
// back those that were cut short, and returns ctx's error: the next Run
// resumes.
func (r *Runner) Run(ctx context.Context) (Summary, error) {
	s := r.settings()
	lib := r.Library
	if _, err := lib.ResumeQueue(ctx); err != nil {
		return Summary{}, err
	}
	st, err := lib.QueueStatus(ctx)
	if err != nil {
		return Summary{}, err
	}
	sum := Summary{Total: st.Pending}
	busy := map[string]bool{}
	nextOK := map[string]time.Time{} // per host: no request before this
	results := make(chan result)
	active := 0

	for {
		now := s.Clock.Now()
		if ctx.Err() == nil {
			for active < s.Workers {
				item, ok, err := lib.ClaimQueued(ctx, now, unavailable(busy, nextOK, now))
				if err != nil {
					if ctx.Err() != nil {
						break
					}
					return sum, r.drain(results, active, err)
				}
				if !ok {
					break
				}
				busy[item.Host] = true
				active++
				go func() {
					res := result{item: item}
					var a *article.Article
					if a, res.err = s.Clipper.Clip(ctx, item.URL, ""); res.err == nil {
						// Stored here, not in the loop: compressing and
						// indexing a page is work the other fetches need
						// not wait for. A page fetched is kept even when
						// the run is being stopped.
						res.storeErr = lib.FinishQueued(context.WithoutCancel(ctx), item.ID, a)
					}
					results <- res
				}()
			}
		}
		var wake <-chan time.Time
		done := ctx.Done()
		if ctx.Err() == nil {
			at, pending, err := s.wakeAt(ctx, nextOK, now, active)
			switch {
			case err != nil && ctx.Err() != nil:
				continue // stopped meanwhile: the next turn winds down
			case err != nil:
				return sum, r.drain(results, active, err)
			case !at.IsZero():
				wake = s.Clock.After(at.Sub(now))
			case !pending && active == 0:
				return sum, nil // nothing pending: the queue is drained
			}
		} else {
			if active == 0 {
				return sum, ctx.Err()
			}
			done = nil // stopping: only the fetches under way are waited for
		}
		select {
		case res := <-results:
			active--
			delete(busy, res.item.Host)
			if err := s.handle(ctx, res, nextOK, &sum); err != nil {
				return sum, r.drain(results, active, err)
			}
		case <-wake:
		case <-done:
			// Loop: the fetches under way see ctx too and end soon.
		}
	}
}

// settings is the Runner with its zero fields defaulted.
func (r *Runner) settings() Runner {
	s := *r
	if s.Clipper == nil {
		s.Clipper = clip.NewClient()
	}
	if s.Clock == nil {
		s.Clock = realClock{}
	}
	if s.Workers <= 0 {
		s.Workers = DefaultWorkers
	}
	if s.HostPause <= 0 {
		s.HostPause = DefaultHostPause
	}
	if s.MaxTries <= 0 {
		s.MaxTries = DefaultMaxTries
	}
	if s.Backoff <= 0 {
		s.Backoff = DefaultBackoff
	}
	if s.MaxRetryAfter <= 0 {
		s.MaxRetryAfter = DefaultMaxRetryAfter
	}
	return s
}

// unavailable lists the hosts that may not be asked now: busy, or resting.
func unavailable(busy map[string]bool, nextOK map[string]time.Time, now time.Time) []string {
	hosts := make([]string, 0, len(busy)+len(nextOK))
	for h := range busy {
		hosts = append(hosts, h)
	}
	for h, t := range nextOK {
		if t.After(now) {
			if !busy[h] {
				hosts = append(hosts, h)
			}
		} else {
			delete(nextOK, h) // rested: forget it, so the map stays small
		}
	}
	return hosts
}

// wakeAt is the next moment a free worker could start a fetch (zero when
// only a finished fetch can change anything): when a resting host may be
// asked again or a deferred row comes due. pending is false when no row is
// pending.
func (r *Runner) wakeAt(ctx context.Context, nextOK map[string]time.Time, now time.Time, active int) (at time.Time, pending bool, err error) {
	next, ok, err := r.Library.NextQueued(ctx)
	if err != nil || !ok {
		return time.Time{}, false, err
	}
	at = next
	for _, t := range nextOK {
		if t.After(now) && (!at.After(now) || t.Before(at)) {
			at = t
		}
	}
	switch {
	case at.After(now):
		return at, true, nil
	case active > 0:
		// Due now but not claimable: the due rows' hosts are busy, and the
		// fetch that ends first wakes the loop.
		return time.Time{}, true, nil
	}
	// Due, not claimable, and nothing under way: another process holds
	// the rows. Look again after a pause.
	return now.Add(r.HostPause), true, nil
}

// handle records a finished fetch.
func (r *Runner) handle(ctx context.Context, res result, nextOK map[string]time.Time, sum *Summary) error {
	now := r.Clock.Now()
	nextOK[res.item.Host] = now.Add(r.HostPause)
	// Writes go through even when the run is being stopped.
	wctx := context.WithoutCancel(ctx)
	ev := Event{Item: res.item}
	switch {
	case res.err == nil:
		if res.storeErr != nil {
			return res.storeErr
		}
		sum.Fetched++
		ev.Outcome = Fetched
	case errors.Is(res.err, context.Canceled) || (ctx.Err() != nil && errors.Is(res.err, clip.ErrTimeout)):
		// Cut short by the stop, not the server's fault: not a try.
		return r.Library.ReleaseQueued(wctx, res.item.ID)
	default:
		ev.Err, ev.Reason = res.err, reason(res.err)
		delay, transient, serverAsked := r.retryDelay(res.err, res.item.Tries, now)
		if serverAsked {
			nextOK[res.item.Host] = now.Add(delay) // the whole host asked for a rest
		}
		if transient && res.item.Tries < r.MaxTries {
			ev.Outcome, ev.RetryAt = Retry, now.Add(delay)
			if err := r.Library.DeferQueued(wctx, res.item.ID, ev.RetryAt, ev.Reason); err != nil {
				return err
			}
			sum.Retried++
			break
		}
		why := ev.Reason
		if transient {
			why = fmt.Sprintf("%s (gave up after %d tries)", why, res.item.Tries)
		}
		if err := r.Library.FailQueued(wctx, res.item.ID, why); err != nil {
			return err
		}
		sum.Failed++
		ev.Outcome = Failed
	}
	if r.OnEvent != nil {
		ev.Fetched, ev.Failed, ev.Total = sum.Fetched, sum.Failed, sum.Total
		r.OnEvent(ev)
	}
	return nil
}

// retryDelay says whether a failure may pass, and after how long to try
// again: the server's Retry-After on 429 and 503 (serverAsked), else the
// backoff doubled for each earlier try.
func (r *Runner) retryDelay(err error, tries int, now time.Time) (delay time.Duration, transient, serverAsked bool) {
	backoff := r.Backoff << min(max(tries-1, 0), 16)
	var se *clip.StatusError
	switch {
	case errors.As(err, &se):
		switch {
		case se.Code == http.StatusTooManyRequests || se.Code == http.StatusServiceUnavailable:
			if d, ok := se.RetryDelay(now); ok {
				return min(d, r.MaxRetryAfter), true, true
			}
			return backoff, true, true
		case se.Code >= 500, se.Code == http.StatusRequestTimeout:
			return backoff, true, false
		}
		return 0, false, false // 404, 410, 403...: asking again will not help
	case errors.Is(err, clip.ErrTimeout), errors.Is(err, clip.ErrNetwork):
		return backoff, true, false
	}
	return 0, false, false // not a web page, empty, too large, a bad address
}

// reason is a failure as the queue records it: the clipper's message
// without its "clip URL:" prefix, which the row already shows.
func reason(err error) string {
	msg := err.Error()
	if strings.HasPrefix(msg, "clip ") {
		if i := strings.Index(msg, ": "); i >= 0 {
			msg = msg[i+2:]
		}
	}
	return msg
}

// drain waits for the fetches under way after a storage error stopped the
// run, putting their rows back, and returns err.
func (r *Runner) drain(results chan result, active int, err error) error {
	for ; active > 0; active-- {
		res := <-results
		r.Library.ReleaseQueued(context.Background(), res.item.ID)
	}
	return err
}
