// Package quietlog keeps two harmless Fyne complaints off the terminal, so
// that Margin prints nothing in normal use. Fyne logs through the standard
// log package, three lines per complaint ("Fyne error: REASON", "  Cause:
// ERR", "  At: FILE:LINE"); the writer here drops the complaints it knows
// to be harmless and passes everything else on unchanged:
//
//   - "Getting favorite locations": every file dialog looks for the six
//     XDG folders (Desktop, Documents, Downloads, Music, Pictures, Videos)
//     and complains when one is missing or undefined, as on a minimal
//     system or a fresh account. The dialog works; it lists what exists.
//   - "Preferences load error" with the cause EOF: Fyne watches its
//     preferences file and reloads it on every change, its own writes too,
//     and now and then reads it between the truncation and the writing of
//     a save. Nothing is lost (the values in memory stay); a file that
//     cannot be parsed still reports its real cause.
package quietlog

import (
	"bytes"
	"io"
	"strings"
	"sync"
)

// Writer filters Fyne's log lines into W. The log package writes each line
// with one Write.
type Writer struct {
	W io.Writer

	mu      sync.Mutex
	pending []byte // a "Fyne error" line held until its cause is known
	drop    bool   // dropping the rest of a complaint
}

// New returns a Writer into w.
func New(w io.Writer) *Writer { return &Writer{W: w} }

func (f *Writer) Write(p []byte) (int, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	line := string(p)
	switch {
	case strings.Contains(line, "Fyne error: ") && strings.Contains(line, "Getting favorite locations"):
		f.flush()
		f.drop = true
		return len(p), nil
	case strings.Contains(line, "Fyne error: ") && strings.Contains(line, "Preferences load error"):
		f.flush()
		f.pending = bytes.Clone(p)
		return len(p), nil
	case f.pending != nil && strings.Contains(line, "  Cause: "):
		if strings.HasSuffix(strings.TrimSpace(line), "Cause: EOF") {
			f.pending, f.drop = nil, true
			return len(p), nil
		}
		f.flush()
	case f.drop && (strings.Contains(line, "  Cause: ") || strings.Contains(line, "  At: ")):
		return len(p), nil
	default:
		f.flush()
	}
	f.drop = false
	return f.W.Write(p)
}

// flush writes a held line that turned out to matter.
func (f *Writer) flush() {
	if f.pending != nil {
		_, _ = f.W.Write(f.pending)
		f.pending = nil
	}
	f.drop = false
}
