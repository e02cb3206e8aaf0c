package storage

import (
	"context"
	"database/sql"
	"slices"
	"testing"

	"app.margin/margin/internal/testlib"
)

// TestPrefixExpansionFindsTheSame checks that newest-first search, which
// searches an ASCII prefix as the OR of the index terms it stands for,
// finds exactly what the prefix itself finds, page by page, filters
// included; and that a prefix of too many terms is left alone.
func TestPrefixExpansionFindsTheSame(t *testing.T) {
	g := testlib.Scale
	g.Words = 200
	l := mustGenerate(t, g, 300)
	ctx := context.Background()
	v30 := testlib.Vocabulary[30]
	queries := []string{"mod*", "talg", v30[:3] + "*", v30[:4], testlib.Vocabulary[3][:5], "model", "data",
		"Rea*", "xyzzyq*", "th*", "tag:ai mod*", "-is:archived " + v30[:3] + "* the", `"open dat"*`, "a*", "9*"}
	defer func(n int) { maxPrefixTerms = n }(maxPrefixTerms)
	for _, query := range queries {
		maxPrefixTerms = 0
		want := searchEvery(t, l, SearchOptions{Query: query, Newest: true})
		for _, n := range []int{1, 64} {
			maxPrefixTerms = n
			got := searchEvery(t, l, SearchOptions{Query: query, Newest: true})
			if !slices.EqualFunc(got, want, func(a, b Summary) bool { return a.ID == b.ID && a.Snippet == b.Snippet }) {
				t.Errorf("%q (up to %d terms): %d hits, the prefix finds %d, or they differ", query, n, len(got), len(want))
			}
		}
	}
	q := parseQuery("mod*")
	err := l.read(ctx, func(ctx context.Context, tx *sql.Tx) error { return q.expandPrefixes(ctx, tx) })
	if err != nil {
		t.Fatal(err)
	}
	if q.match == `"mod"*` {
		t.Errorf("mod* was not expanded: %s", q.match)
	}
}
