package app

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	fynestorage "fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"app.margin/margin/app/internal/sched"
	"app.margin/margin/article"
	"app.margin/margin/clip"
	"app.margin/margin/export"
	"app.margin/margin/storage"
)

// texts lists the text of every label, rich text and button under o.
func texts(o fyne.CanvasObject) []string {
	var out []string
	walk(o, func(o fyne.CanvasObject) {
		switch w := o.(type) {
		case *widget.Label:
			out = append(out, w.Text)
		case *widget.RichText:
			out = append(out, w.String())
		case *widget.Button:
			out = append(out, w.Text)
		case *canvas.Text:
			out = append(out, w.Text)
		}
	})
	return out
}

// walk visits o and everything it draws, widgets through their renderers.
func walk(o fyne.CanvasObject, visit func(fyne.CanvasObject)) {
	if o == nil {
		return
	}
	visit(o)
	switch c := o.(type) {
	case *fyne.Container:
		for _, child := range c.Objects {
			walk(child, visit)
		}
	case fyne.Widget:
		for _, child := range test.WidgetRenderer(c).Objects() {
			walk(child, visit)
		}
	}
}

// topDialogTexts is the text of the dialog (or pop-up) on top, nil if none.
func topDialogTexts(w fyne.Window) []string {
	top := w.Canvas().Overlays().Top()
	if top == nil {
		return nil
	}
	return texts(top)
}

// button finds the button labelled text under o.
func button(t *testing.T, o fyne.CanvasObject, text string) *widget.Button {
	t.Helper()
	var found *widget.Button
	walk(o, func(o fyne.CanvasObject) {
		if b, ok := o.(*widget.Button); ok && b.Text == text && found == nil {
			found = b
		}
	})
	if found == nil {
		t.Fatalf("no button %q in %q", text, texts(o))
	}
	return found
}

func listTitles(u *ui) []string {
	var out []string
	for _, s := range u.library.items {
		out = append(out, s.Title)
	}
	return out
}

func TestSearchBoxFiltersTheList(t *testing.T) {
	all := summaries("Alpha rising", "Beta tests", "Gamma rays")
	var searches []storage.SearchOptions
	lib := &fakeLibrary{
		ListFn: func(_ context.Context, opt storage.ListOptions) (storage.Page, error) {
			return storage.Page{Items: all}, nil
		},
		SearchFn: func(_ context.Context, opt storage.SearchOptions) ([]storage.Summary, error) {
			searches = append(searches, opt)
			var hits []storage.Summary
			for _, s := range all {
				if strings.Contains(strings.ToLower(s.Title), strings.ToLower(opt.Query)) {
					s.Snippet = opt.Query + " and more"
					s.Matches = []storage.Match{{Start: 0, End: len(opt.Query)}}
					hits = append(hits, s)
				}
			}
			return hits, nil
		},
	}
	u, clock := newTestUI(t, lib, nil)
	if got, want := listTitles(u), []string{"Alpha rising", "Beta tests", "Gamma rays"}; !slices.Equal(got, want) {
		t.Fatalf("list before searching = %q, want %q", got, want)
	}

	test.Type(u.library.search, "beta")
	if len(searches) != 0 {
		t.Fatalf("searched before the pause: %+v", searches)
	}
	clock.Advance(searchDelay)
	if got, want := listTitles(u), []string{"Beta tests"}; !slices.Equal(got, want) {
		t.Errorf("list after typing = %q, want %q", got, want)
	}
	if got := len(searches); got != 1 {
		t.Fatalf("searches after one pause = %d, want 1 (debounced)", got)
	}
	if !searches[0].Newest {
		t.Errorf("search while typing: Newest = false, want newest first")
	}
	if got := u.library.status.Text(); !strings.Contains(got, "1 match") {
		t.Errorf("status = %q, want it to count the match", got)
	}

	u.library.search.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if got := searches[len(searches)-1]; got.Newest {
		t.Errorf("search on Enter: Newest = true, want relevance")
	}

	if !u.library.sort.Disabled() {
		t.Error("the sort choice is offered while searching, where it does nothing")
	}
	u.library.search.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if got := len(listTitles(u)); got != 3 || u.library.search.Text != "" {
		t.Errorf("after Escape the search box holds %q and the list %d articles, want empty and 3", u.library.search.Text, got)
	}
}

func TestSnippetSegmentsBoldTheMatches(t *testing.T) {
	segs := snippetSegments("大模型 and more\u202E", []storage.Match{{Start: 3, End: 9}, {Start: 14, End: 18}})
	var got []string
	for _, s := range segs {
		ts := s.(*widget.TextSegment)
		got = append(got, fmt.Sprintf("%s:%v", ts.Text, ts.Style.TextStyle.Bold))
	}
	if want := []string{"大:false", "模型:true", " and :false", "more:true"}; !slices.Equal(got, want) {
		t.Errorf("segments = %q, want %q", got, want)
	}
}

