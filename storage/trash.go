package storage

import (
	"cmp"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"
)

// trashTable is a table that hangs off articles, whose rows go to its copy
// trash_<name> with their article.
type trashTable struct {
	name    string
	article string // the column holding the article id
	// ownID says rows have an id of their own (no AUTOINCREMENT), which a
	// new row may have taken while they were in the trash.
	ownID bool
}

// trashTables in the order a restore writes them: articles first, for the
// others' foreign keys. Tags are kept apart, by name (trash_article_tags).
var trashTables = []trashTable{
	{"articles", "id", false},
	{"article_raw", "article_id", false},
	{"highlights", "article_id", true},
	{"article_versions", "article_id", true},
	{"article_pictures", "article_id", false},
	{"queue", "article_id", true},
}

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

// Trash moves the articles ids to the trash in one transaction, with their
// raw pages, tags, highlights, versions, pictures and queue rows, and
// returns how many it moved; Restore puts them back. They leave every
// listing, search and count at once; their rows of the full-text index
// stay, for Restore (searches leave them out, see matchesFrom). Ids that
// are not (or no longer) articles are skipped; ErrNotFound when none is.
func (l *Library) Trash(ctx context.Context, ids []int64) (int, error) {
	if len(ids) == 0 {
		return 0, nil
	}
	list := idList(ids)
	var n int
	err := l.write(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `INSERT INTO trash (article_id, deleted_at, indexed)
			SELECT id, ?, 1 FROM articles WHERE id IN `+inList, l.now().UnixNano(), list)
		if err != nil {
			return err
		}
		if n, err = affected(res); err != nil || n == 0 {
			return cmp.Or(err, notFound(ids))
		}
		for _, t := range trashTables {
			if err := copyRows(ctx, tx, "trash_"+t.name, t.name, t.article+" IN "+inList, nil, list); err != nil {
				return err
			}
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO trash_article_tags (article_id, name, name_key)
			SELECT at.article_id, t.name, t.name_key FROM article_tags at JOIN tags t ON t.id = at.tag_id
			WHERE at.article_id IN `+inList, list); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM articles WHERE id IN `+inList, list); err != nil {
			return err
		}
		return deleteUnusedTags(ctx, tx)
	})
	if err != nil {
		return 0, fmt.Errorf("move to the trash: %w", err)
	}
	return n, nil
}

// Restore takes the articles ids out of the trash as they were when
// trashed, under the same ids, and returns how many it restored. A
// highlight, version or queue row whose id a new one took meanwhile comes
// back under a new id. Ids not in the trash are skipped; ErrNotFound when
// none is.
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
		unindexed, err := queryColumn[int64](ctx, tx, `SELECT article_id FROM trash WHERE article_id IN `+inList+`
			AND NOT indexed ORDER BY article_id`, idList(ids))
		if err != nil {
			return err
		}
		if len(restored) == 0 {
			return notFound(ids)
		}
		list := idList(restored)
		for _, t := range trashTables {
			where := t.article + " IN " + inList
			if !t.ownID {
				if err := copyRows(ctx, tx, t.name, "trash_"+t.name, where, nil, list); err != nil {
					return err
				}
				continue
			}
			if err := copyRows(ctx, tx, t.name, "trash_"+t.name,
				where+" AND id NOT IN (SELECT id FROM "+t.name+")", nil, list); err != nil {
				return err
			}
			taken := where + " AND NOT EXISTS (SELECT 1 FROM " + t.name + " o WHERE o.id = trash_" + t.name + ".id AND o.article_id = trash_" + t.name + ".article_id)"
			if err := copyRows(ctx, tx, t.name, "trash_"+t.name, taken, []string{"id"}, list); err != nil {
				return err
			}
		}
		if err := restoreTags(ctx, tx, list); err != nil {
			return err
		}
		// Trashed before migration 010, they lost their index rows.
		if err := index(ctx, tx, unindexed...); err != nil {
			return err
		}
		return emptyTrash(ctx, tx, list)
	})
	if err != nil {
		return 0, fmt.Errorf("restore from the trash: %w", err)
	}
	return len(restored), nil
}

