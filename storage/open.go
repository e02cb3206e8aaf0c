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
	"regexp"
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
	// QueryTimeout bounds each read: 0 means DefaultQueryTimeout, a
	// negative value no limit.
	QueryTimeout time.Duration

	path string
	// writer has exactly one connection and begins every transaction with
	// BEGIN IMMEDIATE, so writes queue in Go and never fail with SQLITE_BUSY
	// when a read-then-write transaction meets another writer.
	writer *sql.DB
	// readers is a pool of query_only connections; in WAL mode they never
	// wait for the writer.
	readers *sql.DB
	// readOnly says why the library cannot be written ("" when it can);
	// writer is then nil.
	readOnly string
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
// Nothing is written to an existing file before it is known to be a Margin
// library of a version this Margin reads: a file that is not one is refused
// with ErrNotLibrary and a library written by a newer Margin with ErrTooNew,
// both untouched. Any number of processes may open a new library at once.
// When the file, its folder or its -wal or -shm file cannot be written,
// the library is opened read-only, as by OpenReadOnly.
//
// Options may ask to hear how an upgrade of an older library goes
// (OnUpgrade).
func Open(ctx context.Context, path string, opts ...OpenOption) (*Library, error) {
	var cfg openConfig
	for _, o := range opts {
		o(&cfg)
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, fmt.Errorf("open library: %w", err)
	}
	dir := filepath.Dir(abs)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("open library: %w", err)
	}
	exists, err := checkFile(abs)
	if err != nil {
		return nil, err
	}
	if !exists {
		if !canWrite(dir) {
			return nil, fmt.Errorf("open library: %w: cannot create %s: the folder is read-only", ErrReadOnly, abs)
		}
		return openWritable(ctx, abs, cfg)
	}
	if reason := notWritable(abs); reason != "" {
		return openReadOnly(ctx, abs, reason)
	}
	return openWritable(ctx, abs, cfg)
}

// OpenReadOnly opens an existing library for reading only, writing nothing
// beside it: no -wal or -shm file is created (SQLite's immutable mode) unless
// a -wal file with changes in it is already there. Writes return ErrReadOnly.
// A library that needs migrating cannot be opened read-only.
func OpenReadOnly(ctx context.Context, path string) (*Library, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, fmt.Errorf("open library: %w", err)
	}
	exists, err := checkFile(abs)
	if err != nil {
		return nil, err
	}
	if !exists {
		return nil, fmt.Errorf("open library: %w", &fs.PathError{Op: "open", Path: abs, Err: fs.ErrNotExist})
	}
	return openReadOnly(ctx, abs, "opened read-only")
}

// canWrite reports whether path (a file or a folder) may be written by this
// process. A variable so that tests, which often run as root (whom no file
// mode stops), can play a user without the right.
var canWrite = writable

// notWritable says why the library at path cannot be written ("" when it
// can): SQLite writes the file and creates -wal and -shm files beside it.
func notWritable(path string) string {
	if !canWrite(path) {
		return "the file is read-only"
	}
	if !canWrite(filepath.Dir(path)) {
		return "its folder is read-only"
	}
	for _, suffix := range []string{"-wal", "-shm"} {
		if _, err := os.Lstat(path + suffix); err == nil && !canWrite(path+suffix) {
			return "its " + filepath.Base(path+suffix) + " file is read-only"
		}
	}
	return ""
}

// openWritable opens the one writer connection, migrates, switches to WAL
// (in that order: nothing is written before migrate has accepted the file),
// then opens the readers.
func openWritable(ctx context.Context, abs string, cfg openConfig) (*Library, error) {
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
	if err := l.migrate(ctx, cfg.onUpgrade); err != nil {
		w.Close()
		return nil, err
	}
	if err := l.useWAL(ctx); err != nil {
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
		return nil, openErr(abs, err)
	}
	l.readers = r
	return l, nil
}

