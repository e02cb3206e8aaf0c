package storage

import (
	"cmp"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"time"
)

// inList is an SQL list of the ids in a JSON array passed as its argument:
// one parameter however many ids a bulk action holds.
const inList = `(SELECT value FROM json_each(?))`

// idList is ids as the JSON array inList reads.
func idList(ids []int64) string {
	if len(ids) == 0 {
		return "[]" // not null, which json_each reads as one NULL
	}
	b, _ := json.Marshal(ids)
	return string(b)
}

// notFound is ErrNotFound naming the articles asked for.
func notFound(ids []int64) error {
	if len(ids) == 1 {
		return fmt.Errorf("%w: article %d", ErrNotFound, ids[0])
	}
	return fmt.Errorf("%w: none of the %d articles", ErrNotFound, len(ids))
}

// live is the condition on an articles row (unaliased, or aliased a as
// liveA) that it is not in the trash: every read and write of articles
// leaves trashed ones out, as if they were gone, until Restore. Testing it
// reads the row's header only, or articles_row_keys (see 011).
const (
	live  = `trashed = 0`
	liveA = `a.trashed = 0`
)

// liveArticle is the condition on a row with an article_id column (a queue
// row, a highlight) that its article is not in the trash; the trash is
// small, so it is one lookup of its key.
const liveArticle = `article_id NOT IN (SELECT article_id FROM trash)`

// liveTag is the condition on a tags row that an article out of the trash
// carries it: a tag that only articles in the trash carry is no tag until
// they come back.
const liveTag = `EXISTS (SELECT 1 FROM article_tags at WHERE at.tag_id = tags.id AND at.` + liveArticle + `)`

// Trash moves the articles ids to the trash in one transaction and returns
// how many it moved; Restore takes them back. Their rows (raw pages, tags,
// highlights, versions, pictures, queue rows, full-text index rows) stay
// where they are, marked by articles.trashed and a row in trash: they leave
// every listing, search and count at once, and nothing is copied
// (011_trash_in_place.sql). Ids that are not articles, or in the trash
// already, are skipped; ErrNotFound when none is left.
func (l *Library) Trash(ctx context.Context, ids []int64) (int, error) {
	if len(ids) == 0 {
		return 0, nil
	}
	list := idList(ids)
	var n int
	err := l.write(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `INSERT INTO trash (article_id, deleted_at, indexed)
			SELECT id, ?, 1 FROM articles WHERE id IN `+inList+` AND `+live, l.now().UnixNano(), list)
		if err != nil {
			return err
		}
		if n, err = affected(res); err != nil || n == 0 {
			return cmp.Or(err, notFound(ids))
		}
		_, err = tx.ExecContext(ctx, `UPDATE articles SET trashed = 1 WHERE id IN `+inList+` AND `+live, list)
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("move to the trash: %w", err)
	}
	return n, nil
}

// Restore takes the articles ids out of the trash as they were when
// trashed, under the same ids, and returns how many it restored. Ids not in
// the trash are skipped; ErrNotFound when none is.
func (l *Library) Restore(ctx context.Context, ids []int64) (int, error) {
	if len(ids) == 0 {
		return 0, nil
	}
	var restored []int64
	err := l.write(ctx, func(tx *sql.Tx) error {
		var err error
		restored, err = queryColumn[int64](ctx, tx, `SELECT article_id FROM trash WHERE article_id IN `+inList+` ORDER BY article_id`, idList(ids))
		if err != nil {
			return err
		}
		if len(restored) == 0 {
			return notFound(ids)
		}
		unindexed, err := queryColumn[int64](ctx, tx, `SELECT article_id FROM trash WHERE article_id IN `+inList+`
			AND NOT indexed ORDER BY article_id`, idList(ids))
		if err != nil {
			return err
		}
		list := idList(restored)
		if _, err := tx.ExecContext(ctx, `UPDATE articles SET trashed = 0 WHERE id IN `+inList, list); err != nil {
			return err
		}
		// Trashed before migration 010, they lost their index rows (but
		// for marks rewritten since, as a tag rename does).
		if err := unindexMany(ctx, tx, idList(unindexed)); err != nil {
			return err
		}
		if err := index(ctx, tx, unindexed...); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `DELETE FROM trash WHERE article_id IN `+inList, list)
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("restore from the trash: %w", err)
	}
	return len(restored), nil
}

// PurgeTrash deletes for good the articles trashed before before, with
// everything they hold and the pictures only they used, and returns how
// many articles it deleted. The window empties the trash when it closes
// (its Undo goes with it).
func (l *Library) PurgeTrash(ctx context.Context, before time.Time) (int, error) {
	var n int
	err := l.write(ctx, func(tx *sql.Tx) error {
		ids, err := queryColumn[int64](ctx, tx, `DELETE FROM trash WHERE deleted_at < ? RETURNING article_id`, before.UnixNano())
		if err != nil || len(ids) == 0 {
			return err
		}
		n = len(ids)
		return deleteArticles(ctx, tx, idList(ids))
	})
	if err != nil {
		return 0, fmt.Errorf("empty the trash: %w", err)
	}
	return n, nil
}

// affected is how many rows res changed.
func affected(res sql.Result) (int, error) {
	n, err := res.RowsAffected()
	return int(n), err
}
