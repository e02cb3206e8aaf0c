package app

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"app.margin/margin/app/internal/sched"
	"app.margin/margin/article"
	"app.margin/margin/clip"
	"app.margin/margin/importer"
	"app.margin/margin/queue"
	"app.margin/margin/storage"
)

// fakeQueue is a Queue whose methods call the Fn fields; a nil Fn returns
// zero values.
type fakeQueue struct {
	PreviewFn func(ctx context.Context, res *importer.Result, opts queue.ImportOptions) (queue.ImportReport, error)
	ImportFn  func(ctx context.Context, res *importer.Result, opts queue.ImportOptions, progress func(done, total int)) (queue.ImportReport, error)
	WaitingFn func(ctx context.Context) (int, error)
	RunFn     func(ctx context.Context, onEvent func(queue.Event)) (queue.Summary, error)
	StatusFn  func(ctx context.Context, failures int) (storage.QueueStatus, error)
	RetryFn   func(ctx context.Context) (int, error)
	CancelFn  func(ctx context.Context) (int, error)
}

var _ Queue = (*fakeQueue)(nil)

func (f *fakeQueue) Preview(ctx context.Context, res *importer.Result, opts queue.ImportOptions) (queue.ImportReport, error) {
	if f.PreviewFn == nil {
		return queue.ImportReport{}, nil
	}
	return f.PreviewFn(ctx, res, opts)
}

func (f *fakeQueue) Import(ctx context.Context, res *importer.Result, opts queue.ImportOptions, progress func(done, total int)) (queue.ImportReport, error) {
	if f.ImportFn == nil {
		return queue.ImportReport{}, nil
	}
	return f.ImportFn(ctx, res, opts, progress)
}

func (f *fakeQueue) Waiting(ctx context.Context) (int, error) {
	if f.WaitingFn == nil {
		return 0, nil
	}
	return f.WaitingFn(ctx)
}

func (f *fakeQueue) Run(ctx context.Context, onEvent func(queue.Event)) (queue.Summary, error) {
	if f.RunFn == nil {
		return queue.Summary{}, nil
	}
	return f.RunFn(ctx, onEvent)
}

func (f *fakeQueue) Status(ctx context.Context, failures int) (storage.QueueStatus, error) {
	if f.StatusFn == nil {
		return storage.QueueStatus{}, nil
	}
	return f.StatusFn(ctx, failures)
}

func (f *fakeQueue) RetryFailed(ctx context.Context) (int, error) {
	if f.RetryFn == nil {
		return 0, nil
	}
	return f.RetryFn(ctx)
}

func (f *fakeQueue) CancelWaiting(ctx context.Context) (int, error) {
	if f.CancelFn == nil {
		return 0, nil
	}
	return f.CancelFn(ctx)
}

// newImportUI is newTestUI with a clipping queue, there from the start (as
// main wires it) so that the window can resume it.
func newImportUI(t *testing.T, lib Library, q Queue) (*ui, *sched.Manual) {
	t.Helper()
	a := test.NewTempApp(t)
	clock := sched.NewManual(time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC))
	u := newUIWith(a, lib, nil, func(u *ui) {
		u.sched = clock
		u.clipQueue = q
	})
	u.win.Resize(fyne.NewSize(1280, 800))
	t.Cleanup(func() {
		if slices.Contains(a.Driver().AllWindows(), u.win) {
			u.win.Close()
		}
	})
	return u, clock
}

