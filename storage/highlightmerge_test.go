package storage

import (
	"context"
	"errors"
	"testing"
)

func TestMergeHighlight(t *testing.T) {
	const text = "The quick brown fox jumps over the lazy dog. The quick brown fox sleeps."
	tests := []struct {
		name      string
		existing  []Highlight // Start, End, Note, Color
		h         Highlight
		wantQuote string
		wantNote  string
		wantWith  int // highlights it was merged with
		wantLeft  int // highlights of the article afterwards
	}{
		{"no overlap", []Highlight{{Start: 0, End: 3}}, Highlight{Start: 4, End: 9, Note: "new"}, "quick", "new", 0, 2},
		{"adjacent is not overlap", []Highlight{{Start: 0, End: 4}}, Highlight{Start: 4, End: 9}, "quick", "", 0, 2},
		{"overlaps one", []Highlight{{Start: 4, End: 15, Note: "first"}}, Highlight{Start: 10, End: 19}, "quick brown fox", "first", 1, 1},
		{"spans two", []Highlight{{Start: 0, End: 9, Note: "a"}, {Start: 16, End: 25, Note: "b"}, {Start: 40, End: 44}},
			Highlight{Start: 5, End: 20, Note: "c"}, "The quick brown fox jumps", "a\n\nb\n\nc", 2, 2},
		{"inside one", []Highlight{{Start: 0, End: 19, Note: "same"}}, Highlight{Start: 4, End: 9, Note: "same"}, "The quick brown fox", "same", 1, 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			l := mustOpen(t)
			ctx := context.Background()
			id := mustSave(t, l, testArticle("https://example.com/merge", text))
			var firstID int64
			for i, e := range tc.existing {
				e.ArticleID = id
				got, err := l.AddHighlight(ctx, e)
				must(t, err)
				if i == 0 {
					firstID = got.ID
				}
			}
			tc.h.ArticleID, tc.h.Color = id, Blue
			got, with, err := l.MergeHighlight(ctx, tc.h)
			if err != nil {
				t.Fatal(err)
			}
			if with != tc.wantWith {
				t.Errorf("merged with %d, want %d", with, tc.wantWith)
			}
			if got.Quote != tc.wantQuote || got.Note != tc.wantNote || got.Color != Blue {
				t.Errorf("merged %q note %q colour %s, want %q note %q in blue", got.Quote, got.Note, got.Color, tc.wantQuote, tc.wantNote)
			}
			hs, err := l.Highlights(ctx, id)
			must(t, err)
			if len(hs) != tc.wantLeft {
				t.Errorf("%d highlights afterwards, want %d", len(hs), tc.wantLeft)
			}
			for _, h := range hs {
				if h.ID != got.ID && h.Start < got.End && got.Start < h.End {
					t.Errorf("highlight %d (%d..%d) still overlaps the merged one (%d..%d)", h.ID, h.Start, h.End, got.Start, got.End)
				}
			}
			if with > 0 && got.ID != firstID {
				t.Errorf("merged id %d, want the overlapped highlight's %d", got.ID, firstID)
			}
		})
	}
	l := mustOpen(t)
	id := mustSave(t, l, testArticle("https://example.com/bad", text))
	if _, _, err := l.MergeHighlight(context.Background(), Highlight{ArticleID: id, Start: 5, End: 500}); !errors.Is(err, ErrInvalid) {
		t.Errorf("past the end: %v, want ErrInvalid", err)
	}
}
