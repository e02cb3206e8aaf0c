package app

import (
	"context"
	"fmt"
	"io/fs"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"app.margin/margin/export"
)

// exportDialogWidgets finds the progress label and bar of the dialog on top.
func exportDialogWidgets(t *testing.T, w fyne.Window) (*widget.Label, *widget.ProgressBar) {
	t.Helper()
	var label *widget.Label
	var bar *widget.ProgressBar
	walk(w.Canvas().Overlays().Top(), func(o fyne.CanvasObject) {
		switch o := o.(type) {
		case *widget.Label:
			if label == nil {
				label = o
			}
		case *widget.ProgressBar:
			bar = o
		}
	})
	if label == nil || bar == nil {
		t.Fatal("no progress label and bar on top of the window")
	}
	return label, bar
}

// TestExportProgressIsCoalesced runs exports of different speeds through the
// export dialog on a clock the test moves, watching the progress label: it
// changes at most once per exportProgressInterval (plus the final state),
// never lags a report by more than the interval, and ends on the last state.
func TestExportProgressIsCoalesced(t *testing.T) {
	tests := []struct {
		name        string
		articles    int
		each        time.Duration // how long one article takes
		stallLast   time.Duration // extra time the last article takes
		wantUpdates int           // label changes, with the final one
	}{
		// The bound: one at the first report, one per interval after it,
		// and the final state.
		{"1,000 articles at once", 1000, 0, 0, 2},
		{"1,000 articles, 1 ms each", 1000, time.Millisecond, 0, 21},
		{"1,000 articles, 1 ms each, the last one slow", 1000, time.Millisecond, 3 * time.Second, 22},
		{"5 articles, 200 ms each", 5, 200 * time.Millisecond, 0, 5},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			u, clock := newTestUI(t, &fakeLibrary{}, nil)

			var label *widget.Label
			var bar *widget.ProgressBar
			updates, lastText := 0, ""
			lastReport := clock.Now()
			// watch counts the label's changes and checks it shows every
			// state reported more than an interval ago.
			watch := func(reported int, since time.Time) {
				if label.Text != lastText {
					updates++
					lastText = label.Text
				}
				if reported > 0 && clock.Now().Sub(since) >= exportProgressInterval {
					if want := fmt.Sprintf("%s of %s", groupDigits(reported), plural(tc.articles, "article", "articles")); label.Text != want {
						t.Errorf("%v after the report of %d: label %q, want %q", clock.Now().Sub(since), reported, label.Text, want)
					}
				}
			}
			u.exportToDir = func(_ context.Context, _ export.Library, dir string, _ export.Selection, _ export.Options, p export.Progress) (export.Result, error) {
				label, bar = exportDialogWidgets(t, u.win)
				lastText = label.Text // "Preparing…"
				for i := 1; i <= tc.articles; i++ {
					clock.Advance(tc.each)
					if i == tc.articles {
						clock.Advance(tc.stallLast)
					}
					watch(i-1, lastReport)
					p(i, tc.articles)
					lastReport = clock.Now()
					watch(i, lastReport)
				}
				return export.Result{Dir: dir}, nil
			}
			u.runExport(export.Selection{}, export.Options{}, t.TempDir(), true)
			if label == nil {
				t.Fatal("the export did not run")
			}
			if label.Text != lastText {
				updates++
			}

			wantText := fmt.Sprintf("%s of %s", groupDigits(tc.articles), plural(tc.articles, "article", "articles"))
			if label.Text != wantText || bar.Value != float64(tc.articles) || bar.Max != float64(tc.articles) {
				t.Errorf("final state: label %q, bar %v of %v; want %q, %d of %d", label.Text, bar.Value, bar.Max, wantText, tc.articles, tc.articles)
			}
			elapsed := time.Duration(tc.articles)*tc.each + tc.stallLast
			if bound := 2 + int(elapsed/exportProgressInterval); updates > bound {
				t.Errorf("%d UI updates for %d articles over %v, more than the bound %d", updates, tc.articles, elapsed, bound)
			}
			if updates != tc.wantUpdates {
				t.Errorf("%d UI updates for %d articles, want %d", updates, tc.articles, tc.wantUpdates)
			}
			if u.win.Canvas().Overlays().Top() == nil {
				t.Error("no summary shown after the export")
			}
		})
	}
}

