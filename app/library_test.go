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
