// Package app is Margin's desktop interface (Fyne): the library list, the
// clip bar, the reader with character-level highlights, and the notes panel.
// It is the only package besides main that imports fyne.
//
// Every call into the library or the clipper runs on a goroutine; widgets
// change only on Fyne's goroutine (fyne.Do), so the window never freezes.
package app

import (
	"app.margin/margin/app/internal/sched"
	"app.margin/margin/app/reader"

	"app.margin/margin/article"
	"app.margin/margin/internal/text"

	"context"
	"fmt"
	"net/url"
	"os"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"app.margin/margin/clip"
	"app.margin/margin/export"
	"app.margin/margin/storage"
)

// Library is what the app reads and writes; *storage.Library satisfies it.
type Library interface {
	Save(ctx context.Context, a *article.Article) (id int64, updated bool, err error)
	Get(ctx context.Context, id int64) (*storage.Article, error)
	List(ctx context.Context, opt storage.ListOptions) (storage.Page, error)
	Search(ctx context.Context, opt storage.SearchOptions) ([]storage.Summary, error)
	Count(ctx context.Context) (int, error)
	Tags(ctx context.Context) ([]storage.Tag, error)
	Delete(ctx context.Context, id int64) error

	SetNote(ctx context.Context, id int64, note string) error
	SetUnread(ctx context.Context, id int64, v bool) error
	SetArchived(ctx context.Context, id int64, v bool) error
	SetFavorite(ctx context.Context, id int64, v bool) error
	SetPosition(ctx context.Context, id int64, pos float64) error
	AddTags(ctx context.Context, id int64, names ...string) error
	RemoveTags(ctx context.Context, id int64, names ...string) error
	ArticleTags(ctx context.Context, id int64) ([]string, error)

	Highlights(ctx context.Context, articleID int64) ([]storage.Highlight, error)
	AddHighlight(ctx context.Context, h storage.Highlight) (storage.Highlight, error)
	UpdateHighlight(ctx context.Context, id int64, color storage.Color, note string) (storage.Highlight, error)
	DeleteHighlight(ctx context.Context, id int64) error
}

// Clipper fetches a page (a URL or a saved file) and extracts its article;
// *clip.Client satisfies it.
type Clipper interface {
	Clip(ctx context.Context, target, originalURL string) (*article.Article, error)
}

var (
	_ Library        = (*storage.Library)(nil)
	_ export.Library = Library(nil)
	_ Clipper        = (*clip.Client)(nil)
)

// How long typing pauses before a search or a save runs, and how long news
// stays at the bottom of the window.
const (
	searchDelay   = 250 * time.Millisecond
	saveDelay     = 600 * time.Millisecond
	snackDuration = 8 * time.Second
)

// ui is the main window and everything in it.
type ui struct {
	app     fyne.App
	win     fyne.Window
	lib     Library
	clipper Clipper
	prefs   fyne.Preferences
	ctx     context.Context
	cancel  context.CancelFunc

	// sched runs background work and timers (tests use a sched.Manual, so
	// nothing waits for real time). doFn hands a result back to Fyne's
	// goroutine (fyne.Do) where results may arrive out of order; tests
	// replace it to reorder them.
	sched sched.Scheduler
	doFn  func(func())

	urlEntry *widget.Entry
	library  *libraryPanel
	reader   *reader.Reader
	notes    *notesPanel
	swatches []*swatch
	notesBtn *widget.Button
	outer    *container.Split
	inner    *container.Split
	notesBox fyne.CanvasObject
	snack    *snackbar
	body     *fyne.Container

	current   *storage.Article // the open article, nil before one is opened
	selected  int64            // the highlight selected in the notes panel, 0 for none
	openSeq   int              // bumped on every open, so a slow load never replaces a newer one
	afterShow func()           // run once the article being opened is shown (MARGIN_SHOW)

	themeChoice string
	fontSize    float32
	color       storage.Color // last-used highlight colour

	// Export and the pickers it opens; tests replace them.
	exportToDir  func(ctx context.Context, lib export.Library, dir string, sel export.Selection, opt export.Options, p export.Progress) (export.Result, error)
	exportToFile func(ctx context.Context, lib export.Library, path string, sel export.Selection, opt export.Options, p export.Progress) error
	pickFolder   func(done func(path string))
	pickFile     func(name string, done func(path string))
}

