package app

import (
	"fyne.io/fyne/v2/driver/desktop"
	"slices"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"app.margin/margin/storage"
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

func TestEditingAHighlightNotePersists(t *testing.T) {
	u, lib, clock := openTestArticle(t)
	card := u.notes.cards[1]
	if card == nil {
		t.Fatal("no card for highlight 1")
	}
	if got, want := card.note.Text, "first"; got != want {
		t.Fatalf("card note = %q, want %q", got, want)
	}
	card.note.CursorColumn = len(card.note.Text)
	test.Type(card.note, " thoughts")
	if got := lib.highlights[0].Note; got != "first" {
		t.Errorf("note saved before the pause: %q", got)
	}
	clock.Advance(saveDelay)
	if got, want := lib.highlights[0].Note, "first thoughts"; got != want {
		t.Errorf("stored note = %q, want %q", got, want)
	}

	test.Tap(card.swatches[2]) // blue
	if got, want := lib.highlights[0].Color, storage.Blue; got != want {
		t.Errorf("stored colour = %q, want %q", got, want)
	}
	if got, want := lib.highlights[0].Note, "first thoughts"; got != want {
		t.Errorf("recolouring changed the note to %q, want %q", got, want)
	}

	test.Type(u.notes.note, "My note")
	clock.Advance(saveDelay)
	if got, want := lib.notes[7], "My note"; got != want {
		t.Errorf("stored article note = %q, want %q", got, want)
	}
}

func TestPendingNoteIsSavedWhenTheWindowCloses(t *testing.T) {
	u, lib, _ := openTestArticle(t)
	u.notes.cards[1].note.CursorColumn = len("first")
	test.Type(u.notes.cards[1].note, "!")
	test.Type(u.notes.note, "unsaved")
	u.close()
	if got, want := lib.highlights[0].Note, "first!"; got != want {
		t.Errorf("highlight note after close = %q, want %q", got, want)
	}
	if got, want := lib.notes[7], "unsaved"; got != want {
		t.Errorf("article note after close = %q, want %q", got, want)
	}
}

// TestQuitSavesLikeClosing: File > Quit (Ctrl+Q) goes through the same
// close as the window's close button, so a note being typed is kept.
func TestQuitSavesLikeClosing(t *testing.T) {
	u, lib, _ := openTestArticle(t)
	var quit *fyne.MenuItem
	for _, it := range u.win.MainMenu().Items[0].Items {
		if it.IsQuit {
			quit = it
		}
	}
	if quit == nil {
		t.Fatal("the File menu has no Quit item")
	}
	sc, ok := quit.Shortcut.(*desktop.CustomShortcut)
	if !ok || sc.KeyName != fyne.KeyQ || sc.Modifier != fyne.KeyModifierShortcutDefault {
		t.Errorf("Quit's shortcut = %#v, want Ctrl+Q", quit.Shortcut)
	}
	test.Type(u.notes.note, "typed before quitting")
	quit.Action()
	if got, want := lib.notes[7], "typed before quitting"; got != want {
		t.Errorf("article note after Quit = %q, want %q", got, want)
	}
}

func TestTagEditorAddsAndRemoves(t *testing.T) {
	u, lib, _ := openTestArticle(t)
	test.Type(u.notes.tagEntry, "eco")
	if got, want := u.notes.completions, []string{"economics"}; !slices.Equal(got, want) {
		t.Errorf("completions for %q = %q, want %q", "eco", got, want)
	}
	u.notes.tagEntry.SetText("economics, reading")
	u.notes.tagEntry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if got, want := lib.article.Tags, []string{"economics", "essays", "reading"}; !slices.Equal(got, want) {
		t.Fatalf("stored tags = %q, want %q", got, want)
	}
	if got := texts(u.notes.tags); !slices.Contains(got, "reading") {
		t.Errorf("tag chips = %q, want reading among them", got)
	}
	if got, want := u.library.items[0].Tags, []string{"economics", "essays", "reading"}; !slices.Equal(got, want) {
		t.Errorf("list row tags = %q, want %q", got, want)
	}

	// The chip's ✕ is the button next to its label.
	var remove *widget.Button
	for _, chip := range u.notes.tags.Objects {
		if slices.Contains(texts(chip), "essays") {
			walk(chip, func(o fyne.CanvasObject) {
				if b, ok := o.(*widget.Button); ok {
					remove = b
				}
			})
		}
	}
	if remove == nil {
		t.Fatalf("no remove button on the essays chip in %q", texts(u.notes.tags))
	}
	test.Tap(remove)
	if got, want := lib.article.Tags, []string{"economics", "reading"}; !slices.Equal(got, want) {
		t.Errorf("stored tags after removing = %q, want %q", got, want)
	}
}

func TestOrphanedHighlightsHaveTheirOwnSection(t *testing.T) {
	lib := newArticleLib()
	lib.highlights = append(lib.highlights, storage.Highlight{ID: 2, ArticleID: 7, Quote: "gone now", Orphaned: true, Color: storage.Pink})
	u, _ := newTestUI(t, lib, nil)
	u.openArticle(7)
	if got := len(u.notes.hlBox.Objects); got != 1 {
		t.Errorf("placed highlights shown = %d, want 1", got)
	}
	if got := len(u.notes.orphBox.Objects); got != 1 || !u.notes.orphTitle.Visible() {
		t.Errorf("orphaned section shows %d (title visible %v), want 1", got, u.notes.orphTitle.Visible())
	}
}
