// Package cli is the `margin <command>` command line over clip, storage and
// export. It never imports fyne: with no command, Run hands over to the GUI
// through the function main.go passes in.
package cli

import (
	"app.margin/margin/internal/text"

	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"app.margin/margin/storage"
)

// Version is the app version, set by main from FyneApp.toml's value.
var Version = "dev"

// errUsage marks a mistake in the command line; Run prints the usage with it.
var errUsage = errors.New("usage")

// env is what a command runs with.
type env struct {
	stdout, stderr io.Writer
	getenv         func(string) string
	library        string // resolved library path
}

// command is one `margin <name>` subcommand.
type command struct {
	name    string
	args    string // usage after the name, e.g. "<url|file> [--url ORIGINAL] [--json]"
	summary string
	run     func(ctx context.Context, e *env, args []string) error
}

// commands is every command, in the order help lists them; each run
// function lives in the file named after what it works on.
func commands() []command {
	return []command{
		{name: "add", args: "<url|file> [--url ORIGINAL] [--tag T]... [--no-images] [--json]",
			summary: "clip a page and store it in the library", run: runAdd},
		{name: "backup", args: "FILE", summary: "write a consistent copy of the library to a new file", run: runBackup},
		{name: "clip", args: "<url|file> [--url ORIGINAL] [--no-images] [--json]",
			summary: "clip a page and print the article (stores nothing)", run: runClip},
		{name: "export", args: "[--out DIR|FILE.epub] [--id N]... [--tag T | --query Q] [--full] [--format md|json|epub] [--single FILE]",
			summary: "export articles, highlights and notes as Markdown, W3C annotation JSON or an EPUB book", run: runExport},
		{name: "gc", summary: "remove the stored pictures no article uses any more", run: runGC},
		{name: "highlight", args: "ID --quote TEXT [--occurrence N] [--color C] [--note TEXT] [--json]",
			summary: "highlight a passage of an article by its text", run: runHighlight},
		{name: "highlights", args: "ID [--json]", summary: "list an article's highlights", run: runHighlights},
		{name: "images", args: "ID | --fetch [ID]",
			summary: "list an article's pictures; --fetch fetches the missing pictures of one article or of all", run: runImages},
		{name: "import", args: "FILE [--format F] [--dry-run] [--no-fetch] [--tag T]... [--json]",
			summary: "import a Pocket, Omnivore, Instapaper, Readwise Reader, wallabag or bookmarks export", run: runImport},
		{name: "list", args: "[--sort clipped|published|title] [--tag T] [--site S] [--unread|--archived|--favorite] [--limit N] [--all] [--json]",
			summary: "list the newest articles outside the archive; --archived the archive, --all everything", run: runList},
		{name: "mark", args: "ID --read|--unread", summary: "mark an article read or unread", run: runMark},
		{name: "native-host", args: "[ORIGIN]",
			summary: "talk to the browser connector over native messaging (the browser starts it)", run: runNativeHost},
		{name: "note", args: "ID TEXT (- reads standard input)", summary: "set an article's note", run: runNote},
		{name: "queue", args: "[run [--pause D] | retry | cancel] [--json]",
			summary: "show the clipping queue; run fetches what waits, retry tries the failures again, cancel gives up what waits", run: runQueue},
		{name: "rm", args: "ID --yes", summary: "delete an article with its highlights", run: runRm},
		{name: "search", args: "QUERY... [--limit N] [--newest] [--json]",
			summary: "search the whole library, the archive too: titles, text, tags, notes, highlights (tag:X site:X is:archived|favorite|unread -is:archived)", run: runSearch},
		{name: "show", args: "ID [--json]", summary: "print an article with its attribution, tags and note", run: runShow},
		{name: "tag", args: "ID [+TAG | -TAG | TAG]... | rename OLD NEW | rm TAG",
			summary: "add (+TAG or TAG) and remove (-TAG) an article's tags; rename or merge a tag, or take it off every article", run: runTag},
		{name: "tags", args: "[--json]", summary: "list the tags with their article counts", run: runTags},
		{name: "version", summary: "print the version", run: runVersion},
	}
}

