package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
)

// The bulk actions below change many articles in one transaction, however
// many are selected, and return the ids they changed (those already in the
// wanted state are left out), so the caller can undo exactly what they did.
// Ids that are not articles (or are in the trash) are skipped; ErrNotFound
// when none is.

// SetUnreadMany marks the articles ids unread (v) or read.
func (l *Library) SetUnreadMany(ctx context.Context, ids []int64, v bool) ([]int64, error) {
	changed, err := l.setMany(ctx, ids, "unread", v)
	if err != nil {
		return nil, fmt.Errorf("mark %s: %w", map[bool]string{true: "unread", false: "read"}[v], err)
	}
	return changed, nil
}

// SetArchivedMany moves the articles ids into (v) or out of the archive.
func (l *Library) SetArchivedMany(ctx context.Context, ids []int64, v bool) ([]int64, error) {
	changed, err := l.setMany(ctx, ids, "archived", v)
	if err != nil {
		return nil, fmt.Errorf("archive: %w", err)
	}
	return changed, nil
}

// setMany sets a state column (a constant, never user input) of the
// articles ids to v and returns those it changed.
func (l *Library) setMany(ctx context.Context, ids []int64, column string, v bool) ([]int64, error) {
	return l.changeMany(ctx, ids, func(tx *sql.Tx, ids []int64) ([]int64, error) {
		changed, err := queryColumn[int64](ctx, tx, `SELECT id FROM articles
			WHERE id IN `+inList+` AND `+column+` <> ? ORDER BY id`, idList(ids), v)
		if err != nil || len(changed) == 0 {
			return nil, err
		}
		_, err = tx.ExecContext(ctx, `UPDATE articles SET `+column+` = ? WHERE id IN `+inList, v, idList(changed))
		return changed, err
	})
}

// changeMany runs change in one write transaction on those of ids that are
// articles out of the trash, in id order (ErrNotFound when none is), and
// returns the ids change reports it changed. No ids change nothing.
func (l *Library) changeMany(ctx context.Context, ids []int64, change func(tx *sql.Tx, ids []int64) ([]int64, error)) ([]int64, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	var changed []int64
	err := l.write(ctx, func(tx *sql.Tx) error {
		found, err := queryColumn[int64](ctx, tx, `SELECT id FROM articles WHERE id IN `+inList+` AND `+live+` ORDER BY id`, idList(ids))
		if err != nil {
			return err
		}
		if len(found) == 0 {
			return notFound(ids)
		}
		changed, err = change(tx, found)
		return err
	})
	if err != nil {
		return nil, err
	}
	return changed, nil
}

