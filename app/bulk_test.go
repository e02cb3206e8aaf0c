package app

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"

	"app.margin/margin/app/internal/sched"
	"app.margin/margin/article"
	"app.margin/margin/storage"
)

// clickRow clicks the row titled title with mods held, as the driver
// does: the press and the tap go to the row, the innermost widget under the
// pointer that takes them.
func clickRow(t *testing.T, u *ui, title string, mods fyne.KeyModifier) {
	t.Helper()
	row := rowOf(t, u, title)
	row.MouseDown(&desktop.MouseEvent{Button: desktop.MouseButtonPrimary, Modifier: mods})
	test.Tap(row)
}

// typeShortcut sends s as the driver does once no menu takes it: to the
// focused widget, else to the window.
func typeShortcut(u *ui, s fyne.Shortcut) {
	if f, ok := u.win.Canvas().Focused().(fyne.Shortcutable); ok {
		f.TypedShortcut(s)
		return
	}
	u.win.Canvas().(fyne.Shortcutable).TypedShortcut(s)
}

var (
	undoKeys = &fyne.ShortcutUndo{}
	redoKeys = &desktop.CustomShortcut{KeyName: fyne.KeyZ, Modifier: fyne.KeyModifierShortcutDefault | fyne.KeyModifierShift}
)

// pickedTitles are the titles of the picked rows, in list order.
func pickedTitles(u *ui) []string {
	var out []string
	for _, s := range u.library.pickedItems() {
		out = append(out, s.Title)
	}
	return out
}

// fourArticles stores articles titled A to D (D newest) and returns their
// ids by title.
func fourArticles(t *testing.T, lib *storage.Library) map[string]int64 {
	t.Helper()
	ids := map[string]int64{}
	for _, title := range []string{"A", "B", "C", "D"} {
		ids[title] = saveParsed(t, lib, twoParagraphPage("en", title, enPara1, enPara2), "https://example.com/"+title)
	}
	return ids
}

func TestANewLibraryOpensOnUnread(t *testing.T) {
	lib := openRealLibrary(t)
	ids := fourArticles(t, lib)
	if err := lib.SetUnread(context.Background(), ids["B"], false); err != nil {
		t.Fatal(err)
	}
	a := test.NewTempApp(t)
	clock := sched.NewManual(time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC))
	u := newUIWith(a, lib, nil, func(u *ui) { u.sched = clock })
	if got := u.library.filter.Selected; got != "Unread" {
		t.Errorf("a new library's view = %q, want Unread", got)
	}
	if got, want := listTitles(u), []string{"D", "C", "A"}; !slices.Equal(got, want) {
		t.Errorf("Unread lists %q, want %q", got, want)
	}
	u.library.filter.SetSelected("All articles")
	u.win.Close()
	u = newUIWith(a, lib, nil, func(u *ui) { u.sched = clock })
	defer u.win.Close()
	if got := u.library.filter.Selected; got != "All articles" {
		t.Errorf("the next window's view = %q, want the one last chosen", got)
	}
}

// TestPickingRows: Ctrl-click adds a row to the open one, Shift-click picks
// a range from the last row clicked, Ctrl+A every row, a plain click or
// Escape none; picking opens nothing.
func TestPickingRows(t *testing.T) {
	lib := openRealLibrary(t)
	ids := fourArticles(t, lib)
	u, _ := newTestUI(t, lib, nil)
	clickRow(t, u, "D", 0)
	if u.currentID() != ids["D"] {
		t.Fatal("a plain click did not open the article")
	}
	steps := []struct {
		name  string
		do    func()
		want  []string
		count string
	}{
		{"Ctrl-click", func() { clickRow(t, u, "B", fyne.KeyModifierControl) }, []string{"D", "B"}, "2 articles selected"},
		{"Ctrl-click again", func() { clickRow(t, u, "B", fyne.KeyModifierControl) }, []string{"D"}, "1 article selected"},
		{"Ctrl-click C", func() { clickRow(t, u, "C", fyne.KeyModifierControl) }, []string{"D", "C"}, "2 articles selected"},
		{"Shift-click", func() { clickRow(t, u, "A", fyne.KeyModifierShift) }, []string{"C", "B", "A"}, "3 articles selected"},
		{"Escape", func() { u.library.list.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape}) }, nil, ""},
		{"Ctrl+A", func() {
			u.win.Canvas().Focus(u.library.list)
			typeShortcut(u, &fyne.ShortcutSelectAll{})
		}, []string{"D", "C", "B", "A"}, "4 articles selected"},
		{"plain click", func() { clickRow(t, u, "C", 0) }, nil, ""},
	}
	for _, s := range steps {
		s.do()
		if got := pickedTitles(u); !slices.Equal(got, s.want) {
			t.Errorf("%s: picked %q, want %q", s.name, got, s.want)
		}
		if got := u.library.sel.bar.Visible(); got != (s.count != "") {
			t.Errorf("%s: bar shown %v", s.name, got)
		}
		if s.count != "" && u.library.sel.count.Text != s.count {
			t.Errorf("%s: bar says %q, want %q", s.name, u.library.sel.count.Text, s.count)
		}
		if s.name != "plain click" && u.currentID() != ids["D"] {
			t.Errorf("%s opened another article", s.name)
		}
		if s.count != "" && !rowOf(t, u, s.want[0]).picked.Visible() {
			t.Errorf("%s: row %q does not look picked", s.name, s.want[0])
		}
	}
	if u.currentID() != ids["C"] {
		t.Error("a plain click after picking did not open its article")
	}
}

