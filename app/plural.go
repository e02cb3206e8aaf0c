package app

import (
	"fmt"
)

// plural counts n things: "1 article", "20,000 articles".
func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%s %s", groupDigits(n), many)
}

// groupDigits writes 20000 as 20,000.
func groupDigits(n int) string {
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
