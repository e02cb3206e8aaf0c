package clip

import (
	"fmt"
	"strings"
	"testing"
)

func TestProseRunes(t *testing.T) {
	sentence := "The council met on Monday and voted to close the old bridge for a year of repairs."
	cases := []struct {
		name, content string
		want          int
	}{
		{"a paragraph", `<p>` + sentence + `</p>`, len(sentence)},
		{"a list of short entries", `<ul><li>Ann Smith, Yale University</li><li>Bo Lee, writer</li></ul>`, 0},
		{"lines a <br> breaks are entries", `<p>Ann Smith, Yale University.<br>Bo Lee, writer and teacher at the New School.<br>Cy Dunn, historian.</p>`, 0},
		{"a long line without a sentence's end", `<p>` + strings.TrimSuffix(sentence, ".") + `</p>`, 0},
		{"text beside a nested block counts", `<div>` + sentence + `<div>Advert</div></div>`, len(sentence)},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got, want := proseRunes(fragment(t, tc.content)), tc.want; got != want {
				t.Errorf("proseRunes = %d, want %d", got, want)
			}
		})
	}
}

func TestExtractProse(t *testing.T) {
	letter := `<div class="letter">` + strings.Repeat(`<p>Our institutions face a moment of trial. Powerful protests for justice lead to overdue demands for reform, and we welcome them, as we fear a new intolerance.</p>`, 5) + `</div>`
	var names strings.Builder
	names.WriteString(`<div class="names">`)
	for i := range 60 {
		fmt.Fprintf(&names, "<p>Writer Number %d, Some University, Some City</p>", i)
	}
	names.WriteString(`</div>`)
	article := `<div class="story">` + strings.Repeat(`<p>The council met on Monday, and after a long debate, it voted to close the old bridge, which needs repairs, for a year.</p>`, 8) + `</div>`
	cases := []struct {
		name, page, want, notWant string
	}{
		{"a list chosen first", `<html><body>` + letter + names.String() + `</body></html>`, "a moment of trial", "Writer Number 7,"},
		{"prose chosen first", `<html><body>` + article + `<ul><li>Home</li></ul></body></html>`, "The council met", ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) { checkSecondRun(t, tc.page, tc.want, tc.notWant, extractProse) })
	}
}
