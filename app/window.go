package app

import (
	"context"
	"net/url"
	"os"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"app.margin/margin/app/internal/sched"
	"app.margin/margin/app/reader"
	"app.margin/margin/export"
	"app.margin/margin/storage"
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
	// nothing waits for real time).
	sched sched.Scheduler

	urlEntry *addressEntry
	topBar   *fyne.Container // the address field and the buttons beside it
	library  *libraryPanel
	reader   *reader.Reader
	notes    *notesPanel
	toolbar  *readerToolbar
	outer    *container.Split // the library beside the rest
	inner    *container.Split // the reader beside the notes column
	work     *workspace
	notesBox fyne.CanvasObject
	snack    *snackbar
	tray     *clipTray
	body     *fyne.Container

	modals    []*modal   // the dialogs shown, the top one last (dialogs.go)
	shortcuts []shortcut // every menu item and key (shortcuts.go)
	checks    []menuCheck
	typoRadio typographyRadios // the settings' typography choices, kept in step with the View menu

	current   *storage.Article // the open article, nil before one is opened
	selected  int64            // the highlight selected in the notes panel, 0 for none
	openSeq   int              // bumped on every open, so a slow load never replaces a newer one
	afterShow func()           // run once the article being opened is shown (MARGIN_SHOW)

	themeChoice string
	cjk         cjkFonts   // the theme's CJK fonts; nil until loaded, or none
	systemTheme fyne.Theme // the app's theme before Margin's, which follows the desktop
	fontSize    float32
	color       storage.Color // last-used highlight colour

	// Export and the pickers it opens; tests replace them.
	exportToDir  func(ctx context.Context, lib export.Library, dir string, sel export.Selection, opt export.Options, p export.Progress) (export.Result, error)
	exportToFile func(ctx context.Context, lib export.Library, path string, sel export.Selection, opt export.Options, p export.Progress) error
	pickFolder   func(done func(path string))
	pickFile     func(name string, done func(path string))

	// File > Import… and the clipping queue (import.go, fetchqueue.go).
	clipQueue  Queue
	pickImport func(done func(path string))
	fetch      *fetchStatus
	running    *queueRun  // nil when the queue is not running
	queueView  *queueView // nil when File > Clipping Queue… is closed

	history  history   // what Undo and Redo walk
	tagsView *tagsView // nil when Edit > Manage Tags… is closed
}

// goFn runs f off Fyne's goroutine, through the scheduler.
func (u *ui) goFn(f func()) { u.sched.Go(f) }

// Window is Margin's main window.
type Window struct {
	fyne.Window
	u *ui
}

// New builds Margin's main window over a library, a clipper and the
// library's import and clipping queue (which it resumes when pages wait).
// The window is not shown; call Show (and run the app) or ShowAndRun on it.
//
// MARGIN_SHOW (see applyStartup) puts the window in a given state on start,
// which is how `make screenshots` drives it without a mouse.
func New(a fyne.App, lib Library, clipper Clipper, q Queue) *Window {
	u := newUIWith(a, lib, clipper, func(u *ui) { u.clipQueue = q })
	if spec := os.Getenv("MARGIN_SHOW"); spec != "" {
		u.applyStartup(spec)
	}
	return &Window{Window: u.win, u: u}
}

// Receive brings the window forward and clips targets, web addresses or
// saved pages: what `margin ADDRESS…` was given, here or in a second
// margin on the same library. Call it on Fyne's goroutine.
func (w *Window) Receive(targets []string) {
	w.Show()
	w.RequestFocus()
	w.u.clipAll(targets)
}

// newUIWith builds the window's parts; configure changes the defaults
// (sched, the export functions, the queue) before anything is built.
func newUIWith(a fyne.App, lib Library, clipper Clipper, configure func(*ui)) *ui {
	ctx, cancel := context.WithCancel(context.Background())
	u := &ui{
		app: a, lib: lib, clipper: clipper, prefs: a.Preferences(),
		ctx: ctx, cancel: cancel,
		sched:        sched.Real,
		exportToDir:  export.ToDir,
		exportToFile: export.ToFile,
	}
	u.pickFolder = u.pickFolderDialog
	u.pickFile = u.pickFileDialog
	u.pickImport = u.pickImportDialog
	if configure != nil {
		configure(u)
	}
	u.systemTheme = a.Settings().Theme()
	if m, ok := u.systemTheme.(*marginTheme); ok { // a window before this one set it
		u.systemTheme = m.Theme
	}
	u.loadPrefs()
	u.loadCJKFonts()
	u.win = a.NewWindow("Margin")
	u.build()
	u.watchLibrary()
	u.library.reload(false)
	u.library.reloadTags()
	if id := u.prefs.Int(prefLastArticle); id > 0 {
		u.load(int64(id), false) // where the reader left off; gone is fine
	}
	u.resumeQueue()
	u.releaseStartupMemory()
	u.goFn(func() { // what a window that did not close cleanly left for its Undo
		if _, err := u.lib.PurgeTrash(u.ctx, time.Now()); err != nil {
			fyne.LogError("empty the trash", err)
		}
	})
	return u
}

