package sched

import (
	"slices"
	"strings"
	"testing"
	"time"
)

var start = time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)

func TestManualAdvanceRunsDueTimersInOrder(t *testing.T) {
	m := NewManual(start)
	var got []string
	var at []time.Duration
	record := func(name string) func() {
		return func() { got = append(got, name); at = append(at, m.Now().Sub(start)) }
	}
	m.AfterFunc(300*time.Millisecond, record("300ms"))
	m.AfterFunc(100*time.Millisecond, record("100ms"))
	stop := m.AfterFunc(200*time.Millisecond, record("stopped"))
	m.AfterFunc(100*time.Millisecond, func() {
		record("100ms, second")()
		m.AfterFunc(50*time.Millisecond, record("set by a timer"))
	})
	m.AfterFunc(time.Second, record("1s"))
	if !stop() || stop() {
		t.Error("stop reports true once, while pending")
	}
	m.Advance(500 * time.Millisecond)
	if want := []string{"100ms", "100ms, second", "set by a timer", "300ms"}; !slices.Equal(got, want) {
		t.Errorf("ran %q, want %q", got, want)
	}
	if want := []time.Duration{100, 100, 150, 300}; !slices.Equal(at, scale(want, time.Millisecond)) {
		t.Errorf("ran at %v, want %v ms", at, want)
	}
	if got, want := m.Now().Sub(start), 500*time.Millisecond; got != want {
		t.Errorf("clock at %v, want %v", got, want)
	}
	if got, want := m.Pending(), 1; got != want {
		t.Errorf("%d timers pending, want %d", got, want)
	}
}

func scale(ds []time.Duration, unit time.Duration) []time.Duration {
	out := make([]time.Duration, len(ds))
	for i, d := range ds {
		out[i] = d * unit
	}
	return out
}

func TestManualHoldQueuesWorkUntilFlush(t *testing.T) {
	m := NewManual(start)
	var got []int
	m.Go(func() { got = append(got, 1) })
	m.Hold()
	m.Go(func() {
		got = append(got, 2)
		m.Go(func() { got = append(got, 3) })
	})
	if want := []int{1}; !slices.Equal(got, want) {
		t.Fatalf("before Flush ran %v, want %v", got, want)
	}
	m.Flush()
	if want := []int{1, 2, 3}; !slices.Equal(got, want) {
		t.Errorf("after Flush ran %v, want %v", got, want)
	}
}

func TestEveryTicksUntilStopped(t *testing.T) {
	m := NewManual(start)
	n := 0
	stop := Every(m, 50*time.Millisecond, func() { n++ })
	m.Advance(175 * time.Millisecond)
	if n != 3 {
		t.Errorf("%d ticks in 175 ms, want 3", n)
	}
	stop()
	m.Advance(time.Second)
	if n != 3 || m.Pending() != 0 {
		t.Errorf("after stop: %d ticks, %d timers pending; want 3 and 0", n, m.Pending())
	}
}

func TestReleaseHandsBackHeldWork(t *testing.T) {
	m := NewManual(time.Unix(0, 0))
	var ran []string
	m.Hold()
	m.Go(func() { ran = append(ran, "held") })
	queued := m.Release()
	m.Go(func() { ran = append(ran, "after") })
	if got, want := strings.Join(ran, ","), "after"; got != want {
		t.Fatalf("ran %q before the held work was run, want %q", got, want)
	}
	if len(queued) != 1 {
		t.Fatalf("released %d pieces of work, want 1", len(queued))
	}
	queued[0]()
	if got, want := strings.Join(ran, ","), "after,held"; got != want {
		t.Errorf("ran %q, want %q", got, want)
	}
}