// openReadOnly opens the readers only, on a library at the latest version;
// reason is what ReadOnly and ErrReadOnly will say.
func openReadOnly(ctx context.Context, abs, reason string) (*Library, error) {
	ms, err := migrations()
	if err != nil {
		return nil, fmt.Errorf("open library: %w", err)
	}
	r, err := sql.Open("sqlite", dsnReadOnly(abs))
	if err != nil {
		return nil, fmt.Errorf("open library: %w", err)
	}
	r.SetMaxOpenConns(max(4, runtime.NumCPU()))
	r.SetMaxIdleConns(max(4, runtime.NumCPU()))
	l := &Library{path: abs, readers: r, readOnly: reason}
	err = l.read(ctx, func(ctx context.Context, tx *sql.Tx) error {
		st, err := readState(ctx, tx)
		if err != nil {
			return err
		}
		if st.empty() {
			return fmt.Errorf("%w: %s is empty and cannot be made a library (%s)", ErrReadOnly, abs, reason)
		}
		if err := st.check(abs, len(ms)); err != nil {
			return err
		}
		if st.version < len(ms) {
			return fmt.Errorf("%w: %s needs upgrading from schema version %d to %d, which needs write access (%s)",
				ErrReadOnly, abs, st.version, len(ms), reason)
		}
		return nil
	})
	if err != nil {
		r.Close()
		if errors.Is(err, ErrReadOnly) || errors.Is(err, ErrNotLibrary) || errors.Is(err, ErrTooNew) {
			return nil, err
		}
		return nil, openErr(abs, err)
	}
	return l, nil
}

// dsn is the modernc URI for path with the connection pragmas and the given
// extra parameters. The path is escaped, so names with ?, # or % work. It
// sets no journal mode: that is a change to the file, made by useWAL once
// the file is known to be ours.
func dsn(path string, extra ...string) string {
	params := append([]string{"_pragma=busy_timeout(5000)", "_pragma=foreign_keys(1)",
		"_pragma=synchronous(NORMAL)"}, extra...)
	return fileURI(path) + "?" + strings.Join(params, "&")
}

// fileURI is the file: URI of an absolute path.
func fileURI(path string) string {
	p := filepath.ToSlash(path)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p // C:/x on Windows
	}
	u := url.URL{Scheme: "file", Path: p, OmitHost: true}
	return u.String()
}

// dsnReadOnly opens path for reading only (see readOnlyURI), with the
// readers' pragmas.
func dsnReadOnly(path string) string {
	return readOnlyURI(path) + "&_pragma=busy_timeout(5000)&_pragma=query_only(1)"
}

// readOnlyURI opens path for reading only. Without a -wal file holding
// changes, SQLite is told the file is immutable: it then takes no locks and
// creates no -shm file (a read-only -shm left behind would make every later
// write fail, and a read-only folder could not hold one anyway). Another
// process writing the file meanwhile is not seen. With changes in a -wal
// file, they must be read through it, so the file is opened in the ordinary
// read-only mode.
func readOnlyURI(path string) string {
	mode := "mode=ro&immutable=1"
	if st, err := os.Stat(path + "-wal"); err == nil && st.Size() > 0 {
		mode = "mode=ro"
	}
	return fileURI(path) + "?" + mode
}

// checkFile refuses an existing path that is not a Margin library by its
// first bytes (a folder, a text file, anything but SQLite) and reports
// whether it exists. It reads the file only; an empty file becomes a new
// library.
func checkFile(path string) (exists bool, err error) {
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("open library: %w", err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return false, fmt.Errorf("open library: %w", err)
	}
	if st.IsDir() {
		return false, fmt.Errorf("%w: %s is a directory", ErrNotLibrary, path)
	}
	head := make([]byte, len(sqliteHeader))
	n, err := io.ReadFull(f, head)
	if n == 0 && err == io.EOF {
		return true, nil
	}
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) {
		return false, fmt.Errorf("open library: %w", err)
	}
	if !bytes.Equal(head[:n], sqliteHeader) {
		return false, fmt.Errorf("%w: %s is not an SQLite database", ErrNotLibrary, path)
	}
	return true, nil
}

// fileState is what tells a Margin library, a new file and another
// application's database apart, read in one transaction.
type fileState struct {
	appID, version, objects int
}

// readState reads the state in one statement, so in one snapshot even
// outside a transaction.
func readState(ctx context.Context, q queryer) (fileState, error) {
	var st fileState
	err := q.QueryRowContext(ctx, `SELECT (SELECT application_id FROM pragma_application_id),
		(SELECT user_version FROM pragma_user_version), (SELECT count(*) FROM sqlite_schema)`).
		Scan(&st.appID, &st.version, &st.objects)
	return st, err
}

// empty reports a new file: no schema, no version, no application id.
func (st fileState) empty() bool { return st.appID == 0 && st.version == 0 && st.objects == 0 }