func TestClipFailureSaysWhatWentWrong(t *testing.T) {
	tests := []struct {
		name string
		err  error
		want string
	}{
		{"pdf", fmt.Errorf("clip: %w: application/pdf", clip.ErrNotHTML), "not a web page (application/pdf)"},
		{"404", fmt.Errorf("clip: %w: 404 Not Found", clip.ErrHTTPStatus), "The server answered 404 Not Found"},
		{"offline", fmt.Errorf("clip: %w: dial tcp: connection refused", clip.ErrNetwork), "Could not connect — check your connection"},
		{"too large", fmt.Errorf("clip: %w: over 25 MiB", clip.ErrTooLarge), "too large"},
		{"timeout", fmt.Errorf("clip: %w", clip.ErrTimeout), "took too long"},
		{"bad url", fmt.Errorf("clip: %w: %q", clip.ErrBadURL, "htp:/x"), "doesn't look like a web address"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			clipper := &fakeClipper{ClipFn: func(context.Context, string, string) (*article.Article, error) { return nil, tc.err }}
			saved := false
			lib := &fakeLibrary{SaveFn: func(context.Context, *article.Article) (int64, bool, error) { saved = true; return 1, false, nil }}
			u, _ := newTestUI(t, lib, clipper)

			test.Type(u.urlEntry, "https://example.com/report")
			u.urlEntry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})

			got := strings.Join(topDialogTexts(u.win), " | ")
			if !strings.Contains(got, tc.want) {
				t.Errorf("dialog = %q, want it to say %q", got, tc.want)
			}
			if !strings.Contains(got, "Couldn't clip example.com") {
				t.Errorf("dialog = %q, want a title naming the site", got)
			}
			if got, want := u.urlEntry.Text, "https://example.com/report"; got != want {
				t.Errorf("address field = %q, want %q kept for a retry", got, want)
			}
			if saved {
				t.Error("a failed clip saved something")
			}
			if n := len(u.library.pending); n != 0 {
				t.Errorf("%d clips still shown as running", n)
			}
		})
	}
}

// An address typed without a scheme whose path ends in .html is a web page,
// as clip.ParseTarget decides: a failure keeps it in the address bar for a
// retry and names the site, not a file.
func TestFailedClipOfASchemelessAddressKeepsIt(t *testing.T) {
	const typed = "example.com/post.html"
	clipper := &fakeClipper{ClipFn: func(context.Context, string, string) (*article.Article, error) {
		return nil, fmt.Errorf("clip: %w: 404 Not Found", clip.ErrHTTPStatus)
	}}
	u, _ := newTestUI(t, &fakeLibrary{}, clipper)
	test.Type(u.urlEntry, typed)
	u.urlEntry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})

	if got := strings.Join(topDialogTexts(u.win), " | "); !strings.Contains(got, "Couldn't clip example.com") {
		t.Errorf("dialog = %q, want a title naming the site example.com", got)
	}
	if got := u.urlEntry.Text; got != typed {
		t.Errorf("address field = %q, want %q kept for a retry", got, typed)
	}
}

func TestPlainWords(t *testing.T) {
	tests := []struct {
		err  error
		want string
	}{
		{fmt.Errorf("open: %w: 42", storage.ErrNotFound), "no longer in the library"},
		{fmt.Errorf("clip: %w: /tmp/x.html", clip.ErrFileNotFound), "There is no file there (/tmp/x.html)."},
		{fmt.Errorf("clip: %w", clip.ErrIsDirectory), "That is a folder"},
		{fmt.Errorf("clip: %w: ftp", clip.ErrScheme), "http:// or https://"},
		{fmt.Errorf("clip: %w", clip.ErrEmpty), "The page is empty"},
		{context.Canceled, "Cancelled."},
		{errors.New("disk on fire"), "Something went wrong: Disk on fire."},
	}
	for _, tc := range tests {
		if got := plainWords(tc.err); !strings.Contains(got, tc.want) {
			t.Errorf("plainWords(%v) = %q, want it to contain %q", tc.err, got, tc.want)
		}
	}
}

// articleLib is a fakeLibrary over one article and its highlights, kept in
// memory so a test can assert on what was stored.
type articleLib struct {
	fakeLibrary
	article    storage.Article
	highlights []storage.Highlight
	nextID     int64
	notes      map[int64]string
}

