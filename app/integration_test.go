package app

import (
	"context"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"app.margin/margin/clip"
	"app.margin/margin/storage"
)

// openRealLibrary opens a library file in a temporary folder.
func openRealLibrary(t testing.TB) *storage.Library {
	t.Helper()
	lib, err := storage.Open(context.Background(), filepath.Join(t.TempDir(), "library.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { lib.Close() })
	return lib
}

// saveParsed stores the article clip.Parse makes of a page.
func saveParsed(t *testing.T, lib *storage.Library, page, pageURL string) int64 {
	t.Helper()
	a, err := clip.Parse([]byte(page), "text/html; charset=utf-8", pageURL)
	if err != nil {
		t.Fatal(err)
	}
	id, _, err := lib.Save(context.Background(), a)
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// Two paragraphs in each language (as the reader's tests use).
const (
	enPara1 = "Readers keep what they read. A margin is where the conversation with a text happens, one note at a time."
	enPara2 = "Highlights anchor to the canonical text, so they survive a second clip of the same page."
	zhPara1 = "我们今天在这里读书，明天在那里写字。阅读是一种与作者对话的方式。"
	zhPara2 = "高亮以规范文本为锚点，重新剪藏之后依然可以找到原来的位置。"
)

func twoParagraphPage(lang, title, p1, p2 string) string {
	return `<!doctype html><html lang="` + lang + `"><head><meta charset="utf-8"><title>` + title + `</title></head>
<body><article><h1>` + title + `</h1><p>` + p1 + `</p><p>` + p2 + `</p></article></body></html>`
}

// TestDragAcrossParagraphsThenHStoresTheExactText drives the whole window on a
// real library file: drag over the end of one paragraph and the start of the
// next, press H, and the stored highlight's quote is exactly the text dragged
// over (with the paragraph break); the next window draws it again.
func TestDragAcrossParagraphsThenHStoresTheExactText(t *testing.T) {
	tests := []struct {
		name, lang, p1, p2 string
		from, to           string // the drag starts before from (in p1) and ends after to (in p2)
	}{
		{"english", "en", enPara1, enPara2, "one note at a time.", "Highlights anchor"},
		{"chinese", "zh", zhPara1, zhPara2, "阅读是一种", "高亮以规范"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			lib := openRealLibrary(t)
			id := saveParsed(t, lib, twoParagraphPage(tc.lang, "Two paragraphs", tc.p1, tc.p2), "https://example.com/"+tc.name)
			stored, err := lib.Get(context.Background(), id)
			if err != nil {
				t.Fatal(err)
			}
			text := []rune(stored.Text)
			start := strings.Index(stored.Text, tc.from)
			endByte := strings.Index(stored.Text, tc.to)
			if start < 0 || endByte < 0 {
				t.Fatalf("canonical text %q lacks %q or %q", stored.Text, tc.from, tc.to)
			}
			from := len([]rune(stored.Text[:start]))
			to := len([]rune(stored.Text[:endByte])) + len([]rune(tc.to))
			want := string(text[from:to])
			if !strings.Contains(want, "\n\n") {
				t.Fatalf("test range %q does not cross paragraphs", want)
			}

			u, _ := newTestUI(t, lib, nil)
			u.openArticle(id)
			r := u.reader
			origin := fyne.CurrentApp().Driver().AbsolutePositionForObject(r)
			p1, ok1 := r.PointAt(from)
			p2, ok2 := r.PointAt(to)
			if !ok1 || !ok2 {
				t.Fatalf("offsets %d..%d are not laid out", from, to)
			}
			p1, p2 = p1.AddXY(1, 0), p2.AddXY(-1, 0) // just inside the range
			d := p2.Subtract(p1)
			test.Drag(u.win.Canvas(), origin.Add(p2), d.X, d.Y)
			if got := r.SelectedText(); got != want {
				t.Fatalf("selected %q, want %q", got, want)
			}
			u.win.Canvas().Focus(r)
			test.TypeOnCanvas(u.win.Canvas(), "h")

			hs, err := lib.Highlights(context.Background(), id)
			if err != nil {
				t.Fatal(err)
			}
			if len(hs) != 1 {
				t.Fatalf("%d highlights stored, want 1", len(hs))
			}
			if got := hs[0]; got.Quote != want || got.Start != from || got.End != to {
				t.Errorf("stored %d..%d %q, want %d..%d %q", got.Start, got.End, got.Quote, from, to, want)
			}
			if _, ok := u.notes.cards[hs[0].ID]; !ok {
				t.Error("the notes panel shows no card for the new highlight")
			}

			u.close()
			again, _ := newTestUI(t, lib, nil)
			again.openArticle(id)
			drawn := again.reader.Highlights()
			if !slices.ContainsFunc(drawn, func(h storage.Highlight) bool { return h.ID == hs[0].ID }) {
				t.Errorf("reopened reader draws %+v, want highlight %d", drawn, hs[0].ID)
			}
		})
	}
}

// TestNoteEditsPersistInTheLibraryFile edits a highlight note and the article
// note through the panel and reads them back from the file.
func TestNoteEditsPersistInTheLibraryFile(t *testing.T) {
	lib := openRealLibrary(t)
	ctx := context.Background()
	id := saveParsed(t, lib, twoParagraphPage("en", "Notes", enPara1, enPara2), "https://example.com/notes")
	h, err := lib.HighlightQuote(ctx, id, "margin", 1, storage.Pink, "")
	if err != nil {
		t.Fatal(err)
	}
	u, clock := newTestUI(t, lib, nil)
	u.openArticle(id)
	test.Type(u.notes.cards[h.ID].note, "where talk happens")
	test.Type(u.notes.note, "Read again")
	test.Tap(u.notes.favorite)
	clock.Advance(saveDelay)

	hs, err := lib.Highlights(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := hs[0].Note, "where talk happens"; got != want {
		t.Errorf("stored highlight note = %q, want %q", got, want)
	}
	a, err := lib.Get(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if a.Note != "Read again" || !a.Favorite || a.Unread {
		t.Errorf("stored article note %q favourite %v unread %v, want the note, a favourite, read (the two paragraphs fit in the window: the end was in view)", a.Note, a.Favorite, a.Unread)
	}
}

// countingLibrary is a real library that counts the whole-article reads.
type countingLibrary struct {
	*storage.Library
	gets int
}

func (l *countingLibrary) Get(ctx context.Context, id int64) (*storage.Article, error) {
	l.gets++
	return l.Library.Get(ctx, id)
}

// TestTagChangeUpdatesPanelAndCountsWithoutReloading adds and removes tags
// through the notes panel on a real library file: the chips show the stored
// spelling, the list row and the tag filter's counts follow, and the article
// itself is not read again.
func TestTagChangeUpdatesPanelAndCountsWithoutReloading(t *testing.T) {
	db := openRealLibrary(t)
	ctx := context.Background()
	other := saveParsed(t, db, twoParagraphPage("zh", "另一篇", zhPara1, zhPara2), "https://example.com/other")
	if err := db.AddTags(ctx, other, "Reading", "人工智能"); err != nil {
		t.Fatal(err)
	}
	id := saveParsed(t, db, twoParagraphPage("en", "Tags", enPara1, enPara2), "https://example.com/tags")
	lib := &countingLibrary{Library: db}
	u, _ := newTestUI(t, lib, nil)
	u.openArticle(id)
	if u.current == nil {
		t.Fatal("the article did not open")
	}
	rowTags := func() []string {
		for _, s := range u.library.items {
			if s.ID == id {
				return s.Tags
			}
		}
		t.Fatalf("article %d is not in the list", id)
		return nil
	}

	steps := []struct {
		name        string
		do          func()
		wantTags    []string // chips, list row and stored, in this order
		wantOptions []string // the tag filter's choices
	}{
		{"add: an existing tag's spelling wins", func() {
			u.notes.tagEntry.SetText("reading, 人工智能, essays")
			u.notes.tagEntry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
		}, []string{"essays", "Reading", "人工智能"}, []string{allTags, "essays (1)", "Reading (2)", "人工智能 (2)"}},
		{"remove", func() { u.notes.removeTag("人工智能") },
			[]string{"essays", "Reading"}, []string{allTags, "essays (1)", "Reading (2)", "人工智能 (1)"}},
		{"remove the last use of a tag", func() { u.notes.removeTag("essays") },
			[]string{"Reading"}, []string{allTags, "Reading (2)", "人工智能 (1)"}},
	}
	gets := lib.gets
	for _, st := range steps {
		st.do()
		stored, err := db.ArticleTags(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		var chips []string
		walk(u.notes.tags, func(o fyne.CanvasObject) {
			if l, ok := o.(*widget.Label); ok {
				chips = append(chips, l.Text)
			}
		})
		for _, got := range []struct {
			what string
			tags []string
		}{{"chips", chips}, {"list row", rowTags()}, {"stored", stored}, {"open article", u.current.Tags}} {
			if !slices.Equal(got.tags, st.wantTags) {
				t.Errorf("%s: %s = %q, want %q", st.name, got.what, got.tags, st.wantTags)
			}
		}
		if got := u.library.tag.Options; !slices.Equal(got, st.wantOptions) {
			t.Errorf("%s: tag filter = %q, want %q", st.name, got, st.wantOptions)
		}
	}
	if lib.gets != gets {
		t.Errorf("tag changes read the whole article %d times, want 0", lib.gets-gets)
	}
}

// TestEmptyLibraryGreetsWithHowToClip: a new library's Unread view says how
// to clip, not "Nothing left to read"; once the library holds an article
// that has been read, its Unread view says nothing is left to read.
func TestEmptyLibraryGreetsWithHowToClip(t *testing.T) {
	lib := openRealLibrary(t)
	u, _ := newTestUI(t, lib, nil)
	u.library.filter.SetSelected("Unread") // a new library's first view
	if got := u.library.empty.Text; !u.library.empty.Visible() || !strings.HasPrefix(got, "Your library is empty.") {
		t.Errorf("a new library shows %q (visible %v), want how to clip", got, u.library.empty.Visible())
	}

	id := saveParsed(t, lib, twoParagraphPage("en", "Read already", enPara1, enPara2), "https://example.com/read")
	if err := lib.SetUnread(context.Background(), id, false); err != nil {
		t.Fatal(err)
	}
	u2, _ := newTestUI(t, lib, nil)
	u2.library.filter.SetSelected("Unread")
	if got := u2.library.empty.Text; !u2.library.empty.Visible() || !strings.HasPrefix(got, "Nothing left to read.") {
		t.Errorf("the Unread view of a library whose articles are all read shows %q (visible %v), want nothing left to read",
			got, u2.library.empty.Visible())
	}
}

// TestEmptyLibraryGreetingGoesWhenAnArticleCameElsewhere: an article added
// by another process (the CLI, the browser connector) and read shows in the
// Unread view as nothing left to read, not as an empty library.
func TestEmptyLibraryGreetingGoesWhenAnArticleCameElsewhere(t *testing.T) {
	lib := openRealLibrary(t)
	u, _ := newTestUI(t, lib, nil)
	u.library.filter.SetSelected("Unread")
	id := saveParsed(t, lib, twoParagraphPage("en", "Read already", enPara1, enPara2), "https://example.com/read")
	if err := lib.SetUnread(context.Background(), id, false); err != nil {
		t.Fatal(err)
	}
	u.changedElsewhere()
	if got := u.library.empty.Text; !u.library.empty.Visible() || !strings.HasPrefix(got, "Nothing left to read.") {
		t.Errorf("the Unread view, once an article came elsewhere and was read, shows %q (visible %v), want nothing left to read",
			got, u.library.empty.Visible())
	}
}
