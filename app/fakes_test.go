package app

import (
	"app.margin/margin/article"

	"context"
	"slices"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"app.margin/margin/storage"
)

// fakeLibrary is a Library whose methods call the Fn fields; a nil Fn
// returns zero values (and records nothing).
type fakeLibrary struct {
	SaveFn            func(ctx context.Context, a *article.Article) (int64, bool, error)
	GetFn             func(ctx context.Context, id int64) (*storage.Article, error)
	ListFn            func(ctx context.Context, opt storage.ListOptions) (storage.Page, error)
	SearchFn          func(ctx context.Context, opt storage.SearchOptions) ([]storage.Summary, error)
	CountFn           func(ctx context.Context) (int, error)
	TagsFn            func(ctx context.Context) ([]storage.Tag, error)
	DeleteFn          func(ctx context.Context, id int64) error
	SetNoteFn         func(ctx context.Context, id int64, note string) error
	SetUnreadFn       func(ctx context.Context, id int64, v bool) error
	SetArchivedFn     func(ctx context.Context, id int64, v bool) error
	SetFavoriteFn     func(ctx context.Context, id int64, v bool) error
	SetPositionFn     func(ctx context.Context, id int64, pos float64) error
	AddTagsFn         func(ctx context.Context, id int64, names ...string) error
	RemoveTagsFn      func(ctx context.Context, id int64, names ...string) error
	ArticleTagsFn     func(ctx context.Context, id int64) ([]string, error)
	HighlightsFn      func(ctx context.Context, articleID int64) ([]storage.Highlight, error)
	AddHighlightFn    func(ctx context.Context, h storage.Highlight) (storage.Highlight, error)
	UpdateHighlightFn func(ctx context.Context, id int64, color storage.Color, note string) (storage.Highlight, error)
	DeleteHighlightFn func(ctx context.Context, id int64) error
}

var _ Library = (*fakeLibrary)(nil)

func (f *fakeLibrary) Save(ctx context.Context, a *article.Article) (int64, bool, error) {
	if f.SaveFn == nil {
		return 0, false, nil
	}
	return f.SaveFn(ctx, a)
}

func (f *fakeLibrary) Get(ctx context.Context, id int64) (*storage.Article, error) {
	if f.GetFn == nil {
		return nil, storage.ErrNotFound
	}
	return f.GetFn(ctx, id)
}

func (f *fakeLibrary) List(ctx context.Context, opt storage.ListOptions) (storage.Page, error) {
	if f.ListFn == nil {
		return storage.Page{}, nil
	}
	return f.ListFn(ctx, opt)
}

func (f *fakeLibrary) Search(ctx context.Context, opt storage.SearchOptions) ([]storage.Summary, error) {
	if f.SearchFn == nil {
		return nil, nil
	}
	return f.SearchFn(ctx, opt)
}

func (f *fakeLibrary) Count(ctx context.Context) (int, error) {
	if f.CountFn == nil {
		return 0, nil
	}
	return f.CountFn(ctx)
}

func (f *fakeLibrary) Tags(ctx context.Context) ([]storage.Tag, error) {
	if f.TagsFn == nil {
		return nil, nil
	}
	return f.TagsFn(ctx)
}

func (f *fakeLibrary) Delete(ctx context.Context, id int64) error {
	if f.DeleteFn == nil {
		return nil
	}
	return f.DeleteFn(ctx, id)
}

func (f *fakeLibrary) SetNote(ctx context.Context, id int64, note string) error {
	if f.SetNoteFn == nil {
		return nil
	}
	return f.SetNoteFn(ctx, id, note)
}

func (f *fakeLibrary) SetUnread(ctx context.Context, id int64, v bool) error {
	if f.SetUnreadFn == nil {
		return nil
	}
	return f.SetUnreadFn(ctx, id, v)
}

func (f *fakeLibrary) SetArchived(ctx context.Context, id int64, v bool) error {
	if f.SetArchivedFn == nil {
		return nil
	}
	return f.SetArchivedFn(ctx, id, v)
}

func (f *fakeLibrary) SetFavorite(ctx context.Context, id int64, v bool) error {
	if f.SetFavoriteFn == nil {
		return nil
	}
	return f.SetFavoriteFn(ctx, id, v)
}

func (f *fakeLibrary) SetPosition(ctx context.Context, id int64, pos float64) error {
	if f.SetPositionFn == nil {
		return nil
	}
	return f.SetPositionFn(ctx, id, pos)
}

