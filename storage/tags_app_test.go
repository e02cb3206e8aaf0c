package storage

import (
	"context"
	"errors"
	"slices"
	"testing"
)

func TestArticleTags(t *testing.T) {
	l := mustOpen(t)
	ctx := context.Background()
	a := mustSave(t, l, testArticle("https://example.com/1", "one"))
	b := mustSave(t, l, testArticle("https://example.com/2", "two"))
	if err := l.AddTags(ctx, a, "Go", "人工智能", "ärger"); err != nil {
		t.Fatal(err)
	}
	if err := l.AddTags(ctx, b, "GO", "reading"); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		id      int64
		want    []string
		wantErr error
	}{
		{"sorted as Get sorts them", a, []string{"ärger", "Go", "人工智能"}, nil},
		{"an existing tag's spelling wins", b, []string{"Go", "reading"}, nil},
		{"no such article", b + 100, nil, ErrNotFound},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := l.ArticleTags(ctx, tc.id)
			if !errors.Is(err, tc.wantErr) {
				t.Fatalf("ArticleTags(%d) error = %v, want %v", tc.id, err, tc.wantErr)
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("ArticleTags(%d) = %q, want %q", tc.id, got, tc.want)
			}
			if tc.wantErr != nil {
				return
			}
			full, err := l.Get(ctx, tc.id)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(got, full.Tags) {
				t.Errorf("ArticleTags(%d) = %q, but Get's Tags = %q", tc.id, got, full.Tags)
			}
		})
	}
	// An article with no tags has an empty list, not nil.
	c := mustSave(t, l, testArticle("https://example.com/3", "three"))
	if got, err := l.ArticleTags(ctx, c); err != nil || got == nil || len(got) != 0 {
		t.Errorf("ArticleTags(untagged) = %q, %v; want an empty list", got, err)
	}
}
