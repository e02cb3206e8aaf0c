package storage

import (
	"context"
	"errors"
	"reflect"
	"slices"
	"testing"
)

func TestTags(t *testing.T) {
	l := mustOpen(t)
	ctx := context.Background()
	a := mustSave(t, l, testArticle("https://example.com/1", "one"))
	b := mustSave(t, l, testArticle("https://example.com/2", "two"))
	steps := []struct {
		name     string
		do       func() error
		wantErr  error
		wantTags []Tag
		wantA    []string
	}{
		{"add", func() error { return l.AddTags(ctx, a, "Go", "  reading  list ", "人工智能") }, nil,
			[]Tag{{"Go", 1}, {"reading list", 1}, {"人工智能", 1}}, []string{"Go", "reading list", "人工智能"}},
		{"case-insensitive add keeps first spelling", func() error { return l.AddTags(ctx, b, "GO", "人工智能", "Ärger") }, nil,
			[]Tag{{"Ärger", 1}, {"Go", 2}, {"reading list", 1}, {"人工智能", 2}}, nil},
		{"non-ASCII case folding", func() error { return l.AddTags(ctx, a, "ärger", "ＧＯ") }, nil,
			[]Tag{{"Ärger", 2}, {"Go", 2}, {"reading list", 1}, {"人工智能", 2}}, []string{"Ärger", "Go", "reading list", "人工智能"}},
		{"adding twice is a no-op", func() error { return l.AddTags(ctx, a, "go") }, nil,
			[]Tag{{"Ärger", 2}, {"Go", 2}, {"reading list", 1}, {"人工智能", 2}}, nil},
		{"empty name", func() error { return l.AddTags(ctx, a, "ok", "   ") }, ErrInvalid,
			[]Tag{{"Ärger", 2}, {"Go", 2}, {"reading list", 1}, {"人工智能", 2}}, nil},
		{"remove case-insensitively; unused tag goes", func() error { return l.RemoveTags(ctx, a, "READING LIST", "not there") }, nil,
			[]Tag{{"Ärger", 2}, {"Go", 2}, {"人工智能", 2}}, []string{"Ärger", "Go", "人工智能"}},
		{"rename", func() error { return l.RenameTag(ctx, "人工智能", "AI") }, nil,
			[]Tag{{"AI", 2}, {"Ärger", 2}, {"Go", 2}}, []string{"AI", "Ärger", "Go"}},
		{"rename case only", func() error { return l.RenameTag(ctx, "go", "golang") }, nil,
			[]Tag{{"AI", 2}, {"Ärger", 2}, {"golang", 2}}, nil},
		{"rename spelling", func() error { return l.RenameTag(ctx, "GOLANG", "GoLang") }, nil,
			[]Tag{{"AI", 2}, {"Ärger", 2}, {"GoLang", 2}}, nil},
		{"merge into existing", func() error { return l.RenameTag(ctx, "ärger", "ai") }, nil,
			[]Tag{{"AI", 2}, {"GoLang", 2}}, []string{"AI", "GoLang"}},
		{"rename unknown", func() error { return l.RenameTag(ctx, "nope", "x") }, ErrNotFound,
			[]Tag{{"AI", 2}, {"GoLang", 2}}, nil},
		{"rename to blank", func() error { return l.RenameTag(ctx, "AI", " ") }, ErrInvalid,
			[]Tag{{"AI", 2}, {"GoLang", 2}}, nil},
	}
	for _, s := range steps {
		err := s.do()
		if !errors.Is(err, s.wantErr) {
			t.Fatalf("%s: error = %v, want %v", s.name, err, s.wantErr)
		}
		tags, err := l.Tags(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(tags, s.wantTags) {
			t.Errorf("%s: Tags = %v, want %v", s.name, tags, s.wantTags)
		}
		if s.wantA != nil {
			got, err := l.Get(ctx, a)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got.Tags, s.wantA) {
				t.Errorf("%s: article tags = %v, want %v", s.name, got.Tags, s.wantA)
			}
		}
	}
}

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
