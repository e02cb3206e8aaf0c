package storage

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
)

// DataVersion is a number that changes when a change to the library is
// committed by another connection: another process (the CLI, the browser
// connector's host) or another Open of the same file. This Library's own
// writes and all reads leave it as it was, so a window that polls it once a
// second reloads only for what others wrote, never for its own edits. Only
// compare values from the same Library: the number means nothing elsewhere.
//
// A check costs one PRAGMA, whatever the size of the library (see
// BenchmarkDataVersion); it reads no table.
func (l *Library) DataVersion(ctx context.Context) (int64, error) {
	if l.writer == nil {
		return l.fileVersion()
	}
	// SQLite's data_version is per connection and moves only for commits
	// made by other connections. The writer is the one connection every
	// write of this Library goes through, so asking it (rather than a
	// connection of its own) leaves out exactly this Library's writes. It
	// waits for a write of ours in progress; that is the change it would
	// not report anyway.
	var v int64
	if err := l.writer.QueryRowContext(ctx, "PRAGMA data_version").Scan(&v); err != nil {
		return 0, fmt.Errorf("library version: %w", err)
	}
	return v, nil
}

// fileVersion stands in for data_version on a read-only library, which has
// no connection of its own to ask (its readers are a pool, and each
// connection counts on its own): the size and modification time of the file
// and its -wal file, which only another process's writes (or checkpoints)
// change. A library opened immutable does not see those writes anyway, so a
// reload finds what it had.
func (l *Library) fileVersion() (int64, error) {
	var v int64
	for _, p := range []string{l.path, l.path + "-wal"} {
		st, err := os.Stat(p)
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				continue
			}
			return 0, fmt.Errorf("library version: %w", err)
		}
		v = v*31 + st.ModTime().UnixNano() + st.Size()
	}
	return v, nil
}
