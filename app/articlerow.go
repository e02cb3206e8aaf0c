package app

import (
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"app.margin/margin/article"
	"app.margin/margin/internal/text"
	"app.margin/margin/storage"
)

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
	bar      *readBar          // how far it has been read
	picked   *canvas.Rectangle // behind a row picked for an action on several

	// onMenu opens the row's context menu at an absolute position; nil for
	// a clip in progress.
	onMenu func(at fyne.Position)
	// onPress hears of a press of the primary button with the modifiers
	// held (Ctrl- and Shift-click pick rows); nil for a clip in progress.
	onPress func(mods fyne.KeyModifier)
	// onTapped chooses the row in its list. The row takes the click
	// because it takes the right click (Fyne gives both to the deepest
	// widget that takes either), so the list's own item never sees it.
	onTapped func()

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
		bar:      newReadBar(),
		picked:   canvas.NewRectangle(theme.Color(theme.ColorNameSelection)),
	}
	r.picked.Hide()
	r.title.Truncation = fyne.TextTruncateEllipsis
	r.snippet.Wrapping = fyne.TextWrapWord
	r.progress.Stop()
	r.progress.Hide()
	r.cancel.Importance = widget.LowImportance
	r.cancel.Hide()
	r.ExtendBaseWidget(r)
	return r
}

var (
	_ fyne.Tappable          = (*articleRow)(nil)
	_ fyne.SecondaryTappable = (*articleRow)(nil)
	_ desktop.Mouseable      = (*articleRow)(nil)
)

// Tapped chooses the row, as a click on a list's row does.
func (r *articleRow) Tapped(*fyne.PointEvent) {
	if r.onTapped != nil {
		r.onTapped()
	}
}

// MouseDown tells the list which modifiers a click holds; the tap that
// follows selects the row through the list.
func (r *articleRow) MouseDown(e *desktop.MouseEvent) {
	if e.Button == desktop.MouseButtonPrimary && r.onPress != nil {
		r.onPress(e.Modifier)
	}
}

// MouseUp is part of desktop.Mouseable; the tap does the rest.
func (r *articleRow) MouseUp(*desktop.MouseEvent) {}

// setPicked shows the row picked for an action on several articles.
func (r *articleRow) setPicked(v bool) {
	if r.picked.Visible() != v {
		r.picked.Hidden = !v
		r.picked.Refresh()
	}
}

// TappedSecondary opens the row's context menu.
func (r *articleRow) TappedSecondary(e *fyne.PointEvent) {
	if r.onMenu != nil {
		r.onMenu(e.AbsolutePosition)
	}
}

func (r *articleRow) setPending(j *clipJob) {
	r.onMenu, r.onPress = nil, nil
	r.onTapped = nil
	r.setPicked(false)
	r.bar.set(0)
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

// setSummary shows an article's summary; now is today, for its date.
// badgeArchived shows an "Archived" chip on an archived article (not
// wanted where every row is one).
func (r *articleRow) setSummary(s *storage.Summary, now time.Time, badgeArchived bool) {
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
	r.meta.SetText(text.OneLine(summaryMeta(s, now)))
	r.unread.Hidden = !s.Unread
	r.bar.set(s.Position)
	r.chips.Objects = r.chips.Objects[:0]
	if badgeArchived && s.Archived {
		r.chips.Add(newChip("Archived"))
	}
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

// summaryMeta is the line under a title: site · date (· via source) ·
// reading time · progress · ★.
func summaryMeta(s *storage.Summary, now time.Time) string {
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
		parts = append(parts, shortDate(date, now))
	}
	if via, _ := article.Via(article.Source{Name: s.Source}, site); via != "" {
		parts = append(parts, "via "+via)
	}
	if s.ReadingMinutes > 0 {
		parts = append(parts, fmt.Sprintf("%d min", s.ReadingMinutes))
	}
	if p := progress(s.Position); p != "" {
		parts = append(parts, p)
	}
	if s.Favorite {
		parts = append(parts, "★")
	}
	return strings.Join(parts, " · ")
}

// progress is how far an article has been read, "" before the first
// scroll and once its end is reached (the row's unread dot says the rest).
func progress(pos float64) string {
	if pos <= 0 || pos >= storage.ReadEnd {
		return ""
	}
	return fmt.Sprintf("%d%% read", max(1, int(pos*100)))
}

func (r *articleRow) CreateRenderer() fyne.WidgetRenderer {
	return &articleRowRenderer{r: r}
}

// articleRowRenderer stacks the row's lines tighter than a VBox would: each
// label carries inner padding above and below, so neighbours overlap it.
type articleRowRenderer struct{ r *articleRow }

func (rr *articleRowRenderer) Objects() []fyne.CanvasObject {
	r := rr.r
	return []fyne.CanvasObject{r.picked, r.unread, r.title, r.meta, r.chips, r.progress, r.cancel, r.snippet, r.bar}
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
	r.picked.Move(fyne.NewPos(0, 0))
	r.picked.Resize(size)
	r.bar.Move(fyne.NewPos(left, size.Height-2))
	r.bar.Resize(fyne.NewSize(size.Width-left, 2))
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
	rr.r.picked.FillColor = theme.Color(theme.ColorNameSelection)
	rr.Layout(rr.r.Size())
	for _, o := range rr.Objects() {
		o.Refresh()
	}
}

func (rr *articleRowRenderer) Destroy() {}

// readBar is a thin line along the foot of a row, as long as the part of
// the article read: progress at a glance, beside the meta line's "42% read".
type readBar struct {
	widget.BaseWidget
	pos  float64
	fill *canvas.Rectangle
}

func newReadBar() *readBar {
	b := &readBar{fill: canvas.NewRectangle(theme.Color(theme.ColorNamePrimary))}
	b.ExtendBaseWidget(b)
	return b
}

// set shows progress pos (0 to 1); none before the first scroll and once
// the end is reached, as the meta line.
func (b *readBar) set(pos float64) {
	if pos >= storage.ReadEnd {
		pos = 0
	}
	if pos != b.pos {
		b.pos = pos
		b.Refresh()
	}
}

func (b *readBar) CreateRenderer() fyne.WidgetRenderer { return &readBarRenderer{b} }

type readBarRenderer struct{ b *readBar }

func (r *readBarRenderer) Layout(size fyne.Size) {
	r.b.fill.Move(fyne.NewPos(0, 0))
	r.b.fill.Resize(fyne.NewSize(size.Width*float32(max(0, min(1, r.b.pos))), size.Height))
}

func (r *readBarRenderer) MinSize() fyne.Size { return fyne.NewSize(0, 2) }

func (r *readBarRenderer) Refresh() {
	r.b.fill.FillColor = theme.Color(theme.ColorNamePrimary)
	r.b.fill.Hidden = r.b.pos <= 0
	r.Layout(r.b.Size())
	r.b.fill.Refresh()
}

func (r *readBarRenderer) Objects() []fyne.CanvasObject { return []fyne.CanvasObject{r.b.fill} }
func (r *readBarRenderer) Destroy()                     {}
