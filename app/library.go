package app

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"app.margin/margin/app/internal/sched"
	"app.margin/margin/storage"
)

// Page sizes. A search page is smaller: each hit carries a snippet made from
// its text, and the first page is what the search benchmark measures.
const (
	listPageSize  = 100
	searchPage    = 50
	loadMoreAhead = 20 // rows from the end at which the next page is fetched
)

// Filter and sort choices as the library panel shows them.
var (
	filterNames = []string{"All articles", "Unread", "Favourites", "Archive"}
	filterOf    = map[string]storage.Filter{
		"All articles": storage.FilterAll, "Unread": storage.FilterUnread,
		"Favourites": storage.FilterFavorite, "Archive": storage.FilterArchived,
	}
	sortNames = []string{"Clipped", "Published", "Title"}
	sortOf    = map[string]storage.Sort{
		"Clipped": storage.ByClipped, "Published": storage.ByPublished, "Title": storage.ByTitle,
	}
)

const allTags = "All tags"

// libraryPanel is the left side of the window: search, filters, tags, sort
// and the list of articles (with a row for each clip in progress). It reads
// the library itself and tells the window what the reader does through its
// on* callbacks.
type libraryPanel struct {
	lib   Library
	ctx   context.Context
	sched sched.Scheduler
	prefs fyne.Preferences

	// onOpen opens the article the reader chose in the list.
	onOpen func(id int64)
	// onEnter moves the keyboard into the reader after Enter in the list
	// (opened: the row's article is opening or open).
	onEnter func(opened bool)
	// openID is the id of the article open in the reader, 0 for none.
	openID func() int64
	// onTags hears of the library's tags whenever they are read again.
	onTags func([]storage.Tag)
	// onRowMenu opens the context menu of an article's row at an absolute
	// position.
	onRowMenu func(s storage.Summary, at fyne.Position)
	// onPickMenu opens the menu of the picked rows' actions at an absolute
	// position; onDeleteKey and onArchiveKey act on the picked rows, else
	// the open article (Delete and A in the list).
	onPickMenu   func(at fyne.Position)
	onDeleteKey  func()
	onArchiveKey func()

	search   *searchEntry
	filter   *widget.Select
	tag      *widget.Select
	sort     *widget.Select
	status   *caption
	list     *articleList
	empty    *widget.Label
	debounce *debouncer
	view     *fyne.Container // what content returned

	pending []*clipJob
	// libraryEmpty: the library has no article at all (checkEmpty).
	libraryEmpty bool
	items        []storage.Summary
	next         string // keyset cursor of the next list page, "" at the end
	// searched is the search the items came from (nil for a list), and
	// moreHits whether it may have another page.
	searched *storage.SearchOptions
	moreHits bool
	gen      int // bumped on every reload so late answers are dropped
	loading  int // gen of the page being fetched, 0 when none
	tagName  map[string]string
	tags     []storage.Tag // as last read, with their counts
	site     string        // only articles from this site ("" for all); the site chip says so
	siteChip *fyne.Container
	sel      selection
}

