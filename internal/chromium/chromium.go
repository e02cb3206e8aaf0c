// Package chromium drives a headless Chromium over the DevTools protocol, for
// tests that must see what a real browser does with a page: open it at a
// link, evaluate a script in it, take a screenshot.
//
// It speaks the protocol over the pipe Chromium opens with
// --remote-debugging-pipe (JSON messages ended by a NUL byte on file
// descriptors 3 and 4), which needs no port, no websocket and no module
// beyond the standard library.
package chromium

import (
	"bufio"
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"image"
	"image/png"
	"os"
	"os/exec"
	"sync"
	"time"
)

// ErrNotInstalled reports that no Chromium binary was found.
var ErrNotInstalled = errors.New("chromium not installed")

// Find returns the path of a Chromium binary: $CHROMIUM when set, else the
// first of chromium, chromium-browser, google-chrome on $PATH.
func Find() (string, error) {
	if p := os.Getenv("CHROMIUM"); p != "" {
		return exec.LookPath(p)
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p, nil
		}
	}
	return "", ErrNotInstalled
}

// Options configure a browser.
type Options struct {
	Width, Height int // the viewport, in CSS pixels at scale 1
	// AllowHosts are the only hosts the browser may reach (127.0.0.1 for an
	// httptest server); every other name fails to resolve, so a page's
	// scripts, fonts and trackers neither load from the internet nor wait
	// for a timeout.
	AllowHosts []string
}

// Browser is a running headless Chromium.
type Browser struct {
	cmd     *exec.Cmd
	out     *os.File // commands to the browser (its fd 3)
	in      *os.File // replies and events from it (its fd 4)
	dir     string   // the throwaway profile
	mu      sync.Mutex
	nextID  int64
	pending map[int64]chan message
	waiters []*waiter
	done    chan struct{} // closed when the reader stops
	readErr error
}

type message struct {
	ID        int64           `json:"id,omitempty"`
	Method    string          `json:"method,omitempty"`
	Params    json.RawMessage `json:"params,omitempty"`
	Result    json.RawMessage `json:"result,omitempty"`
	Error     *protoError     `json:"error,omitempty"`
	SessionID string          `json:"sessionId,omitempty"`
}

type protoError struct {
	Code    int    `json:"code"`
	Message string `json:"message"`
}

// waiter is one pending wait for an event of a session.
type waiter struct {
	session, method string
	ch              chan json.RawMessage
}

// Start launches Chromium at path, headless, with a fresh profile.
func Start(ctx context.Context, path string, opt Options) (*Browser, error) {
	dir, err := os.MkdirTemp("", "margin-chromium-")
	if err != nil {
		return nil, fmt.Errorf("start chromium: %w", err)
	}
	rules := "MAP * ~NOTFOUND"
	for _, h := range opt.AllowHosts {
		rules += ", EXCLUDE " + h
	}
	args := []string{
		"--headless", "--remote-debugging-pipe", "--no-sandbox", "--disable-gpu",
		"--disable-dev-shm-usage", "--no-first-run", "--no-default-browser-check",
		"--disable-extensions", "--disable-background-networking", "--disable-sync",
		"--disable-component-update", "--mute-audio", "--hide-scrollbars",
		"--force-device-scale-factor=1", "--user-data-dir=" + dir,
		"--blink-settings=imagesEnabled=false",
		fmt.Sprintf("--window-size=%d,%d", opt.Width, opt.Height),
		"--host-resolver-rules=" + rules,
		"about:blank",
	}
	toR, toW, err := os.Pipe()
	if err != nil {
		os.RemoveAll(dir)
		return nil, fmt.Errorf("start chromium: %w", err)
	}
	fromR, fromW, err := os.Pipe()
	if err != nil {
		toR.Close()
		toW.Close()
		os.RemoveAll(dir)
		return nil, fmt.Errorf("start chromium: %w", err)
	}
	cmd := exec.Command(path, args...)
	cmd.ExtraFiles = []*os.File{toR, fromW} // fd 3: it reads, fd 4: it writes
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		toR.Close()
		toW.Close()
		fromR.Close()
		fromW.Close()
		os.RemoveAll(dir)
		return nil, fmt.Errorf("start chromium: %w", err)
	}
	toR.Close()
	fromW.Close()
	b := &Browser{cmd: cmd, out: toW, in: fromR, dir: dir, pending: map[int64]chan message{}, done: make(chan struct{})}
	go b.read()
	var v struct {
		Product string `json:"product"`
	}
	if err := b.call(ctx, "", "Browser.getVersion", nil, &v); err != nil {
		b.Close()
		return nil, fmt.Errorf("start chromium: %w (stderr: %s)", err, bytes.TrimSpace(stderr.Bytes()))
	}
	return b, nil
}

