package queue

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"runtime"
	"sync"
	"testing"
	"time"

	"app.margin/margin/storage"
)

// TestKilledMidQueue imports pages, runs the queue in another process and
// kills that process (SIGKILL) in the middle of the fetches; a run in this
// process then finishes the queue. Every page ends fetched once in the
// library, with no duplicate and none lost.
func TestKilledMidQueue(t *testing.T) {
	if lib := os.Getenv("MARGIN_QUEUE_CHILD"); lib != "" {
		t.Skip("the child runs TestQueueChild")
	}
	if runtime.GOOS == "windows" {
		t.Skip("SIGKILL is a Unix signal")
	}
	ctx := context.Background()
	clock := newFakeClock()
	lib, path := mustOpen(t)
	const hosts, perHost = 4, 10
	kill := make(chan struct{})
	var once sync.Once
	var mu sync.Mutex
	served := 0
	var servers []*host
	for range hosts {
		servers = append(servers, newHost(t, clock, func(w http.ResponseWriter, r *http.Request, n int) bool {
			mu.Lock()
			served++
			if served == 12 {
				once.Do(func() { close(kill) })
			}
			mu.Unlock()
			return false
		}))
	}
	var entries []storage.ImportEntry
	for i := range perHost {
		for _, h := range servers {
			entries = append(entries, storage.ImportEntry{URL: fmt.Sprintf("%s/p%d", h.URL, i), Fetch: true})
		}
	}
	_, err := lib.Import(ctx, entries)
	must(t, err)

	cmd := exec.Command(os.Args[0], "-test.run=^TestQueueChild$", "-test.count=1")
	cmd.Env = append(os.Environ(), "MARGIN_QUEUE_CHILD="+path)
	must(t, cmd.Start())
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	select {
	case <-kill:
		must(t, cmd.Process.Kill()) // SIGKILL: no deferred code runs in the child
		<-exited
	case err := <-exited:
		t.Fatalf("the child ended before it was killed: %v", err)
	}
	st, err := lib.QueueStatus(ctx)
	must(t, err)
	t.Logf("killed with %d done, %d running, %d pending", st.Done, st.Running, st.Pending)
	if st.Done == len(entries) {
		t.Fatal("the child finished the queue before it was killed")
	}

	sum, err := (&Runner{Library: lib, Clock: clock}).Run(ctx)
	must(t, err)
	st, err = lib.QueueStatus(ctx)
	must(t, err)
	if st.Done != len(entries) || st.Failed+st.Pending+st.Running != 0 || sum.Failed != 0 {
		t.Errorf("after the restart: %+v (run %+v)", st, sum)
	}
	list, err := lib.List(ctx, storage.ListOptions{Limit: 1000})
	must(t, err)
	seen := map[string]bool{}
	for _, s := range list.Items {
		a, err := lib.Get(ctx, s.ID)
		must(t, err)
		if seen[a.URL] || a.Text == "" {
			t.Errorf("article %d %s: duplicate=%v, text %q", a.ID, a.URL, seen[a.URL], a.Text)
		}
		seen[a.URL] = true
	}
	if len(seen) != len(entries) {
		t.Errorf("%d articles, want %d", len(seen), len(entries))
	}
}

// TestQueueChild is the process TestKilledMidQueue kills: it runs the queue
// of the library it is given, slowly enough to be killed in the middle.
func TestQueueChild(t *testing.T) {
	path := os.Getenv("MARGIN_QUEUE_CHILD")
	if path == "" {
		t.Skip("run by TestKilledMidQueue")
	}
	lib, err := storage.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	pause := 50 * time.Millisecond
	if d, err := time.ParseDuration(os.Getenv("MARGIN_QUEUE_CHILD_PAUSE")); err == nil {
		pause = d
	}
	(&Runner{Library: lib, HostPause: pause}).Run(context.Background())
}
