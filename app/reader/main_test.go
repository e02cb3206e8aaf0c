package reader

import (
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"

	_ "app.margin/margin/cli/locale" // as in main: no Fyne locale errors under C.UTF-8
	"app.margin/margin/internal/testlib"
)

// TestMain keeps every test of this package off the internet (see
// testlib.Main), independent of the machine's locale, and the fonts it
// cuts out of the user's cache folder.
func TestMain(m *testing.M) {
	os.Setenv("XDG_CACHE_HOME", filepath.Join(os.TempDir(), "margin-test-cache"))
	systemLocale = func() fyne.Locale { return "en" } // goldens must not depend on $LANG
	keyModifiers = func() fyne.KeyModifier { return heldModifiers }
	testlib.Main(m)
}