// stateOf is each article's archived and unread flags, as stored.
func stateOf(t *testing.T, lib *storage.Library, ids map[string]int64) map[string]string {
	t.Helper()
	out := map[string]string{}
	for title, id := range ids {
		a, err := lib.Get(context.Background(), id)
		if errors.Is(err, storage.ErrNotFound) {
			out[title] = "gone"
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		out[title] = fmt.Sprintf("archived=%v unread=%v tags=%q", a.Archived, a.Unread, a.Tags)
	}
	return out
}

// TestBulkActionsUndoAndRedo: each action on the picked rows changes them
// all in the file, Ctrl+Z takes back exactly what it changed (an article
// read before stays read), Ctrl+Shift+Z does it again.
func TestBulkActionsUndoAndRedo(t *testing.T) {
	lib := openRealLibrary(t)
	ctx := context.Background()
	ids := fourArticles(t, lib)
	if err := lib.SetUnread(ctx, ids["A"], false); err != nil {
		t.Fatal(err)
	}
	if err := lib.AddTags(ctx, ids["B"], "keep"); err != nil {
		t.Fatal(err)
	}
	if _, err := lib.AddHighlight(ctx, storage.Highlight{ArticleID: ids["B"], Start: 0, End: 5, Color: storage.Pink, Note: "mine"}); err != nil {
		t.Fatal(err)
	}
	u, _ := newTestUI(t, lib, nil)
	before := stateOf(t, lib, ids)
	pickAll := func() {
		u.win.Canvas().Focus(u.library.list)
		typeShortcut(u, &fyne.ShortcutSelectAll{})
		clickRow(t, u, "D", fyne.KeyModifierControl) // D stays as it is
	}
	tests := []struct {
		name string
		act  func()
		want map[string]string // after the action, for A, B and C
		list []string
	}{
		{"Archive", func() { u.showPickMenu(fyne.Position{}); tapMenuItem(t, u.win, "Archive") },
			map[string]string{"A": `archived=true unread=false tags=[]`, "B": `archived=true unread=true tags=["keep"]`, "C": `archived=true unread=true tags=[]`},
			[]string{"D"}},
		{"A key", func() { u.library.list.TypedRune('a') },
			map[string]string{"A": `archived=true unread=false tags=[]`, "B": `archived=true unread=true tags=["keep"]`, "C": `archived=true unread=true tags=[]`},
			[]string{"D"}},
		{"Mark as Read", func() { u.showPickMenu(fyne.Position{}); tapMenuItem(t, u.win, "Mark as Read") },
			map[string]string{"A": `archived=false unread=false tags=[]`, "B": `archived=false unread=false tags=["keep"]`, "C": `archived=false unread=false tags=[]`},
			[]string{"D", "C", "B", "A"}},
		{"Add Tag…", func() {
			u.showPickMenu(fyne.Position{})
			tapMenuItem(t, u.win, "Add Tag…")
			test.Type(u.win.Canvas().Focused(), "Later")
			test.Tap(button(t, u.win.Canvas().Overlays().Top(), "Add"))
		},
			map[string]string{"A": `archived=false unread=false tags=["Later"]`, "B": `archived=false unread=true tags=["keep" "Later"]`, "C": `archived=false unread=true tags=["Later"]`},
			[]string{"D", "C", "B", "A"}},
		{"Remove Tag", func() {
			u.showPickMenu(fyne.Position{})
			tapMenuItem(t, u.win, "Remove Tag")
			tapMenuItem(t, u.win, "keep")
		},
			map[string]string{"A": `archived=false unread=false tags=[]`, "B": `archived=false unread=true tags=[]`, "C": `archived=false unread=true tags=[]`},
			[]string{"D", "C", "B", "A"}},
		{"Delete", func() {
			u.win.Canvas().Focus(u.library.list)
			u.library.list.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDelete})
			test.Tap(button(t, u.win.Canvas().Overlays().Top(), "Delete"))
		},
			map[string]string{"A": "gone", "B": "gone", "C": "gone"},
			[]string{"D"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			pickAll()
			if got := pickedTitles(u); !slices.Equal(got, []string{"C", "B", "A"}) {
				t.Fatalf("picked %q", got)
			}
			tc.act()
			want := maps.Clone(tc.want)
			want["D"] = before["D"]
			if got := stateOf(t, lib, ids); !maps.Equal(got, want) {
				t.Errorf("after %s: %v, want %v", tc.name, got, want)
			}
			if got := listTitles(u); !slices.Equal(got, tc.list) {
				t.Errorf("list after %s = %q, want %q", tc.name, got, tc.list)
			}
			if len(pickedTitles(u)) != 0 {
				t.Errorf("rows still picked after %s", tc.name)
			}
			typeShortcut(u, undoKeys)
			if got := stateOf(t, lib, ids); !maps.Equal(got, before) {
				t.Errorf("after Undo: %v, want %v", got, before)
			}
			if got := listTitles(u); !slices.Equal(got, []string{"D", "C", "B", "A"}) {
				t.Errorf("list after Undo = %q", got)
			}
			typeShortcut(u, redoKeys)
			if got := stateOf(t, lib, ids); !maps.Equal(got, want) {
				t.Errorf("after Redo: %v, want %v", got, want)
			}
			test.Tap(u.snack.action) // the snackbar's Undo
			if got := stateOf(t, lib, ids); !maps.Equal(got, before) {
				t.Errorf("after the snackbar's Undo: %v, want %v", got, before)
			}
		})
	}
	hs, err := lib.Highlights(ctx, ids["B"])
	if err != nil || len(hs) != 1 || hs[0].Note != "mine" {
		t.Errorf("highlights of B after the round trips: %v, %v; want the one with its note", hs, err)
	}
}

