package app

import (
	"context"
	"fmt"

	"app.margin/margin/article"
	"app.margin/margin/storage"
)

// Picture implements Library: a fake library stores no pictures.
func (f *fakeLibrary) Picture(ctx context.Context, sha string) ([]byte, string, error) {
	return nil, "", fmt.Errorf("picture %s: %w", sha, storage.ErrNotFound)
}

// SetPictures implements Library.
func (f *fakeLibrary) SetPictures(ctx context.Context, id int64, pics []article.Picture) error {
	return nil
}

// FetchPictures implements Clipper: a fake clipper fetches nothing unless
// FetchPicturesFn says otherwise.
func (f *fakeClipper) FetchPictures(ctx context.Context, a *article.Article) error {
	if f.FetchPicturesFn == nil {
		return nil
	}
	return f.FetchPicturesFn(ctx, a)
}
