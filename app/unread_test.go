package app

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"app.margin/margin/storage"
)

// stored reads article id back from the library file.
func stored(t *testing.T, lib *storage.Library, id int64) *storage.Article {
	t.Helper()
	a, err := lib.Get(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// rowOf finds the list row showing the article titled title.
func rowOf(t *testing.T, u *ui, title string) *articleRow {
	t.Helper()
	var found *articleRow
	walk(u.library.list, func(o fyne.CanvasObject) {
		if r, ok := o.(*articleRow); ok && r.title.Text == title && found == nil {
			found = r
		}
	})
	if found == nil {
		t.Fatalf("no row titled %q in %q", title, listTitles(u))
	}
	return found
}

// summaryOf is the list's summary of article id.
func summaryOf(t *testing.T, u *ui, id int64) storage.Summary {
	t.Helper()
	for _, s := range u.library.items {
		if s.ID == id {
			return s
		}
	}
	t.Fatalf("article %d is not listed (%q)", id, listTitles(u))
	return storage.Summary{}
}

// tapMenuItem taps the item labelled label in the pop-up menu on top.
func tapMenuItem(t *testing.T, w fyne.Window, label string) {
	t.Helper()
	top := w.Canvas().Overlays().Top()
	if top == nil {
		t.Fatalf("no menu open to choose %q from", label)
	}
	var item fyne.Tappable
	walk(top, func(o fyne.CanvasObject) {
		// Pre-order: the last tappable holding the label is the item itself.
		if tp, ok := o.(fyne.Tappable); ok && slices.Contains(texts(o), label) {
			item = tp
		}
	})
	if item == nil {
		t.Fatalf("no menu item %q in %q", label, texts(top))
	}
	test.Tap(item)
}

// menuAction finds a main menu item by label.
func menuAction(t *testing.T, u *ui, label string) func() {
	t.Helper()
	for _, m := range u.win.MainMenu().Items {
		for _, it := range m.Items {
			if it.Label == label {
				return it.Action
			}
		}
	}
	t.Fatalf("no menu item %q", label)
	return nil
}

// TestUnreadRules: opening an article leaves it unread; scrolling part way
// does too; reaching its end marks it read, in the file, the reader's state
// and its row; M (from the list or the reader) and the Edit menu take it
// back and forth.
func TestUnreadRules(t *testing.T) {
	lib := openRealLibrary(t)
	id := saveParsed(t, lib, twoParagraphPage("en", "Queue", enPara1, enPara2), "https://example.com/queue")
	u, _ := newTestUI(t, lib, nil)
	u.openArticle(id)
	if u.current == nil {
		t.Fatal("the article did not open")
	}
	check := func(step string, wantUnread bool) {
		t.Helper()
		if got := stored(t, lib, id).Unread; got != wantUnread {
			t.Errorf("%s: stored unread = %v, want %v", step, got, wantUnread)
		}
		if got := u.current.Unread; got != wantUnread {
			t.Errorf("%s: open article unread = %v, want %v", step, got, wantUnread)
		}
		if got := summaryOf(t, u, id).Unread; got != wantUnread {
			t.Errorf("%s: list row unread = %v, want %v", step, got, wantUnread)
		}
		if got := rowOf(t, u, "Queue").unread.Visible(); got != wantUnread {
			t.Errorf("%s: unread dot shown = %v, want %v", step, got, wantUnread)
		}
	}
	check("opened", true)
	u.reader.OnPositionChanged(0.6)
	check("scrolled part way", true)
	if got := rowOf(t, u, "Queue").meta.Text(); !strings.Contains(got, "60% read") {
		t.Errorf("row meta after reading 60%% = %q, want the progress", got)
	}
	u.reader.OnPositionChanged(1)
	check("end reached", false)
	if got := rowOf(t, u, "Queue").meta.Text(); strings.Contains(got, "% read") {
		t.Errorf("row meta of a read article = %q, want no progress", got)
	}

	u.win.Canvas().Focus(u.library.list)
	test.Type(u.library.list, "m")
	check("M in the list", true)
	menuAction(t, u, "Mark as Read or Unread")()
	check("Edit menu", false)
	u.win.Canvas().Focus(u.reader)
	test.Type(u.reader, "M")
	check("M in the reader", true)

	u.reader.OnPositionChanged(0.3) // scrolled back up after marking unread
	check("scrolled back", true)
}

// TestAnArticleThatFitsIsReadOnceShown: with nothing to scroll, the end of a
// short article is in view as soon as it is shown, so it counts as read
// once the layout settles; a long one stays unread.
func TestAnArticleThatFitsIsReadOnceShown(t *testing.T) {
	lib := openRealLibrary(t)
	short := saveParsed(t, lib, twoParagraphPage("en", "Short", enPara1, enPara2), "https://example.com/short")
	long := saveParsed(t, lib, twoParagraphPage("en", "Long", strings.Repeat(enPara1+" ", 60), strings.Repeat(enPara2+" ", 60)), "https://example.com/long")
	u, clock := newTestUI(t, lib, nil)
	u.openArticle(long)
	clock.Advance(time.Second)
	if !stored(t, lib, long).Unread {
		t.Error("a long article opened and not scrolled was marked read")
	}
	u.openArticle(short)
	if !stored(t, lib, short).Unread {
		t.Error("a short article was marked read before its layout settled")
	}
	clock.Advance(time.Second)
	if stored(t, lib, short).Unread || summaryOf(t, u, short).Unread {
		t.Error("a short article shown whole stayed unread")
	}
}

// TestRowContextMenu: a secondary tap on a row offers Mark as Read/Unread,
// Archive and Delete for that article, open or not.
func TestRowContextMenu(t *testing.T) {
	lib := openRealLibrary(t)
	first := saveParsed(t, lib, twoParagraphPage("en", "First", enPara1, enPara2), "https://example.com/first")
	second := saveParsed(t, lib, twoParagraphPage("en", "Second", enPara2, enPara1), "https://example.com/second")
	u, _ := newTestUI(t, lib, nil)
	u.openArticle(first)

	test.TapSecondary(rowOf(t, u, "Second"))
	if got := topDialogTexts(u.win); !slices.Contains(got, "Mark as Read") || !slices.Contains(got, "Archive") || !slices.Contains(got, "Delete…") {
		t.Fatalf("context menu = %q, want Mark as Read, Archive, Delete…", got)
	}
	tapMenuItem(t, u.win, "Mark as Read")
	if stored(t, lib, second).Unread || summaryOf(t, u, second).Unread {
		t.Error("Mark as Read left the article unread")
	}
	if !stored(t, lib, first).Unread {
		t.Error("Mark as Read on one row marked the open article read")
	}

	test.TapSecondary(rowOf(t, u, "Second"))
	tapMenuItem(t, u.win, "Mark as Unread")
	if !stored(t, lib, second).Unread {
		t.Error("Mark as Unread left the article read")
	}

	test.TapSecondary(rowOf(t, u, "First"))
	tapMenuItem(t, u.win, "Archive")
	if !stored(t, lib, first).Archived {
		t.Error("Archive did not archive the article")
	}
	if got, want := listTitles(u), []string{"Second"}; !slices.Equal(got, want) {
		t.Errorf("list after archiving = %q, want %q", got, want)
	}
	if !u.notes.archived.Checked || !u.current.Archived {
		t.Error("the notes panel of the open article does not show it archived")
	}

	test.TapSecondary(rowOf(t, u, "Second"))
	tapMenuItem(t, u.win, "Delete…")
	test.Tap(button(t, u.win.Canvas().Overlays().Top(), "Delete"))
	if _, err := lib.Get(context.Background(), second); err == nil {
		t.Error("Delete… and Delete left the article in the library")
	}
	if u.current == nil || u.current.ID != first {
		t.Error("deleting another article from the list closed the open one")
	}
}

// TestSearchCoversTheArchive: a search finds archived articles (with an
// Archived chip) unless the query or the view narrows it, and the caption
// says what was searched; without a search every caption counts the rows
// below it.
func TestSearchCoversTheArchive(t *testing.T) {
	lib := openRealLibrary(t)
	ctx := context.Background()
	saveParsed(t, lib, twoParagraphPage("en", "Zebra one", "Zebras graze on the plain.", enPara2), "https://example.com/z1")
	archived := saveParsed(t, lib, twoParagraphPage("en", "Zebra two", "Zebras run from lions.", enPara1), "https://example.com/z2")
	saveParsed(t, lib, twoParagraphPage("en", "Other", enPara1, enPara2), "https://example.com/other")
	if err := lib.SetArchived(ctx, archived, true); err != nil {
		t.Fatal(err)
	}
	u, clock := newTestUI(t, lib, nil)
	if got, want := u.library.status.Text(), "2 articles"; got != want {
		t.Errorf("caption of All articles = %q, want %q (the archived one is not listed)", got, want)
	}
	if got := len(u.library.items); got != 2 {
		t.Errorf("All articles lists %d rows, want 2", got)
	}

	tests := []struct {
		query, view string
		want        []string
		caption     string // the caption starts with it
	}{
		{"zebra", "All articles", []string{"Zebra two", "Zebra one"}, "2 matches in the library"},
		{"zebra -is:archived", "All articles", []string{"Zebra one"}, "1 match outside the archive"},
		{"zebra is:archived", "All articles", []string{"Zebra two"}, "1 match in the archive"},
		{"zebra", "Archive", []string{"Zebra two"}, "1 match in the archive"},
		{"zebra", "Unread", []string{"Zebra two", "Zebra one"}, "2 matches in unread articles"},
		{"lions -is:archived", "All articles", nil, "No matches outside the archive"},
		{"", "Archive", []string{"Zebra two"}, "1 article"},
		{"", "Unread", []string{"Other", "Zebra one"}, "2 articles"},
	}
	for _, tc := range tests {
		t.Run(tc.query+"/"+tc.view, func(t *testing.T) {
			u.library.filter.SetSelected(tc.view)
			u.library.search.SetText(tc.query)
			clock.Advance(searchDelay)
			if got := listTitles(u); !slices.Equal(got, tc.want) {
				t.Errorf("rows = %q, want %q", got, tc.want)
			}
			if got := u.library.status.Text(); !strings.HasPrefix(got, tc.caption) {
				t.Errorf("caption = %q, want it to start %q", got, tc.caption)
			}
			for _, title := range tc.want {
				chip := slices.Contains(texts(rowOf(t, u, title).chips), "Archived")
				if want := title == "Zebra two" && tc.view != "Archive"; chip != want {
					t.Errorf("row %q shows the Archived chip: %v, want %v", title, chip, want)
				}
			}
		})
	}
}

func TestSummaryMetaShowsTimeAndProgress(t *testing.T) {
	now := time.Date(2026, 1, 2, 0, 0, 0, 0, time.UTC)
	clipped := time.Date(2025, 12, 30, 0, 0, 0, 0, time.UTC)
	date := shortDate(clipped, now)
	tests := []struct {
		name    string
		minutes int
		pos     float64
		want    string
	}{
		{"not started", 5, 0, "example.com · " + date + " · 5 min"},
		{"part way", 12, 0.42, "example.com · " + date + " · 12 min · 42% read"},
		{"barely started", 3, 0.001, "example.com · " + date + " · 3 min · 1% read"},
		{"end reached", 3, 1, "example.com · " + date + " · 3 min"},
		{"no reading time", 0, 0.5, "example.com · " + date + " · 50% read"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := storage.Summary{SiteName: "example.com", ClippedAt: clipped, ReadingMinutes: tc.minutes, Position: tc.pos}
			if got := summaryMeta(&s, now); got != tc.want {
				t.Errorf("summaryMeta = %q, want %q", got, tc.want)
			}
		})
	}
}

// TestCaptionCountsTheRowsOfTheView: a view longer than a page is counted
// as the listing counts it, not as the whole library (which holds the
// archive the view hides): "11 articles" above 10 was the bug.
func TestCaptionCountsTheRowsOfTheView(t *testing.T) {
	page := summaries(make([]string, listPageSize)...)
	counts := map[storage.Filter]int{storage.FilterAll: 240, storage.FilterUnread: 130, storage.FilterArchived: 101}
	lib := &fakeLibrary{
		ListFn: func(context.Context, storage.ListOptions) (storage.Page, error) {
			return storage.Page{Items: page, Next: "more"}, nil
		},
		CountFn: func(context.Context) (int, error) { return 341, nil }, // archived ones too
		CountListedFn: func(_ context.Context, opt storage.ListOptions) (int, error) {
			if opt.WithArchived {
				t.Error("the panel counted with the archive")
			}
			return counts[opt.Filter], nil
		},
	}
	u, _ := newTestUI(t, lib, nil)
	for _, tc := range []struct{ view, want string }{
		{"All articles", "240 articles"},
		{"Unread", "130 articles"},
		{"Archive", "101 articles"},
	} {
		u.library.filter.SetSelected(tc.view)
		if got := u.library.status.Text(); got != tc.want {
			t.Errorf("%s: caption = %q, want %q", tc.view, got, tc.want)
		}
	}
}

// TestArchivingAHitKeepsItInASearchOfTheArchive: a search that covers the
// archive keeps an article archived from its row, now with the chip; one
// outside the archive drops it.
func TestArchivingAHitKeepsItInASearchOfTheArchive(t *testing.T) {
	lib := openRealLibrary(t)
	id := saveParsed(t, lib, twoParagraphPage("en", "Zebra one", "Zebras graze on the plain.", enPara2), "https://example.com/z1")
	u, clock := newTestUI(t, lib, nil)
	for _, tc := range []struct {
		query string
		want  []string
	}{
		{"zebra", []string{"Zebra one"}},
		{"zebra -is:archived", nil},
	} {
		if err := lib.SetArchived(context.Background(), id, false); err != nil {
			t.Fatal(err)
		}
		u.library.search.SetText(tc.query)
		clock.Advance(searchDelay)
		test.TapSecondary(rowOf(t, u, "Zebra one"))
		tapMenuItem(t, u.win, "Archive")
		if got := listTitles(u); !slices.Equal(got, tc.want) {
			t.Errorf("%q: rows after archiving = %q, want %q", tc.query, got, tc.want)
		}
		if len(tc.want) > 0 && !slices.Contains(texts(rowOf(t, u, "Zebra one").chips), "Archived") {
			t.Errorf("%q: the archived hit has no Archived chip", tc.query)
		}
		u.library.search.SetText("")
		clock.Advance(searchDelay)
	}
}
