package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// Backup writes a consistent copy of the library to path (VACUUM INTO), even
// while the app has it open. It refuses to overwrite an existing file
// (fs.ErrExist), and leaves no partial file at path when it fails: the copy is
// written beside path and moved into place when complete.
func (l *Library) Backup(ctx context.Context, path string) error {
	abs, err := filepath.Abs(path)
	if err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	errExists := fmt.Errorf("backup: %s: %w (choose a new file name)", abs, fs.ErrExist)
	if _, err := os.Lstat(abs); err == nil {
		return errExists
	}
	tmp, err := os.CreateTemp(filepath.Dir(abs), "."+filepath.Base(abs)+".*.partial")
	if err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	tmpName := tmp.Name()
	tmp.Close()
	defer os.Remove(tmpName)
	// VACUUM INTO wants a new or empty file; the temp file is empty. It runs
	// on a connection of its own: it reads one snapshot and does not hold up
	// the writer, and the query_only readers may not run it.
	source := dsn(l.path)
	if l.readOnly != "" {
		// not query_only, which refuses VACUUM INTO; mode=ro keeps the
		// library itself unwritten
		source = readOnlyURI(l.path)
	}
	db, err := sql.Open("sqlite", source)
	if err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	defer db.Close()
	if _, err := db.ExecContext(ctx, `VACUUM INTO ?`, tmpName); err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	// Link refuses an existing target, so a file created at path meanwhile is
	// never replaced.
	if err := os.Link(tmpName, abs); err != nil {
		if errors.Is(err, fs.ErrExist) {
			return errExists
		}
		// File systems without hard links (FAT on a USB stick).
		if _, statErr := os.Lstat(abs); statErr == nil {
			return errExists
		}
		if err := os.Rename(tmpName, abs); err != nil {
			return fmt.Errorf("backup: %w", err)
		}
	}
	return nil
}
