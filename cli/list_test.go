package cli

import (
	"context"
	"encoding/json"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"app.margin/margin/internal/testlib"
	"app.margin/margin/storage"
)

// TestListViews checks that `margin list` hides the archive, --archived
// lists it alone, --all lists everything, --site keeps to a site, and
// that search takes in the archive and says so.
func TestListViews(t *testing.T) {
	path := filepath.Join(t.TempDir(), "library.db")
	ctx := context.Background()
	l, err := storage.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	gen := testlib.Gen{Seed: 2, Words: 60}
	var ids []int64
	for i := range 5 {
		id, _, err := l.Save(ctx, gen.Article(i))
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, id)
	}
	for _, id := range ids[:2] {
		if err := l.SetArchived(ctx, id, true); err != nil {
			t.Fatal(err)
		}
	}
	site := gen.Article(4).SiteName
	var onSite []int64
	for i, id := range ids {
		if gen.Article(i).SiteName == site && i >= 2 {
			onSite = append(onSite, id)
		}
	}
	if err := l.Close(); err != nil {
		t.Fatal(err)
	}
	listed := func(args ...string) []int64 {
		t.Helper()
		out, _ := run(t, path, 0, append([]string{"list", "--json"}, args...)...)
		var items []storage.Summary
		if err := json.Unmarshal([]byte(out), &items); err != nil {
			t.Fatalf("list %v: %v\n%s", args, err, out)
		}
		var got []int64
		for _, it := range items {
			got = append(got, it.ID)
		}
		slices.Sort(got)
		return got
	}
	for _, tc := range []struct {
		args []string
		want []int64
	}{
		{nil, ids[2:]},
		{[]string{"--archived"}, ids[:2]},
		{[]string{"--all"}, ids},
		{[]string{"--site", site}, onSite},
	} {
		if got := listed(tc.args...); !slices.Equal(got, tc.want) {
			t.Errorf("list %v = %v, want %v", tc.args, got, tc.want)
		}
	}
	out, _ := run(t, path, 0, "search", "--json", "site:example.com")
	var hits []storage.Summary
	if err := json.Unmarshal([]byte(out), &hits); err != nil {
		t.Fatal(err)
	}
	archived := 0
	for _, h := range hits {
		if h.Archived {
			archived++
		}
	}
	if len(hits) != 5 || archived != 2 {
		t.Errorf("search site:example.com: %d hits, %d archived; want all 5, the 2 archived flagged", len(hits), archived)
	}
	_, errOut := run(t, path, 0, "search", "--limit", "3", "site:example.com")
	if want := "showing 3 of 5 matches in the whole library on example.com"; !strings.Contains(errOut, want) {
		t.Errorf("search caption %q, want %q", errOut, want)
	}
	_, errOut = run(t, path, 0, "search", "--limit", "1", "is:archived", "site:example.com")
	if want := "showing 1 of 2 matches in the archive"; !strings.Contains(errOut, want) {
		t.Errorf("search is:archived caption %q, want %q", errOut, want)
	}
}