func newArticleLib() *articleLib {
	l := &articleLib{nextID: 100, notes: map[int64]string{}}
	l.article = storage.Article{ID: 7, Article: article.Article{Title: "Margins", SiteName: "example.com",
		Text: "One paragraph to read.\n\nAnother paragraph to keep."}, Unread: true, Tags: []string{"essays"}}
	l.highlights = []storage.Highlight{{ID: 1, ArticleID: 7, Start: 4, End: 13, Quote: "paragraph", Color: storage.Yellow, Note: "first"}}
	l.ListFn = func(context.Context, storage.ListOptions) (storage.Page, error) {
		return storage.Page{Items: []storage.Summary{{ID: 7, Title: l.article.Title, Tags: l.article.Tags}}}, nil
	}
	l.GetFn = func(_ context.Context, id int64) (*storage.Article, error) {
		if id != 7 {
			return nil, storage.ErrNotFound
		}
		a := l.article
		a.Tags = slices.Clone(l.article.Tags)
		return &a, nil
	}
	l.HighlightsFn = func(context.Context, int64) ([]storage.Highlight, error) {
		return slices.Clone(l.highlights), nil
	}
	l.AddHighlightFn = func(_ context.Context, h storage.Highlight) (storage.Highlight, error) {
		l.nextID++
		h.ID = l.nextID
		h.Quote = string([]rune(l.article.Text)[h.Start:h.End])
		l.highlights = append(l.highlights, h)
		slices.SortFunc(l.highlights, func(a, b storage.Highlight) int { return a.Start - b.Start })
		return h, nil
	}
	l.UpdateHighlightFn = func(_ context.Context, id int64, c storage.Color, note string) (storage.Highlight, error) {
		for i := range l.highlights {
			if l.highlights[i].ID == id {
				l.highlights[i].Color, l.highlights[i].Note = c, note
				return l.highlights[i], nil
			}
		}
		return storage.Highlight{}, storage.ErrNotFound
	}
	l.DeleteHighlightFn = func(_ context.Context, id int64) error {
		l.highlights = slices.DeleteFunc(l.highlights, func(h storage.Highlight) bool { return h.ID == id })
		return nil
	}
	l.AddTagsFn = func(_ context.Context, _ int64, names ...string) error {
		l.article.Tags = append(l.article.Tags, names...)
		slices.Sort(l.article.Tags)
		return nil
	}
	l.RemoveTagsFn = func(_ context.Context, _ int64, names ...string) error {
		l.article.Tags = slices.DeleteFunc(l.article.Tags, func(t string) bool { return slices.Contains(names, t) })
		return nil
	}
	l.ArticleTagsFn = func(context.Context, int64) ([]string, error) {
		return slices.Clone(l.article.Tags), nil
	}
	l.SetNoteFn = func(_ context.Context, id int64, note string) error {
		l.notes[id] = note
		return nil
	}
	l.SetUnreadFn = func(_ context.Context, _ int64, v bool) error {
		l.article.Unread = v
		return nil
	}
	l.TagsFn = func(context.Context) ([]storage.Tag, error) {
		return []storage.Tag{{Name: "essays", Count: 1}, {Name: "economics", Count: 4}, {Name: "fintech", Count: 2}}, nil
	}
	return l
}

func TestClipSuccessAddsAndOpensTheArticle(t *testing.T) {
	for _, updated := range []bool{false, true} {
		t.Run(fmt.Sprintf("updated=%v", updated), func(t *testing.T) {
			lib := newArticleLib()
			listed := false
			lib.ListFn = func(context.Context, storage.ListOptions) (storage.Page, error) {
				if !listed {
					return storage.Page{}, nil
				}
				return storage.Page{Items: []storage.Summary{{ID: 7, Title: "Margins"}}}, nil
			}
			var target string
			clipper := &fakeClipper{ClipFn: func(_ context.Context, tg, _ string) (*article.Article, error) {
				target = tg
				return &lib.article.Article, nil
			}}
			lib.SaveFn = func(context.Context, *article.Article) (int64, bool, error) {
				listed = true
				return 7, updated, nil
			}
			u, _ := newTestUI(t, lib, clipper)
			if !u.library.empty.Visible() {
				t.Error("an empty library shows no hint")
			}

			test.Type(u.urlEntry, " https://example.com/margins ")
			test.Tap(button(t, u.win.Content(), "Clip"))

			if got, want := target, "https://example.com/margins"; got != want {
				t.Errorf("clipped %q, want %q", got, want)
			}
			if u.current == nil || u.current.ID != 7 {
				t.Fatalf("open article = %+v, want article 7", u.current)
			}
			if got, want := listTitles(u), []string{"Margins"}; !slices.Equal(got, want) {
				t.Errorf("list = %q, want %q", got, want)
			}
			if lib.article.Unread {
				t.Error("opening the article did not mark it read")
			}
			want := "Clipped: Margins"
			if updated {
				want = "Updated: Margins"
			}
			if got := u.snack.label.Text; got != want || !u.snack.box.Visible() {
				t.Errorf("news = %q (visible %v), want %q", got, u.snack.box.Visible(), want)
			}
			if u.urlEntry.Text != "" {
				t.Errorf("address field = %q after a successful clip, want it empty", u.urlEntry.Text)
			}
		})
	}
}

// openTestArticle builds the window over an articleLib and opens article 7.
func openTestArticle(t *testing.T) (*ui, *articleLib, *sched.Manual) {
	t.Helper()
	lib := newArticleLib()
	u, clock := newTestUI(t, lib, nil)
	u.openArticle(7)
	if u.current == nil {
		t.Fatal("article 7 did not open")
	}
	return u, lib, clock
}

