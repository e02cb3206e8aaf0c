package storage

import (
	"app.margin/margin/article"

	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"app.margin/margin/clip"
)

// searchFixture is a small library of named articles.
type searchFixture struct {
	l   *Library
	ids map[string]int64
}

// name returns the fixture names of ids, sorted.
func (f searchFixture) names(ids []int64) []string {
	var out []string
	for _, id := range ids {
		for n, v := range f.ids {
			if v == id {
				out = append(out, n)
			}
		}
	}
	return out
}

// newSearchFixture saves articles in English and Chinese with tags, notes,
// highlights and states, clipped in the order listed (seed last when
// ../shared is there).
func newSearchFixture(t *testing.T) searchFixture {
	t.Helper()
	ctx := context.Background()
	l := mustOpen(t)
	f := searchFixture{l: l, ids: map[string]int64{}}
	add := func(name string, a *article.Article) int64 {
		f.ids[name] = mustSave(t, l, a)
		return f.ids[name]
	}

	en := testArticle("https://example.com/readability",
		"Readability scores measure how hard a text is to read.",
		"We ran a benchmark of C++ templates and a:b ratios, and said hello world twice: hello world.")
	en.Title = "Readable prose and the benchmark"
	en.Authors = []string{"Grace Hopper"}
	id := add("readability", en)
	must(t, l.AddTags(ctx, id, "Writing", "科技"))

	zh := testArticle("https://tech.example.cn/llm",
		"国内大模型研究落后美国，腾讯和阿里都在追赶。",
		"人工智能的发展需要算力。")
	zh.Title = "大模型的竞争"
	zh.SiteName = "虎嗅"
	zh.Authors = []string{"王小波"}
	zh.Language = "zh"
	id = add("llm", zh)
	must(t, l.AddTags(ctx, id, "科技"))

	notes := testArticle("https://example.com/notes", "An ordinary text about gardens and tomatoes.")
	notes.Title = "Gardening"
	id = add("notes", notes)
	must(t, l.SetNote(ctx, id, "My marginalia about compost"))
	if _, err := l.HighlightQuote(ctx, id, "tomatoes", 1, Green, "insightful remark"); err != nil {
		t.Fatal(err)
	}

	archived := testArticle("https://example.com/zebra", "Zebras have stripes; the benchmark of stripes.")
	archived.Title = "Zebra stripes"
	id = add("archived", archived)
	must(t, l.SetArchived(ctx, id, true))

	fav := testArticle("https://news.example.org/fav", "A favourite piece on benchmark design.")
	fav.Title = "Design notes"
	fav.SiteName = "Example News"
	id = add("favorite", fav)
	must(t, l.SetFavorite(ctx, id, true))
	must(t, l.SetUnread(ctx, id, false))
	must(t, l.AddTags(ctx, id, "writing"))

	seed := filepath.Join("..", "..", "shared", "fixtures", "seed", "huxiu-repost.utf8.html")
	if raw, err := os.ReadFile(seed); err == nil {
		a, err := clip.Parse(raw, "text/html", "https://www.hflfx.com/lxt/871423.html")
		if err != nil {
			t.Fatalf("clip.Parse(seed): %v", err)
		}
		add("seed", a)
	}
	return f
}

