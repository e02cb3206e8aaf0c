package cli

import (
	"strings"
	"testing"

	"app.margin/margin/storage"
)

// TestUpgradeReporter: an upgrade over articles says so once and then a
// line per tenth, ending at all of them; migrations with nothing to count
// (every migration of a new library) say nothing.
func TestUpgradeReporter(t *testing.T) {
	var b strings.Builder
	report := upgradeReporter(&b)
	report(storage.Upgrade{Migration: "001_init"})
	report(storage.Upgrade{Migration: "002_search"})
	if b.Len() != 0 {
		t.Fatalf("a migration with nothing to count said %q", b.String())
	}
	for done := 0; done <= 2000; done += 100 {
		report(storage.Upgrade{Migration: "010_split_search", Done: done, Total: 2000})
	}
	lines := strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n")
	if got, want := len(lines), 1+11; got != want {
		t.Fatalf("%d lines, want the announcement and one per tenth (0 to 10):\n%s", got, b.String())
	}
	if !strings.HasPrefix(lines[0], "margin: upgrading the library") {
		t.Errorf("first line %q, want the announcement", lines[0])
	}
	if got, want := lines[len(lines)-1], "margin: 010_split_search: 2,000 of 2,000 articles"; got != want {
		t.Errorf("last line %q, want %q", got, want)
	}
}
