package cli

import (
	"testing"

	"app.margin/margin/internal/testlib"
)

// TestMain keeps the tests off the internet (see testlib.Main).
func TestMain(m *testing.M) { testlib.Main(m) }
