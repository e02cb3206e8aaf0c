package export

import (
	"context"
	"fmt"

	"app.margin/margin/article"
	"app.margin/margin/storage"
)

// pictureStore is the optional part of a Library that keeps the articles'
// pictures; *storage.Library has it. Without it every picture is exported as
// missing.
type pictureStore interface {
	Picture(ctx context.Context, sha string) (data []byte, mediaType string, err error)
}

var _ pictureStore = (*storage.Library)(nil)

// pictureExts are the file extensions of the media types Margin stores.
var pictureExts = map[string]string{
	"image/jpeg":    ".jpg",
	"image/png":     ".png",
	"image/gif":     ".gif",
	"image/webp":    ".webp",
	"image/avif":    ".avif",
	"image/svg+xml": ".svg",
}

// pictureExt is the file extension of a stored picture's media type; ""
// for a type Margin does not store.
func pictureExt(mediaType string) string { return pictureExts[mediaType] }

// pictureName is the file name of a stored picture: its content hash, so
// the same picture is one file however many articles show it.
func pictureName(p article.Picture) string {
	if !p.Stored() || !isHex(p.SHA256) {
		return ""
	}
	ext := pictureExt(p.Type)
	if ext == "" {
		return ""
	}
	return p.SHA256 + ext
}

// isHex reports a lowercase SHA-256 in hex, the only thing a picture's file
// name is made of.
func isHex(s string) bool {
	if len(s) != 64 {
		return false
	}
	for _, c := range s {
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
			return false
		}
	}
	return true
}

// readPicture returns a stored picture's bytes from the library.
func readPicture(ctx context.Context, lib Library, p article.Picture) ([]byte, error) {
	ps, ok := lib.(pictureStore)
	if !ok {
		return nil, fmt.Errorf("picture %s: %w", p.SHA256, storage.ErrNotFound)
	}
	data, _, err := ps.Picture(ctx, p.SHA256)
	return data, err
}
