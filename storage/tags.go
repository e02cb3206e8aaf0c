package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"

	"golang.org/x/text/cases"
	"golang.org/x/text/collate"
	"golang.org/x/text/language"
	"golang.org/x/text/unicode/norm"
)

// tagKey is the case-insensitive identity of a tag name: NFKC (so full-width
// ＡＢＣ is ABC) and Unicode case folding (so Straße is STRASSE and Ä is ä).
func tagKey(name string) string {
	return cases.Fold().String(norm.NFKC.String(name))
}

// sortTagNames sorts names as a reader expects (Ä beside A, not after Z),
// case-insensitively.
func sortTagNames[T any](items []T, name func(T) string) {
	c := collate.New(language.Und, collate.IgnoreCase)
	slices.SortStableFunc(items, func(a, b T) int { return c.CompareString(name(a), name(b)) })
}

// cleanTag trims a tag name and collapses inner white space; an empty result
// is ErrInvalid.
func cleanTag(name string) (string, error) {
	clean := strings.Join(strings.Fields(name), " ")
	if clean == "" {
		return "", fmt.Errorf("%w: empty tag name", ErrInvalid)
	}
	return clean, nil
}

// Tags lists every tag by name with the number of articles its view lists
// (ListOptions.Tag: outside the archive; a tag of archived articles only
// counts 0, and search finds them). A tag of articles in the trash only is
// not listed: it comes back with them.
func (l *Library) Tags(ctx context.Context) ([]Tag, error) {
	tags := []Tag{}
	err := l.read(ctx, func(ctx context.Context, tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT t.name, count(*) - sum(a.archived) FROM tags t
			JOIN article_tags at ON at.tag_id = t.id JOIN articles a ON a.id = at.article_id
			WHERE `+liveA+` GROUP BY t.id ORDER BY t.name_key`)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var t Tag
			if err := rows.Scan(&t.Name, &t.Count); err != nil {
				return err
			}
			tags = append(tags, t)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, fmt.Errorf("tags: %w", err)
	}
	sortTagNames(tags, func(t Tag) string { return t.Name })
	return tags, nil
}

// AddTags adds tags to an article; names are trimmed and matched
// case-insensitively against existing tags, whose spelling wins. An empty name
// is ErrInvalid and nothing is added.
func (l *Library) AddTags(ctx context.Context, id int64, names ...string) error {
	clean, err := cleanTags(names)
	if err != nil {
		return fmt.Errorf("add tags: %w", err)
	}
	err = l.write(ctx, func(tx *sql.Tx) error {
		if err := articleExists(ctx, tx, id); err != nil {
			return err
		}
		if err := tagArticle(ctx, tx, id, clean); err != nil {
			return err
		}
		return reindexMarks(ctx, tx, id)
	})
	if err != nil {
		return fmt.Errorf("add tags: %w", err)
	}
	return nil
}

// RemoveTags removes tags from an article; names it does not carry are
// ignored. A tag left on no article is deleted.
func (l *Library) RemoveTags(ctx context.Context, id int64, names ...string) error {
	clean, err := cleanTags(names)
	if err != nil {
		return fmt.Errorf("remove tags: %w", err)
	}
	err = l.write(ctx, func(tx *sql.Tx) error {
		if err := articleExists(ctx, tx, id); err != nil {
			return err
		}
		for _, name := range clean {
			if _, err := tx.ExecContext(ctx, `DELETE FROM article_tags WHERE article_id = ?
				AND tag_id = (SELECT id FROM tags WHERE name_key = ?)`, id, tagKey(name)); err != nil {
				return err
			}
		}
		if err := deleteUnusedTags(ctx, tx); err != nil {
			return err
		}
		return reindexMarks(ctx, tx, id)
	})
	if err != nil {
		return fmt.Errorf("remove tags: %w", err)
	}
	return nil
}

// RenameTag renames a tag; when the new name exists already the two merge
// (under the existing tag's spelling). Renaming to a different case of the same
// name changes the spelling. ErrNotFound when from is not a tag (of an
// article out of the trash). The articles in the trash follow a rename
// (their tags are the same rows), not a merge.
func (l *Library) RenameTag(ctx context.Context, from, to string) error {
	from, err := cleanTag(from)
	if err != nil {
		return fmt.Errorf("rename tag: %w", err)
	}
	to, err = cleanTag(to)
	if err != nil {
		return fmt.Errorf("rename tag: %w", err)
	}
	err = l.write(ctx, func(tx *sql.Tx) error {
		var fromID int64
		err := tx.QueryRowContext(ctx, `SELECT id FROM tags WHERE name_key = ? AND `+liveTag, tagKey(from)).Scan(&fromID)
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("%w: tag %q", ErrNotFound, from)
		}
		if err != nil {
			return err
		}
		articles, err := queryColumn[int64](ctx, tx, `SELECT article_id FROM article_tags WHERE tag_id = ? ORDER BY article_id`, fromID)
		if err != nil {
			return err
		}
		// A tag to of the trash only merges, spelled to.
		if _, err := tx.ExecContext(ctx, `UPDATE tags SET name = ? WHERE name_key = ? AND NOT `+liveTag, to, tagKey(to)); err != nil {
			return err
		}
		var toID int64
		err = tx.QueryRowContext(ctx, `SELECT id FROM tags WHERE name_key = ?`, tagKey(to)).Scan(&toID)
		switch {
		case errors.Is(err, sql.ErrNoRows) || toID == fromID:
			if _, err := tx.ExecContext(ctx, `UPDATE tags SET name = ?, name_key = ? WHERE id = ?`, to, tagKey(to), fromID); err != nil {
				return err
			}
		case err != nil:
			return err
		default:
			// The articles in the trash keep from: Undo of a merge tags
			// the articles out of the trash with from again, and theirs
			// would come back with to.
			if _, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO article_tags (article_id, tag_id)
				SELECT article_id, ? FROM article_tags WHERE tag_id = ? AND `+liveArticle, toID, fromID); err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, `DELETE FROM article_tags WHERE tag_id = ? AND `+liveArticle, fromID); err != nil {
				return err
			}
			if err := deleteUnusedTags(ctx, tx); err != nil {
				return err
			}
		}
		return reindexMarks(ctx, tx, articles...)
	})
	if err != nil {
		return fmt.Errorf("rename tag: %w", err)
	}
	return nil
}

