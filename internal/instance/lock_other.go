//go:build !unix

package instance

import (
	"errors"
	"os"
)

// errLocked: another process holds the lock.
var errLocked = errors.New("locked")

// lockFile cannot lock here: every instance is a primary.
func lockFile(*os.File) error { return nil }
