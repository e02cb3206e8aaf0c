package app

import (
	"context"
	"slices"
	"testing"

	"fyne.io/fyne/v2/test"
)

// TestManageTagsRenameMergeDeleteWithUndo: Edit > Manage Tags… renames a
// tag on every article, merges one into another after asking, deletes one
// after asking; the counts in the dialog and the list's tag choices follow
// each step, and Ctrl+Z takes each back.
func TestManageTagsRenameMergeDeleteWithUndo(t *testing.T) {
	lib := openRealLibrary(t)
	ctx := context.Background()
	ids := fourArticles(t, lib)
	for title, tags := range map[string][]string{"A": {"fruit", "red"}, "B": {"fruit", "yellow"}, "C": {"red"}} {
		if err := lib.AddTags(ctx, ids[title], tags...); err != nil {
			t.Fatal(err)
		}
	}
	u, _ := newTestUI(t, lib, nil)
	menuAction(t, u, "Manage Tags…")()
	if u.tagsView == nil {
		t.Fatal("Manage Tags… opened nothing")
	}
	shows := func(step string, want ...string) {
		t.Helper()
		var dlg []string
		for _, tg := range u.tagsView.tags {
			dlg = append(dlg, texts(u.tagsView.rows[tg.Name])[0])
		}
		if !slices.Equal(dlg, want) {
			t.Errorf("%s: the dialog lists %q, want %q", step, dlg, want)
		}
		if got := u.library.tag.Options[1:]; !slices.Equal(got, want) {
			t.Errorf("%s: the list's tag choices are %q, want %q", step, got, want)
		}
	}
	// act taps label in the row of tag, fills in the name when asked, and
	// confirms with ok.
	act := func(tag, label, name, ok string) {
		t.Helper()
		test.Tap(button(t, u.tagsView.rows[tag], label))
		if name != "" {
			e, ok := u.win.Canvas().Focused().(*dialogEntry)
			if !ok {
				t.Fatal("no name to type into")
			}
			e.SetText(name)
			test.Tap(button(t, u.win.Canvas().Overlays().Top(), "Rename"))
		}
		if ok != "" {
			test.Tap(button(t, u.win.Canvas().Overlays().Top(), ok))
		}
	}
	tagged := func(name string) []int64 {
		got, err := lib.TaggedIDs(ctx, name)
		if err != nil {
			t.Fatal(err)
		}
		return got
	}
	shows("opened", "fruit (2)", "red (2)", "yellow (1)")

	act("fruit", "Rename…", "Food", "")
	shows("renamed", "Food (2)", "red (2)", "yellow (1)")
	if got := tagged("food"); !slices.Equal(got, []int64{ids["A"], ids["B"]}) {
		t.Errorf("tagged Food: %v", got)
	}
	act("red", "Rename…", "food", "Merge")
	shows("merged", "Food (3)", "yellow (1)")
	typeShortcut(u, undoKeys)
	shows("merge undone", "Food (2)", "red (2)", "yellow (1)")
	if got := tagged("red"); !slices.Equal(got, []int64{ids["A"], ids["C"]}) {
		t.Errorf("tagged red after undoing the merge: %v", got)
	}
	if got := tagged("food"); !slices.Equal(got, []int64{ids["A"], ids["B"]}) {
		t.Errorf("tagged Food after undoing the merge: %v", got)
	}
	act("yellow", "Delete…", "", "Delete")
	shows("deleted", "Food (2)", "red (2)")
	typeShortcut(u, undoKeys)
	shows("delete undone", "Food (2)", "red (2)", "yellow (1)")
	typeShortcut(u, undoKeys)
	shows("rename undone", "fruit (2)", "red (2)", "yellow (1)")
}
