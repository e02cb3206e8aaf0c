// Package instance keeps one Margin window per library. The first margin
// to open a library takes a lock file beside it and listens on a Unix
// socket there; a second margin on the same library finds the lock taken,
// hands its command line (addresses and saved pages to clip) to the first
// through the socket, and exits. Two windows writing one library and one
// preferences file is what this prevents.
package instance

import (
	"bufio"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"sync"
	"time"
)

// ErrRunning means another process has the library open: Hand reaches it.
var ErrRunning = errors.New("the library is open in another Margin window")

// How long Hand waits for the first instance: it may still be starting (it
// takes the lock before it listens) or busy for a moment.
const handWait = 5 * time.Second

// request is what a second instance sends, one JSON line; the first answers
// with one line too, "ok".
type request struct {
	Open []string `json:"open"`
}

// Primary is the instance that holds a library. Close lets it go.
type Primary struct {
	lock   *os.File
	ln     net.Listener
	socket string
	once   sync.Once
	wg     sync.WaitGroup
}

// Paths are where the lock and the socket of the library at path live: beside
// it (the socket in the runtime folder when that path is too long for one).
func Paths(library string) (lock, socket string) {
	abs, err := filepath.Abs(library)
	if err != nil {
		abs = library
	}
	// Two paths to one library (a symbolic link) are one library.
	if real, err := filepath.EvalSymlinks(abs); err == nil {
		abs = real
	}
	lock, socket = abs+".lock", abs+".sock"
	// sun_path holds 108 bytes on Linux, 104 on macOS.
	if len(socket) >= 100 {
		dir := os.Getenv("XDG_RUNTIME_DIR")
		if dir == "" {
			dir = os.TempDir()
		}
		sum := sha256.Sum256([]byte(abs))
		socket = filepath.Join(dir, "margin-"+hex.EncodeToString(sum[:8])+".sock")
	}
	return lock, socket
}

// Claim makes this process the library's primary instance. It returns
// ErrRunning when another process holds the library; any other error
// means the lock could not be taken at all (a read-only folder), and the
// caller may go on without one.
func Claim(library string) (*Primary, error) {
	lockPath, socket := Paths(library)
	f, err := os.OpenFile(lockPath, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, fmt.Errorf("claim library: %w", err)
	}
	if err := lockFile(f); err != nil {
		f.Close()
		if errors.Is(err, errLocked) {
			return nil, ErrRunning
		}
		return nil, fmt.Errorf("claim library: %w", err)
	}
	// A socket left by a process that died is stale: the lock says so.
	if err := os.Remove(socket); err != nil && !errors.Is(err, os.ErrNotExist) {
		f.Close()
		return nil, fmt.Errorf("claim library: %w", err)
	}
	ln, err := net.Listen("unix", socket)
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("claim library: %w", err)
	}
	fmt.Fprintf(f, "%d\n", os.Getpid())
	return &Primary{lock: f, ln: ln, socket: socket}, nil
}

// Serve answers second instances until Close, in the background: handle
// gets each one's targets (none: just come forward). handle runs on
// Serve's goroutine; a window hands the work to its UI goroutine itself.
// A nil Primary (no lock could be taken) serves nothing.
func (p *Primary) Serve(handle func(targets []string)) {
	if p == nil {
		return
	}
	p.wg.Add(1)
	go func() {
		defer p.wg.Done()
		for {
			c, err := p.ln.Accept()
			if err != nil {
				return // closed
			}
			p.answer(c, handle)
		}
	}()
}

func (p *Primary) answer(c net.Conn, handle func([]string)) {
	defer c.Close()
	_ = c.SetDeadline(time.Now().Add(handWait))
	var req request
	if err := json.NewDecoder(bufio.NewReader(c)).Decode(&req); err != nil {
		return // not a margin: nothing to do
	}
	handle(req.Open)
	_, _ = c.Write([]byte("ok\n"))
}

// closeWait is how long Close waits for an answer under way: its handler
// may be waiting on a UI that is shutting down.
const closeWait = time.Second

// Close stops serving and lets the library go. A nil Primary (no lock
// could be taken) closes too.
func (p *Primary) Close() error {
	if p == nil {
		return nil
	}
	var err error
	p.once.Do(func() {
		err = p.ln.Close() // removes the socket file
		answered := make(chan struct{})
		go func() { p.wg.Wait(); close(answered) }()
		select {
		case <-answered:
		case <-time.After(closeWait):
		}
		_ = os.Remove(p.socket)
		if cerr := p.lock.Close(); err == nil { // closing releases the lock
			err = cerr
		}
	})
	return err
}

// Hand asks the primary instance of library to come forward and clip
// targets (addresses, or saved pages, whose relative paths it makes
// absolute: the other process runs elsewhere).
func Hand(ctx context.Context, library string, targets []string) error {
	_, socket := Paths(library)
	req := request{Open: []string{}}
	for _, t := range targets {
		if _, err := os.Stat(t); err == nil {
			if abs, err := filepath.Abs(t); err == nil {
				t = abs
			}
		}
		req.Open = append(req.Open, t)
	}
	ctx, cancel := context.WithTimeout(ctx, handWait)
	defer cancel()
	var d net.Dialer
	for {
		c, err := d.DialContext(ctx, "unix", socket)
		if err == nil {
			return send(ctx, c, req)
		}
		// The first instance takes the lock before it listens: wait for it.
		select {
		case <-ctx.Done():
			return fmt.Errorf("hand over to the open window: %w", err)
		case <-time.After(50 * time.Millisecond):
		}
	}
}

func send(ctx context.Context, c net.Conn, req request) error {
	defer c.Close()
	if dl, ok := ctx.Deadline(); ok {
		_ = c.SetDeadline(dl)
	}
	if err := json.NewEncoder(c).Encode(req); err != nil {
		return fmt.Errorf("hand over to the open window: %w", err)
	}
	line, err := bufio.NewReader(c).ReadString('\n')
	if err != nil {
		return fmt.Errorf("hand over to the open window: no answer: %w", err)
	}
	if line != "ok\n" {
		return fmt.Errorf("hand over to the open window: answered %q", line)
	}
	return nil
}
