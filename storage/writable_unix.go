//go:build unix

package storage

import "syscall"

// writable asks the kernel whether this process may write path, as it
// would decide for an open: file modes, ACLs and read-only mounts count.
func writable(path string) bool {
	const wOK = 2 // W_OK
	return syscall.Access(path, wOK) == nil
}
