package app

import (
	"time"

	"app.margin/margin/app/internal/sched"
)

// debouncer runs the last function given to call once calls pause for d.
// It is used from Fyne's goroutine only; the function runs on a timer's
// goroutine (or on Fyne's, when flushed), so it hands any I/O to the
// scheduler's Go.
type debouncer struct {
	after   func(time.Duration, func()) func() bool
	d       time.Duration
	stop    func() bool
	pending func()
}

// newDebouncer returns a debouncer whose timers come from s.
func newDebouncer(s sched.Scheduler, d time.Duration) *debouncer {
	return &debouncer{after: s.AfterFunc, d: d}
}

func (b *debouncer) call(f func()) {
	if b.stop != nil {
		b.stop()
	}
	b.pending = f
	b.stop = b.after(b.d, f)
}

// flush runs the pending function now, if it has not run yet.
func (b *debouncer) flush() {
	if b.stop != nil && b.stop() && b.pending != nil {
		b.pending()
	}
	b.stop, b.pending = nil, nil
}

// cancel drops the pending function.
func (b *debouncer) cancel() {
	if b.stop != nil {
		b.stop()
	}
	b.stop, b.pending = nil, nil
}
