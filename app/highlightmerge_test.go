package app

import (
	"context"
	"testing"

	"fyne.io/fyne/v2/test"
)

// TestOverlappingHighlightsMerge highlights two overlapping passages of an
// article in a real library: the second merges with the first, so one
// highlight in the second colour is stored and drawn, and the snackbar
// says so.
func TestOverlappingHighlightsMerge(t *testing.T) {
	lib := openRealLibrary(t)
	id := saveParsed(t, lib, twoParagraphPage("en", "Overlaps", enPara1, enPara2), "https://example.com/overlaps")
	u, _ := newTestUI(t, lib, &fakeClipper{})
	u.openArticle(id)
	u.reader.Select(0, 12)
	test.Type(u.reader, "h")
	u.reader.Select(8, 27)
	test.Type(u.reader, "2")
	hs, err := lib.Highlights(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	if len(hs) != 1 || hs[0].Start != 0 || hs[0].End != 27 || hs[0].Color != "green" {
		t.Fatalf("stored %+v, want one green highlight over 0..27", hs)
	}
	if got := u.reader.Highlights(); len(got) != 1 {
		t.Errorf("the reader draws %d highlights, want 1", len(got))
	}
	if got, want := u.snack.label.Text, "Merged with the highlight it overlapped"; got != want {
		t.Errorf("snackbar %q, want %q", got, want)
	}
}
