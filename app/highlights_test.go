package app

import (
	"context"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"app.margin/margin/storage"
)

func TestDeleteRemovesAHighlightAndUndoRestoresIt(t *testing.T) {
	u, lib, _ := openTestArticle(t)
	test.Tap(u.notes.cards[1])
	if got := u.selected; got != 1 {
		t.Fatalf("selected highlight = %d, want 1 after tapping its card", got)
	}
	u.win.Canvas().Focus(u.reader) // as after a click in the article
	u.reader.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDelete})
	if n := len(lib.highlights); n != 0 {
		t.Fatalf("%d highlights stored after Delete, want 0", n)
	}
	if _, ok := u.notes.cards[1]; ok {
		t.Error("the deleted highlight's card is still shown")
	}
	if got := u.snack.label.Text; got != "Highlight deleted" {
		t.Errorf("news = %q, want the deletion with an undo", got)
	}
	test.Tap(u.snack.action)
	if n := len(lib.highlights); n != 1 {
		t.Fatalf("%d highlights after Undo, want 1", n)
	}
	h := lib.highlights[0]
	if h.Start != 4 || h.End != 13 || h.Color != storage.Yellow || h.Note != "first" {
		t.Errorf("restored highlight = %+v, want 4..13 yellow with its note", h)
	}
	if _, ok := u.notes.cards[h.ID]; !ok {
		t.Error("the restored highlight has no card")
	}
}

func TestHighlightingTheSelectionStoresIt(t *testing.T) {
	u, lib, _ := openTestArticle(t)
	u.addHighlight(24, 31, storage.Green)
	if n := len(lib.highlights); n != 2 {
		t.Fatalf("%d highlights stored, want 2", n)
	}
	if got := lib.highlights[1]; got.Quote != "Another" || got.Color != storage.Green {
		t.Errorf("stored highlight = %+v, want Another in green", got)
	}
	if u.selected != lib.highlights[1].ID {
		t.Errorf("selected = %d, want the new highlight %d", u.selected, lib.highlights[1].ID)
	}
	if got := u.prefs.String(prefColor); got != "green" {
		t.Errorf("remembered colour = %q, want green", got)
	}
}

func TestHUsesTheChosenColour(t *testing.T) {
	lib := openRealLibrary(t)
	id := saveParsed(t, lib, twoParagraphPage("en", "Colours", enPara1, enPara2), "https://example.com/colours")
	u, _ := newTestUI(t, lib, nil)
	u.openArticle(id)
	test.Tap(u.toolbar.swatches[3]) // pink, with nothing selected yet
	u.reader.Select(0, 7)
	u.win.Canvas().Focus(u.reader)
	test.TypeOnCanvas(u.win.Canvas(), "h")
	hs, err := lib.Highlights(context.Background(), id)
	if err != nil || len(hs) != 1 {
		t.Fatalf("highlights = %+v, %v; want one (dialog %q)", hs, err, topDialogTexts(u.win))
	}
	if got := hs[0].Color; got != storage.Pink {
		t.Errorf("H highlighted in %q, want the chosen pink", got)
	}
}

// TestCtrlZUndoesAHighlightDeletion: Ctrl+Z in the reader puts a deleted
// highlight back, Ctrl+Shift+Z deletes it again (under the id it came back
// with), and Ctrl+Z once more restores it.
func TestCtrlZUndoesAHighlightDeletion(t *testing.T) {
	u, lib, _ := openTestArticle(t)
	test.Tap(u.notes.cards[1])
	u.win.Canvas().Focus(u.reader)
	u.reader.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDelete})
	for i, step := range []struct {
		keys fyne.Shortcut
		want int
	}{{undoKeys, 1}, {redoKeys, 0}, {undoKeys, 1}, {undoKeys, 1}} {
		typeShortcut(u, step.keys)
		if n := len(lib.highlights); n != step.want {
			t.Fatalf("step %d (%s): %d highlights, want %d", i, step.keys.ShortcutName(), n, step.want)
		}
		if n := len(u.notes.cards); n != step.want {
			t.Errorf("step %d: %d cards shown, want %d", i, n, step.want)
		}
	}
	if h := lib.highlights[0]; h.Note != "first" || h.Start != 4 || h.End != 13 {
		t.Errorf("restored highlight = %+v, want 4..13 with its note", h)
	}
	if got := u.snack.label.Text; got != "Nothing to undo" {
		t.Errorf("news after undoing past the start = %q", got)
	}
}
