package app

import (
	"slices"
	"testing"
	"time"

	"app.margin/margin/app/internal/sched"
)

func TestDebouncerRunsTheLastCallOncePaused(t *testing.T) {
	const d = 250 * time.Millisecond
	tests := []struct {
		name string
		then func(b *debouncer, clock *sched.Manual)
		want []string
	}{
		{"calls pause", func(_ *debouncer, clock *sched.Manual) { clock.Advance(d / 2) }, []string{"second"}},
		{"not paused long enough", func(_ *debouncer, clock *sched.Manual) { clock.Advance(d/2 - time.Millisecond) }, nil},
		{"flushed", func(b *debouncer, clock *sched.Manual) { b.flush(); clock.Advance(d) }, []string{"second"}},
		{"cancelled", func(b *debouncer, clock *sched.Manual) { b.cancel(); b.flush(); clock.Advance(d) }, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			clock := sched.NewManual(time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC))
			b := newDebouncer(clock, d)
			var ran []string
			b.call(func() { ran = append(ran, "first") })
			clock.Advance(d / 2)
			b.call(func() { ran = append(ran, "second") })
			clock.Advance(d / 2) // the first call's time, had it not been replaced
			tc.then(b, clock)
			if !slices.Equal(ran, tc.want) {
				t.Errorf("ran %q, want %q", ran, tc.want)
			}
		})
	}
}
