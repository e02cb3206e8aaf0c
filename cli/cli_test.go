package cli

import (
	"errors"
	"path/filepath"
	"testing"
)

func TestResolveLibrary(t *testing.T) {
	def := filepath.Join(t.TempDir(), "data")
	t.Setenv("XDG_DATA_HOME", def)
	str := func(s string) *string { return &s }
	tests := []struct {
		name    string
		flag    *string
		env     string
		want    string
		wantErr error
	}{
		{"flag", str("a.db"), "env.db", "a.db", nil},
		{"env", nil, "env.db", "env.db", nil},
		{"default", nil, "", filepath.Join(def, "margin", "library.db"), nil},
		{"empty flag", str(""), "env.db", "", errNoLibraryPath},
		{"blank flag", str("  "), "", "", errNoLibraryPath},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := resolveLibrary(tc.flag, func(string) string { return tc.env })
			if !errors.Is(err, tc.wantErr) {
				t.Fatalf("resolveLibrary error = %v, want %v", err, tc.wantErr)
			}
			if got != tc.want {
				t.Errorf("resolveLibrary = %q, want %q", got, tc.want)
			}
		})
	}
}

func TestEmptyLibraryFlagIsAnError(t *testing.T) {
	for _, args := range [][]string{{"--library", "", "list"}, {"--library=", "list"}, {"list", "--library"}} {
		code, out, errOut := runCLI(args...)
		if code != 2 || errOut != "margin: --library needs a path\n" {
			t.Errorf("margin %q: exit %d, stdout %q, stderr %q; want exit 2 and \"--library needs a path\"", args, code, out, errOut)
		}
	}
}

// TestCommandsInOrder: help lists the commands by name, and no name is
// taken twice.
func TestCommandsInOrder(t *testing.T) {
	cmds := commands()
	for i := 1; i < len(cmds); i++ {
		if cmds[i-1].name >= cmds[i].name {
			t.Errorf("%q comes before %q: keep the table in order of name, each name once", cmds[i-1].name, cmds[i].name)
		}
	}
}
