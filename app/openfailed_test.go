package app

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"app.margin/margin/storage"
)

// openReal is what main.go gives OpenFailed: open the library file and
// report whether it opened.
func openReal(t *testing.T, opened *[]string) func(path string, done func(error)) {
	return func(path string, done func(error)) {
		lib, err := storage.Open(context.Background(), path)
		if err != nil {
			done(err)
			return
		}
		t.Cleanup(func() { lib.Close() })
		*opened = append(*opened, path)
		done(nil)
	}
}

// TestOpenFailedSaysWhyAndOpensAnother: a damaged file, a newer library and
// a folder are each refused with their reason in the window, nothing is
// written to them, and choosing or creating another library opens it and
// closes the window (issue 10).
func TestOpenFailedSaysWhyAndOpensAnother(t *testing.T) {
	dir := t.TempDir()
	damaged := filepath.Join(dir, "damaged.db")
	junk := []byte("SQLite format 3\x00 but then nothing a database has")
	if err := os.WriteFile(damaged, junk, 0o600); err != nil {
		t.Fatal(err)
	}
	newer := filepath.Join(dir, "newer.db")
	lib, err := storage.Open(context.Background(), newer)
	if err != nil {
		t.Fatal(err)
	}
	lib.Close()
	// What a newer Margin leaves: a schema version beyond ours.
	if err := bumpUserVersion(newer); err != nil {
		t.Fatal(err)
	}

	tests := []struct {
		name, path string
		want       string // in the reason shown
	}{
		{"damaged file", damaged, "not a Margin library, or it is damaged"},
		{"newer version", newer, "newer version of Margin"},
		{"a folder", dir, "not a Margin library"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a := test.NewTempApp(t)
			_, err := storage.Open(context.Background(), tc.path)
			if err == nil {
				t.Fatalf("storage.Open(%s) succeeded, want an error", tc.path)
			}
			var opened []string
			f := newOpenFailed(a, tc.path, err, openReal(t, &opened))
			f.win.Show()
			if got := f.reason.Text; !strings.Contains(got, tc.want) {
				t.Errorf("reason %q, want it to say %q", got, tc.want)
			}
			if got := f.path.Text; got != tc.path {
				t.Errorf("path shown %q, want %q", got, tc.path)
			}

			// Choosing the damaged file again says why again; the window stays.
			f.pickLibrary = func(done func(string)) { done(damaged) }
			tapIn(t, f.win, "Choose Another Library…")
			if !strings.Contains(f.reason.Text, "damaged") || len(opened) != 0 {
				t.Errorf("after choosing the damaged file: reason %q, opened %v", f.reason.Text, opened)
			}
			if !slices.Contains(a.Driver().AllWindows(), f.win) {
				t.Fatal("the window closed although no library opened")
			}

			// Creating a new library in a fresh folder opens it and closes the window.
			fresh := filepath.Join(t.TempDir(), "new folder")
			if err := os.Mkdir(fresh, 0o700); err != nil {
				t.Fatal(err)
			}
			f.pickFolder = func(done func(string)) { done(fresh) }
			tapIn(t, f.win, "Create a New Library…")
			if want := []string{filepath.Join(fresh, newLibraryName)}; !slices.Equal(opened, want) {
				t.Errorf("opened %v, want %v", opened, want)
			}
			if slices.Contains(a.Driver().AllWindows(), f.win) {
				t.Error("the window is still open after a library opened")
			}
		})
	}
	if got, err := os.ReadFile(damaged); err != nil || string(got) != string(junk) {
		t.Errorf("the damaged file was changed: %q, %v", got, err)
	}
}

// TestOpenFailedQuit closes the window (and with it the app, its only one).
func TestOpenFailedQuit(t *testing.T) {
	a := test.NewTempApp(t)
	f := newOpenFailed(a, "/x/library.db", storage.ErrTooNew, func(string, func(error)) { t.Error("open called") })
	f.win.Show()
	tapIn(t, f.win, "Quit")
	if slices.Contains(a.Driver().AllWindows(), f.win) {
		t.Error("Quit left the window open")
	}
}

func tapIn(t *testing.T, w fyne.Window, label string) {
	t.Helper()
	test.Tap(button(t, w.Content(), label))
}

// bumpUserVersion sets the schema version of the library at path far beyond
// this Margin's (the sqlite driver is registered by package storage).
func bumpUserVersion(path string) error {
	db, err := sql.Open("sqlite", path)
	if err != nil {
		return err
	}
	defer db.Close()
	_, err = db.Exec("PRAGMA user_version = 9999")
	return err
}
