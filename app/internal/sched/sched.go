// Package sched is where the GUI's time and background work come from.
//
// Every timer, ticker and goroutine of the window and the reader goes
// through a Scheduler, so tests replace it with a Manual one and decide when
// time passes and when work runs: no test waits for real time.
package sched

import (
	"slices"
	"sync"
	"time"
)

// Scheduler runs work later or off Fyne's goroutine, and tells the time.
// Work it runs is not on Fyne's goroutine: it hands widget changes to
// fyne.Do.
type Scheduler interface {
	// Go runs f in the background.
	Go(f func())
	// AfterFunc runs f once d has passed. stop cancels it and reports
	// whether f was still pending.
	AfterFunc(d time.Duration, f func()) (stop func() bool)
	// Now is the current time.
	Now() time.Time
}

// Real is the Scheduler of the running app: goroutines and the system clock.
var Real Scheduler = system{}

type system struct{}

func (system) Go(f func())    { go f() }
func (system) Now() time.Time { return time.Now() }
func (system) AfterFunc(d time.Duration, f func()) func() bool {
	return time.AfterFunc(d, f).Stop
}

// Every calls f every d until stop is called: AfterFunc again after each
// run, so a slow f never has runs pile up behind it.
func Every(s Scheduler, d time.Duration, f func()) (stop func()) {
	var (
		mu      sync.Mutex
		stopped bool
		cancel  func() bool
	)
	var tick func()
	tick = func() {
		f()
		mu.Lock()
		defer mu.Unlock()
		if !stopped {
			cancel = s.AfterFunc(d, tick)
		}
	}
	cancel = s.AfterFunc(d, tick)
	return func() {
		mu.Lock()
		defer mu.Unlock()
		stopped = true
		cancel()
	}
}

// Manual is a Scheduler for tests. Its clock moves only when Advance is
// called, which runs the timers that fall due, in order, on the caller's
// goroutine. Go runs work at once on the caller's goroutine, unless Hold
// was called: then it queues the work until Flush.
type Manual struct {
	mu     sync.Mutex
	now    time.Time
	timers []*manualTimer
	seq    int
	held   bool
	queue  []func()
}

type manualTimer struct {
	at      time.Time
	seq     int // timers due at the same time run in the order they were set
	f       func()
	stopped bool
}

var _ Scheduler = (*Manual)(nil)

// NewManual returns a Manual scheduler whose clock reads start.
func NewManual(start time.Time) *Manual { return &Manual{now: start} }

// Now is the manual clock's time.
func (m *Manual) Now() time.Time {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.now
}

// Go runs f now, or queues it while the scheduler is held.
func (m *Manual) Go(f func()) {
	m.mu.Lock()
	if m.held {
		m.queue = append(m.queue, f)
		m.mu.Unlock()
		return
	}
	m.mu.Unlock()
	f()
}

// Hold makes Go queue its work until Flush, for a test that looks at the
// state while work is in flight.
func (m *Manual) Hold() {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.held = true
}

// Flush runs the queued work in order (and work it queues in turn) until
// none is left. Go still queues afterwards.
func (m *Manual) Flush() {
	for {
		m.mu.Lock()
		if len(m.queue) == 0 {
			m.mu.Unlock()
			return
		}
		f := m.queue[0]
		m.queue = m.queue[1:]
		m.mu.Unlock()
		f()
	}
}

// Release ends a Hold and hands back the work queued meanwhile, for a test
// that runs one piece of work (a clipping run, say) on a goroutine of its
// own while the window goes on: Go runs work at once again.
func (m *Manual) Release() []func() {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.held = false
	q := m.queue
	m.queue = nil
	return q
}

// AfterFunc sets a timer that fires when Advance moves the clock to d from
// now.
func (m *Manual) AfterFunc(d time.Duration, f func()) func() bool {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.seq++
	t := &manualTimer{at: m.now.Add(d), seq: m.seq, f: f}
	m.timers = append(m.timers, t)
	return func() bool {
		m.mu.Lock()
		defer m.mu.Unlock()
		was := !t.stopped
		t.stopped = true
		return was
	}
}

// Pending is how many timers have not fired nor been stopped.
func (m *Manual) Pending() int {
	m.mu.Lock()
	defer m.mu.Unlock()
	n := 0
	for _, t := range m.timers {
		if !t.stopped {
			n++
		}
	}
	return n
}

// Advance moves the clock on by d, running each timer that falls due at its
// own time (a timer set by one that runs is run too if it falls due within d).
func (m *Manual) Advance(d time.Duration) {
	m.mu.Lock()
	end := m.now.Add(d)
	m.mu.Unlock()
	for {
		m.mu.Lock()
		m.timers = slices.DeleteFunc(m.timers, func(t *manualTimer) bool { return t.stopped })
		var next *manualTimer
		for _, t := range m.timers {
			if !t.at.After(end) && (next == nil || t.at.Before(next.at) || t.at.Equal(next.at) && t.seq < next.seq) {
				next = t
			}
		}
		if next == nil {
			m.now = end
			m.mu.Unlock()
			return
		}
		next.stopped = true
		if next.at.After(m.now) {
			m.now = next.at
		}
		m.mu.Unlock()
		next.f()
	}
}