// writeFile writes an export file in a temporary folder.
func writeFile(t *testing.T, name, content string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// pocketCSV is a Pocket export with a Chinese title and tags, and a row
// without an address.
const pocketCSV = "title,url,time_added,cursor,tags,status\n" +
	"大模型的冬天,https://www.huxiu.com/article/1.html,1700000000,1,科技|人工智能,archive\n" +
	"No address,,1500000001,2,,unread\n" +
	"Margins,https://example.com/margins,1600000000,3,essays,unread\n"

// TestImportPreviewSaysWhatWillHappen picks a Pocket export: the file is
// read (the format detected, the bad row skipped) and the confirmation
// says what importing it would do, with Import and Cancel.
func TestImportPreviewSaysWhatWillHappen(t *testing.T) {
	var previewed *importer.Result
	q := &fakeQueue{PreviewFn: func(_ context.Context, res *importer.Result, _ queue.ImportOptions) (queue.ImportReport, error) {
		previewed = res
		return queue.ImportReport{Format: res.Format, New: 1, Existing: 1, ToFetch: 1, Skipped: res.Skipped}, nil
	}}
	u, _ := newImportUI(t, &fakeLibrary{}, q)
	u.pickImport = func(done func(string)) { done(writeFile(t, "pocket.csv", pocketCSV)) }
	u.showImport()

	if previewed == nil {
		t.Fatal("the export was not previewed")
	}
	if got, want := previewed.Format, importer.Pocket; got != want {
		t.Errorf("format %q, want %q", got, want)
	}
	if got, want := len(previewed.Entries), 2; got != want {
		t.Errorf("%d entries read, want %d", got, want)
	}
	got := strings.Join(topDialogTexts(u.win), "\n")
	for _, want := range []string{
		"Import from Pocket",
		"1 new, 1 already in the library, 0 with highlights, 1 to fetch",
		"Articles already in the library keep their text and highlights",
		"Skipped 1 row:\n  line 3: ",
		"Import", "Cancel",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("confirmation lacks %q:\n%s", want, got)
		}
	}
}

func TestImportPreviewText(t *testing.T) {
	skips := func(n int) []importer.Skip {
		var out []importer.Skip
		for i := range n {
			out = append(out, importer.Skip{Where: "line " + groupDigits(i+2), Reason: "no URL"})
		}
		return out
	}
	tests := []struct {
		name string
		rep  queue.ImportReport
		want []string
	}{
		{"all new, nothing to fetch", queue.ImportReport{New: 12000, WithHighlights: 3},
			[]string{"12,000 new, 0 already in the library, 3 with highlights, 0 to fetch"}},
		{"some to fetch, some existing", queue.ImportReport{New: 2, Existing: 1, ToFetch: 2}, []string{
			"2 new, 1 already in the library, 0 with highlights, 2 to fetch",
			"Articles already in the library keep their text and highlights; the export's tags are added to them.",
			"Every article is listed at once. The pages to fetch are fetched in the background, a few at a time, while you read; if Margin closes first, it goes on when Margin starts again.",
		}},
		{"the first few skipped rows", queue.ImportReport{New: 1, Skipped: skips(7)}, []string{
			"1 new, 0 already in the library, 0 with highlights, 0 to fetch",
			"Skipped 7 rows:\n  line 2: no URL\n  line 3: no URL\n  line 4: no URL\n  line 5: no URL\n  line 6: no URL\n… and 2 more",
		}},
		{"nothing to import", queue.ImportReport{Skipped: skips(1)}, []string{
			"export.csv holds no article to import.",
			"Skipped 1 row:\n  line 2: no URL",
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := importPreview("export.csv", tc.rep); !slices.Equal(got, tc.want) {
				t.Errorf("got\n%q\nwant\n%q", got, tc.want)
			}
		})
	}
}

