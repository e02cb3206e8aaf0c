package app

import (
	"context"
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
	plain.setSummary(&storage.Summary{ID: 1, Title: "A plain title"}, time.Now())
	for _, tc := range []struct{ name, title, want string }{
		{"line breaks", "First line\nsecond line\r\n\nthird", "First line second line third"},
		{"right-to-left override", "Invoice \u202Egpj.exe", "Invoice gpj.exe"},
		{"isolates and tabs", "\u2066Tab\tbed\u2069 title", "Tab bed title"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := newArticleRow()
			r.setSummary(&storage.Summary{ID: 2, Title: tc.title}, time.Now())
			if got := r.title.Text; got != tc.want {
				t.Errorf("title shown as %q, want %q", got, tc.want)
			}
			if got, want := r.MinSize().Height, plain.MinSize().Height; got != want {
				t.Errorf("row height %v, want %v as for a one-line title", got, want)
			}
		})
	}
}
