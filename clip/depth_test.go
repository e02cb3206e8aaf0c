package clip

import (
	"errors"
	"strings"
	"testing"
)

// TestDeeplyNestedPage: a page nesting more elements than the HTML parser
// keeps open is refused in words that say so, with how deep it goes, not
// with the parser's "open stack of elements exceeds 512 nodes".
func TestDeeplyNestedPage(t *testing.T) {
	tests := []struct {
		name string
		page string
		want string
	}{
		{"100,000 divs", "<!doctype html>" + strings.Repeat("<div>", 100_000) + "deep" + strings.Repeat("</div>", 100_000),
			"the page nests elements 100,000 deep; Margin reads at most 512 levels"},
		{"unclosed spans", "<p>" + strings.Repeat("<span><b>", 400) + "x",
			"the page nests elements 801 deep; Margin reads at most 512 levels"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse([]byte(tc.page), "text/html; charset=utf-8", "https://example.com/deep")
			if !errors.Is(err, ErrTooLarge) {
				t.Fatalf("err = %v, want ErrTooLarge", err)
			}
			if got := err.Error(); !strings.Contains(got, tc.want) || strings.Contains(got, "512 nodes") {
				t.Errorf("err = %q, want it to say %q", got, tc.want)
			}
		})
	}
	// 500 levels is within what the parser keeps: clipped as usual.
	page := "<html><body>" + strings.Repeat("<div>", 500) + strings.Repeat("<p>Some words in a deep paragraph. </p>", 3)
	if _, err := Parse([]byte(page), "text/html", "https://example.com/ok"); err != nil {
		t.Errorf("500 levels: %v", err)
	}
}
