package storage

import (
	"context"
	"errors"
	"reflect"
	"strings"
	"testing"
)

const hlText = "第一段：国内大模型研究落后美国。\n\nThe quick brown fox jumps over the lazy dog. The quick brown fox sleeps."

func TestAddHighlight(t *testing.T) {
	l := mustOpen(t)
	ctx := context.Background()
	id := mustSave(t, l, testArticle("https://example.com/h", strings.Split(hlText, "\n\n")...))
	n := len([]rune(hlText))
	tests := []struct {
		name      string
		h         Highlight
		wantErr   error
		wantQuote string
		wantColor Color
	}{
		{"chinese span", Highlight{ArticleID: id, Start: 4, End: 7}, nil, "国内大", Yellow},
		{"whole text", Highlight{ArticleID: id, Start: 0, End: n, Color: Purple, Note: "all"}, nil, hlText, Purple},
		{"last rune", Highlight{ArticleID: id, Start: n - 1, End: n, Color: Green}, nil, ".", Green},
		{"overlapping", Highlight{ArticleID: id, Start: 5, End: 9, Color: Blue}, nil, "内大模型", Blue},
		{"empty", Highlight{ArticleID: id, Start: 3, End: 3}, ErrInvalid, "", ""},
		{"reversed", Highlight{ArticleID: id, Start: 5, End: 3}, ErrInvalid, "", ""},
		{"negative", Highlight{ArticleID: id, Start: -1, End: 3}, ErrInvalid, "", ""},
		{"past the end", Highlight{ArticleID: id, Start: 3, End: n + 1}, ErrInvalid, "", ""},
		{"bad colour", Highlight{ArticleID: id, Start: 0, End: 1, Color: "red"}, ErrInvalid, "", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := l.AddHighlight(ctx, tc.h)
			if !errors.Is(err, tc.wantErr) {
				t.Fatalf("AddHighlight error = %v, want %v", err, tc.wantErr)
			}
			if err != nil {
				return
			}
			if got.ID == 0 || got.Quote != tc.wantQuote || got.Color != tc.wantColor || got.Note != tc.h.Note {
				t.Errorf("AddHighlight = %+v, want quote %q colour %s", got, tc.wantQuote, tc.wantColor)
			}
			runes := []rune(hlText)
			if want := string(runes[max(0, tc.h.Start-32):tc.h.Start]); got.Prefix != want {
				t.Errorf("Prefix = %q, want %q", got.Prefix, want)
			}
			if want := string(runes[tc.h.End:min(n, tc.h.End+32)]); got.Suffix != want {
				t.Errorf("Suffix = %q, want %q", got.Suffix, want)
			}
		})
	}
	hs, err := l.Highlights(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	var spans [][2]int
	for _, h := range hs {
		spans = append(spans, [2]int{h.Start, h.End})
	}
	if want := [][2]int{{0, n}, {4, 7}, {5, 9}, {n - 1, n}}; !reflect.DeepEqual(spans, want) {
		t.Errorf("Highlights spans = %v, want reading order %v", spans, want)
	}
}

func TestHighlightQuote(t *testing.T) {
	l := mustOpen(t)
	ctx := context.Background()
	id := mustSave(t, l, testArticle("https://example.com/q", strings.Split(hlText, "\n\n")...))
	runes := []rune(hlText)
	tests := []struct {
		name       string
		quote      string
		occurrence int
		color      Color
		wantErr    error
		wantStart  int
		wantQuote  string
	}{
		{"chinese", "大模型", 1, "", nil, 6, "大模型"},
		{"first occurrence", "The quick brown fox", 1, Pink, nil, 18, "The quick brown fox"},
		{"second occurrence", "The quick brown fox", 2, "", nil, strings.Index(string(runes[18:]), "The quick brown fox sleeps") + 18, "The quick brown fox"},
		{"third occurrence", "The quick brown fox", 3, "", ErrQuoteNotFound, 0, ""},
		{"white space differs", "  the lazy\n dog.  The   quick ", 1, "", nil, runeIndex(hlText, "the lazy"), "the lazy dog. The quick"},
		{"case differs", "THE LAZY DOG", 1, "", ErrQuoteNotFound, 0, ""},
		{"across paragraphs", "落后美国。 The quick", 1, "", nil, 11, "落后美国。\n\nThe quick"},
		{"absent", "slow turtle", 1, "", ErrQuoteNotFound, 0, ""},
		{"blank", "   ", 1, "", ErrQuoteNotFound, 0, ""},
		{"occurrence zero", "fox", 0, "", ErrInvalid, 0, ""},
		{"bad colour", "fox", 1, "black", ErrInvalid, 0, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := l.HighlightQuote(ctx, id, tc.quote, tc.occurrence, tc.color, "note")
			if !errors.Is(err, tc.wantErr) {
				t.Fatalf("HighlightQuote error = %v, want %v", err, tc.wantErr)
			}
			if errors.Is(err, ErrQuoteNotFound) && !strings.Contains(err.Error(), tc.quote) {
				t.Errorf("error %q does not name the quote %q", err, tc.quote)
			}
			if err != nil {
				return
			}
			if got.Start != tc.wantStart || got.Quote != tc.wantQuote || string(runes[got.Start:got.End]) != got.Quote {
				t.Errorf("HighlightQuote = %d..%d %q, want start %d quote %q", got.Start, got.End, got.Quote, tc.wantStart, tc.wantQuote)
			}
		})
	}
}

