package app

import (
	"context"
	"fmt"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"app.margin/margin/export"
	"app.margin/margin/storage"
)

// Export dialog choices.
const (
	formatMarkdown = "Markdown (Obsidian, Logseq, git)"
	formatJSON     = "W3C Web Annotation JSON"
	formatEPUB     = "EPUB book (e-readers), with pictures"
	destFolder     = "One file per article, in a folder"
	destFile       = "Everything in one file"
)

// exportScope is one "what to export" choice.
type exportScope struct {
	label string
	sel   export.Selection
}

// exportScopes are the choices that make sense now: the open article, the
// tag and the search the library shows, the whole library.
func (u *ui) exportScopes() []exportScope {
	var scopes []exportScope
	if ss := u.library.pickedItems(); len(ss) > 1 {
		scopes = append(scopes, exportScope{"The " + plural(len(ss), "article", "articles") + " selected", export.Selection{IDs: idsOf(ss)}})
	}
	if a := u.current; a != nil {
		scopes = append(scopes, exportScope{"This article: " + excerpt(a.Title, 48), export.Selection{IDs: []int64{a.ID}}})
	}
	q, _, tag := u.library.query()
	if q != "" {
		scopes = append(scopes, exportScope{"The search results for “" + excerpt(q, 32) + "”", export.Selection{Query: q, Tag: tag}})
	} else if tag != "" {
		scopes = append(scopes, exportScope{"Articles tagged “" + tag + "”", export.Selection{Tag: tag}})
	}
	return append(scopes, exportScope{"The whole library", export.Selection{}})
}

// showExport opens the export dialog.
func (u *ui) showExport() { u.showExportWith(u.exportScopes()) }

// showExportOf opens the export dialog on the articles ss (a row's menu).
func (u *ui) showExportOf(ss []storage.Summary) {
	scopes := u.exportScopes()
	if len(ss) == 1 && u.currentID() != ss[0].ID {
		scopes = append([]exportScope{{"This article: " + excerpt(cmpTitle(ss[0]), 48), export.Selection{IDs: idsOf(ss)}}}, scopes...)
	}
	u.showExportWith(scopes)
}

// showExportWith opens the export dialog offering scopes, the first chosen.
func (u *ui) showExportWith(scopes []exportScope) {
	var labels []string
	for _, s := range scopes {
		labels = append(labels, s.label)
	}
	what := widget.NewRadioGroup(labels, nil)
	what.Required = true
	what.SetSelected(labels[0])
	full := widget.NewCheck("Include the whole article and its pictures, not only highlights and notes", nil)
	dest := widget.NewRadioGroup([]string{destFolder, destFile}, nil)
	dest.Required = true
	dest.SetSelected(destFolder)
	// A book always holds the whole articles and is one file.
	format := widget.NewRadioGroup([]string{formatMarkdown, formatJSON, formatEPUB}, func(f string) {
		if f == formatMarkdown {
			full.Enable()
		} else {
			full.Disable()
		}
		if f == formatEPUB {
			dest.SetSelected(destFile)
			dest.Disable()
		} else {
			dest.Enable()
		}
	})
	format.Required = true
	format.SetSelected(formatMarkdown)

	form := widget.NewForm(
		widget.NewFormItem("Export", what),
		widget.NewFormItem("Format", container.NewVBox(format, full)),
		widget.NewFormItem("Into", dest),
	)
	d := dialog.NewCustomConfirm("Export notes", "Choose where…", "Cancel", form, func(ok bool) {
		if !ok {
			return
		}
		var sel export.Selection
		for _, s := range scopes {
			if s.label == what.Selected {
				sel = s.sel
			}
		}
		opt := export.Options{Format: export.Markdown, Full: full.Checked}
		switch format.Selected {
		case formatJSON:
			opt = export.Options{Format: export.JSON}
		case formatEPUB:
			opt = export.Options{Format: export.EPUB}
		}
		if dest.Selected == destFile {
			u.pickFile("margin-export."+string(opt.Format), func(path string) { u.runExport(sel, opt, path, false) })
		} else {
			u.pickFolder(func(path string) { u.runExport(sel, opt, path, true) })
		}
	}, u.win)
	d.Resize(fyne.NewSize(560, 0))
	u.showConfirm(d)
}

// exportProgressInterval is how often at most the export dialog's progress
// is redrawn: an export of thousands of articles reports each one, far more
// often than anyone can read a counter or the screen can show it.
const exportProgressInterval = 50 * time.Millisecond

