package connector_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"sync"
	"testing"
	"time"
)

// browser is a Chromium driven over the DevTools protocol on a pipe
// (--remote-debugging-pipe: requests on fd 3, answers on fd 4, each a JSON
// text ended by a NUL byte). The pipe, unlike a debugging port, also lets
// the protocol load extensions and press their toolbar buttons.
type browser struct {
	cmd    *exec.Cmd
	toPipe io.WriteCloser
	stderr bytes.Buffer

	mu      sync.Mutex
	nextID  int
	pending map[int]chan cdpMessage
	closed  error // why reading the pipe stopped
}

type cdpMessage struct {
	ID        int             `json:"id,omitempty"`
	Method    string          `json:"method,omitempty"`
	Params    any             `json:"params,omitempty"`
	SessionID string          `json:"sessionId,omitempty"`
	Result    json.RawMessage `json:"result,omitempty"`
	Error     *struct {
		Code    int    `json:"code"`
		Message string `json:"message"`
	} `json:"error,omitempty"`
}

// startBrowser starts Chromium headless with the given extra flags and
// stops it when the test ends.
func startBrowser(t testing.TB, chromium, userDataDir string, flags ...string) *browser {
	t.Helper()
	browserReads, weWrite, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	weRead, browserWrites, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	args := append([]string{
		"--headless=new",
		"--remote-debugging-pipe",
		"--enable-unsafe-extension-debugging",
		"--user-data-dir=" + userDataDir,
		"--no-first-run",
		"--no-default-browser-check",
		"--disable-gpu",
		"--disable-dev-shm-usage",
		"--disable-background-networking",
		"--disable-component-update",
		"--disable-sync",
	}, flags...)
	if os.Geteuid() == 0 {
		// Chromium refuses to run as root with its sandbox (containers, CI).
		args = append(args, "--no-sandbox")
	}
	b := &browser{pending: map[int]chan cdpMessage{}, toPipe: weWrite}
	b.cmd = exec.Command(chromium, append(args, "about:blank")...)
	b.cmd.ExtraFiles = []*os.File{browserReads, browserWrites}
	b.cmd.Stderr = &b.stderr
	if err := b.cmd.Start(); err != nil {
		t.Fatalf("start %s: %v", chromium, err)
	}
	browserReads.Close()
	browserWrites.Close()
	go b.read(weRead)
	t.Cleanup(func() {
		b.call(context.Background(), "", "Browser.close", nil, nil)
		weWrite.Close()
		done := make(chan error, 1)
		go func() { done <- b.cmd.Wait() }()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			b.cmd.Process.Kill()
			<-done
		}
		if t.Failed() {
			t.Logf("chromium's log:\n%s", lastLines(b.stderr.String(), 40))
		}
	})
	return b
}

func (b *browser) read(r io.ReadCloser) {
	defer r.Close()
	br := bufio.NewReaderSize(r, 1<<20)
	var err error
	for {
		var line []byte
		line, err = br.ReadBytes(0)
		if err != nil {
			break
		}
		var m cdpMessage
		if json.Unmarshal(line[:len(line)-1], &m) != nil || m.ID == 0 {
			continue // events: nothing here waits for them
		}
		b.mu.Lock()
		ch := b.pending[m.ID]
		delete(b.pending, m.ID)
		b.mu.Unlock()
		if ch != nil {
			ch <- m
		}
	}
	b.mu.Lock()
	b.closed = fmt.Errorf("the browser closed its pipe: %w", err)
	for id, ch := range b.pending {
		close(ch)
		delete(b.pending, id)
	}
	b.mu.Unlock()
}

// call sends one command (to a session when session is not "") and decodes
// its result into result.
func (b *browser) call(ctx context.Context, session, method string, params, result any) error {
	b.mu.Lock()
	if b.closed != nil {
		b.mu.Unlock()
		return b.closed
	}
	b.nextID++
	id := b.nextID
	ch := make(chan cdpMessage, 1)
	b.pending[id] = ch
	b.mu.Unlock()
	msg, err := json.Marshal(cdpMessage{ID: id, Method: method, Params: params, SessionID: session})
	if err != nil {
		return err
	}
	if _, err := b.toPipe.Write(append(msg, 0)); err != nil {
		return fmt.Errorf("%s: %w", method, err)
	}
	select {
	case m, ok := <-ch:
		if !ok {
			return fmt.Errorf("%s: %w", method, b.closed)
		}
		if m.Error != nil {
			return fmt.Errorf("%s: %s (%d)", method, m.Error.Message, m.Error.Code)
		}
		if result != nil {
			return json.Unmarshal(m.Result, result)
		}
		return nil
	case <-ctx.Done():
		return fmt.Errorf("%s: %w", method, ctx.Err())
	}
}

// target is a page or worker the browser runs.
type target struct {
	ID   string `json:"targetId"`
	Type string `json:"type"`
	URL  string `json:"url"`
}

func (b *browser) targets(ctx context.Context) ([]target, error) {
	var res struct {
		TargetInfos []target `json:"targetInfos"`
	}
	// An empty filter lists every kind, tabs included.
	err := b.call(ctx, "", "Target.getTargets", map[string]any{"filter": []any{map[string]any{}}}, &res)
	return res.TargetInfos, err
}

// attach opens a session on a target for Runtime.evaluate.
func (b *browser) attach(ctx context.Context, targetID string) (string, error) {
	var res struct {
		SessionID string `json:"sessionId"`
	}
	err := b.call(ctx, "", "Target.attachToTarget", map[string]any{"targetId": targetID, "flatten": true}, &res)
	return res.SessionID, err
}

// eval evaluates a JavaScript expression in a session, awaits it if it is a
// promise, and decodes its value into result.
func (b *browser) eval(ctx context.Context, session, expr string, result any) error {
	var res struct {
		Result struct {
			Value json.RawMessage `json:"value"`
		} `json:"result"`
		ExceptionDetails *struct {
			Text      string `json:"text"`
			Exception struct {
				Description string `json:"description"`
			} `json:"exception"`
		} `json:"exceptionDetails"`
	}
	err := b.call(ctx, session, "Runtime.evaluate", map[string]any{
		"expression": expr, "awaitPromise": true, "returnByValue": true,
	}, &res)
	if err != nil {
		return err
	}
	if e := res.ExceptionDetails; e != nil {
		return fmt.Errorf("evaluate %.60q: %s %s", expr, e.Text, e.Exception.Description)
	}
	if result == nil || len(res.Result.Value) == 0 {
		return nil
	}
	return json.Unmarshal(res.Result.Value, result)
}

// waitFor asks check until it is done; the context bounds the wait.
func waitFor(ctx context.Context, what string, check func() (bool, error)) error {
	var last error
	for {
		done, err := check()
		if done && err == nil {
			return nil
		}
		last = err
		select {
		case <-ctx.Done():
			return errors.Join(fmt.Errorf("waiting for %s: %w", what, ctx.Err()), last)
		case <-time.After(50 * time.Millisecond):
		}
	}
}

// lastLines keeps the last n lines of a log, without the D-Bus complaints
// of a machine with no desktop session.
func lastLines(s string, n int) string {
	var lines [][]byte
	for _, l := range bytes.Split([]byte(s), []byte("\n")) {
		if !bytes.Contains(l, []byte("dbus")) {
			lines = append(lines, l)
		}
	}
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return string(bytes.Join(lines, []byte("\n")))
}