func TestUpdateDeleteHighlight(t *testing.T) {
	l := mustOpen(t)
	ctx := context.Background()
	id := mustSave(t, l, testArticle("https://example.com/u", "some words to mark"))
	h, err := l.HighlightQuote(ctx, id, "words", 1, Green, "first")
	if err != nil {
		t.Fatal(err)
	}
	got, err := l.UpdateHighlight(ctx, h.ID, Blue, "second")
	if err != nil {
		t.Fatal(err)
	}
	if got.Color != Blue || got.Note != "second" || got.Quote != "words" || !got.UpdatedAt.After(h.UpdatedAt) || !got.CreatedAt.Equal(h.CreatedAt) {
		t.Errorf("UpdateHighlight = %+v", got)
	}
	got, err = l.UpdateHighlight(ctx, h.ID, "", "third")
	if err != nil || got.Color != Blue || got.Note != "third" {
		t.Errorf("UpdateHighlight with no colour = %+v, %v; want colour kept", got, err)
	}
	if _, err := l.UpdateHighlight(ctx, h.ID, "grey", ""); !errors.Is(err, ErrInvalid) {
		t.Errorf("UpdateHighlight(grey) = %v, want ErrInvalid", err)
	}
	hs, _ := l.Highlights(ctx, id)
	if len(hs) != 1 || hs[0].Note != "third" {
		t.Errorf("Highlights = %+v", hs)
	}
	if err := l.DeleteHighlight(ctx, h.ID); err != nil {
		t.Fatal(err)
	}
	if hs, _ := l.Highlights(ctx, id); len(hs) != 0 {
		t.Errorf("Highlights after delete = %+v", hs)
	}
	if err := l.DeleteHighlight(ctx, h.ID); !errors.Is(err, ErrNotFound) {
		t.Errorf("DeleteHighlight twice = %v, want ErrNotFound", err)
	}
}