// restoreTags gives the restored articles (a JSON id list) their tags
// again, making the tags that went with them (as ensureTag would, all in
// one statement).
func restoreTags(ctx context.Context, tx *sql.Tx, list string) error {
	if _, err := tx.ExecContext(ctx, `INSERT INTO tags (name, name_key)
		SELECT min(name), name_key FROM trash_article_tags WHERE article_id IN `+inList+` GROUP BY name_key
		ON CONFLICT (name_key) DO NOTHING`, list); err != nil {
		return err
	}
	_, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO article_tags (article_id, tag_id)
		SELECT tt.article_id, t.id FROM trash_article_tags tt JOIN tags t ON t.name_key = tt.name_key
		WHERE tt.article_id IN `+inList, list)
	return err
}

// PurgeTrash deletes for good the articles trashed before before, and the
// pictures only they used, and returns how many articles it deleted. The
// window empties the trash when it closes (its Undo goes with it).
func (l *Library) PurgeTrash(ctx context.Context, before time.Time) (int, error) {
	var n int
	err := l.write(ctx, func(tx *sql.Tx) error {
		ids, err := queryColumn[int64](ctx, tx, `SELECT article_id FROM trash WHERE deleted_at < ?`, before.UnixNano())
		if err != nil || len(ids) == 0 {
			return err
		}
		n = len(ids)
		list := idList(ids)
		shas, err := queryColumn[string](ctx, tx, `SELECT DISTINCT sha256 FROM trash_article_pictures
			WHERE sha256 IS NOT NULL AND article_id IN `+inList, list)
		if err != nil {
			return err
		}
		if err := emptyTrash(ctx, tx, list); err != nil {
			return err
		}
		if err := unindexMany(ctx, tx, list); err != nil {
			return err
		}
		_, _, err = dropUnusedPictures(ctx, tx, `SELECT value FROM json_each(?)`, jsonArray(shas))
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("empty the trash: %w", err)
	}
	return n, nil
}

// emptyTrash deletes the trash rows of the articles in a JSON id list.
func emptyTrash(ctx context.Context, tx *sql.Tx, list string) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM trash_article_tags WHERE article_id IN `+inList, list); err != nil {
		return err
	}
	for _, t := range trashTables {
		if _, err := tx.ExecContext(ctx, `DELETE FROM trash_`+t.name+` WHERE `+t.article+` IN `+inList, list); err != nil {
			return err
		}
	}
	_, err := tx.ExecContext(ctx, `DELETE FROM trash WHERE article_id IN `+inList, list)
	return err
}

// copyRows copies the rows of src matching where into dst, column by name
// (those both tables have, less skip); args are where's.
func copyRows(ctx context.Context, tx *sql.Tx, dst, src, where string, skip []string, args ...any) error {
	cols, err := sharedColumns(ctx, tx, dst, src)
	if err != nil {
		return err
	}
	cols = slices.DeleteFunc(cols, func(c string) bool { return slices.Contains(skip, c) })
	list := strings.Join(cols, ", ")
	if _, err := tx.ExecContext(ctx, `INSERT INTO `+dst+` (`+list+`) SELECT `+list+` FROM `+src+` WHERE `+where, args...); err != nil {
		return fmt.Errorf("copy %s to %s: %w", src, dst, err)
	}
	return nil
}

// sharedColumns lists the columns tables a and b both have, in a's order.
func sharedColumns(ctx context.Context, q queryer, a, b string) ([]string, error) {
	ac, err := queryColumn[string](ctx, q, `SELECT name FROM pragma_table_info(?)`, a)
	if err != nil {
		return nil, err
	}
	bc, err := queryColumn[string](ctx, q, `SELECT name FROM pragma_table_info(?)`, b)
	if err != nil {
		return nil, err
	}
	return slices.DeleteFunc(ac, func(c string) bool { return !slices.Contains(bc, c) }), nil
}

// affected is how many rows res changed.
func affected(res sql.Result) (int, error) {
	n, err := res.RowsAffected()
	return int(n), err
}
