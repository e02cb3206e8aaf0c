package storage

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
)

// trashCopy is a table whose rows the trash of migrations 007 to 010 copied
// into trash_<name> with their article.
type trashCopy struct {
	name    string
	article string // the column holding the article id
	// ownID says rows have an id of their own (no AUTOINCREMENT), which a
	// new row may have taken while they were in the trash.
	ownID bool
}

// trashCopies in the order they go back: articles first, for the others'
// foreign keys. Tags were kept apart, by name (trash_article_tags).
var trashCopies = []trashCopy{
	{"articles", "id", false},
	{"article_raw", "article_id", false},
	{"highlights", "article_id", true},
	{"article_versions", "article_id", true},
	{"article_pictures", "article_id", false},
	{"queue", "article_id", true},
}

// trashInPlace is migration 011's step: the articles in the trash go back
// to their tables from the copies, as Restore took them back before, marked
// trashed (so they stay in the trash, restorable), and the copies are
// dropped. A highlight, version or queue row whose id a new one took
// meanwhile comes back under a new id. Their index rows are left as they
// are: those trashed before 010 have none (trash.indexed = 0) until
// restored.
func trashInPlace(ctx context.Context, tx *sql.Tx, _ progress) error {
	for _, t := range trashCopies {
		where := t.article + ` IN (SELECT article_id FROM trash)`
		var skip []string
		if t.ownID {
			if err := copyRows(ctx, tx, t.name, "trash_"+t.name,
				where+" AND id NOT IN (SELECT id FROM "+t.name+")", nil); err != nil {
				return err
			}
			// The rows not back under their id come under a new one.
			where += " AND NOT EXISTS (SELECT 1 FROM " + t.name + " o WHERE o.id = trash_" + t.name + ".id AND o.article_id = trash_" + t.name + ".article_id)"
			skip = []string{"id"}
		}
		if err := copyRows(ctx, tx, t.name, "trash_"+t.name, where, skip); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DROP TABLE trash_`+t.name); err != nil {
			return fmt.Errorf("drop trash_%s: %w", t.name, err)
		}
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO tags (name, name_key)
		SELECT min(name), name_key FROM trash_article_tags GROUP BY name_key
		ON CONFLICT (name_key) DO NOTHING`); err != nil {
		return fmt.Errorf("tags of the trash: %w", err)
	}
	if _, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO article_tags (article_id, tag_id)
		SELECT tt.article_id, t.id FROM trash_article_tags tt JOIN tags t ON t.name_key = tt.name_key
		WHERE tt.article_id IN (SELECT id FROM articles)`); err != nil {
		return fmt.Errorf("tags of the trash: %w", err)
	}
	if _, err := tx.ExecContext(ctx, `DROP TABLE trash_article_tags`); err != nil {
		return fmt.Errorf("drop trash_article_tags: %w", err)
	}
	if _, err := tx.ExecContext(ctx, `UPDATE articles SET trashed = 1 WHERE id IN (SELECT article_id FROM trash)`); err != nil {
		return fmt.Errorf("mark the trash: %w", err)
	}
	// A trash row whose copy was lost (none was ever seen) names nothing.
	if _, err := tx.ExecContext(ctx, `DELETE FROM trash WHERE article_id NOT IN (SELECT id FROM articles)`); err != nil {
		return fmt.Errorf("mark the trash: %w", err)
	}
	return nil
}

// copyRows copies the rows of src matching where into dst, column by name
// (those both tables have, less skip).
func copyRows(ctx context.Context, tx *sql.Tx, dst, src, where string, skip []string) error {
	cols, err := sharedColumns(ctx, tx, dst, src)
	if err != nil {
		return err
	}
	cols = slices.DeleteFunc(cols, func(c string) bool { return slices.Contains(skip, c) })
	list := strings.Join(cols, ", ")
	if _, err := tx.ExecContext(ctx, `INSERT INTO `+dst+` (`+list+`) SELECT `+list+` FROM `+src+` WHERE `+where); err != nil {
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