func TestEditingAHighlightNotePersists(t *testing.T) {
	u, lib, clock := openTestArticle(t)
	card := u.notes.cards[1]
	if card == nil {
		t.Fatal("no card for highlight 1")
	}
	if got, want := card.note.Text, "first"; got != want {
		t.Fatalf("card note = %q, want %q", got, want)
	}
	card.note.CursorColumn = len(card.note.Text)
	test.Type(card.note, " thoughts")
	if got := lib.highlights[0].Note; got != "first" {
		t.Errorf("note saved before the pause: %q", got)
	}
	clock.Advance(saveDelay)
	if got, want := lib.highlights[0].Note, "first thoughts"; got != want {
		t.Errorf("stored note = %q, want %q", got, want)
	}

	test.Tap(card.swatches[2]) // blue
	if got, want := lib.highlights[0].Color, storage.Blue; got != want {
		t.Errorf("stored colour = %q, want %q", got, want)
	}
	if got, want := lib.highlights[0].Note, "first thoughts"; got != want {
		t.Errorf("recolouring changed the note to %q, want %q", got, want)
	}

	test.Type(u.notes.note, "My note")
	clock.Advance(saveDelay)
	if got, want := lib.notes[7], "My note"; got != want {
		t.Errorf("stored article note = %q, want %q", got, want)
	}
}

func TestPendingNoteIsSavedWhenTheWindowCloses(t *testing.T) {
	u, lib, _ := openTestArticle(t)
	u.notes.cards[1].note.CursorColumn = len("first")
	test.Type(u.notes.cards[1].note, "!")
	test.Type(u.notes.note, "unsaved")
	u.close()
	if got, want := lib.highlights[0].Note, "first!"; got != want {
		t.Errorf("highlight note after close = %q, want %q", got, want)
	}
	if got, want := lib.notes[7], "unsaved"; got != want {
		t.Errorf("article note after close = %q, want %q", got, want)
	}
}

func TestTagEditorAddsAndRemoves(t *testing.T) {
	u, lib, _ := openTestArticle(t)
	test.Type(u.notes.tagEntry, "eco")
	if got, want := u.notes.completions, []string{"economics"}; !slices.Equal(got, want) {
		t.Errorf("completions for %q = %q, want %q", "eco", got, want)
	}
	u.notes.tagEntry.SetText("economics, reading")
	u.notes.tagEntry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if got, want := lib.article.Tags, []string{"economics", "essays", "reading"}; !slices.Equal(got, want) {
		t.Fatalf("stored tags = %q, want %q", got, want)
	}
	if got := texts(u.notes.tags); !slices.Contains(got, "reading") {
		t.Errorf("tag chips = %q, want reading among them", got)
	}
	if got, want := u.library.items[0].Tags, []string{"economics", "essays", "reading"}; !slices.Equal(got, want) {
		t.Errorf("list row tags = %q, want %q", got, want)
	}

	// The chip's ✕ is the button next to its label.
	var remove *widget.Button
	for _, chip := range u.notes.tags.Objects {
		if slices.Contains(texts(chip), "essays") {
			walk(chip, func(o fyne.CanvasObject) {
				if b, ok := o.(*widget.Button); ok {
					remove = b
				}
			})
		}
	}
	if remove == nil {
		t.Fatalf("no remove button on the essays chip in %q", texts(u.notes.tags))
	}
	test.Tap(remove)
	if got, want := lib.article.Tags, []string{"economics", "reading"}; !slices.Equal(got, want) {
		t.Errorf("stored tags after removing = %q, want %q", got, want)
	}
}

func TestDeleteRemovesAHighlightAndUndoRestoresIt(t *testing.T) {
	u, lib, _ := openTestArticle(t)
	test.Tap(u.notes.cards[1])
	if got := u.selected; got != 1 {
		t.Fatalf("selected highlight = %d, want 1 after tapping its card", got)
	}
	u.win.Canvas().Focus(u.reader) // as after a click in the article
	u.reader.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDelete})
	if n := len(lib.highlights); n != 0 {
		t.Fatalf("%d highlights stored after Delete, want 0", n)
	}
	if _, ok := u.notes.cards[1]; ok {
		t.Error("the deleted highlight's card is still shown")
	}
	if got := u.snack.label.Text; got != "Highlight deleted" {
		t.Errorf("news = %q, want the deletion with an undo", got)
	}
	test.Tap(u.snack.action)
	if n := len(lib.highlights); n != 1 {
		t.Fatalf("%d highlights after Undo, want 1", n)
	}
	h := lib.highlights[0]
	if h.Start != 4 || h.End != 13 || h.Color != storage.Yellow || h.Note != "first" {
		t.Errorf("restored highlight = %+v, want 4..13 yellow with its note", h)
	}
	if _, ok := u.notes.cards[h.ID]; !ok {
		t.Error("the restored highlight has no card")
	}
}

