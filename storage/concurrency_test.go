package storage

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// TestConcurrentWritersAndReaders clips in the background from two handles
// on one file (the app and a CLI command) while readers read: no error, in
// particular no SQLITE_BUSY, reaches any caller.
func TestConcurrentWritersAndReaders(t *testing.T) {
	path := filepath.Join(t.TempDir(), "library.db")
	app := mustOpenPath(t, path)
	cli := mustOpenPath(t, path)
	ctx := context.Background()
	seed := mustSave(t, app, testArticle("https://example.com/seed", "国内大模型研究落后美国", "readability matters"))

	const perWriter = 25
	var (
		writers sync.WaitGroup
		readers sync.WaitGroup
		done    atomic.Bool
		reads   atomic.Int64
		errMu   sync.Mutex
		errList []error
	)
	report := func(err error) {
		errMu.Lock()
		defer errMu.Unlock()
		if len(errList) < 10 {
			errList = append(errList, err)
		}
	}
	writer := func(l *Library, name string) {
		defer writers.Done()
		for i := range perWriter {
			a := corpus.Article(i)
			a.URL = fmt.Sprintf("https://example.com/%s/%d", name, i)
			a.FinalURL, a.CanonicalURL = a.URL, ""
			id, _, err := l.Save(ctx, a)
			if err != nil {
				report(fmt.Errorf("%s Save: %w", name, err))
				continue
			}
			if err := l.AddTags(ctx, id, name, "共享"); err != nil {
				report(fmt.Errorf("%s AddTags: %w", name, err))
			}
			if _, err := l.HighlightQuote(ctx, seed, "大模型", 1, Green, name); err != nil {
				report(fmt.Errorf("%s HighlightQuote: %w", name, err))
			}
			if err := l.SetNote(ctx, seed, fmt.Sprintf("%s %d", name, i)); err != nil {
				report(fmt.Errorf("%s SetNote: %w", name, err))
			}
		}
	}
	reader := func(l *Library) {
		defer readers.Done()
		for !done.Load() {
			if _, err := l.Get(ctx, seed); err != nil {
				report(fmt.Errorf("Get: %w", err))
			}
			if _, err := l.Highlights(ctx, seed); err != nil {
				report(fmt.Errorf("Highlights: %w", err))
			}
			if _, err := l.Tags(ctx); err != nil {
				report(fmt.Errorf("Tags: %w", err))
			}
			if _, err := l.RawHTML(ctx, seed); err != nil {
				report(fmt.Errorf("RawHTML: %w", err))
			}
			if _, err := l.List(ctx, ListOptions{Limit: 20}); err != nil {
				report(fmt.Errorf("List: %w", err))
			}
			if _, err := l.Search(ctx, SearchOptions{Query: "大模型", Limit: 20}); err != nil {
				report(fmt.Errorf("Search: %w", err))
			}
			reads.Add(1)
		}
	}
	for _, l := range []*Library{app, cli, app, cli} {
		readers.Add(1)
		go reader(l)
	}
	writers.Add(2)
	go writer(app, "app")
	go writer(cli, "cli")
	writers.Wait()
	done.Store(true)
	readers.Wait()

	for _, err := range errList {
		t.Error(err)
	}
	hs, err := app.Highlights(ctx, seed)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := len(hs), 2*perWriter; got != want {
		t.Errorf("highlights after the run = %d, want %d", got, want)
	}
	tags, err := app.Tags(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, tag := range tags {
		if tag.Name == "共享" && tag.Count != 2*perWriter {
			t.Errorf("tag 共享 count = %d, want %d", tag.Count, 2*perWriter)
		}
	}
	if reads.Load() == 0 {
		t.Error("readers never completed a round")
	}
}

// TestWriteOutwaitsBusyTimeout holds the write lock from another connection
// (another process) for longer than the writer's busy timeout: the Save
// waits for it instead of failing with SQLITE_BUSY.
func TestWriteOutwaitsBusyTimeout(t *testing.T) {
	path := filepath.Join(t.TempDir(), "library.db")
	l := mustOpenPath(t, path)
	ctx := context.Background()
	// The writer pool keeps its one connection, so this sticks.
	if _, err := l.writer.ExecContext(ctx, "PRAGMA busy_timeout = 50"); err != nil {
		t.Fatal(err)
	}
	other, err := sql.Open("sqlite", dsn(path))
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	conn, err := other.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "BEGIN IMMEDIATE"); err != nil {
		t.Fatal(err)
	}
	released := make(chan struct{})
	go func() {
		time.Sleep(500 * time.Millisecond)
		conn.ExecContext(ctx, "COMMIT")
		close(released)
	}()
	if _, _, err := l.Save(ctx, testArticle("https://example.com/wait", "patience")); err != nil {
		t.Fatalf("Save while another connection writes: %v", err)
	}
	select {
	case <-released:
	default:
		t.Error("Save finished while the other connection still held the write lock")
	}
}
