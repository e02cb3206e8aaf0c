package app

import (
	"context"
	"errors"
	"strings"

	"fyne.io/fyne/v2"

	"app.margin/margin/clip"
)

// clipJob is one clip running in the background; the library list shows it
// as a pending row, and the clip tray as a row, until it ends (the tray
// keeps it while it has failed).
type clipJob struct {
	target      string
	originalURL string
	label       string // "Clipping example.com…"
	cancel      func() // the ✕ on its row
}

// clipFromEntry clips what the address field holds: each page when it
// holds several addresses. The field is cleared so the next address can be
// pasted at once; a failure puts it back.
func (u *ui) clipFromEntry() {
	targets := splitTargets(u.urlEntry.Text)
	if len(targets) == 0 {
		u.focusURL()
		return
	}
	u.urlEntry.SetText("")
	u.clipAll(targets)
}

// clipAll clips each target, in the order given.
func (u *ui) clipAll(targets []string) {
	for _, t := range targets {
		u.clip(t, "")
	}
}

// clip fetches target (a URL or a saved page) in the background, stores it,
// and opens it unless the reader opened something else meanwhile.
func (u *ui) clip(target, originalURL string) {
	ctx, cancel := context.WithCancel(u.ctx)
	job := &clipJob{target: target, originalURL: originalURL, label: "Clipping " + displayName(target) + "…", cancel: cancel}
	u.library.addPending(job)
	u.tray.add(job)
	seq := u.openSeq
	u.goFn(func() {
		defer cancel()
		a, err := u.clipper.Clip(ctx, target, originalURL)
		var id int64
		var updated bool
		if err == nil {
			id, updated, err = u.lib.Save(u.ctx, a) // once fetched, a page is kept even if cancelled
		}
		fyne.Do(func() {
			u.library.removePending(job)
			if errors.Is(err, context.Canceled) && ctx.Err() != nil {
				u.tray.done(job) // the reader stopped it
				return
			}
			if err != nil {
				if u.urlEntry.Text == "" && !isLocalFile(target) {
					u.urlEntry.SetText(target)
				}
				u.tray.failed(job, err)
				return
			}
			u.tray.done(job)
			if updated {
				u.snack.show("Updated: "+a.Title, "", nil)
			} else {
				u.snack.show("Clipped: "+a.Title, "", nil)
			}
			u.library.reload(false)
			u.library.reloadTags()
			if seq == u.openSeq || u.currentID() == id {
				u.loadArticle(id) // also shows the new text of a re-clipped open article
			}
		})
	})
}

// displayName is how a clip target is named to the reader: the host of a
// web page, the file name of a saved page, else what was typed.
func displayName(target string) string {
	if t, err := clip.ParseTarget(target); err == nil {
		return t.Name()
	}
	return target
}

// isLocalFile reports a target that names a file (clip.ParseTarget's rule,
// so "example.com/post.html" is a web page here as everywhere).
func isLocalFile(target string) bool {
	t, err := clip.ParseTarget(target)
	if err != nil {
		return errors.Is(err, clip.ErrFileNotFound)
	}
	return t.IsFile()
}

// showOpenFile lets the reader pick a saved web page to clip.
func (u *ui) showOpenFile() {
	showFilePicker(u.win, u.showPicker, fyne.NewSize(900, 600), []string{".html", ".htm", ".HTML", ".HTM"},
		func(err error) { u.showError("Couldn't open the file", err) }, func(path string) { u.clip(path, "") })
}

// retryClip clips a failed job's page again; the address the failure put
// back in the field goes, so that Enter does not clip it a third time.
func (u *ui) retryClip(j *clipJob) {
	if strings.TrimSpace(u.urlEntry.Text) == j.target {
		u.urlEntry.SetText("")
	}
	u.clip(j.target, j.originalURL)
}