// TestImportStoresReloadsAndFetches taps Import: the entries read are
// stored with progress, the list and tags reload, and the clipping queue
// runs with its counter at the bottom of the window, then says what it did.
func TestImportStoresReloadsAndFetches(t *testing.T) {
	var lists, tagLoads int
	lib := &fakeLibrary{
		ListFn: func(context.Context, storage.ListOptions) (storage.Page, error) { lists++; return storage.Page{}, nil },
		TagsFn: func(context.Context) ([]storage.Tag, error) { tagLoads++; return nil, nil },
	}
	var u *ui
	var clock *sched.Manual
	var imported *importer.Result
	var counters []string
	q := &fakeQueue{
		PreviewFn: func(_ context.Context, res *importer.Result, _ queue.ImportOptions) (queue.ImportReport, error) {
			return queue.ImportReport{Format: res.Format, New: 2, ToFetch: 2}, nil
		},
		ImportFn: func(_ context.Context, res *importer.Result, _ queue.ImportOptions, progress func(int, int)) (queue.ImportReport, error) {
			imported = res
			progress(1, 2)
			counters = append(counters, u.fetch.label.Text)
			return queue.ImportReport{Format: res.Format, New: 2, ToFetch: 2}, nil
		},
		RunFn: func(_ context.Context, onEvent func(queue.Event)) (queue.Summary, error) {
			counters = append(counters, u.fetch.label.Text)
			onEvent(queue.Event{Outcome: queue.Failed, Failed: 1, Total: 2})
			counters = append(counters, u.fetch.label.Text)
			clock.Advance(queueProgressInterval)
			onEvent(queue.Event{Outcome: queue.Fetched, Fetched: 1, Failed: 1, Total: 2})
			counters = append(counters, u.fetch.label.Text)
			if !u.fetch.box.Visible() || u.fetch.stop.Hidden {
				t.Error("while fetching: the strip or its Stop button is hidden")
			}
			return queue.Summary{Fetched: 1, Failed: 1, Total: 2}, nil
		},
	}
	u, clock = newImportUI(t, lib, q)
	lists, tagLoads = 0, 0
	u.readImport(writeFile(t, "pocket.csv", pocketCSV))
	test.Tap(button(t, u.win.Canvas().Overlays().Top(), "Import"))

	if imported == nil || len(imported.Entries) != 2 {
		t.Fatalf("imported %+v, want the 2 entries read", imported)
	}
	want := []string{"Importing 1 of 2 articles…", "Fetching 0 of 2…", "Fetching 1 of 2… (1 failed)", "Fetching 2 of 2… (1 failed)"}
	if !slices.Equal(counters, want) {
		t.Errorf("counters %q, want %q", counters, want)
	}
	if lists != 2 || tagLoads != 1 {
		t.Errorf("%d list and %d tag reloads, want 2 (after the import, after the fetches) and 1", lists, tagLoads)
	}
	if u.fetch.box.Visible() || u.running != nil {
		t.Error("the counter strip is still shown after the run")
	}
	if got, want := u.snack.label.Text, "Fetched 1 page; 1 could not be fetched and stay bookmarks"; !strings.HasPrefix(got, want) {
		t.Errorf("news %q, want it to start %q", got, want)
	}
}

// TestFetchedOpenArticleShowsItsText: the open article, a bookmark until
// the queue fetches it, is shown again with its text; others are not
// reloaded.
func TestFetchedOpenArticleShowsItsText(t *testing.T) {
	lib := newArticleLib()
	gets := 0
	get := lib.GetFn
	lib.GetFn = func(ctx context.Context, id int64) (*storage.Article, error) {
		gets++
		return get(ctx, id)
	}
	q := &fakeQueue{RunFn: func(_ context.Context, onEvent func(queue.Event)) (queue.Summary, error) {
		onEvent(queue.Event{Item: storage.QueueItem{ArticleID: 8}, Outcome: queue.Fetched, Fetched: 1, Total: 3})
		onEvent(queue.Event{Item: storage.QueueItem{ArticleID: 7}, Outcome: queue.Failed, Fetched: 1, Failed: 1, Total: 3})
		onEvent(queue.Event{Item: storage.QueueItem{ArticleID: 7}, Outcome: queue.Fetched, Fetched: 2, Failed: 1, Total: 3})
		return queue.Summary{Fetched: 2, Failed: 1, Total: 3}, nil
	}}
	u, _ := newImportUI(t, lib, q)
	u.openArticle(7)
	gets = 0
	u.startQueue(3)
	if gets != 1 {
		t.Errorf("article 7 loaded %d times, want once, when its page was fetched", gets)
	}
}

