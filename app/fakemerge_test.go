package app

import (
	"context"

	"app.margin/margin/storage"
)

// MergeHighlight implements Library: the fake merges nothing, and stores
// through AddHighlightFn, which the tests of highlighting watch.
func (f *fakeLibrary) MergeHighlight(ctx context.Context, h storage.Highlight) (storage.Highlight, int, error) {
	got, err := f.AddHighlight(ctx, h)
	return got, 0, err
}
