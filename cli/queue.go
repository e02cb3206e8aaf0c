package cli

import (
	"app.margin/margin/internal/text"

	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"

	"app.margin/margin/queue"
	"app.margin/margin/storage"
)

func runQueue(ctx context.Context, e *env, args []string) error {
	fset := flag.NewFlagSet("queue", flag.ContinueOnError)
	asJSON := fset.Bool("json", false, "print as JSON")
	pause := fset.Duration("pause", queue.DefaultHostPause, "run: the pause between two requests to one site")
	pos, err := parseInterspersed(fset, args)
	if err != nil {
		return err
	}
	sub := ""
	if len(pos) > 0 {
		sub = pos[0]
	}
	if len(pos) > 1 || (sub != "" && sub != "run" && sub != "retry" && sub != "cancel") {
		return fmt.Errorf("%w: margin queue takes run, retry, cancel or nothing", errUsage)
	}
	lib, err := openLibrary(ctx, e, false)
	if err != nil {
		return err
	}
	defer lib.Close()
	switch sub {
	case "run":
		return runQueueRun(ctx, e, lib, *pause, *asJSON)
	case "retry":
		n, err := lib.RetryFailed(ctx)
		if err != nil {
			return err
		}
		_, err = fmt.Fprintf(e.stdout, "%d failed pages wait again: run `margin queue run` to fetch them\n", n)
		return err
	case "cancel":
		n, err := lib.CancelQueue(ctx)
		if err != nil {
			return err
		}
		_, err = fmt.Fprintf(e.stdout, "%d waiting pages cancelled: they stay bookmarks; `margin queue retry` fetches them after all\n", n)
		return err
	}
	st, err := lib.QueueStatus(ctx)
	if err != nil {
		return err
	}
	if *asJSON {
		return printJSON(e, st)
	}
	return printQueueStatus(e.stdout, st)
}

func printQueueStatus(w io.Writer, st storage.QueueStatus) error {
	if st.Total() == 0 {
		_, err := fmt.Fprintln(w, "the clipping queue is empty")
		return err
	}
	fmt.Fprintf(w, "clipping queue: %d waiting, %d fetching, %d fetched, %d failed\n", st.Pending, st.Running, st.Done, st.Failed)
	if st.Pending > 0 && !st.Next.IsZero() && st.Next.After(time.Now()) {
		fmt.Fprintf(w, "next fetch due at %s\n", st.Next.Local().Format("2006-01-02 15:04:05"))
	}
	for _, f := range st.Failures {
		fmt.Fprintf(w, "  failed: %s: %s\n", f.URL, f.Error)
	}
	if st.Failed > 0 {
		fmt.Fprintln(w, "`margin queue retry` tries the failures again")
	}
	return nil
}

// runQueueRun runs the queue to its end: a progress bar on a terminal, a
// line per page otherwise. Ctrl-C stops it; the next run resumes.
func runQueueRun(ctx context.Context, e *env, lib *storage.Library, pause time.Duration, asJSON bool) error {
	var bar *progressbar.ProgressBar
	r := &queue.Runner{Library: lib, HostPause: pause}
	if f, ok := e.stdout.(*os.File); ok && !asJSON && term.IsTerminal(int(f.Fd())) {
		r.OnEvent = func(ev queue.Event) {
			if bar == nil {
				bar = progressbar.NewOptions(ev.Total, progressbar.OptionSetWriter(f),
					progressbar.OptionSetDescription("fetching"), progressbar.OptionShowCount(),
					progressbar.OptionSetPredictTime(true), progressbar.OptionClearOnFinish())
			}
			bar.Set(ev.Fetched + ev.Failed)
			if ev.Outcome == queue.Failed {
				bar.Clear()
				fmt.Fprintf(e.stderr, "failed: %s: %s\n", ev.Item.URL, text.OneLine(ev.Reason))
			}
		}
	} else if !asJSON {
		r.OnEvent = func(ev queue.Event) { printEvent(e.stdout, ev) }
	}
	sum, err := r.Run(ctx)
	if bar != nil {
		bar.Finish()
	}
	if errors.Is(err, context.Canceled) {
		fmt.Fprintf(e.stdout, "stopped after %d fetched, %d failed: `margin queue run` goes on\n", sum.Fetched, sum.Failed)
		return nil
	}
	if err != nil {
		return err
	}
	if asJSON {
		return printJSON(e, sum)
	}
	_, err = fmt.Fprintf(e.stdout, "clipping queue done: %d fetched, %d failed\n", sum.Fetched, sum.Failed)
	return err
}

// printEvent is one plain line per page, for logs and pipes.
func printEvent(w io.Writer, ev queue.Event) {
	n := fmt.Sprintf("[%d/%d]", ev.Fetched+ev.Failed, ev.Total)
	switch ev.Outcome {
	case queue.Fetched:
		fmt.Fprintf(w, "%s fetched %s\n", n, ev.Item.URL)
	case queue.Retry:
		fmt.Fprintf(w, "%s retry %s at %s: %s\n", n, ev.Item.URL, ev.RetryAt.Local().Format("15:04:05"), text.OneLine(ev.Reason))
	case queue.Failed:
		fmt.Fprintf(w, "%s failed %s: %s\n", n, ev.Item.URL, text.OneLine(ev.Reason))
	}
}