func TestOrphanedHighlightsHaveTheirOwnSection(t *testing.T) {
	lib := newArticleLib()
	lib.highlights = append(lib.highlights, storage.Highlight{ID: 2, ArticleID: 7, Quote: "gone now", Orphaned: true, Color: storage.Pink})
	u, _ := newTestUI(t, lib, nil)
	u.openArticle(7)
	if got := len(u.notes.hlBox.Objects); got != 1 {
		t.Errorf("placed highlights shown = %d, want 1", got)
	}
	if got := len(u.notes.orphBox.Objects); got != 1 || !u.notes.orphTitle.Visible() {
		t.Errorf("orphaned section shows %d (title visible %v), want 1", got, u.notes.orphTitle.Visible())
	}
}

func TestHighlightingTheSelectionStoresIt(t *testing.T) {
	u, lib, _ := openTestArticle(t)
	u.addHighlight(24, 31, storage.Green)
	if n := len(lib.highlights); n != 2 {
		t.Fatalf("%d highlights stored, want 2", n)
	}
	if got := lib.highlights[1]; got.Quote != "Another" || got.Color != storage.Green {
		t.Errorf("stored highlight = %+v, want Another in green", got)
	}
	if u.selected != lib.highlights[1].ID {
		t.Errorf("selected = %d, want the new highlight %d", u.selected, lib.highlights[1].ID)
	}
	if got := u.prefs.String(prefColor); got != "green" {
		t.Errorf("remembered colour = %q, want green", got)
	}
}

func TestExportDialogRunsTheExport(t *testing.T) {
	u, _, _ := openTestArticle(t)
	var gotSel export.Selection
	var gotOpt export.Options
	var gotDir string
	u.exportToDir = func(_ context.Context, _ export.Library, dir string, sel export.Selection, opt export.Options, p export.Progress) (export.Result, error) {
		gotDir, gotSel, gotOpt = dir, sel, opt
		p(1, 1)
		return export.Result{Dir: dir, Written: []string{"margins.md"}}, nil
	}
	dir := t.TempDir()
	u.pickFolder = func(done func(string)) { done(dir) }

	u.showExport()
	dlg := u.win.Canvas().Overlays().Top()
	if got := texts(dlg); !slices.Contains(got, "This article: Margins") {
		t.Fatalf("export choices = %q, want this article offered", got)
	}
	test.Tap(button(t, dlg, "Choose where…"))

	if gotDir != dir || !slices.Equal(gotSel.IDs, []int64{7}) || gotOpt.Format != export.Markdown {
		t.Errorf("exported dir=%q sel=%+v opt=%+v, want article 7 as Markdown into %q", gotDir, gotSel, gotOpt, dir)
	}
	if got, want := strings.Join(topDialogTexts(u.win), " "), "Wrote 1 file to "+dir; !strings.Contains(got, want) {
		t.Errorf("summary = %q, want %q", got, want)
	}
}

func TestExportFailureIsShownInPlainWords(t *testing.T) {
	u, _ := newTestUI(t, &fakeLibrary{}, nil)
	u.exportToFile = func(context.Context, export.Library, string, export.Selection, export.Options, export.Progress) error {
		return fmt.Errorf("export: %w", fmt.Errorf("open: %w", fs.ErrPermission))
	}
	u.runExport(export.Selection{}, export.Options{}, "/root/x.md", false)
	if got := strings.Join(topDialogTexts(u.win), " "); !strings.Contains(got, "not allowed to read or write") {
		t.Errorf("dialog = %q, want the permission problem in words", got)
	}
}

func TestExportSummary(t *testing.T) {
	tests := []struct {
		res  export.Result
		want string
	}{
		{export.Result{}, "There was nothing to export."},
		{export.Result{Written: []string{"a", "b"}}, "Wrote 2 files to /d."},
		{export.Result{Unchanged: 3}, "All 3 files in /d were already up to date."},
		{export.Result{Written: []string{"a"}, Unchanged: 2}, "Wrote 1 file to /d; 2 already up to date."},
	}
	for _, tc := range tests {
		if got := exportSummary(tc.res, "/d", true); got != tc.want {
			t.Errorf("exportSummary(%+v) = %q, want %q", tc.res, got, tc.want)
		}
	}
}

func TestNotesPanelToggleAndFontSizePersist(t *testing.T) {
	u, _ := newTestUI(t, &fakeLibrary{}, nil)
	if !u.notesBox.Visible() {
		t.Fatal("notes panel hidden on first start")
	}
	u.toggleNotes()
	if u.notesBox.Visible() || u.prefs.Bool(prefNotesVisible) {
		t.Error("toggle did not hide the notes panel (or did not remember it)")
	}
	u.setFontSize(40)
	if got := u.prefs.Float(prefFontSize); got != maxFontSize {
		t.Errorf("font size stored = %v, want it clamped to %v", got, maxFontSize)
	}
	u.setTheme(themeDark)
	if !u.dark() || u.prefs.String(prefTheme) != themeDark {
		t.Error("dark theme not applied or not remembered")
	}

	u.prefs.SetInt(prefLastArticle, 7)
	again := newUIWith(u.app, newArticleLib(), nil, func(w *ui) { w.sched = u.sched })
	if again.notesBox.Visible() || again.fontSize != maxFontSize || again.themeChoice != themeDark {
		t.Errorf("next start: notes visible %v, font %v, theme %q; want the saved choices", again.notesBox.Visible(), again.fontSize, again.themeChoice)
	}
	if again.current == nil || again.current.ID != 7 {
		t.Errorf("next start opened %+v, want the last article read (7)", again.current)
	}
}

