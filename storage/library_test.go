package storage

import (
	"app.margin/margin/article"
	"slices"

	"bytes"
	"context"
	"errors"
	"math"
	"reflect"
	"testing"
	"time"
)

func TestSaveGetRoundTrip(t *testing.T) {
	l := mustOpen(t)
	ctx := context.Background()
	cst := time.FixedZone("CST", 8*3600)
	raw := []byte("<html><meta charset=gbk><p>\xc4\xe3\xba\xc3 exact bytes\x00\xff</p></html>")
	in := &article.Article{
		URL:          "https://example.com/a?utm_source=x",
		FinalURL:     "https://example.com/a",
		CanonicalURL: "https://example.com/a",
		Title:        "国内大模型研究",
		Authors:      []string{"张三", "Ada"},
		SiteName:     "虎嗅",
		Source:       article.Source{Name: "虎嗅APP", URL: "https://huxiu.com"},
		Published:    time.Date(2023, 5, 25, 18, 10, 0, 0, cst),
		Modified:     time.Date(2023, 5, 26, 9, 0, 0, 0, time.UTC),
		Language:     "zh",
		Direction:    "ltr",
		Excerpt:      "摘要",
		ImageURL:     "https://example.com/a.jpg",
		ContentHTML:  "<p>国内大模型研究落后美国</p>",
		Text:         "国内大模型研究落后美国",
		WordCount:    11, ReadingMinutes: 1, Readable: true,
		Provenance:       map[string]string{"title": article.FromJSONLD, "source": article.FromText},
		ExtractorVersion: "margin-clip/test",
		Charset:          "gbk",
		FetchedAt:        time.Date(2023, 6, 1, 0, 0, 0, 0, time.UTC),
		Raw:              raw,
		Images:           []article.Picture{{URL: "https://example.com/a.jpg", Lead: true, Missing: "the server answered 404 Not Found"}},
	}
	id, updated, err := l.Save(ctx, in)
	if err != nil {
		t.Fatal(err)
	}
	if updated {
		t.Error("first Save reported updated=true")
	}
	got, err := l.Get(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	want := *in
	want.Raw = nil
	gotClip := got.Article
	if !gotClip.Published.Equal(want.Published) || gotClip.Published.Format(time.RFC3339) != "2023-05-25T18:10:00+08:00" {
		t.Errorf("Published = %v, want %v in the page's zone", gotClip.Published, want.Published)
	}
	for _, p := range []*article.Article{&gotClip, &want} {
		p.Published, p.Modified, p.FetchedAt = p.Published.UTC(), p.Modified.UTC(), p.FetchedAt.UTC()
	}
	if !reflect.DeepEqual(gotClip, want) {
		t.Errorf("Get = %+v\nwant %+v", gotClip, want)
	}
	if got.ID != id || !got.Unread || got.Archived || got.Favorite || got.Position != 0 || got.Note != "" {
		t.Errorf("new article state = %+v", got)
	}
	if got.ClippedAt.IsZero() || !got.ClippedAt.Equal(got.UpdatedAt) {
		t.Errorf("ClippedAt, UpdatedAt = %v, %v", got.ClippedAt, got.UpdatedAt)
	}
	if len(got.Tags) != 0 || got.Tags == nil {
		t.Errorf("Tags = %#v, want empty", got.Tags)
	}
	gotRaw, err := l.RawHTML(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(gotRaw, raw) {
		t.Errorf("RawHTML = %q, want %q", gotRaw, raw)
	}
}

func TestNotFound(t *testing.T) {
	l := mustOpen(t)
	ctx := context.Background()
	const missing = 404
	ops := map[string]func() error{
		"Get":             func() error { _, err := l.Get(ctx, missing); return err },
		"RawHTML":         func() error { _, err := l.RawHTML(ctx, missing); return err },
		"Delete":          func() error { return l.Delete(ctx, missing) },
		"SetNote":         func() error { return l.SetNote(ctx, missing, "x") },
		"SetUnread":       func() error { return l.SetUnread(ctx, missing, true) },
		"SetArchived":     func() error { return l.SetArchived(ctx, missing, true) },
		"SetFavorite":     func() error { return l.SetFavorite(ctx, missing, true) },
		"SetPosition":     func() error { return l.SetPosition(ctx, missing, 0.5) },
		"AddTags":         func() error { return l.AddTags(ctx, missing, "x") },
		"RemoveTags":      func() error { return l.RemoveTags(ctx, missing, "x") },
		"RenameTag":       func() error { return l.RenameTag(ctx, "nope", "x") },
		"AddHighlight":    func() error { _, err := l.AddHighlight(ctx, Highlight{ArticleID: missing, End: 1}); return err },
		"HighlightQuote":  func() error { _, err := l.HighlightQuote(ctx, missing, "x", 1, "", ""); return err },
		"Highlights":      func() error { _, err := l.Highlights(ctx, missing); return err },
		"UpdateHighlight": func() error { _, err := l.UpdateHighlight(ctx, missing, Blue, ""); return err },
		"DeleteHighlight": func() error { return l.DeleteHighlight(ctx, missing) },
	}
	for name, op := range ops {
		t.Run(name, func(t *testing.T) {
			if err := op(); !errors.Is(err, ErrNotFound) {
				t.Errorf("%s error = %v, want ErrNotFound", name, err)
			}
		})
	}
}

func TestSamePageTwice(t *testing.T) {
	const first = "https://Example.com/post/1?id=7&lang=en"
	variants := []struct {
		name     string
		final    string
		canon    string
		wantSame bool
	}{
		{"identical", first, "", true},
		{"utm and fbclid", "https://example.com/post/1?utm_source=tw&id=7&utm_medium=social&lang=en&fbclid=abc", "", true},
		{"fragment", "https://example.com/post/1?id=7&lang=en#comments", "", true},
		{"host case and default port", "https://EXAMPLE.COM:443/post/1?lang=en&id=7", "", true},
		{"http", "http://example.com:80/post/1?id=7&lang=en", "", true},
		{"canonical matches old final", "https://m.example.com/p/1", "https://example.com/post/1?id=7&lang=en", true},
		{"other query value", "https://example.com/post/1?id=8&lang=en", "", false},
		{"other path", "https://example.com/post/2?id=7&lang=en", "", false},
		{"other port", "https://example.com:8443/post/1?id=7&lang=en", "", false},
		{"canonical is the home page", "https://example.com/post/9", "https://example.com/", false},
	}
	for _, tc := range variants {
		t.Run(tc.name, func(t *testing.T) {
			l := mustOpen(t)
			ctx := context.Background()
			a := testArticle(first, "old text")
			a.CanonicalURL = "https://example.com/" // a site that names its home page everywhere
			id1 := mustSave(t, l, a)
			if err := l.AddTags(ctx, id1, "keep"); err != nil {
				t.Fatal(err)
			}
			if err := l.SetNote(ctx, id1, "my note"); err != nil {
				t.Fatal(err)
			}
			if err := l.SetFavorite(ctx, id1, true); err != nil {
				t.Fatal(err)
			}
			before, _ := l.Get(ctx, id1)

			b := testArticle(tc.final, "new text")
			b.CanonicalURL = tc.canon
			b.Title = "New title"
			b.Raw = []byte("<p>new raw</p>")
			id2, updated, err := l.Save(ctx, b)
			if err != nil {
				t.Fatal(err)
			}
			if got := id2 == id1 && updated; got != tc.wantSame {
				t.Fatalf("Save(%s) = id %d updated %v; first id %d, want same=%v", tc.final, id2, updated, id1, tc.wantSame)
			}
			if !tc.wantSame {
				return
			}
			got, err := l.Get(ctx, id1)
			if err != nil {
				t.Fatal(err)
			}
			if got.Title != "New title" || got.Text != "new text" || got.FinalURL != tc.final {
				t.Errorf("content not replaced: title %q text %q final %q", got.Title, got.Text, got.FinalURL)
			}
			if !reflect.DeepEqual(got.Tags, []string{"keep"}) || got.Note != "my note" || !got.Favorite || !got.Unread {
				t.Errorf("reader's data not kept: tags %v note %q favorite %v unread %v", got.Tags, got.Note, got.Favorite, got.Unread)
			}
			if !got.ClippedAt.Equal(before.ClippedAt) || !got.UpdatedAt.After(before.UpdatedAt) {
				t.Errorf("ClippedAt %v -> %v, UpdatedAt %v -> %v; want clipped kept, updated later",
					before.ClippedAt, got.ClippedAt, before.UpdatedAt, got.UpdatedAt)
			}
			raw, _ := l.RawHTML(ctx, id1)
			if string(raw) != "<p>new raw</p>" {
				t.Errorf("RawHTML = %q, want the new page", raw)
			}
		})
	}
}

func TestStateNotePosition(t *testing.T) {
	l := mustOpen(t)
	ctx := context.Background()
	id := mustSave(t, l, testArticle("https://example.com/s", "text"))
	steps := []struct {
		name  string
		do    func() error
		check func(a *Article) bool
	}{
		{"clipped: unread", func() error { return nil }, func(a *Article) bool { return a.Unread }},
		{"read", func() error { return l.SetUnread(ctx, id, false) }, func(a *Article) bool { return !a.Unread }},
		{"unread", func() error { return l.SetUnread(ctx, id, true) }, func(a *Article) bool { return a.Unread }},
		{"archive", func() error { return l.SetArchived(ctx, id, true) }, func(a *Article) bool { return a.Archived }},
		{"unarchive", func() error { return l.SetArchived(ctx, id, false) }, func(a *Article) bool { return !a.Archived }},
		{"favourite", func() error { return l.SetFavorite(ctx, id, true) }, func(a *Article) bool { return a.Favorite }},
		{"unfavourite", func() error { return l.SetFavorite(ctx, id, false) }, func(a *Article) bool { return !a.Favorite }},
		{"position", func() error { return l.SetPosition(ctx, id, 0.25) }, func(a *Article) bool { return a.Position == 0.25 && a.Unread }},
		{"end reached: read", func() error { return l.SetPosition(ctx, id, ReadEnd) }, func(a *Article) bool { return a.Position == ReadEnd && !a.Unread }},
		{"unread at the end", func() error { return l.SetUnread(ctx, id, true) }, func(a *Article) bool { return a.Unread && a.Position == ReadEnd }},
		{"scrolled back: still unread", func() error { return l.SetPosition(ctx, id, 0.5) }, func(a *Article) bool { return a.Unread }},
		{"position above 1", func() error { return l.SetPosition(ctx, id, 7) }, func(a *Article) bool { return a.Position == 1 && !a.Unread }},
		{"position below 0", func() error { return l.SetPosition(ctx, id, -3) }, func(a *Article) bool { return a.Position == 0 && !a.Unread }},
		{"note", func() error { return l.SetNote(ctx, id, "# 笔记\n\n*good*") }, func(a *Article) bool { return a.Note == "# 笔记\n\n*good*" }},
	}
	for _, s := range steps {
		if err := s.do(); err != nil {
			t.Fatalf("%s: %v", s.name, err)
		}
		a, err := l.Get(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if !s.check(a) {
			t.Errorf("%s: article after = %+v", s.name, a)
		}
	}
	if err := l.SetPosition(ctx, id, math.NaN()); !errors.Is(err, ErrInvalid) {
		t.Errorf("SetPosition(NaN) = %v, want ErrInvalid", err)
	}
}

func TestDeleteCascades(t *testing.T) {
	l := mustOpen(t)
	ctx := context.Background()
	id := mustSave(t, l, testArticle("https://example.com/d", "delete me please"))
	other := mustSave(t, l, testArticle("https://example.com/o", "keep me"))
	if err := l.AddTags(ctx, id, "only-here", "shared"); err != nil {
		t.Fatal(err)
	}
	if err := l.AddTags(ctx, other, "shared"); err != nil {
		t.Fatal(err)
	}
	h, err := l.HighlightQuote(ctx, id, "me", 1, Pink, "n")
	if err != nil {
		t.Fatal(err)
	}
	if err := l.Delete(ctx, id); err != nil {
		t.Fatal(err)
	}
	if _, err := l.Get(ctx, id); !errors.Is(err, ErrNotFound) {
		t.Errorf("Get after Delete = %v, want ErrNotFound", err)
	}
	for table, q := range map[string]string{
		"highlights":   "SELECT count(*) FROM highlights WHERE article_id = ?",
		"article_tags": "SELECT count(*) FROM article_tags WHERE article_id = ?",
		"article_raw":  "SELECT count(*) FROM article_raw WHERE article_id = ?",
	} {
		var n int
		if err := l.readers.QueryRow(q, id).Scan(&n); err != nil {
			t.Fatal(err)
		}
		if n != 0 {
			t.Errorf("%s rows left for the deleted article: %d", table, n)
		}
	}
	if err := l.DeleteHighlight(ctx, h.ID); !errors.Is(err, ErrNotFound) {
		t.Errorf("DeleteHighlight of a deleted article's highlight = %v, want ErrNotFound", err)
	}
	tags, err := l.Tags(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if want := []Tag{{"shared", 1}}; !reflect.DeepEqual(tags, want) {
		t.Errorf("Tags = %v, want %v", tags, want)
	}
	if err := l.Delete(ctx, id); !errors.Is(err, ErrNotFound) {
		t.Errorf("second Delete = %v, want ErrNotFound", err)
	}
}

func TestSaveNil(t *testing.T) {
	l := mustOpen(t)
	if _, _, err := l.Save(context.Background(), nil); !errors.Is(err, ErrInvalid) {
		t.Errorf("Save(nil) = %v, want ErrInvalid", err)
	}
}

func TestRawHTMLAbsent(t *testing.T) {
	l := mustOpen(t)
	a := testArticle("https://example.com/noraw", "text")
	a.Raw = nil
	id := mustSave(t, l, a)
	raw, err := l.RawHTML(context.Background(), id)
	if err != nil || raw != nil {
		t.Errorf("RawHTML of an article saved without its page = %q, %v; want nil, nil", raw, err)
	}
}

// TestEditorsRoundTrip: the editors the clipper reads apart from the
// writers are stored and read back, and a re-clip replaces them.
func TestEditorsRoundTrip(t *testing.T) {
	l := mustOpen(t)
	ctx := context.Background()
	a := testArticle("https://example.com/zh", "正文第一段。", "正文第二段。")
	a.Authors, a.Editors = []string{"徐睿翔"}, []string{"山石", "李铭"}
	id := mustSave(t, l, a)
	got, err := l.Get(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(got.Editors, []string{"山石", "李铭"}) || !slices.Equal(got.Authors, []string{"徐睿翔"}) {
		t.Errorf("authors %q, editors %q; want [徐睿翔] and [山石 李铭]", got.Authors, got.Editors)
	}
	a.Editors = nil
	mustSave(t, l, a)
	if got, err = l.Get(ctx, id); err != nil || len(got.Editors) != 0 {
		t.Errorf("after a re-clip without editors: %q (%v), want none", got.Editors, err)
	}
}
