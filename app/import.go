package app

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"app.margin/margin/importer"
	"app.margin/margin/queue"
	"app.margin/margin/storage"
)

// Queue imports the export files of other services into the library and
// runs the clipping queue that fetches the pages they came without;
// *queue.Service satisfies it.
type Queue interface {
	Preview(ctx context.Context, res *importer.Result, opts queue.ImportOptions) (queue.ImportReport, error)
	Import(ctx context.Context, res *importer.Result, opts queue.ImportOptions, progress func(done, total int)) (queue.ImportReport, error)
	// Waiting counts the pages a Run would fetch.
	Waiting(ctx context.Context) (int, error)
	Run(ctx context.Context, onEvent func(queue.Event)) (queue.Summary, error)
	// Status counts the queue's rows by state and lists the first
	// failures (at most failures of them) with their reasons, for the
	// queue view.
	Status(ctx context.Context, failures int) (storage.QueueStatus, error)
	// RetryFailed makes the failed pages wait again and returns how many.
	RetryFailed(ctx context.Context) (int, error)
	// CancelWaiting gives up the pages still waiting (they stay bookmarks
	// and count as failed) and returns how many.
	CancelWaiting(ctx context.Context) (int, error)
}

var _ Queue = (*queue.Service)(nil)

// importExtensions are the files the import picker shows (it matches them
// in any case).
var importExtensions = []string{".csv", ".zip", ".json", ".html", ".htm"}

// maxSkipsShown is how many skipped rows the confirmation lists one by one:
// enough to see what kind of rows they are, not a wall of them.
const maxSkipsShown = 5

// importProgressInterval is how often at most the import's counter is
// redrawn (a 10,000-row import reports every 500 rows).
const importProgressInterval = 100 * time.Millisecond

// showImport lets the reader pick an export file, then says what importing
// it would do.
func (u *ui) showImport() {
	if u.clipQueue == nil {
		return
	}
	u.pickImport(u.readImport)
}

func (u *ui) pickImportDialog(done func(path string)) {
	showFilePicker(u.win, u.showPicker, fyne.NewSize(900, 600), importExtensions,
		func(err error) { u.showError("Couldn't open the file", err) }, done)
}

// readImport reads the export at path and counts what importing it would
// do, in the background (an export may hold many thousands of rows), then
// asks the reader to confirm. Nothing is stored until then.
func (u *ui) readImport(path string) {
	ctx, cancel := context.WithCancel(u.ctx)
	name := filepath.Base(path)
	bar := widget.NewProgressBarInfinite()
	reading := dialog.NewCustom("Import", "Cancel", container.NewVBox(widget.NewLabel("Reading "+name+"…"), bar), u.win)
	reading.SetOnClosed(func() {
		bar.Stop() // a hidden dialog does not stop its animation
		cancel()
	})
	u.showDialog(reading, nil)
	u.goFn(func() {
		res, err := readExport(path)
		var rep queue.ImportReport
		if err == nil {
			rep, err = u.clipQueue.Preview(ctx, res, queue.ImportOptions{})
		}
		fyne.Do(func() {
			if ctx.Err() != nil {
				return // the reader cancelled, or the window closed
			}
			reading.Hide() // its OnClosed cancels ctx, which is done with now
			if err != nil {
				u.showImportError("Couldn't import "+name, importWords(err)+" Nothing was imported.")
				return
			}
			u.confirmImport(name, res, rep)
		})
	})
}

// readExport reads and parses the export file at path, its format
// detected from its content.
func readExport(path string) (*importer.Result, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("read export: %w", err)
	}
	defer f.Close()
	if st, err := f.Stat(); err == nil && st.IsDir() {
		return nil, errIsFolder
	}
	return importer.Read(f, filepath.Base(path), importer.Auto)
}

// errIsFolder: the reader picked a folder (an unpacked export, most often).
var errIsFolder = errors.New("the export is a folder")

// confirmImport says what importing res would do and imports it if the
// reader agrees.
func (u *ui) confirmImport(name string, res *importer.Result, rep queue.ImportReport) {
	lines := importPreview(name, rep)
	msg := widget.NewLabel(strings.Join(lines, "\n\n"))
	msg.Wrapping = fyne.TextWrapWord
	title := importTitle(rep.Format)
	if rep.New+rep.Existing == 0 {
		d := dialog.NewCustom(title, "OK", msg, u.win)
		d.Resize(fyne.NewSize(520, 0))
		u.showNotice(d)
		return
	}
	d := dialog.NewCustomConfirm(title, "Import", "Cancel", msg, func(ok bool) {
		if ok {
			u.runImport(res)
		}
	}, u.win)
	d.Resize(fyne.NewSize(520, 0))
	u.showConfirm(d)
}

// importTitle names the import of an export in format f.
func importTitle(f importer.Format) string {
	switch f {
	case importer.Bookmarks:
		return "Import bookmarks"
	case importer.Pocket, importer.PocketHTML:
		return "Import from Pocket"
	case importer.Omnivore:
		return "Import from Omnivore"
	case importer.Instapaper:
		return "Import from Instapaper"
	case importer.Readwise:
		return "Import from Readwise Reader"
	case importer.Wallabag:
		return "Import from wallabag"
	}
	return "Import"
}

