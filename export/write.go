package export

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// tempPattern names the temporary files; a leading dot keeps a crash's
// leftover out of the notes apps.
const tempPattern = ".margin-export-*.tmp"

// staleTempAge is how old one of our temporary files must be before an
// export takes it for a crash's leftover rather than another export's work.
const staleTempAge = time.Hour

// staleTemp reports a temporary file of ours that a crashed export left.
func staleTemp(e fs.DirEntry) bool {
	if ok, _ := filepath.Match(tempPattern, e.Name()); !ok || !e.Type().IsRegular() {
		return false
	}
	fi, err := e.Info()
	return err == nil && time.Since(fi.ModTime()) > staleTempAge
}

// errExists reports that a file appeared at a name while we were exporting.
var errExists = errors.New("a file of that name appeared during the export")

// writeFile writes data to dir/name through a temporary file in dir that is
// synced and renamed, so a crash leaves the old file or the new one, never
// half of one. With replace false it never overwrites: a file that appeared
// since planning is left alone. It reports whether it wrote (false: the file
// already held data).
func writeFile(dir, name string, data []byte, replace bool) (bool, error) {
	path := filepath.Join(dir, name)
	if rel, err := filepath.Rel(dir, path); err != nil || !filepath.IsLocal(rel) || strings.ContainsAny(rel, `/\`) {
		return false, fmt.Errorf("write %q: not a file name inside the export folder", name)
	}
	if replace {
		if old, err := os.ReadFile(path); err == nil && bytes.Equal(old, data) {
			return false, nil
		}
	}
	tmpName, err := writeTemp(dir, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
	defer os.Remove(tmpName) // a no-op once renamed
	if err != nil {
		return false, fmt.Errorf("write %s: %w", name, err)
	}
	if replace {
		if err := os.Rename(tmpName, path); err != nil {
			return false, fmt.Errorf("write %s: %w", name, err)
		}
		return true, nil
	}
	// A hard link never replaces what is there, so a file the reader
	// created since planning is safe. File systems without links (FAT on a
	// USB stick) fall back to a check before the rename.
	switch err := os.Link(tmpName, path); {
	case err == nil:
		return true, nil
	case errors.Is(err, fs.ErrExist):
		return false, fmt.Errorf("write %s: %w", name, errExists)
	}
	if _, err := os.Lstat(path); err == nil {
		return false, fmt.Errorf("write %s: %w", name, errExists)
	}
	if err := os.Rename(tmpName, path); err != nil {
		return false, fmt.Errorf("write %s: %w", name, err)
	}
	return true, nil
}

// writeTemp writes a temporary file in dir with what fill writes, synced,
// and returns its name for the caller to rename (and remove when it does not).
func writeTemp(dir string, fill func(io.Writer) error) (string, error) {
	tmp, err := os.CreateTemp(dir, tempPattern)
	if err != nil {
		return "", err
	}
	err = fill(tmp)
	if err == nil {
		err = tmp.Chmod(0o644)
	}
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	return tmp.Name(), err
}

// replaceFile writes dir/name with what fill writes, as writeFile does with
// replace set, for content too large to hold in memory (a book).
func replaceFile(dir, name string, fill func(io.Writer) error) error {
	tmpName, err := writeTemp(dir, fill)
	defer os.Remove(tmpName) // a no-op once renamed
	if err != nil {
		return fmt.Errorf("write %s: %w", name, err)
	}
	if err := os.Rename(tmpName, filepath.Join(dir, name)); err != nil {
		return fmt.Errorf("write %s: %w", name, err)
	}
	syncDir(dir)
	return nil
}

// moveFile renames dir/from to dir/to without replacing a file that
// appeared at to since planning (errExists then), as writeFile does: a hard
// link to the new name, then the old name removed. A rename that changes
// only case keeps the same file, which a link cannot make, and file systems
// without links fall back to a check before the rename.
func moveFile(dir, from, to string) error {
	src, dst := filepath.Join(dir, from), filepath.Join(dir, to)
	if key(from) == key(to) {
		return os.Rename(src, dst)
	}
	switch err := os.Link(src, dst); {
	case err == nil:
		return os.Remove(src)
	case errors.Is(err, fs.ErrExist):
		return fmt.Errorf("%s: %w", to, errExists)
	case errors.Is(err, fs.ErrNotExist):
		return err
	}
	if _, err := os.Lstat(dst); err == nil {
		return fmt.Errorf("%s: %w", to, errExists)
	}
	return os.Rename(src, dst)
}

// syncDir makes the renames in dir durable. Windows cannot open a folder
// for syncing; there the rename is as durable as the file system makes it.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		_ = d.Sync()
		d.Close()
	}
}
