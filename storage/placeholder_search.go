package storage

// CONTRACT PLACEHOLDER for the search engineer, who deletes this file when
// storage/list.go and storage/search.go land.

import (
	"context"
	"errors"
)

var errTODO = errors.New("storage: not implemented yet")

// List returns one page of the library.
func (l *Library) List(ctx context.Context, opt ListOptions) (Page, error) { return Page{}, errTODO }

// Count returns how many articles the library holds.
func (l *Library) Count(ctx context.Context) (int, error) { return 0, errTODO }

// Search runs a full-text search; hits carry a Snippet.
func (l *Library) Search(ctx context.Context, opt SearchOptions) ([]Summary, error) {
	return nil, errTODO
}