// check refuses what is neither empty nor a Margin library of a version up
// to latest.
func (st fileState) check(path string, latest int) error {
	switch {
	case st.empty():
		return nil
	case st.appID != 0 && st.appID != applicationID:
		return fmt.Errorf("%w: %s belongs to another application", ErrNotLibrary, path)
	case st.appID == 0 || st.version == 0:
		return fmt.Errorf("%w: %s is an SQLite database of another application", ErrNotLibrary, path)
	case st.version > latest:
		return fmt.Errorf("%w: %s is at schema version %d, this Margin knows up to %d",
			ErrTooNew, path, st.version, latest)
	}
	return nil
}

// migration is one embedded schema file, NNN_name.sql, taking the library to
// user_version NNN. Its SQL may name Go steps to run after it, in the same
// transaction, with lines "-- step: NAME" (see migrationSteps).
type migration struct {
	version int
	name    string
	sql     string
	steps   []string
}

// migrationSteps are the Go steps a migration can ask for. Steps are named
// in the SQL, not tied to a version number, so migrations can be renumbered.
// Each gets a progress to report how far it has gone.
var migrationSteps = map[string]func(ctx context.Context, tx *sql.Tx, report progress) error{
	// reindex rebuilds the full-text index of every article: every
	// migration that changes what is indexed, or how text becomes tokens
	// (internal/text's script classes), asks for it.
	"reindex": reindexAll,
	// reindex-cjk-marks reindexed the articles whose text holds 〆 or ｰ,
	// which internal/text came to count as CJK. It asks for nothing now:
	// 003 names it, and 010, always applied after, reindexes every article.
	"reindex-cjk-marks": func(context.Context, *sql.Tx, progress) error { return nil },
	// autoincrement-ids rebuilds articles with AUTOINCREMENT ids.
	"autoincrement-ids": autoincrementArticleIDs,
	// canonical-keys clears canonical URL keys that Save would no longer
	// trust (another site's article named as a page's canonical URL).
	"canonical-keys": untrustCanonicals,
	// list-old-pictures lists the pictures of articles clipped before the
	// library kept them, as missing.
	"list-old-pictures": listOldPictures,
	// trash-in-place takes the articles in the trash back from its copies
	// into their tables, marked trashed, and drops the copies.
	"trash-in-place": trashInPlace,
}

// stepPrefix starts a line of a migration that names a Go step.
const stepPrefix = "-- step:"

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
		m := migration{version: v, name: base, sql: string(b)}
		for line := range strings.SplitSeq(m.sql, "\n") {
			step, ok := strings.CutPrefix(strings.TrimSpace(line), stepPrefix)
			if !ok {
				continue
			}
			step = strings.TrimSpace(step)
			if migrationSteps[step] == nil {
				return nil, fmt.Errorf("migration %s: no Go step named %q", base, step)
			}
			m.steps = append(m.steps, step)
		}
		ms = append(ms, m)
	}
	sort.Slice(ms, func(i, j int) bool { return ms[i].version < ms[j].version })
	for i, m := range ms {
		if m.version != i+1 {
			return nil, fmt.Errorf("migration %s: expected version %d", m.name, i+1)
		}
	}
	return ms, nil
}

// migrate brings the library to the latest schema, one migration per
// immediate transaction (a library at the latest version is only read).
// Each transaction first reads the application id,
// the version and the number of schema objects, so what it decides from
// them holds until it commits, however many processes open the file at once:
// a process that finds the work done by another does nothing. Nothing is
// written before the file is known to be empty or a Margin library.
//
// onUpgrade, when not nil, hears each migration begin and its steps' progress.
func (l *Library) migrate(ctx context.Context, onUpgrade func(Upgrade)) (err error) {
	ms, err := migrations()
	if err != nil {
		return fmt.Errorf("open library: %w", err)
	}
	conn, err := l.writer.Conn(ctx)
	if err != nil {
		return openErr(l.path, err)
	}
	defer conn.Close()
	// A migration that rebuilds a table drops the old one, which with
	// foreign keys on would delete every row that refers to it; each
	// migration checks the keys before it commits instead. The pragma is a
	// no-op inside a transaction, so it is set around them.
	if _, err := conn.ExecContext(ctx, "PRAGMA foreign_keys = OFF"); err != nil {
		return openErr(l.path, err)
	}
	defer func() {
		if _, fkErr := conn.ExecContext(context.WithoutCancel(ctx), "PRAGMA foreign_keys = ON"); fkErr != nil && err == nil {
			err = fmt.Errorf("open library: %w", fkErr)
		}
	}()
	// The usual case, a library at the latest version, needs no write
	// lock: opening to read should not wait for another process's long
	// write. Anything else is decided again inside the write transaction.
	st, err := readState(ctx, conn)
	if err != nil {
		return openErr(l.path, err)
	}
	if err := st.check(l.path, len(ms)); err != nil {
		return err
	}
	if !st.empty() && st.version == len(ms) {
		return nil
	}
	for {
		done, err := migrateOnce(ctx, conn, l.path, ms, onUpgrade)
		if err != nil {
			return err
		}
		if done {
			return nil
		}
	}
}

