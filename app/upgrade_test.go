package app

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"app.margin/margin/storage"
)

// waitFor polls cond until it holds; a test that waits forever fails
// instead (the deadline is generous: nothing here is a speed check).
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(20 * time.Second); !cond(); {
		if time.Now().After(deadline) {
			t.Fatalf("gave up waiting for %s", what)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// serialized runs what the upgrade hands to Fyne's goroutine under one
// lock, as the real driver runs it on one goroutine, so that the test reads
// the window under that lock too.
type serialized struct{ mu sync.Mutex }

func (s *serialized) do(f func()) {
	s.mu.Lock()
	defer s.mu.Unlock()
	f()
}

// texts is every label's text in the upgrade's window, "" while none.
func (s *serialized) texts(u *upgrading) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	if u.win == nil {
		return ""
	}
	var b strings.Builder
	for _, o := range test.LaidOutObjects(u.win.Content()) {
		if l, ok := o.(*widget.Label); ok {
			b.WriteString(l.Text + "\n")
		}
	}
	return b.String()
}

// TestUpgradeWindowShowsProgress: an upgrade that takes a while gets a window
// with its progress; the opened library is handed on while that window is
// still open (closing the app's last window would quit it), then it closes.
func TestUpgradeWindowShowsProgress(t *testing.T) {
	a := test.NewTempApp(t)
	path := filepath.Join(t.TempDir(), "library.db")
	release := make(chan struct{})
	open := func(ctx context.Context, progress func(storage.Upgrade)) (*storage.Library, error) {
		progress(storage.Upgrade{Migration: "010_split_search"})
		progress(storage.Upgrade{Migration: "010_split_search", Done: 12500, Total: 100000})
		<-release
		return storage.Open(ctx, path)
	}
	type result struct {
		lib     *storage.Library
		err     error
		windows int
	}
	got := make(chan result, 1)
	before := len(a.Driver().AllWindows())
	var ui serialized
	u := newUpgrading(a)
	u.delay, u.do, u.makeFonts = 0, ui.do, func() {}
	u.run(context.Background(), open, func(l *storage.Library, err error) {
		got <- result{l, err, len(a.Driver().AllWindows()) - before}
	})

	waitFor(t, "the upgrade window", func() bool {
		return strings.Contains(ui.texts(u), "12,500 of 100,000 articles")
	})
	if texts := ui.texts(u); !strings.Contains(texts, "Upgrading your library") {
		t.Errorf("window says %q, want it to say the library is upgrading", texts)
	}
	ui.do(func() {
		if v := u.bar.Value; v != 0.125 {
			t.Errorf("progress bar at %v, want 0.125", v)
		}
	})
	close(release)
	r := <-got
	if r.err != nil || r.lib == nil {
		t.Fatalf("done got %v, %v; want the library", r.lib, r.err)
	}
	defer r.lib.Close()
	if r.windows != 1 {
		t.Errorf("%d windows open when the library was handed on, want the upgrade window still open", r.windows)
	}
	waitFor(t, "the upgrade window to close", func() bool {
		var n int
		ui.do(func() { n = len(a.Driver().AllWindows()) })
		return n == before
	})
}

// TestUpgradeQuitStopsIt: Quit cancels the upgrade (the library rolls back
// to what it was) and quits the app once it has stopped, without handing
// anything on; an open that fails hands its error on as it is.
func TestUpgradeQuitStopsIt(t *testing.T) {
	a := test.NewTempApp(t)
	stopped := make(chan error, 1)
	quit := make(chan struct{})
	var ui serialized
	u := newUpgrading(a)
	u.delay, u.do, u.makeFonts = 0, ui.do, func() {}
	u.quitApp = func() { close(quit) }
	u.run(context.Background(), func(ctx context.Context, progress func(storage.Upgrade)) (*storage.Library, error) {
		progress(storage.Upgrade{Migration: "010_split_search", Total: 10})
		<-ctx.Done()
		stopped <- ctx.Err()
		return nil, ctx.Err()
	}, func(*storage.Library, error) { t.Error("done called after Quit") })

	waitFor(t, "the upgrade window", func() bool { return strings.Contains(ui.texts(u), "Upgrading your library") })
	ui.do(func() { test.Tap(u.quit) })
	if err := <-stopped; !errors.Is(err, context.Canceled) {
		t.Errorf("the upgrade saw %v, want it cancelled", err)
	}
	<-quit

	quick := newUpgrading(a)
	quick.do, quick.makeFonts = ui.do, func() {}
	opened := make(chan error, 1)
	quick.run(context.Background(), func(context.Context, func(storage.Upgrade)) (*storage.Library, error) {
		return nil, errors.New("not a library")
	}, func(_ *storage.Library, err error) { opened <- err })
	if err := <-opened; err == nil || err.Error() != "not a library" {
		t.Errorf("done got %v, want the open's error as it is", err)
	}
}
