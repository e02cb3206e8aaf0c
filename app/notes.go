package app

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"app.margin/margin/app/reader"
	"app.margin/margin/internal/text"
	"app.margin/margin/storage"
)

// quoteExcerpt is how much of a highlight's quote a note card shows.
const quoteExcerpt = 280

// notesPanel is the right side of the window: favourite and archive, tags,
// the article note, and the article's highlights with their notes.
type notesPanel struct {
	u *ui

	box         *fyne.Container
	scroll      *container.Scroll
	empty       *widget.Label
	favorite    *widget.Check
	archived    *widget.Check
	tags        *fyne.Container
	tagEntry    *widget.SelectEntry
	note        *widget.Entry
	noteSave    *debouncer
	hlTitle     *widget.Label
	hlBox       *fyne.Container
	orphTitle   *widget.Label
	orphBox     *fyne.Container
	orphSection *fyne.Container

	article     *storage.Article
	cards       map[int64]*highlightCard
	knownTags   []string
	completions []string // the known tags offered for what is typed
	quiet       bool     // set while the panel fills its widgets, so nothing is saved

	// Tag changes run in the background, one at a time under tagsMu, each
	// reading the tags back and stamping them with the next tagsGen.
	// tagsShown (Fyne's goroutine only) is the newest stamp shown for each
	// article: a result that arrives after a newer one is dropped.
	tagsMu    sync.Mutex
	tagsGen   uint64
	tagsShown map[int64]uint64
}

func newNotesPanel(u *ui) *notesPanel {
	n := &notesPanel{u: u, cards: map[int64]*highlightCard{}, tagsShown: map[int64]uint64{}, noteSave: newDebouncer(u.sched, saveDelay)}
	n.favorite = widget.NewCheck("Favourite", func(v bool) { n.setFlag(v, u.lib.SetFavorite, func(s *storage.Summary) { s.Favorite = v }) })
	n.archived = widget.NewCheck("Archived", func(v bool) {
		n.setFlag(v, u.lib.SetArchived, func(s *storage.Summary) { s.Archived = v })
		if !n.quiet && n.article != nil {
			u.library.remove(n.article.ID, v)
		}
	})
	flow := &flowLayout{}
	n.tags = container.New(flow)
	flow.c = n.tags
	n.tagEntry = widget.NewSelectEntry(nil)
	n.tagEntry.SetPlaceHolder("Add a tag…")
	n.tagEntry.OnChanged = n.completeTag
	n.tagEntry.OnSubmitted = func(string) { n.addTags() }
	n.note = widget.NewMultiLineEntry()
	n.note.Wrapping = fyne.TextWrapWord
	n.note.SetPlaceHolder("Your note on this article (Markdown)…")
	n.note.SetMinRowsVisible(4)
	n.note.OnChanged = n.noteChanged
	n.hlTitle = heading("Highlights")
	n.hlBox = container.NewVBox()
	n.orphTitle = heading("Couldn't place after re-clip")
	n.orphBox = container.NewVBox()
	n.empty = widget.NewLabel("Open an article to see its highlights and notes here.")
	n.empty.Wrapping = fyne.TextWrapWord
	return n
}