// runExport writes the selection in the background, with a progress bar,
// and says what it did at the end.
func (u *ui) runExport(sel export.Selection, opt export.Options, dest string, toDir bool) {
	ctx, cancel := context.WithCancel(u.ctx)
	bar := widget.NewProgressBar()
	label := widget.NewLabel("Preparing…")
	progress := dialog.NewCustom("Exporting", "Cancel", container.NewVBox(label, bar), u.win)
	progress.SetOnClosed(cancel)
	progress.Resize(fyne.NewSize(420, 0))
	u.showDialog(progress, nil)
	shown := u.newProgress(exportProgressInterval, func(done, total int) {
		bar.Max = float64(max(total, 1))
		bar.SetValue(float64(done))
		label.SetText(groupDigits(done) + " of " + plural(total, "article", "articles"))
	})
	u.goFn(func() {
		var res export.Result
		var err error
		if toDir {
			res, err = u.exportToDir(ctx, u.lib, dest, sel, opt, shown.report)
		} else {
			err = u.exportToFile(ctx, u.lib, dest, sel, opt, shown.report)
		}
		fyne.Do(func() {
			shown.finish()
			progress.Hide() // its OnClosed cancels ctx, which is done with now
			if err != nil {
				u.showError("Export failed", err)
				return
			}
			u.showNotice(dialog.NewInformation("Export finished", exportSummary(res, dest, toDir), u.win))
		})
	})
}

// coalescedProgress hands progress reported from a worker to the UI at most
// once per interval: the first report shows at once, later ones within the
// interval are merged into one update when it ends (so the counter never
// lags by more than the interval), and finish shows the last state. At most
// one update is queued with fyne.Do at a time, however fast reports come.
type coalescedProgress struct {
	show     func(done, total int) // on Fyne's goroutine
	interval time.Duration
	now      func() time.Time
	after    func(time.Duration, func()) func() bool

	mu          sync.Mutex
	done, total int
	reported    bool      // a state was reported that show has not had
	queued      bool      // an update is scheduled or waiting in fyne.Do
	lastShown   time.Time // when show last ran
	stop        func() bool
	finished    bool
}

// newProgress returns a coalescedProgress that calls show on Fyne's goroutine.
func (u *ui) newProgress(interval time.Duration, show func(done, total int)) *coalescedProgress {
	return &coalescedProgress{show: show, interval: interval, now: u.sched.Now, after: u.sched.AfterFunc}
}

// report records a state; it may be called from any goroutine.
func (p *coalescedProgress) report(done, total int) {
	p.mu.Lock()
	p.done, p.total, p.reported = done, total, true
	if p.queued || p.finished {
		p.mu.Unlock()
		return
	}
	p.queued = true
	wait := p.interval - p.now().Sub(p.lastShown)
	if wait > 0 {
		p.stop = p.after(wait, func() { fyne.Do(p.update) })
	}
	p.mu.Unlock()
	if wait <= 0 {
		fyne.Do(p.update) // not under the lock: the test driver runs it at once
	}
}

// update shows the latest state (Fyne's goroutine).
func (p *coalescedProgress) update() {
	p.mu.Lock()
	if p.finished || !p.reported {
		p.mu.Unlock()
		return
	}
	done, total := p.done, p.total
	p.reported, p.queued, p.stop = false, false, nil
	p.lastShown = p.now()
	p.mu.Unlock()
	p.show(done, total)
}

// finish shows the last state reported, if it is not shown yet, and ignores
// any report after it (Fyne's goroutine).
func (p *coalescedProgress) finish() {
	p.mu.Lock()
	if p.stop != nil {
		p.stop()
	}
	pending, done, total := p.reported && !p.finished, p.done, p.total
	p.finished, p.reported = true, false
	p.mu.Unlock()
	if pending {
		p.show(done, total)
	}
}

// exportSummary says what an export wrote, in words.
func exportSummary(res export.Result, dest string, toDir bool) string {
	if !toDir {
		return "Saved to " + dest + "."
	}
	written, same := len(res.Written), res.Unchanged
	var s string
	switch {
	case written == 0 && same == 0:
		s = "There was nothing to export."
	case same == 0:
		s = fmt.Sprintf("Wrote %s to %s.", plural(written, "file", "files"), dest)
	case written == 0:
		s = fmt.Sprintf("All %s in %s were already up to date.", plural(same, "file", "files"), dest)
	default:
		s = fmt.Sprintf("Wrote %s to %s; %d already up to date.", plural(written, "file", "files"), dest, same)
	}
	if n := len(res.Pictures); n > 0 {
		s += fmt.Sprintf(" Wrote %s into its assets folder.", plural(n, "picture", "pictures"))
	}
	if n := len(res.Kept); n > 0 {
		s += fmt.Sprintf(" Left %s alone: you changed them since Margin wrote them.", plural(n, "file", "files"))
	}
	return s
}

func (u *ui) pickFolderDialog(done func(path string)) {
	showFolderPicker(u.win, u.showPicker, fyne.NewSize(900, 600), func(err error) { u.showError("Couldn't open the folder", err) }, done)
}

func (u *ui) pickFileDialog(name string, done func(path string)) {
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil {
			u.showError("Couldn't create the file", err)
			return
		}
		if w == nil {
			return
		}
		path := w.URI().Path()
		_ = w.Close() // export writes the file itself (to a temporary name, then renamed)
		done(path)
	}, u.win)
	d.SetFileName(name)
	d.Resize(fyne.NewSize(900, 600))
	u.showPicker(d)
}