func (u *ui) build() {
	u.urlEntry = newAddressEntry(u.clipAll)
	u.urlEntry.SetPlaceHolder("Paste a web address or drop a saved page…")
	u.urlEntry.OnSubmitted = func(string) { u.clipFromEntry() }
	clipBtn := widget.NewButtonWithIcon("Clip", theme.DownloadIcon(), u.clipFromEntry)
	clipBtn.Importance = widget.HighImportance
	openBtn := widget.NewButtonWithIcon("Open File…", theme.FolderOpenIcon(), u.showOpenFile)
	exportBtn := widget.NewButtonWithIcon("Export…", theme.DocumentSaveIcon(), u.showExport)
	settingsBtn := widget.NewButtonWithIcon("", theme.SettingsIcon(), u.showSettings)
	u.topBar = container.NewBorder(nil, nil, nil,
		container.NewHBox(clipBtn, openBtn, exportBtn, settingsBtn), u.urlEntry)

	u.library = newLibraryPanel(u.ctx, u.lib, u.sched, u.prefs)
	u.library.onOpen = u.openArticle
	u.library.onEnter = func(opened bool) {
		if opened || u.current != nil { // the row's article is opening, or one is open already
			u.win.Canvas().Focus(u.reader)
		}
	}
	u.library.openID = u.currentID
	u.library.onTags = func(tags []storage.Tag) {
		u.notes.setKnownTags(tags)
		if v := u.tagsView; v != nil {
			v.show(u, tags)
		}
	}
	u.library.onRowMenu = u.showRowMenu
	u.library.onPickMenu = u.showPickMenu
	u.library.onDeleteKey = u.deleteTargets
	u.library.onArchiveKey = u.archiveTargets
	u.reader = reader.NewReader()
	u.reader.Scheduler = u.sched
	u.reader.LoadPicture = func(ctx context.Context, sha string) ([]byte, error) {
		data, _, err := u.lib.Picture(ctx, sha)
		return data, err
	}
	u.reader.SetFontSize(u.fontSize)
	u.reader.SetTypography(u.loadTypography())
	typo := u.reader.Typography()
	u.goFn(func() { reader.WarmFonts(typo) })
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
	u.notes = newNotesPanel(u.ctx, u.lib, u.sched)
	u.notes.showError = u.showError
	u.notes.dark = u.dark
	u.notes.onSummary = u.library.update
	u.notes.onArchived = u.library.remove
	u.notes.onTagsChanged = u.library.reloadTags
	u.notes.onDeleteArticle = u.deleteArticle
	u.notes.onDeleteHighlight = u.deleteHighlight
	u.notes.onSelectHighlight = u.selectHighlight
	u.notes.onRecolored = func(h storage.Highlight) { u.reloadHighlights(h.ArticleID, h.ID) }

	u.notesBox = u.notes.content()
	if !u.prefs.BoolWithFallback(prefNotesVisible, true) {
		u.notesBox.Hide()
	}
	u.toolbar = newReaderToolbar(u.dark(), u.color, u.highlightWith,
		func() { u.setFontSize(u.fontSize - 1) }, func() { u.setFontSize(u.fontSize + 1) }, u.toggleNotes)
	u.toolbar.setNotesShown(u.notesBox.Visible())
	u.work = newWorkspace(u)
	u.inner.Offset = u.prefs.FloatWithFallback(prefSplitNotes, 0.7)
	u.outer.Offset = u.prefs.FloatWithFallback(prefSplitLibrary, 0.28)

	u.snack = newSnackbar(u.sched, func() { u.body.Refresh() }) // make room at the bottom
	u.fetch = newFetchStatus(func() { u.body.Refresh() }, u.showQueueView)
	u.tray = newClipTray(func() { u.body.Refresh() }, u.retryClip)
	u.body = container.NewBorder(container.NewVBox(container.NewPadded(u.topBar), widget.NewSeparator()),
		container.NewVBox(u.tray.content(), u.fetch.content(), u.snack.content()), nil, nil, u.work.view)
	u.win.SetContent(u.body)
	u.shortcuts = u.shortcutTable()
	u.win.SetMainMenu(u.mainMenu())
	u.addShortcuts()
	u.win.SetOnDropped(u.dropped)
	u.win.Resize(fyne.NewSize(
		float32(u.prefs.FloatWithFallback(prefWindowWidth, 1280)),
		float32(u.prefs.FloatWithFallback(prefWindowHeight, 800))))
	u.win.SetCloseIntercept(u.close)
	u.app.Settings().AddListener(func(fyne.Settings) { fyne.Do(u.themeChanged) }) // the desktop went dark or light
}

func (u *ui) focusURL()    { u.win.Canvas().Focus(u.urlEntry) }
func (u *ui) focusSearch() { u.win.Canvas().Focus(u.library.search) }

func (u *ui) dark() bool { return isDark(u.app) }

// toggleNotes shows or hides the notes: the column of a wide window (which
// is remembered), the drawer of a compact one (which is not: the next
// narrow window starts with the text uncovered).
func (u *ui) toggleNotes() {
	if u.notesBox.Visible() {
		u.notesBox.Hide()
	} else {
		u.notesBox.Show()
	}
	if !u.work.compact {
		u.prefs.SetBool(prefNotesVisible, u.notesBox.Visible())
	}
	u.work.place()
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
	u.showNotice(d)
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
	// Undo goes with the window: what it could have brought back goes too.
	if _, err := u.lib.PurgeTrash(context.Background(), time.Now()); err != nil {
		fyne.LogError("empty the trash", err)
	}
	u.cancel()
	u.stopQueue()
	u.win.Close()
}
