package app

import (
	"context"
	"fmt"
	"math"
	"slices"
	"strings"
	"sync/atomic"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/widget"

	"app.margin/margin/clip"
	"app.margin/margin/storage"
)

// openElsewhere opens lib's file a second time, as the CLI or the browser
// connector's host does from another process.
func openElsewhere(t *testing.T, lib *storage.Library) *storage.Library {
	t.Helper()
	other, err := storage.Open(context.Background(), lib.Path())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { other.Close() })
	return other
}

// clipAt stores the article clip.Parse makes of page as clipped from
// pageURL (Parse leaves the addresses to its caller), so that a second clip
// of the same address updates it as a re-clip does.
func clipAt(t *testing.T, lib *storage.Library, page, pageURL string) int64 {
	t.Helper()
	a, err := clip.Parse([]byte(page), "text/html; charset=utf-8", pageURL)
	if err != nil {
		t.Fatal(err)
	}
	a.URL, a.FinalURL = pageURL, pageURL
	id, _, err := lib.Save(context.Background(), a)
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// listedTitles are the titles of the articles the list shows, in order.
func listedTitles(u *ui) []string {
	var out []string
	for _, s := range u.library.items {
		out = append(out, s.Title)
	}
	return out
}

// listCounter counts the list reads of a real library.
type listCounter struct {
	*storage.Library
	lists atomic.Int32
}

func (c *listCounter) List(ctx context.Context, opt storage.ListOptions) (storage.Page, error) {
	c.lists.Add(1)
	return c.Library.List(ctx, opt)
}

// TestArticleAddedElsewhereAppears: an article another process adds (and a
// tag it gives it) shows in the list and the tag choices at the next tick,
// not before; the window's own writes never make it read the list again.
func TestArticleAddedElsewhereAppears(t *testing.T) {
	ctx := context.Background()
	real := openRealLibrary(t)
	saveParsed(t, real, twoParagraphPage("en", "Clipped in the app", enPara1, enPara2), "https://example.com/app")
	lib := &listCounter{Library: real}
	u, clock := newTestUI(t, lib, nil)
	if got, want := listedTitles(u), []string{"Clipped in the app"}; !slices.Equal(got, want) {
		t.Fatalf("list shows %q, want %q", got, want)
	}

	// The window's own write (as a clip in the app makes) is no change
	// made elsewhere: no second read of the list.
	lists := lib.lists.Load()
	saveParsed(t, real, twoParagraphPage("en", "Also in the app", enPara2, enPara1), "https://example.com/app2")
	clock.Advance(watchInterval)
	if got := lib.lists.Load(); got != lists {
		t.Errorf("own write: the list was read %d more times, want 0", got-lists)
	}

	other := openElsewhere(t, real)
	id := saveParsed(t, other, twoParagraphPage("zh", "浏览器剪藏", zhPara1, zhPara2), "https://example.cn/browser")
	if err := other.AddTags(ctx, id, "连接器"); err != nil {
		t.Fatal(err)
	}
	clock.Advance(watchInterval / 2)
	if got := listedTitles(u); slices.Contains(got, "浏览器剪藏") {
		t.Fatalf("list shows %q before the tick", got)
	}
	clock.Advance(watchInterval / 2)
	if got := listedTitles(u); !slices.Contains(got, "浏览器剪藏") || len(got) != 3 {
		t.Errorf("after a tick the list shows %q, want the article added elsewhere among 3", got)
	}
	if got := u.library.status.Text(); got != "3 articles" {
		t.Errorf("caption %q, want %q", got, "3 articles")
	}
	if !slices.Contains(u.library.tag.Options, "连接器 (1)") {
		t.Errorf("tag choices %q lack the tag added elsewhere", u.library.tag.Options)
	}

	lists = lib.lists.Load()
	clock.Advance(5 * watchInterval)
	if got := lib.lists.Load(); got != lists {
		t.Errorf("nothing changed: the list was read %d more times, want 0", got-lists)
	}
}

// TestListKeepsScrollAndSelection: a change elsewhere reloads the list in
// place: the reader scrolled down stays there, with the open article's row
// still selected.
func TestListKeepsScrollAndSelection(t *testing.T) {
	lib := openRealLibrary(t)
	var ids []int64
	for i := range 60 {
		ids = append(ids, saveParsed(t, lib, twoParagraphPage("en", fmt.Sprintf("Article %02d", i), enPara1, enPara2),
			fmt.Sprintf("https://example.com/%d", i)))
	}
	u, clock := newTestUI(t, lib, nil)
	open := ids[30]
	u.openArticle(open)
	row := slices.IndexFunc(u.library.items, func(s storage.Summary) bool { return s.ID == open })
	u.library.list.ScrollTo(row)
	offset := u.library.list.GetScrollOffset()
	if offset <= 0 {
		t.Fatal("the list did not scroll")
	}

	saveParsed(t, openElsewhere(t, lib), twoParagraphPage("en", "Added elsewhere", enPara1, enPara2), "https://example.com/new")
	clock.Advance(watchInterval)

	if got, want := len(u.library.items), 61; got != want {
		t.Fatalf("list has %d rows, want %d", got, want)
	}
	if got := u.library.list.GetScrollOffset(); got != offset {
		t.Errorf("scroll offset %v, want %v (kept)", got, offset)
	}
	selected := -1
	u.library.list.OnUnselected = func(id widget.ListItemID) { selected = id }
	u.library.list.UnselectAll()
	if want := slices.IndexFunc(u.library.items, func(s storage.Summary) bool { return s.ID == open }); selected != want {
		t.Errorf("row %d selected, want %d (the open article's)", selected, want)
	}
}

// TestSearchFollowsChangesElsewhere: with a search shown, an article added
// elsewhere that matches it joins the hits, ranked as the reader asked.
func TestSearchFollowsChangesElsewhere(t *testing.T) {
	lib := openRealLibrary(t)
	saveParsed(t, lib, twoParagraphPage("zh", "第一篇", zhPara1, zhPara2), "https://example.cn/1")
	saveParsed(t, lib, twoParagraphPage("en", "Unrelated", enPara1, enPara2), "https://example.com/2")
	u, clock := newTestUI(t, lib, nil)
	u.library.search.SetText("阅读")
	u.library.search.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn}) // best first
	if got, want := listedTitles(u), []string{"第一篇"}; !slices.Equal(got, want) {
		t.Fatalf("search shows %q, want %q", got, want)
	}

	saveParsed(t, openElsewhere(t, lib), twoParagraphPage("zh", "第二篇", zhPara1, zhPara2), "https://example.cn/3")
	clock.Advance(watchInterval)

	got := listedTitles(u)
	slices.Sort(got)
	if want := []string{"第一篇", "第二篇"}; !slices.Equal(got, want) {
		t.Errorf("search shows %q, want %q", got, want)
	}
	if got, want := u.library.status.Text(), "2 matches in the library, best first"; got != want {
		t.Errorf("caption %q, want %q", got, want)
	}
	if u.library.searched == nil || u.library.searched.Limit != searchPage || u.library.searched.Newest {
		t.Errorf("search kept as %+v, want a page of %d, best first", u.library.searched, searchPage)
	}
}