// newLibraryPanel builds the panel over lib; its callbacks are the caller's
// to set before the first reload.
func newLibraryPanel(ctx context.Context, lib Library, s sched.Scheduler, prefs fyne.Preferences) *libraryPanel {
	l := &libraryPanel{lib: lib, ctx: ctx, sched: s, prefs: prefs,
		debounce: newDebouncer(s, searchDelay),
		onOpen:   func(int64) {}, onEnter: func(bool) {},
		openID: func() int64 { return 0 }, onTags: func([]storage.Tag) {},
		onRowMenu: func(storage.Summary, fyne.Position) {}, onPickMenu: func(fyne.Position) {},
		onDeleteKey: func() {}, onArchiveKey: func() {}}
	l.search = newSearchEntry(l.focusList, func() {
		l.search.SetText("")
		l.debounce.cancel()
		l.reload(false)
	})
	l.search.SetPlaceHolder("Search the library  (Ctrl+F)")
	l.search.ActionItem = widget.NewButtonWithIcon("", theme.SearchIcon(), func() { l.reload(true) })
	l.search.OnChanged = func(string) {
		l.debounce.call(func() { fyne.Do(func() { l.reload(false) }) })
	}
	l.search.OnSubmitted = func(string) {
		l.debounce.cancel()
		l.reload(true)
	}
	l.filter = widget.NewSelect(filterNames, func(v string) {
		prefs.SetString(prefView, v)
		l.reload(false)
	})
	// A new library opens on the Unread queue; later the view last chosen.
	l.filter.Selected = prefs.StringWithFallback(prefView, "Unread")
	if _, ok := filterOf[l.filter.Selected]; !ok {
		l.filter.Selected = "Unread"
	}
	l.tag = widget.NewSelect([]string{allTags}, func(string) { l.reload(false) })
	l.tag.Selected = allTags
	l.sort = widget.NewSelect(sortNames, func(s string) {
		prefs.SetString(prefSort, s)
		l.reload(false)
	})
	l.sort.Selected = prefs.StringWithFallback(prefSort, sortNames[0])
	if _, ok := sortOf[l.sort.Selected]; !ok {
		l.sort.Selected = sortNames[0]
	}
	l.status = newCaption()
	l.empty = widget.NewLabel("")
	l.empty.Wrapping = fyne.TextWrapWord
	l.empty.Alignment = fyne.TextAlignCenter
	l.empty.Hide()
	l.list = newArticleList(func() int { return len(l.pending) + len(l.items) }, l.updateRow)
	l.list.onChosen = l.chosen
	l.list.onEnter = func(opened bool) { l.onEnter(opened) }
	l.list.onSelectAll = l.selectAll
	l.list.onEscape = l.clearPicked
	l.list.onDelete = func() { l.onDeleteKey() }
	l.list.onArchive = func() { l.onArchiveKey() }
	l.buildSelection()
	l.siteChip = container.NewHBox()
	l.siteChip.Hide()
	return l
}

// focusList gives the list the keyboard (Down in the search box).
func (l *libraryPanel) focusList() {
	if c := fyne.CurrentApp().Driver().CanvasForObject(l.list); c != nil {
		c.Focus(l.list)
	}
}

// updateRow shows row id of the list: a clip in progress, then the items;
// nearing the end fetches the next page.
func (l *libraryPanel) updateRow(id widget.ListItemID, row *articleRow) {
	if id < len(l.pending) {
		row.setPending(l.pending[id])
		return
	}
	i := id - len(l.pending)
	if i >= len(l.items) {
		return
	}
	_, filter, _ := l.query()
	// In a search or the Unread view an archived article sits among the
	// others; the Archive view holds nothing else.
	row.setSummary(&l.items[i], l.sched.Now(), filter != storage.FilterArchived)
	id64 := l.items[i].ID
	row.setPicked(l.sel.picked[id64])
	row.onPress = func(mods fyne.KeyModifier) { l.pressed(id, mods) }
	row.onMenu = func(at fyne.Position) {
		for _, s := range l.items { // the row may show another article by now
			if s.ID == id64 {
				l.onRowMenu(s, at)
				return
			}
		}
	}
	if i >= len(l.items)-loadMoreAhead {
		l.loadMore()
	}
}

// chosen opens the article of the row the reader chose, if it is one.
func (l *libraryPanel) chosen(id widget.ListItemID) bool {
	if id == l.sel.swallow { // a Ctrl- or Shift-click picked the row
		l.sel.swallow = -1
		l.markOpen(l.openID())
		return false
	}
	l.sel.swallow = -1
	i := id - len(l.pending)
	if i < 0 || i >= len(l.items) {
		return false
	}
	l.onOpen(l.items[i].ID)
	return true
}

func (l *libraryPanel) content() fyne.CanvasObject {
	filters := container.NewGridWithColumns(2, l.filter, l.tag)
	head := container.NewVBox(l.search, filters, l.siteChip, container.NewBorder(nil, nil, nil, l.sort, l.status))
	l.view = container.NewBorder(head, l.sel.bar, nil, nil,
		container.NewStack(l.list, container.NewPadded(l.empty)))
	return l.view
}