func TestListEnterOpensTheFocusedRow(t *testing.T) {
	lib := newArticleLib()
	u, _ := newTestUI(t, lib, nil)
	u.win.Canvas().Focus(u.library.list)
	u.library.list.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if u.current == nil || u.current.ID != 7 {
		t.Errorf("Enter on the list opened %+v, want article 7", u.current)
	}
	if got := u.win.Canvas().Focused(); got != u.reader {
		t.Errorf("after Enter the keyboard is in %T, want the reader", got)
	}
	// Esc with a selection clears it and stays; Esc again goes back to the list.
	u.reader.TypedShortcut(&fyne.ShortcutSelectAll{})
	u.reader.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if _, _, selected := u.reader.Selection(); selected || u.win.Canvas().Focused() != u.reader {
		t.Errorf("first Esc: selection %v, focus %T; want cleared, still the reader", selected, u.win.Canvas().Focused())
	}
	u.reader.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if got := u.win.Canvas().Focused(); got != u.library.list {
		t.Errorf("second Esc: the keyboard is in %T, want the article list", got)
	}
}

func TestListSpaceOpensAndStaysInTheList(t *testing.T) {
	u, _ := newTestUI(t, newArticleLib(), nil)
	u.win.Canvas().Focus(u.library.list)
	u.library.list.TypedKey(&fyne.KeyEvent{Name: fyne.KeySpace})
	if u.current == nil || u.current.ID != 7 {
		t.Errorf("Space on the list opened %+v, want article 7", u.current)
	}
	if got := u.win.Canvas().Focused(); got != u.library.list {
		t.Errorf("after Space the keyboard is in %T, want the list", got)
	}
}

func TestLoadMoreFetchesTheNextPage(t *testing.T) {
	var afters []string
	lib := &fakeLibrary{ListFn: func(_ context.Context, opt storage.ListOptions) (storage.Page, error) {
		afters = append(afters, opt.After)
		var items []storage.Summary
		base := len(afters) * 1000
		for i := range listPageSize {
			items = append(items, storage.Summary{ID: int64(base + i), Title: fmt.Sprint("Article ", base+i)})
		}
		next := ""
		if len(afters) < 2 {
			next = "cursor-1"
		}
		return storage.Page{Items: items, Next: next}, nil
	}}
	u, _ := newTestUI(t, lib, nil)
	u.library.list.ScrollToBottom()
	if got, want := afters, []string{"", "cursor-1"}; !slices.Equal(got, want) {
		t.Fatalf("pages fetched with After = %q, want %q", got, want)
	}
	if got, want := len(u.library.items), 2*listPageSize; got != want {
		t.Errorf("list holds %d articles, want %d", got, want)
	}
}

func TestStartupHookAndDrop(t *testing.T) {
	var clipped []string
	clipper := &fakeClipper{ClipFn: func(_ context.Context, target, _ string) (*article.Article, error) {
		clipped = append(clipped, target)
		return nil, fmt.Errorf("clip: %w: %s", clip.ErrFileNotFound, target)
	}}
	u, _ := newTestUI(t, newArticleLib(), clipper)
	u.applyStartup("notes=hide, search=margin, size=900x700, article=7, focus=reader")
	if got := u.win.Canvas().Focused(); got != u.reader {
		t.Errorf("focus=reader left the focus on %T", got)
	}
	if u.notesBox.Visible() {
		t.Error("notes=hide left the notes panel shown")
	}
	if got := u.library.search.Text; got != "margin" {
		t.Errorf("search box = %q, want margin", got)
	}
	if got := u.win.Canvas().Size(); got.Width != 900 {
		t.Errorf("window width = %v, want 900", got.Width)
	}
	if u.current == nil || u.current.ID != 7 {
		t.Errorf("article=7 opened %+v", u.current)
	}

	u.dropped(fyne.Position{}, []fyne.URI{fynestorage.NewFileURI("/tmp/saved page.html")})
	if got, want := clipped, []string{"/tmp/saved page.html"}; !slices.Equal(got, want) {
		t.Errorf("dropping a file clipped %q, want %q", got, want)
	}
	if got := u.urlEntry.Text; got != "" {
		t.Errorf("a failed file clip put %q in the address field, want it left empty", got)
	}
	if got := strings.Join(topDialogTexts(u.win), " "); !strings.Contains(got, "There is no file there") {
		t.Errorf("dialog = %q, want the missing file explained", got)
	}
}

