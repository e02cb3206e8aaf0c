package export

import (
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

func TestFileName(t *testing.T) {
	long := strings.Repeat("长", 50) // 150 bytes
	tests := []struct{ title, want string }{
		{"Keeping what you read", "Keeping what you read.md"},
		{"中国式ChatGPT“大跃进”", "中国式ChatGPT“大跃进”.md"},
		{`Go: "the" <good> parts / 2024 \ final | really? *yes*`, "Go the good parts 2024 final really yes.md"},
		{"Notes #1 ^block [[link]]", "Notes 1 block link.md"},
		{"line\none\ttab\x00nul", "line one tab nul.md"},
		{"  ...hidden.  ", "hidden.md"},
		{"trailing dots...", "trailing dots.md"},
		{"", "untitled.md"},
		{"???", "untitled.md"},
		{"CON", "CON_.md"},
		{"con.txt", "con_.txt.md"},
		{"Aux ", "Aux_.md"},
		{"COM1", "COM1_.md"},
		{"lpt9.tar", "lpt9_.tar.md"},
		{"COM¹", "COM¹_.md"},
		{"CONSOLE", "CONSOLE.md"},
		{"e\u0301cole", "école.md"}, // NFC
		{"\u202Egnp.exe", "gnp.exe.md"},
		{"-rf everything", "rf everything.md"}, // a name a shell would read as flags
		{"--help", "help.md"},
		{"- . -x", "x.md"},
		{"---", "untitled.md"},
		{"a-b -c-", "a-b -c-.md"},
		{long, strings.Repeat("长", 39) + ".md"}, // 117 + 3 bytes
	}
	for _, tc := range tests {
		if got := FileName(tc.title); got != tc.want {
			t.Errorf("FileName(%q) = %q, want %q", tc.title, got, tc.want)
		}
	}
}

func TestFileNameSuffixFitsLimit(t *testing.T) {
	long := strings.Repeat("长", 50)
	for _, n := range []int{1, 2, 10, 999} {
		got := fileName(long, ".json", n)
		if len(got) > maxNameBytes || !utf8.ValidString(got) {
			t.Errorf("fileName(long, .json, %d) = %q (%d bytes)", n, got, len(got))
		}
		if n > 1 && !strings.HasSuffix(got, ")"+".json") {
			t.Errorf("fileName(long, .json, %d) = %q lacks its suffix", n, got)
		}
	}
}

// checkFileName asserts what every name must be, whatever the title.
func checkFileName(t *testing.T, title, name string) {
	t.Helper()
	switch {
	case name == "" || name == ".md":
		t.Errorf("FileName(%q) is empty", title)
	case len(name) > maxNameBytes:
		t.Errorf("FileName(%q) = %q is %d bytes", title, name, len(name))
	case !utf8.ValidString(name):
		t.Errorf("FileName(%q) = %q is not valid UTF-8", title, name)
	case !norm.NFC.IsNormalString(name):
		t.Errorf("FileName(%q) = %q is not NFC", title, name)
	case strings.ContainsAny(name, "/\\<>:\"|?*\x00"):
		t.Errorf("FileName(%q) = %q holds a reserved character", title, name)
	case strings.HasPrefix(name, ".") || strings.HasPrefix(name, " ") || strings.HasPrefix(name, "-"):
		t.Errorf("FileName(%q) = %q starts with a dot, space or dash", title, name)
	case !strings.HasSuffix(name, ".md"):
		t.Errorf("FileName(%q) = %q lacks .md", title, name)
	}
	stem := strings.TrimSuffix(name, ".md")
	if stem == "" || strings.HasSuffix(stem, ".") || strings.HasSuffix(stem, " ") {
		t.Errorf("FileName(%q) = %q: stem ends in a dot or space", title, name)
	}
	if reservedOnWindows(stem) || reservedOnWindows(name) {
		t.Errorf("FileName(%q) = %q is a reserved Windows name", title, name)
	}
	for _, r := range name {
		if r < 0x20 || r == 0x7f {
			t.Errorf("FileName(%q) = %q holds a control character", title, name)
		}
	}
}

func FuzzFileName(f *testing.F) {
	for _, s := range []string{"", "CON", "com1.txt", "a/b\\c", "中国式ChatGPT“大跃进”", "...", " . ",
		strings.Repeat("é", 100), strings.Repeat("e\u0301", 60), "\xff\xfe", "NUL .md", "x\u0301\u0301",
		"-rf", " -- . -n", "\u202E-x", "-" + strings.Repeat("长", 60)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, title string) {
		checkFileName(t, title, FileName(title))
		// A collision suffix never brings a dash (or anything else) back.
		checkFileName(t, title, fileName(title, ".md", 2))
	})
}
