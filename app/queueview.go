package app

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"app.margin/margin/storage"
)

// queueViewFailures is how many failed pages the queue view lists: enough
// to see what went wrong and where, without loading ten thousand rows.
const queueViewFailures = 200

// queueView is File > Clipping Queue…: the queue's counts by state, the
// run's progress, and the pages that could not be fetched with their
// reasons, with Retry Failed and Cancel Waiting. Its fields are Fyne's
// goroutine's; it reloads while a run reports progress.
type queueView struct {
	u        *ui
	dlg      dialog.Dialog
	progress *widget.Label
	counts   *widget.Label
	heading  *widget.Label
	list     *widget.List
	retry    *widget.Button
	cancel   *widget.Button
	failures []storage.QueueItem
}

// showQueueView opens the queue view, or brings the open one up to date.
func (u *ui) showQueueView() {
	if u.clipQueue == nil {
		return
	}
	if u.queueView != nil {
		u.queueView.reload()
		return
	}
	v := &queueView{u: u, progress: widget.NewLabel(""), counts: widget.NewLabel(""), heading: widget.NewLabel("")}
	v.heading.TextStyle.Bold = true
	v.list = widget.NewList(func() int { return len(v.failures) }, newFailureRow, func(id widget.ListItemID, o fyne.CanvasObject) {
		if id < len(v.failures) {
			setFailureRow(o, v.failures[id])
		}
	})
	v.retry = widget.NewButton("Retry Failed", v.retryFailed)
	v.cancel = widget.NewButton("Cancel Waiting", v.cancelWaiting)
	buttons := container.NewHBox(layout.NewSpacer(), v.cancel, v.retry)
	content := container.NewBorder(container.NewVBox(v.progress, v.counts, v.heading), buttons, nil, nil, v.list)
	v.dlg = dialog.NewCustom("Clipping Queue", "Close", content, u.win)
	v.dlg.SetOnClosed(func() {
		if u.queueView == v {
			u.queueView = nil
		}
	})
	v.dlg.Resize(fyne.NewSize(720, 520))
	u.queueView = v
	u.showNotice(v.dlg)
	v.reload()
}

// refreshQueueView brings the queue view up to date if it is open.
func (u *ui) refreshQueueView() {
	if u.queueView != nil {
		u.queueView.reload()
	}
}

// reload reads the queue's state in the background and shows it.
func (v *queueView) reload() {
	u := v.u
	u.goFn(func() {
		st, err := u.clipQueue.Status(u.ctx, queueViewFailures)
		fyne.Do(func() {
			if u.queueView != v || u.ctx.Err() != nil {
				return // closed meanwhile
			}
			v.set(st, err)
		})
	})
}

// set shows st (or why it could not be read).
func (v *queueView) set(st storage.QueueStatus, err error) {
	v.progress.SetText(v.progressText())
	if err != nil {
		v.counts.SetText("Couldn't read the queue: " + plainWords(err))
		v.failures = nil
		v.heading.SetText("")
		v.list.Refresh()
		return
	}
	v.counts.SetText(queueCountsText(st))
	v.failures = st.Failures
	v.heading.SetText(failuresHeading(st.Failed, len(st.Failures)))
	v.list.Refresh()
	if st.Failed == 0 {
		v.retry.Disable()
	} else {
		v.retry.Enable()
	}
	if st.Pending == 0 {
		v.cancel.Disable()
	} else {
		v.cancel.Enable()
	}
}

// progressText is the run's counter as the strip shows it, or that no run
// is under way.
func (v *queueView) progressText() string {
	if v.u.running != nil && v.u.fetch.label.Text != "" {
		return v.u.fetch.label.Text
	}
	return "Not fetching now."
}

// queueCountsText counts the queue's pages by state.
func queueCountsText(st storage.QueueStatus) string {
	return fmt.Sprintf("%s waiting · %s fetching · %s done · %s failed",
		groupDigits(st.Pending), groupDigits(st.Running), groupDigits(st.Done), groupDigits(st.Failed))
}

// failuresHeading introduces the list of failures: shown of failed.
func failuresHeading(failed, shown int) string {
	switch {
	case failed == 0:
		return "No page failed."
	case shown < failed:
		return fmt.Sprintf("Could not be fetched (the first %s of %s):", groupDigits(shown), groupDigits(failed))
	}
	return "Could not be fetched:"
}

func newFailureRow() fyne.CanvasObject {
	title := widget.NewLabel("")
	title.TextStyle.Bold = true
	title.Truncation = fyne.TextTruncateEllipsis
	addr := widget.NewLabel("")
	addr.Truncation = fyne.TextTruncateEllipsis
	reason := widget.NewLabel("")
	reason.Truncation = fyne.TextTruncateEllipsis
	return container.NewVBox(title, addr, reason)
}

// setFailureRow shows a failed page: its title (its address when it has
// none), its address, and why it failed.
func setFailureRow(o fyne.CanvasObject, it storage.QueueItem) {
	labels := o.(*fyne.Container).Objects
	title := it.Title
	if title == "" {
		title = it.URL
	}
	labels[0].(*widget.Label).SetText(title)
	labels[1].(*widget.Label).SetText(it.URL)
	labels[2].(*widget.Label).SetText(it.Error)
}

// retryFailed makes the failed pages wait again and sets the queue going.
func (v *queueView) retryFailed() {
	u := v.u
	v.retry.Disable()
	u.goFn(func() {
		n, err := u.clipQueue.RetryFailed(u.ctx)
		fyne.Do(func() {
			if u.ctx.Err() != nil {
				return
			}
			if err != nil {
				u.showError("Couldn't retry the failed pages", err)
			} else if n > 0 {
				u.startQueue(n)
			}
			u.refreshQueueView()
		})
	})
}

// cancelWaiting gives up the pages still waiting; a run under way ends
// once the pages it is fetching are done.
func (v *queueView) cancelWaiting() {
	u := v.u
	v.cancel.Disable()
	u.goFn(func() {
		_, err := u.clipQueue.CancelWaiting(u.ctx)
		fyne.Do(func() {
			if u.ctx.Err() != nil {
				return
			}
			if err != nil {
				u.showError("Couldn't cancel the waiting pages", err)
			}
			u.refreshQueueView()
		})
	})
}