func TestKeyboardPathFromSearchToList(t *testing.T) {
	u, _ := newTestUI(t, newArticleLib(), nil)
	u.focusSearch()
	u.library.search.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
	if got := u.win.Canvas().Focused(); got != u.library.list {
		t.Fatalf("focus after Down in the search box = %T, want the list", got)
	}
	u.library.list.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEnter})
	if u.current == nil || u.current.ID != 7 {
		t.Errorf("Enter opened %+v, want article 7", u.current)
	}
}

func TestAClipDoesNotReplaceWhatTheReaderOpenedMeanwhile(t *testing.T) {
	lib := newArticleLib()
	lib.GetFn = func(_ context.Context, id int64) (*storage.Article, error) {
		return &storage.Article{ID: id, Article: article.Article{Title: fmt.Sprint("Article ", id)}}, nil
	}
	lib.SaveFn = func(context.Context, *article.Article) (int64, bool, error) { return 9, false, nil }
	var u *ui
	clipper := &fakeClipper{ClipFn: func(context.Context, string, string) (*article.Article, error) {
		if got := len(u.library.pending); got != 1 {
			t.Errorf("%d clips shown as running during the clip, want 1", got)
		}
		u.openArticle(8) // the reader opens another article while the page downloads
		return &article.Article{Title: "Slow page"}, nil
	}}
	u, _ = newTestUI(t, lib, clipper)
	u.clip("https://example.com/slow", "")
	if u.current == nil || u.current.ID != 8 {
		t.Errorf("open article = %+v, want 8 (opened during the clip)", u.current)
	}
	if got := u.snack.label.Text; got != "Clipped: Slow page" {
		t.Errorf("news = %q, want the clip announced", got)
	}
}

func TestReadingPositionIsSaved(t *testing.T) {
	u, lib, _ := openTestArticle(t)
	var gotID int64
	var gotPos float64
	lib.SetPositionFn = func(_ context.Context, id int64, pos float64) error {
		gotID, gotPos = id, pos
		return nil
	}
	u.reader.OnPositionChanged(0.42)
	if gotID != 7 || gotPos != 0.42 {
		t.Errorf("saved position %v of article %d, want 0.42 of 7", gotPos, gotID)
	}
}

func TestArchivingTakesTheArticleOutOfTheList(t *testing.T) {
	u, lib, _ := openTestArticle(t)
	archived := false
	lib.SetArchivedFn = func(_ context.Context, id int64, v bool) error {
		archived = v
		return nil
	}
	test.Tap(u.notes.archived)
	if !archived {
		t.Fatal("archive not stored")
	}
	if n := len(u.library.items); n != 0 {
		t.Errorf("the list still shows %d articles, want the archived one gone", n)
	}
}

func TestShortcutsFocus(t *testing.T) {
	u, _ := newTestUI(t, newArticleLib(), nil)
	ctrl := func(k fyne.KeyName) {
		u.win.Canvas().(fyne.Shortcutable).TypedShortcut(&desktop.CustomShortcut{KeyName: k, Modifier: fyne.KeyModifierShortcutDefault})
	}
	ctrl(fyne.KeyL)
	if got := u.win.Canvas().Focused(); got != u.urlEntry {
		t.Errorf("Ctrl+L focused %T, want the address field", got)
	}
	ctrl(fyne.KeyF)
	if got := u.win.Canvas().Focused(); got != u.library.search {
		t.Errorf("Ctrl+F focused %T, want the search box", got)
	}
	ctrl(fyne.KeyE)
	if got := strings.Join(topDialogTexts(u.win), " "); !strings.Contains(got, "Export notes") {
		t.Errorf("Ctrl+E showed %q, want the export dialog", got)
	}
}

func TestSettingsApplyAtOnce(t *testing.T) {
	u, _ := newTestUI(t, newArticleLib(), nil)
	u.showSettings()
	dlg := u.win.Canvas().Overlays().Top()
	var radio *widget.RadioGroup
	var slider *widget.Slider
	walk(dlg, func(o fyne.CanvasObject) {
		switch w := o.(type) {
		case *widget.RadioGroup:
			radio = w
		case *widget.Slider:
			slider = w
		}
	})
	if radio == nil || slider == nil {
		t.Fatalf("settings lack the theme choice or the text size: %q", texts(dlg))
	}
	radio.SetSelected("Dark")
	if !u.dark() || u.prefs.String(prefTheme) != themeDark {
		t.Error("choosing Dark did not apply and remember the dark theme")
	}
	radio.SetSelected("Light")
	if u.dark() {
		t.Error("choosing Light left the theme dark")
	}
	slider.SetValue(20)
	if got := u.prefs.Float(prefFontSize); got != 20 {
		t.Errorf("text size stored = %v, want 20", got)
	}
}

