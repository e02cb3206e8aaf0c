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

	"app.margin/margin/app/internal/sched"
	"app.margin/margin/storage"
)

// quoteExcerpt is how much of a highlight's quote a note card shows.
const quoteExcerpt = 280

// notesPanel is the right side of the window: favourite and archive, tags,
// the article note, and the article's highlights with their notes.
type notesPanel struct {
	lib   Library
	ctx   context.Context
	sched sched.Scheduler
	// doFn hands a result to Fyne's goroutine (fyne.Do); tests reorder.
	doFn func(func())

	// What the panel asks of the window.
	showError         func(title string, err error)
	dark              func() bool                                   // the theme's background is dark
	onSummary         func(id int64, change func(*storage.Summary)) // the list shows a changed article
	onArchived        func(id int64, archived bool)                 // the list may drop the article
	onTagsChanged     func()                                        // the library's tags changed
	onDeleteArticle   func()
	onDeleteHighlight func(h storage.Highlight)
	onSelectHighlight func(id int64)
	onRecolored       func(h storage.Highlight) // redraw h's new colour in the reader

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

// newNotesPanel builds the panel over lib; the window sets its callbacks
// (every one) before showing it.
func newNotesPanel(ctx context.Context, lib Library, s sched.Scheduler) *notesPanel {
	n := &notesPanel{lib: lib, ctx: ctx, sched: s, doFn: fyne.Do,
		cards: map[int64]*highlightCard{}, tagsShown: map[int64]uint64{}, noteSave: newDebouncer(s, saveDelay)}
	n.favorite = widget.NewCheck("Favourite", func(v bool) { n.setFlag(v, lib.SetFavorite, func(s *storage.Summary) { s.Favorite = v }) })
	n.archived = widget.NewCheck("Archived", func(v bool) {
		n.setFlag(v, lib.SetArchived, func(s *storage.Summary) { s.Archived = v })
		if !n.quiet && n.article != nil {
			n.onArchived(n.article.ID, v)
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
	del := widget.NewButtonWithIcon("Delete…", theme.DeleteIcon(), func() { n.onDeleteArticle() })
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
	id := n.article.ID
	n.article.Note = text
	n.noteSave.call(func() {
		n.sched.Go(func() {
			if err := n.lib.SetNote(n.ctx, id, text); err != nil {
				fyne.Do(func() { n.showError("Couldn't save the note", err) })
			}
		})
	})
}

// showArchived shows an archive change made elsewhere (the list's menu)
// without storing it again.
func (n *notesPanel) showArchived(v bool) {
	n.quiet = true
	n.archived.SetChecked(v)
	n.quiet = false
}

// setFlag stores a favourite or archive change and shows it in the list.
func (n *notesPanel) setFlag(v bool, set func(context.Context, int64, bool) error, apply func(*storage.Summary)) {
	if n.quiet || n.article == nil {
		return
	}
	id := n.article.ID
	n.sched.Go(func() {
		err := set(n.ctx, id, v)
		fyne.Do(func() {
			if err != nil {
				n.showError("Couldn't save that change", err)
				return
			}
			n.onSummary(id, apply)
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
	n.changeTags(func(id int64) error { return n.lib.AddTags(n.ctx, id, names...) })
}

func (n *notesPanel) removeTag(name string) {
	n.changeTags(func(id int64) error { return n.lib.RemoveTags(n.ctx, id, name) })
}

// changeTags runs a tag change, then shows the article's tags as stored
// (an existing tag's spelling wins) and the library's new tag counts. Only
// the tags are read back, not the whole article. Two quick changes run in two
// goroutines whose results can come back in either order: the change and its
// read-back run one at a time, so a later stamp means a later stored state,
// and only the newest result is shown.
func (n *notesPanel) changeTags(change func(id int64) error) {
	id := n.article.ID
	n.sched.Go(func() {
		n.tagsMu.Lock()
		err := change(id)
		var tags []string
		if err == nil {
			tags, err = n.lib.ArticleTags(n.ctx, id)
		}
		n.tagsGen++
		gen := n.tagsGen
		n.tagsMu.Unlock()
		n.doFn(func() {
			if err != nil {
				n.showError("Couldn't change the tags", err)
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
			n.onSummary(id, func(s *storage.Summary) { s.Tags = tags })
			n.onTagsChanged()
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

// storeHighlight stores h's colour and note; a new colour is redrawn in the
// reader too.
func (n *notesPanel) storeHighlight(h storage.Highlight, redraw bool) {
	n.sched.Go(func() {
		_, err := n.lib.UpdateHighlight(n.ctx, h.ID, h.Color, h.Note)
		fyne.Do(func() {
			if err != nil {
				n.showError("Couldn't save the highlight", err)
				return
			}
			if redraw {
				n.onRecolored(h)
			}
		})
	})
}
