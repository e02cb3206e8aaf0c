package storage

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// closedLibrary makes a library with two articles at a new path and closes
// it, as a library is found on disk: no -wal or -shm beside it.
func closedLibrary(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "lib", "library.db")
	l, err := Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	mustSave(t, l, testArticle("https://example.com/a", "readable prose about 大模型"))
	mustSave(t, l, testArticle("https://example.com/b", "another"))
	must(t, l.Close())
	assertNothingBeside(t, path)
	return path
}

// assertNothingBeside fails unless path stands alone in its folder.
func assertNothingBeside(t *testing.T, path string) {
	t.Helper()
	entries, err := os.ReadDir(filepath.Dir(path))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if e.Name() != filepath.Base(path) {
			t.Errorf("%s left beside the library", e.Name())
		}
	}
}

// readAll lists, searches, gets and backs up l, failing on any error.
func readAll(t *testing.T, l *Library) {
	t.Helper()
	ctx := context.Background()
	p, err := l.List(ctx, ListOptions{})
	if err != nil || len(p.Items) != 2 {
		t.Fatalf("List = %d items, %v; want 2", len(p.Items), err)
	}
	hits, err := l.Search(ctx, SearchOptions{Query: "大模型"})
	if err != nil || len(hits) != 1 {
		t.Fatalf("Search = %d hits, %v; want 1", len(hits), err)
	}
	if _, err := l.Get(ctx, hits[0].ID); err != nil {
		t.Fatalf("Get: %v", err)
	}
	if _, err := l.Tags(ctx); err != nil {
		t.Fatalf("Tags: %v", err)
	}
}

// assertWritesRefused checks that every kind of write says the library is
// read-only, in words that name the file.
func assertWritesRefused(t *testing.T, l *Library) {
	t.Helper()
	ctx := context.Background()
	_, _, saveErr := l.Save(ctx, testArticle("https://example.com/c", "new"))
	for name, err := range map[string]error{
		"Save":        saveErr,
		"SetNote":     l.SetNote(ctx, 1, "note"),
		"AddTags":     l.AddTags(ctx, 1, "t"),
		"Delete":      l.Delete(ctx, 1),
		"SetFavorite": l.SetFavorite(ctx, 1, true),
	} {
		if !errors.Is(err, ErrReadOnly) || !strings.Contains(err.Error(), l.Path()) {
			t.Errorf("%s on a read-only library: %v, want ErrReadOnly naming %s", name, err, l.Path())
		}
	}
}

func TestOpenReadOnly(t *testing.T) {
	path := closedLibrary(t)
	before, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	l, err := OpenReadOnly(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	if l.ReadOnly() == "" {
		t.Error("ReadOnly() = \"\", want a reason")
	}
	readAll(t, l)
	assertWritesRefused(t, l)
	backup := filepath.Join(t.TempDir(), "copy.db")
	if err := l.Backup(context.Background(), backup); err != nil {
		t.Errorf("Backup of a read-only library: %v", err)
	}
	assertNothingBeside(t, path) // immutable: not even a -shm while open
	must(t, l.Close())
	after, _ := os.ReadFile(path)
	if !bytes.Equal(before, after) {
		t.Error("reading a read-only library changed its file")
	}
	assertNothingBeside(t, path)
	// Opened for writing later, it works: nothing read-only was left behind.
	w := mustOpenPath(t, path)
	mustSave(t, w, testArticle("https://example.com/c", "later"))
}

// TestOpenDetectsReadOnly plays a user who may not write the file or its
// folder (the tests may run as root, whom no file mode stops): Open then
// reads without writing anything, and refuses writes clearly.
func TestOpenDetectsReadOnly(t *testing.T) {
	for _, tc := range []struct {
		name, deny, reason string
	}{
		{"file", "library.db", "the file is read-only"},
		{"folder", "lib", "its folder is read-only"},
		{"shm", "library.db-shm", "its library.db-shm file is read-only"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := closedLibrary(t)
			if tc.name == "shm" {
				// left behind by an older Margin that read a read-only file
				must(t, os.WriteFile(path+"-shm", nil, 0o444))
			}
			denied := filepath.Join(filepath.Dir(filepath.Dir(path)), "lib")
			if tc.deny != "lib" {
				denied = filepath.Join(filepath.Dir(path), tc.deny)
			}
			canWrite = func(p string) bool { return p != denied && writable(p) }
			t.Cleanup(func() { canWrite = writable })
			before, _ := os.ReadFile(path)
			l, err := Open(context.Background(), path)
			if err != nil {
				t.Fatal(err)
			}
			defer l.Close()
			if got := l.ReadOnly(); got != tc.reason {
				t.Errorf("ReadOnly() = %q, want %q", got, tc.reason)
			}
			readAll(t, l)
			assertWritesRefused(t, l)
			if after, _ := os.ReadFile(path); !bytes.Equal(before, after) {
				t.Error("reading changed the file")
			}
			for _, suffix := range []string{"-wal", "-journal"} {
				if _, err := os.Stat(path + suffix); err == nil {
					t.Errorf("%s left beside a read-only library", suffix)
				}
			}
		})
	}
}

