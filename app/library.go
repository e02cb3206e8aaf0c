package app

import (
	"app.margin/margin/internal/text"

	"app.margin/margin/article"

	"fmt"
	"slices"
	"sort"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

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
// and the list of articles (with a row for each clip in progress).
type libraryPanel struct {
	u *ui

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
	items   []storage.Summary
	next    string // keyset cursor of the next list page, "" at the end
	// searched is the search the items came from (nil for a list), and
	// moreHits whether it may have another page.
	searched *storage.SearchOptions
	moreHits bool
	gen      int // bumped on every reload so late answers are dropped
	loading  int // gen of the page being fetched, 0 when none
	tagName  map[string]string
}

func newLibraryPanel(u *ui) *libraryPanel {
	l := &libraryPanel{u: u, debounce: u.newDebouncer(searchDelay)}
	l.search = newSearchEntry(func() { u.win.Canvas().Focus(l.list) }, func() {
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
	l.filter = widget.NewSelect(filterNames, func(string) { l.reload(false) })
	l.filter.Selected = filterNames[0]
	l.tag = widget.NewSelect([]string{allTags}, func(string) { l.reload(false) })
	l.tag.Selected = allTags
	l.sort = widget.NewSelect(sortNames, func(s string) {
		u.prefs.SetString(prefSort, s)
		l.reload(false)
	})
	l.sort.Selected = u.prefs.StringWithFallback(prefSort, sortNames[0])
	if _, ok := sortOf[l.sort.Selected]; !ok {
		l.sort.Selected = sortNames[0]
	}
	l.status = newCaption()
	l.empty = widget.NewLabel("")
	l.empty.Wrapping = fyne.TextWrapWord
	l.empty.Alignment = fyne.TextAlignCenter
	l.empty.Hide()
	l.list = newArticleList(l)
	return l
}

func (l *libraryPanel) content() fyne.CanvasObject {
	filters := container.NewGridWithColumns(2, l.filter, l.tag)
	head := container.NewVBox(l.search, filters, container.NewBorder(nil, nil, nil, l.sort, l.status))
	l.view = container.NewBorder(head, nil, nil, nil,
		container.NewStack(l.list, container.NewPadded(l.empty)))
	return l.view
}

// query is what the panel shows now.
func (l *libraryPanel) query() (q string, filter storage.Filter, tag string) {
	return strings.TrimSpace(l.search.Text), filterOf[l.filter.Selected], l.tagName[l.tag.Selected]
}

// listOptions asks for the list page the panel shows after the keyset cursor
// after ("" for the first page).
func (l *libraryPanel) listOptions(after string) storage.ListOptions {
	_, filter, tag := l.query()
	return storage.ListOptions{Sort: sortOf[l.sort.Selected], Filter: filter, Tag: tag, Limit: listPageSize, After: after}
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
	u := l.u
	u.goFn(func() {
		page, err := l.fetch(searched, listOpt)
		total := -1
		if err == nil && q == "" && filter == storage.FilterAll && tag == "" {
			total, _ = u.lib.Count(u.ctx)
		}
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
			l.status.SetText(l.describe(q, relevance, total))
			l.refresh()
			l.list.ScrollToTop()
			l.markOpen(u.currentID()) // the rows moved: select the open article's again
		})
	})
}

// describe is the caption above the list: how many articles, and how a
// search is ordered (typing lists newest first; Enter ranks by relevance).
func (l *libraryPanel) describe(q string, relevance bool, total int) string {
	n := len(l.items)
	switch {
	case q != "" && n == 0:
		return "No matches"
	case q != "" && relevance:
		return l.matches(n) + ", best first"
	case q != "":
		return l.matches(n) + ", newest first · Enter: best first"
	case total >= 0:
		return plural(total, "article", "articles")
	case l.next != "":
		return fmt.Sprintf("%d+ articles", n)
	}
	return plural(n, "article", "articles")
}

// matches counts the hits shown, with a + while more pages may follow.
func (l *libraryPanel) matches(n int) string {
	if l.moreHits {
		return groupDigits(n) + "+ matches"
	}
	return plural(n, "match", "matches")
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%s %s", groupDigits(n), many)
}

// groupDigits writes 20000 as 20,000.
func groupDigits(n int) string {
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
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
	u := l.u
	u.goFn(func() {
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
		items, err := l.u.lib.Search(l.u.ctx, *searched)
		return storage.Page{Items: items}, err
	}
	return l.u.lib.List(l.u.ctx, opt)
}

// reloadTags refreshes the tag choices with their counts.
func (l *libraryPanel) reloadTags() {
	u := l.u
	u.goFn(func() {
		tags, err := u.lib.Tags(u.ctx)
		fyne.Do(func() {
			if err != nil {
				return // the list still works; the tag choices stay as they were
			}
			l.setTags(tags)
			u.notes.setKnownTags(tags)
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

func (l *libraryPanel) addPending(j *clipJob) {
	l.pending = append(l.pending, j)
	l.refresh()
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
}

// markOpen selects the open article's row and shows it as read.
func (l *libraryPanel) markOpen(id int64) {
	for i := range l.items {
		if l.items[i].ID == id {
			l.items[i].Unread = false
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
	_, filter, _ := l.query()
	if archived == (filter == storage.FilterArchived) {
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

func (l *libraryPanel) refresh() {
	q, filter, tag := l.query()
	switch {
	case len(l.items)+len(l.pending) > 0:
		l.empty.Hide()
	case q != "":
		l.empty.SetText(fmt.Sprintf("Nothing in the library matches “%s”.", q))
		l.empty.Show()
	case filter != storage.FilterAll || tag != "":
		l.empty.SetText("No articles here.")
		l.empty.Show()
	default:
		l.empty.SetText("Your library is empty.\n\nPaste a web address above and press Enter, or drop a saved page on the window.")
		l.empty.Show()
	}
	l.list.Refresh()
}

// searchEntry is the search box; Down moves the focus to the list, so the
// keyboard goes Ctrl+F, type, Down, arrows, Enter; Escape clears it.
type searchEntry struct {
	widget.Entry
	onDown, onEscape func()
}

func newSearchEntry(onDown, onEscape func()) *searchEntry {
	e := &searchEntry{onDown: onDown, onEscape: onEscape}
	e.ExtendBaseWidget(e)
	return e
}

// TypedKey hands Down to the list and clears the search on Escape.
func (e *searchEntry) TypedKey(k *fyne.KeyEvent) {
	switch k.Name {
	case fyne.KeyDown:
		e.onDown()
	case fyne.KeyEscape:
		e.onEscape()
	default:
		e.Entry.TypedKey(k)
	}
}

// articleList is the virtualised list of articles; Enter opens the focused
// row as Space does.
type articleList struct {
	widget.List
	panel *libraryPanel
	quiet bool // selecting programmatically: do not open again
}

var _ fyne.Focusable = (*articleList)(nil)

func newArticleList(l *libraryPanel) *articleList {
	a := &articleList{panel: l}
	a.Length = func() int { return len(l.pending) + len(l.items) }
	a.CreateItem = func() fyne.CanvasObject { return newArticleRow() }
	a.UpdateItem = func(id widget.ListItemID, o fyne.CanvasObject) {
		row := o.(*articleRow)
		if id < len(l.pending) {
			row.setPending(l.pending[id])
			return
		}
		i := id - len(l.pending)
		if i >= len(l.items) {
			return
		}
		row.setSummary(&l.items[i])
		if i >= len(l.items)-loadMoreAhead {
			l.loadMore()
		}
	}
	a.OnSelected = func(id widget.ListItemID) {
		if a.quiet {
			return
		}
		if i := id - len(l.pending); i >= 0 && i < len(l.items) {
			l.u.openArticle(l.items[i].ID)
		}
	}
	a.ExtendBaseWidget(a)
	return a
}

// TypedKey opens the focused row on Enter and moves the keyboard into the
// reader, as a mail client does (Esc there comes back); Space opens the row
// and stays in the list for browsing.
func (a *articleList) TypedKey(e *fyne.KeyEvent) {
	if e.Name != fyne.KeyReturn && e.Name != fyne.KeyEnter {
		a.List.TypedKey(e)
		return
	}
	u := a.panel.u
	opening := u.openSeq
	a.List.TypedKey(&fyne.KeyEvent{Name: fyne.KeySpace})
	if u.openSeq != opening || u.current != nil { // the row's article is opening, or open already
		u.win.Canvas().Focus(u.reader)
	}
}

func (a *articleList) selectQuietly(id widget.ListItemID) {
	a.quiet = true
	a.Select(id)
	a.quiet = false
}

// articleRow shows one article: title, site · date, tags, and a snippet
// (the matches in bold when searching, else the excerpt).
type articleRow struct {
	widget.BaseWidget
	title    *widget.Label
	meta     *caption
	chips    *fyne.Container
	snippet  *widget.RichText
	progress *widget.ProgressBarInfinite
	cancel   *widget.Button // stops a clip in progress
	unread   *canvas.Circle

	full     []widget.RichTextSegment // the whole snippet; what fits in two lines is shown
	fitWidth float32                  // the width the shown snippet was cut for
}

func newArticleRow() *articleRow {
	r := &articleRow{
		title:    widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		meta:     newCaption(),
		chips:    container.NewHBox(),
		snippet:  widget.NewRichText(),
		progress: widget.NewProgressBarInfinite(),
		cancel:   widget.NewButtonWithIcon("", theme.CancelIcon(), nil),
		unread:   canvas.NewCircle(theme.Color(theme.ColorNamePrimary)),
	}
	r.title.Truncation = fyne.TextTruncateEllipsis
	r.snippet.Wrapping = fyne.TextWrapWord
	r.progress.Stop()
	r.progress.Hide()
	r.cancel.Importance = widget.LowImportance
	r.cancel.Hide()
	r.ExtendBaseWidget(r)
	return r
}

func (r *articleRow) setPending(j *clipJob) {
	r.title.SetText(text.OneLine(j.label))
	r.meta.SetText(text.OneLine(j.target))
	r.chips.Objects = nil
	r.chips.Refresh()
	r.full, r.fitWidth = nil, 0
	r.unread.Hide()
	if !r.progress.Visible() {
		r.progress.Show()
		r.progress.Start()
	}
	r.cancel.OnTapped = j.cancel
	r.cancel.Show()
	r.Refresh()
}

func (r *articleRow) setSummary(s *storage.Summary) {
	if r.progress.Visible() {
		r.progress.Stop()
		r.progress.Hide()
		r.cancel.Hide()
	}
	// A title is one line of the row whatever the page put in it: a line
	// break would make the label taller than the row and overlap the next,
	// and a bidi override would reorder the rest of the line.
	title := text.OneLine(s.Title)
	if title == "" {
		title = text.OneLine(s.URL)
	}
	r.title.SetText(title)
	r.meta.SetText(text.OneLine(summaryMeta(s)))
	r.unread.Hidden = !s.Unread
	r.chips.Objects = r.chips.Objects[:0]
	for i, t := range s.Tags {
		if i == 2 || i == 1 && len(s.Tags) > 2 && len([]rune(s.Tags[0]))+len([]rune(t)) > 16 {
			r.chips.Add(newChip(fmt.Sprintf("+%d", len(s.Tags)-i)))
			break
		}
		r.chips.Add(newChip(excerpt(t, 16)))
	}
	if s.Snippet != "" {
		r.full = snippetSegments(s.Snippet, s.Matches)
	} else {
		r.full = []widget.RichTextSegment{&widget.TextSegment{Text: text.OneLine(s.Excerpt), Style: snippetStyle(false)}}
	}
	// Fyne wraps words at spaces; a run of Chinese has none, so it would
	// jump whole to the next line after a bold match.
	r.snippet.Wrapping = fyne.TextWrapWord
	if text.MostlyCJK([]rune(s.Snippet + s.Excerpt)) {
		r.snippet.Wrapping = fyne.TextWrapBreak
	}
	r.fitWidth = 0
	r.Refresh() // lays the row out again for its new chips and snippet
}

// summaryMeta is the line under a title: site · date (· via source) · reading time.
func summaryMeta(s *storage.Summary) string {
	var parts []string
	site := s.SiteOrHost()
	if site != "" {
		parts = append(parts, site)
	}
	date := s.Published
	if date.IsZero() {
		date = s.ClippedAt
	}
	if !date.IsZero() {
		parts = append(parts, shortDate(date))
	}
	if via, _ := article.Via(article.Source{Name: s.Source}, site); via != "" {
		parts = append(parts, "via "+via)
	}
	if s.Favorite {
		parts = append(parts, "★")
	}
	return strings.Join(parts, " · ")
}

// shortDate writes this year's dates without the year.
func shortDate(t time.Time) string {
	if t.Year() == time.Now().Year() {
		return t.Format("2 Jan")
	}
	return t.Format("2 Jan 2006")
}

// snippetLead is how much text a snippet keeps before its first match, so
// the match shows in a narrow row.
const snippetLead = 24

// snippetSegments renders a search snippet on one line with its matches in
// bold, starting at most snippetLead characters before the first match.
func snippetSegments(snippet string, matches []storage.Match) []widget.RichTextSegment {
	var segs []widget.RichTextSegment
	add := func(s string, bold bool) {
		if s = text.Flatten(s); s != "" {
			segs = append(segs, &widget.TextSegment{Text: s, Style: snippetStyle(bold)})
		}
	}
	pos := 0
	if len(matches) > 0 && matches[0].Start <= len(snippet) {
		if lead := []rune(snippet[:matches[0].Start]); len(lead) > snippetLead {
			add("…"+strings.TrimLeft(string(lead[len(lead)-snippetLead:]), " "), false)
			pos = matches[0].Start
		}
	}
	for _, m := range matches {
		if m.Start < pos || m.End > len(snippet) || m.Start >= m.End {
			continue
		}
		add(snippet[pos:m.Start], false)
		add(snippet[m.Start:m.End], true)
		pos = m.End
	}
	add(snippet[pos:], false)
	return segs
}

// fitLines cuts segments (ending the cut with …) so they take about lines
// lines of width w once wrapped; RichText's own ellipsis works on one
// segment only, and would hide a match in the second.
func fitLines(segs []widget.RichTextSegment, w float32, lines int) []widget.RichTextSegment {
	budget := w * (float32(lines) - 0.35) // word wrap leaves ragged line ends
	var out []widget.RichTextSegment
	for _, seg := range segs {
		ts, ok := seg.(*widget.TextSegment)
		if !ok {
			continue
		}
		size := theme.Size(ts.Style.SizeName)
		width := fyne.MeasureText(ts.Text, size, ts.Style.TextStyle).Width
		if width <= budget {
			out = append(out, ts)
			budget -= width
			continue
		}
		runes := []rune(ts.Text)
		n := sort.Search(len(runes), func(i int) bool {
			return fyne.MeasureText(string(runes[:i+1])+"…", size, ts.Style.TextStyle).Width > budget
		})
		out = append(out, &widget.TextSegment{Text: string(runes[:n]) + "…", Style: ts.Style})
		break
	}
	return out
}

func snippetStyle(bold bool) widget.RichTextStyle {
	st := widget.RichTextStyleInline
	st.SizeName = theme.SizeNameCaptionText
	st.TextStyle.Bold = bold
	if bold {
		st.ColorName = theme.ColorNameForeground
	} else {
		st.ColorName = theme.ColorNamePlaceHolder
	}
	return st
}

func (r *articleRow) CreateRenderer() fyne.WidgetRenderer {
	return &articleRowRenderer{r: r}
}

// articleRowRenderer stacks the row's lines tighter than a VBox would: each
// label carries inner padding above and below, so neighbours overlap it.
type articleRowRenderer struct{ r *articleRow }

func (rr *articleRowRenderer) Objects() []fyne.CanvasObject {
	r := rr.r
	return []fyne.CanvasObject{r.unread, r.title, r.meta, r.chips, r.progress, r.cancel, r.snippet}
}

func (rr *articleRowRenderer) snippetHeight() float32 {
	line := fyne.MeasureText("Mg", theme.Size(theme.SizeNameCaptionText), fyne.TextStyle{}).Height
	return 2*line + 2*theme.InnerPadding() + theme.LineSpacing()
}

func (rr *articleRowRenderer) Layout(size fyne.Size) {
	r := rr.r
	pad := theme.InnerPadding()
	dot := float32(8)
	left := dot + 2
	y := float32(0)
	th := r.title.MinSize().Height
	r.title.Move(fyne.NewPos(left, y))
	r.title.Resize(fyne.NewSize(size.Width-left, th))
	r.unread.Move(fyne.NewPos(2, y+(th-dot)/2))
	r.unread.Resize(fyne.NewSquareSize(dot))
	y += th - pad
	mh := r.meta.MinSize().Height
	cw := r.chips.MinSize().Width
	ch := r.chips.MinSize().Height
	r.chips.Move(fyne.NewPos(size.Width-cw-pad/2, y+(mh-ch)/2))
	r.chips.Resize(fyne.NewSize(cw, ch))
	r.meta.Move(fyne.NewPos(left, y))
	r.meta.Resize(fyne.NewSize(size.Width-left-cw-pad/2, mh))
	y += mh - pad
	r.snippet.Move(fyne.NewPos(left, y))
	r.snippet.Resize(fyne.NewSize(size.Width-left, rr.snippetHeight()))
	if w := size.Width - left - 2*pad; w > 0 && w != r.fitWidth {
		r.fitWidth = w
		r.snippet.Segments = fitLines(r.full, w, 2)
		r.snippet.Refresh()
	}
	cs := r.cancel.MinSize()
	r.cancel.Move(fyne.NewPos(size.Width-cs.Width, y))
	r.cancel.Resize(cs)
	r.progress.Move(fyne.NewPos(left+pad, y+(cs.Height-theme.Padding()*2)/2))
	r.progress.Resize(fyne.NewSize(size.Width-left-2*pad-cs.Width, theme.Padding()*2))
}

func (rr *articleRowRenderer) MinSize() fyne.Size {
	r := rr.r
	pad := theme.InnerPadding()
	h := r.title.MinSize().Height + r.meta.MinSize().Height + rr.snippetHeight() - 2*pad
	return fyne.NewSize(120, h)
}

func (rr *articleRowRenderer) Refresh() {
	rr.r.unread.FillColor = theme.Color(theme.ColorNamePrimary)
	rr.Layout(rr.r.Size())
	for _, o := range rr.Objects() {
		o.Refresh()
	}
}

func (rr *articleRowRenderer) Destroy() {}

// caption is one line of small secondary text, cut with an ellipsis. (A
// low-importance Label is too faint on the light theme.)
type caption struct{ widget.RichText }

func newCaption() *caption {
	c := &caption{}
	c.Truncation = fyne.TextTruncateEllipsis
	c.Segments = []widget.RichTextSegment{&widget.TextSegment{Style: snippetStyle(false)}}
	c.ExtendBaseWidget(c)
	return c
}

// SetText replaces the caption's text.
func (c *caption) SetText(s string) {
	seg := c.Segments[0].(*widget.TextSegment)
	if seg.Text == s {
		return
	}
	seg.Text = s
	c.Refresh()
}

// Text is the caption's text.
func (c *caption) Text() string { return c.Segments[0].(*widget.TextSegment).Text }

// newChip is a small rounded tag label.
func newChip(text string) *fyne.Container {
	bg := canvas.NewRectangle(theme.Color(theme.ColorNameInputBackground))
	bg.CornerRadius = 8
	bg.StrokeColor = theme.Color(theme.ColorNameInputBorder)
	bg.StrokeWidth = 1
	t := canvas.NewText(text, theme.Color(theme.ColorNameForeground))
	t.TextSize = theme.Size(theme.SizeNameCaptionText)
	return container.NewStack(bg, container.New(&chipPadding{}, t))
}

// chipPadding pads a chip's text a little, less than theme padding would.
type chipPadding struct{}

func (chipPadding) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		o.Move(fyne.NewPos(7, 2))
		o.Resize(size.SubtractWidthHeight(14, 4))
	}
}

func (chipPadding) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var s fyne.Size
	for _, o := range objs {
		s = s.Max(o.MinSize())
	}
	return s.AddWidthHeight(14, 4)
}