// Run runs the command line args (without the program name) and returns the
// process exit code. With no command it calls openGUI with the library path,
// and with web addresses or saved pages instead of a command (as a desktop
// entry's "Open with Margin" passes them), with those to clip too.
func Run(ctx context.Context, args []string, stdout, stderr io.Writer, openGUI func(library string, targets []string) error) int {
	e := &env{stdout: stdout, stderr: stderr, getenv: os.Getenv}
	args, lib, err := takeLibraryFlag(args)
	if err == nil {
		e.library, err = resolveLibrary(lib, e.getenv)
	}
	if err != nil {
		fmt.Fprintf(stderr, "margin: %s\n", oneLine(err))
		return 2
	}
	if len(args) == 0 || allTargets(args) {
		if err := openGUI(e.library, args); err != nil {
			fmt.Fprintf(stderr, "margin: %s\n", oneLine(err))
			return 1
		}
		return 0
	}
	name := args[0]
	if name == "help" || name == "-h" || name == "--help" {
		printUsage(stdout)
		return 0
	}
	for _, c := range commands() {
		if c.name != name {
			continue
		}
		err := c.run(ctx, e, args[1:])
		switch {
		case err == nil:
			return 0
		case errors.Is(err, flag.ErrHelp):
			fmt.Fprintf(stdout, "usage: margin %s %s\n", c.name, c.args)
			return 0
		case errors.Is(err, errUsage):
			fmt.Fprintf(stderr, "margin %s: %s\nusage: margin %s %s\n", c.name, oneLine(err), c.name, c.args)
			return 2
		default:
			msg := oneLine(err)
			if !strings.HasPrefix(msg, c.name+" ") && !strings.HasPrefix(msg, c.name+":") {
				msg = c.name + ": " + msg
			}
			fmt.Fprintf(stderr, "margin %s\n", msg)
			return 1
		}
	}
	fmt.Fprintf(stderr, "margin: unknown command %q (run `margin help`)\n", name)
	return 2
}

// allTargets reports a command line of web addresses and saved pages only,
// which the app clips. A command's name is never one: it has no scheme and
// is no file here (a file named "list" must be given as ./list).
func allTargets(args []string) bool {
	for _, a := range args {
		if strings.Contains(a, "://") {
			continue
		}
		if _, err := os.Stat(a); err == nil && (strings.ContainsRune(a, os.PathSeparator) || !isCommand(a)) {
			continue
		}
		return false
	}
	return true
}

func isCommand(name string) bool {
	for _, c := range commands() {
		if c.name == name {
			return true
		}
	}
	return name == "help"
}

func printUsage(w io.Writer) {
	fmt.Fprintln(w, "usage: margin [--library PATH] [command | ADDRESS… | FILE…]")
	fmt.Fprintln(w, "\nWith no command, margin opens the app; with web addresses or saved pages, it opens")
	fmt.Fprintln(w, "the app and clips them (in the window already open on the library, if there is one).")
	fmt.Fprintln(w, "Commands:")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-10s %s\n", c.name, c.summary)
		if c.args != "" {
			fmt.Fprintf(w, "  %-10s   margin %s %s\n", "", c.name, c.args)
		}
	}
	fmt.Fprintln(w, "\nAn article's ID is its number in `margin list`, or its key: the UUID its exports name it by.")
	fmt.Fprintln(w, "The library is --library PATH, else $MARGIN_LIBRARY, else the default in your data folder.")
}

// takeLibraryFlag removes --library PATH (or --library=PATH) from anywhere in
// args, so it works before or after the command name. library is nil when
// the flag is absent, and points at "" for --library "".
func takeLibraryFlag(args []string) (rest []string, library *string, err error) {
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch {
		case a == "--":
			return append(rest, args[i:]...), library, nil
		case a == "--library" || a == "-library":
			if i+1 >= len(args) {
				return nil, nil, errNoLibraryPath
			}
			library = &args[i+1]
			i++
		case strings.HasPrefix(a, "--library=") || strings.HasPrefix(a, "-library="):
			v := a[strings.IndexByte(a, '=')+1:]
			library = &v
		default:
			rest = append(rest, a)
		}
	}
	return rest, library, nil
}

// errNoLibraryPath is --library without a path, or with an empty one: an
// empty path is a mistake (an unset shell variable), never a request for the
// default library.
var errNoLibraryPath = errors.New("--library needs a path")

// resolveLibrary chooses the library file: the --library flag when given
// (nil when absent), else $MARGIN_LIBRARY, else storage.DefaultPath.
func resolveLibrary(flagValue *string, getenv func(string) string) (string, error) {
	if flagValue != nil {
		if strings.TrimSpace(*flagValue) == "" {
			return "", errNoLibraryPath
		}
		return *flagValue, nil
	}
	if v := getenv("MARGIN_LIBRARY"); v != "" {
		return v, nil
	}
	return storage.DefaultPath()
}

// parseInterspersed parses flags that may come before, between or after the
// positional arguments (`margin clip URL --json`), which flag.Parse alone
// does not allow.
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	fs.SetOutput(io.Discard)
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, err
			}
			return nil, fmt.Errorf("%w: %w", errUsage, err)
		}
		args = fs.Args()
		if len(args) == 0 {
			return positional, nil
		}
		positional = append(positional, args[0])
		args = args[1:]
	}
}

// reworded is an error in the command line's own words that keeps its
// cause for errors.Is and errors.As: "no article with id 7" says all a user
// needs, and the storage.ErrNotFound underneath stays testable.
type reworded struct {
	msg   string
	cause error
}

func (e *reworded) Error() string { return e.msg }
func (e *reworded) Unwrap() error { return e.cause }

// oneLine keeps an error message to one line, as the CLI promises.
func oneLine(err error) string {
	return text.OneLine(err.Error())
}

func runVersion(ctx context.Context, e *env, args []string) error {
	_, err := fmt.Fprintf(e.stdout, "margin %s\n", Version)
	return err
}
