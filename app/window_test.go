package app

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"app.margin/margin/article"
	"app.margin/margin/clip"
	"app.margin/margin/storage"
)

func TestClipFailureSaysWhatWentWrong(t *testing.T) {
	tests := []struct {
		name string
		err  error
		want string
	}{
		{"pdf", fmt.Errorf("clip: %w", &clip.Error{Kind: clip.NotHTML, Detail: "application/pdf"}), "not a web page (application/pdf)"},
		{"404", fmt.Errorf("clip: %w", &clip.Error{Kind: clip.HTTPStatus, Detail: "404 Not Found"}), "The server answered 404 Not Found"},
		{"offline", fmt.Errorf("clip: %w", &clip.Error{Kind: clip.Network, Detail: "the server refused the connection"}), "Could not connect — check your connection"},
		{"too large", fmt.Errorf("clip: %w", &clip.Error{Kind: clip.TooLarge, Detail: "more than 25 MB"}), "too large"},
		{"timeout", fmt.Errorf("clip: %w", &clip.Error{Kind: clip.Timeout}), "took too long"},
		{"bad url", fmt.Errorf("clip: %w", &clip.Error{Kind: clip.BadURL, Detail: `"htp:/x"`}), "doesn't look like a web address"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			clipper := &fakeClipper{ClipFn: func(context.Context, string, string) (*article.Article, error) { return nil, tc.err }}
			saved := false
			lib := &fakeLibrary{SaveFn: func(context.Context, *article.Article) (int64, bool, error) { saved = true; return 1, false, nil }}
			u, _ := newTestUI(t, lib, clipper)

			test.Type(u.urlEntry, "https://example.com/report")
			u.urlEntry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})

			if top := u.win.Canvas().Overlays().Top(); top != nil {
				t.Errorf("a failed clip opened a dialog: %q", texts(top))
			}
			got := trayText(u)
			if !strings.Contains(got, tc.want) {
				t.Errorf("clip tray = %q, want it to say %q", got, tc.want)
			}
			if !strings.Contains(got, "Couldn't clip example.com") {
				t.Errorf("clip tray = %q, want it to name the site", got)
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

	if got := trayText(u); !strings.Contains(got, "Couldn't clip example.com") {
		t.Errorf("clip tray = %q, want it to name the site example.com", got)
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
		{fmt.Errorf("clip: %w", &clip.Error{Kind: clip.FileNotFound, Detail: "/tmp/x.html"}), "There is no file there (/tmp/x.html)."},
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
			if !lib.article.Unread || !u.current.Unread {
				t.Error("clipping and opening marked the article read; it belongs in the Unread queue")
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
			if slices.Contains(w.Options, "Dark") {
				radio = w
			}
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

// TestDeletingTheOpenArticle: Delete… in the notes panel asks, then stores
// the note as typed and moves the article to the trash (so Undo brings the
// note back too), and closes it.
func TestDeletingTheOpenArticle(t *testing.T) {
	u, lib, _ := openTestArticle(t)
	var calls []string
	lib.TrashFn = func(_ context.Context, ids []int64) (int, error) {
		calls = append(calls, fmt.Sprint("trash ", ids))
		return len(ids), nil
	}
	lib.SetNoteFn = func(_ context.Context, id int64, note string) error {
		calls = append(calls, fmt.Sprintf("note %d %q", id, note))
		return nil
	}
	test.Type(u.notes.note, "about to go")
	test.Tap(button(t, u.notes.box, "Delete…"))
	test.Tap(button(t, u.win.Canvas().Overlays().Top(), "Delete"))
	if want := []string{`note 7 "about to go"`, "trash [7]"}; !slices.Equal(calls, want) {
		t.Fatalf("calls %q, want %q", calls, want)
	}
	if u.current != nil || u.notes.box.Visible() {
		t.Error("the deleted article is still shown")
	}
	u.close()
	if len(calls) != 2 {
		t.Errorf("closing stored more: %q", calls[2:])
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
