package app

import (
	"testing"

	_ "app.margin/margin/cli/locale" // as in main: no Fyne locale errors under C.UTF-8
	"app.margin/margin/internal/testlib"
)

// TestMain keeps the tests off the internet (see testlib.Main).
func TestMain(m *testing.M) { testlib.Main(m) }
