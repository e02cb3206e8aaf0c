package storage

import (
	"bytes"
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"time"

	"modernc.org/sqlite" // also registers the "sqlite" driver
	sqlite3 "modernc.org/sqlite/lib"
)

//go:embed migrations/*.sql
var migrationFS embed.FS

// applicationID is PRAGMA application_id of a Margin library ('MARG'), set by
// the first migration.
const applicationID = 0x4d415247

// sqliteHeader starts every SQLite 3 database file.
var sqliteHeader = []byte("SQLite format 3\x00")

// Library is an open library file. It is safe for concurrent use: one writer
// connection, a pool of readers.
type Library struct {
	Now func() time.Time // tests set it to control time

	path string
	// writer has exactly one connection and begins every transaction with
	// BEGIN IMMEDIATE, so writes queue in Go and never fail with SQLITE_BUSY
	// when a read-then-write transaction meets another writer.
	writer *sql.DB
	// readers is a pool of query_only connections; in WAL mode they never
	// wait for the writer.
	readers *sql.DB
}

// DefaultPath is the library file used when neither --library nor
// MARGIN_LIBRARY says otherwise: $XDG_DATA_HOME/margin/library.db when
// XDG_DATA_HOME is set, else ~/.local/share/margin/library.db on Linux and
// other Unix systems, ~/Library/Application Support/Margin/library.db on macOS
// and %AppData%\Margin\library.db on Windows.
func DefaultPath() (string, error) {
	if dir := os.Getenv("XDG_DATA_HOME"); filepath.IsAbs(dir) {
		return filepath.Join(dir, "margin", "library.db"), nil
	}
	switch runtime.GOOS {
	case "windows", "darwin", "ios":
		dir, err := os.UserConfigDir()
		if err != nil {
			return "", fmt.Errorf("library path: %w", err)
		}
		return filepath.Join(dir, "Margin", "library.db"), nil
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "", fmt.Errorf("library path: %w", err)
	}
	return filepath.Join(home, ".local", "share", "margin", "library.db"), nil
}

// Open opens (creating and migrating if needed) the library file at path.
// A file that is not a Margin library is refused with ErrNotLibrary and left
// untouched; a library written by a newer Margin is refused with ErrTooNew.
func Open(ctx context.Context, path string) (*Library, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, fmt.Errorf("open library: %w", err)
	}
	if err := os.MkdirAll(filepath.Dir(abs), 0o700); err != nil {
		return nil, fmt.Errorf("open library: %w", err)
	}
	if err := checkLibrary(ctx, abs); err != nil {
		return nil, err
	}
	l := &Library{path: abs}
	w, err := sql.Open("sqlite", dsn(abs, "_txlock=immediate"))
	if err != nil {
		return nil, fmt.Errorf("open library: %w", err)
	}
	w.SetMaxOpenConns(1)
	w.SetMaxIdleConns(1)
	w.SetConnMaxLifetime(0)
	w.SetConnMaxIdleTime(0)
	l.writer = w
	if err := l.migrate(ctx); err != nil {
		w.Close()
		return nil, err
	}
	r, err := sql.Open("sqlite", dsn(abs, "_pragma=query_only(1)"))
	if err != nil {
		w.Close()
		return nil, fmt.Errorf("open library: %w", err)
	}
	r.SetMaxOpenConns(max(4, runtime.NumCPU()))
	r.SetMaxIdleConns(max(4, runtime.NumCPU()))
	if err := r.PingContext(ctx); err != nil {
		r.Close()
		w.Close()
		return nil, fmt.Errorf("open library: %w", err)
	}
	l.readers = r
	return l, nil
}

// dsn is the modernc URI for path with the connection pragmas and the given
// extra parameters. The path is escaped, so names with ?, # or % work.
func dsn(path string, extra ...string) string {
	params := append([]string{"_pragma=busy_timeout(5000)", "_pragma=foreign_keys(1)",
		"_pragma=journal_mode(WAL)", "_pragma=synchronous(NORMAL)"}, extra...)
	p := filepath.ToSlash(path)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p // C:/x on Windows
	}
	u := url.URL{Scheme: "file", Path: p, OmitHost: true}
	return u.String() + "?" + strings.Join(params, "&")
}

// checkLibrary refuses an existing file that is not a Margin library before
// anything is written to it: not an SQLite file, or an SQLite database that
// another application made. It reads the file only.
func checkLibrary(ctx context.Context, path string) error {
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("open library: %w", err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return fmt.Errorf("open library: %w", err)
	}
	if st.IsDir() {
		return fmt.Errorf("%w: %s is a directory", ErrNotLibrary, path)
	}
	head := make([]byte, len(sqliteHeader))
	n, err := io.ReadFull(f, head)
	if n == 0 && err == io.EOF {
		return nil // an empty file becomes a new library
	}
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) {
		return fmt.Errorf("open library: %w", err)
	}
	if !bytes.Equal(head[:n], sqliteHeader) {
		return fmt.Errorf("%w: %s is not an SQLite database", ErrNotLibrary, path)
	}

	probe, err := sql.Open("sqlite", dsnReadOnly(path))
	if err != nil {
		return fmt.Errorf("open library: %w", err)
	}
	defer probe.Close()
	var appID, objects int
	if err := probe.QueryRowContext(ctx, "PRAGMA application_id").Scan(&appID); err != nil {
		return openErr(path, err)
	}
	if err := probe.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_schema").Scan(&objects); err != nil {
		return openErr(path, err)
	}
	switch {
	case appID != 0 && appID != applicationID:
		return fmt.Errorf("%w: %s belongs to another application", ErrNotLibrary, path)
	case appID == 0 && objects > 0:
		return fmt.Errorf("%w: %s is an SQLite database of another application", ErrNotLibrary, path)
	}
	return nil
}

