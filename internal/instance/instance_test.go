package instance

import (
	"bufio"
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"app.margin/margin/internal/testlib"
)

func TestMain(m *testing.M) { testlib.Main(m) }

// TestSecondInstanceHandsOver claims a library twice in one process (the
// lock is per open file, so the second claim sees the first): the second
// is refused and hands its targets to the first, a saved page's relative
// path made absolute. Once the first closes, the library can be claimed
// again.
func TestSecondInstanceHandsOver(t *testing.T) {
	dir := t.TempDir()
	lib := filepath.Join(dir, "library.db")
	first, err := Claim(lib)
	if err != nil {
		t.Fatal(err)
	}
	got := make(chan []string, 1)
	first.Serve(func(targets []string) { got <- targets })

	if _, err := Claim(lib); !errors.Is(err, ErrRunning) {
		t.Fatalf("second Claim: %v, want ErrRunning", err)
	}
	page := filepath.Join(dir, "saved page.html")
	if err := os.WriteFile(page, []byte("<p>hi</p>"), 0o600); err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir)
	if err := Hand(context.Background(), lib, []string{"https://example.com/a", "saved page.html"}); err != nil {
		t.Fatalf("Hand: %v", err)
	}
	if want := []string{"https://example.com/a", page}; !slices.Equal(<-got, want) {
		t.Errorf("the first instance got other targets, want %q", want)
	}
	if err := Hand(context.Background(), lib, nil); err != nil {
		t.Fatalf("Hand with nothing to open: %v", err)
	}
	if targets := <-got; len(targets) != 0 {
		t.Errorf("targets %q, want none (just come forward)", targets)
	}

	if err := first.Close(); err != nil {
		t.Fatal(err)
	}
	again, err := Claim(lib)
	if err != nil {
		t.Fatalf("Claim after Close: %v", err)
	}
	again.Close()
}

// TestALinkIsTheSameLibrary: a symbolic link to the library leads to the
// same lock.
func TestALinkIsTheSameLibrary(t *testing.T) {
	dir := t.TempDir()
	lib := filepath.Join(dir, "library.db")
	if err := os.WriteFile(lib, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "link.db")
	if err := os.Symlink(lib, link); err != nil {
		t.Fatal(err)
	}
	p, err := Claim(lib)
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	if _, err := Claim(link); !errors.Is(err, ErrRunning) {
		t.Errorf("Claim through a link: %v, want ErrRunning", err)
	}
}

// TestHandWithNobodyAnsweringFails: a lock held by a process that does not
// serve (hung, or not a margin) makes Hand fail after its wait, with an
// error to show, rather than hang.
func TestHandWithNobodyAnsweringFails(t *testing.T) {
	lib := filepath.Join(t.TempDir(), "library.db")
	p, err := Claim(lib)
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	p.ln.Close() // holds the lock, answers nothing
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	if err := Hand(ctx, lib, nil); err == nil || !strings.Contains(err.Error(), "hand over") {
		t.Errorf("Hand = %v, want a hand-over error", err)
	}
}

// TestLongLibraryPathGetsAShortSocket: a socket path must fit sun_path.
func TestLongLibraryPathGetsAShortSocket(t *testing.T) {
	lib := filepath.Join(t.TempDir(), strings.Repeat("deep/", 30), "library.db")
	if err := os.MkdirAll(filepath.Dir(lib), 0o700); err != nil {
		t.Fatal(err)
	}
	lock, socket := Paths(lib)
	if len(socket) >= 100 || !strings.HasPrefix(lock, filepath.Dir(lib)) {
		t.Errorf("Paths = %q, %q; want the lock beside the library and a socket under 100 bytes", lock, socket)
	}
	p, err := Claim(lib)
	if err != nil {
		t.Fatal(err)
	}
	p.Serve(func([]string) {})
	defer p.Close()
	if err := Hand(context.Background(), lib, nil); err != nil {
		t.Errorf("Hand: %v", err)
	}
}

// TestTwoProcesses runs a first instance in another process (this test
// binary, as TestHelperFirstInstance) and a second here; then again with a
// first instance that is killed, which leaves its socket behind.
func TestTwoProcesses(t *testing.T) {
	for _, killed := range []bool{false, true} {
		t.Run(map[bool]string{false: "exits", true: "killed"}[killed], func(t *testing.T) { twoProcesses(t, killed) })
	}
}

func twoProcesses(t *testing.T, killed bool) {
	lib := filepath.Join(t.TempDir(), "library.db")
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperFirstInstance$")
	cmd.Env = append(os.Environ(), "MARGIN_INSTANCE_HELPER="+lib)
	if killed {
		cmd.Env = append(cmd.Env, "MARGIN_INSTANCE_HANG=1")
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	lines := bufio.NewScanner(out)
	if !lines.Scan() || lines.Text() != "ready" {
		t.Fatalf("helper said %q, want ready", lines.Text())
	}
	if _, err := Claim(lib); !errors.Is(err, ErrRunning) {
		t.Fatalf("Claim while another process holds the library: %v, want ErrRunning", err)
	}
	if err := Hand(context.Background(), lib, []string{"https://example.com/x"}); err != nil {
		t.Fatal(err)
	}
	if !lines.Scan() || lines.Text() != "got https://example.com/x" {
		t.Errorf("helper said %q, want it to have got the address", lines.Text())
	}
	if killed {
		cmd.Process.Kill()
		cmd.Wait()
	} else if err := cmd.Wait(); err != nil {
		t.Fatalf("helper: %v", err)
	}
	// The first process is gone (its lock with it): the library is free.
	p, err := Claim(lib)
	if err != nil {
		t.Fatalf("Claim after the first process ended: %v", err)
	}
	p.Close()
}

// TestHelperFirstInstance is the first instance of TestTwoProcesses; it
// does nothing unless that test started it.
func TestHelperFirstInstance(t *testing.T) {
	lib := os.Getenv("MARGIN_INSTANCE_HELPER")
	if lib == "" {
		t.Skip("run by TestTwoProcesses")
	}
	p, err := Claim(lib)
	if err != nil {
		t.Fatal(err)
	}
	got := make(chan []string)
	p.Serve(func(targets []string) { got <- targets })
	os.Stdout.WriteString("ready\n")
	targets := <-got
	os.Stdout.WriteString("got " + strings.Join(targets, " ") + "\n")
	if os.Getenv("MARGIN_INSTANCE_HANG") != "" {
		select {} // until killed: the lock goes with the process, the socket stays behind
	}
	p.Close() // after answering
	os.Exit(0)
}
