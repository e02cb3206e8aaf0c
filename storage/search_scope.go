package storage

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

// Scope says what a search with opt looks through, as a caption puts it
// after "12 matches": "in the whole library" (archived articles
// included), "in the archive", "outside the archive", "in unread
// articles", "in favourites", narrowed by tags and sites ("in the whole
// library tagged ai on example.com"). It reads the query as Search does,
// so the caption never disagrees with the hits.
func (opt SearchOptions) Scope() string {
	q := parseQuery(opt.Query)
	if err := q.add(opt.Filter, opt.Tag); err != nil {
		return "in the whole library"
	}
	var where string
	switch {
	case q.archive == archiveOnly:
		where = "in the archive"
	case q.unread:
		where = "in unread articles"
	case q.favorite:
		where = "in favourites"
	case q.archive == archiveHidden:
		where = "outside the archive"
	default:
		where = "in the whole library"
	}
	if q.archive == archiveHidden && (q.unread || q.favorite) {
		where += " outside the archive"
	}
	if q.archive == archiveOnly && q.unread {
		where += ", unread"
	}
	if q.archive == archiveOnly && q.favorite {
		where += ", favourites"
	}
	for _, t := range q.tags {
		where += " tagged " + t
	}
	for _, s := range q.sites {
		where += " on " + s
	}
	return where
}

// CountSearch returns how many articles Search with opt finds in all its
// pages (Limit and Offset are ignored), so a caption can say "1,204
// matches" once the first page is shown. A long query counts the hits of
// the terms Search keeps (see narrow). It walks every text match without
// ranking: tens of milliseconds for a word in most of 100,000 articles.
func (l *Library) CountSearch(ctx context.Context, opt SearchOptions) (int, error) {
	q := parseQuery(opt.Query)
	if err := q.add(opt.Filter, opt.Tag); err != nil {
		return 0, fmt.Errorf("count search: %w", err)
	}
	if q.text && q.match == "" {
		return 0, nil
	}
	var n int
	err := l.read(ctx, func(ctx context.Context, tx *sql.Tx) error {
		if len(q.all) > ExactTerms {
			if _, err := q.narrow(ctx, tx); err != nil {
				return err
			}
		}
		if q.match == "" {
			conds, args := q.where("a.id", true)
			return tx.QueryRowContext(ctx, `SELECT count(*) FROM articles a WHERE `+strings.Join(conds, " AND "), args...).Scan(&n)
		}
		match, conds, args := q.unranked()
		from, conds, err := q.matchesFrom(ctx, tx, conds)
		if err != nil {
			return err
		}
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM `+from+`
			WHERE article_search MATCH ? AND `+strings.Join(conds, " AND "),
			append([]any{match}, args...)...).Scan(&n); err != nil {
			return err
		}
		cands, err := q.candidates(ctx, tx, 0, false)
		if err != nil {
			return err
		}
		split, err := q.splitFound(ctx, tx, cands, nil)
		n += len(split)
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("count search: %w", err)
	}
	return n, nil
}
