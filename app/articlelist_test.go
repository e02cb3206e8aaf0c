package app

import (
	"context"
	"errors"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"app.margin/margin/article"
	"app.margin/margin/storage"
)

// TestListKeepsTheKeyboardAndTheOpenArticle clicks a row and walks the
// list with the arrow keys: the click opens the row's article and leaves
// the keyboard in the list, each arrow opens the next article, and the
// row selected is always the article open.
func TestListKeepsTheKeyboardAndTheOpenArticle(t *testing.T) {
	lib := listedLib("First", "Second", "Third")
	u, _ := newTestUI(t, lib, &fakeClipper{})
	list := u.library.list
	rows := map[string]*articleRow{}
	walk(list, func(o fyne.CanvasObject) {
		if r, ok := o.(*articleRow); ok {
			rows[r.title.Text] = r
		}
	})
	if rows["Second"] == nil {
		t.Fatalf("rows shown: %v", rows)
	}
	check := func(when string, wantID int64) {
		t.Helper()
		if u.current == nil || u.current.ID != wantID {
			t.Errorf("%s: open article %v, want %d", when, u.current, wantID)
		}
		if got := u.win.Canvas().Focused(); got != list {
			t.Errorf("%s: the keyboard is in %T, want the list", when, got)
		}
		if got, want := list.focusRow, int(wantID-1); got != want {
			t.Errorf("%s: the list marks row %d, want %d (the open article's)", when, got, want)
		}
	}

	test.Tap(rows["Second"])
	check("a click on the second row", 2)
	pressKey(u.win, fyne.KeyDown)
	check("Down", 3)
	pressKey(u.win, fyne.KeyDown)
	check("Down at the end", 3)
	pressKey(u.win, fyne.KeyUp)
	pressKey(u.win, fyne.KeyUp)
	check("Up twice", 1)

	// Opened from elsewhere (a clip, the last session), the article's row
	// is the one marked, so the next arrow starts from it.
	u.openArticle(3)
	pressKey(u.win, fyne.KeyUp)
	check("Up after opening the third article elsewhere", 2)
}

// TestClipsUnderWayKeepTheOpenArticlesRow: a clip under way adds a row above
// the articles and a failed one takes it away; the list selects by
// position, so the open article's row must be selected again each time
// (two failed clips left the selection two rows below the open article).
func TestClipsUnderWayKeepTheOpenArticlesRow(t *testing.T) {
	lib := listedLib("First", "Second", "Third", "Fourth")
	clipper := &fakeClipper{ClipFn: func(context.Context, string, string) (*article.Article, error) {
		return nil, errors.New("connection refused")
	}}
	u, clock := newTestUI(t, lib, clipper)
	clock.Hold()
	u.openArticle(2)
	clock.Flush()
	check := func(when string) {
		t.Helper()
		want := len(u.library.pending) + 1 // Second, below the pending rows
		if got := u.library.list.focusRow; got != want {
			t.Errorf("%s: the list marks row %d, want %d (the open article's)", when, got, want)
		}
		if u.current == nil || u.current.ID != 2 {
			t.Errorf("%s: open article %v, want 2", when, u.current)
		}
	}
	check("opened")
	u.clip("http://127.0.0.1:9/a.html", "")
	u.clip("http://127.0.0.1:9/b.html", "")
	check("two clips under way")
	clock.Flush()
	check("both failed")
}

// listedLib is a library that lists articles of these titles (ids 1, 2, ...)
// and opens each under its own id and title.
func listedLib(titles ...string) *articleLib {
	lib := newArticleLib()
	items := summaries(titles...)
	lib.ListFn = func(context.Context, storage.ListOptions) (storage.Page, error) {
		return storage.Page{Items: items}, nil
	}
	lib.GetFn = func(_ context.Context, id int64) (*storage.Article, error) {
		a := lib.article
		a.ID, a.Title = id, items[id-1].Title
		return &a, nil
	}
	return lib
}
