package storage

// CONTRACT PLACEHOLDER: the storage helper replaces every body below with the
// real implementation (and may split it across files). The signatures are the
// API that cli/, export/ and app/ code against; change them only together.

import (
	"context"
	"time"

	"margin/clip"
)

// Library is an open library file. It is safe for concurrent use: one writer
// connection, a pool of readers.
type Library struct {
	Now func() time.Time // tests set it to control time
}

// DefaultPath is the library file used when neither --library nor
// MARGIN_LIBRARY says otherwise: $XDG_DATA_HOME/margin/library.db on Linux.
func DefaultPath() (string, error) { return "", errTODO }

// Open opens (creating and migrating if needed) the library file at path.
func Open(ctx context.Context, path string) (*Library, error) { return nil, errTODO }

// Close closes the library.
func (l *Library) Close() error { return errTODO }

// Save stores a clipped article. When the same page is already in the library
// (same canonical URL or same normalised final URL) it updates that article in
// place, re-anchors its highlights in the new text, and reports updated=true.
func (l *Library) Save(ctx context.Context, a *clip.Article) (id int64, updated bool, err error) {
	return 0, false, errTODO
}

// Get returns one article with its tags; ErrNotFound if there is none.
func (l *Library) Get(ctx context.Context, id int64) (*Article, error) { return nil, errTODO }

// RawHTML returns the page bytes as originally fetched.
func (l *Library) RawHTML(ctx context.Context, id int64) ([]byte, error) { return nil, errTODO }

// Delete removes an article with its highlights and tag links.
func (l *Library) Delete(ctx context.Context, id int64) error { return errTODO }

// SetNote replaces the article note.
func (l *Library) SetNote(ctx context.Context, id int64, note string) error { return errTODO }

// SetUnread, SetArchived and SetFavorite change an article's state.
func (l *Library) SetUnread(ctx context.Context, id int64, v bool) error   { return errTODO }
func (l *Library) SetArchived(ctx context.Context, id int64, v bool) error { return errTODO }
func (l *Library) SetFavorite(ctx context.Context, id int64, v bool) error { return errTODO }

// SetPosition records the reading position (0 to 1).
func (l *Library) SetPosition(ctx context.Context, id int64, pos float64) error { return errTODO }

// Tags lists every tag with its article count, by name.
func (l *Library) Tags(ctx context.Context) ([]Tag, error) { return nil, errTODO }

// AddTags and RemoveTags change an article's tags; names are matched
// case-insensitively and trimmed; empty names are ErrInvalid.
func (l *Library) AddTags(ctx context.Context, id int64, names ...string) error    { return errTODO }
func (l *Library) RemoveTags(ctx context.Context, id int64, names ...string) error { return errTODO }

// RenameTag renames a tag; when the new name exists already the two merge.
func (l *Library) RenameTag(ctx context.Context, from, to string) error { return errTODO }

// AddHighlight stores a highlight over h.Start..h.End of the article text;
// Quote, Prefix and Suffix are taken from the text. Color defaults to Yellow.
func (l *Library) AddHighlight(ctx context.Context, h Highlight) (Highlight, error) {
	return Highlight{}, errTODO
}

// HighlightQuote stores a highlight over the occurrence-th (1-based) match of
// quote in the article text; ErrQuoteNotFound when there is none.
func (l *Library) HighlightQuote(ctx context.Context, articleID int64, quote string, occurrence int, color Color, note string) (Highlight, error) {
	return Highlight{}, errTODO
}

// Highlights lists an article's highlights in reading order, orphaned last.
func (l *Library) Highlights(ctx context.Context, articleID int64) ([]Highlight, error) {
	return nil, errTODO
}

// UpdateHighlight changes a highlight's colour and note.
func (l *Library) UpdateHighlight(ctx context.Context, id int64, color Color, note string) (Highlight, error) {
	return Highlight{}, errTODO
}

// DeleteHighlight removes a highlight (the app undoes by AddHighlight).
func (l *Library) DeleteHighlight(ctx context.Context, id int64) error { return errTODO }

// Backup writes a consistent copy of the library to path (VACUUM INTO), even
// while the app has it open. It refuses to overwrite an existing file.
func (l *Library) Backup(ctx context.Context, path string) error { return errTODO }
