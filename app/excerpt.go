package app

import (
	"strings"

	"app.margin/margin/internal/text"
)

// excerpt shortens s to about n code points at a word boundary.
func excerpt(s string, n int) string {
	s = text.OneLine(s)
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	cut := string(r[:n])
	if i := strings.LastIndexByte(cut, ' '); i > len(cut)*2/3 {
		cut = cut[:i]
	}
	return cut + "…"
}
