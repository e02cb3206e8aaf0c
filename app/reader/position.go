package reader

// ReadingPosition is the reading position, 0 (top) to 1 (end): where ScrollTo
// would put the reader back, as after the article is shown again with new
// text. Before the article is laid out it is the position asked for.
func (r *Reader) ReadingPosition() float64 {
	if r.pendingPos >= 0 {
		return r.pendingPos
	}
	return r.position()
}
