package app

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// addressEntry is the address field. A paste of several lines (a list of
// addresses) is clipped at once, each line a page, instead of being run
// together on the one line the field has.
type addressEntry struct {
	widget.Entry
	// onTargets gets the lines of a paste of more than one.
	onTargets func(targets []string)
}

var _ fyne.Shortcutable = (*addressEntry)(nil)

func newAddressEntry(onTargets func([]string)) *addressEntry {
	e := &addressEntry{onTargets: onTargets}
	e.ExtendBaseWidget(e)
	return e
}

// TypedShortcut clips a pasted list; a single line is pasted as usual.
func (e *addressEntry) TypedShortcut(s fyne.Shortcut) {
	if p, ok := s.(*fyne.ShortcutPaste); ok && p.Clipboard != nil {
		if lines := splitTargets(p.Clipboard.Content()); len(lines) > 1 {
			e.onTargets(lines)
			return
		}
	}
	e.Entry.TypedShortcut(s)
}

// splitTargets are the pages text names: one per line, or, on one line,
// several web addresses separated by spaces (a list pasted some other way
// runs its lines together). A line that is not all web addresses stays
// whole: a saved page's path may hold spaces.
func splitTargets(text string) []string {
	var out []string
	for _, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		fields := strings.Fields(line)
		if len(fields) > 1 && allWebAddresses(fields) {
			out = append(out, fields...)
		} else {
			out = append(out, line)
		}
	}
	return out
}

func allWebAddresses(fields []string) bool {
	for _, f := range fields {
		l := strings.ToLower(f)
		if !strings.HasPrefix(l, "http://") && !strings.HasPrefix(l, "https://") {
			return false
		}
	}
	return true
}