// read dispatches the browser's messages until the pipe closes.
func (b *Browser) read() {
	defer close(b.done)
	r := bufio.NewReaderSize(b.in, 1<<20)
	for {
		raw, err := r.ReadBytes(0)
		if err != nil {
			b.mu.Lock()
			b.readErr = err
			b.mu.Unlock()
			return
		}
		var m message
		if err := json.Unmarshal(raw[:len(raw)-1], &m); err != nil {
			continue
		}
		b.mu.Lock()
		if m.ID != 0 {
			if ch := b.pending[m.ID]; ch != nil {
				delete(b.pending, m.ID)
				ch <- m
			}
		} else if m.Method != "" {
			kept := b.waiters[:0]
			for _, w := range b.waiters {
				if w.session == m.SessionID && w.method == m.Method {
					w.ch <- m.Params
					continue
				}
				kept = append(kept, w)
			}
			b.waiters = kept
		}
		b.mu.Unlock()
	}
}

// call sends a command (to a page's session, or to the browser when
// session is "") and decodes its result into out when out is not nil.
func (b *Browser) call(ctx context.Context, session, method string, params, out any) error {
	b.mu.Lock()
	b.nextID++
	id := b.nextID
	ch := make(chan message, 1)
	b.pending[id] = ch
	b.mu.Unlock()
	msg := map[string]any{"id": id, "method": method}
	if params != nil {
		msg["params"] = params
	}
	if session != "" {
		msg["sessionId"] = session
	}
	raw, err := json.Marshal(msg)
	if err != nil {
		return fmt.Errorf("%s: %w", method, err)
	}
	b.mu.Lock()
	_, err = b.out.Write(append(raw, 0))
	b.mu.Unlock()
	if err != nil {
		return fmt.Errorf("%s: %w", method, err)
	}
	select {
	case m := <-ch:
		if m.Error != nil {
			return fmt.Errorf("%s: %s (%d)", method, m.Error.Message, m.Error.Code)
		}
		if out != nil {
			if err := json.Unmarshal(m.Result, out); err != nil {
				return fmt.Errorf("%s: %w", method, err)
			}
		}
		return nil
	case <-b.done:
		return fmt.Errorf("%s: browser exited: %w", method, b.readErr)
	case <-ctx.Done():
		b.mu.Lock()
		delete(b.pending, id)
		b.mu.Unlock()
		return fmt.Errorf("%s: %w", method, ctx.Err())
	}
}

// expect registers a wait for the next event method of session; register
// before the command that causes it.
func (b *Browser) expect(session, method string) *waiter {
	w := &waiter{session: session, method: method, ch: make(chan json.RawMessage, 1)}
	b.mu.Lock()
	b.waiters = append(b.waiters, w)
	b.mu.Unlock()
	return w
}

func (b *Browser) forget(w *waiter) {
	b.mu.Lock()
	defer b.mu.Unlock()
	for i, x := range b.waiters {
		if x == w {
			b.waiters = append(b.waiters[:i], b.waiters[i+1:]...)
			return
		}
	}
}

// Close ends the browser and removes its profile.
func (b *Browser) Close() error {
	b.out.Close()
	exited := make(chan error, 1)
	go func() { exited <- b.cmd.Wait() }()
	select {
	case <-exited:
	case <-time.After(5 * time.Second):
		b.cmd.Process.Kill()
		<-exited
	}
	b.in.Close()
	return os.RemoveAll(b.dir)
}

