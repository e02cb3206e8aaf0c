//go:build unix

package storage

import (
	"os"
	"runtime"
	"syscall"
)

// maxRSS is the peak resident set of a finished child process in bytes, 0
// when unknown.
func maxRSS(ps *os.ProcessState) int64 {
	ru, ok := ps.SysUsage().(*syscall.Rusage)
	if !ok {
		return 0
	}
	if runtime.GOOS == "darwin" {
		return int64(ru.Maxrss) // bytes there, KiB elsewhere
	}
	return int64(ru.Maxrss) * 1024
}