func cleanTags(names []string) ([]string, error) {
	clean := make([]string, 0, len(names))
	for _, n := range names {
		c, err := cleanTag(n)
		if err != nil {
			return nil, err
		}
		clean = append(clean, c)
	}
	return clean, nil
}

// tagArticle gives article id the tags named (cleaned names), creating the
// tags that do not exist yet; the caller reindexes the article.
func tagArticle(ctx context.Context, tx *sql.Tx, id int64, names []string) error {
	for _, name := range names {
		tagID, err := ensureTag(ctx, tx, name)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO article_tags (article_id, tag_id) VALUES (?, ?)`, id, tagID); err != nil {
			return err
		}
	}
	return nil
}

// insertTagSQL makes the tag named ?1 (name_key ?2) unless there is one.
// A tag that only articles in the trash carry takes the new spelling, as it
// would had they taken their tags with them.
const insertTagSQL = `INSERT INTO tags (name, name_key) VALUES (?, ?)
	ON CONFLICT (name_key) DO UPDATE SET name = excluded.name WHERE NOT ` + liveTag

// ensureTag returns the id of the tag named name (case-insensitively),
// creating it when there is none.
func ensureTag(ctx context.Context, tx *sql.Tx, name string) (int64, error) {
	key := tagKey(name)
	if _, err := tx.ExecContext(ctx, insertTagSQL, name, key); err != nil {
		return 0, err
	}
	var id int64
	err := tx.QueryRowContext(ctx, `SELECT id FROM tags WHERE name_key = ?`, key).Scan(&id)
	return id, err
}

// deleteUnusedTags removes tags that no article carries, so the sidebar
// never lists empty tags.
func deleteUnusedTags(ctx context.Context, tx *sql.Tx) error {
	_, err := tx.ExecContext(ctx, `DELETE FROM tags WHERE NOT EXISTS
		(SELECT 1 FROM article_tags at WHERE at.tag_id = tags.id)`)
	return err
}

// ArticleTags returns the names of one article's tags, sorted as Get sorts
// them, without reading the rest of the article: after AddTags or RemoveTags
// the app shows the tags as stored (an existing tag's spelling wins) and
// need not reload the article's text. ErrNotFound when there is no such
// article.
func (l *Library) ArticleTags(ctx context.Context, id int64) ([]string, error) {
	var tags []string
	err := l.read(ctx, func(ctx context.Context, tx *sql.Tx) error {
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