// query is what the panel shows now. A search in a site's view searches
// that site (site:X, as a reader would type it).
func (l *libraryPanel) query() (q string, filter storage.Filter, tag string) {
	q = strings.TrimSpace(l.search.Text)
	if q != "" && l.site != "" {
		q += " site:" + l.site
	}
	return q, filterOf[l.filter.Selected], l.tagName[l.tag.Selected]
}

// listOptions asks for the list page the panel shows after the keyset cursor
// after ("" for the first page).
func (l *libraryPanel) listOptions(after string) storage.ListOptions {
	_, filter, tag := l.query()
	return storage.ListOptions{Sort: sortOf[l.sort.Selected], Filter: filter, Tag: tag, Site: l.site, Limit: listPageSize, After: after}
}

// reload fetches the first page again. relevance ranks a search by bm25;
// otherwise a search lists its hits newest first, which stays fast while the
// reader types.
func (l *libraryPanel) reload(relevance bool) {
	l.gen++
	gen := l.gen
	q, filter, tag := l.query()
	listOpt := l.listOptions("")
	if q != "" {
		l.sort.Disable() // a search is ordered by date or relevance, not by this
	} else {
		l.sort.Enable()
	}
	var searched *storage.SearchOptions
	if q != "" {
		searched = &storage.SearchOptions{Query: q, Filter: filter, Tag: tag, Limit: searchPage, Newest: !relevance}
	}
	l.sched.Go(func() {
		page, err := l.fetch(searched, listOpt)
		fyne.Do(func() {
			if gen != l.gen {
				return
			}
			l.loading = 0
			l.searched, l.moreHits = searched, false
			if err != nil {
				l.items, l.next = nil, ""
				l.status.SetText(plainWords(err))
				l.refresh()
				return
			}
			l.items, l.next = page.Items, page.Next
			l.moreHits = searched != nil && len(page.Items) == searchPage
			l.status.SetText(l.describe(q, relevance, -1))
			l.refresh()
			l.list.ScrollToTop()
			l.markOpen(l.openID()) // the rows moved: select the open article's again
			if q == "" && l.next != "" {
				l.count(gen, listOpt)
			}
			l.checkEmpty(gen, q)
		})
	})
}

// checkEmpty finds out, for a view with nothing in it, whether the whole
// library is empty, so that a new library greets with how to clip rather
// than the Unread view's "Nothing left to read". Every read of the list
// calls it: an article may come from another process (refreshInPlace).
func (l *libraryPanel) checkEmpty(gen int, q string) {
	if len(l.items) > 0 {
		l.libraryEmpty = false
		return
	}
	if q != "" {
		return
	}
	l.countThen(gen, l.lib.Count, func(n int) {
		l.libraryEmpty = n == 0
		l.refresh()
	})
}

// count puts the number of rows the list has in all its pages in the
// caption once it is known. It runs after the first page is shown: counting
// a large view reads every row of it. (Count would take in the archive,
// which the view may hide.)
func (l *libraryPanel) count(gen int, opt storage.ListOptions) {
	l.countThen(gen, func(ctx context.Context) (int, error) { return l.lib.CountListed(ctx, opt) }, func(n int) {
		l.status.SetText(l.describe("", false, n))
	})
}

// countThen counts off Fyne's goroutine and shows the number on it, unless
// the list was read again meanwhile or the count failed (what is shown
// stays: the caption keeps saying "N+ articles").
func (l *libraryPanel) countThen(gen int, count func(context.Context) (int, error), show func(n int)) {
	l.sched.Go(func() {
		n, err := count(l.ctx)
		fyne.Do(func() {
			if err != nil || gen != l.gen {
				return
			}
			show(n)
		})
	})
}

