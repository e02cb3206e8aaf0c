package cli

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// TestAddressesAndFilesOpenTheApp: a desktop entry's "Open with Margin"
// runs `margin FILE` or `margin URL`; those open the app with the targets,
// while commands stay commands and a typo stays an error.
func TestAddressesAndFilesOpenTheApp(t *testing.T) {
	dir := t.TempDir()
	page := filepath.Join(dir, "page.html")
	if err := os.WriteFile(page, []byte("<p>x</p>"), 0o600); err != nil {
		t.Fatal(err)
	}
	lib := filepath.Join(dir, "library.db")
	tests := []struct {
		name    string
		args    []string
		gui     bool
		targets []string
		code    int
	}{
		{"nothing", nil, true, nil, 0},
		{"an address and a file", []string{"https://example.com/a", page}, true, []string{"https://example.com/a", page}, 0},
		{"a command", []string{"version"}, false, nil, 0},
		{"a typo", []string{"verison"}, false, nil, 2},
		{"a missing file", []string{filepath.Join(dir, "gone.html")}, false, nil, 2},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var out, errb bytes.Buffer
			gui := false
			var got []string
			code := Run(context.Background(), append([]string{"--library", lib}, tc.args...), &out, &errb,
				func(library string, targets []string) error {
					gui, got = true, targets
					return nil
				})
			if code != tc.code || gui != tc.gui || !slices.Equal(got, tc.targets) {
				t.Errorf("code %d, app opened %v with %q; want %d, %v, %q (stderr %q)", code, gui, got, tc.code, tc.gui, tc.targets, errb.String())
			}
		})
	}
}