// New builds Margin's main window over a library and a clipper. The window
// is not shown; call ShowAndRun on it.
//
// MARGIN_SHOW (see applyStartup) puts the window in a given state on start,
// which is how `make screenshots` drives it without a mouse.
func New(a fyne.App, lib Library, clipper Clipper) fyne.Window {
	u := newUI(a, lib, clipper)
	if spec := os.Getenv("MARGIN_SHOW"); spec != "" {
		u.applyStartup(spec)
	}
	return u.win
}

func newUI(a fyne.App, lib Library, clipper Clipper) *ui {
	return newUIWith(a, lib, clipper, nil)
}

// newUIWith is newUI with a hook that changes the defaults (sched, doFn,
// the export functions) before anything is built; tests use it.
func newUIWith(a fyne.App, lib Library, clipper Clipper, configure func(*ui)) *ui {
	ctx, cancel := context.WithCancel(context.Background())
	u := &ui{
		app: a, lib: lib, clipper: clipper, prefs: a.Preferences(),
		ctx: ctx, cancel: cancel,
		sched:        sched.Real,
		doFn:         fyne.Do,
		exportToDir:  export.ToDir,
		exportToFile: export.ToFile,
	}
	u.pickFolder = u.pickFolderDialog
	u.pickFile = u.pickFileDialog
	if configure != nil {
		configure(u)
	}
	u.loadPrefs()
	u.win = a.NewWindow("Margin")
	u.build()
	u.library.reload(false)
	u.library.reloadTags()
	if id := u.prefs.Int(prefLastArticle); id > 0 {
		u.load(int64(id), false) // where the reader left off; gone is fine
	}
	return u
}

func (u *ui) build() {
	u.urlEntry = widget.NewEntry()
	u.urlEntry.SetPlaceHolder("Paste a web address or drop a saved page…")
	u.urlEntry.OnSubmitted = func(string) { u.clipFromEntry() }
	clipBtn := widget.NewButtonWithIcon("Clip", theme.DownloadIcon(), u.clipFromEntry)
	clipBtn.Importance = widget.HighImportance
	openBtn := widget.NewButtonWithIcon("Open File…", theme.FolderOpenIcon(), u.showOpenFile)
	exportBtn := widget.NewButtonWithIcon("Export…", theme.DocumentSaveIcon(), u.showExport)
	settingsBtn := widget.NewButtonWithIcon("", theme.SettingsIcon(), u.showSettings)
	top := container.NewBorder(nil, nil, nil,
		container.NewHBox(clipBtn, openBtn, exportBtn, settingsBtn), u.urlEntry)

	u.library = newLibraryPanel(u)
	u.reader = reader.NewReader()
	u.reader.Scheduler = u.sched
	u.reader.SetFontSize(u.fontSize)
	u.reader.SetHighlightColor(u.color)
	u.reader.OnHighlight = u.addHighlight
	u.reader.OnHighlightTapped = u.selectHighlight // the reader passes Delete on to typedKey
	u.reader.OnLinkTapped = func(link *url.URL) {
		if err := u.app.OpenURL(link); err != nil {
			u.showError("Couldn't open the link", err)
		}
	}
	u.reader.OnPositionChanged = u.positionChanged
	u.reader.OnLeave = func() { u.win.Canvas().Focus(u.library.list) }
	u.notes = newNotesPanel(u)

	u.notesBox = u.notes.content()
	if !u.prefs.BoolWithFallback(prefNotesVisible, true) {
		u.notesBox.Hide()
	}
	u.inner = container.NewHSplit(container.NewBorder(u.readerToolbar(), nil, nil, nil, u.reader), u.notesBox)
	u.inner.Offset = u.prefs.FloatWithFallback(prefSplitNotes, 0.7)
	u.outer = container.NewHSplit(u.library.content(), u.inner)
	u.outer.Offset = u.prefs.FloatWithFallback(prefSplitLibrary, 0.28)

	u.snack = newSnackbar(u)
	u.body = container.NewBorder(container.NewVBox(container.NewPadded(top), widget.NewSeparator()), u.snack.content(), nil, nil, u.outer)
	u.win.SetContent(u.body)
	u.win.SetMainMenu(u.mainMenu())
	u.addShortcuts()
	u.win.SetOnDropped(u.dropped)
	u.win.Resize(fyne.NewSize(
		float32(u.prefs.FloatWithFallback(prefWindowWidth, 1280)),
		float32(u.prefs.FloatWithFallback(prefWindowHeight, 800))))
	u.win.SetCloseIntercept(u.close)
	u.app.Settings().AddListener(func(fyne.Settings) { fyne.Do(u.themeChanged) }) // the desktop went dark or light
}

