package app

import (
	"context"
	"errors"
	"reflect"
	"time"

	"fyne.io/fyne/v2"

	"app.margin/margin/app/internal/sched"
	"app.margin/margin/article"
	"app.margin/margin/storage"
)

// watchInterval is how often the window asks whether another process (the
// browser connector's host, the CLI) changed the library: what they add
// shows within a second, reading the list included. A check costs tens of
// microseconds (BenchmarkDataVersion), so asking more often than once a
// second costs nothing that matters.
const watchInterval = 750 * time.Millisecond

// versioned is a library that tells cheaply whether another process has
// committed a change since it was last asked; *storage.Library is one. A
// library that is not (the tests' fakes) is not watched.
type versioned interface {
	DataVersion(ctx context.Context) (int64, error)
}

// watchLibrary checks the library's version every watchInterval and, when
// another process changed it, reads again what the window shows. The
// version leaves out the window's own writes, so its own edits (which it
// shows already) never reload anything twice. It runs until the window
// closes.
func (u *ui) watchLibrary() {
	w, ok := u.lib.(versioned)
	if !ok {
		return
	}
	// The first version is read now, before the first page of the list is:
	// read later, it could take in a change the list missed. It is one
	// PRAGMA (tens of microseconds), so the window waits for it. If it
	// fails, the first check that succeeds reads everything again.
	ctx, cancel := context.WithTimeout(u.ctx, time.Second)
	last, err := w.DataVersion(ctx)
	cancel()
	known := err == nil
	stop := sched.Every(u.sched, watchInterval, func() {
		if u.ctx.Err() != nil {
			return // closed; context.AfterFunc below stops the ticker
		}
		v, err := w.DataVersion(u.ctx)
		if err != nil || known && v == last {
			return // a failed check is tried again at the next tick
		}
		last, known = v, true
		fyne.Do(u.changedElsewhere)
	})
	context.AfterFunc(u.ctx, stop)
}

// changedElsewhere shows what another process changed: the list and the
// tags in place, and the open article if it was re-clipped, re-highlighted
// or deleted.
func (u *ui) changedElsewhere() {
	u.library.refreshInPlace()
	u.library.reloadTags()
	u.refreshOpen()
}

// refreshInPlace reads again the rows the list shows (as many as it has,
// so a reader scrolled down several pages stays there), keeping the scroll
// offset and the open article's row selected. What changed elsewhere
// appears without the list jumping to the top as reload makes it.
//
// It reads what the search box and the filters say now, as reload does, and
// drops any page still on its way (reload's gen), so an answer to an older
// question can never replace it. A search typed but not yet shown is read
// by reload itself: the list then goes to the top as for any new search.
func (l *libraryPanel) refreshInPlace() {
	q, filter, tag := l.query()
	if shown := l.searched != nil; shown != (q != "") || shown && l.searched.Query != q {
		l.reload(false)
		return
	}
	l.gen++
	gen := l.gen
	listOpt := l.listOptions("")
	listOpt.Limit = max(len(l.items), listPageSize)
	var searched *storage.SearchOptions
	relevance := false
	if q != "" {
		relevance = !l.searched.Newest
		searched = &storage.SearchOptions{Query: q, Filter: filter, Tag: tag,
			Limit: max(len(l.items), searchPage), Newest: !relevance}
	}
	l.sched.Go(func() {
		page, err := l.fetch(searched, listOpt)
		total := -1
		if err == nil && q == "" && filter == storage.FilterAll && tag == "" {
			total, _ = l.lib.Count(l.ctx)
		}
		fyne.Do(func() {
			if gen != l.gen {
				return
			}
			l.loading = 0
			if err != nil {
				return // what is shown stays; the next change reads again
			}
			offset := l.list.GetScrollOffset()
			if searched != nil {
				shown := *searched
				shown.Limit = searchPage // loadMore goes on from here a page at a time
				l.searched = &shown
			} else {
				l.searched = nil
			}
			l.items, l.next = page.Items, page.Next
			l.moreHits = searched != nil && len(page.Items) == searched.Limit
			l.status.SetText(l.describe(q, relevance, total))
			l.refresh()
			l.markOpen(l.openID()) // selecting scrolls to the row: put the offset back after
			l.list.ScrollToOffset(offset)
			l.checkEmpty(gen, q)
		})
	})
}

