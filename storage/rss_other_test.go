//go:build !unix

package storage

import "os"

// maxRSS is unknown outside Unix.
func maxRSS(*os.ProcessState) int64 { return 0 }