// Page is a browser tab.
type Page struct {
	b       *Browser
	session string
	target  string
}

// NewPage opens a tab on about:blank.
func (b *Browser) NewPage(ctx context.Context) (*Page, error) {
	var t struct {
		TargetID string `json:"targetId"`
	}
	if err := b.call(ctx, "", "Target.createTarget", map[string]any{"url": "about:blank"}, &t); err != nil {
		return nil, fmt.Errorf("new page: %w", err)
	}
	var s struct {
		SessionID string `json:"sessionId"`
	}
	if err := b.call(ctx, "", "Target.attachToTarget", map[string]any{"targetId": t.TargetID, "flatten": true}, &s); err != nil {
		return nil, fmt.Errorf("new page: %w", err)
	}
	p := &Page{b: b, session: s.SessionID, target: t.TargetID}
	if err := p.Call(ctx, "Page.enable", nil, nil); err != nil {
		return nil, fmt.Errorf("new page: %w", err)
	}
	return p, nil
}

// Call sends a DevTools command to the page and decodes its result into out
// (when not nil).
func (p *Page) Call(ctx context.Context, method string, params, out any) error {
	return p.b.call(ctx, p.session, method, params, out)
}

// Navigate opens url as a browser-initiated navigation (the kind that
// applies a text fragment) and waits until the document is parsed
// (DOMContentLoaded), or for ctx. It does not wait for the load event, which
// a page's stalled subresources can hold back indefinitely.
func (p *Page) Navigate(ctx context.Context, url string) error {
	w := p.b.expect(p.session, "Page.domContentEventFired")
	defer p.b.forget(w)
	var r struct {
		ErrorText string `json:"errorText"`
	}
	if err := p.Call(ctx, "Page.navigate", map[string]any{"url": url}, &r); err != nil {
		return fmt.Errorf("navigate: %w", err)
	}
	if r.ErrorText != "" {
		return fmt.Errorf("navigate to %s: %s", url, r.ErrorText)
	}
	select {
	case <-w.ch:
		return nil
	case <-ctx.Done():
		return fmt.Errorf("navigate to %s: waiting for load: %w", url, ctx.Err())
	}
}

// Eval evaluates a JavaScript expression in the page and decodes its value
// (which must be JSON-serialisable) into out when out is not nil.
func (p *Page) Eval(ctx context.Context, expr string, out any) error {
	var r struct {
		Result struct {
			Value json.RawMessage `json:"value"`
		} `json:"result"`
		ExceptionDetails *struct {
			Text      string `json:"text"`
			Exception *struct {
				Description string `json:"description"`
			} `json:"exception"`
		} `json:"exceptionDetails"`
	}
	err := p.Call(ctx, "Runtime.evaluate", map[string]any{"expression": expr, "returnByValue": true}, &r)
	if err != nil {
		return fmt.Errorf("eval: %w", err)
	}
	if e := r.ExceptionDetails; e != nil {
		msg := e.Text
		if e.Exception != nil {
			msg = e.Exception.Description
		}
		return fmt.Errorf("eval: %s", msg)
	}
	if out != nil && len(r.Result.Value) > 0 {
		if err := json.Unmarshal(r.Result.Value, out); err != nil {
			return fmt.Errorf("eval: %w", err)
		}
	}
	return nil
}

// Screenshot captures the viewport as an image.
func (p *Page) Screenshot(ctx context.Context) (image.Image, error) {
	var r struct {
		Data string `json:"data"`
	}
	if err := p.Call(ctx, "Page.captureScreenshot", map[string]any{"format": "png", "optimizeForSpeed": true}, &r); err != nil {
		return nil, fmt.Errorf("screenshot: %w", err)
	}
	raw, err := base64.StdEncoding.DecodeString(r.Data)
	if err != nil {
		return nil, fmt.Errorf("screenshot: %w", err)
	}
	img, err := png.Decode(bytes.NewReader(raw))
	if err != nil {
		return nil, fmt.Errorf("screenshot: %w", err)
	}
	return img, nil
}
