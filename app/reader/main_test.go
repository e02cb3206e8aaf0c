package reader

import (
	"testing"

	"fyne.io/fyne/v2"

	_ "app.margin/margin/cli/locale" // as in main: no Fyne locale errors under C.UTF-8
	"app.margin/margin/internal/testlib"
)

// TestMain keeps every test of this package off the internet (see
// testlib.Main) and independent of the machine's locale.
func TestMain(m *testing.M) {
	systemLocale = func() fyne.Locale { return "en" } // goldens must not depend on $LANG
	keyModifiers = func() fyne.KeyModifier { return heldModifiers }
	testlib.Main(m)
}