func TestExportDialogRunsTheExport(t *testing.T) {
	u, _, _ := openTestArticle(t)
	var gotSel export.Selection
	var gotOpt export.Options
	var gotDir string
	u.exportToDir = func(_ context.Context, _ export.Library, dir string, sel export.Selection, opt export.Options, p export.Progress) (export.Result, error) {
		gotDir, gotSel, gotOpt = dir, sel, opt
		p(1, 1)
		return export.Result{Dir: dir, Written: []string{"margins.md"}}, nil
	}
	dir := t.TempDir()
	u.pickFolder = func(done func(string)) { done(dir) }

	u.showExport()
	dlg := u.win.Canvas().Overlays().Top()
	if got := texts(dlg); !slices.Contains(got, "This article: Margins") {
		t.Fatalf("export choices = %q, want this article offered", got)
	}
	test.Tap(button(t, dlg, "Choose where…"))

	if gotDir != dir || !slices.Equal(gotSel.IDs, []int64{7}) || gotOpt.Format != export.Markdown {
		t.Errorf("exported dir=%q sel=%+v opt=%+v, want article 7 as Markdown into %q", gotDir, gotSel, gotOpt, dir)
	}
	if got, want := strings.Join(topDialogTexts(u.win), " "), "Wrote 1 file to "+dir; !strings.Contains(got, want) {
		t.Errorf("summary = %q, want %q", got, want)
	}
}

func TestExportDialogWritesABook(t *testing.T) {
	u, _, _ := openTestArticle(t)
	var gotSel export.Selection
	var gotOpt export.Options
	var gotPath, offered string
	u.exportToFile = func(_ context.Context, _ export.Library, path string, sel export.Selection, opt export.Options, p export.Progress) error {
		gotPath, gotSel, gotOpt = path, sel, opt
		p(1, 1)
		return nil
	}
	u.exportToDir = func(context.Context, export.Library, string, export.Selection, export.Options, export.Progress) (export.Result, error) {
		t.Error("a book was exported to a folder")
		return export.Result{}, nil
	}
	path := filepath.Join(t.TempDir(), "margins.epub")
	u.pickFile = func(name string, done func(string)) { offered = name; done(path) }

	u.showExport()
	dlg := u.win.Canvas().Overlays().Top()
	var format, dest *widget.RadioGroup
	var full *widget.Check
	walk(dlg, func(o fyne.CanvasObject) {
		switch o := o.(type) {
		case *widget.RadioGroup:
			if slices.Contains(o.Options, formatEPUB) {
				format = o
			}
			if slices.Contains(o.Options, destFolder) {
				dest = o
			}
		case *widget.Check:
			full = o
		}
	})
	if format == nil || dest == nil || full == nil {
		t.Fatalf("the export dialog offers no EPUB: %q", texts(dlg))
	}
	format.SetSelected(formatEPUB)
	if dest.Selected != destFile || !dest.Disabled() || !full.Disabled() {
		t.Errorf("with EPUB chosen: into %q (disabled %v), whole-article box disabled %v; want one file, fixed, and the box off", dest.Selected, dest.Disabled(), full.Disabled())
	}
	test.Tap(button(t, dlg, "Choose where…"))

	if offered != "margin-export.epub" || gotPath != path || gotOpt.Format != export.EPUB || !slices.Equal(gotSel.IDs, []int64{7}) {
		t.Errorf("offered %q, exported %q sel=%+v opt=%+v; want article 7 as a book at %q", offered, gotPath, gotSel, gotOpt, path)
	}
	format.SetSelected(formatMarkdown)
	if dest.Disabled() || full.Disabled() {
		t.Error("back on Markdown, the destination and the whole-article box stay disabled")
	}
}

func TestExportFailureIsShownInPlainWords(t *testing.T) {
	u, _ := newTestUI(t, &fakeLibrary{}, nil)
	u.exportToFile = func(context.Context, export.Library, string, export.Selection, export.Options, export.Progress) error {
		return fmt.Errorf("export: %w", fmt.Errorf("open: %w", fs.ErrPermission))
	}
	u.runExport(export.Selection{}, export.Options{}, "/root/x.md", false)
	if got := strings.Join(topDialogTexts(u.win), " "); !strings.Contains(got, "not allowed to read or write") {
		t.Errorf("dialog = %q, want the permission problem in words", got)
	}
}

func TestExportSummary(t *testing.T) {
	tests := []struct {
		res  export.Result
		want string
	}{
		{export.Result{}, "There was nothing to export."},
		{export.Result{Written: []string{"a", "b"}}, "Wrote 2 files to /d."},
		{export.Result{Unchanged: 3}, "All 3 files in /d were already up to date."},
		{export.Result{Written: []string{"a"}, Unchanged: 2}, "Wrote 1 file to /d; 2 already up to date."},
		{export.Result{Written: []string{"a"}, Kept: []string{"/d/mine.md"}}, "Wrote 1 file to /d. Left 1 file alone: you changed them since Margin wrote them."},
		{export.Result{Written: []string{"a"}, Pictures: []string{"p.png", "q.jpg"}}, "Wrote 1 file to /d. Wrote 2 pictures into its assets folder."},
	}
	for _, tc := range tests {
		if got := exportSummary(tc.res, "/d", true); got != tc.want {
			t.Errorf("exportSummary(%+v) = %q, want %q", tc.res, got, tc.want)
		}
	}
}
