package app

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"app.margin/margin/app/reader"
	marginstorage "app.margin/margin/storage"
)

// upgradeWindowDelay is how long an upgrade runs before its window shows:
// a new library's migrations or a small upgrade finish sooner, and a window
// that flashes up and away only puzzles.
const upgradeWindowDelay = 400 * time.Millisecond

// OpenFunc opens a library, telling progress how an upgrade of an older one
// goes (storage.OnUpgrade); cancelling ctx stops the upgrade, which leaves
// the library as it was.
type OpenFunc func(ctx context.Context, progress func(marginstorage.Upgrade)) (*marginstorage.Library, error)

// OpenLibrary opens a library off Fyne's goroutine, so that the window stays
// alive however long an upgrade takes: an upgrade still running after a
// moment gets a window that says so, with its progress and a way to quit
// (which stops it and leaves the library as it was). done gets the library
// or the error on Fyne's goroutine, before that window closes (closing the
// app's last window quits it); it is not called when the user quit.
func OpenLibrary(ctx context.Context, a fyne.App, open OpenFunc, done func(*marginstorage.Library, error)) {
	newUpgrading(a).run(ctx, open, done)
}

// run opens the library on a goroutine of its own.
func (u *upgrading) run(ctx context.Context, open OpenFunc, done func(*marginstorage.Library, error)) {
	ctx, cancel := context.WithCancel(ctx)
	u.cancel = cancel
	go func() {
		// The theme's CJK fonts are made meanwhile, so that the window
		// has them before its first frame (loadCJKFonts): drawn before,
		// CJK made Fyne load a whole system face, 20 MB more for the run.
		fonts := make(chan struct{})
		go func() {
			defer close(fonts)
			u.makeFonts()
		}()
		l, err := open(ctx, u.report)
		<-fonts
		u.do(func() { u.finish(l, err, done) })
	}()
}

// upgrading is the window of a library upgrade and the numbers it shows.
// report runs on the opening goroutine; everything else on Fyne's.
type upgrading struct {
	app     fyne.App
	cancel  context.CancelFunc
	delay   time.Duration
	quitApp func()       // the app's Quit; tests replace it
	do      func(func()) // fyne.Do; tests replace it
	// makeFonts makes the theme's CJK fonts; tests replace it, so that
	// what a test draws does not depend on the tests before it.
	makeFonts func()

	// mu guards what report shares with Fyne's goroutine.
	mu      sync.Mutex
	latest  marginstorage.Upgrade
	started bool        // the first report came, the window's timer runs
	pending bool        // a refresh is queued on Fyne's goroutine
	win     fyne.Window // nil until shown

	finished bool // the open returned
	quitting bool // the user quit
	bar      *widget.ProgressBar
	busy     *widget.ProgressBarInfinite // while the count is unknown
	status   *widget.Label
	quit     *widget.Button
}

func newUpgrading(a fyne.App) *upgrading {
	return &upgrading{app: a, delay: upgradeWindowDelay, quitApp: a.Quit, do: fyne.Do,
		makeFonts: func() { reader.BoldCJKFallback(); reader.RegularCJKFallback() }}
}

// report takes a progress report from the upgrade; the window reads the
// latest one, so a fast upgrade does not flood Fyne's queue.
func (u *upgrading) report(p marginstorage.Upgrade) {
	u.mu.Lock()
	defer u.mu.Unlock()
	u.latest = p
	if !u.started {
		u.started = true
		time.AfterFunc(u.delay, func() { u.do(u.show) })
	}
	if u.win != nil && !u.pending {
		u.pending = true
		u.do(u.refresh)
	}
}

// show opens the window unless the upgrade is over.
func (u *upgrading) show() {
	if u.finished {
		return
	}
	w := u.app.NewWindow("Margin")
	heading := widget.NewLabelWithStyle("Upgrading your library", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	body := widget.NewLabel("This version of Margin keeps your library's search index in a new form, " +
		"so it rebuilds it once. Your articles, highlights and notes stay as they are. " +
		"Quitting now leaves the library as it was, and the upgrade starts again next time.")
	body.Wrapping = fyne.TextWrapWord
	u.bar = widget.NewProgressBar()
	u.busy = widget.NewProgressBarInfinite()
	u.status = widget.NewLabel("")
	u.quit = widget.NewButton("Quit", u.stop)
	w.SetCloseIntercept(u.stop)
	w.SetContent(container.NewPadded(container.NewVBox(
		heading, body, container.NewStack(u.bar, u.busy), u.status,
		container.NewHBox(layout.NewSpacer(), u.quit),
	)))
	w.Resize(fyne.NewSize(520, 220))
	u.mu.Lock()
	u.win = w
	u.mu.Unlock()
	u.refresh()
	w.Show()
}

// refresh shows the latest report.
func (u *upgrading) refresh() {
	u.mu.Lock()
	p := u.latest
	u.pending = false
	u.mu.Unlock()
	if u.win == nil {
		return
	}
	switch {
	case u.quitting:
		u.status.SetText("Stopping the upgrade…")
	case p.Total > 0:
		u.status.SetText(fmt.Sprintf("Rebuilding the search index: %s of %s", groupDigits(p.Done), plural(p.Total, "article", "articles")))
	default:
		u.status.SetText("Preparing…")
	}
	if p.Total > 0 {
		u.busy.Hide()
		u.busy.Stop()
		u.bar.Show()
		u.bar.SetValue(float64(p.Done) / float64(p.Total))
	} else {
		u.bar.Hide()
		u.busy.Show()
		u.busy.Start()
	}
}

// stop asks the upgrade to stop; the app quits once it has rolled back.
func (u *upgrading) stop() {
	u.quitting = true
	u.cancel()
	if u.quit != nil {
		u.quit.Disable()
	}
	u.refresh()
}

// finish hands the result on and closes the window.
func (u *upgrading) finish(l *marginstorage.Library, err error, done func(*marginstorage.Library, error)) {
	u.finished = true
	u.cancel()
	if u.quitting {
		if l != nil {
			l.Close()
		}
		u.quitApp()
		return
	}
	if errors.Is(err, context.Canceled) {
		err = fmt.Errorf("open library: the upgrade was stopped: %w", err)
	}
	done(l, err)
	if u.win != nil {
		u.busy.Stop()
		u.win.Close()
	}
}
