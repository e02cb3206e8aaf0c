// Package app is Margin's desktop interface (Fyne): the library list, the
// clip bar, the reader with character-level highlights, and the notes panel.
// It is the only package besides main that imports fyne.
//
// Every call into the library or the clipper runs on a goroutine; widgets
// change only on Fyne's goroutine (fyne.Do), so the window never freezes.
package app

import (
	"context"
	"time"

	"app.margin/margin/article"
	"app.margin/margin/clip"
	"app.margin/margin/export"
	"app.margin/margin/storage"
)

// Library is what the app reads and writes; *storage.Library satisfies it.
type Library interface {
	Save(ctx context.Context, a *article.Article) (id int64, updated bool, err error)
	Get(ctx context.Context, id int64) (*storage.Article, error)
	List(ctx context.Context, opt storage.ListOptions) (storage.Page, error)
	Search(ctx context.Context, opt storage.SearchOptions) ([]storage.Summary, error)
	Count(ctx context.Context) (int, error)
	CountListed(ctx context.Context, opt storage.ListOptions) (int, error)
	Tags(ctx context.Context) ([]storage.Tag, error)
	Delete(ctx context.Context, id int64) error

	SetNote(ctx context.Context, id int64, note string) error
	SetUnread(ctx context.Context, id int64, v bool) error
	SetArchived(ctx context.Context, id int64, v bool) error
	SetFavorite(ctx context.Context, id int64, v bool) error
	SetPosition(ctx context.Context, id int64, pos float64) error
	AddTags(ctx context.Context, id int64, names ...string) error
	RemoveTags(ctx context.Context, id int64, names ...string) error
	ArticleTags(ctx context.Context, id int64) ([]string, error)

	Highlights(ctx context.Context, articleID int64) ([]storage.Highlight, error)
	AddHighlight(ctx context.Context, h storage.Highlight) (storage.Highlight, error)
	MergeHighlight(ctx context.Context, h storage.Highlight) (storage.Highlight, int, error)
	UpdateHighlight(ctx context.Context, id int64, color storage.Color, note string) (storage.Highlight, error)
	DeleteHighlight(ctx context.Context, id int64) error

	Keys(ctx context.Context, ids []int64) (map[int64]string, error)

	Picture(ctx context.Context, sha256 string) (data []byte, mediaType string, err error)
	SetPictures(ctx context.Context, id int64, pics []article.Picture) error

	Organizer
}

// Organizer is what the list's actions on many articles, their Undo and
// Manage Tags need; *storage.Library satisfies it. Each bulk call is one
// transaction and returns the articles it changed, which is what Undo
// changes back.
type Organizer interface {
	SetUnreadMany(ctx context.Context, ids []int64, v bool) ([]int64, error)
	SetArchivedMany(ctx context.Context, ids []int64, v bool) ([]int64, error)
	AddTagMany(ctx context.Context, ids []int64, name string) ([]int64, error)
	RemoveTagMany(ctx context.Context, ids []int64, name string) ([]int64, error)
	// Trash moves articles (with everything they hold) where Restore takes
	// them back from; PurgeTrash deletes them for good.
	Trash(ctx context.Context, ids []int64) (int, error)
	Restore(ctx context.Context, ids []int64) (int, error)
	PurgeTrash(ctx context.Context, before time.Time) (int, error)
	RenameTag(ctx context.Context, from, to string) error
	DeleteTag(ctx context.Context, name string) ([]int64, error)
	TaggedIDs(ctx context.Context, name string) ([]int64, error)
	ListIDs(ctx context.Context, opt storage.ListOptions) ([]int64, error)
}

// Clipper fetches a page (a URL or a saved file) and extracts its article,
// and fetches the pictures a stored article is missing; *clip.Client
// satisfies it.
type Clipper interface {
	Clip(ctx context.Context, target, originalURL string) (*article.Article, error)
	FetchPictures(ctx context.Context, a *article.Article) error
}

var (
	_ Library        = (*storage.Library)(nil)
	_ export.Library = Library(nil)
	_ Clipper        = (*clip.Client)(nil)
)
