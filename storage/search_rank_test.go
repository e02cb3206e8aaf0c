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

// TestRankFunctionIsTheIndexRank checks that rankFunction, which relevance
// search orders by, weighs the columns as the rank stored with the index.
func TestRankFunctionIsTheIndexRank(t *testing.T) {
	l := mustOpen(t)
	var rank string
	err := l.readers.QueryRow(`SELECT v FROM article_search_config WHERE k = 'rank'`).Scan(&rank)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := strings.ReplaceAll(rankFunction, "article_search, ", ""), rank; got != want {
		t.Errorf("rankFunction = %s, the index's rank is %s", got, want)
	}
}

// TestRelevanceIsExactBM25 checks that search by relevance returns, page
// by page, exactly the order of the slow exact ranking (FTS5 sorting every
// match by its configured rank, equal scores newest first) on a library of
// 600 generated articles with the scale benchmark's tags and highlights,
// for every query of the benchmarks' classes, filters included (each way
// searchFrom reads them), and that newest first and CountSearch find the
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
		"is:unread site:虎嗅 研究", "site:. the") // site:. is matched as text (see siteMatch)
	for _, query := range queries {
		t.Run(query, func(t *testing.T) {
			q := parseQuery(query)
			if q.match == "" {
				t.Skip("no text to rank")
			}
			// Sites as a listing matches them, as text: on this library
			// the index's site words find the same articles.
			fs := q.filters
			fs.sites = nil
			conds, args := fs.where("+article_search.rowid", true)
			like, likeArgs := filters{archive: archiveAny, sites: q.sites}.where("a.id", false)
			conds, args = append(conds, like...), append(args, likeArgs...)
			rows, err := l.readers.QueryContext(ctx, `SELECT a.id FROM article_search
				CROSS JOIN articles a ON a.id = article_search.rowid
				WHERE article_search MATCH ? AND `+strings.Join(conds, " AND ")+`
				ORDER BY rank, a.id DESC`, append([]any{q.match}, args...)...)
			if err != nil {
				t.Fatal(err)
			}
			want, err := collectIDs(rows)
			if err != nil {
				t.Fatal(err)
			}
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
