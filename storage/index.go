package storage

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"strings"
)

// reindex rebuilds articleID's row of the full-text index from the tables:
// title, authors, site and source, text, tag names, the article note and its
// highlights' quotes and notes. Every write transaction that changes any of
// these calls it, so the index never disagrees with what was committed. An
// article that no longer exists just loses its row.
func reindex(ctx context.Context, tx *sql.Tx, articleID int64) error {
	return index(ctx, tx, articleID, false)
}

// reindexAll rebuilds the whole full-text index in tx, for migrations that
// change what is indexed or how text becomes tokens, reporting each article.
func reindexAll(ctx context.Context, tx *sql.Tx, report progress) error {
	if _, err := tx.ExecContext(ctx, `INSERT INTO article_search (article_search) VALUES ('delete-all')`); err != nil {
		return fmt.Errorf("reindex: %w", err)
	}
	ids, err := queryColumn[int64](ctx, tx, `SELECT id FROM articles ORDER BY id`)
	if err != nil {
		return fmt.Errorf("reindex: %w", err)
	}
	tick := report.each(len(ids))
	for i, id := range ids {
		if err := index(ctx, tx, id, true); err != nil {
			return err
		}
		tick(i + 1)
	}
	return nil
}

// reindexCJKMarks reindexes the articles with U+3006 〆 or U+FF70 ｰ in
// any indexed text, the characters whose class internal/text changed (they
// became CJK, so each is a token of its own): every other article's index
// row is the same under the new rules, and reindexing a large library in
// full takes minutes, where finding these takes one scan.
func reindexCJKMarks(ctx context.Context, tx *sql.Tx, report progress) error {
	has := func(col string) string {
		return "(instr(" + col + ", char(12294)) > 0 OR instr(" + col + ", char(65392)) > 0)"
	}
	var cols []string
	for _, c := range []string{"a.title", "a.authors", "a.site_name", "a.source_name", "a.text", "a.note"} {
		cols = append(cols, has(c))
	}
	ids, err := queryColumn[int64](ctx, tx, `SELECT a.id FROM articles a WHERE `+strings.Join(cols, " OR ")+`
		OR EXISTS (SELECT 1 FROM highlights h WHERE h.article_id = a.id AND (`+has("h.quote")+` OR `+has("h.note")+`))
		OR EXISTS (SELECT 1 FROM article_tags at JOIN tags t ON t.id = at.tag_id
			WHERE at.article_id = a.id AND `+has("t.name")+`)`)
	if err != nil {
		return fmt.Errorf("reindex: %w", err)
	}
	tick := report.each(len(ids))
	for i, id := range ids {
		if err := reindex(ctx, tx, id); err != nil {
			return err
		}
		tick(i + 1)
	}
	return nil
}

// index writes articleID's row of the full-text index; fresh says the index
// has no row for it yet.
func index(ctx context.Context, tx *sql.Tx, articleID int64, fresh bool) error {
	var title, authorsJSON, site, source, canonical, final, text, notes string
	err := tx.QueryRowContext(ctx, `
		SELECT a.title, a.authors, a.site_name, a.source_name, a.canonical_url, a.final_url, a.text, `+notesColumn+`
		FROM articles a WHERE a.id = ?`, articleID).
		Scan(&title, &authorsJSON, &site, &source, &canonical, &final, &text, &notes)
	if errors.Is(err, sql.ErrNoRows) {
		if fresh {
			return nil
		}
		return unindex(ctx, tx, articleID)
	}
	if err != nil {
		return fmt.Errorf("index article %d: %w", articleID, err)
	}
	var authors []string
	if err := json.Unmarshal([]byte(authorsJSON), &authors); err != nil {
		return fmt.Errorf("index article %d: authors: %w", articleID, err)
	}
	tags, err := articleTags(ctx, tx, articleID)
	if err != nil {
		return fmt.Errorf("index article %d: tags: %w", articleID, err)
	}
	sites := []string{site, source}
	for _, u := range []string{canonical, final} {
		if h := hostOf(u); h != "" {
			sites = append(sites, h)
		}
	}
	if !fresh {
		if err := unindex(ctx, tx, articleID); err != nil {
			return err
		}
	}
	_, err = tx.ExecContext(ctx, `
		INSERT INTO article_search (rowid, title, authors, site, tags, text, notes)
		VALUES (?, ?, ?, ?, ?, ?, ?)`,
		articleID,
		indexForm(title),
		indexForm(strings.Join(authors, ", ")),
		indexForm(strings.Join(sites, "\n")),
		indexForm(strings.Join(tags, "\n")),
		indexForm(text),
		indexForm(notes))
	if err != nil {
		return fmt.Errorf("index article %d: %w", articleID, err)
	}
	return nil
}

// notesColumn is the text of the notes column of an article (aliased a):
// the article note, then each highlight's quote and note in reading order.
// reindex indexes it and Search makes snippets from it, so a snippet shows
// the text that matched.
const notesColumn = `a.note || char(10) || char(10) || coalesce((SELECT group_concat(h.quote || char(10) || h.note,
	char(10) || char(10) ORDER BY h.orphaned, h.start_pos, h.id) FROM highlights h WHERE h.article_id = a.id), '')`

// indexForm is what the index tokenizes for a column: the text with each
// CJK character a token of its own, then the CJK bigrams (see cjkBigrams).
func indexForm(s string) string {
	if bigrams := cjkBigrams(s); bigrams != "" {
		return separateCJK(s, cjkSep) + "\n\n" + bigrams
	}
	return separateCJK(s, cjkSep)
}

// unindex removes articleID's row from the full-text index; deleting an
// article calls it in the same transaction.
func unindex(ctx context.Context, tx *sql.Tx, articleID int64) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM article_search WHERE rowid = ?`, articleID); err != nil {
		return fmt.Errorf("unindex article %d: %w", articleID, err)
	}
	return nil
}

// Optimize merges the full-text index into one b-tree, which makes searches
// faster after a bulk import (FTS5 otherwise merges incrementally as it goes).
// It takes seconds on a large library and blocks other writers meanwhile.
func (l *Library) Optimize(ctx context.Context) error {
	return l.write(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `INSERT INTO article_search (article_search) VALUES ('optimize')`); err != nil {
			return fmt.Errorf("optimize search index: %w", err)
		}
		return nil
	})
}

// hostOf is the host of a URL without "www.", so site:example finds pages of
// www.example.com; "" when there is none.
func hostOf(raw string) string {
	if raw == "" {
		return ""
	}
	u, err := url.Parse(raw)
	if err != nil {
		return ""
	}
	return strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
}