// dsnReadOnly opens path for a look that cannot change it: no journal mode
// switch, no writes.
func dsnReadOnly(path string) string {
	uri, _, _ := strings.Cut(dsn(path), "?")
	return uri + "?_pragma=busy_timeout(5000)&_pragma=query_only(1)"
}

// migration is one embedded schema file, NNN_name.sql, taking the library to
// user_version NNN.
type migration struct {
	version int
	name    string
	sql     string
}

func migrations() ([]migration, error) {
	names, err := fs.Glob(migrationFS, "migrations/*.sql")
	if err != nil {
		return nil, err
	}
	var ms []migration
	for _, name := range names {
		base := filepath.Base(name)
		num, _, ok := strings.Cut(base, "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil || v <= 0 {
			return nil, fmt.Errorf("migration %s: name must start with a positive number and _", base)
		}
		b, err := migrationFS.ReadFile(name)
		if err != nil {
			return nil, err
		}
		ms = append(ms, migration{version: v, name: base, sql: string(b)})
	}
	sort.Slice(ms, func(i, j int) bool { return ms[i].version < ms[j].version })
	for i, m := range ms {
		if m.version != i+1 {
			return nil, fmt.Errorf("migration %s: expected version %d", m.name, i+1)
		}
	}
	return ms, nil
}

// migrate applies the migrations the library lacks, each in one
// transaction that also sets user_version.
func (l *Library) migrate(ctx context.Context) error {
	ms, err := migrations()
	if err != nil {
		return fmt.Errorf("open library: %w", err)
	}
	conn, err := l.writer.Conn(ctx)
	if err != nil {
		return openErr(l.path, err)
	}
	defer conn.Close()
	var version int
	if err := conn.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
		return openErr(l.path, err)
	}
	if version > len(ms) {
		return fmt.Errorf("%w: %s is at schema version %d, this Margin knows up to %d",
			ErrTooNew, l.path, version, len(ms))
	}
	for _, m := range ms[version:] {
		if err := applyMigration(ctx, conn, m); err != nil {
			return fmt.Errorf("open library: migration %s: %w", m.name, err)
		}
	}
	return nil
}

func applyMigration(ctx context.Context, conn *sql.Conn, m migration) (err error) {
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			tx.Rollback()
		}
	}()
	if _, err := tx.ExecContext(ctx, m.sql); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", m.version)); err != nil {
		return err
	}
	return tx.Commit()
}

// openErr wraps an error from the first statements on a file: SQLite's
// "file is not a database" (a damaged or encrypted file) becomes ErrNotLibrary.
func openErr(path string, err error) error {
	if strings.Contains(err.Error(), "not a database") {
		return fmt.Errorf("%w: %s: %w", ErrNotLibrary, path, err)
	}
	return fmt.Errorf("open library: %w", err)
}

// Path is the library file's absolute path.
func (l *Library) Path() string { return l.path }

// Close closes the library.
func (l *Library) Close() error {
	return errors.Join(l.readers.Close(), l.writer.Close())
}

// now is the library's clock in UTC.
func (l *Library) now() time.Time {
	if l.Now != nil {
		return l.Now().UTC()
	}
	return time.Now().UTC()
}

// writeWait is how long a write waits for another process (a CLI command
// while the app is open) to finish writing before it gives up.
const writeWait = time.Minute

// write runs fn in one immediate transaction on the writer connection:
// either everything fn did is committed or nothing is.
func (l *Library) write(ctx context.Context, fn func(tx *sql.Tx) error) (err error) {
	tx, err := l.begin(ctx)
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			tx.Rollback()
		}
	}()
	if err := fn(tx); err != nil {
		return err
	}
	return tx.Commit()
}

// begin starts an immediate transaction. Writers in this process queue for
// the one writer connection; a writer in another process is waited for by
// busy_timeout, and BEGIN IMMEDIATE is tried again while that process keeps
// the lock (SQLite's busy handler sleeps, so a busy writer elsewhere can win
// the lock many times in a row), up to writeWait. Retrying is safe: nothing
// has happened in a transaction whose BEGIN failed.
func (l *Library) begin(ctx context.Context) (*sql.Tx, error) {
	deadline := time.Now().Add(writeWait)
	for {
		tx, err := l.writer.BeginTx(ctx, nil)
		if !isBusy(err) || time.Now().After(deadline) || ctx.Err() != nil {
			return tx, err
		}
	}
}

// isBusy reports whether err is SQLite's "database is locked".
func isBusy(err error) bool {
	var e *sqlite.Error
	return errors.As(err, &e) && e.Code()&0xff == sqlite3.SQLITE_BUSY
}

// read runs fn in one read transaction on the reader pool, so that what fn
// reads in several statements is one consistent snapshot.
func (l *Library) read(ctx context.Context, fn func(tx *sql.Tx) error) error {
	tx, err := l.readers.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	return fn(tx)
}
