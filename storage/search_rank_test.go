package storage

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"app.margin/margin/internal/testlib"
)

// mustGenerate opens a new library holding items 0 to n-1 of g.
func mustGenerate(tb testing.TB, g testlib.Gen, n int) *Library {
	tb.Helper()
	path := filepath.Join(tb.TempDir(), "library.db")
	l, err := Open(context.Background(), path)
	if err != nil {
		tb.Fatal(err)
	}
	if err := l.Close(); err != nil {
		tb.Fatal(err)
	}
	generateLibrary(tb, path, g, n)
	return mustOpenPath(tb, path)
}

// TestRankFunctionIsTheIndexRank checks that rankFunction and marksRank,
// which relevance search orders by, weigh the columns as the ranks stored
// with the index's two tables.
func TestRankFunctionIsTheIndexRank(t *testing.T) {
	l := mustOpen(t)
	for table, fn := range map[string]string{"article_search": rankFunction, "article_marks": marksRank} {
		var rank string
		err := l.readers.QueryRow(`SELECT v FROM ` + table + `_config WHERE k = 'rank'`).Scan(&rank)
		if err != nil {
			t.Fatal(err)
		}
		if got, want := strings.ReplaceAll(fn, table+", ", ""), rank; got != want {
			t.Errorf("%s's rank function = %s, its rank is %s", table, got, want)
		}
	}
}

// TestRelevanceIsExactBM25 checks that search by relevance returns, page
// by page, exactly the order of the slow exact ranking (exactRanking) on a
// library of 600 generated articles with the scale benchmark's tags and
// highlights, for every query of the benchmarks' classes, filters included
// (each way searchFrom reads them), and queries whose terms are split
// between text and marks; and that newest first and CountSearch find the
// same articles.
func TestRelevanceIsExactBM25(t *testing.T) {
	g := testlib.Scale
	g.Words = 300
	l := mustGenerate(t, g, 600)
	ctx := context.Background()
	var queries []string
	for _, c := range scaleQueries {
		queries = append(queries, c.queries...)
	}
	for _, c := range searchClasses {
		queries = append(queries, c.queries...)
	}
	queries = append(queries, "is:archived the", "-is:archived 的", "is:favorite model", "is:unread tag:ai 研究",
		"is:unread site:虎嗅 研究", "site:. the", // site:. is matched as text (see siteMatch)
		"ai the", "ai 研究", "ai model*")
	for _, query := range queries {
		t.Run(query, func(t *testing.T) {
			q := parseQuery(query)
			if q.match == "" {
				t.Skip("no text to rank")
			}
			want := exactRanking(t, l, q)
			var got []int64
			for {
				hits, err := l.Search(ctx, SearchOptions{Query: query, Limit: 7, Offset: len(got)})
				if err != nil {
					t.Fatal(err)
				}
				for _, h := range hits {
					got = append(got, h.ID)
				}
				if len(hits) < 7 {
					break
				}
			}
			if !slices.Equal(got, want) {
				t.Errorf("relevance order differs from the exact ranking:\n got %v\nwant %v", head(got), head(want))
			}
			newest := searchIDs(t, l, query, true)
			slices.Sort(newest)
			want = slices.Sorted(slices.Values(want))
			if !slices.Equal(newest, want) {
				t.Errorf("newest first finds %d articles, the exact ranking %d", len(newest), len(want))
			}
			if n, err := l.CountSearch(ctx, SearchOptions{Query: query}); err != nil || n != len(want) {
				t.Errorf("CountSearch = %d, %v; want %d", n, err, len(want))
			}
		})
	}
}

// exactRanking is every match of q by relevance, found and ranked the
// slow and plain way: each article holding any term in either table of the
// index, kept when it holds every term in one or the other and passes q's
// filters, sorted by the sum of each table's rank (FTS5's configured bm25
// of the OR of the terms, which counts those the article holds there),
// equal scores newest first.
func exactRanking(t *testing.T, l *Library, q query) []int64 {
	t.Helper()
	var each []string
	var args []any
	var or []string
	for _, term := range q.active {
		each = append(each, `(u.id IN (SELECT rowid FROM article_search WHERE article_search MATCH ?)
			OR u.id IN (SELECT rowid FROM article_marks WHERE article_marks MATCH ?))`)
		args = append(args, term.fts, term.fts)
		or = append(or, term.fts)
	}
	// Sites as a listing matches them, as text: on this library the
	// index's site words find the same articles.
	fs := q.filters
	fs.sites = nil
	conds, filterArgs := fs.where("u.id", true)
	like, likeArgs := filters{archive: archiveAny, sites: q.sites}.where("a.id", false)
	conds, filterArgs = append(conds, like...), append(filterArgs, likeArgs...)
	anyTerm := strings.Join(or, " OR ")
	rows, err := l.readers.QueryContext(context.Background(), `
		WITH t (id, score) AS (SELECT rowid, rank FROM article_search WHERE article_search MATCH ?),
		m (id, score) AS (SELECT rowid, rank FROM article_marks WHERE article_marks MATCH ?),
		u (id) AS (SELECT id FROM t UNION SELECT id FROM m)
		SELECT u.id FROM u JOIN articles a ON a.id = u.id
		LEFT JOIN t ON t.id = u.id LEFT JOIN m ON m.id = u.id
		WHERE `+strings.Join(append(each, conds...), " AND ")+`
		ORDER BY coalesce(t.score, 0) + coalesce(m.score, 0), u.id DESC`,
		append(append([]any{anyTerm, anyTerm}, args...), filterArgs...)...)
	if err != nil {
		t.Fatal(err)
	}
	ids, err := collectIDs(rows)
	if err != nil {
		t.Fatal(err)
	}
	return ids
}

// collectIDs reads a column of ids.
func collectIDs(rows interface {
	Next() bool
	Scan(...any) error
	Err() error
	Close() error
}) ([]int64, error) {
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}

// head is the first ids of a list, for a message.
func head(ids []int64) string {
	if len(ids) > 12 {
		return fmt.Sprint(ids[:12]) + fmt.Sprintf(" ... (%d)", len(ids))
	}
	return fmt.Sprint(ids)
}
