//go:build !unix

package storage

import "os"

// writable reports whether this process may write path. Folders are taken
// as writable: the read-only attribute of a Windows folder does not stop
// files being created in it.
func writable(path string) bool {
	st, err := os.Stat(path)
	if err != nil {
		return false
	}
	if st.IsDir() {
		return true
	}
	f, err := os.OpenFile(path, os.O_WRONLY, 0)
	if err != nil {
		return false
	}
	f.Close()
	return true
}