// readerToolbar is the row above the reader: the highlight colours, the text
// size and the notes panel toggle.
func (u *ui) readerToolbar() fyne.CanvasObject {
	dark := u.dark()
	items := []fyne.CanvasObject{widget.NewLabel("Highlight:")}
	for _, c := range storage.Colors {
		s := newSwatch(reader.HighlightColor(c, dark), 28, func() { u.highlightWith(c) })
		s.Selected = c == u.color
		u.swatches = append(u.swatches, s)
		items = append(items, s)
	}
	smaller := widget.NewButtonWithIcon("", theme.ZoomOutIcon(), func() { u.setFontSize(u.fontSize - 1) })
	bigger := widget.NewButtonWithIcon("", theme.ZoomInIcon(), func() { u.setFontSize(u.fontSize + 1) })
	u.notesBtn = widget.NewButtonWithIcon("Notes", theme.DocumentIcon(), u.toggleNotes)
	u.updateNotesButton()
	items = append(items, layout.NewSpacer(), smaller, bigger, u.notesBtn)
	return container.NewVBox(container.NewHBox(items...), widget.NewSeparator())
}

func (u *ui) mainMenu() *fyne.MainMenu {
	item := func(label string, sc fyne.Shortcut, f func()) *fyne.MenuItem {
		m := fyne.NewMenuItem(label, f)
		m.Shortcut = sc
		return m
	}
	ctrl := func(k fyne.KeyName) fyne.Shortcut {
		return &desktop.CustomShortcut{KeyName: k, Modifier: fyne.KeyModifierShortcutDefault}
	}
	file := fyne.NewMenu("File",
		item("Clip Address", ctrl(fyne.KeyL), u.focusURL),
		item("Open Saved Page…", ctrl(fyne.KeyO), u.showOpenFile),
		item("Export…", ctrl(fyne.KeyE), u.showExport),
		fyne.NewMenuItemSeparator(),
		item("Settings…", ctrl(fyne.KeyComma), u.showSettings),
	)
	edit := fyne.NewMenu("Edit",
		item("Search Library", ctrl(fyne.KeyF), u.focusSearch),
		fyne.NewMenuItem("Highlight Selection (H)", func() { u.highlightWith(u.color) }),
		fyne.NewMenuItem("Delete Selected Highlight (Delete)", u.deleteSelected),
	)
	view := fyne.NewMenu("View",
		item("Show or Hide Notes", ctrl(fyne.KeyN), u.toggleNotes),
		item("Larger Text", ctrl(fyne.KeyEqual), func() { u.setFontSize(u.fontSize + 1) }),
		item("Smaller Text", ctrl(fyne.KeyMinus), func() { u.setFontSize(u.fontSize - 1) }),
	)
	return fyne.NewMainMenu(file, edit, view)
}

