package reader

import (
	"fyne.io/fyne/v2"

	"app.margin/margin/internal/text"
)

// dragTo extends a drag by characters to offset off (under point p). In
// scripts that separate words by spaces both ends snap outwards to whole
// words, as a reader selecting a phrase means; CJK text is selected by
// characters, and so is everything while Alt is held.
func (c *readerContent) dragTo(p fyne.Position, off int) {
	if keyModifiers()&fyne.KeyModifierAlt != 0 {
		c.selectTo(c.dragFrom, off, c.endsLineAt(p, off))
		return
	}
	forward := off >= c.dragFrom
	from, to := snapToWord(c.text, c.dragFrom, !forward), snapToWord(c.text, off, forward)
	c.selectTo(from, to, to == off && c.endsLineAt(p, off))
}

// snapToWord moves offset off, when it falls inside a word of letters or
// digits, to the word's end (forward) or start; elsewhere (between words,
// in CJK text) it stays.
func snapToWord(t []rune, off int, forward bool) int {
	if off <= 0 || off >= len(t) || text.ClassOf(t[off-1]) != text.LetterWord {
		return off
	}
	lo, hi := text.WordAt(t, off-1)
	if hi <= off {
		return off
	}
	if forward {
		return hi
	}
	return lo
}