// longPage is an article of n paragraphs, each naming the clip it came from
// (one word, so a line never breaks inside it).
func longPage(lang, title, clip string, n int) string {
	var b strings.Builder
	for i := range n {
		if lang == "zh" {
			fmt.Fprintf(&b, "<p>第%d段%s。我们今天在这里读书，明天在那里写字。阅读是一种与作者对话的方式，一次一个注释。</p>", i, clip)
		} else {
			fmt.Fprintf(&b, "<p>Paragraph %d of the %s: readers keep what they read, and a margin is where the conversation with a text happens.</p>", i, clip)
		}
	}
	return `<!doctype html><html lang="` + lang + `"><head><meta charset="utf-8"><title>` + title + `</title></head>
<body><article><h1>` + title + `</h1>` + b.String() + `</article></body></html>`
}

// readerShows is the text the reader draws now (the lines in view and
// about them), joined without spaces.
func readerShows(u *ui) string {
	var b strings.Builder
	walk(u.reader, func(o fyne.CanvasObject) {
		if t, ok := o.(*canvas.Text); ok && o.Visible() {
			b.WriteString(t.Text)
		}
	})
	return b.String()
}

// TestOpenArticleReclippedElsewhere: the open article re-clipped by another
// process shows its new text at the reading position the reader was at; a
// highlight added elsewhere is drawn; an article deleted elsewhere closes.
func TestOpenArticleReclippedElsewhere(t *testing.T) {
	ctx := context.Background()
	for _, tc := range []struct{ name, lang, first, second string }{
		{"english", "en", "firstclip", "secondclip"},
		{"chinese", "zh", "初版", "新版"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			lib := openRealLibrary(t)
			const url = "https://example.com/long"
			id := clipAt(t, lib, longPage(tc.lang, "Long read", tc.first, 80), url)
			u, clock := newTestUI(t, lib, nil)
			u.openArticle(id)
			u.reader.ScrollTo(0.5)
			before := u.reader.ReadingPosition()
			if before < 0.4 {
				t.Fatalf("reader at %v, want about 0.5", before)
			}
			if got := readerShows(u); !strings.Contains(got, tc.first) {
				t.Fatalf("reader shows %q, want the first clip", got)
			}

			other := openElsewhere(t, lib)
			if got := clipAt(t, other, longPage(tc.lang, "Long read", tc.second, 80), url); got != id {
				t.Fatalf("re-clip stored as %d, want %d", got, id)
			}
			clock.Advance(watchInterval)

			if got := u.currentID(); got != id {
				t.Fatalf("open article %d, want %d", got, id)
			}
			shows := readerShows(u)
			if !strings.Contains(shows, tc.second) || strings.Contains(shows, tc.first) {
				t.Errorf("reader shows %q, want the second clip only", shows)
			}
			if got := u.reader.ReadingPosition(); math.Abs(got-before) > 0.001 {
				t.Errorf("reading position %v, want %v (kept)", got, before)
			}
			stored, err := lib.Get(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			if math.Abs(stored.Position-before) > 0.001 {
				t.Errorf("stored position %v, want %v", stored.Position, before)
			}

			a, err := other.Get(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			start := strings.Index(a.Text, tc.second)
			from := len([]rune(a.Text[:start]))
			h, err := other.AddHighlight(ctx, storage.Highlight{ArticleID: id, Start: from, End: from + len([]rune(tc.second)), Color: storage.Green})
			if err != nil {
				t.Fatal(err)
			}
			clock.Advance(watchInterval)
			if !slices.ContainsFunc(u.reader.Highlights(), func(got storage.Highlight) bool { return got.ID == h.ID }) {
				t.Error("the reader does not draw the highlight added elsewhere")
			}
			if _, ok := u.notes.cards[h.ID]; !ok {
				t.Error("the notes panel shows no card for the highlight added elsewhere")
			}
			if got := u.reader.ReadingPosition(); math.Abs(got-before) > 0.001 {
				t.Errorf("after the highlight: reading position %v, want %v", got, before)
			}

			if err := other.Delete(ctx, id); err != nil {
				t.Fatal(err)
			}
			clock.Advance(watchInterval)
			if u.current != nil {
				t.Errorf("article %d deleted elsewhere is still open", u.current.ID)
			}
			if got := listedTitles(u); len(got) != 0 {
				t.Errorf("list shows %q after the delete, want nothing", got)
			}
		})
	}
}

// versionCounter counts the change checks on a real library.
type versionCounter struct {
	*storage.Library
	checks atomic.Int32
}

func (c *versionCounter) DataVersion(ctx context.Context) (int64, error) {
	c.checks.Add(1)
	return c.Library.DataVersion(ctx)
}

// TestWatchStopsWhenTheWindowCloses: the window checks once a tick while it
// is open, and never after it closed.
func TestWatchStopsWhenTheWindowCloses(t *testing.T) {
	lib := &versionCounter{Library: openRealLibrary(t)}
	u, clock := newTestUI(t, lib, nil)
	start := lib.checks.Load()
	clock.Advance(3 * watchInterval)
	if got := lib.checks.Load() - start; got != 3 {
		t.Errorf("%d checks in 3 ticks, want 3", got)
	}
	u.close()
	closed := lib.checks.Load()
	clock.Advance(5 * watchInterval)
	if got := lib.checks.Load() - closed; got != 0 {
		t.Errorf("%d checks after close, want 0", got)
	}
}
