package reader

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
)

// missingAt returns the placeholder of a missing picture drawn at p
// (content coordinates), or nil.
func (c *readerContent) missingAt(p fyne.Position) *docBlock {
	for _, b := range c.doc {
		if !b.missing() {
			continue
		}
		pad := placeholderPad * b.size
		if p.Y >= b.y-pad && p.Y < b.y-pad+b.h && p.X >= b.x-pad && p.X <= b.x+b.w+pad {
			return b
		}
	}
	return nil
}

// showTip shows why the picture of placeholder b is missing, in a box just
// below it (above it at the end of the article); nil hides the box.
func (c *readerContent) showTip(b *docBlock) {
	if b == c.tip {
		return
	}
	c.tip = b
	c.buildTip()
	c.assemble()
	c.Refresh()
}

// buildTip makes the tooltip's objects for c.tip, wrapped inside the column.
func (c *readerContent) buildTip() {
	c.tipObjs = c.tipObjs[:0]
	b := c.tip
	if b == nil || !b.missing() {
		c.tip = nil
		return
	}
	pad := placeholderPad * b.size
	size := b.size * 0.9
	t := []rune("Not shown: " + b.img.err.Error())
	tb := &docBlock{text: t, segs: []segment{{0, len(t), 0, ""}}}
	lines := c.m.wrap(tb, b.w-2*pad, size)
	th, _ := c.m.metrics(size, face{})
	lineH := th * 1.3
	h := float32(len(lines))*lineH + 2*pad
	y := b.y - pad + b.h + 4
	if y+h > c.height {
		y = b.y - pad - 4 - h
	}
	box := canvas.NewRectangle(c.color(theme.ColorNameOverlayBackground))
	box.StrokeColor = c.color(theme.ColorNameShadow)
	box.StrokeWidth = 1
	box.CornerRadius = 4
	box.Move(fyne.NewPos(b.x-pad, y))
	box.Resize(fyne.NewSize(b.w+2*pad, h))
	c.tipObjs = append(c.tipObjs, box)
	fg := c.color(theme.ColorNameForeground)
	for i, ln := range lines {
		txt := canvas.NewText(string(t[ln.start:ln.end]), fg)
		txt.TextSize = size
		txt.Move(fyne.NewPos(b.x, y+pad+float32(i)*lineH+(lineH-th)/2))
		txt.Resize(fyne.NewSize(b.w, th))
		c.tipObjs = append(c.tipObjs, txt)
	}
}

// tipText returns the reason shown for a missing picture, "" when no tooltip
// is shown.
func (r *Reader) tipText() string {
	if r.content.tip == nil {
		return ""
	}
	return r.content.tip.img.err.Error()
}
