package app

import (
	"context"
	"fmt"
	"sort"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"app.margin/margin/export"
)

// fakeClock is the UI's clock in a test: time moves only when the test
// advances it, and timers fire then, in order.
type fakeClock struct {
	mu     sync.Mutex
	t      time.Time
	timers []*fakeTimer
}

type fakeTimer struct {
	at      time.Time
	f       func()
	stopped bool
}

func (c *fakeClock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *fakeClock) after(d time.Duration, f func()) func() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	t := &fakeTimer{at: c.t.Add(d), f: f}
	c.timers = append(c.timers, t)
	return func() bool {
		c.mu.Lock()
		defer c.mu.Unlock()
		was := !t.stopped
		t.stopped = true
		return was
	}
}

// advance moves the clock on by d, firing the timers that fall due.
func (c *fakeClock) advance(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	var due []*fakeTimer
	for _, t := range c.timers {
		if !t.stopped && !t.at.After(c.t) {
			t.stopped = true
			due = append(due, t)
		}
	}
	c.mu.Unlock()
	sort.SliceStable(due, func(i, j int) bool { return due[i].at.Before(due[j].at) })
	for _, t := range due {
		t.f()
	}
}

// exportDialogWidgets finds the progress label and bar of the dialog on top.
func exportDialogWidgets(t *testing.T, w fyne.Window) (*widget.Label, *widget.ProgressBar) {
	t.Helper()
	var label *widget.Label
	var bar *widget.ProgressBar
	walk(w.Canvas().Overlays().Top(), func(o fyne.CanvasObject) {
		switch o := o.(type) {
		case *widget.Label:
			if label == nil {
				label = o
			}
		case *widget.ProgressBar:
			bar = o
		}
	})
	if label == nil || bar == nil {
		t.Fatal("no progress label and bar on top of the window")
	}
	return label, bar
}

// TestExportProgressIsCoalesced runs exports of different speeds through the
// export dialog on a clock the test moves, watching the progress label: it
// changes at most once per exportProgressInterval (plus the final state),
// never lags a report by more than the interval, and ends on the last state.
func TestExportProgressIsCoalesced(t *testing.T) {
	tests := []struct {
		name        string
		articles    int
		each        time.Duration // how long one article takes
		stallLast   time.Duration // extra time the last article takes
		wantUpdates int           // label changes, with the final one
	}{
		// The bound: one at the first report, one per interval after it,
		// and the final state.
		{"1,000 articles at once", 1000, 0, 0, 2},
		{"1,000 articles, 1 ms each", 1000, time.Millisecond, 0, 21},
		{"1,000 articles, 1 ms each, the last one slow", 1000, time.Millisecond, 3 * time.Second, 22},
		{"5 articles, 200 ms each", 5, 200 * time.Millisecond, 0, 5},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			u, _ := newTestUI(t, &fakeLibrary{}, nil)
			clock := &fakeClock{t: time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)}
			u.now, u.after = clock.now, clock.after

			var label *widget.Label
			var bar *widget.ProgressBar
			updates, lastText := 0, ""
			lastReport := clock.now()
			// watch counts the label's changes and checks it shows every
			// state reported more than an interval ago.
			watch := func(reported int, since time.Time) {
				if label.Text != lastText {
					updates++
					lastText = label.Text
				}
				if reported > 0 && clock.now().Sub(since) >= exportProgressInterval {
					if want := fmt.Sprintf("%s of %s", groupDigits(reported), plural(tc.articles, "article", "articles")); label.Text != want {
						t.Errorf("%v after the report of %d: label %q, want %q", clock.now().Sub(since), reported, label.Text, want)
					}
				}
			}
			u.exportToDir = func(_ context.Context, _ export.Library, dir string, _ export.Selection, _ export.Options, p export.Progress) (export.Result, error) {
				label, bar = exportDialogWidgets(t, u.win)
				lastText = label.Text // "Preparing…"
				for i := 1; i <= tc.articles; i++ {
					clock.advance(tc.each)
					if i == tc.articles {
						clock.advance(tc.stallLast)
					}
					watch(i-1, lastReport)
					p(i, tc.articles)
					lastReport = clock.now()
					watch(i, lastReport)
				}
				return export.Result{Dir: dir}, nil
			}
			u.runExport(export.Selection{}, export.Options{}, t.TempDir(), true)
			if label == nil {
				t.Fatal("the export did not run")
			}
			if label.Text != lastText {
				updates++
			}

			wantText := fmt.Sprintf("%s of %s", groupDigits(tc.articles), plural(tc.articles, "article", "articles"))
			if label.Text != wantText || bar.Value != float64(tc.articles) || bar.Max != float64(tc.articles) {
				t.Errorf("final state: label %q, bar %v of %v; want %q, %d of %d", label.Text, bar.Value, bar.Max, wantText, tc.articles, tc.articles)
			}
			elapsed := time.Duration(tc.articles)*tc.each + tc.stallLast
			if bound := 2 + int(elapsed/exportProgressInterval); updates > bound {
				t.Errorf("%d UI updates for %d articles over %v, more than the bound %d", updates, tc.articles, elapsed, bound)
			}
			if updates != tc.wantUpdates {
				t.Errorf("%d UI updates for %d articles, want %d", updates, tc.articles, tc.wantUpdates)
			}
			if u.win.Canvas().Overlays().Top() == nil {
				t.Error("no summary shown after the export")
			}
		})
	}
}