// refreshOpen reads the open article again and, if another process
// re-clipped it, shows the new text where the reader was; new or changed
// highlights are redrawn without laying the text out again. An article
// deleted elsewhere is closed.
func (u *ui) refreshOpen() {
	cur := u.current
	if cur == nil {
		return
	}
	id, seq, shown := cur.ID, u.openSeq, cur.Article
	var cards []storage.Highlight
	for _, c := range u.notes.cards {
		cards = append(cards, c.h)
	}
	u.goFn(func() {
		a, err := u.lib.Get(u.ctx, id)
		var hs []storage.Highlight
		if err == nil {
			hs, err = u.lib.Highlights(u.ctx, id)
		}
		reclipped := err == nil && !sameReading(&shown, &a.Article)
		var blocks []article.Block
		if reclipped {
			blocks = article.Blocks(a.ContentHTML) // milliseconds for a long article: not on Fyne's goroutine
		}
		fyne.Do(func() {
			if seq != u.openSeq || u.currentID() != id {
				return // another article was opened meanwhile
			}
			switch {
			case errors.Is(err, storage.ErrNotFound):
				u.articleGone()
			case err != nil:
				// The reader keeps what it shows; the next change tries again.
			case reclipped:
				u.reshow(a, blocks, hs)
			case !sameHighlights(cards, hs):
				u.reader.SetHighlights(hs)
				u.notes.setHighlights(hs) // a note being typed keeps its text
			}
		})
	})
}

// reshow shows the open article's new text at the reading position the
// reader has now (which a re-clip elsewhere does not know), and stores that
// position if the library's differs.
func (u *ui) reshow(a *storage.Article, blocks []article.Block, hs []storage.Highlight) {
	pos := u.reader.ReadingPosition()
	stored := a.Position
	a.Position = pos
	u.show(a, blocks, hs)
	if stored != pos {
		id := a.ID
		u.goFn(func() { _ = u.lib.SetPosition(u.ctx, id, pos) })
	}
}

// articleGone empties the reader and the notes panel when the open article
// is gone.
func (u *ui) articleGone() {
	u.openSeq++
	u.notes.discard() // pending edits would only fail on a deleted article
	u.current, u.selected = nil, 0
	u.reader.SetArticle(nil, nil)
	u.notes.clear()
	u.win.SetTitle("Margin")
}

// sameReading reports whether two versions of an article read the same:
// what a re-clip changes without changing what the reader shows (when it
// was fetched, by which extractor, the raw page) does not count.
func sameReading(a, b *article.Article) bool {
	x, y := *a, *b
	for _, p := range []*article.Article{&x, &y} {
		p.Raw, p.FetchedAt, p.ExtractorVersion, p.Charset, p.Provenance = nil, time.Time{}, "", "", nil
	}
	return reflect.DeepEqual(x, y)
}

// sameHighlights reports whether hs are the highlights shown (in any
// order), by what the reader and the notes panel draw of them.
func sameHighlights(shown, hs []storage.Highlight) bool {
	if len(shown) != len(hs) {
		return false
	}
	type drawn struct {
		start, end  int
		quote, note string
		color       storage.Color
		orphaned    bool
	}
	byID := make(map[int64]drawn, len(shown))
	for _, h := range shown {
		byID[h.ID] = drawn{h.Start, h.End, h.Quote, h.Note, h.Color, h.Orphaned}
	}
	for _, h := range hs {
		if d, ok := byID[h.ID]; !ok || d != (drawn{h.Start, h.End, h.Quote, h.Note, h.Color, h.Orphaned}) {
			return false
		}
	}
	return true
}