// TestQueueResumesOnStart: pages left waiting (an import the window closed
// on, a run a crash cut short) are fetched when the window opens.
func TestQueueResumesOnStart(t *testing.T) {
	tests := []struct {
		name    string
		waiting int
		err     error
		wantRun bool
	}{
		{"pages wait", 340, nil, true},
		{"nothing waits", 0, nil, false},
		{"the queue cannot be read", 0, storage.ErrReadOnly, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			runs := 0
			q := &fakeQueue{
				WaitingFn: func(context.Context) (int, error) { return tc.waiting, tc.err },
				RunFn: func(context.Context, func(queue.Event)) (queue.Summary, error) {
					runs++
					return queue.Summary{Fetched: tc.waiting, Total: tc.waiting}, nil
				},
			}
			u, _ := newImportUI(t, &fakeLibrary{}, q)
			if got := runs == 1; got != tc.wantRun {
				t.Errorf("%d runs on start, want a run: %v", runs, tc.wantRun)
			}
			if tc.wantRun && u.snack.label.Text != "Fetched 340 pages." {
				t.Errorf("news %q, want the pages fetched", u.snack.label.Text)
			}
		})
	}
}

// TestImportErrorsInPlainWords: a file that cannot be imported says why in
// words, stores nothing and runs nothing.
func TestImportErrorsInPlainWords(t *testing.T) {
	tests := []struct {
		name, file, content string
		want                string
	}{
		{"unknown format", "notes.json.txt", "Dear diary, today I read.", "Margin doesn't recognise this file as an export (notes.json.txt is no CSV, JSON or HTML export this version knows). It imports exports from Pocket"},
		{"a CSV of something else", "contacts.csv", "name,phone\nAda,123\n", "Margin doesn't recognise this file as an export"},
		{"damaged zip", "pocket.zip", "PK\x03\x04 this is not the rest of a zip archive", "The zip archive is damaged or incomplete"},
		{"empty file", "pocket.csv", "", "(the file is empty)"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			calls := 0
			q := &fakeQueue{
				PreviewFn: func(context.Context, *importer.Result, queue.ImportOptions) (queue.ImportReport, error) {
					calls++
					return queue.ImportReport{}, nil
				},
				ImportFn: func(context.Context, *importer.Result, queue.ImportOptions, func(int, int)) (queue.ImportReport, error) {
					calls++
					return queue.ImportReport{}, nil
				},
			}
			u, _ := newImportUI(t, &fakeLibrary{}, q)
			u.readImport(writeFile(t, tc.file, tc.content))
			got := strings.Join(topDialogTexts(u.win), " ")
			if !strings.Contains(got, "Couldn't import "+tc.file) || !strings.Contains(got, tc.want) || !strings.Contains(got, "Nothing was imported.") {
				t.Errorf("dialog %q, want the title, %q and that nothing was imported", got, tc.want)
			}
			if calls != 0 {
				t.Errorf("%d calls into the queue, want none", calls)
			}
		})
	}
}

func TestStoredBefore(t *testing.T) {
	tests := []struct {
		n    int
		want string
	}{
		{0, "Nothing was imported."},
		{1, "1 article was stored before it stopped; importing the file again finishes the import without duplicating it."},
		{1500, "1,500 articles were stored before it stopped; importing the file again finishes the import without duplicating them."},
	}
	for _, tc := range tests {
		if got := storedBefore(tc.n); got != tc.want {
			t.Errorf("storedBefore(%d) = %q, want %q", tc.n, got, tc.want)
		}
	}
}