// addShortcuts makes the keys work when no widget has the focus (the main
// menu handles the Ctrl shortcuts wherever the focus is).
func (u *ui) addShortcuts() {
	c := u.win.Canvas()
	for _, m := range u.win.MainMenu().Items {
		for _, it := range m.Items {
			if it.Shortcut != nil {
				action := it.Action
				c.AddShortcut(it.Shortcut, func(fyne.Shortcut) { action() })
			}
		}
	}
	c.SetOnTypedRune(func(r rune) {
		if r == 'h' || r == 'H' {
			u.highlightWith(u.color)
		}
	})
	c.SetOnTypedKey(func(e *fyne.KeyEvent) { u.typedKey(e) })
}

// typedKey handles the keys the window reacts to wherever they come from.
func (u *ui) typedKey(e *fyne.KeyEvent) {
	switch e.Name {
	case fyne.KeyDelete, fyne.KeyBackspace:
		u.deleteSelected()
	case fyne.KeyEscape:
		u.reader.ClearSelection()
		u.selectHighlight(0)
	}
}

func (u *ui) focusURL()    { u.win.Canvas().Focus(u.urlEntry) }
func (u *ui) focusSearch() { u.win.Canvas().Focus(u.library.search) }

func (u *ui) dark() bool { return isDark(u.app) }

// currentID is the id of the open article, 0 when none is open.
// goFn runs f off Fyne's goroutine.
func (u *ui) goFn(f func()) { u.sched.Go(f) }

func (u *ui) currentID() int64 {
	if u.current == nil {
		return 0
	}
	return u.current.ID
}

// openArticle loads an article and its highlights and shows them, marks it
// read, and restores the reading position.
func (u *ui) openArticle(id int64) {
	if u.currentID() == id {
		return
	}
	u.loadArticle(id)
}

// loadArticle loads and shows article id even if it is open already (after
// a re-clip changed its text).
func (u *ui) loadArticle(id int64) { u.load(id, true) }

// load loads and shows article id; failures are shown when report is set.
func (u *ui) load(id int64, report bool) {
	u.openSeq++
	seq := u.openSeq
	u.goFn(func() {
		a, err := u.lib.Get(u.ctx, id)
		var hs []storage.Highlight
		var blocks []article.Block
		if err == nil {
			hs, err = u.lib.Highlights(u.ctx, id)
			blocks = article.Blocks(a.ContentHTML) // parsing a long article takes milliseconds: not on Fyne's goroutine
		}
		if err == nil && a.Unread {
			if u.lib.SetUnread(u.ctx, id, false) == nil {
				a.Unread = false
			}
		}
		fyne.Do(func() {
			if seq != u.openSeq {
				return
			}
			if err != nil {
				if report {
					u.showError("Couldn't open the article", err)
				}
				return
			}
			u.show(a, blocks, hs)
		})
	})
}

// show puts a loaded article (with its blocks, article.Blocks of its content)
// in the reader and the notes panel.
func (u *ui) show(a *storage.Article, blocks []article.Block, hs []storage.Highlight) {
	u.current, u.selected = a, 0
	u.reader.SetArticleBlocks(a, blocks, hs)
	u.reader.ScrollTo(a.Position)
	u.notes.show(a, hs)
	u.library.markOpen(a.ID)
	u.win.SetTitle(text.OneLine(a.Title) + " — Margin")
	u.prefs.SetInt(prefLastArticle, int(a.ID))
	if f := u.afterShow; f != nil {
		u.afterShow = nil
		f()
	}
}

func (u *ui) positionChanged(pos float64) {
	a := u.current
	if a == nil {
		return
	}
	a.Position = pos
	id := a.ID
	u.goFn(func() { _ = u.lib.SetPosition(u.ctx, id, pos) }) // the reader debounces
}

