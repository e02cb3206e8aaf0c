//go:build unix

package clip

import (
	"syscall"
	"time"
)

// cpuTime is the CPU time the process has used (user + system). With
// GOMAXPROCS 1 it is the cost on one core, and unlike wall time it does not
// grow when other programs compete for the machine.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

const cpuClock = "process CPU time"