func TestSearchFinds(t *testing.T) {
	f := newSearchFixture(t)
	ctx := context.Background()
	seed := f.ids["seed"] != 0
	tests := []struct {
		query  string
		want   []string // in any order; "seed" is dropped when ../shared is missing
		opt    SearchOptions
		marked string // a match the first hit's snippet marks
	}{
		{query: "readability", want: []string{"readability"}, marked: "Readability"},
		{query: "readab*", want: []string{"readability"}, marked: "Readability"},
		{query: "READAB", want: []string{"readability"}},                            // plain words are prefixes too
		{query: "benchmark", want: []string{"readability", "favorite", "archived"}}, // the archive too
		{query: "benchmark -is:archived", want: []string{"readability", "favorite"}},
		{query: `"hello world"`, want: []string{"readability"}, marked: "hello world"},
		{query: `"world hello"`, want: nil},
		{query: "hopper", want: []string{"readability"}},                     // authors
		{query: "marginalia", want: []string{"notes"}, marked: "marginalia"}, // the article note
		{query: "insightful", want: []string{"notes"}, marked: "insightful"}, // a highlight note
		{query: "tomatoes", want: []string{"notes"}},                         // text and highlight quote
		{query: "writing", want: []string{"readability", "favorite"}},        // tag names
		{query: "虎嗅", want: []string{"llm", "seed"}},                         // site, and the seed's source
		{query: "大模型", want: []string{"llm", "seed"}, marked: "大模型"},
		{query: "腾讯", want: []string{"llm", "seed"}, marked: "腾讯"},
		{query: "智", want: []string{"llm", "seed"}, marked: "智"},
		{query: "模型 腾讯", want: []string{"llm", "seed"}},
		{query: "大模型 prose", want: nil},
		{query: "zebra", want: []string{"archived"}},
		{query: "zebra -IS:Archived", want: nil},
		{query: "zebra is:archived", want: []string{"archived"}},
		{query: "zebra", opt: SearchOptions{Filter: FilterArchived}, want: []string{"archived"}},
		{query: "benchmark is:favorite", want: []string{"favorite"}},
		{query: "benchmark is:favourite", want: []string{"favorite"}},
		{query: "benchmark is:unread", want: []string{"readability", "archived"}}, // unread in the archive too
		{query: "benchmark tag:WRITING", want: []string{"readability", "favorite"}},
		{query: "benchmark tag:科技", want: []string{"readability"}},
		{query: "tag:科技", want: []string{"readability", "llm"}},
		{query: "tag:科技 tag:writing", want: []string{"readability"}},
		{query: "benchmark tag:科技 tag:writing", want: []string{"readability"}},
		{query: "benchmark tag:writing", opt: SearchOptions{Tag: "科技"}, want: []string{"readability"}},
		{query: "benchmark tag:writing is:favorite", want: []string{"favorite"}},
		{query: "tag:nonesuch", want: nil},
		{query: "site:example.org", want: []string{"favorite"}},
		{query: "site:虎嗅 腾讯", want: []string{"llm", "seed"}}, // the seed is from 虎嗅APP
		// Beside words, a site is the words of a site name, source or host.
		{query: "site:example.com benchmark", want: []string{"readability", "archived"}},
		{query: "site:exam benchmark", want: []string{"readability", "archived", "favorite"}}, // a prefix
		{query: "site:news benchmark", want: []string{"favorite"}},
		{query: "site:readability benchmark", want: nil}, // in an address, not its site
		{query: "is:favorite", want: []string{"favorite"}},
		{query: "benchmark", opt: SearchOptions{Tag: "科技"}, want: []string{"readability"}},
		{query: "benchmark", opt: SearchOptions{Filter: FilterFavorite}, want: []string{"favorite"}},
		{query: "c++", want: []string{"readability"}},
		{query: "a:b", want: []string{"readability"}},
		{query: "***", want: nil},
	}
	for _, tc := range tests {
		t.Run(tc.query, func(t *testing.T) {
			for _, newest := range []bool{false, true} {
				opt := tc.opt
				opt.Query, opt.Newest = tc.query, newest
				hits, err := f.l.Search(ctx, opt)
				if err != nil {
					t.Fatalf("Search(%+v): %v", opt, err)
				}
				var ids []int64
				for _, h := range hits {
					ids = append(ids, h.ID)
				}
				got := f.names(ids)
				var want []string
				for _, w := range tc.want {
					if w != "seed" || seed {
						want = append(want, w)
					}
				}
				slices.Sort(got)
				slices.Sort(want)
				if !slices.Equal(got, want) {
					t.Errorf("Search(%+v) = %q, want %q", opt, got, want)
				}
				for _, h := range hits {
					if strings.Contains(h.Snippet, cjkSep) || strings.ContainsRune(h.Title, '\u200B') {
						t.Errorf("hit %d shows the CJK separator: %q", h.ID, h.Snippet)
					}
				}
				if tc.marked != "" && len(hits) > 0 {
					var marked []string
					for _, m := range hits[0].Matches {
						marked = append(marked, hits[0].Snippet[m.Start:m.End])
					}
					if !slices.Contains(marked, tc.marked) {
						t.Errorf("snippet %q marks %q, want %q among them", hits[0].Snippet, marked, tc.marked)
					}
				}
			}
		})
	}
}