// highlightWith turns the reader's selection into a highlight of colour c.
func (u *ui) highlightWith(c storage.Color) {
	u.setColor(c)
	u.reader.HighlightSelection(c)
}

func (u *ui) setColor(c storage.Color) {
	u.color = c
	u.reader.SetHighlightColor(c) // H in the reader uses this colour too
	u.prefs.SetString(prefColor, string(c))
	for i, s := range u.swatches {
		s.Selected = storage.Colors[i] == c
		s.Refresh()
	}
}

// addHighlight stores a highlight over start..end of the open article.
func (u *ui) addHighlight(start, end int, c storage.Color) {
	a := u.current
	if a == nil || end <= start {
		return
	}
	u.setColor(c) // H and the keys 1-5 in the reader choose colours too
	u.goFn(func() {
		h, err := u.lib.AddHighlight(u.ctx, storage.Highlight{ArticleID: a.ID, Start: start, End: end, Color: c})
		fyne.Do(func() {
			if err != nil {
				u.showError("Couldn't save the highlight", err)
				return
			}
			u.reader.ClearSelection()
			u.reloadHighlights(a.ID, h.ID)
		})
	})
}

// reloadHighlights reads the article's highlights again and shows them,
// selecting the highlight sel (0 for none).
func (u *ui) reloadHighlights(articleID, sel int64) {
	u.goFn(func() {
		hs, err := u.lib.Highlights(u.ctx, articleID)
		fyne.Do(func() {
			if u.currentID() != articleID {
				return
			}
			if err != nil {
				u.showError("Couldn't load the highlights", err)
				return
			}
			u.reader.SetHighlights(hs)
			u.notes.setHighlights(hs)
			u.selectHighlight(sel)
		})
	})
}

// selectHighlight marks highlight id (0: none) in the reader and the notes
// panel, and shows the notes panel if it was hidden.
func (u *ui) selectHighlight(id int64) {
	u.selected = id
	u.notes.selectHighlight(id)
	u.reader.SelectHighlight(id)
	if id != 0 && !u.notesBox.Visible() {
		u.toggleNotes()
	}
}

// deleteSelected deletes the highlight selected in the notes panel. Its card
// holds the note as last typed, which Undo puts back.
func (u *ui) deleteSelected() {
	if c, ok := u.notes.cards[u.selected]; ok {
		u.deleteHighlight(c.h)
	}
}

// deleteHighlight deletes h and offers to undo it. An orphaned highlight
// cannot be put back where it was, so it asks first instead.
func (u *ui) deleteHighlight(h storage.Highlight) {
	del := func() {
		u.goFn(func() {
			err := u.lib.DeleteHighlight(u.ctx, h.ID)
			fyne.Do(func() {
				if err != nil {
					u.showError("Couldn't delete the highlight", err)
					return
				}
				u.reloadHighlights(h.ArticleID, 0)
				if !h.Orphaned {
					u.snack.show("Highlight deleted", "Undo", func() { u.restoreHighlight(h) })
				}
			})
		})
	}
	if !h.Orphaned {
		del()
		return
	}
	dialog.ShowConfirm("Delete this highlight?",
		"It could not be placed in the re-clipped article, so deleting it cannot be undone.",
		func(ok bool) {
			if ok {
				del()
			}
		}, u.win)
}

// restoreHighlight puts a deleted highlight back (with a new id).
func (u *ui) restoreHighlight(h storage.Highlight) {
	u.goFn(func() {
		restored := h
		restored.ID = 0
		added, err := u.lib.AddHighlight(u.ctx, restored)
		if err == nil && h.Note != "" && added.Note != h.Note {
			added, err = u.lib.UpdateHighlight(u.ctx, added.ID, h.Color, h.Note)
		}
		fyne.Do(func() {
			if err != nil {
				u.showError("Couldn't restore the highlight", err)
				return
			}
			u.reloadHighlights(h.ArticleID, added.ID)
		})
	})
}

