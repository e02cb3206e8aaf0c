package app

import (
	"context"
	"errors"
	"fmt"
	"sync/atomic"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"app.margin/margin/queue"
)

// How often at most the queue's counter is redrawn, and how long closing
// the window waits for the fetches under way to end (each sees the
// cancelled context, so it is a moment unless a page is being stored).
const (
	queueProgressInterval = 250 * time.Millisecond
	queueStopWait         = 5 * time.Second
)

// fetchStatus is the strip above the snackbar that shows an import or the
// clipping queue at work ("Fetching 12 of 340…"), without a dialog in the
// way: the reader goes on reading meanwhile.
type fetchStatus struct {
	relayout func()
	box      *fyne.Container
	label    *widget.Label
	bar      *widget.ProgressBar
	stop     *widget.Button
	details  *widget.Button
}

// newFetchStatus makes the strip; its Details button calls details (the
// queue view).
func newFetchStatus(relayout, details func()) *fetchStatus {
	s := &fetchStatus{relayout: relayout, label: widget.NewLabel(""), bar: widget.NewProgressBar()}
	s.label.Truncation = fyne.TextTruncateEllipsis
	s.bar.TextFormatter = func() string { return "" } // the label says it in words
	s.stop = widget.NewButton("Stop", nil)
	s.stop.Importance = widget.LowImportance
	s.details = widget.NewButton("Details", details)
	s.details.Importance = widget.LowImportance
	s.box = container.NewVBox(widget.NewSeparator(),
		container.NewBorder(nil, nil, nil, container.NewHBox(s.details, s.stop), container.NewGridWithColumns(2, s.label, s.bar)))
	s.box.Hide()
	return s
}

func (s *fetchStatus) content() fyne.CanvasObject { return s.box }

// show shows text and done of total on the bar (no bar while total is 0),
// with a Stop button when stop is set.
func (s *fetchStatus) show(text string, done, total int, stop func()) {
	s.label.SetText(text)
	s.bar.Max = float64(max(total, 1))
	s.bar.SetValue(float64(done))
	s.bar.Hidden = total == 0
	s.stop.OnTapped = stop
	s.stop.Hidden = stop == nil
	if !s.box.Visible() {
		s.box.Show()
		s.relayout()
	}
	s.box.Refresh()
}

func (s *fetchStatus) hide() {
	if s.box.Visible() {
		s.box.Hide()
		s.relayout()
	}
}

// queueRun is a run of the clipping queue in the background. Its fields
// are Fyne's goroutine's.
type queueRun struct {
	cancel context.CancelFunc
	done   chan struct{} // closed when Run has returned
	// added counts the pages imports queued during the run: the run
	// fetches them too, on top of the Total it started with. again makes
	// sure of it when they came as the run was ending.
	added int
	again bool
}

// resumeQueue runs the clipping queue when pages wait in it: an import the
// window closed on, or a run a crash cut short.
func (u *ui) resumeQueue() {
	if u.clipQueue == nil {
		return
	}
	u.goFn(func() {
		n, err := u.clipQueue.Waiting(u.ctx)
		if err != nil || n == 0 {
			return // a library that cannot be read says so wherever it is used
		}
		fyne.Do(func() { u.startQueue(0) })
	})
}

// startQueue runs the clipping queue in the background unless it runs
// already; added is how many pages were just queued, for the counter.
func (u *ui) startQueue(added int) {
	if r := u.running; r != nil {
		r.added += added
		r.again = true
		return
	}
	ctx, cancel := context.WithCancel(u.ctx)
	r := &queueRun{cancel: cancel, done: make(chan struct{})}
	u.running = r
	var failed atomic.Int64 // OnEvent's, read when the counter is drawn
	shown := u.newProgress(queueProgressInterval, func(done, total int) {
		u.fetch.show(fetchingText(done, total+r.added, int(failed.Load())), done, total+r.added, cancel)
		u.refreshQueueView()
	})
	u.fetch.show(fetchingText(0, added, 0), 0, added, cancel)
	u.refreshQueueView()
	u.goFn(func() {
		sum, err := u.clipQueue.Run(ctx, func(ev queue.Event) {
			failed.Store(int64(ev.Failed))
			shown.report(ev.Fetched+ev.Failed, ev.Total)
			if ev.Outcome == queue.Fetched {
				id := ev.Item.ArticleID
				fyne.Do(func() { u.fetchedOpen(id) })
			}
		})
		close(r.done)
		fyne.Do(func() {
			shown.finish()
			u.queueEnded(r, sum, err)
		})
	})
}

// fetchedOpen shows the text of the open article when it is the page the
// queue just fetched: it was opened as a bookmark, title and address only.
func (u *ui) fetchedOpen(id int64) {
	if u.currentID() == id {
		u.loadArticle(id)
	}
}

// queueEnded says what a run did, and runs the queue again for pages an
// import queued as it ended.
func (u *ui) queueEnded(r *queueRun, sum queue.Summary, err error) {
	r.cancel()
	u.running = nil
	u.fetch.hide()
	defer u.refreshQueueView()
	if u.ctx.Err() != nil {
		return // the window closed; the next start goes on
	}
	if sum.Fetched > 0 {
		u.library.reload(false) // the fetched pages have their text, excerpt and site now
	}
	switch {
	case errors.Is(err, context.Canceled):
		u.snack.show(fmt.Sprintf("Stopped fetching after %s; the rest are fetched the next time Margin starts.",
			plural(sum.Fetched+sum.Failed, "page", "pages")), "Resume", func() { u.startQueue(0) })
		return
	case err != nil:
		u.snack.show("Fetching stopped: "+plainWords(err), "", nil)
		return
	case sum.Failed > 0:
		u.snack.show(fmt.Sprintf("Fetched %s; %s could not be fetched and stay bookmarks.",
			plural(sum.Fetched, "page", "pages"), groupDigits(sum.Failed)), "Why?", u.showQueueView)
	case sum.Fetched > 0:
		u.snack.show("Fetched "+plural(sum.Fetched, "page", "pages")+".", "", nil)
	}
	if r.again {
		u.startQueue(0)
	}
}

// stopQueue cancels a run and waits a moment for its fetches to end, so
// that a page being stored is kept and the library is not closed under it.
// Pages cut short wait for the next start.
func (u *ui) stopQueue() {
	r := u.running
	if r == nil {
		return
	}
	r.cancel()
	select {
	case <-r.done:
	case <-time.After(queueStopWait):
	}
}

// fetchingText is the queue's counter: pages done (fetched or failed) of
// those to fetch.
func fetchingText(done, total, failed int) string {
	if total == 0 {
		return "Fetching pages…"
	}
	s := fmt.Sprintf("Fetching %s of %s…", groupDigits(done), groupDigits(total))
	if failed > 0 {
		s += fmt.Sprintf(" (%s failed)", groupDigits(failed))
	}
	return s
}