// AddTagMany tags the articles ids with name (matched case-insensitively
// against the existing tags, whose spelling wins) and returns those that
// did not carry it.
func (l *Library) AddTagMany(ctx context.Context, ids []int64, name string) ([]int64, error) {
	name, err := cleanTag(name)
	if err != nil {
		return nil, fmt.Errorf("add tag: %w", err)
	}
	changed, err := l.changeMany(ctx, ids, func(tx *sql.Tx, ids []int64) ([]int64, error) {
		tagID, err := ensureTag(ctx, tx, name)
		if err != nil {
			return nil, err
		}
		changed, err := queryColumn[int64](ctx, tx, `SELECT id FROM articles WHERE id IN `+inList+`
			AND id NOT IN (SELECT article_id FROM article_tags WHERE tag_id = ?) ORDER BY id`, idList(ids), tagID)
		if err != nil {
			return nil, err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO article_tags (article_id, tag_id)
			SELECT value, ? FROM json_each(?)`, tagID, idList(changed)); err != nil {
			return nil, err
		}
		return changed, reindexMarks(ctx, tx, changed...)
	})
	if err != nil {
		return nil, fmt.Errorf("add tag: %w", err)
	}
	return changed, nil
}

// RemoveTagMany takes the tag name off the articles ids and returns those
// that carried it. A tag left on no article is deleted.
func (l *Library) RemoveTagMany(ctx context.Context, ids []int64, name string) ([]int64, error) {
	name, err := cleanTag(name)
	if err != nil {
		return nil, fmt.Errorf("remove tag: %w", err)
	}
	changed, err := l.changeMany(ctx, ids, func(tx *sql.Tx, ids []int64) ([]int64, error) {
		return untag(ctx, tx, name, `article_id IN `+inList, idList(ids))
	})
	if err != nil {
		return nil, fmt.Errorf("remove tag: %w", err)
	}
	return changed, nil
}

// DeleteTag takes the tag name off every article and returns the articles
// that carried it (AddTagMany with them puts it back). ErrNotFound when
// there is no such tag.
func (l *Library) DeleteTag(ctx context.Context, name string) ([]int64, error) {
	name, err := cleanTag(name)
	if err != nil {
		return nil, fmt.Errorf("delete tag: %w", err)
	}
	var changed []int64
	err = l.write(ctx, func(tx *sql.Tx) error {
		changed, err = untag(ctx, tx, name, "1")
		if err == nil && len(changed) == 0 {
			err = fmt.Errorf("%w: tag %q", ErrNotFound, name)
		}
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("delete tag: %w", err)
	}
	return changed, nil
}

// untag takes the tag name off the articles of article_tags matching where
// (with args), those in the trash left as they are, reindexes them and
// returns them; a tag left on no article is deleted.
func untag(ctx context.Context, tx *sql.Tx, name, where string, args ...any) ([]int64, error) {
	var tagID int64
	err := tx.QueryRowContext(ctx, `SELECT id FROM tags WHERE name_key = ?`, tagKey(name)).Scan(&tagID)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	args = append([]any{tagID}, args...)
	changed, err := queryColumn[int64](ctx, tx, `SELECT article_id FROM article_tags
		WHERE tag_id = ? AND `+where+` AND `+liveArticle+` ORDER BY article_id`, args...)
	if err != nil || len(changed) == 0 {
		return nil, err
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM article_tags WHERE tag_id = ? AND article_id IN `+inList,
		tagID, idList(changed)); err != nil {
		return nil, err
	}
	if err := deleteUnusedTags(ctx, tx); err != nil {
		return nil, err
	}
	return changed, reindexMarks(ctx, tx, changed...)
}

// TaggedIDs returns the ids of the articles tagged name, in id order (none
// when there is no such tag), those in the trash left out: what a tag
// rename or merge changes, kept to undo it.
func (l *Library) TaggedIDs(ctx context.Context, name string) ([]int64, error) {
	var ids []int64
	err := l.read(ctx, func(ctx context.Context, tx *sql.Tx) error {
		var err error
		ids, err = queryColumn[int64](ctx, tx, `SELECT at.article_id FROM article_tags at
			JOIN tags t ON t.id = at.tag_id WHERE t.name_key = ? AND at.`+liveArticle+` ORDER BY at.article_id`, filterTagKey(name))
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("tagged articles: %w", err)
	}
	return ids, nil
}

// ListIDs returns the ids of every article List lists with opt, in all its
// pages (Limit and After are ignored): what Ctrl+A picks in a view longer
// than the rows loaded.
func (l *Library) ListIDs(ctx context.Context, opt ListOptions) ([]int64, error) {
	fs, err := opt.filters()
	if err != nil {
		return nil, fmt.Errorf("list ids: %w", err)
	}
	conds, args := fs.where("a.id", false)
	var ids []int64
	err = l.read(ctx, func(ctx context.Context, tx *sql.Tx) error {
		ids, err = queryColumn[int64](ctx, tx, "SELECT a.id FROM articles a WHERE "+strings.Join(conds, " AND ")+" ORDER BY a.id", args...)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("list ids: %w", err)
	}
	return ids, nil
}
