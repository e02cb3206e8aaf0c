package storage

import (
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

func TestMigrateFromEmpty(t *testing.T) {
	ms, err := migrations()
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"new.db", "empty.db", "图书馆 #1?%20&x=y.db"} {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "sub", "dir", name)
			if name == "empty.db" {
				os.MkdirAll(filepath.Dir(path), 0o700)
				if err := os.WriteFile(path, nil, 0o600); err != nil {
					t.Fatal(err)
				}
			}
			l := mustOpenPath(t, path)
			ctx := context.Background()
			var version, appID int
			var mode string
			l.readers.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version)
			l.readers.QueryRowContext(ctx, "PRAGMA application_id").Scan(&appID)
			l.readers.QueryRowContext(ctx, "PRAGMA journal_mode").Scan(&mode)
			if got, want := version, len(ms); got != want {
				t.Errorf("user_version = %d, want %d", got, want)
			}
			if got, want := appID, applicationID; got != want {
				t.Errorf("application_id = %#x, want %#x", got, want)
			}
			if got, want := mode, "wal"; got != want {
				t.Errorf("journal_mode = %q, want %q", got, want)
			}
			for _, conn := range []*sql.DB{l.writer, l.readers} {
				var fk, timeout, sync int
				conn.QueryRowContext(ctx, "PRAGMA foreign_keys").Scan(&fk)
				conn.QueryRowContext(ctx, "PRAGMA busy_timeout").Scan(&timeout)
				conn.QueryRowContext(ctx, "PRAGMA synchronous").Scan(&sync)
				if fk != 1 || timeout != 5000 || sync != 1 {
					t.Errorf("foreign_keys, busy_timeout, synchronous = %d, %d, %d; want 1, 5000, 1", fk, timeout, sync)
				}
			}
			if _, err := l.readers.ExecContext(ctx, "CREATE TABLE x (y)"); err == nil {
				t.Error("reader connection accepted a write, want query_only")
			}
			st, err := os.Stat(filepath.Dir(path))
			if err != nil {
				t.Fatal(err)
			}
			if name != "empty.db" && st.Mode().Perm() != 0o700 {
				t.Errorf("directory mode = %v, want 0700", st.Mode().Perm())
			}
			if _, err := os.Stat(path); err != nil {
				t.Errorf("library file not at %q: %v", path, err)
			}
			// Reopening a migrated library applies nothing and keeps the data.
			id := mustSave(t, l, testArticle("https://example.com/a", "hello"))
			l.Close()
			l2 := mustOpenPath(t, path)
			if _, err := l2.Get(ctx, id); err != nil {
				t.Errorf("Get after reopen: %v", err)
			}
		})
	}
}

