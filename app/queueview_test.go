package app

import (
	"context"
	"slices"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"app.margin/margin/queue"
	"app.margin/margin/storage"
)

// failedStatus is a queue with one page that could not be fetched.
func failedStatus() storage.QueueStatus {
	return storage.QueueStatus{Pending: 3, Running: 1, Done: 40, Failed: 1, Failures: []storage.QueueItem{{
		ID: 9, ArticleID: 19, URL: "https://example.com/gone", Title: "消失的文章", State: storage.QueueFailed,
		Error: "the page is gone (404 Not Found)",
	}}}
}

// TestQueueViewListsFailures: File > Clipping Queue… shows the counts by
// state and the failed page with its title, address and reason, and asks
// for the first 200 failures; Escape closes it.
func TestQueueViewListsFailures(t *testing.T) {
	var asked int
	q := &fakeQueue{StatusFn: func(_ context.Context, failures int) (storage.QueueStatus, error) {
		asked = failures
		return failedStatus(), nil
	}}
	u, _ := newImportUI(t, &fakeLibrary{}, q)
	menuAction(t, u, "Clipping Queue…")()

	got := topDialogTexts(u.win)
	for _, want := range []string{
		"Clipping Queue", "Not fetching now.", "3 waiting · 1 fetching · 40 done · 1 failed", "Could not be fetched:",
		"消失的文章", "https://example.com/gone", "the page is gone (404 Not Found)", "Retry Failed", "Cancel Waiting",
	} {
		if !slices.Contains(got, want) {
			t.Errorf("queue view %q lacks %q", got, want)
		}
	}
	if got, want := asked, 200; got != want {
		t.Errorf("asked for %d failures, want %d", got, want)
	}

	u.win.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if u.queueView != nil || u.win.Canvas().Overlays().Top() != nil {
		t.Error("Escape left the queue view open")
	}
}

// TestQueueViewRetryRestartsTheRun: Retry Failed calls through, the queue
// runs again, and the view shows the new state.
func TestQueueViewRetryRestartsTheRun(t *testing.T) {
	st := failedStatus()
	var retries, runs int
	q := &fakeQueue{
		StatusFn: func(context.Context, int) (storage.QueueStatus, error) { return st, nil },
		RetryFn: func(context.Context) (int, error) {
			retries++
			st = storage.QueueStatus{Pending: 4, Done: 40}
			return 1, nil
		},
		RunFn: func(context.Context, func(queue.Event)) (queue.Summary, error) {
			runs++
			st = storage.QueueStatus{Done: 44}
			return queue.Summary{Fetched: 4, Total: 4}, nil
		},
	}
	u, _ := newImportUI(t, &fakeLibrary{}, q)
	runs = 0 // the window resumes nothing: Waiting says 0
	u.showQueueView()
	test.Tap(button(t, u.win.Canvas().Overlays().Top(), "Retry Failed"))

	if retries != 1 || runs != 1 {
		t.Errorf("%d retries and %d runs, want 1 and 1", retries, runs)
	}
	got := topDialogTexts(u.win)
	for _, want := range []string{"0 waiting · 0 fetching · 44 done · 0 failed", "No page failed."} {
		if !slices.Contains(got, want) {
			t.Errorf("queue view after the run %q lacks %q", got, want)
		}
	}
	if !u.queueView.retry.Disabled() || !u.queueView.cancel.Disabled() {
		t.Error("Retry Failed or Cancel Waiting enabled with nothing to retry or cancel")
	}
}

// TestQueueViewCancelWaiting: Cancel Waiting calls through and the view
// shows the pages given up as failed.
func TestQueueViewCancelWaiting(t *testing.T) {
	st := storage.QueueStatus{Pending: 2}
	cancels := 0
	q := &fakeQueue{
		StatusFn: func(context.Context, int) (storage.QueueStatus, error) { return st, nil },
		CancelFn: func(context.Context) (int, error) {
			cancels++
			st = storage.QueueStatus{Failed: 2}
			return 2, nil
		},
	}
	u, _ := newImportUI(t, &fakeLibrary{}, q)
	u.showQueueView()
	if !u.queueView.retry.Disabled() {
		t.Error("Retry Failed enabled with no failure")
	}
	test.Tap(button(t, u.win.Canvas().Overlays().Top(), "Cancel Waiting"))
	if cancels != 1 {
		t.Errorf("%d cancels, want 1", cancels)
	}
	if got, want := u.queueView.counts.Text, "0 waiting · 0 fetching · 0 done · 2 failed"; got != want {
		t.Errorf("counts %q, want %q", got, want)
	}
}

// TestQueueViewShowsTheRunsProgress: while a run reports, the view shows
// n of N as the strip does.
func TestQueueViewShowsTheRunsProgress(t *testing.T) {
	var u *ui
	var during string
	q := &fakeQueue{RunFn: func(_ context.Context, onEvent func(queue.Event)) (queue.Summary, error) {
		onEvent(queue.Event{Outcome: queue.Failed, Failed: 1, Total: 5})
		during = u.queueView.progress.Text
		return queue.Summary{Failed: 1, Total: 5}, nil
	}}
	u, _ = newImportUI(t, &fakeLibrary{}, q)
	u.showQueueView()
	u.startQueue(5)
	if got, want := during, "Fetching 1 of 5… (1 failed)"; got != want {
		t.Errorf("progress while running %q, want %q", got, want)
	}
	if got, want := u.queueView.progress.Text, "Not fetching now."; got != want {
		t.Errorf("progress after the run %q, want %q", got, want)
	}
}

func TestFailuresHeading(t *testing.T) {
	tests := []struct {
		name          string
		failed, shown int
		want          string
	}{
		{"none", 0, 0, "No page failed."},
		{"all", 3, 3, "Could not be fetched:"},
		{"first", 1200, 200, "Could not be fetched (the first 200 of 1,200):"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got, want := failuresHeading(tc.failed, tc.shown), tc.want; got != want {
				t.Errorf("got %q, want %q", got, want)
			}
		})
	}
}

// TestQueueViewOpensFromTheStripAndTheNews: the strip's Details button
// opens the view while the queue runs, and so does Why? on the news of a
// run with failures.
func TestQueueViewOpensFromTheStripAndTheNews(t *testing.T) {
	var u *ui
	var openedWhileRunning bool
	q := &fakeQueue{RunFn: func(_ context.Context, onEvent func(queue.Event)) (queue.Summary, error) {
		onEvent(queue.Event{Outcome: queue.Failed, Failed: 1, Total: 2})
		test.Tap(u.fetch.details)
		openedWhileRunning = u.queueView != nil
		u.queueView.dlg.Hide()
		return queue.Summary{Fetched: 1, Failed: 1, Total: 2}, nil
	}}
	u, _ = newImportUI(t, &fakeLibrary{}, q)
	u.startQueue(2)
	if !openedWhileRunning {
		t.Error("Details on the strip did not open the queue view")
	}
	if u.queueView != nil {
		t.Fatal("the queue view is still open after Hide")
	}
	if got, want := u.snack.action.Text, "Why?"; got != want {
		t.Fatalf("news action %q, want %q", got, want)
	}
	test.Tap(u.snack.action)
	if u.queueView == nil {
		t.Error("Why? did not open the queue view")
	}
}
