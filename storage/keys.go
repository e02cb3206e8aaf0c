package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// ArticleIDByKey returns the id of the article an Article.Key names (in
// an export or a link); ErrNotFound when no article in this library has
// it, deleted ones included (and those in the trash): a key never comes to
// mean another article.
func (l *Library) ArticleIDByKey(ctx context.Context, key string) (int64, error) {
	var id int64
	err := l.read(ctx, func(ctx context.Context, tx *sql.Tx) error {
		return tx.QueryRowContext(ctx, `SELECT k.article_id FROM article_keys k
			JOIN articles a ON a.id = k.article_id WHERE k.key = ? AND `+liveA, key).Scan(&id)
	})
	if errors.Is(err, sql.ErrNoRows) {
		return 0, fmt.Errorf("article key %q: %w", key, ErrNotFound)
	}
	if err != nil {
		return 0, fmt.Errorf("article key %q: %w", key, err)
	}
	return id, nil
}

// Keys returns the keys of the given articles, by id; an id with no article
// (or no key) is absent from the map.
func (l *Library) Keys(ctx context.Context, ids []int64) (map[int64]string, error) {
	keys := make(map[int64]string, len(ids))
	err := l.read(ctx, func(ctx context.Context, tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT article_id, key FROM article_keys WHERE article_id IN `+inList, idList(ids))
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var id int64
			var key string
			if err := rows.Scan(&id, &key); err != nil {
				return err
			}
			keys[id] = key
		}
		return rows.Err()
	})
	if err != nil {
		return nil, fmt.Errorf("article keys: %w", err)
	}
	return keys, nil
}
