package storage

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

func TestBackup(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "library.db")
	l := mustOpenPath(t, path)
	ctx := context.Background()
	id := mustSave(t, l, testArticle("https://example.com/b", "backed up text"))
	if err := l.AddTags(ctx, id, "备份"); err != nil {
		t.Fatal(err)
	}
	if _, err := l.HighlightQuote(ctx, id, "backed", 1, Blue, "n"); err != nil {
		t.Fatal(err)
	}
	// A second process-like handle on the same file, in the middle of a read.
	other := mustOpenPath(t, path)
	tx, err := other.readers.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	var n int
	if err := tx.QueryRow("SELECT count(*) FROM articles").Scan(&n); err != nil {
		t.Fatal(err)
	}

	backup := filepath.Join(dir, "backups", "copy.db")
	os.Mkdir(filepath.Dir(backup), 0o700)
	if err := l.Backup(ctx, backup); err != nil {
		t.Fatalf("Backup: %v", err)
	}
	// The library keeps working after the backup.
	mustSave(t, l, testArticle("https://example.com/after", "after"))

	b := mustOpenPath(t, backup)
	got, err := b.Get(ctx, id)
	if err != nil {
		t.Fatalf("Get from backup: %v", err)
	}
	if got.Text != "backed up text" || !reflect.DeepEqual(got.Tags, []string{"备份"}) {
		t.Errorf("backup article = %q %v", got.Text, got.Tags)
	}
	hs, err := b.Highlights(ctx, id)
	if err != nil || len(hs) != 1 || hs[0].Quote != "backed" {
		t.Errorf("backup highlights = %+v, %v", hs, err)
	}
	var integrity string
	b.readers.QueryRow("PRAGMA integrity_check").Scan(&integrity)
	if integrity != "ok" {
		t.Errorf("backup integrity_check = %q", integrity)
	}

	entries, _ := os.ReadDir(filepath.Dir(backup))
	for _, e := range entries {
		if e.Name() != "copy.db" && e.Name() != "copy.db-wal" && e.Name() != "copy.db-shm" {
			t.Errorf("backup left %s behind", e.Name())
		}
	}

	before, _ := os.ReadFile(backup)
	if err := l.Backup(ctx, backup); !errors.Is(err, fs.ErrExist) {
		t.Errorf("Backup over an existing file = %v, want fs.ErrExist", err)
	}
	after, _ := os.ReadFile(backup)
	if string(before) != string(after) {
		t.Error("refused Backup changed the existing file")
	}
	if err := l.Backup(ctx, filepath.Join(dir, "no", "such", "dir", "x.db")); err == nil {
		t.Error("Backup into a missing directory succeeded")
	}
}