// TestASitesView: a row's menu narrows the list to its site, a chip says
// so and takes it away; the caption counts the site's rows.
func TestASitesView(t *testing.T) {
	lib := openRealLibrary(t)
	fourArticles(t, lib)
	elsewhere := &article.Article{URL: "https://www.other.org/x", FinalURL: "https://www.other.org/x",
		Title: "Elsewhere", Text: enPara2, ContentHTML: "<p>" + enPara2 + "</p>"}
	if _, _, err := lib.Save(context.Background(), elsewhere); err != nil {
		t.Fatal(err)
	}
	u, _ := newTestUI(t, lib, nil)
	test.TapSecondary(rowOf(t, u, "Elsewhere"))
	tapMenuItem(t, u.win, "Only Articles from other.org")
	if got, want := listTitles(u), []string{"Elsewhere"}; !slices.Equal(got, want) {
		t.Errorf("the site's view lists %q, want %q", got, want)
	}
	if got := u.library.status.Text(); got != "1 article" {
		t.Errorf("caption = %q, want 1 article", got)
	}
	if !u.library.siteChip.Visible() || !slices.Contains(texts(u.library.siteChip), "From other.org") {
		t.Errorf("site chip shown %v, says %q", u.library.siteChip.Visible(), texts(u.library.siteChip))
	}
	test.Tap(button(t, u.library.siteChip, ""))
	if got := len(listTitles(u)); got != 5 || u.library.siteChip.Visible() {
		t.Errorf("after the chip's ✕: %d rows, chip shown %v; want 5, hidden", got, u.library.siteChip.Visible())
	}
}

// TestCtrlAPicksTheWholeView: in a view longer than the rows loaded, Ctrl+A
// picks all of it, and an action takes every article, in one step undone
// by one Ctrl+Z.
func TestCtrlAPicksTheWholeView(t *testing.T) {
	lib := openRealLibrary(t)
	ctx := context.Background()
	n := listPageSize + 5
	for i := range n {
		a := &article.Article{URL: fmt.Sprintf("https://example.com/%d", i), Title: fmt.Sprint("Article ", i),
			Text: enPara1, ContentHTML: "<p>" + enPara1 + "</p>"}
		if _, _, err := lib.Save(ctx, a); err != nil {
			t.Fatal(err)
		}
	}
	u, _ := newTestUI(t, lib, nil)
	if got := len(u.library.items); got != listPageSize {
		t.Fatalf("%d rows loaded, want a page of %d", got, listPageSize)
	}
	u.win.Canvas().Focus(u.library.list)
	typeShortcut(u, &fyne.ShortcutSelectAll{})
	if got, want := u.library.sel.count.Text, fmt.Sprintf("%d articles selected", n); got != want {
		t.Errorf("bar says %q, want %q", got, want)
	}
	archived := func() int {
		c, err := lib.CountListed(ctx, storage.ListOptions{Filter: storage.FilterArchived})
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	u.showPickMenu(fyne.Position{})
	tapMenuItem(t, u.win, "Archive")
	if got := archived(); got != n {
		t.Errorf("%d archived, want all %d", got, n)
	}
	typeShortcut(u, undoKeys)
	if got := archived(); got != 0 {
		t.Errorf("%d archived after Undo, want 0", got)
	}
}
