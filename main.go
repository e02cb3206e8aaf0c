// Command margin is a local-first reader: it clips web articles into a local
// library, lets you highlight and annotate them, and exports your notes.
//
// main wires the parts together; what margin does lives in clip, storage,
// export, cli and app.
package main

import (
	"context"
	_ "embed"
	"errors"
	"fmt"
	"log"
	"os"
	"os/signal"
	"time"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"
	"github.com/BurntSushi/toml"

	"app.margin/margin/app"
	"app.margin/margin/cli"
	_ "app.margin/margin/cli/locale" // must initialise before fyne reads the locale
	"app.margin/margin/clip"
	"app.margin/margin/internal/instance"
	"app.margin/margin/internal/quietlog"
	"app.margin/margin/queue"
	"app.margin/margin/storage"
)

var (
	//go:embed FyneApp.toml
	fyneAppTOML []byte
	//go:embed assets/icon.png
	iconPNG []byte
)

// exitGrace is how long the process may take to end once the window has
// closed.
const exitGrace = 5 * time.Second

func main() {
	log.SetOutput(quietlog.New(os.Stderr)) // Fyne's harmless complaints stay off the terminal
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	meta := metadata()
	cli.Version = meta.Version
	code := cli.Run(ctx, os.Args[1:], os.Stdout, os.Stderr, func(library string, targets []string) error {
		return openGUI(ctx, meta, library, targets)
	})
	stop()
	os.Exit(code)
}

// openGUI runs the desktop app on the library at path until its windows
// close, and clips targets (web addresses, saved pages) in it. When a
// margin has that library open already, that window comes forward and
// clips targets instead. When the library cannot be opened, a window says
// why and lets the reader choose or create another; if none is opened, the
// first reason is returned (and printed by cli).
func openGUI(ctx context.Context, meta fyne.AppMetadata, path string, targets []string) error {
	held, err := instance.Claim(path)
	if errors.Is(err, instance.ErrRunning) {
		if err := instance.Hand(ctx, path, targets); err != nil {
			return fmt.Errorf("%s is open in another Margin window, which does not answer: close that window or end its process (%w)", path, err)
		}
		fmt.Println("margin: the library is open in another window; it has come forward.")
		return nil
	}
	// Any other error: no lock can be taken (a read-only folder); go on without.
	defer func() { held.Close() }()

	fyneapp.SetMetadata(meta)
	fa := fyneapp.NewWithID(meta.ID)
	fa.SetIcon(meta.Icon)

	// receive takes what a second margin hands over (on Fyne's goroutine):
	// the main window's Receive, or before a library is open, the window
	// that says why not comes forward.
	var receive func(targets []string)
	serve := func(p *instance.Primary) {
		p.Serve(func(targets []string) {
			fyne.Do(func() {
				if receive != nil {
					receive(targets)
				}
			})
		})
	}
	serve(held)

	var lib *storage.Library
	defer func() {
		if lib != nil {
			lib.Close()
		}
	}()
	show := func(l *storage.Library) {
		lib = l
		c := clip.NewClient()
		w := app.New(fa, lib, c, &queue.Service{Library: lib, Clipper: c})
		w.SetOnClosed(func() {
			held.Close() // a margin started from now on opens the library itself
			// Fyne 2.7 now and then hangs on its way out (its lifecycle
			// queue waits for a loop that has stopped). Everything is
			// stored by now, so a hung exit goes anyway.
			time.AfterFunc(exitGrace, func() { os.Exit(0) })
		})
		w.Show()
		receive = w.Receive
		if len(targets) > 0 {
			w.Receive(targets)
		}
	}
	// open opens another library, chosen after this one failed to open.
	open := func(p string) error {
		if p != path {
			other, err := instance.Claim(p)
			if errors.Is(err, instance.ErrRunning) {
				return err
			}
			held.Close()
			held = other
			serve(held)
		}
		l, err := storage.Open(ctx, p)
		if err != nil {
			return err
		}
		show(l)
		return nil
	}
	var openErr error // the first reason, returned when no library opened
	app.OpenLibrary(ctx, fa, func(ctx context.Context, progress func(storage.Upgrade)) (*storage.Library, error) {
		return storage.Open(ctx, path, storage.OnUpgrade(progress))
	}, func(l *storage.Library, err error) {
		if err != nil {
			openErr = err
			failed := app.OpenFailed(fa, path, err, open)
			receive = func([]string) { failed.Show(); failed.RequestFocus() }
			failed.Show()
			return
		}
		show(l)
	})
	fa.Run()
	if lib == nil {
		return openErr
	}
	return nil
}

// metadata reads FyneApp.toml, embedded so that a plain `go build` binary
// has the same ID (and so the same preferences folder) wherever it runs.
func metadata() fyne.AppMetadata {
	var file struct {
		Details struct {
			ID, Name, Version string
			Build             int
		}
		Migrations map[string]bool
	}
	if _, err := toml.Decode(string(fyneAppTOML), &file); err != nil {
		fmt.Fprintf(os.Stderr, "margin: FyneApp.toml: %s\n", err)
	}
	return fyne.AppMetadata{
		ID:         file.Details.ID,
		Name:       file.Details.Name,
		Version:    file.Details.Version,
		Build:      file.Details.Build,
		Icon:       fyne.NewStaticResource("icon.png", iconPNG),
		Migrations: file.Migrations,
	}
}
