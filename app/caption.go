package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

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