func TestSearchRanksTitleFirst(t *testing.T) {
	l := mustOpen(t)
	ctx := context.Background()
	body := testArticle("https://example.com/body", "A long text that mentions compost once among many other words of no interest.")
	body.Title = "Other things"
	inBody := mustSave(t, l, body)
	title := testArticle("https://example.com/title", "Nothing to see here.")
	title.Title = "Compost"
	inTitle := mustSave(t, l, title)
	hits, err := l.Search(ctx, SearchOptions{Query: "compost"})
	if err != nil {
		t.Fatal(err)
	}
	if len(hits) != 2 || hits[0].ID != inTitle || hits[1].ID != inBody {
		t.Fatalf("hits = %+v, want the title match %d first, then %d", hits, inTitle, inBody)
	}
	// Newest first: the body article was clipped first, so it comes last.
	hits, err = l.Search(ctx, SearchOptions{Query: "compost", Newest: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(hits) != 2 || hits[0].ID != inTitle {
		t.Fatalf("newest hits = %+v, want %d first", hits, inTitle)
	}
	if hits[0].Snippet != "Nothing to see here." {
		t.Errorf("snippet of a title-only match = %q, want the start of the text", hits[0].Snippet)
	}
}

func TestSearchSnippet(t *testing.T) {
	l := mustOpen(t)
	ctx := context.Background()
	words := strings.Repeat("filler words go here ", 40)
	a := testArticle("https://example.com/long", words+"the Quick brown fox jumps "+words, "Café society.")
	a.Title = "Long"
	mustSave(t, l, a)
	tests := []struct{ query, want string }{
		{"quick fox", "…words go here the \uE000Quick\uE001 brown \uE000fox\uE001 jumps filler words go here filler words go here filler words go here filler words go here filler words go here filler words go here…"},
		{"cafe", "…\uE000Café\uE001 society."}, // from the start of its paragraph
		{"society", "…Café \uE000society\uE001."},
	}
	for _, tc := range tests {
		hits, err := l.Search(ctx, SearchOptions{Query: tc.query})
		if err != nil {
			t.Fatal(err)
		}
		if len(hits) != 1 {
			t.Fatalf("Search(%q): %d hits, want 1", tc.query, len(hits))
		}
		if got := remark(hits[0]); got != tc.want {
			t.Errorf("Search(%q) snippet =\n%q, want\n%q", tc.query, got, tc.want)
		}
	}
}

// remark puts a hit's matches back between markOpen and markClose, so a
// test can state a snippet and its matches as one string.
func remark(h Summary) string {
	var b strings.Builder
	pos := 0
	for _, m := range h.Matches {
		b.WriteString(h.Snippet[pos:m.Start] + markOpen + h.Snippet[m.Start:m.End] + markClose)
		pos = m.End
	}
	return b.String() + h.Snippet[pos:]
}

func TestSearchIndexFollowsChanges(t *testing.T) {
	l := mustOpen(t)
	ctx := context.Background()
	id := mustSave(t, l, testArticle("https://example.com/a", "first version about herons"))
	find := func(q string) int {
		t.Helper()
		hits, err := l.Search(ctx, SearchOptions{Query: q})
		if err != nil {
			t.Fatal(err)
		}
		return len(hits)
	}
	if got := find("herons"); got != 1 {
		t.Fatalf("herons: %d hits, want 1", got)
	}
	mustSave(t, l, testArticle("https://example.com/a", "second version about egrets"))
	if got, want := find("herons")+10*find("egrets"), 10; got != want {
		t.Errorf("after re-clip: herons and egrets hits = %d, want only egrets", got)
	}
	must(t, l.AddTags(ctx, id, "birds"))
	must(t, l.RenameTag(ctx, "birds", "waders"))
	if find("birds") != 0 || find("waders") != 1 {
		t.Errorf("renamed tag not reindexed")
	}
	must(t, l.Delete(ctx, id))
	if got := find("egrets"); got != 0 {
		t.Errorf("deleted article still found")
	}
	var rows int
	if err := l.readers.QueryRowContext(ctx, "SELECT count(*) FROM article_search").Scan(&rows); err != nil {
		t.Fatal(err)
	}
	if rows != 0 {
		t.Errorf("index rows after delete = %d, want 0", rows)
	}
}

// hostileQueries are inputs that break a naive MATCH.
var hostileQueries = []string{`"`, `""`, `"""`, `'`, `don't`, `AND`, `OR`, `NOT`, `a OR`, `OR b`,
	`NEAR`, `NEAR(a b, 2)`, `(x`, `x)`, `()`, `*`, `**`, `a*b`, `*a`, `c++`, `hello-world`, `-foo`,
	`a:b`, `:`, `title:x`, `^a`, `a + b`, `{a b}`, `[x]`, `\`, `%`, `_`, `tag:`, `is:`, `site:`,
	`tag:"`, `is:archived"`, "\x00", "\uE000", "\u200B", "a\u0301", "\u0301", "🙂", "🙂 smile",
	"NOT a", "a NOT b", "a AND NOT", `"a" NEAR "b"`, strings.Repeat("a ", 500), strings.Repeat(`"`, 101)}

func TestSearchHostileInput(t *testing.T) {
	f := newSearchFixture(t)
	ctx := context.Background()
	for _, q := range hostileQueries {
		for _, newest := range []bool{false, true} {
			if _, err := f.l.Search(ctx, SearchOptions{Query: q, Newest: newest}); err != nil {
				t.Errorf("Search(%q): %v", q, err)
			}
		}
	}
	if _, err := f.l.Search(ctx, SearchOptions{Query: "x", Filter: "bogus"}); !errors.Is(err, ErrInvalid) {
		t.Errorf("unknown filter: err = %v, want ErrInvalid", err)
	}
}

func FuzzSearchQuery(f *testing.F) {
	for _, q := range hostileQueries {
		f.Add(q)
	}
	f.Add("大模型 tag:科技 is:favorite")
	l, err := Open(context.Background(), filepath.Join(f.TempDir(), "fuzz.db"))
	if err != nil {
		f.Fatal(err)
	}
	f.Cleanup(func() { l.Close() })
	l.Now = func() time.Time { return time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC) }
	for i, text := range []string{"国内大模型研究落后美国", "Readability and c++ templates", "a:b NEAR \"quoted\""} {
		a := testArticle("https://example.com/fuzz/"+string(rune('a'+i)), text)
		if _, _, err := l.Save(context.Background(), a); err != nil {
			f.Fatal(err)
		}
	}
	f.Fuzz(func(t *testing.T, q string) {
		for _, newest := range []bool{false, true} {
			hits, err := l.Search(context.Background(), SearchOptions{Query: q, Newest: newest})
			if err != nil {
				t.Fatalf("Search(%q): %v", q, err)
			}
			for _, h := range hits {
				if strings.Contains(h.Snippet, cjkSep) {
					t.Fatalf("Search(%q): separator in snippet %q", q, h.Snippet)
				}
			}
		}
	})
}

// TestSearchPages walks a search page by page with Offset: every hit of the
// one-page search comes back exactly once, in the same order, for both
// orderings.
func TestSearchPages(t *testing.T) {
	l := mustOpen(t)
	ctx := context.Background()
	for i := range 23 {
		mustSave(t, l, testArticle(fmt.Sprintf("https://example.com/compost/%d", i),
			fmt.Sprintf("Compost heap number %d.", i), strings.Repeat("compost ", i%5+1)+"and soil"))
	}
	for _, newest := range []bool{true, false} {
		t.Run(fmt.Sprintf("newest=%v", newest), func(t *testing.T) {
			all, err := l.Search(ctx, SearchOptions{Query: "compost", Newest: newest, Limit: 100})
			if err != nil {
				t.Fatal(err)
			}
			var paged []int64
			for offset := 0; ; offset += 10 {
				page, err := l.Search(ctx, SearchOptions{Query: "compost", Newest: newest, Limit: 10, Offset: offset})
				if err != nil {
					t.Fatal(err)
				}
				for _, h := range page {
					paged = append(paged, h.ID)
				}
				if len(page) < 10 {
					break
				}
			}
			if got, want := len(paged), len(all); got != want || want != 23 {
				t.Fatalf("paged %d hits, one search %d, want 23 each", got, want)
			}
			for i, h := range all {
				if paged[i] != h.ID {
					t.Fatalf("hit %d: paged id %d, one search id %d", i, paged[i], h.ID)
				}
			}
		})
	}
}

// TestLongQuery pastes long passages into the search box: their terms in
// more than half of the articles are left out, and at most MaxSearchTerms
// of the others take part, the rarest; the result says which were left
// out, and the article the passage comes from is still found. A short query
// is searched as typed.
func TestLongQuery(t *testing.T) {
	ctx := context.Background()
	l := mustOpen(t)
	common := strings.Repeat("the reader and the writer of a library ", 3)
	mustSave(t, l, testArticle("https://example.com/other1", common+"zebra"))
	mustSave(t, l, testArticle("https://example.com/other2", common+"zebra"))
	passage := common + "serendipitous quixotic perspicacity zebra"
	id := mustSave(t, l, testArticle("https://example.com/source", passage))

	res, err := l.SearchResults(ctx, SearchOptions{Query: "the reader"})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Hits) != 3 || res.Truncated || res.Terms != 2 || res.TermsUsed != 2 {
		t.Errorf("short query: %d hits, Terms %d, TermsUsed %d, Truncated %v; want 3 hits, every term used",
			len(res.Hits), res.Terms, res.TermsUsed, res.Truncated)
	}

	res, err = l.SearchResults(ctx, SearchOptions{Query: passage})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Hits) != 1 || res.Hits[0].ID != id {
		t.Errorf("hits = %v, want article %d alone", res.Hits, id)
	}
	want := []string{"the", "reader", "and", "writer", "of", "a", "library", "zebra"}
	if !res.Truncated || res.Terms != 11 || res.TermsUsed != 3 || !slices.Equal(res.Ignored, want) {
		t.Errorf("Terms %d, TermsUsed %d, Truncated %v, Ignored %q; want 11, 3, true, %q",
			res.Terms, res.TermsUsed, res.Truncated, res.Ignored, want)
	}

	var long strings.Builder
	for i := range 3000 {
		fmt.Fprintf(&long, "filler%d ", i) // in no article: the rarest of all
	}
	long.WriteString(passage)
	res, err = l.SearchResults(ctx, SearchOptions{Query: long.String()})
	if err != nil {
		t.Fatal(err)
	}
	if !res.Truncated || res.TermsUsed != MaxSearchTerms || res.Terms != 3011 || len(res.Ignored) != res.Terms-MaxSearchTerms {
		t.Errorf("Terms %d, TermsUsed %d, Truncated %v, %d ignored; want 3011, %d, true, the rest",
			res.Terms, res.TermsUsed, res.Truncated, len(res.Ignored), MaxSearchTerms)
	}

	var pasted strings.Builder
	for range 20 {
		pasted.WriteString(common)
	}
	for i := range 40 {
		fmt.Fprintf(&pasted, "word%02d ", i)
	}
	pasted.WriteString("serendipitous quixotic perspicacity")
	words := pasted.String()
	pastedID := mustSave(t, l, testArticle("https://example.com/pasted", words))
	res, err = l.SearchResults(ctx, SearchOptions{Query: words})
	if err != nil {
		t.Fatal(err)
	}
	if !res.Truncated || len(res.Hits) != 1 || res.Hits[0].ID != pastedID || res.TermsUsed != MaxSearchTerms {
		t.Fatalf("pasted passage: %d hits, truncated %v, %d terms used; want the one article, %d terms",
			len(res.Hits), res.Truncated, res.TermsUsed, MaxSearchTerms)
	}
	for _, w := range strings.Fields(common) {
		if !slices.Contains(res.Ignored, w) {
			t.Errorf("kept %q, which is in every article; ignored %q", w, res.Ignored)
		}
	}
}

