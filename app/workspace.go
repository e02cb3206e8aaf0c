package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// compactBelow is the window width under which the notes panel stops
// taking a column of its own and becomes a drawer over the reader: three
// columns below it leave the reader too narrow to read in.
const compactBelow = 1100

// drawerShare is how much of the reader's width an open notes drawer takes
// (at least the panel's minimum width, at most all of it).
const drawerShare = 0.55

// workspace is the window's three panes: the library, the reader (with its
// toolbar) and the notes. On a wide window the notes are a third column
// beside the reader; on a narrow one (compact) they are a drawer the Notes
// button slides over the reader's right side, so that the window fits half
// of a 1920 px screen, or 720x480.
type workspace struct {
	u *ui
	// slot is the notes column of the wide layout, drawer the notes over
	// the reader in the compact one; the notes panel sits in one of them.
	slot     *fyne.Container
	drawer   *fyne.Container
	inDrawer *fyne.Container // the stack in the drawer that holds the notes while compact
	drawerBg *canvas.Rectangle
	column   *fyne.Container // the toolbar and the reader
	area     *fyne.Container // the reader and the drawer over it
	view     *fyne.Container
	compact  bool
	decided  bool // compact was set by a layout (before the first, wide)
}

// newWorkspace lays out the panes of u, whose library, reader, toolbar and
// notes are built already; it sets u.outer and u.inner.
func newWorkspace(u *ui) *workspace {
	w := &workspace{u: u}
	w.slot = container.NewStack(u.notesBox)
	w.drawerBg = canvas.NewRectangle(theme.Color(theme.ColorNameBackground))
	w.inDrawer = container.NewStack()
	w.drawer = container.NewStack(w.drawerBg,
		container.NewBorder(nil, nil, widget.NewSeparator(), nil, w.inDrawer))
	w.drawer.Hide()
	w.area = container.New(&drawerLayout{}, u.reader, w.drawer)
	w.column = container.New(&columnLayout{t: u.toolbar}, u.toolbar.view, w.area)
	u.inner = container.NewHSplit(w.column, w.slot)
	u.outer = container.NewHSplit(u.library.content(), u.inner)
	w.view = container.New(&workspaceLayout{w: w}, u.outer)
	return w
}

// setCompact moves the notes panel between its column and the drawer. The
// drawer starts closed: opening the notes over the text is the reader's
// choice, not something a narrowed window does to them.
func (w *workspace) setCompact(compact bool) {
	if w.decided && compact == w.compact {
		return
	}
	w.decided = true
	w.compact = compact
	notes := w.u.notesBox
	if compact {
		w.slot.Objects = nil
		w.inDrawer.Objects = []fyne.CanvasObject{notes}
		notes.Hide()
	} else {
		w.inDrawer.Objects = nil
		w.slot.Objects = []fyne.CanvasObject{notes}
		if w.u.prefs.BoolWithFallback(prefNotesVisible, true) {
			notes.Show()
		}
	}
	w.place()
}

// place shows the notes where the layout puts them, if they are shown.
func (w *workspace) place() {
	shown := w.u.notesBox.Visible()
	w.slot.Hidden = w.compact || !shown
	w.drawer.Hidden = !w.compact || !shown
	w.u.toolbar.setNotesShown(shown)
	w.u.inner.Refresh()
	w.area.Refresh()
}

// themeChanged repaints the drawer's background, which must hide the text
// under it.
func (w *workspace) themeChanged() {
	w.drawerBg.FillColor = theme.Color(theme.ColorNameBackground)
	w.drawerBg.Refresh()
}

// minWidths are the narrowest the compact and the wide layout can be. The
// compact one leaves the reader room for the whole notes drawer.
func (w *workspace) minWidths() (compact, wide float32) {
	divider := 2 * theme.Padding() // Fyne's split divider, with room to spare
	lib, column, notes := w.u.library.view.MinSize().Width, w.column.MinSize().Width, w.u.notesBox.MinSize().Width
	return lib + divider + max(column, notes), lib + divider + column + divider + notes
}

// workspaceLayout chooses compact or wide for the width it is given before
// laying the panes out, and asks for no more than the compact layout needs.
type workspaceLayout struct{ w *workspace }

func (l *workspaceLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	_, wide := l.w.minWidths()
	l.w.setCompact(size.Width < compactBelow || size.Width < wide)
	for _, o := range objs {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(size)
	}
}

func (l *workspaceLayout) MinSize([]fyne.CanvasObject) fyne.Size {
	compact, _ := l.w.minWidths()
	h := max(l.w.u.library.view.MinSize().Height, l.w.column.MinSize().Height)
	return fyne.NewSize(compact, h)
}

// drawerLayout gives the reader all its room and lays the open drawer over
// its right side.
type drawerLayout struct{}

func (l *drawerLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	objs[0].Move(fyne.NewPos(0, 0))
	objs[0].Resize(size)
	d := objs[1]
	if !d.Visible() {
		return
	}
	width := min(size.Width, max(d.MinSize().Width, size.Width*drawerShare))
	d.Move(fyne.NewPos(size.Width-width, 0))
	d.Resize(fyne.NewSize(width, size.Height))
}

func (l *drawerLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	return objs[0].MinSize()
}

// columnLayout puts the reader's toolbar, as tall as it is at the column's
// width, over the reader. (A Border would ask the toolbar for its height
// before telling it its width.)
type columnLayout struct{ t *readerToolbar }

func (l *columnLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	h := l.t.heightFor(size.Width)
	objs[0].Move(fyne.NewPos(0, 0))
	objs[0].Resize(fyne.NewSize(size.Width, h))
	objs[1].Move(fyne.NewPos(0, h))
	objs[1].Resize(fyne.NewSize(size.Width, size.Height-h))
}

// MinSize leaves room for the toolbar's two rows.
func (l *columnLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	tb, area := objs[0].MinSize(), objs[1].MinSize()
	return fyne.NewSize(max(tb.Width, area.Width), l.t.heightFor(0)+area.Height)
}
