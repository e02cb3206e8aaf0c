package app

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"app.margin/margin/app/internal/sched"
	"app.margin/margin/article"
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
	CountListedFn     func(ctx context.Context, opt storage.ListOptions) (int, error)
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
	SetUnreadManyFn   func(ctx context.Context, ids []int64, v bool) ([]int64, error)
	SetArchivedManyFn func(ctx context.Context, ids []int64, v bool) ([]int64, error)
	AddTagManyFn      func(ctx context.Context, ids []int64, name string) ([]int64, error)
	RemoveTagManyFn   func(ctx context.Context, ids []int64, name string) ([]int64, error)
	TrashFn           func(ctx context.Context, ids []int64) (int, error)
	RestoreFn         func(ctx context.Context, ids []int64) (int, error)
	RenameTagFn       func(ctx context.Context, from, to string) error
	DeleteTagFn       func(ctx context.Context, name string) ([]int64, error)
}

var _ Library = (*fakeLibrary)(nil)

// Keys: the fake's articles have none, as articles of an older library.
func (f *fakeLibrary) Keys(context.Context, []int64) (map[int64]string, error) {
	return map[int64]string{}, nil
}

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

// errNoCount is CountListed's answer when a test sets no CountListedFn: the
// caption then counts the rows listed so far, as after a failed count.
var errNoCount = errors.New("fake: no count")

func (f *fakeLibrary) CountListed(ctx context.Context, opt storage.ListOptions) (int, error) {
	if f.CountListedFn == nil {
		return 0, errNoCount
	}
	return f.CountListedFn(ctx, opt)
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
	ClipFn          func(ctx context.Context, target, originalURL string) (*article.Article, error)
	FetchPicturesFn func(ctx context.Context, a *article.Article) error
}

var _ Clipper = (*fakeClipper)(nil)

func (f *fakeClipper) Clip(ctx context.Context, target, originalURL string) (*article.Article, error) {
	return f.ClipFn(ctx, target, originalURL)
}

// newTestUI builds the window over lib and clipper on Fyne's test driver,
// on a manual scheduler: background work runs inline, and timers fire when
// the test advances the clock.
func newTestUI(t testing.TB, lib Library, clipper Clipper) (*ui, *sched.Manual) {
	t.Helper()
	a := test.NewTempApp(t)
	// The tests written before Unread became a new library's view look at
	// the whole library; TestANewLibraryOpensOnUnread checks the default.
	a.Preferences().SetString(prefView, "All articles")
	clock := sched.NewManual(time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC))
	u := newUIWith(a, lib, clipper, func(u *ui) { u.sched = clock })
	u.win.Resize(fyne.NewSize(1280, 800))
	t.Cleanup(func() {
		if slices.Contains(a.Driver().AllWindows(), u.win) { // not closed by the test
			u.win.Close()
		}
	})
	return u, clock
}

func summaries(titles ...string) []storage.Summary {
	var out []storage.Summary
	for i, title := range titles {
		out = append(out, storage.Summary{ID: int64(i + 1), Title: title, SiteName: "example.com",
			ClippedAt: time.Date(2025, 3, 1, 10, 0, 0, 0, time.UTC)})
	}
	return out
}

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

func (f *fakeLibrary) SetUnreadMany(ctx context.Context, ids []int64, v bool) ([]int64, error) {
	return callMany(f.SetUnreadManyFn, ctx, ids, v)
}

func (f *fakeLibrary) SetArchivedMany(ctx context.Context, ids []int64, v bool) ([]int64, error) {
	return callMany(f.SetArchivedManyFn, ctx, ids, v)
}

func (f *fakeLibrary) AddTagMany(ctx context.Context, ids []int64, name string) ([]int64, error) {
	return callMany(f.AddTagManyFn, ctx, ids, name)
}

func (f *fakeLibrary) RemoveTagMany(ctx context.Context, ids []int64, name string) ([]int64, error) {
	return callMany(f.RemoveTagManyFn, ctx, ids, name)
}

// callMany calls a bulk Fn, or reports every id changed when it is nil.
func callMany[T any](fn func(context.Context, []int64, T) ([]int64, error), ctx context.Context, ids []int64, v T) ([]int64, error) {
	if fn == nil {
		return ids, nil
	}
	return fn(ctx, ids, v)
}

func (f *fakeLibrary) Trash(ctx context.Context, ids []int64) (int, error) {
	if f.TrashFn == nil {
		return len(ids), nil
	}
	return f.TrashFn(ctx, ids)
}

func (f *fakeLibrary) Restore(ctx context.Context, ids []int64) (int, error) {
	if f.RestoreFn == nil {
		return len(ids), nil
	}
	return f.RestoreFn(ctx, ids)
}

func (f *fakeLibrary) PurgeTrash(context.Context, time.Time) (int, error) { return 0, nil }

func (f *fakeLibrary) RenameTag(ctx context.Context, from, to string) error {
	if f.RenameTagFn == nil {
		return nil
	}
	return f.RenameTagFn(ctx, from, to)
}

func (f *fakeLibrary) DeleteTag(ctx context.Context, name string) ([]int64, error) {
	if f.DeleteTagFn == nil {
		return nil, nil
	}
	return f.DeleteTagFn(ctx, name)
}

func (f *fakeLibrary) TaggedIDs(context.Context, string) ([]int64, error) { return nil, nil }

func (f *fakeLibrary) ListIDs(context.Context, storage.ListOptions) ([]int64, error) { return nil, nil }