// migrateOnce applies the next migration the library lacks, or reports done.
func migrateOnce(ctx context.Context, conn *sql.Conn, path string, ms []migration, onUpgrade func(Upgrade)) (done bool, err error) {
	tx, err := beginRetry(ctx, func() (*sql.Tx, error) { return conn.BeginTx(ctx, nil) })
	if err != nil {
		return false, openErr(path, err)
	}
	defer tx.Rollback()
	st, err := readState(ctx, tx)
	if err != nil {
		return false, openErr(path, err)
	}
	if err := st.check(path, len(ms)); err != nil {
		return false, err
	}
	if st.version == len(ms) {
		return true, nil
	}
	m := ms[st.version]
	if err := applyMigration(ctx, tx, m, reporter(m, onUpgrade)); err != nil {
		return false, fmt.Errorf("open library: migration %s: %w", m.name, err)
	}
	if err := tx.Commit(); err != nil {
		return false, fmt.Errorf("open library: migration %s: %w", m.name, err)
	}
	return false, nil
}

// applyMigration runs m's SQL and Go steps in tx, checks the foreign keys
// and sets user_version; the caller commits.
// report hears the migration begin, then its steps' progress.
func applyMigration(ctx context.Context, tx *sql.Tx, m migration, report progress) error {
	report(0, 0)
	if _, err := tx.ExecContext(ctx, m.sql); err != nil {
		return err
	}
	for _, step := range m.steps {
		if err := migrationSteps[step](ctx, tx, report); err != nil {
			return fmt.Errorf("step %s: %w", step, err)
		}
	}
	var bad int
	if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM pragma_foreign_key_check").Scan(&bad); err != nil {
		return err
	}
	if bad > 0 {
		return fmt.Errorf("%d rows break a foreign key", bad)
	}
	_, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", m.version))
	return err
}

// useWAL switches a library to write-ahead logging, in which readers never
// wait for the writer. It is the first change Open makes to an existing
// file, once migrate has found it a Margin library; in WAL mode already,
// it changes nothing. Switching needs a moment with no other connection in
// a transaction, so BUSY is retried as in begin.
func (l *Library) useWAL(ctx context.Context) error {
	deadline := time.Now().Add(writeWait)
	for {
		var mode string
		err := l.writer.QueryRowContext(ctx, "PRAGMA journal_mode = WAL").Scan(&mode)
		if err == nil || !isBusy(err) || time.Now().After(deadline) || ctx.Err() != nil {
			if err != nil {
				return openErr(l.path, err)
			}
			return nil
		}
	}
}

// openErr wraps an error from the first statements on a file: SQLite's
// SQLITE_NOTADB (a damaged or encrypted file) becomes ErrNotLibrary.
func openErr(path string, err error) error {
	if sqliteCode(err) == sqlite3.SQLITE_NOTADB {
		return fmt.Errorf("%w: %s: %w", ErrNotLibrary, path, err)
	}
	return fmt.Errorf("open library: %w", err)
}

// sqliteCode is the primary result code of an SQLite error (SQLITE_BUSY
// for SQLITE_BUSY_SNAPSHOT), or 0 when err is not one.
func sqliteCode(err error) int {
	var e *sqlite.Error
	if errors.As(err, &e) {
		return e.Code() & 0xff
	}
	return 0
}

// Path is the library file's absolute path.
func (l *Library) Path() string { return l.path }

// ReadOnly says why the library was opened read-only, or "" when it can be
// written: the app and the CLI show it.
func (l *Library) ReadOnly() string { return l.readOnly }