// deleteArticle deletes the open article, with its highlights and notes,
// once the reader confirms.
func (u *ui) deleteArticle() {
	a := u.current
	if a == nil {
		return
	}
	msg := widget.NewLabel("Its highlights and notes are deleted with it. This cannot be undone.")
	msg.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustomConfirm("Delete “"+excerpt(a.Title, 60)+"”?", "Delete", "Cancel", msg, func(ok bool) {
		if !ok {
			return
		}
		u.notes.discard() // pending edits would only fail on a deleted article
		u.goFn(func() {
			err := u.lib.Delete(u.ctx, a.ID)
			fyne.Do(func() {
				if err != nil {
					u.showError("Couldn't delete the article", err)
					return
				}
				if u.currentID() == a.ID {
					u.openSeq++
					u.current, u.selected = nil, 0
					u.reader.SetArticle(nil, nil)
					u.notes.clear()
					u.win.SetTitle("Margin")
				}
				u.snack.show("Deleted: "+text.OneLine(a.Title), "", nil)
				u.library.reload(false)
				u.library.reloadTags()
			})
		})
	}, u.win)
	d.SetConfirmImportance(widget.DangerImportance)
	d.Resize(fyne.NewSize(480, 0))
	d.Show()
}

func (u *ui) toggleNotes() {
	if u.notesBox.Visible() {
		u.notesBox.Hide()
	} else {
		u.notesBox.Show()
	}
	u.prefs.SetBool(prefNotesVisible, u.notesBox.Visible())
	u.inner.Refresh()
	u.updateNotesButton()
}

func (u *ui) updateNotesButton() {
	if !u.notesBox.Visible() {
		u.notesBtn.Importance = widget.MediumImportance
	} else {
		u.notesBtn.Importance = widget.HighImportance
	}
	u.notesBtn.Refresh()
}

func (u *ui) setFontSize(size float32) {
	size = max(minFontSize, min(maxFontSize, size))
	u.fontSize = size
	u.prefs.SetFloat(prefFontSize, float64(size))
	u.reader.SetFontSize(size)
}

// showError shows a dialog that says in plain words what went wrong.
func (u *ui) showError(title string, err error) {
	msg := widget.NewLabel(plainWords(err))
	msg.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustom(title, "OK", msg, u.win)
	d.Resize(fyne.NewSize(460, 0))
	d.Show()
}

// dropped clips the saved pages (or web addresses) dropped on the window.
func (u *ui) dropped(_ fyne.Position, uris []fyne.URI) {
	for _, uri := range uris {
		switch uri.Scheme() {
		case "file":
			u.clip(uri.Path(), "")
		case "http", "https":
			u.clip(uri.String(), "")
		}
	}
}

// close saves the window layout and pending edits, then closes.
func (u *ui) close() {
	size := u.win.Canvas().Size()
	u.prefs.SetFloat(prefWindowWidth, float64(size.Width))
	u.prefs.SetFloat(prefWindowHeight, float64(size.Height))
	u.prefs.SetFloat(prefSplitLibrary, u.outer.Offset)
	u.prefs.SetFloat(prefSplitNotes, u.inner.Offset)
	u.notes.flush()
	u.cancel()
	u.win.Close()
}