func (f *fakeLibrary) AddTags(ctx context.Context, id int64, names ...string) error {
	if f.AddTagsFn == nil {
		return nil
	}
	return f.AddTagsFn(ctx, id, names...)
}

func (f *fakeLibrary) RemoveTags(ctx context.Context, id int64, names ...string) error {
	if f.RemoveTagsFn == nil {
		return nil
	}
	return f.RemoveTagsFn(ctx, id, names...)
}

func (f *fakeLibrary) ArticleTags(ctx context.Context, id int64) ([]string, error) {
	if f.ArticleTagsFn == nil {
		return []string{}, nil
	}
	return f.ArticleTagsFn(ctx, id)
}

func (f *fakeLibrary) Highlights(ctx context.Context, articleID int64) ([]storage.Highlight, error) {
	if f.HighlightsFn == nil {
		return nil, nil
	}
	return f.HighlightsFn(ctx, articleID)
}

func (f *fakeLibrary) AddHighlight(ctx context.Context, h storage.Highlight) (storage.Highlight, error) {
	if f.AddHighlightFn == nil {
		return h, nil
	}
	return f.AddHighlightFn(ctx, h)
}

func (f *fakeLibrary) UpdateHighlight(ctx context.Context, id int64, color storage.Color, note string) (storage.Highlight, error) {
	if f.UpdateHighlightFn == nil {
		return storage.Highlight{ID: id, Color: color, Note: note}, nil
	}
	return f.UpdateHighlightFn(ctx, id, color, note)
}

func (f *fakeLibrary) DeleteHighlight(ctx context.Context, id int64) error {
	if f.DeleteHighlightFn == nil {
		return nil
	}
	return f.DeleteHighlightFn(ctx, id)
}

// fakeClipper is a Clipper that calls ClipFn.
type fakeClipper struct {
	ClipFn func(ctx context.Context, target, originalURL string) (*article.Article, error)
}

var _ Clipper = (*fakeClipper)(nil)

func (f *fakeClipper) Clip(ctx context.Context, target, originalURL string) (*article.Article, error) {
	return f.ClipFn(ctx, target, originalURL)
}

// manualTimers replaces time.AfterFunc: nothing fires until fire is called,
// so debounced work runs exactly when a test says.
type manualTimers struct {
	mu      sync.Mutex
	pending []*manualTimer
}

type manualTimer struct {
	d       time.Duration
	f       func()
	stopped bool
}

func (m *manualTimers) after(d time.Duration, f func()) func() bool {
	m.mu.Lock()
	defer m.mu.Unlock()
	t := &manualTimer{d: d, f: f}
	m.pending = append(m.pending, t)
	return func() bool {
		m.mu.Lock()
		defer m.mu.Unlock()
		was := !t.stopped
		t.stopped = true
		return was
	}
}

// fire runs every pending timer of duration d (all when d is 0), as if their
// time had come.
func (m *manualTimers) fire(d time.Duration) {
	m.mu.Lock()
	var due []*manualTimer
	for _, t := range m.pending {
		if !t.stopped && (d == 0 || t.d == d) {
			t.stopped = true
			due = append(due, t)
		}
	}
	m.mu.Unlock()
	for _, t := range due {
		t.f()
	}
}

// newTestUI builds the window over lib and clipper on Fyne's test driver,
// with background work run inline and timers fired by hand.
func newTestUI(t *testing.T, lib Library, clipper Clipper) (*ui, *manualTimers) {
	t.Helper()
	a := test.NewTempApp(t)
	timers := &manualTimers{}
	u := newUIWith(a, lib, clipper, func(u *ui) {
		u.goFn = func(f func()) { f() }
		u.after = timers.after
	})
	u.win.Resize(fyne.NewSize(1280, 800))
	t.Cleanup(func() {
		if slices.Contains(a.Driver().AllWindows(), u.win) { // not closed by the test
			u.win.Close()
		}
	})
	return u, timers
}

func summaries(titles ...string) []storage.Summary {
	var out []storage.Summary
	for i, title := range titles {
		out = append(out, storage.Summary{ID: int64(i + 1), Title: title, SiteName: "example.com",
			ClippedAt: time.Date(2025, 3, 1, 10, 0, 0, 0, time.UTC)})
	}
	return out
}
