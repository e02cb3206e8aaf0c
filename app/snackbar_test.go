package app

import (
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"app.margin/margin/app/internal/sched"
)

// TestSnackbarShowsNewsOnOneLineForAWhile: news is one line (a title may
// hold line breaks) and goes away after snackDuration, or on its action.
func TestSnackbarShowsNewsOnOneLineForAWhile(t *testing.T) {
	test.NewTempApp(t)
	clock := sched.NewManual(time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC))
	relayouts := 0
	s := newSnackbar(clock, func() { relayouts++ })
	s.show("Clipped: Two\nlines\u202E", "", nil)
	if got, want := s.label.Text, "Clipped: Two lines"; got != want {
		t.Errorf("news %q, want %q", got, want)
	}
	if !s.box.Visible() || s.action.Visible() || relayouts != 1 {
		t.Errorf("shown: visible %v, action %v, %d relayouts; want true, false, 1", s.box.Visible(), s.action.Visible(), relayouts)
	}
	clock.Advance(snackDuration - time.Millisecond)
	if !s.box.Visible() {
		t.Fatal("the news went away early")
	}
	clock.Advance(time.Millisecond)
	if s.box.Visible() {
		t.Error("the news is still shown after snackDuration")
	}

	undone := false
	s.show("Highlight deleted", "Undo", func() { undone = true })
	test.Tap(s.action)
	if !undone || s.box.Visible() {
		t.Errorf("after Undo: undone %v, visible %v; want true, false", undone, s.box.Visible())
	}
	if clock.Advance(snackDuration); s.box.Visible() {
		t.Error("the timer of the dismissed news showed it again")
	}
}
