package storage

import (
	"context"
	"database/sql"
	"fmt"
)

// ArticleTags returns the names of one article's tags, sorted as Get sorts
// them, without reading the rest of the article: after AddTags or RemoveTags
// the app shows the tags as stored (an existing tag's spelling wins) and
// need not reload the article's text. ErrNotFound when there is no such
// article.
func (l *Library) ArticleTags(ctx context.Context, id int64) ([]string, error) {
	var tags []string
	err := l.read(ctx, func(tx *sql.Tx) error {
		if err := articleExists(ctx, tx, id); err != nil {
			return err
		}
		var err error
		tags, err = articleTags(ctx, tx, id)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("article tags: %w", err)
	}
	return tags, nil
}