func TestQueryTimeout(t *testing.T) {
	ctx := context.Background()
	l := mustOpen(t)
	mustSave(t, l, testArticle("https://example.com/a", "some words"))
	l.QueryTimeout = time.Nanosecond
	for name, err := range map[string]error{
		"Search": func() error { _, err := l.Search(ctx, SearchOptions{Query: "words"}); return err }(),
		"List":   func() error { _, err := l.List(ctx, ListOptions{}); return err }(),
		"Get":    func() error { _, err := l.Get(ctx, 1); return err }(),
		"Tags":   func() error { _, err := l.Tags(ctx); return err }(),
	} {
		if !errors.Is(err, ErrQueryTimeout) {
			t.Errorf("%s with a 1 ns timeout: %v, want ErrQueryTimeout", name, err)
		}
	}
	l.QueryTimeout = 0
	if hits, err := l.Search(ctx, SearchOptions{Query: "words"}); err != nil || len(hits) != 1 {
		t.Errorf("Search with the default timeout: %d hits, %v", len(hits), err)
	}
	// A caller's own deadline stays the caller's: not ErrQueryTimeout.
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := l.Search(cctx, SearchOptions{Query: "words"}); errors.Is(err, ErrQueryTimeout) || !errors.Is(err, context.Canceled) {
		t.Errorf("Search with a cancelled context: %v, want context.Canceled", err)
	}
}
