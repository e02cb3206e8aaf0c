package storage

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"net/url"
	"strings"
)

// reindex rebuilds articleID's rows of the full-text index from the tables:
// in article_search its title, authors, site and source and text; in
// article_marks its tag names, the article note and its highlights' quotes
// and notes. Every write transaction that changes any of these calls it (or
// reindexMarks, when only the marks changed), so the index never disagrees
// with what was committed. An article that no longer exists just loses its
// rows.
func reindex(ctx context.Context, tx *sql.Tx, articleID int64) error {
	if err := unindex(ctx, tx, articleID); err != nil {
		return err
	}
	return index(ctx, tx, articleID)
}

// reindexAll rebuilds the whole full-text index in tx, for migrations that
// change what is indexed or how text becomes tokens, reporting each article.
// A migration before 010 asks for it on a library whose index has the old
// layout, which 010 drops and fills again: it then does nothing.
func reindexAll(ctx context.Context, tx *sql.Tx, report progress) error {
	if ok, err := splitIndex(ctx, tx); err != nil || !ok {
		return err
	}
	for _, table := range []string{"article_search", "article_marks"} {
		if _, err := tx.ExecContext(ctx, `INSERT INTO `+table+` (`+table+`) VALUES ('delete-all')`); err != nil {
			return fmt.Errorf("reindex: %w", err)
		}
	}
	// The articles in the trash are indexed with the others, since 011
	// keeps them in articles; before, their rows were in the trash's
	// copies, and Restore indexes them.
	if _, err := tx.ExecContext(ctx, `UPDATE trash SET indexed = article_id IN (SELECT id FROM articles)`); err != nil {
		return fmt.Errorf("reindex: %w", err)
	}
	ids, err := queryColumn[int64](ctx, tx, `SELECT id FROM articles ORDER BY id`)
	if err != nil {
		return fmt.Errorf("reindex: %w", err)
	}
	tick := report.each(len(ids))
	for start := 0; start < len(ids); start += insertBatch {
		batch := ids[start:min(start+insertBatch, len(ids))]
		if err := index(ctx, tx, batch...); err != nil {
			return err
		}
		for i := range batch {
			tick(start + i + 1)
		}
	}
	// Rows written in one go leave the index in many segments, which every
	// search then merges (20,000 articles, relevance of a common word: 53
	// -> 45 ms CPU); merging them now takes a few seconds more (37 s at
	// 100,000 articles), which is reported as work of unknown length.
	report(0, 0)
	return optimizeIndex(ctx, tx)
}

