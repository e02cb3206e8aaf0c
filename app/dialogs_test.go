package app

import (
	"context"
	"errors"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"app.margin/margin/export"
	"app.margin/margin/storage"
)

// pressKey delivers a key as the desktop driver does: to the focused
// widget, else to the window's canvas (a dialog's buttons are not focused
// when it opens).
func pressKey(w fyne.Window, name fyne.KeyName) {
	c := w.Canvas()
	if f := c.Focused(); f != nil {
		f.TypedKey(&fyne.KeyEvent{Name: name})
		return
	}
	c.OnTypedKey()(&fyne.KeyEvent{Name: name})
}

func TestDialogsTakeEscapeAndEnter(t *testing.T) {
	t.Run("a notice closes with either key", func(t *testing.T) {
		for _, key := range []fyne.KeyName{fyne.KeyEscape, fyne.KeyReturn, fyne.KeyEnter} {
			u, _ := newTestUI(t, newArticleLib(), &fakeClipper{})
			u.showError("Couldn't save the note", errors.New("disk full"))
			if u.win.Canvas().Overlays().Top() == nil {
				t.Fatal("no dialog shown")
			}
			pressKey(u.win, key)
			if top := u.win.Canvas().Overlays().Top(); top != nil {
				t.Errorf("%s left the dialog open: %q", key, texts(top))
			}
		}
	})

	t.Run("a confirmation: Enter confirms, Escape cancels", func(t *testing.T) {
		for _, tc := range []struct {
			key     fyne.KeyName
			deleted bool
		}{{fyne.KeyEscape, false}, {fyne.KeyReturn, true}} {
			lib := newArticleLib()
			deleted := false
			lib.TrashFn = func(context.Context, []int64) (int, error) { deleted = true; return 1, nil }
			u, _ := newTestUI(t, lib, &fakeClipper{})
			u.confirmTrash([]storage.Summary{{ID: 7, Title: "Margins"}})
			pressKey(u.win, tc.key)
			if deleted != tc.deleted {
				t.Errorf("%s: deleted = %v, want %v", tc.key, deleted, tc.deleted)
			}
			if top := u.win.Canvas().Overlays().Top(); top != nil {
				t.Errorf("%s left the dialog open: %q", tc.key, texts(top))
			}
		}
	})

	t.Run("a progress dialog: Enter does not cancel, Escape does", func(t *testing.T) {
		u, clock := newTestUI(t, newArticleLib(), &fakeClipper{})
		var ctxSeen context.Context
		u.exportToDir = func(ctx context.Context, _ export.Library, _ string, _ export.Selection, _ export.Options, _ export.Progress) (export.Result, error) {
			ctxSeen = ctx
			return export.Result{}, ctx.Err()
		}
		clock.Hold()
		u.runExport(export.Selection{}, export.Options{}, t.TempDir(), true)
		pressKey(u.win, fyne.KeyReturn)
		if len(u.modals) != 1 {
			t.Fatalf("Enter closed the progress dialog (%d dialogs)", len(u.modals))
		}
		pressKey(u.win, fyne.KeyEscape)
		clock.Flush()
		if ctxSeen == nil || ctxSeen.Err() == nil {
			t.Error("Escape did not cancel the export")
		}
	})

	t.Run("keys do not reach the window under a dialog", func(t *testing.T) {
		lib := newArticleLib()
		marked := 0
		lib.SetUnreadFn = func(context.Context, int64, bool) error { marked++; return nil }
		u, _ := newTestUI(t, lib, &fakeClipper{})
		u.openArticle(7)
		u.showNotice(dialog.NewCustom("Settings", "Close", widget.NewLabel("…"), u.win))
		u.win.Canvas().OnTypedRune()('m')
		if marked != 0 {
			t.Error("M under a dialog marked the article")
		}
		pressKey(u.win, fyne.KeyEscape)
		u.win.Canvas().OnTypedRune()('m')
		if marked != 1 {
			t.Errorf("M with the dialog closed marked the article %d times, want 1", marked)
		}
	})
}

// TestFormDialogsTakeEscapeAndEnterInTheirField: a dialog that asks for a
// word has its field focused, which takes every key: Enter there submits
// the form and Escape cancels it.
func TestFormDialogsTakeEscapeAndEnterInTheirField(t *testing.T) {
	for _, tc := range []struct {
		key    fyne.KeyName
		tagged bool
	}{{fyne.KeyEscape, false}, {fyne.KeyReturn, true}} {
		lib := newArticleLib()
		var tagged []string
		lib.AddTagManyFn = func(_ context.Context, ids []int64, name string) ([]int64, error) {
			tagged = append(tagged, name)
			return ids, nil
		}
		u, _ := newTestUI(t, lib, &fakeClipper{})
		u.askTag([]storage.Summary{{ID: 7, Title: "Margins"}})
		f, ok := u.win.Canvas().Focused().(*dialogSelectEntry)
		if !ok {
			t.Fatalf("focused %T, want the dialog's field", u.win.Canvas().Focused())
		}
		test.Type(f, "later")
		pressKey(u.win, tc.key)
		if got := len(tagged) > 0; got != tc.tagged {
			t.Errorf("%s: tagged %q, want tagged %v", tc.key, tagged, tc.tagged)
		}
		if top := u.win.Canvas().Overlays().Top(); top != nil {
			t.Errorf("%s left the dialog open: %q", tc.key, texts(top))
		}
	}
}