func TestOpenReadOnlyFolderNewLibrary(t *testing.T) {
	dir := t.TempDir()
	canWrite = func(p string) bool { return p != dir && writable(p) }
	t.Cleanup(func() { canWrite = writable })
	_, err := Open(context.Background(), filepath.Join(dir, "new.db"))
	if !errors.Is(err, ErrReadOnly) {
		t.Errorf("Open of a new library in a read-only folder: %v, want ErrReadOnly", err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("%d files left in the read-only folder", len(entries))
	}
}

// TestReadOnlySeesUncheckpointedWrites opens a library read-only while
// another connection has written to it and not checkpointed: the changes in
// the -wal file are read, not skipped as immutable mode would.
func TestReadOnlySeesUncheckpointedWrites(t *testing.T) {
	ctx := context.Background()
	path := closedLibrary(t)
	w := mustOpenPath(t, path)
	if _, err := w.writer.ExecContext(ctx, "PRAGMA wal_autocheckpoint = 0"); err != nil {
		t.Fatal(err)
	}
	id := mustSave(t, w, testArticle("https://example.com/new", "fresh words"))
	r, err := OpenReadOnly(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	if _, err := r.Get(ctx, id); err != nil {
		t.Errorf("Get of an article in the -wal file: %v", err)
	}
}

func TestOpenReadOnlyRefusesOldLibrary(t *testing.T) {
	ms, err := migrations()
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "v1.db")
	handMade(t, path, ms[0].sql+"; PRAGMA user_version = 1")
	before, _ := os.ReadFile(path)
	_, err = OpenReadOnly(context.Background(), path)
	if !errors.Is(err, ErrReadOnly) || !strings.Contains(err.Error(), "needs upgrading") {
		t.Errorf("OpenReadOnly of a version-1 library: %v, want ErrReadOnly saying it needs upgrading", err)
	}
	if after, _ := os.ReadFile(path); !bytes.Equal(before, after) {
		t.Error("OpenReadOnly changed the file")
	}
}

// TestChmodReadOnly is the real thing, which only a user who is not root
// can see: a library file mode 0444, then its folder 0555.
func TestChmodReadOnly(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root may write any file: TestOpenDetectsReadOnly covers this with injected permissions")
	}
	path := closedLibrary(t)
	for _, target := range []string{path, filepath.Dir(path)} {
		mode := os.FileMode(0o444)
		if target != path {
			mode = 0o555
		}
		must(t, os.Chmod(target, mode))
		l, err := Open(context.Background(), path)
		if err != nil {
			t.Fatal(err)
		}
		readAll(t, l)
		assertWritesRefused(t, l)
		must(t, l.Close())
		must(t, os.Chmod(target, mode|0o200))
		assertNothingBeside(t, path)
		w := mustOpenPath(t, path)
		must(t, w.SetNote(context.Background(), 1, "written after"))
		must(t, w.Close())
	}
}