// importPreview is what the confirmation says, a paragraph each: the
// counts, what they mean when it is not obvious, and the rows left out.
func importPreview(name string, rep queue.ImportReport) []string {
	if rep.New+rep.Existing == 0 {
		return append([]string{name + " holds no article to import."}, skippedLines(rep.Skipped)...)
	}
	lines := []string{fmt.Sprintf("%s new, %s already in the library, %s with highlights, %s to fetch",
		groupDigits(rep.New), groupDigits(rep.Existing), groupDigits(rep.WithHighlights), groupDigits(rep.ToFetch))}
	if rep.Existing > 0 {
		lines = append(lines, "Articles already in the library keep their text and highlights; the export's tags are added to them.")
	}
	if rep.ToFetch > 0 {
		lines = append(lines, "Every article is listed at once. The pages to fetch are fetched in the background, a few at a time, while you read; if Margin closes first, it goes on when Margin starts again.")
	}
	return append(lines, skippedLines(rep.Skipped)...)
}

// skippedLines is the paragraph on the rows left out, if any: how many,
// and the first few with their reasons.
func skippedLines(skipped []importer.Skip) []string {
	if len(skipped) == 0 {
		return nil
	}
	lines := []string{"Skipped " + plural(len(skipped), "row", "rows") + ":"}
	for i, s := range skipped {
		if i == maxSkipsShown {
			lines = append(lines, fmt.Sprintf("… and %s more", groupDigits(len(skipped)-maxSkipsShown)))
			break
		}
		lines = append(lines, "  "+s.String())
	}
	return []string{strings.Join(lines, "\n")}
}

// runImport stores the entries of res in the background, with a counter
// at the bottom of the window, reloads the list, and sets the clipping
// queue going for the pages to fetch.
func (u *ui) runImport(res *importer.Result) {
	u.fetch.show(importingText(0, len(res.Entries)), 0, 0, nil)
	shown := u.newProgress(importProgressInterval, func(done, total int) {
		u.fetch.show(importingText(done, total), done, total, nil)
	})
	u.goFn(func() {
		rep, err := u.clipQueue.Import(u.ctx, res, queue.ImportOptions{}, shown.report)
		fyne.Do(func() {
			shown.finish()
			if u.ctx.Err() != nil {
				return // the window closed: what was stored is kept
			}
			if u.running == nil {
				u.fetch.hide()
			}
			u.library.reload(false)
			u.library.reloadTags()
			if err != nil {
				u.showImportError("The import stopped", importWords(err)+" "+storedBefore(rep.New+rep.Existing))
			} else {
				u.snack.show(importedText(rep), "", nil)
			}
			if rep.ToFetch > 0 || err != nil {
				u.startQueue(rep.ToFetch)
			}
			if len(rep.PicturesToFetch) > 0 {
				u.fetchImportedPictures(rep.PicturesToFetch)
			}
		})
	})
}

// storedBefore says what an import that failed kept.
func storedBefore(n int) string {
	switch n {
	case 0:
		return "Nothing was imported."
	case 1:
		return "1 article was stored before it stopped; importing the file again finishes the import without duplicating it."
	}
	return groupDigits(n) + " articles were stored before it stopped; importing the file again finishes the import without duplicating them."
}

func importingText(done, total int) string {
	return fmt.Sprintf("Importing %s of %s…", groupDigits(done), plural(total, "article", "articles"))
}

// importedText is the news of an import that finished.
func importedText(rep queue.ImportReport) string {
	s := fmt.Sprintf("Imported %s: %s new, %s already in the library", plural(rep.New+rep.Existing, "article", "articles"),
		groupDigits(rep.New), groupDigits(rep.Existing))
	if rep.Placed+rep.Orphaned > 0 {
		s += fmt.Sprintf("; %s placed", plural(rep.Placed, "highlight", "highlights"))
		if rep.Orphaned > 0 {
			s += fmt.Sprintf(", %s kept by its quote alone", groupDigits(rep.Orphaned))
		}
	}
	return s
}

// importWords says in plain words why an export could not be read or
// stored. The detail importer gives for an unknown format (which column
// is missing, what kind of file it is) is kept: it tells the reader what
// they picked.
func importWords(err error) string {
	switch {
	case errors.Is(err, errIsFolder):
		return "That is a folder. Choose the export file itself (an Omnivore export is the .zip, not the folder it unpacks to)."
	case errors.Is(err, importer.ErrArchive):
		return "The zip archive is damaged or incomplete, so Margin cannot read it. Download the export again."
	case errors.Is(err, importer.ErrTooLarge):
		return withDetail("The export is too large to import", detailOf(err, importer.ErrTooLarge))
	case errors.Is(err, importer.ErrFormat):
		return withDetail("Margin doesn't recognise this file as an export", detailOf(err, importer.ErrFormat)) +
			" It imports exports from Pocket, Omnivore, Instapaper, Readwise Reader and wallabag, and browsers' bookmark files."
	case errors.Is(err, fs.ErrNotExist):
		return "There is no file there."
	}
	return plainWords(err)
}

// detailOf is what err says after its sentinel ("ErrFormat: pocket.csv has
// no "url" column" gives the part after the colon), "" when nothing.
func detailOf(err, sentinel error) string {
	_, detail, _ := strings.Cut(err.Error(), sentinel.Error()+": ")
	return strings.TrimSuffix(strings.TrimSpace(detail), ".")
}

// showImportError is showError with words already chosen.
func (u *ui) showImportError(title, words string) {
	msg := widget.NewLabel(words)
	msg.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustom(title, "OK", msg, u.win)
	d.Resize(fyne.NewSize(460, 0))
	u.showNotice(d)
}
