package app

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"app.margin/margin/storage"
)

// TestLibraryPanelGolden renders the library panel with a search hit, tags,
// an unread article and an excerpt (Latin text only: the test driver's
// fallback for CJK depends on the machine's fonts).
func TestLibraryPanelGolden(t *testing.T) {
	items := []storage.Summary{
		{ID: 1, Title: "Whale strandings and the people who watch the sea", SiteName: "The Guardian",
			Published: time.Date(2019, 1, 3, 0, 0, 0, 0, time.UTC), Tags: []string{"science", "longform", "oceans"},
			Unread:  true,
			Snippet: "Seven decades later, Parata has overseen more than 500 strandings and is renowned as the leading whale expert",
			Matches: []storage.Match{{Start: 55, End: 65}}},
		{ID: 2, Title: "Just-released Minecraft exploit makes it easy to crash game servers", SiteName: "Ars Technica",
			Published: time.Date(2015, 4, 16, 0, 0, 0, 0, time.UTC), Tags: []string{"security"},
			Snippet: "Two-year-old bug exposes thousands of servers to crippling strandings attack.",
			Matches: []storage.Match{{Start: 59, End: 69}}},
	}
	lib := &fakeLibrary{SearchFn: func(context.Context, storage.SearchOptions) ([]storage.Summary, error) { return items, nil }}
	u, _ := newTestUI(t, lib, nil)
	// The image is of Fyne's fonts: the theme's CJK fonts are cut from the
	// machine's, and a text that starts with a space (after a bold match)
	// is drawn a fraction of a pixel apart with them.
	u.cjk = cjkFonts{}
	u.applyTheme()
	u.library.search.SetText("strandings")
	u.library.search.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	u.win.SetContent(u.library.view)
	u.win.Resize(fyne.NewSize(360, 420))
	test.AssertRendersToMarkup(t, "library/search.xml", u.win.Canvas())
	test.AssertRendersToImage(t, "library/search.png", u.win.Canvas())
}

// TestArticleRowTitleOnOneLine: a title with line breaks or bidi controls is
// shown on one line without them, so its row is as tall as any other and
// never overlaps the next (issue 10).
func TestArticleRowTitleOnOneLine(t *testing.T) {
	test.NewTempApp(t)
	plain := newArticleRow()
	plain.setSummary(&storage.Summary{ID: 1, Title: "A plain title"}, time.Now(), true)
	for _, tc := range []struct{ name, title, want string }{
		{"line breaks", "First line\nsecond line\r\n\nthird", "First line second line third"},
		{"right-to-left override", "Invoice \u202Egpj.exe", "Invoice gpj.exe"},
		{"isolates and tabs", "\u2066Tab\tbed\u2069 title", "Tab bed title"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := newArticleRow()
			r.setSummary(&storage.Summary{ID: 2, Title: tc.title}, time.Now(), true)
			if got := r.title.Text; got != tc.want {
				t.Errorf("title shown as %q, want %q", got, tc.want)
			}
			if got, want := r.MinSize().Height, plain.MinSize().Height; got != want {
				t.Errorf("row height %v, want %v as for a one-line title", got, want)
			}
		})
	}
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

func listTitles(u *ui) []string {
	var out []string
	for _, s := range u.library.items {
		out = append(out, s.Title)
	}
	return out
}