// splitIndex reports whether the index has its two tables (migration 010).
func splitIndex(ctx context.Context, tx *sql.Tx) (bool, error) {
	var n int
	err := tx.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_schema WHERE name = 'article_marks'`).Scan(&n)
	if err != nil {
		return false, fmt.Errorf("reindex: %w", err)
	}
	return n > 0, nil
}

// index writes the rows of the articles ids (in ascending order) in both
// tables of the full-text index, which has none for them yet.
func index(ctx context.Context, tx *sql.Tx, ids ...int64) error {
	if err := indexText(ctx, tx, ids...); err != nil {
		return err
	}
	return indexMarks(ctx, tx, ids...)
}

// indexText writes the article_search rows of the articles ids (in
// ascending order), which have none, read in one statement: title,
// authors, site name, source and the hosts of their URLs, and text.
func indexText(ctx context.Context, tx *sql.Tx, ids ...int64) error {
	rows, err := tx.QueryContext(ctx, `SELECT id, title, authors, site_name, source_name, canonical_url, final_url, text
		FROM articles WHERE id IN `+inList+` ORDER BY id`, idList(ids))
	if err != nil {
		return fmt.Errorf("index text: %w", err)
	}
	defer rows.Close()
	var out [][]any
	for rows.Next() {
		var id int64
		var title, authorsJSON, site, source, canonical, final, text string
		if err := rows.Scan(&id, &title, &authorsJSON, &site, &source, &canonical, &final, &text); err != nil {
			return fmt.Errorf("index text: %w", err)
		}
		var authors []string
		if err := json.Unmarshal([]byte(authorsJSON), &authors); err != nil {
			return fmt.Errorf("index article %d: authors: %w", id, err)
		}
		sites := []string{site, source}
		for _, u := range []string{canonical, final} {
			if h := hostOf(u); h != "" {
				sites = append(sites, h)
			}
		}
		out = append(out, []any{id, indexForm(title), indexForm(strings.Join(authors, ", ")),
			indexForm(strings.Join(sites, "\n")), indexForm(text)})
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("index text: %w", err)
	}
	rows.Close()
	return insertRows(ctx, tx, "article_search", []string{"title", "authors", "site", "text"}, out)
}

// insertBatch is how many rows insertRows writes in one statement.
const insertBatch = 200

// insertRows adds rows (the rowid, then cols) to a table of the index, in
// one statement per insertBatch rows: FTS5 writes out what it holds in
// memory as a statement ends (its savepoint), so a statement per row wrote
// a segment of the index per row, which it then merged again and again
// (tagging 10,000 articles, reindexing a library).
func insertRows(ctx context.Context, tx *sql.Tx, table string, cols []string, rows [][]any) error {
	sel := []string{"value ->> 0"}
	for i := range cols {
		sel = append(sel, fmt.Sprintf("value ->> %d", i+1))
	}
	stmt := `INSERT INTO ` + table + ` (rowid, ` + strings.Join(cols, ", ") + `)
		SELECT ` + strings.Join(sel, ", ") + ` FROM json_each(?)`
	for start := 0; start < len(rows); start += insertBatch {
		batch, err := json.Marshal(rows[start:min(start+insertBatch, len(rows))])
		if err != nil {
			return fmt.Errorf("index: %w", err)
		}
		if _, err := tx.ExecContext(ctx, stmt, string(batch)); err != nil {
			return fmt.Errorf("index into %s: %w", table, err)
		}
	}
	return nil
}

// indexMarks writes the article_marks rows of the articles ids (in
// ascending order), which have none: their tags, note and highlights, read
// in one statement. An article with none of them gets no row. Tags go in
// by name_key: their order changes no match or score.
func indexMarks(ctx context.Context, tx *sql.Tx, ids ...int64) error {
	rows, err := tx.QueryContext(ctx, `SELECT a.id, coalesce((SELECT group_concat(t.name, char(10) ORDER BY t.name_key)
			FROM article_tags at JOIN tags t ON t.id = at.tag_id WHERE at.article_id = a.id), ''), `+notesColumn+`
		FROM articles a WHERE a.id IN `+inList+` ORDER BY a.id`, idList(ids))
	if err != nil {
		return fmt.Errorf("index marks: %w", err)
	}
	defer rows.Close()
	var out [][]any
	for rows.Next() {
		var id int64
		var tags, notes string
		if err := rows.Scan(&id, &tags, &notes); err != nil {
			return fmt.Errorf("index marks: %w", err)
		}
		if tags != "" || strings.TrimSpace(notes) != "" {
			out = append(out, []any{id, indexForm(tags), indexForm(notes)})
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("index marks: %w", err)
	}
	rows.Close()
	return insertRows(ctx, tx, "article_marks", []string{"tags", "notes"}, out)
}

// reindexMarks rewrites the article_marks rows of the articles ids (in
// ascending order), after a change to their tags, note or highlights: their
// text's row stays as it is. All the old rows go first, in one statement,
// then the new ones: deleting from FTS5 flushes the rows inserted before it
// in the transaction and merges segments, so deleting and inserting article
// by article flushed and merged once per article; and a lower rowid than the
// last written flushes too.
func reindexMarks(ctx context.Context, tx *sql.Tx, ids ...int64) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM article_marks WHERE rowid IN `+inList, idList(ids)); err != nil {
		return fmt.Errorf("unindex marks: %w", err)
	}
	return indexMarks(ctx, tx, ids...)
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

// unindex removes articleID's rows from the full-text index; deleting an
// article calls it in the same transaction.
func unindex(ctx context.Context, tx *sql.Tx, articleID int64) error {
	return unindexMany(ctx, tx, idList([]int64{articleID}))
}

// unindexMany removes the rows of the articles in a JSON id list from the
// full-text index.
func unindexMany(ctx context.Context, tx *sql.Tx, list string) error {
	for _, table := range []string{"article_search", "article_marks"} {
		if _, err := tx.ExecContext(ctx, `DELETE FROM `+table+` WHERE rowid IN `+inList, list); err != nil {
			return fmt.Errorf("unindex: %w", err)
		}
	}
	return nil
}

// Optimize merges the full-text index into one b-tree, which makes searches
// faster after a bulk import (FTS5 otherwise merges incrementally as it goes).
// It takes seconds on a large library and blocks other writers meanwhile.
func (l *Library) Optimize(ctx context.Context) error {
	return l.write(ctx, func(tx *sql.Tx) error {
		return optimizeIndex(ctx, tx)
	})
}

// optimizeIndex merges each table of the full-text index into one b-tree.
func optimizeIndex(ctx context.Context, tx *sql.Tx) error {
	for _, table := range []string{"article_search", "article_marks"} {
		if _, err := tx.ExecContext(ctx, `INSERT INTO `+table+` (`+table+`) VALUES ('optimize')`); err != nil {
			return fmt.Errorf("optimize search index: %w", err)
		}
	}
	return nil
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
