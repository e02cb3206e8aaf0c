package reader

import "testing"

func TestSnapToWord(t *testing.T) {
	tests := []struct {
		name    string
		text    string
		off     int
		forward bool
		want    int
	}{
		{"inside, forward", "hurting the cause", 10, true, 11},
		{"inside, backward", "hurting the cause", 10, false, 8},
		{"at a word's start", "hurting the cause", 8, true, 8},
		{"at a word's end", "hurting the cause", 11, false, 11},
		{"after a space", "hurting the cause", 12, true, 12},
		{"inner apostrophe", "we don't know", 5, true, 8},
		{"chinese stays", "我们今天读书", 3, true, 3},
		{"digits", "in 2024 then", 5, false, 3},
		{"text start and end", "word", 0, true, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := snapToWord([]rune(tc.text), tc.off, tc.forward); got != tc.want {
				t.Errorf("snapToWord(%q, %d, %v) = %d, want %d", tc.text, tc.off, tc.forward, got, tc.want)
			}
		})
	}
}
