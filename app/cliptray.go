package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// trayRows is how many clips the tray lists; the rest are counted below
// them, so a long paste cannot push the reader off the window.
const trayRows = 4

// clipTray is the strip at the bottom of the window that lists the clips
// under way and those that failed, each with its reason, Retry and Dismiss.
// It replaces the dialog a failure used to open: nothing waits for the
// reader, so pasting several addresses clips them all whatever fails.
type clipTray struct {
	// relayout makes room for the strip or takes it back.
	relayout func()
	// retry clips a failed job's page again.
	retry func(j *clipJob)

	box        *fyne.Container
	rows       *fyne.Container
	more       *widget.Label
	dismissAll *widget.Button
	jobs       []*clipJob
	fails      map[*clipJob]error // the failed jobs and why
}

func newClipTray(relayout func(), retry func(j *clipJob)) *clipTray {
	t := &clipTray{relayout: relayout, retry: retry, rows: container.NewVBox(),
		more: widget.NewLabel(""), fails: map[*clipJob]error{}}
	t.more.Importance = widget.LowImportance
	t.dismissAll = widget.NewButton("Dismiss failed", t.dismissFailed)
	t.dismissAll.Importance = widget.LowImportance
	t.box = container.NewVBox(widget.NewSeparator(), t.rows,
		container.NewBorder(nil, nil, nil, t.dismissAll, t.more))
	t.box.Hide()
	return t
}

func (t *clipTray) content() fyne.CanvasObject { return t.box }

// add lists a clip that has started.
func (t *clipTray) add(j *clipJob) {
	t.jobs = append(t.jobs, j)
	t.redraw()
}

// done takes a clip that succeeded (or was cancelled) off the list.
func (t *clipTray) done(j *clipJob) { t.remove(j) }

// failed keeps a clip on the list with the reason it failed.
func (t *clipTray) failed(j *clipJob, err error) {
	t.fails[j] = err
	t.redraw()
}

func (t *clipTray) remove(j *clipJob) {
	for i, have := range t.jobs {
		if have == j {
			t.jobs = append(t.jobs[:i], t.jobs[i+1:]...)
			break
		}
	}
	delete(t.fails, j)
	t.redraw()
}

// dismissFailed clears every failure from the list.
func (t *clipTray) dismissFailed() {
	for j := range t.fails {
		t.remove(j)
	}
}

// redraw rebuilds the rows: failures first (they wait for the reader),
// then the clips under way.
func (t *clipTray) redraw() {
	var failed, running []fyne.CanvasObject
	for _, j := range t.jobs {
		if err, ok := t.fails[j]; ok {
			failed = append(failed, t.failedRow(j, err))
		} else {
			running = append(running, t.runningRow(j))
		}
	}
	rows := append(failed, running...)
	hidden := len(rows) - trayRows
	t.rows.Objects = rows[:min(len(rows), trayRows)]
	t.more.SetText("and " + plural(hidden, "more clip", "more clips"))
	t.more.Hidden = hidden <= 0
	t.more.Refresh()
	// One Dismiss per row is enough for a single failure.
	t.dismissAll.Hidden = len(failed) < 2
	t.dismissAll.Refresh()
	t.rows.Refresh()
	if shown := len(rows) > 0; shown != t.box.Visible() {
		t.box.Hidden = !shown
		t.relayout()
	}
	t.box.Refresh()
}

func (t *clipTray) runningRow(j *clipJob) fyne.CanvasObject {
	label := widget.NewLabel(j.label)
	label.Truncation = fyne.TextTruncateEllipsis
	cancel := widget.NewButton("Cancel", j.cancel)
	cancel.Importance = widget.LowImportance
	return container.NewBorder(nil, nil, widget.NewIcon(theme.DownloadIcon()), cancel, label)
}

func (t *clipTray) failedRow(j *clipJob, err error) fyne.CanvasObject {
	label := widget.NewLabel("Couldn't clip " + displayName(j.target) + ": " + plainWords(err))
	label.Wrapping = fyne.TextWrapWord
	retry := widget.NewButtonWithIcon("Retry", theme.ViewRefreshIcon(), func() {
		t.remove(j)
		t.retry(j)
	})
	dismiss := widget.NewButtonWithIcon("", theme.CancelIcon(), func() { t.remove(j) })
	dismiss.Importance = widget.LowImportance
	return container.NewBorder(nil, nil, widget.NewIcon(theme.ErrorIcon()),
		container.NewHBox(retry, dismiss), label)
}
