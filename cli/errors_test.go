package cli

import (
	"context"
	"errors"
	"flag"
	"io"
	"io/fs"
	"path/filepath"
	"strings"
	"testing"

	"app.margin/margin/clip"
	"app.margin/margin/storage"
)

// TestCommandErrorsKeepTheirCause checks that the command line's errors,
// however reworded, still wrap what went wrong underneath.
func TestCommandErrorsKeepTheirCause(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	lib := filepath.Join(dir, "library.db")
	l, err := storage.Open(ctx, lib)
	if err != nil {
		t.Fatal(err)
	}
	if err := l.Close(); err != nil {
		t.Fatal(err)
	}
	missing := filepath.Join(dir, "none.db")
	tests := []struct {
		name    string
		run     func(context.Context, *env, []string) error
		library string
		args    []string
		cause   error
		msg     string
	}{
		{"show a missing article", runShow, lib, []string{"42"}, storage.ErrNotFound, "no article with id 42"},
		{"list without a library", runList, missing, nil, fs.ErrNotExist, "no library at " + missing + " (add an article first)"},
		{"export without a library", runExport, missing, nil, fs.ErrNotExist, "no library at " + missing + " (clip something first)"},
		{"clip a missing file", runClip, lib, []string{filepath.Join(dir, "gone.html")}, clip.ErrFileNotFound, "no such file"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e := &env{stdout: io.Discard, stderr: io.Discard, getenv: func(string) string { return "" }, library: tc.library}
			err := tc.run(ctx, e, tc.args)
			if !errors.Is(err, tc.cause) {
				t.Errorf("error %v does not wrap %v", err, tc.cause)
			}
			if err == nil || !strings.Contains(err.Error(), tc.msg) {
				t.Errorf("error %v, want it to say %q", err, tc.msg)
			}
		})
	}
}

// TestUsageErrorKeepsTheFlagError checks that a bad flag is a usage error
// that still wraps the flag package's own error.
func TestUsageErrorKeepsTheFlagError(t *testing.T) {
	fset := flag.NewFlagSet("x", flag.ContinueOnError)
	fset.Int("limit", 0, "")
	_, err := parseInterspersed(fset, []string{"--limit", "many"})
	if !errors.Is(err, errUsage) {
		t.Fatalf("error %v is not a usage error", err)
	}
	var multi interface{ Unwrap() []error }
	if !errors.As(err, &multi) || len(multi.Unwrap()) != 2 {
		t.Fatalf("error %v wraps only the usage sentinel, want the flag error too", err)
	}
	if got, want := multi.Unwrap()[1].Error(), `invalid value "many" for flag -limit: parse error`; got != want {
		t.Errorf("wrapped flag error = %q, want %q", got, want)
	}
}
