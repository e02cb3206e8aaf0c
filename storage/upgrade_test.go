package storage

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
)

// TestOnUpgradeReportsProgress upgrades a version-1 library of 1,234
// articles (made by hand, as the first Margin left it) and checks what
// OnUpgrade hears: every later migration begins, in order, with Done and
// Total 0; the reindexing ones count the articles from 0 to all of them,
// never backwards and at least every 1% of them; and opening the upgraded
// library again reports nothing.
func TestOnUpgradeReportsProgress(t *testing.T) {
	ctx := context.Background()
	ms, err := migrations()
	if err != nil {
		t.Fatal(err)
	}
	const articles = 1234
	path := filepath.Join(t.TempDir(), "v1.db")
	handMade(t, path, ms[0].sql+"; PRAGMA user_version = 1;"+fmt.Sprintf(`
		WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < %d)
		INSERT INTO articles (id, url, title, text, clipped_at, updated_at)
		SELECT i, 'https://example.com/' || i, 'Article ' || i, 'words of article ' || i, i, i FROM n;`, articles))

	var got []Upgrade
	l, err := Open(ctx, path, OnUpgrade(func(u Upgrade) { got = append(got, u) }))
	if err != nil {
		t.Fatal(err)
	}
	if hits, err := l.Search(ctx, SearchOptions{Query: "article"}); err != nil || len(hits) == 0 {
		t.Errorf("Search after the upgrade = %d hits, %v; want the articles", len(hits), err)
	}
	l.Close()

	var begun []string
	counted := map[string][]int{} // migration -> Done values with Total = articles
	for i, u := range got {
		if u.Done == 0 && u.Total == 0 { // a migration begins, or a step with nothing to count
			if len(begun) == 0 || begun[len(begun)-1] != u.Migration {
				begun = append(begun, u.Migration)
			}
			continue
		}
		if len(begun) == 0 || u.Migration != begun[len(begun)-1] {
			t.Fatalf("report %d (%+v) is not of the migration last begun %v", i, u, begun)
		}
		if u.Total != articles {
			continue // a step over some of the articles
		}
		counted[u.Migration] = append(counted[u.Migration], u.Done)
	}
	var want []string
	for _, m := range ms[1:] {
		want = append(want, strings.TrimSuffix(m.name, ".sql"))
	}
	if fmt.Sprint(begun) != fmt.Sprint(want) {
		t.Errorf("migrations begun = %v, want %v", begun, want)
	}
	// 010 (the split index) reindexes everything; 002, which made the
	// first index, leaves it to 010.
	for _, name := range []string{"010_split_search"} {
		dones := counted[name]
		if len(dones) == 0 {
			t.Errorf("%s: no progress over the %d articles", name, articles)
			continue
		}
		if dones[0] != 0 || dones[len(dones)-1] != articles {
			t.Errorf("%s: Done went from %d to %d, want 0 to %d", name, dones[0], dones[len(dones)-1], articles)
		}
		for i := 1; i < len(dones); i++ {
			if step := dones[i] - dones[i-1]; step <= 0 || step > articles/100 {
				t.Errorf("%s: Done went from %d to %d, want a step of 1 to %d", name, dones[i-1], dones[i], articles/100)
				break
			}
		}
	}

	again, err := Open(ctx, path, OnUpgrade(func(u Upgrade) { t.Errorf("a library at the latest version reported %+v", u) }))
	if err != nil {
		t.Fatal(err)
	}
	again.Close()
}
