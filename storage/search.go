package storage

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

// snippetTokens is how many tokens a snippet spans: about 30 English words,
// or 30 CJK characters (each is a token).
const snippetTokens = 32

// Search runs a full-text search over titles, authors, sites, text, tags,
// notes and highlights. Query is parsed by parseQuery: words, prefixes,
// phrases, CJK text of any length and the filters tag:, site:, is:; anything
// else is searched as text, so no input is a syntax error. Filters alone list
// the matching articles, newest first. Hits are ranked by bm25 (title
// first), or with Newest by clipped date, newest first (which is id order:
// fast for search as you type, as no ranking is needed), and carry a Snippet
// with Matches saying where the query matched in it. Archived articles are left
// out unless is:archived or FilterArchived asks for them alone, as in List.
func (l *Library) Search(ctx context.Context, opt SearchOptions) ([]Summary, error) {
	q := parseQuery(opt.Query)
	if err := q.add(opt.Filter, opt.Tag); err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	if q.text && q.match == "" {
		return []Summary{}, nil // only punctuation: nothing can match
	}
	limit := pageLimit(opt.Limit)

	var stmt string
	var args []any
	if q.match == "" {
		var conds []string
		conds, args = q.where("a.id")
		stmt = `SELECT ` + summaryColumns + `, '', '' FROM articles a
			WHERE ` + strings.Join(conds, " AND ") + `
			ORDER BY a.clipped_at DESC, a.id DESC LIMIT ? OFFSET ?`
	} else {
		var conds []string
		conds, args = q.where("+article_search.rowid")
		// ORDER BY rank lets FTS5 sort by bm25 (with the column weights of
		// 002_search.sql) so SQLite reads the text of the rows returned only;
		// CROSS JOIN keeps the search as the outer loop (FTS5 would otherwise
		// run it again for each article that passes the filters).
		order := "rank"
		if opt.Newest {
			// Ids grow with clipped dates (Save stamps a new article with the
			// time and keeps it on updates), and FTS5 returns matches by rowid
			// without ranking or sorting them: it stops after LIMIT rows that
			// pass the filters, however many articles match.
			order = "article_search.rowid DESC"
		}
		stmt = `SELECT ` + summaryColumns + `, a.text, ` + notesColumn + `
			FROM article_search CROSS JOIN articles a ON a.id = article_search.rowid
			WHERE article_search MATCH ? AND ` + strings.Join(conds, " AND ") + `
			ORDER BY ` + order + ` LIMIT ? OFFSET ?`
		args = append([]any{q.match}, args...)
	}
	args = append(args, limit, max(opt.Offset, 0))

	hits := []Summary{}
	snip := newSnippeter(q.terms)
	err := l.read(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, stmt, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var text, notes string
			r, err := scanSummary(rows, &text, &notes)
			if err != nil {
				return err
			}
			if q.match != "" {
				r.Snippet, r.Matches = unmark(snip.snippet(text, notes))
			}
			hits = append(hits, r.Summary)
		}
		if err := rows.Err(); err != nil {
			return err
		}
		return fillTags(ctx, tx, hits)
	})
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	return hits, nil
}