// TestImportThatStopsSaysWhatWasKept: a failed import keeps what it
// stored, says so, and fetches what it queued.
func TestImportThatStopsSaysWhatWasKept(t *testing.T) {
	runs := 0
	q := &fakeQueue{
		ImportFn: func(context.Context, *importer.Result, queue.ImportOptions, func(int, int)) (queue.ImportReport, error) {
			return queue.ImportReport{New: 500, ToFetch: 500}, storage.ErrReadOnly
		},
		RunFn: func(context.Context, func(queue.Event)) (queue.Summary, error) { runs++; return queue.Summary{}, nil },
	}
	u, _ := newImportUI(t, &fakeLibrary{}, q)
	u.runImport(&importer.Result{Entries: make([]importer.Entry, 1000)})
	got := strings.Join(topDialogTexts(u.win), " ")
	for _, want := range []string{"The import stopped", "read-only", "500 articles were stored", "importing the file again finishes"} {
		if !strings.Contains(got, want) {
			t.Errorf("dialog %q lacks %q", got, want)
		}
	}
	if runs != 1 {
		t.Errorf("%d queue runs, want 1 for the 500 pages queued", runs)
	}
}

// TestStopAndCloseEndTheRun: Stop cancels the run and says the rest waits;
// closing the window cancels it and waits for it to return, so the library
// is not closed under a page being stored.
func TestStopAndCloseEndTheRun(t *testing.T) {
	t.Run("stop", func(t *testing.T) {
		var u *ui
		q := &fakeQueue{RunFn: func(ctx context.Context, onEvent func(queue.Event)) (queue.Summary, error) {
			onEvent(queue.Event{Outcome: queue.Fetched, Fetched: 3, Total: 10})
			test.Tap(u.fetch.stop)
			return queue.Summary{Fetched: 3, Total: 10}, ctx.Err()
		}}
		u, _ = newImportUI(t, &fakeLibrary{}, q)
		u.startQueue(10)
		if got, want := u.snack.label.Text, "Stopped fetching after 3 pages; the rest are fetched the next time Margin starts."; got != want {
			t.Errorf("news %q, want %q", got, want)
		}
		q.RunFn = func(context.Context, func(queue.Event)) (queue.Summary, error) {
			return queue.Summary{Fetched: 7, Total: 7}, nil
		}
		test.Tap(u.snack.action)
		if got, want := u.snack.label.Text, "Fetched 7 pages."; got != want {
			t.Errorf("after Resume: news %q, want %q", got, want)
		}
	})
	t.Run("close", func(t *testing.T) {
		started := make(chan struct{})
		var returned atomic.Bool
		q := &fakeQueue{RunFn: func(ctx context.Context, _ func(queue.Event)) (queue.Summary, error) {
			close(started)
			<-ctx.Done()
			time.Sleep(10 * time.Millisecond) // a page being stored as the window closes
			returned.Store(true)
			return queue.Summary{}, ctx.Err()
		}}
		u, clock := newImportUI(t, &fakeLibrary{}, q)
		clock.Hold()
		u.startQueue(1)
		flushed := make(chan struct{})
		go func() { // the run blocks until cancelled: off the test's goroutine
			defer close(flushed)
			clock.Flush()
		}()
		<-started
		u.close()
		if !returned.Load() {
			t.Error("the window closed before the run returned")
		}
		<-flushed
	})
}

// TestImportIntoARealLibrary imports a Pocket export into a library file
// through queue.Service: the articles are listed, then fetched.
func TestImportIntoARealLibrary(t *testing.T) {
	lib := openRealLibrary(t)
	clipper := &fakeClipper{ClipFn: func(_ context.Context, target, _ string) (*article.Article, error) {
		return clip.Parse([]byte(twoParagraphPage("zh", "剪藏 "+target, zhPara1, zhPara2)), "text/html; charset=utf-8", target)
	}}
	u, _ := newImportUI(t, lib, &queue.Service{Library: lib, Clipper: clipper})
	u.readImport(writeFile(t, "pocket.csv", pocketCSV))
	if got := strings.Join(topDialogTexts(u.win), " "); !strings.Contains(got, "2 new, 0 already in the library, 0 with highlights, 2 to fetch") {
		t.Fatalf("confirmation %q", got)
	}
	test.Tap(button(t, u.win.Canvas().Overlays().Top(), "Import"))

	if n, err := lib.Count(context.Background()); err != nil || n != 2 {
		t.Fatalf("%d articles stored (%v), want 2", n, err)
	}
	st, err := lib.QueueStatus(context.Background())
	if err != nil || st.Done != 2 || st.Pending+st.Running+st.Failed != 0 {
		t.Errorf("queue %+v (%v), want the 2 pages fetched", st, err)
	}
	var titles []string
	for _, s := range u.library.items {
		titles = append(titles, s.Title)
	}
	slices.Sort(titles)
	// The list leaves out archived articles, as Pocket's archive row is.
	if want := []string{"剪藏 https://example.com/margins"}; !slices.Equal(titles, want) {
		t.Errorf("listed %q, want %q", titles, want)
	}
}

