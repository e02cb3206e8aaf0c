package testlib

import (
	"reflect"
	"slices"
	"strings"
	"testing"

	"app.margin/margin/article"
	"app.margin/margin/internal/text"
)

func TestItemIsDeterministic(t *testing.T) {
	g := Gen{Seed: 3, Words: 300, Highlights: 4}
	for _, i := range []int{0, 1, 49, 777} {
		if a, b := g.Item(i), g.Item(i); !reflect.DeepEqual(a, b) {
			t.Errorf("item %d differs between two calls", i)
		}
	}
	if g.Article(5).Text == (Gen{Seed: 4, Words: 300}).Article(5).Text {
		t.Error("another seed gives the same article")
	}
}

// TestArticlesAreWhatAClipMakes checks each generated article is
// self-consistent as a clipped one is: Text is the canonical text of
// ContentHTML, and the counts are those of Text.
func TestArticlesAreWhatAClipMakes(t *testing.T) {
	g := Gen{Seed: 1, Words: 400}
	for i := range 40 {
		a := g.Article(i)
		if got := article.CanonicalText(article.Blocks(a.ContentHTML)); got != a.Text {
			t.Errorf("article %d: canonical text of ContentHTML differs from Text:\n%.200q\n%.200q", i, got, a.Text)
		}
		if got, want := a.WordCount, text.WordCount(a.Text); got != want {
			t.Errorf("article %d: WordCount = %d, want %d", i, got, want)
		}
		if a.Title == "" || a.URL == "" || a.FetchedAt.IsZero() || len(a.Raw) == 0 {
			t.Errorf("article %d lacks a title, URL, clip time or page: %+v", i, a)
		}
		if !a.Published.IsZero() && a.Published.After(a.FetchedAt) {
			t.Errorf("article %d: published %v after it was clipped %v", i, a.Published, a.FetchedAt)
		}
	}
}

// TestLibraryShape checks the figures the reports rely on, over 2,000 items.
func TestLibraryShape(t *testing.T) {
	const n = 2000
	g := Gen{Seed: 9, Words: 600, Highlights: 5}
	var chinese, words, highlights, shared, tagged, notes int
	for i := range n {
		it := g.Item(i)
		a := it.Article
		if a.Language == "zh" {
			chinese++
		}
		words += a.WordCount
		if a.Title == SharedTitles[0] || a.Title == SharedTitles[1] {
			shared++
		}
		if len(it.Tags) > 0 {
			tagged++
		}
		if it.Note != "" {
			notes++
		}
		for _, tag := range it.Tags {
			if !slices.Contains(Tags, tag) {
				t.Fatalf("item %d: tag %q is not one of Tags", i, tag)
			}
		}
		runes := []rune(a.Text)
		end := 0
		for _, h := range it.Highlights {
			highlights++
			if h.Start < end || h.End <= h.Start || h.End > len(runes) {
				t.Fatalf("item %d: highlight %d..%d overlaps the one before (ending %d) or leaves the text (%d)", i, h.Start, h.End, end, len(runes))
			}
			if got := string(runes[h.Start:h.End]); got != h.Quote || strings.Contains(got, "\n") {
				t.Fatalf("item %d: highlight %d..%d quotes %q, the text there is %q", i, h.Start, h.End, h.Quote, got)
			}
			if h.Color < 0 || h.Color >= Colors {
				t.Fatalf("item %d: colour %d", i, h.Color)
			}
			end = h.End
		}
	}
	within := func(name string, got, lo, hi float64) {
		t.Helper()
		if got < lo || got > hi {
			t.Errorf("%s = %.2f, want %.2f to %.2f", name, got, lo, hi)
		}
	}
	within("share of Chinese articles", float64(chinese)/n, ChineseShare-0.03, ChineseShare+0.03)
	within("mean words", float64(words)/n, 540, 660)
	within("mean highlights", float64(highlights)/n, 4.5, 5.5)
	within("share of shared titles", float64(shared)/n, 0.019, 0.021)
	within("share of tagged articles", float64(tagged)/n, 0.65, 0.85)
	within("share of articles with a note", float64(notes)/n, 0.12, 0.22)
}

// TestScaleShape checks the shape of Scale, the 100,000-article benchmark
// library, over 3,000 items: one article in ten highlighted, tags from a
// long tail of 2,000, and the older fields' items unchanged.
func TestScaleShape(t *testing.T) {
	const n = 3000
	var highlighted int
	names := map[string]bool{}
	for i := range n {
		it := Scale.Item(i)
		if len(it.Highlights) > 0 {
			highlighted++
		}
		for _, tag := range it.Tags {
			names[tag] = true
		}
		old := Gen{Seed: Scale.Seed, Words: Scale.Words, Highlights: Scale.Highlights}.Item(i)
		if old.Article.Text != it.Article.Text || len(it.Tags) > len(old.Tags) {
			t.Fatalf("item %d: text differs from the Gen without HighlightShare and TagCount, or more tags", i)
		}
	}
	if got := float64(highlighted) / n; got < 0.07 || got > 0.11 {
		t.Errorf("share of highlighted articles = %.3f, want about 0.09 (0.1 of those drawing any)", got)
	}
	if got := len(names); got < 400 || got > Scale.TagCount {
		t.Errorf("%d distinct tags over %d articles, want a long tail of 400 to %d", got, n, Scale.TagCount)
	}
	seen := map[string]int{}
	for k := range Scale.TagCount {
		if j, dup := seen[TagName(k)]; dup {
			t.Fatalf("TagName(%d) = TagName(%d) = %q", k, j, TagName(k))
		}
		seen[TagName(k)] = k
	}
}
