package storage

import (
	"bufio"
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"
)

// crashChildEnv names the library TestCrashChild writes to; the crash test
// sets it when it runs the test binary as a child.
const crashChildEnv = "MARGIN_CRASH_CHILD_LIBRARY"

// TestCrashChild is not a test on its own: run by TestCrashSafety as a
// child process, it saves articles (with tags and a highlight) until it is
// killed, printing "committed ID" after each Save returns.
func TestCrashChild(t *testing.T) {
	path := os.Getenv(crashChildEnv)
	if path == "" {
		t.Skip("runs only as the child of TestCrashSafety")
	}
	ctx := context.Background()
	l, err := Open(ctx, path)
	if err != nil {
		fmt.Println("open failed:", err)
		os.Exit(2)
	}
	for i := 0; ; i++ {
		a := corpus.Article(i)
		a.URL = fmt.Sprintf("https://example.com/crash/%d/%d", os.Getpid(), i)
		a.FinalURL, a.CanonicalURL = a.URL, ""
		id, _, err := l.Save(ctx, a)
		if err != nil {
			fmt.Println("save failed:", err)
			os.Exit(2)
		}
		fmt.Printf("committed %d\n", id)
		if err := l.AddTags(ctx, id, "crash", fmt.Sprintf("标签%d", i%7)); err != nil {
			fmt.Println("tag failed:", err)
			os.Exit(2)
		}
		if _, err := l.AddHighlight(ctx, Highlight{ArticleID: id, Start: 10, End: 40, Note: "n"}); err != nil {
			fmt.Println("highlight failed:", err)
			os.Exit(2)
		}
	}
}

// TestCrashSafety kills a writing child process with SIGKILL at random
// moments, 20 times, and checks after each that the file is intact and that
// every article the child reported as committed is there.
func TestCrashSafety(t *testing.T) {
	if runtime.GOOS == "js" || runtime.GOOS == "wasip1" {
		t.Skip("no child processes on this platform")
	}
	path := filepath.Join(t.TempDir(), "crash.db")
	rng := rand.New(rand.NewPCG(1, 2))
	committed := map[int64]bool{}
	for round := range 20 {
		cmd := exec.Command(os.Args[0], "-test.run=^TestCrashChild$", "-test.count=1")
		cmd.Env = append(os.Environ(), crashChildEnv+"="+path)
		cmd.Stderr = os.Stderr
		out, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		lines := make(chan string)
		go func() {
			sc := bufio.NewScanner(out)
			for sc.Scan() {
				lines <- sc.Text()
			}
			close(lines)
		}()
		// Let the child commit at least once, then kill it at a random moment.
		var kill <-chan time.Time
		armed := false
		deadline := time.After(2 * time.Minute)
	read:
		for {
			select {
			case line, ok := <-lines:
				if !ok {
					break read
				}
				idText, found := strings.CutPrefix(line, "committed ")
				if !found {
					if strings.Contains(line, "failed") {
						t.Errorf("round %d: child: %s", round, line)
					}
					continue
				}
				id, err := strconv.ParseInt(idText, 10, 64)
				if err != nil {
					t.Fatalf("round %d: child printed %q", round, line)
				}
				committed[id] = true
				if !armed {
					armed = true
					kill = time.After(time.Duration(rng.IntN(300)) * time.Millisecond)
				}
			case <-kill:
				if err := cmd.Process.Kill(); err != nil {
					t.Fatal(err)
				}
				kill = nil
			case <-deadline:
				cmd.Process.Kill()
				t.Fatalf("round %d: child committed nothing in 2 minutes", round)
			}
		}
		cmd.Wait()
		checkAfterCrash(t, path, committed)
		if t.Failed() {
			t.Fatalf("round %d failed", round)
		}
	}
	t.Logf("%d articles reported committed over 20 kills", len(committed))
}

// checkAfterCrash opens the library as the app would after a crash and
// checks SQLite's and the full-text index's integrity and the committed ids.
func checkAfterCrash(t *testing.T, path string, committed map[int64]bool) {
	t.Helper()
	ctx := context.Background()
	l, err := Open(ctx, path)
	if err != nil {
		t.Fatalf("Open after kill: %v", err)
	}
	defer l.Close()
	var result string
	if err := l.readers.QueryRow("PRAGMA integrity_check").Scan(&result); err != nil || result != "ok" {
		t.Errorf("integrity_check = %q, %v", result, err)
	}
	ftsTables, err := queryColumn[string](ctx, l.readers,
		`SELECT name FROM sqlite_schema WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE%fts5%' AND sql NOT LIKE '%fts5vocab%'`)
	if err != nil || len(ftsTables) == 0 {
		t.Fatalf("FTS5 tables = %q, %v; want the search index", ftsTables, err)
	}
	for _, fts := range ftsTables {
		if _, err := l.writer.Exec(fmt.Sprintf(`INSERT INTO %q(%q) VALUES('integrity-check')`, fts, fts)); err != nil {
			t.Errorf("FTS %s integrity-check: %v", fts, err)
		}
	}
	ids, err := queryColumn[int64](ctx, l.readers, "SELECT id FROM articles")
	if err != nil {
		t.Fatal(err)
	}
	present := map[int64]bool{}
	for _, id := range ids {
		present[id] = true
	}
	for id := range committed {
		if !present[id] {
			t.Errorf("article %d was reported committed but is missing", id)
		}
	}
}
