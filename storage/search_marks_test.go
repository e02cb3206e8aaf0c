package storage

import (
	"context"
	"slices"
	"testing"
)

// TestSearchAcrossTextAndMarks searches for terms that sit partly in an
// article's text and partly in its tags or note, which the index keeps in
// two tables: each term may be in either, every term must be in one, and
// filters, pages and counts hold as for any match.
func TestSearchAcrossTextAndMarks(t *testing.T) {
	l := mustOpen(t)
	ctx := context.Background()
	ids := map[string]int64{}
	add := func(name, text string, tags []string, note string) {
		id := mustSave(t, l, testArticle("https://example.com/"+name, text))
		if len(tags) > 0 {
			must(t, l.AddTags(ctx, id, tags...))
		}
		if note != "" {
			must(t, l.SetNote(ctx, id, note))
		}
		ids[name] = id
	}
	add("tagged", "The 人才 shortage grows every year.", []string{"ai"}, "")
	add("both", "Where ai meets 人才 in one text.", nil, "")
	add("tagonly", "Nothing relevant in here at all.", []string{"ai"}, "")
	add("noted", "Planning the garden for spring.", nil, "budget reminder")
	add("archived", "An archived note on 人才.", []string{"AI"}, "")
	add("elsewhere", "Budget talk, no garden.", nil, "")
	if _, err := l.SetArchivedMany(ctx, []int64{ids["archived"]}, true); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		query string
		want  []string
	}{
		{"ai 人才", []string{"tagged", "both", "archived"}},
		{"人才 ai", []string{"tagged", "both", "archived"}},
		{"ai 人才 -is:archived", []string{"tagged", "both"}},
		{"ai 人才 is:archived", []string{"archived"}},
		{"人才 tag:ai", []string{"tagged", "archived"}},
		{"ai 人才 site:example.com", []string{"tagged", "both", "archived"}},
		{`"人才 shortage" ai`, []string{"tagged"}},
		{"ai nothing", []string{"tagonly"}},
		{"ai", []string{"tagged", "both", "tagonly", "archived"}},
		{"budget planning", []string{"noted"}},
		{"budget plan", []string{"noted"}}, // the word being typed, as a prefix
		{"budget garden", []string{"noted", "elsewhere"}},
		{"reminder spring budget", []string{"noted"}},
		{"budget zebra", nil},
		{"ai zebra", nil},
	}
	for _, tc := range tests {
		t.Run(tc.query, func(t *testing.T) {
			var want []int64
			for _, name := range tc.want {
				want = append(want, ids[name])
			}
			slices.Sort(want)
			n, err := l.CountSearch(ctx, SearchOptions{Query: tc.query})
			if err != nil {
				t.Fatal(err)
			}
			if n != len(want) {
				t.Errorf("CountSearch = %d, want %d", n, len(want))
			}
			for _, newest := range []bool{false, true} {
				// Pages of one, so the text and split matches merge across pages.
				var got []int64
				for page := 0; page <= len(want); page++ {
					hits, err := l.Search(ctx, SearchOptions{Query: tc.query, Newest: newest, Limit: 1, Offset: page})
					if err != nil {
						t.Fatal(err)
					}
					for _, h := range hits {
						got = append(got, h.ID)
					}
				}
				if newest && !slices.IsSortedFunc(got, func(a, b int64) int { return int(b - a) }) {
					t.Errorf("newest first: %v is not newest first", got)
				}
				sorted := slices.Sorted(slices.Values(got))
				if !slices.Equal(sorted, want) {
					t.Errorf("Search(%q, newest %v) = %v, want %v", tc.query, newest, sorted, want)
				}
			}
		})
	}
}
