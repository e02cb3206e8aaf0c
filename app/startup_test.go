package app

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	fynestorage "fyne.io/fyne/v2/storage"

	"app.margin/margin/article"
	"app.margin/margin/clip"
)

func TestStartupHookAndDrop(t *testing.T) {
	var clipped []string
	clipper := &fakeClipper{ClipFn: func(_ context.Context, target, _ string) (*article.Article, error) {
		clipped = append(clipped, target)
		return nil, fmt.Errorf("clip: %w: %s", clip.ErrFileNotFound, target)
	}}
	u, _ := newTestUI(t, newArticleLib(), clipper)
	u.applyStartup("notes=hide, search=margin, size=900x700, article=7, focus=reader")
	if got := u.win.Canvas().Focused(); got != u.reader {
		t.Errorf("focus=reader left the focus on %T", got)
	}
	if u.notesBox.Visible() {
		t.Error("notes=hide left the notes panel shown")
	}
	if got := u.library.search.Text; got != "margin" {
		t.Errorf("search box = %q, want margin", got)
	}
	if got := u.win.Canvas().Size(); got.Width != 900 {
		t.Errorf("window width = %v, want 900", got.Width)
	}
	if u.current == nil || u.current.ID != 7 {
		t.Errorf("article=7 opened %+v", u.current)
	}

	u.dropped(fyne.Position{}, []fyne.URI{fynestorage.NewFileURI("/tmp/saved page.html")})
	if got, want := clipped, []string{"/tmp/saved page.html"}; !slices.Equal(got, want) {
		t.Errorf("dropping a file clipped %q, want %q", got, want)
	}
	if got := u.urlEntry.Text; got != "" {
		t.Errorf("a failed file clip put %q in the address field, want it left empty", got)
	}
	if got := trayText(u); !strings.Contains(got, "There is no file there") {
		t.Errorf("clip tray = %q, want the missing file explained", got)
	}
}