func TestOpenRefusesOtherFiles(t *testing.T) {
	ctx := context.Background()
	otherDB := func(t *testing.T, path string) {
		db, err := sql.Open("sqlite", path)
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		if _, err := db.Exec("CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('keep me')"); err != nil {
			t.Fatal(err)
		}
	}
	tests := []struct {
		name    string
		make    func(t *testing.T, path string)
		wantErr error
	}{
		{"text file", func(t *testing.T, path string) {
			os.WriteFile(path, []byte("Dear diary,\nthis is not a database.\n"), 0o600)
		}, ErrNotLibrary},
		{"short binary", func(t *testing.T, path string) { os.WriteFile(path, []byte{0, 1, 2}, 0o600) }, ErrNotLibrary},
		{"damaged sqlite", func(t *testing.T, path string) {
			b := append([]byte("SQLite format 3\x00"), make([]byte, 5000)...)
			for i := 16; i < len(b); i++ {
				b[i] = byte(i * 7)
			}
			os.WriteFile(path, b, 0o600)
		}, ErrNotLibrary},
		{"another app's database", otherDB, ErrNotLibrary},
		{"another app's empty database with a user_version", func(t *testing.T, path string) {
			handMade(t, path, "PRAGMA user_version = 2")
		}, ErrNotLibrary},
		{"another app's database with a user_version", func(t *testing.T, path string) {
			handMade(t, path, "CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('keep me'); PRAGMA user_version = 1")
		}, ErrNotLibrary},
		{"another app's database with its application_id", func(t *testing.T, path string) {
			handMade(t, path, "CREATE TABLE t (x); PRAGMA application_id = 42")
		}, ErrNotLibrary},
		{"newer library in rollback-journal mode", func(t *testing.T, path string) {
			ms, err := migrations()
			if err != nil {
				t.Fatal(err)
			}
			handMade(t, path, ms[0].sql+"; PRAGMA user_version = 999")
		}, ErrTooNew},
		{"directory", func(t *testing.T, path string) { os.Mkdir(path, 0o700) }, ErrNotLibrary},
		{"newer library", func(t *testing.T, path string) {
			l, err := Open(ctx, path)
			if err != nil {
				t.Fatal(err)
			}
			l.writer.Exec("PRAGMA user_version = 999")
			l.Close()
		}, ErrTooNew},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "lib.db")
			tc.make(t, path)
			before, _ := os.ReadFile(path)
			l, err := Open(ctx, path)
			if err == nil {
				l.Close()
				t.Fatalf("Open succeeded, want %v", tc.wantErr)
			}
			if !errors.Is(err, tc.wantErr) {
				t.Fatalf("Open error = %v, want %v", err, tc.wantErr)
			}
			after, _ := os.ReadFile(path)
			if string(before) != string(after) {
				t.Errorf("Open changed the file it refused")
			}
			if tc.name == "newer library" {
				return // made in WAL mode by Open itself
			}
			for _, suffix := range []string{"-wal", "-shm", "-journal"} {
				if _, err := os.Stat(path + suffix); err == nil {
					t.Errorf("Open left a %s file beside a file it refused", suffix)
				}
			}
		})
	}
}

func TestDefaultPath(t *testing.T) {
	t.Setenv("XDG_DATA_HOME", "/data/home")
	got, err := DefaultPath()
	if err != nil {
		t.Fatal(err)
	}
	if want := filepath.Join("/data/home", "margin", "library.db"); got != want {
		t.Errorf("DefaultPath() = %q, want %q", got, want)
	}
	t.Setenv("XDG_DATA_HOME", "")
	t.Setenv("HOME", "/home/reader")
	got, err = DefaultPath()
	if err != nil {
		t.Fatal(err)
	}
	if want := "/home/reader/.local/share/margin/library.db"; runtime.GOOS == "linux" && got != want {
		t.Errorf("DefaultPath() = %q, want %q", got, want)
	}
}

func TestMigrationIsAtomic(t *testing.T) {
	l := mustOpen(t)
	ctx := context.Background()
	var before int
	l.writer.QueryRowContext(ctx, "PRAGMA user_version").Scan(&before)
	bad := migration{version: before + 1, name: "bad.sql",
		sql: "CREATE TABLE half_done (x); INSERT INTO articles (clipped_at) VALUES (NULL);"}
	err := l.write(ctx, func(tx *sql.Tx) error { return applyMigration(ctx, tx, bad, reporter(bad, nil)) })
	if err == nil {
		t.Fatal("a failing migration succeeded")
	}
	var after, tables int
	l.writer.QueryRowContext(ctx, "PRAGMA user_version").Scan(&after)
	l.writer.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_schema WHERE name = 'half_done'").Scan(&tables)
	if after != before || tables != 0 {
		t.Errorf("after a failed migration: user_version %d (was %d), half_done tables %d; want nothing changed", after, before, tables)
	}
}

// handMade makes an SQLite file in rollback-journal mode by running script
// on it outside Open.
func handMade(t *testing.T, path, script string) {
	t.Helper()
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec(script); err != nil {
		t.Fatal(err)
	}
}