// TestReclipReanchors clips a page, highlights it, clips it again with
// edited text, and checks where each highlight went.
func TestReclipReanchors(t *testing.T) {
	l := mustOpen(t)
	ctx := context.Background()
	oldParas := []string{
		"Margin keeps what you read. 国内大模型研究落后美国，但是差距正在缩小。",
		"The second paragraph talks about readability and the extraction of articles from noisy pages.",
		"A sentence that the editor will delete entirely from the page later on.",
		"Repeated phrase here. Some filler between. Repeated phrase here, at the end.",
	}
	newParas := []string{
		"Breaking: an introduction was added at the top of the article, moving everything down.",
		"Margin keeps what you read. 国内大模型研究落后美国，但是差距正在迅速缩小。",
		"The second paragraph talks about readibility and the extraction of articles from noisy web pages.",
		"Repeated phrase here. Some filler between. Repeated phrase here, at the end.",
	}
	id := mustSave(t, l, testArticle("https://example.com/r?utm_source=a", oldParas...))
	type want struct {
		quote    string
		orphaned bool
	}
	marks := []struct {
		quote      string
		occurrence int
		want       want
	}{
		{"大模型研究", 1, want{"大模型研究", false}},                                                                           // exact, moved
		{"talks about readability and the extraction", 1, want{"talks about readibility and the extraction", false}}, // fuzzy
		{"the editor will delete entirely", 1, want{"", true}},                                                       // gone
		{"Repeated phrase here", 2, want{"Repeated phrase here", false}},                                             // second of two
		{"国内大模型研究落后美国，但是差距正在缩小", 1, want{"国内大模型研究落后美国，但是差距正在迅速缩小", false}},                                           // fuzzy, Chinese
	}
	var hs []Highlight
	for _, m := range marks {
		h, err := l.HighlightQuote(ctx, id, m.quote, m.occurrence, Green, "n: "+m.quote)
		if err != nil {
			t.Fatalf("HighlightQuote(%q): %v", m.quote, err)
		}
		hs = append(hs, h)
	}
	_, updated, err := l.Save(ctx, testArticle("https://example.com/r#top", newParas...))
	if err != nil || !updated {
		t.Fatalf("re-clip: updated=%v err=%v", updated, err)
	}
	newText := []rune(strings.Join(newParas, "\n\n"))
	got, err := l.Highlights(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(marks) {
		t.Fatalf("re-clip kept %d highlights, want %d", len(got), len(marks))
	}
	byID := map[int64]Highlight{}
	for _, h := range got {
		byID[h.ID] = h
	}
	for i, m := range marks {
		h := byID[hs[i].ID]
		if h.Orphaned != m.want.orphaned {
			t.Errorf("%q: orphaned = %v, want %v", m.quote, h.Orphaned, m.want.orphaned)
			continue
		}
		if h.Note != "n: "+m.quote || h.Color != Green {
			t.Errorf("%q: note/colour lost: %+v", m.quote, h)
		}
		if h.Orphaned {
			if h.Quote != m.quote {
				t.Errorf("orphan quote = %q, want the old %q", h.Quote, m.quote)
			}
			continue
		}
		if h.Quote != m.want.quote || string(newText[h.Start:h.End]) != h.Quote {
			t.Errorf("%q: placed at %d..%d = %q, quote %q; want %q", m.quote, h.Start, h.End,
				string(newText[h.Start:h.End]), h.Quote, m.want.quote)
		}
		if want := string(newText[max(0, h.Start-32):h.Start]); h.Prefix != want {
			t.Errorf("%q: prefix = %q, want %q", m.quote, h.Prefix, want)
		}
	}
	// The second "Repeated phrase here" must stay the second.
	if h := byID[hs[3].ID]; h.Start != runeIndex(string(newText), "Repeated phrase here, at") {
		t.Errorf("repeated phrase placed at %d, want the second occurrence", h.Start)
	}
	// Orphans come last.
	if !got[len(got)-1].Orphaned {
		t.Errorf("last highlight %+v, want the orphan last", got[len(got)-1])
	}
}

func TestAnchorPrefersContextThenDistance(t *testing.T) {
	text := []rune("cat. the cat sat. a cat ran. the cat sat.")
	tests := []struct {
		name      string
		h         Highlight
		oldLen    int
		wantStart int
	}{
		{"context picks", Highlight{Quote: "cat", Prefix: "a ", Suffix: " ran", Start: 0}, len(text), 20},
		{"distance breaks ties", Highlight{Quote: "cat", Prefix: "the ", Suffix: " sat.", Start: 33}, len(text), 33},
		{"distance breaks ties, first", Highlight{Quote: "cat", Prefix: "the ", Suffix: " sat.", Start: 8}, len(text), 9},
		{"short quote with none of its context", Highlight{Quote: "cat", Prefix: "my big ", Suffix: " purred", Start: 8}, len(text), -1},
		{"short quote with no context to have", Highlight{Quote: "cat", Start: 8}, len(text), 9},
	}
	for _, tc := range tests {
		start, _, ok := anchor(text, tc.h, tc.oldLen)
		if !ok {
			start = -1
		}
		if start != tc.wantStart {
			t.Errorf("%s: anchor = %d, %v; want %d", tc.name, start, ok, tc.wantStart)
		}
	}
}

// runeIndex is strings.Index in code points.
func runeIndex(s, sub string) int {
	i := strings.Index(s, sub)
	if i < 0 {
		return -1
	}
	return len([]rune(s[:i]))
}