// applyStartup puts the window in the state MARGIN_SHOW describes: a comma
// separated list of
//
//	article=ID      open article ID
//	highlight=ID    select highlight ID in the notes panel (after article=)
//	notes=hide      hide the notes panel (notes=show shows it)
//	focus=reader    give the reader the keyboard, as a click on it does
//	search=TEXT     type TEXT in the search box
//	clip=TARGET     clip a URL or file as if typed in the address field
//	theme=dark      use the dark (or light, system) theme for this run
//	size=WxH        resize the window to W by H
//
// It does only what a user could do with the mouse, so it is harmless.
func (u *ui) applyStartup(spec string) {
	for _, part := range strings.Split(spec, ",") {
		key, val, _ := strings.Cut(strings.TrimSpace(part), "=")
		id, _ := strconv.ParseInt(val, 10, 64)
		switch key {
		case "article":
			u.openArticle(id)
		case "highlight":
			u.afterShow = func() { u.selectHighlight(id) }
		case "notes":
			if (val == "hide") == u.notesBox.Visible() {
				u.toggleNotes()
			}
		case "focus":
			if val == "reader" {
				u.win.Canvas().Focus(u.reader)
			}
		case "search":
			u.library.search.SetText(val)
		case "clip":
			u.urlEntry.SetText(val)
			u.clipFromEntry()
		case "theme":
			u.themeChoice = val
			u.app.Settings().SetTheme(themeFor(val))
		case "size":
			w, h, _ := strings.Cut(val, "x")
			fw, _ := strconv.ParseFloat(w, 32)
			fh, _ := strconv.ParseFloat(h, 32)
			u.win.Resize(fyne.NewSize(float32(fw), float32(fh)))
		default:
			fmt.Fprintf(os.Stderr, "margin: MARGIN_SHOW: unknown %q\n", key)
		}
	}
}

// debouncer runs the last function given to call once calls pause for d.
// It is used from Fyne's goroutine only; the function runs on a timer's (or
// on Fyne's, when flushed), so it hands any I/O to goFn.
type debouncer struct {
	after   func(time.Duration, func()) func() bool
	d       time.Duration
	stop    func() bool
	pending func()
}

func (u *ui) newDebouncer(d time.Duration) *debouncer {
	return &debouncer{after: u.sched.AfterFunc, d: d}
}

func (b *debouncer) call(f func()) {
	if b.stop != nil {
		b.stop()
	}
	b.pending = f
	b.stop = b.after(b.d, f)
}

// flush runs the pending function now, if it has not run yet.
func (b *debouncer) flush() {
	if b.stop != nil && b.stop() && b.pending != nil {
		b.pending()
	}
	b.stop, b.pending = nil, nil
}

// cancel drops the pending function.
func (b *debouncer) cancel() {
	if b.stop != nil {
		b.stop()
	}
	b.stop, b.pending = nil, nil
}

// snackbar is the strip at the bottom of the window for short news ("Updated:
// …") with an optional action ("Undo").
type snackbar struct {
	u      *ui
	box    *fyne.Container
	label  *widget.Label
	action *widget.Button
	stop   func() bool
}

func newSnackbar(u *ui) *snackbar {
	s := &snackbar{u: u, label: widget.NewLabel("")}
	s.label.Truncation = fyne.TextTruncateEllipsis
	s.action = widget.NewButton("", nil)
	s.action.Importance = widget.HighImportance
	closeBtn := widget.NewButtonWithIcon("", theme.CancelIcon(), s.hide)
	closeBtn.Importance = widget.LowImportance
	s.box = container.NewVBox(widget.NewSeparator(),
		container.NewBorder(nil, nil, nil, container.NewHBox(s.action, closeBtn), s.label))
	s.box.Hide()
	return s
}

func (s *snackbar) content() fyne.CanvasObject { return s.box }

// show shows text (and a button labelled action, when f is set) for a while.
func (s *snackbar) show(text, action string, f func()) {
	if s.stop != nil {
		s.stop()
	}
	s.label.SetText(text)
	s.action.SetText(action)
	s.action.OnTapped = func() {
		s.hide()
		if f != nil {
			f()
		}
	}
	s.action.Hidden = f == nil
	s.box.Show()
	s.u.body.Refresh() // make room at the bottom
	s.stop = s.u.sched.AfterFunc(snackDuration, func() { fyne.Do(s.hide) })
}

func (s *snackbar) hide() {
	s.box.Hide()
	s.u.body.Refresh()
}