// describe is the caption above the list: how many articles, what a search
// searched, and how it is ordered (typing lists newest first; Enter ranks
// by relevance).
func (l *libraryPanel) describe(q string, relevance bool, total int) string {
	n := len(l.items)
	_, filter, tag := l.query()
	where := searchScope(q, filter, tag)
	switch {
	case q != "" && n == 0:
		return "No matches " + where
	case q != "" && relevance:
		return l.matches(n) + " " + where + ", best first"
	case q != "":
		return l.matches(n) + " " + where + ", newest first · Enter: best first"
	case total >= 0:
		return plural(total, "article", "articles")
	case l.next != "":
		return fmt.Sprintf("%d+ articles", n)
	}
	return plural(n, "article", "articles")
}

// archiveScope says where a search of q in a view looks for archived
// articles: 1 the archive alone, -1 outside it, 0 with the others.
func archiveScope(q string, filter storage.Filter) int {
	archive := 0
	for _, w := range strings.Fields(strings.ToLower(q)) {
		switch w {
		case "is:archived":
			archive = 1
		case "-is:archived":
			archive = -1
		}
	}
	if filter == storage.FilterArchived {
		archive = 1
	}
	return archive
}

// searchScope says what a search of q in a view searched: the whole
// library, the archive too ("in the library"), unless the query or the view narrows it, as
// storage.Search does.
func searchScope(q string, filter storage.Filter, tag string) string {
	archive := archiveScope(q, filter)
	var where string
	switch {
	case archive == 1:
		where = "in the archive"
	case filter == storage.FilterUnread:
		where = "in unread articles"
	case filter == storage.FilterFavorite:
		where = "in favourites"
	case archive == -1:
		where = "outside the archive"
	default:
		where = "in the library"
	}
	if archive == -1 && (filter == storage.FilterUnread || filter == storage.FilterFavorite) {
		where += " outside the archive"
	}
	if tag != "" {
		where += " tagged " + tag
	}
	return where
}

// matches counts the hits shown, with a + while more pages may follow.
func (l *libraryPanel) matches(n int) string {
	if l.moreHits {
		return groupDigits(n) + "+ matches"
	}
	return plural(n, "match", "matches")
}

// loadMore fetches the next page of the list or the search when the list
// scrolls near its end.
func (l *libraryPanel) loadMore() {
	if l.loading == l.gen || (l.next == "" && !l.moreHits) {
		return
	}
	l.loading = l.gen
	gen, opt := l.gen, l.listOptions(l.next)
	var searched *storage.SearchOptions
	if l.searched != nil {
		more := *l.searched
		more.Offset = len(l.items)
		searched = &more
	}
	l.sched.Go(func() {
		page, err := l.fetch(searched, opt)
		fyne.Do(func() {
			if gen != l.gen {
				return
			}
			l.loading = 0
			if err != nil {
				l.status.SetText(plainWords(err))
				return
			}
			l.items = append(l.items, page.Items...)
			l.next = page.Next
			if searched != nil {
				l.moreHits = len(page.Items) == searchPage
				q, _, _ := l.query()
				l.status.SetText(l.describe(q, !searched.Newest, -1))
			}
			l.refresh()
		})
	})
}

// fetch reads a page of hits when searched is set, else a page of the
// library listed by opt. It does I/O: call it off the UI goroutine.
func (l *libraryPanel) fetch(searched *storage.SearchOptions, opt storage.ListOptions) (storage.Page, error) {
	if searched != nil {
		items, err := l.lib.Search(l.ctx, *searched)
		return storage.Page{Items: items}, err
	}
	return l.lib.List(l.ctx, opt)
}

// reloadTags refreshes the tag choices with their counts.
func (l *libraryPanel) reloadTags() {
	l.sched.Go(func() {
		tags, err := l.lib.Tags(l.ctx)
		fyne.Do(func() {
			if err != nil {
				return // the list still works; the tag choices stay as they were
			}
			l.tags = tags
			l.setTags(tags)
			l.onTags(tags)
		})
	})
}

