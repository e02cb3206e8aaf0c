package app

import (
	"os"
	"path/filepath"
	"testing"

	_ "app.margin/margin/cli/locale" // as in main: no Fyne locale errors under C.UTF-8
	"app.margin/margin/internal/testlib"
)

// TestMain keeps the tests off the internet (see testlib.Main), and the
// fonts the theme cuts out of the user's cache folder.
func TestMain(m *testing.M) {
	os.Setenv("XDG_CACHE_HOME", filepath.Join(os.TempDir(), "margin-test-cache"))
	testlib.Main(m)
}
