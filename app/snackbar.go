package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"app.margin/margin/app/internal/sched"
	"app.margin/margin/internal/text"
)

// snackbar is the strip at the bottom of the window for short news ("Updated:
// …") with an optional action ("Undo").
type snackbar struct {
	sched sched.Scheduler
	// relayout makes room for the strip or takes it back (the window's
	// body lays out again).
	relayout func()
	box      *fyne.Container
	label    *widget.Label
	action   *widget.Button
	stop     func() bool
}

func newSnackbar(sc sched.Scheduler, relayout func()) *snackbar {
	s := &snackbar{sched: sc, relayout: relayout, label: widget.NewLabel("")}
	s.label.Truncation = fyne.TextTruncateEllipsis
	s.action = widget.NewButton("", nil)
	s.action.Importance = widget.HighImportance
	closeBtn := widget.NewButtonWithIcon("", theme.CancelIcon(), s.hide)
	closeBtn.Importance = widget.LowImportance
	s.box = container.NewVBox(widget.NewSeparator(),
		container.NewBorder(nil, nil, nil, container.NewHBox(s.action, closeBtn), s.label))
	s.box.Hide()
	return s
}

func (s *snackbar) content() fyne.CanvasObject { return s.box }

// show shows text (and a button labelled action, when f is set) for a while.
func (s *snackbar) show(news, action string, f func()) {
	if s.stop != nil {
		s.stop()
	}
	s.label.SetText(text.OneLine(news))
	s.action.SetText(action)
	s.action.OnTapped = func() {
		s.hide()
		if f != nil {
			f()
		}
	}
	s.action.Hidden = f == nil
	s.box.Show()
	s.relayout()
	s.stop = s.sched.AfterFunc(snackDuration, func() { fyne.Do(s.hide) })
}

func (s *snackbar) hide() {
	s.box.Hide()
	s.relayout()
}