// TestCancelWhileReading: Cancel on the reading dialog drops the file
// read meanwhile; no confirmation comes up.
func TestCancelWhileReading(t *testing.T) {
	u, clock := newImportUI(t, &fakeLibrary{}, &fakeQueue{
		PreviewFn: func(ctx context.Context, _ *importer.Result, _ queue.ImportOptions) (queue.ImportReport, error) {
			return queue.ImportReport{New: 2}, ctx.Err()
		},
	})
	clock.Hold()
	u.readImport(writeFile(t, "pocket.csv", pocketCSV))
	test.Tap(button(t, u.win.Canvas().Overlays().Top(), "Cancel"))
	clock.Flush()
	if top := topDialogTexts(u.win); top != nil {
		t.Errorf("after Cancel, a dialog: %q", top)
	}
}

// TestImportFetchesThePicturesOfContent: after an import, the pictures of
// the articles that came with their content are fetched in the background
// and stored, and the news says how it went.
func TestImportFetchesThePicturesOfContent(t *testing.T) {
	lib := openRealLibrary(t)
	pic := testPNG(t, 4, 3)
	sum := sha256.Sum256(pic)
	var fetchedFor []string
	clipper := &fakeClipper{FetchPicturesFn: func(_ context.Context, a *article.Article) error {
		fetchedFor = append(fetchedFor, a.Title)
		for i := range a.Images {
			if strings.HasSuffix(a.Images[i].URL, "/a.png") {
				a.Images[i].Data, a.Images[i].SHA256 = pic, hex.EncodeToString(sum[:])
				a.Images[i].Type, a.Images[i].Width, a.Images[i].Height = "image/png", 4, 3
			} else {
				a.Images[i].Missing = "the server answered 404 Not Found"
			}
		}
		return nil
	}}
	u, _ := newImportUI(t, lib, &queue.Service{Library: lib, Clipper: clipper})
	u.clipper = clipper
	content := `<h1>With pictures</h1><p>` + strings.Repeat("A paragraph long enough to be the article's text. ", 12) +
		`</p><p><img src="https://example.com/a.png" alt="a"></p><p><img src="https://example.com/b.png" alt="b"></p>`
	u.runImport(&importer.Result{Format: importer.Wallabag, Entries: []importer.Entry{
		{URL: "https://example.com/with-pictures", Title: "With pictures", ContentHTML: content},
		{URL: "https://example.com/without", Title: "Without", ContentHTML: `<p>` + strings.Repeat("No picture here at all. ", 12) + `</p>`},
	}})
	if got, want := strings.Join(fetchedFor, ","), "With pictures"; got != want {
		t.Errorf("pictures fetched for %q, want %q", got, want)
	}
	if got, want := u.snack.label.Text, "Images of the imported articles: 1 in the library, 1 could not be fetched."; got != want {
		t.Errorf("news %q, want %q", got, want)
	}
	page, err := lib.List(context.Background(), storage.ListOptions{Filter: storage.FilterAll})
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range page.Items {
		if s.Title != "With pictures" {
			continue
		}
		a, err := lib.Get(context.Background(), s.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(a.Images) != 2 || !a.Images[0].Stored() || a.Images[1].Stored() {
			t.Errorf("pictures %+v, want a.png stored and b.png missing", a.Images)
		}
	}
}