func (l *libraryPanel) setTags(tags []storage.Tag) {
	current := l.tagName[l.tag.Selected]
	l.tagName = map[string]string{allTags: ""}
	options := []string{allTags}
	selected := allTags
	for _, t := range tags {
		label := fmt.Sprintf("%s (%d)", t.Name, t.Count)
		l.tagName[label] = t.Name
		options = append(options, label)
		if strings.EqualFold(t.Name, current) {
			selected = label
		}
	}
	l.tag.Options = options
	l.tag.Selected = selected
	l.tag.Refresh()
	if current != "" && selected == allTags {
		l.reload(false) // the tag filtered by is gone
	}
}

// addPending shows a clip under way as a row above the articles. The rows
// below move down one, so the open article's row is selected again (the
// list selects by position: two failed clips left the selection two rows
// below the open article).
func (l *libraryPanel) addPending(j *clipJob) {
	l.pending = append(l.pending, j)
	l.refresh()
	l.markOpen(l.openID())
	l.list.ScrollToTop()
}

func (l *libraryPanel) removePending(j *clipJob) {
	for i, p := range l.pending {
		if p == j {
			l.pending = append(l.pending[:i], l.pending[i+1:]...)
			break
		}
	}
	l.refresh()
	l.markOpen(l.openID())
}

// markOpen selects the open article's row.
func (l *libraryPanel) markOpen(id int64) {
	for i := range l.items {
		if l.items[i].ID == id {
			l.list.selectQuietly(len(l.pending) + i)
			return
		}
	}
	l.list.UnselectAll()
}

// update changes the summary of article id in place (after a tag, favourite
// or archive change) without reloading the list.
func (l *libraryPanel) update(id int64, f func(*storage.Summary)) {
	for i := range l.items {
		if l.items[i].ID == id {
			f(&l.items[i])
			l.list.RefreshItem(len(l.pending) + i)
			return
		}
	}
}

// remove drops article id from the list when an archive change takes it
// out of what the list shows.
func (l *libraryPanel) remove(id int64, archived bool) {
	q, filter, _ := l.query()
	switch scope := archiveScope(q, filter); {
	case l.searched != nil && scope == 0:
		return // the search covers the archive: the row stays, with its chip
	case l.searched != nil && archived == (scope == 1):
		return
	case l.searched == nil && archived == (filter == storage.FilterArchived):
		return
	}
	for i := range l.items {
		if l.items[i].ID == id {
			l.items = slices.Delete(l.items, i, i+1)
			l.list.UnselectAll()
			l.refresh()
			return
		}
	}
}

// emptyLibraryText is what a library with no article in it shows.
const emptyLibraryText = "Your library is empty.\n\nPaste a web address above and press Enter, or drop a saved page on the window."

func (l *libraryPanel) refresh() {
	l.prunePicked()
	q, filter, tag := l.query()
	switch {
	case len(l.items)+len(l.pending) > 0:
		l.empty.Hide()
	case q != "":
		l.empty.SetText(fmt.Sprintf("Nothing %s matches “%s”.", searchScope(q, filter, tag), q))
		l.empty.Show()
	case l.libraryEmpty:
		l.empty.SetText(emptyLibraryText)
		l.empty.Show()
	case filter == storage.FilterUnread && tag == "" && l.site == "":
		l.empty.SetText("Nothing left to read.\n\nNew clips land here until their end is reached; All articles shows the rest.")
		l.empty.Show()
	case filter != storage.FilterAll || tag != "" || l.site != "":
		l.empty.SetText("No articles here.")
		l.empty.Show()
	default:
		l.empty.SetText(emptyLibraryText)
		l.empty.Show()
	}
	l.list.Refresh()
}

// setSite shows only the articles from site ("" for every site), with a
// chip that says so and takes it away.
func (l *libraryPanel) setSite(site string) {
	l.site = site
	l.siteChip.Objects = nil
	if site != "" {
		off := widget.NewButtonWithIcon("", theme.CancelIcon(), func() { l.setSite("") })
		off.Importance = widget.LowImportance
		l.siteChip.Objects = []fyne.CanvasObject{widget.NewLabel("From " + site), off}
		l.siteChip.Show()
	} else {
		l.siteChip.Hide()
	}
	l.siteChip.Refresh()
	l.reload(false)
}
