package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"path/filepath"
	"slices"
	"testing"

	"app.margin/margin/article"
	"app.margin/margin/storage"
)

// seedLibrary stores one article per title in a new library file and
// archives those named in archived; it returns the file and the ids.
func seedLibrary(t *testing.T, titles []string, archived ...string) (string, map[string]int64) {
	t.Helper()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "library.db")
	lib, err := storage.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer lib.Close()
	ids := map[string]int64{}
	for i, title := range titles {
		text := fmt.Sprintf("%s is article number %d.", title, i)
		id, _, err := lib.Save(ctx, &article.Article{URL: fmt.Sprintf("https://example.com/%d", i), Title: title,
			Text: text, ContentHTML: "<p>" + text + "</p>"})
		if err != nil {
			t.Fatal(err)
		}
		ids[title] = id
		if slices.Contains(archived, title) {
			if err := lib.SetArchived(ctx, id, true); err != nil {
				t.Fatal(err)
			}
		}
	}
	return path, ids
}

// listedTitles runs `margin list ARGS --json` and returns the titles.
func listedTitles(t *testing.T, lib string, args ...string) []string {
	t.Helper()
	out, _ := run(t, lib, 0, append([]string{"list", "--json"}, args...)...)
	var items []storage.Summary
	if err := json.Unmarshal([]byte(out), &items); err != nil {
		t.Fatalf("list %q: %v in %q", args, err, out)
	}
	var titles []string
	for _, s := range items {
		titles = append(titles, s.Title)
	}
	slices.Sort(titles)
	return titles
}

func TestListAllAndArchived(t *testing.T) {
	lib, _ := seedLibrary(t, []string{"Apple", "Banana", "Cherry"}, "Banana")
	tests := []struct {
		args []string
		want []string
	}{
		{nil, []string{"Apple", "Cherry"}},
		{[]string{"--archived"}, []string{"Banana"}},
		{[]string{"--all"}, []string{"Apple", "Banana", "Cherry"}},
		{[]string{"--all", "--archived"}, []string{"Banana"}},
		{[]string{"--all", "--unread"}, []string{"Apple", "Banana", "Cherry"}},
		{[]string{"--limit", "1", "--all"}, []string{"Apple", "Banana", "Cherry"}},
	}
	for _, tc := range tests {
		if got := listedTitles(t, lib, tc.args...); !slices.Equal(got, tc.want) {
			t.Errorf("list %q = %q, want %q", tc.args, got, tc.want)
		}
	}
	if _, errOut := run(t, lib, 0, "list", "--limit", "1"); errOut == "" {
		t.Error("list --limit 1 of 2 articles says nothing of the others")
	}
}

func TestMark(t *testing.T) {
	lib, ids := seedLibrary(t, []string{"Apple", "Banana"})
	id := fmt.Sprint(ids["Apple"])
	unread := func() []string { return listedTitles(t, lib, "--unread") }
	if got, want := unread(), []string{"Apple", "Banana"}; !slices.Equal(got, want) {
		t.Fatalf("unread after adding = %q, want %q", got, want)
	}
	if out, _ := run(t, lib, 0, "mark", id, "--read"); out != "marked article "+id+" read\n" {
		t.Errorf("mark --read: %q", out)
	}
	if got, want := unread(), []string{"Banana"}; !slices.Equal(got, want) {
		t.Errorf("unread after mark --read = %q, want %q", got, want)
	}
	if out, _ := run(t, lib, 0, "mark", "--unread", id); out != "marked article "+id+" unread\n" {
		t.Errorf("mark --unread: %q", out)
	}
	if got, want := unread(), []string{"Apple", "Banana"}; !slices.Equal(got, want) {
		t.Errorf("unread after mark --unread = %q, want %q", got, want)
	}
	for _, tc := range []struct {
		args []string
		code int
	}{
		{[]string{"mark", id}, 2},
		{[]string{"mark", id, "--read", "--unread"}, 2},
		{[]string{"mark", "--read"}, 2},
		{[]string{"mark", "999", "--read"}, 1},
	} {
		run(t, lib, tc.code, tc.args...)
	}
}