// Close closes the library.
func (l *Library) Close() error {
	var err error
	if l.writer != nil {
		err = l.writer.Close()
	}
	return errors.Join(l.readers.Close(), err)
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
	if l.readOnly != "" {
		return fmt.Errorf("%w: %s (%s)", ErrReadOnly, l.path, l.readOnly)
	}
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

// begin starts an immediate transaction on the writer (see beginRetry).
func (l *Library) begin(ctx context.Context) (*sql.Tx, error) {
	return beginRetry(ctx, func() (*sql.Tx, error) { return l.writer.BeginTx(ctx, nil) })
}

// beginRetry starts an immediate transaction with begin. Writers in this
// process queue for the one writer connection; a writer in another process
// is waited for by busy_timeout, and BEGIN IMMEDIATE is tried again while
// that process keeps the lock (SQLite's busy handler sleeps, so a busy
// writer elsewhere can win the lock many times in a row), up to writeWait.
// Retrying is safe: nothing has happened in a transaction whose BEGIN failed.
func beginRetry(ctx context.Context, begin func() (*sql.Tx, error)) (*sql.Tx, error) {
	deadline := time.Now().Add(writeWait)
	for {
		tx, err := begin()
		if !isBusy(err) || time.Now().After(deadline) || ctx.Err() != nil {
			return tx, err
		}
	}
}

// isBusy reports whether err is SQLite's "database is locked".
func isBusy(err error) bool {
	return sqliteCode(err) == sqlite3.SQLITE_BUSY
}

// DefaultQueryTimeout is how long a read (a search, a listing, an article)
// may take before it is stopped with ErrQueryTimeout, when
// Library.QueryTimeout is zero. A
// search that answers in well under a second on a large library gives up
// long before a user would.
const DefaultQueryTimeout = 5 * time.Second

// queryDeadline bounds a read by the library's query timeout.
func (l *Library) queryDeadline(ctx context.Context) (context.Context, context.CancelFunc) {
	d := l.QueryTimeout
	if d == 0 {
		d = DefaultQueryTimeout
	}
	if d < 0 {
		return context.WithCancel(ctx)
	}
	return context.WithTimeoutCause(ctx, d, fmt.Errorf("%w (after %s)", ErrQueryTimeout, d))
}

// timeoutErr turns the error of a read that queryDeadline stopped into
// its cause (ErrQueryTimeout); other errors are returned as they are.
func (l *Library) timeoutErr(ctx context.Context, err error) error {
	if err == nil {
		return nil
	}
	if cause := context.Cause(ctx); cause != nil && errors.Is(cause, ErrQueryTimeout) {
		return cause
	}
	return err
}

// read runs fn in one read transaction on the reader pool, so that what fn
// reads in several statements is one consistent snapshot. fn gets ctx
// bounded by the library's query timeout (see queryDeadline) and must use
// it; a read it stops returns ErrQueryTimeout.
func (l *Library) read(ctx context.Context, fn func(ctx context.Context, tx *sql.Tx) error) error {
	ctx, cancel := l.queryDeadline(ctx)
	defer cancel()
	tx, err := l.readers.BeginTx(ctx, nil)
	if err != nil {
		return l.timeoutErr(ctx, err)
	}
	defer tx.Rollback()
	return l.timeoutErr(ctx, fn(ctx, tx))
}

// rxIntegerKey is the id column of articles as migration 001 declares it.
var rxIntegerKey = regexp.MustCompile(`(?i)\bid\s+INTEGER\s+PRIMARY\s+KEY\b`)

// autoincrementArticleIDs rebuilds articles with AUTOINCREMENT ids: a new
// table made from the table's own schema, every row copied with its id, the
// old one dropped, the new one renamed and its indexes made again.
// sqlite_sequence starts at the largest id copied. migrate turns foreign keys
// off around the transaction, so article_raw, article_tags and highlights
// keep their rows through the drop, and checks them before commit. It is a
// few statements, whose progress cannot be counted.
func autoincrementArticleIDs(ctx context.Context, tx *sql.Tx, _ progress) error {
	var create string
	if err := tx.QueryRowContext(ctx, `SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'articles'`).Scan(&create); err != nil {
		return err
	}
	indexes, err := queryColumn[string](ctx, tx, `SELECT sql FROM sqlite_master
		WHERE type = 'index' AND tbl_name = 'articles' AND sql IS NOT NULL`)
	if err != nil {
		return err
	}
	head, body, ok := strings.Cut(create, "(")
	if !ok || !rxIntegerKey.MatchString(body) {
		return fmt.Errorf("articles has no INTEGER PRIMARY KEY id: %s", head)
	}
	stmts := []string{
		`CREATE TABLE articles_new (` + rxIntegerKey.ReplaceAllString(body, "id INTEGER PRIMARY KEY AUTOINCREMENT"),
		`INSERT INTO articles_new SELECT * FROM articles`,
		`DROP TABLE articles`,
		`ALTER TABLE articles_new RENAME TO articles`,
	}
	for _, stmt := range append(stmts, indexes...) {
		if _, err := tx.ExecContext(ctx, stmt); err != nil {
			return fmt.Errorf("%.40s: %w", stmt, err)
		}
	}
	return nil
}