func TestDeletingTheOpenArticle(t *testing.T) {
	u, lib, _ := openTestArticle(t)
	var deleted []int64
	lib.DeleteFn = func(_ context.Context, id int64) error {
		deleted = append(deleted, id)
		return nil
	}
	noteSaved := false
	lib.SetNoteFn = func(context.Context, int64, string) error { noteSaved = true; return nil }
	test.Type(u.notes.note, "about to go")
	test.Tap(button(t, u.notes.box, "Delete…"))
	test.Tap(button(t, u.win.Canvas().Overlays().Top(), "Delete"))
	if !slices.Equal(deleted, []int64{7}) {
		t.Fatalf("deleted %v, want [7]", deleted)
	}
	if u.current != nil || u.notes.box.Visible() {
		t.Error("the deleted article is still shown")
	}
	u.close()
	if noteSaved {
		t.Error("a pending note was saved to the deleted article")
	}
}

func TestHUsesTheChosenColour(t *testing.T) {
	lib := openRealLibrary(t)
	id := saveParsed(t, lib, twoParagraphPage("en", "Colours", enPara1, enPara2), "https://example.com/colours")
	u, _ := newTestUI(t, lib, nil)
	u.openArticle(id)
	test.Tap(u.toolbar.swatches[3]) // pink, with nothing selected yet
	u.reader.Select(0, 7)
	u.win.Canvas().Focus(u.reader)
	test.TypeOnCanvas(u.win.Canvas(), "h")
	hs, err := lib.Highlights(context.Background(), id)
	if err != nil || len(hs) != 1 {
		t.Fatalf("highlights = %+v, %v; want one (dialog %q)", hs, err, topDialogTexts(u.win))
	}
	if got := hs[0].Color; got != storage.Pink {
		t.Errorf("H highlighted in %q, want the chosen pink", got)
	}
}

func TestAClipInProgressCanBeStopped(t *testing.T) {
	var u *ui
	saved := false
	lib := &fakeLibrary{SaveFn: func(context.Context, *article.Article) (int64, bool, error) { saved = true; return 1, false, nil }}
	clipper := &fakeClipper{ClipFn: func(ctx context.Context, _, _ string) (*article.Article, error) {
		u.library.list.Refresh() // draw the pending row
		var stop *widget.Button
		walk(u.library.list, func(o fyne.CanvasObject) {
			if r, ok := o.(*articleRow); ok && r.cancel.Visible() {
				stop = r.cancel
			}
		})
		if stop == nil {
			t.Fatal("the pending row has no stop button")
		}
		test.Tap(stop)
		<-ctx.Done()
		return nil, fmt.Errorf("clip: %w", ctx.Err())
	}}
	u, _ = newTestUI(t, lib, clipper)
	u.clip("https://example.com/stuck", "")
	if saved {
		t.Error("a stopped clip was saved")
	}
	if top := u.win.Canvas().Overlays().Top(); top != nil {
		t.Errorf("stopping a clip showed %q, want nothing", texts(top))
	}
	if n := len(u.library.pending); n != 0 {
		t.Errorf("%d clips still shown as running", n)
	}
}

// TestSearchLoadsMorePages: a search shows its first page of hits, then the
// next page of the same search (by Offset) when the list nears its end.
func TestSearchLoadsMorePages(t *testing.T) {
	titles := make([]string, searchPage+7)
	for i := range titles {
		titles[i] = fmt.Sprintf("Compost %d", i)
	}
	all := summaries(titles...)
	var searches []storage.SearchOptions
	lib := &fakeLibrary{
		SearchFn: func(_ context.Context, opt storage.SearchOptions) ([]storage.Summary, error) {
			searches = append(searches, opt)
			from := min(opt.Offset, len(all))
			return all[from:min(from+opt.Limit, len(all))], nil
		},
	}
	u, clock := newTestUI(t, lib, nil)
	test.Type(u.library.search, "compost")
	clock.Advance(searchDelay)
	if got, want := len(listTitles(u)), searchPage; got != want {
		t.Fatalf("rows after the first search = %d, want %d", got, want)
	}
	if got, want := u.library.status.Text(), fmt.Sprintf("%d+ matches", searchPage); !strings.HasPrefix(got, want) {
		t.Errorf("status = %q, want it to start %q", got, want)
	}
	u.library.loadMore()
	if got, want := listTitles(u), titles; !slices.Equal(got, want) {
		t.Fatalf("rows after loading more = %d, want all %d in order", len(got), len(want))
	}
	if got := searches[len(searches)-1]; got.Offset != searchPage || got.Query != "compost" || !got.Newest {
		t.Errorf("second page asked with %+v, want offset %d of the same newest-first search", got, searchPage)
	}
	if got, want := u.library.status.Text(), fmt.Sprintf("%d matches", len(titles)); !strings.HasPrefix(got, want) {
		t.Errorf("status = %q, want it to start %q", got, want)
	}
	u.library.loadMore() // the last page was short: nothing more to ask
	if got := len(searches); got != 2 {
		t.Errorf("searches = %d, want 2 (no third page after a short one)", got)
	}
}
