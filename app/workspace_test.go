package app

import (
	"fmt"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// rect is an object's place in the window.
type rect struct {
	name       string
	x, y, w, h float32
}

func rectOf(name string, o fyne.CanvasObject) rect {
	p := fyne.CurrentApp().Driver().AbsolutePositionForObject(o)
	s := o.Size()
	return rect{name, p.X, p.Y, s.Width, s.Height}
}

// overlaps reports two rectangles that share more than a hairline.
func (r rect) overlaps(o rect) bool {
	const eps = 0.5
	return r.x+eps < o.x+o.w && o.x+eps < r.x+r.w && r.y+eps < o.y+o.h && o.y+eps < r.y+r.h
}

func (r rect) inside(w, h float32) bool {
	const eps = 0.5
	return r.x >= -eps && r.y >= -eps && r.x+r.w <= w+eps && r.y+r.h <= h+eps
}

// controls lists the buttons, swatches, fields and labels shown under o,
// with a name for messages.
func controls(o fyne.CanvasObject) []fyne.CanvasObject {
	var out []fyne.CanvasObject
	var visit func(o fyne.CanvasObject)
	visit = func(o fyne.CanvasObject) {
		if o == nil || !o.Visible() {
			return
		}
		switch o.(type) {
		case *widget.Button, *swatch, *widget.Entry, *widget.Label, *widget.Select, *searchEntry:
			out = append(out, o)
			return
		case *articleList:
			return // its rows scroll under one another by design
		}
		switch c := o.(type) {
		case *fyne.Container:
			for _, child := range c.Objects {
				visit(child)
			}
		case fyne.Widget:
			for _, child := range test.WidgetRenderer(c).Objects() {
				visit(child)
			}
		}
	}
	visit(o)
	return out
}

func describe(o fyne.CanvasObject) string {
	switch w := o.(type) {
	case *widget.Button:
		return fmt.Sprintf("button %q", w.Text)
	case *widget.Label:
		return fmt.Sprintf("label %q", w.Text)
	}
	return fmt.Sprintf("%T", o)
}

// assertLaidOut checks that no two of objs overlap, and that each lies in
// a window of size and has at least its minimum size (nothing squeezed).
func assertLaidOut(t *testing.T, size fyne.Size, objs map[string]fyne.CanvasObject) {
	t.Helper()
	var rs []rect
	for name, o := range objs {
		r := rectOf(name, o)
		rs = append(rs, r)
		if !r.inside(size.Width, size.Height) {
			t.Errorf("%s at %+v is not inside the %v window", name, r, size)
		}
		if m := o.MinSize(); r.w+0.5 < m.Width || r.h+0.5 < m.Height {
			t.Errorf("%s is %vx%v, under its minimum %v", name, r.w, r.h, m)
		}
	}
	for i := range rs {
		for j := i + 1; j < len(rs); j++ {
			if rs[i].overlaps(rs[j]) {
				t.Errorf("%s %+v overlaps %s %+v", rs[i].name, rs[i], rs[j].name, rs[j])
			}
		}
	}
}

// TestLayoutsFit checks the window from half a small screen to 4K: the
// minimum size fits 720x480, the panes and every control of the address
// bar, the reader's toolbar and the library's header are inside the
// window, none under another,
// and the notes are a column when the window is wide and a closed drawer
// when it is not.
func TestLayoutsFit(t *testing.T) {
	tests := []struct {
		size    fyne.Size
		compact bool
	}{
		{fyne.NewSize(600, 480), true}, // the toolbar takes two rows
		{fyne.NewSize(720, 480), true},
		{fyne.NewSize(1280, 800), false},
		{fyne.NewSize(2560, 1440), false},
	}
	for _, tc := range tests {
		t.Run(fmt.Sprintf("%vx%v", tc.size.Width, tc.size.Height), func(t *testing.T) {
			lib := newArticleLib()
			u, _ := newTestUI(t, lib, &fakeClipper{})
			u.openArticle(7)
			u.win.Resize(tc.size)

			if m := u.win.Content().MinSize(); m.Width > 720 || m.Height > 480 {
				t.Errorf("minimum size %v, want at most 720x480", m)
			}
			if got := u.work.compact; got != tc.compact {
				t.Errorf("compact = %v, want %v", got, tc.compact)
			}
			if got := u.notesBox.Visible(); got == tc.compact {
				t.Errorf("notes shown = %v on a %v window", got, tc.size)
			}

			panes := map[string]fyne.CanvasObject{
				"address bar": u.topBar, "library": u.library.view, "toolbar": u.toolbar.view, "reader": u.reader,
			}
			if !tc.compact {
				panes["notes"] = u.notesBox
			}
			assertLaidOut(t, tc.size, panes)

			bars := map[string]fyne.CanvasObject{}
			for i, o := range append(append(controls(u.topBar), controls(u.toolbar.view)...), controls(u.library.view)...) {
				bars[fmt.Sprintf("%d %s", i, describe(o))] = o
			}
			if len(bars) < 10 {
				t.Fatalf("found %d controls in the bars, want the address field, 4 buttons, 5 colours…", len(bars))
			}
			assertLaidOut(t, tc.size, bars)

			if !tc.compact {
				return
			}
			// The drawer opens over the reader's text, under the toolbar,
			// beside the library.
			test.Tap(u.toolbar.notes)
			if !u.notesBox.Visible() || !u.work.drawer.Visible() {
				t.Fatal("the Notes button did not open the drawer")
			}
			drawer := rectOf("drawer", u.work.drawer)
			if !drawer.inside(tc.size.Width, tc.size.Height) || drawer.w < u.notesBox.MinSize().Width-0.5 {
				t.Errorf("drawer %+v: not inside the window, or narrower than the notes", drawer)
			}
			for name, o := range map[string]fyne.CanvasObject{"library": u.library.view, "toolbar": u.toolbar.view, "address bar": u.topBar} {
				if r := rectOf(name, o); r.overlaps(drawer) {
					t.Errorf("drawer %+v covers the %s %+v", drawer, name, r)
				}
			}
			if u.prefs.BoolWithFallback(prefNotesVisible, true) != true {
				t.Error("opening the drawer changed the wide window's notes setting")
			}
			u.typedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
			if u.notesBox.Visible() {
				t.Error("Escape left the drawer open")
			}

			// Widened, the notes are a column again.
			u.win.Resize(fyne.NewSize(1280, 800))
			if u.work.compact || !u.notesBox.Visible() || u.work.drawer.Visible() {
				t.Errorf("at 1280 px: compact %v, notes shown %v, drawer %v; want a notes column",
					u.work.compact, u.notesBox.Visible(), u.work.drawer.Visible())
			}
		})
	}
}
