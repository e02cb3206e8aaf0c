package reader

import (
	"net"
	"os"
	"testing"

	"fyne.io/fyne/v2"

	_ "app.margin/margin/cli/locale" // as in main: no Fyne locale errors under C.UTF-8
)

// TestMain keeps every test of this package off the internet: article images
// are fetched only from loopback test servers.
func TestMain(m *testing.M) {
	readerImages.allowHost = isLoopback
	systemLocale = func() fyne.Locale { return "en" } // goldens must not depend on $LANG
	keyModifiers = func() fyne.KeyModifier { return heldModifiers }
	os.Exit(m.Run())
}

func isLoopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
