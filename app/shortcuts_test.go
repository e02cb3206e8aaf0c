package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
)

// TestEveryShortcutRunsFromTheTable fires every key and menu item of the
// shortcut table and checks that each reaches its own entry's handler:
// the menus and the key handlers are made from the table, so what the
// sheet lists is what runs.
func TestEveryShortcutRunsFromTheTable(t *testing.T) {
	u, _ := newTestUI(t, newArticleLib(), &fakeClipper{})
	ran := make([]int, len(u.shortcuts))
	want := make([]int, len(u.shortcuts))
	for i := range u.shortcuts {
		if u.shortcuts[i].run != nil {
			u.shortcuts[i].run = func() { ran[i]++ }
		}
	}
	c := u.win.Canvas()
	for i, sc := range u.shortcuts {
		if sc.run == nil {
			continue
		}
		for _, k := range sc.keys {
			want[i]++
			switch {
			case k.mod != 0:
				c.(fyne.Shortcutable).TypedShortcut(k.shortcut())
			case k.isRune():
				c.OnTypedRune()([]rune(strings.ToLower(string(k.key)))[0])
			default:
				pressKey(u.win, k.key)
			}
		}
	}
	items := 0
	var run func(m *fyne.Menu)
	run = func(m *fyne.Menu) {
		for _, it := range m.Items {
			switch {
			case it.ChildMenu != nil:
				run(it.ChildMenu)
			case !it.IsSeparator:
				items++
				it.Action()
			}
		}
	}
	for _, m := range u.win.MainMenu().Items {
		run(m)
	}
	for i, sc := range u.shortcuts {
		if sc.menu != "" && sc.label != "" {
			want[i]++
		}
		if ran[i] != want[i] {
			t.Errorf("%q (%s) ran %d times, want %d (once per key and menu item)", sc.label, sc.keysText(), ran[i], want[i])
		}
	}
	if items == 0 {
		t.Error("the main menu is empty")
	}
}

// TestShortcutSheet opens the sheet with F1 and Ctrl+/ and checks that it
// lists every shortcut of the table, keys and description, and that Ctrl+Q
// is among them.
func TestShortcutSheet(t *testing.T) {
	for _, open := range []string{"F1", "Ctrl+/"} {
		t.Run(open, func(t *testing.T) {
			u, _ := newTestUI(t, newArticleLib(), &fakeClipper{})
			if open == "F1" {
				pressKey(u.win, fyne.KeyF1)
			} else {
				u.win.Canvas().(fyne.Shortcutable).TypedShortcut(ctrl(fyne.KeySlash).shortcut())
			}
			top := u.win.Canvas().Overlays().Top()
			if top == nil {
				t.Fatal("no sheet shown")
			}
			sheet := strings.Join(texts(top), "\n")
			listed := 0
			for _, sc := range u.shortcuts {
				if len(sc.keys) == 0 {
					continue
				}
				listed++
				if !strings.Contains(sheet, sc.label) || !strings.Contains(sheet, sc.keysText()) {
					t.Errorf("the sheet lacks %q (%s)", sc.label, sc.keysText())
				}
			}
			for _, want := range []string{"Ctrl+Q", "Quit", "Ctrl+L", "Keyboard Shortcuts", "F1, Ctrl+/"} {
				if !strings.Contains(sheet, want) {
					t.Errorf("the sheet lacks %q", want)
				}
			}
			if listed < 20 {
				t.Errorf("the table has %d shortcuts with keys, want every menu key, H, M, 1-5…", listed)
			}
			pressKey(u.win, fyne.KeyEscape)
			if u.win.Canvas().Overlays().Top() != nil {
				t.Error("Escape did not close the sheet")
			}
		})
	}
}