func heading(text string) *widget.Label {
	return widget.NewLabelWithStyle(text, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
}

func (n *notesPanel) content() fyne.CanvasObject {
	addTag := widget.NewButtonWithIcon("", theme.ContentAddIcon(), n.addTags)
	del := widget.NewButtonWithIcon("Delete…", theme.DeleteIcon(), n.u.deleteArticle)
	del.Importance = widget.LowImportance
	orphHint := widget.NewLabel("The article changed when it was clipped again; these passages are no longer in its text.")
	orphHint.Wrapping = fyne.TextWrapWord
	orphHint.Importance = widget.LowImportance
	n.orphSection = container.NewVBox(orphHint, n.orphBox)
	n.box = container.NewVBox(
		container.NewBorder(nil, nil, container.NewHBox(n.favorite, n.archived), del),
		heading("Tags"),
		n.tags,
		container.NewBorder(nil, nil, nil, addTag, n.tagEntry),
		heading("Note"),
		n.note,
		n.hlTitle,
		n.hlBox,
		n.orphTitle,
		n.orphSection,
	)
	n.box.Hide()
	n.scroll = container.NewVScroll(container.NewPadded(container.NewVBox(n.empty, n.box)))
	return n.scroll
}

// show fills the panel for a newly opened article.
func (n *notesPanel) show(a *storage.Article, hs []storage.Highlight) {
	n.flush()
	n.quiet = true
	n.article = a
	n.favorite.SetChecked(a.Favorite)
	n.archived.SetChecked(a.Archived)
	n.note.SetText(a.Note)
	n.tagEntry.SetText("")
	n.quiet = false
	n.showTags(a.Tags)
	clear(n.cards) // flushed above: the new article's highlights get new cards
	n.setHighlights(hs)
	n.empty.Hide()
	n.box.Show()
	n.scroll.Content.Refresh() // lay out the box shown now
	n.scroll.ScrollToTop()
}

// flush saves pending edits now (before another article is shown, or on close).
func (n *notesPanel) flush() {
	n.noteSave.flush()
	for _, c := range n.cards {
		c.save.flush()
	}
}

// discard drops pending edits without saving them.
func (n *notesPanel) discard() {
	n.noteSave.cancel()
	for _, c := range n.cards {
		c.save.cancel()
	}
}

// clear empties the panel when no article is open.
func (n *notesPanel) clear() {
	n.discard()
	n.article = nil
	n.cards = map[int64]*highlightCard{}
	n.hlBox.Objects, n.orphBox.Objects = nil, nil
	n.box.Hide()
	n.empty.Show()
}

func (n *notesPanel) noteChanged(text string) {
	if n.quiet || n.article == nil {
		return
	}
	u, id := n.u, n.article.ID
	n.article.Note = text
	n.noteSave.call(func() {
		u.goFn(func() {
			if err := u.lib.SetNote(u.ctx, id, text); err != nil {
				fyne.Do(func() { u.showError("Couldn't save the note", err) })
			}
		})
	})
}

// setFlag stores a favourite or archive change and shows it in the list.
func (n *notesPanel) setFlag(v bool, set func(context.Context, int64, bool) error, apply func(*storage.Summary)) {
	if n.quiet || n.article == nil {
		return
	}
	u, id := n.u, n.article.ID
	u.goFn(func() {
		err := set(u.ctx, id, v)
		fyne.Do(func() {
			if err != nil {
				u.showError("Couldn't save that change", err)
				return
			}
			u.library.update(id, apply)
		})
	})
}

// showTags shows the article's tags as chips with a remove button.
func (n *notesPanel) showTags(tags []string) {
	n.tags.Objects = nil
	for _, t := range tags {
		remove := widget.NewButtonWithIcon("", theme.CancelIcon(), func() { n.removeTag(t) })
		remove.Importance = widget.LowImportance
		label := widget.NewLabel(t)
		bg := canvas.NewRectangle(theme.Color(theme.ColorNameInputBackground))
		bg.CornerRadius = 12
		n.tags.Add(container.NewStack(bg, container.NewHBox(label, remove)))
	}
	if len(tags) == 0 {
		hint := widget.NewLabel("No tags yet.")
		hint.Importance = widget.LowImportance
		n.tags.Add(hint)
	}
	n.tags.Refresh()
}

// setKnownTags is the library's tag names, for completion.
func (n *notesPanel) setKnownTags(tags []storage.Tag) {
	n.knownTags = n.knownTags[:0]
	for _, t := range tags {
		n.knownTags = append(n.knownTags, t.Name)
	}
	n.completeTag(n.tagEntry.Text)
}

// completeTag offers the known tags that start with (or contain) what was typed.
func (n *notesPanel) completeTag(typed string) {
	typed = strings.ToLower(strings.TrimSpace(typed))
	var prefix, inside []string
	for _, t := range n.knownTags {
		lt := strings.ToLower(t)
		switch {
		case n.article != nil && slices.ContainsFunc(n.article.Tags, func(have string) bool { return strings.EqualFold(have, t) }):
		case strings.HasPrefix(lt, typed):
			prefix = append(prefix, t)
		case strings.Contains(lt, typed):
			inside = append(inside, t)
		}
	}
	n.completions = append(prefix, inside...)
	n.tagEntry.SetOptions(n.completions)
}

// addTags adds what the tag entry holds (commas separate several tags).
func (n *notesPanel) addTags() {
	if n.article == nil {
		return
	}
	var names []string
	for _, t := range strings.Split(n.tagEntry.Text, ",") {
		if t = strings.TrimSpace(t); t != "" {
			names = append(names, t)
		}
	}
	if len(names) == 0 {
		return
	}
	n.tagEntry.SetText("")
	n.changeTags(func(u *ui, id int64) error { return u.lib.AddTags(u.ctx, id, names...) })
}

func (n *notesPanel) removeTag(name string) {
	n.changeTags(func(u *ui, id int64) error { return u.lib.RemoveTags(u.ctx, id, name) })
}

// changeTags runs a tag change, then shows the article's tags as stored
// (an existing tag's spelling wins) and the library's new tag counts. Only
// the tags are read back, not the whole article. Two quick changes run in two
// goroutines whose results can come back in either order: the change and its
// read-back run one at a time, so a later stamp means a later stored state,
// and only the newest result is shown.
func (n *notesPanel) changeTags(change func(u *ui, id int64) error) {
	u, id := n.u, n.article.ID
	u.goFn(func() {
		n.tagsMu.Lock()
		err := change(u, id)
		var tags []string
		if err == nil {
			tags, err = u.lib.ArticleTags(u.ctx, id)
		}
		n.tagsGen++
		gen := n.tagsGen
		n.tagsMu.Unlock()
		u.doFn(func() {
			if err != nil {
				u.showError("Couldn't change the tags", err)
				return
			}
			if gen < n.tagsShown[id] {
				return // a newer change's tags are shown already
			}
			n.tagsShown[id] = gen
			if n.article != nil && n.article.ID == id {
				n.article.Tags = tags
				n.showTags(tags)
			}
			u.library.update(id, func(s *storage.Summary) { s.Tags = tags })
			u.library.reloadTags()
		})
	})
}

// setHighlights shows hs (reading order, orphaned last). Cards are kept by
// id, so a note being typed keeps its text and focus.
func (n *notesPanel) setHighlights(hs []storage.Highlight) {
	keep := map[int64]bool{}
	var placed, orphaned []fyne.CanvasObject
	for _, h := range hs {
		keep[h.ID] = true
		c, ok := n.cards[h.ID]
		if !ok {
			c = newHighlightCard(n, h)
			n.cards[h.ID] = c
		}
		c.set(h)
		if h.Orphaned {
			orphaned = append(orphaned, c)
		} else {
			placed = append(placed, c)
		}
	}
	for id, c := range n.cards {
		if !keep[id] {
			c.save.cancel() // deleted: Undo puts back the note the card held
			delete(n.cards, id)
		}
	}
	n.hlBox.Objects = placed
	if len(placed) == 0 {
		hint := widget.NewLabel("Select text in the article and press H (or a colour above it) to highlight it.")
		hint.Wrapping = fyne.TextWrapWord
		hint.Importance = widget.LowImportance
		n.hlBox.Objects = []fyne.CanvasObject{hint}
	}
	n.hlTitle.SetText(fmt.Sprintf("Highlights (%d)", len(placed)))
	n.orphBox.Objects = orphaned
	n.orphTitle.Hidden = len(orphaned) == 0
	n.orphSection.Hidden = len(orphaned) == 0
	n.box.Refresh()
}

// selectHighlight marks the card of highlight id (0: none) and scrolls to it.
func (n *notesPanel) selectHighlight(id int64) {
	for cid, c := range n.cards {
		c.setSelected(cid == id)
	}
	if c, ok := n.cards[id]; ok && n.scroll != nil {
		pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(c)
		top := fyne.CurrentApp().Driver().AbsolutePositionForObject(n.scroll.Content)
		n.scroll.Offset.Y = max(0, pos.Y-top.Y-theme.Padding())
		n.scroll.Refresh()
	}
}

func (n *notesPanel) refreshColors() {
	for _, c := range n.cards {
		c.set(c.h)
	}
}

// highlightCard is one highlight in the notes panel: its colour, quote, an
// editable note, a colour choice and delete. Tapping it selects it.
type highlightCard struct {
	widget.BaseWidget
	n        *notesPanel
	h        storage.Highlight
	save     *debouncer
	bg       *canvas.Rectangle
	strip    *canvas.Rectangle
	quote    *widget.Label
	note     *widget.Entry
	swatches []*swatch
	body     fyne.CanvasObject
	quiet    bool
}

var _ fyne.Tappable = (*highlightCard)(nil)

func newHighlightCard(n *notesPanel, h storage.Highlight) *highlightCard {
	c := &highlightCard{n: n, h: h, save: newDebouncer(n.u.sched, saveDelay)}
	c.bg = canvas.NewRectangle(theme.Color(theme.ColorNameInputBackground))
	c.bg.CornerRadius = theme.InputRadiusSize()
	c.bg.StrokeWidth = 2
	c.strip = canvas.NewRectangle(nil)
	c.strip.SetMinSize(fyne.NewSize(5, 0))
	c.strip.CornerRadius = 2
	c.quote = widget.NewLabel("")
	c.quote.Wrapping = fyne.TextWrapWord
	c.quote.TextStyle.Italic = true
	c.note = widget.NewMultiLineEntry()
	c.note.Wrapping = fyne.TextWrapWord
	c.note.SetMinRowsVisible(2)
	c.note.SetPlaceHolder("Add a note…")
	c.note.OnChanged = c.noteChanged
	var colors []fyne.CanvasObject
	for _, col := range storage.Colors {
		s := newSwatch(nil, 22, func() { c.recolor(col) })
		c.swatches = append(c.swatches, s)
		colors = append(colors, s)
	}
	del := widget.NewButtonWithIcon("", theme.DeleteIcon(), func() { n.u.deleteHighlight(c.h) })
	del.Importance = widget.LowImportance
	row := container.NewBorder(nil, nil, container.NewHBox(colors...), del)
	c.body = container.NewBorder(nil, nil, c.strip, nil,
		container.NewVBox(c.quote, c.note, row))
	c.ExtendBaseWidget(c)
	return c
}

// set shows h (a new colour, or new text after a re-clip) without touching
// the note being typed.
func (c *highlightCard) set(h storage.Highlight) {
	typing := c.h.ID == h.ID && c.note.Text != h.Note && c.save.pending != nil
	c.h = h
	dark := c.n.u.dark()
	c.strip.FillColor = reader.HighlightColor(h.Color, dark)
	c.strip.Refresh()
	c.quote.SetText("“" + excerpt(h.Quote, quoteExcerpt) + "”")
	if !typing && c.note.Text != h.Note {
		c.quiet = true
		c.note.SetText(h.Note)
		c.quiet = false
	}
	for i, s := range c.swatches {
		s.Fill = reader.HighlightColor(storage.Colors[i], dark)
		s.Selected = storage.Colors[i] == h.Color
		s.Refresh()
	}
}

func (c *highlightCard) setSelected(v bool) {
	if v {
		c.bg.StrokeColor = theme.Color(theme.ColorNamePrimary)
	} else {
		c.bg.StrokeColor = nil
	}
	c.bg.Refresh()
}

// Tapped selects the highlight in the reader and the panel.
func (c *highlightCard) Tapped(*fyne.PointEvent) {
	c.n.u.win.Canvas().Unfocus()
	c.n.u.selectHighlight(c.h.ID)
}

func (c *highlightCard) noteChanged(text string) {
	if c.quiet {
		return
	}
	c.h.Note = text
	c.saveLater()
}

func (c *highlightCard) recolor(col storage.Color) {
	if col == c.h.Color {
		return
	}
	c.h.Color = col
	c.save.cancel() // the pending note goes with the colour
	c.n.u.storeHighlight(c.h, true)
}

func (c *highlightCard) saveLater() {
	h := c.h // the timer's goroutine must not read the card
	c.save.call(func() { c.n.u.storeHighlight(h, false) })
}

// storeHighlight stores h's colour and note; a new colour is redrawn in the
// reader too.
func (u *ui) storeHighlight(h storage.Highlight, redraw bool) {
	u.goFn(func() {
		_, err := u.lib.UpdateHighlight(u.ctx, h.ID, h.Color, h.Note)
		fyne.Do(func() {
			if err != nil {
				u.showError("Couldn't save the highlight", err)
				return
			}
			if redraw {
				u.reloadHighlights(h.ArticleID, h.ID)
			}
		})
	})
}

func (c *highlightCard) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.NewStack(c.bg, container.NewPadded(c.body)))
}

