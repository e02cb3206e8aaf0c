package app

import (
	"slices"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// tagChips are the tags the notes panel shows.
func tagChips(n *notesPanel) []string {
	var out []string
	walk(n.tags, func(o fyne.CanvasObject) {
		if l, ok := o.(*widget.Label); ok && l.Importance != widget.LowImportance {
			out = append(out, l.Text)
		}
	})
	return out
}

// TestQuickTagChangesShowTheLatestTags: two tag changes made in quick
// succession run in the background, and their results can come back to
// Fyne's goroutine in either order; the panel and the list row end up with
// the tags as last stored, not the older list that arrived last.
func TestQuickTagChangesShowTheLatestTags(t *testing.T) {
	tests := []struct {
		name  string
		order []int // in which order the two results arrive
	}{
		{"in order", []int{0, 1}},
		{"the second change's result first", []int{1, 0}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			u, lib, _ := openTestArticle(t)
			var results []func()
			u.notes.doFn = func(f func()) { results = append(results, f) }
			u.notes.tagEntry.SetText("reading")
			u.notes.tagEntry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
			u.notes.removeTag("essays")
			if len(results) != 2 {
				t.Fatalf("%d results waiting for Fyne's goroutine, want 2", len(results))
			}
			for _, i := range tc.order {
				results[i]()
			}
			want := []string{"reading"}
			if got := lib.article.Tags; !slices.Equal(got, want) {
				t.Fatalf("stored tags = %q, want %q", got, want)
			}
			if got := tagChips(u.notes); !slices.Equal(got, want) {
				t.Errorf("tag chips = %q, want %q", got, want)
			}
			if got := u.notes.article.Tags; !slices.Equal(got, want) {
				t.Errorf("open article's tags = %q, want %q", got, want)
			}
			if got := u.library.items[0].Tags; !slices.Equal(got, want) {
				t.Errorf("list row tags = %q, want %q", got, want)
			}
		})
	}
}
