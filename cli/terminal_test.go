package cli

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"unicode"

	"app.margin/margin/article"
	"app.margin/margin/internal/text"
	"app.margin/margin/storage"
)

// hostileLibrary stores one article whose title, site, author, tag, note and
// highlight note hold line breaks, a carriage return, an escape sequence and
// a right-to-left override, as a page (or a pasted note) can.
func hostileLibrary(t *testing.T) (path string, id int64) {
	t.Helper()
	ctx := context.Background()
	path = filepath.Join(t.TempDir(), "library.db")
	lib, err := storage.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer lib.Close()
	body := "First paragraph with the word needle in it.\n\nSecond \u202Eparagraph\x1b[2J with needle again."
	id, _, err = lib.Save(ctx, &article.Article{
		URL:         "https://example.com/hostile",
		Title:       "Line one\nLine two\r\u202Egnp.exe\x1b[31m",
		SiteName:    "Site\nName\u2066",
		Authors:     []string{"An\nAuthor\u202E"},
		Text:        body,
		ContentHTML: "<p>First paragraph with the word needle in it.</p><p>Second \u202Eparagraph with needle again.</p>",
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := lib.AddTags(ctx, id, "tag\u202Ename"); err != nil {
		t.Fatal(err)
	}
	if err := lib.SetNote(ctx, id, "note line one\nnote \u202Eline two"); err != nil {
		t.Fatal(err)
	}
	if _, err := lib.HighlightQuote(ctx, id, "First paragraph", 1, storage.Yellow, "a note\non two lines\u202E"); err != nil {
		t.Fatal(err)
	}
	return path, id
}

// checkTerminalSafe fails when out holds a control character other than a
// line break, or a bidirectional control.
func checkTerminalSafe(t *testing.T, what, out string) {
	t.Helper()
	for _, r := range out {
		if r != '\n' && (unicode.IsControl(r) || text.IsBidiControl(r)) {
			t.Errorf("%s prints %U: %q", what, r, out)
			return
		}
	}
}

// TestPageTextStaysOnItsLine: page-controlled strings (titles, sites,
// authors, tags, notes, quotes) print on the line they belong to, without
// controls that would reorder or restyle the terminal.
func TestPageTextStaysOnItsLine(t *testing.T) {
	lib, id := hostileLibrary(t)
	ids := []string{"1"}
	if id != 1 {
		t.Fatalf("id %d, want 1", id)
	}
	tests := []struct {
		name  string
		args  []string
		lines int    // lines printed, when fixed
		want  string // a line that must be printed whole
	}{
		{"list", []string{"list"}, 1, "Line one Line two gnp.exe[31m — Site Name  [tagname]"},
		{"list published", []string{"list", "--sort", "published"}, 1, "Line one Line two gnp.exe[31m"},
		{"search", []string{"search", "needle"}, 2, "Line one Line two gnp.exe[31m — Site Name  [tagname]"},
		{"tags", []string{"tags"}, 1, "    1  tagname"},
		{"tag", append([]string{"tag"}, append(ids, "+x")...), 1, "article 1 tags: tagname, x"},
		{"highlights", append([]string{"highlights"}, ids...), 1, "a note on two lines"},
		{"show", append([]string{"show"}, ids...), 0, "Line one Line two gnp.exe[31m"},
		{"rm", append([]string{"rm"}, append(ids, "--yes")...), 1, "deleted article 1: Line one Line two gnp.exe[31m"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out, _ := run(t, lib, 0, tc.args...)
			checkTerminalSafe(t, tc.name, out)
			if got := strings.Count(out, "\n"); tc.lines > 0 && got != tc.lines {
				t.Errorf("%d lines, want %d: %q", got, tc.lines, out)
			}
			if !strings.Contains(out, tc.want) {
				t.Errorf("output %q lacks %q", out, tc.want)
			}
		})
	}
}

// TestShowKeepsParagraphs: show flattens the heading lines but keeps the
// note's and the text's own line breaks, controls removed.
func TestShowKeepsParagraphs(t *testing.T) {
	lib, _ := hostileLibrary(t)
	out, _ := run(t, lib, 0, "show", "1")
	checkTerminalSafe(t, "show", out)
	for _, want := range []string{
		"Line one Line two gnp.exe[31m\n",
		"Site Name · An Author\n",
		"tags: tagname\n",
		"note: note line one\n      note line two\n",
		"First paragraph with the word needle in it.\n\nSecond paragraph[2J with needle again.\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("show: %q lacks %q", out, want)
		}
	}
}

// TestSearchSaysWhenItCaps: a --limit above what a search returns is
// answered with a note on stderr, and the results still print.
func TestSearchSaysWhenItCaps(t *testing.T) {
	lib, _ := hostileLibrary(t)
	tests := []struct {
		limit, wantErr string
	}{
		{"5000", "margin search: showing at most 1,000 results (asked for 5,000)\n"},
		{"1000", ""},
		{"20", ""},
	}
	for _, tc := range tests {
		t.Run(tc.limit, func(t *testing.T) {
			out, errOut := run(t, lib, 0, "search", "needle", "--limit", tc.limit)
			if errOut != tc.wantErr {
				t.Errorf("stderr %q, want %q", errOut, tc.wantErr)
			}
			if !strings.Contains(out, "Line one") {
				t.Errorf("stdout %q lacks the hit", out)
			}
		})
	}
}

// TestSearchSaysWhichTermsItLeftOut: a pasted passage is searched by its
// most distinctive terms, and stderr says which were left out.
func TestSearchSaysWhichTermsItLeftOut(t *testing.T) {
	lib, _ := hostileLibrary(t)
	words := strings.Fields(strings.Repeat("alpha bravo charlie delta echo foxtrot golf hotel india juliet kilo lima mike november oscar papa quebec romeo sierra tango ", 2))
	_, errOut := run(t, lib, 0, append([]string{"search"}, words...)...)
	if !strings.HasPrefix(errOut, "margin search: searched the ") || !strings.Contains(errOut, "left out:") {
		t.Errorf("stderr %q, want a note naming the terms left out", errOut)
	}
	many := make([]string, 3000)
	for i := range many {
		many[i] = fmt.Sprintf("word%d", i)
	}
	out, errOut := run(t, lib, 0, append([]string{"search"}, many...)...)
	if !strings.Contains(errOut, " more\n") || len(errOut) > 400 || len(out) > 200 {
		t.Errorf("a 3,000-term search printed %d bytes on stderr and %d on stdout, want a short note:\n%s%s", len(errOut), len(out), errOut, out)
	}
	_, errOut = run(t, lib, 0, "search", "needle")
	if errOut != "" {
		t.Errorf("a short query printed %q on stderr", errOut)
	}
}