// excerpt shortens s to about n code points at a word boundary.
func excerpt(s string, n int) string {
	s = text.OneLine(s)
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	cut := string(r[:n])
	if i := strings.LastIndexByte(cut, ' '); i > len(cut)*2/3 {
		cut = cut[:i]
	}
	return cut + "…"
}

// flowLayout places objects left to right and wraps them onto new lines.
// Its height depends on its width, which MinSize does not know, so it
// remembers the width of the last layout and asks for another pass when the
// number of lines changes.
type flowLayout struct {
	c      *fyne.Container
	width  float32
	height float32
}

func (f *flowLayout) place(objs []fyne.CanvasObject, width float32, move bool) (height float32) {
	gap := theme.Padding()
	x, y, rowH := float32(0), float32(0), float32(0)
	for _, o := range objs {
		if !o.Visible() {
			continue
		}
		m := o.MinSize()
		if x > 0 && x+m.Width > width {
			x, y, rowH = 0, y+rowH+gap, 0
		}
		if move {
			o.Move(fyne.NewPos(x, y))
			o.Resize(fyne.NewSize(min(m.Width, width), m.Height))
		}
		x += m.Width + gap
		rowH = max(rowH, m.Height)
	}
	return y + rowH
}

func (f *flowLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	f.width = size.Width
	if h := f.place(objs, size.Width, true); h != f.height && f.c != nil {
		f.height = h
		fyne.Do(f.c.Refresh)
	}
}

func (f *flowLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var s fyne.Size
	for _, o := range objs {
		if o.Visible() {
			s = s.Max(o.MinSize())
		}
	}
	if f.width > 0 {
		s.Height = f.place(objs, f.width, false)
	}
	return s
}
