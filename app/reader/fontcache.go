package reader

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"os"
	"path/filepath"
	"sync"

	"fyne.io/fyne/v2"
	"github.com/go-text/typesetting/font"
)

// cutVersion changes whenever what cutCJK makes changes, so fonts cut by
// an older Margin are not used.
const cutVersion = 7

// cutFont is a font cut from a system font, kept in the user's cache
// folder: Content reads it from there each time, so the app does not hold
// its megabytes beside the copy Fyne parses (Fyne asks once per text
// style, and again after a theme change). When the file cannot be
// written or read, it keeps the bytes in memory instead.
type cutFont struct {
	name, path string
	make       func() ([]byte, error) // cuts it again
	otherwise  fyne.Resource          // drawn instead when it cannot be made

	mu    sync.Mutex
	data  []byte
	known os.FileInfo // the file at path when it last loaded
}

var _ fyne.Resource = (*cutFont)(nil)

// Name implements fyne.Resource.
func (f *cutFont) Name() string { return f.name }

// Content implements fyne.Resource. It is always a font Fyne can load.
func (f *cutFont) Content() []byte {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.data != nil {
		return f.data
	}
	if b, ok := f.read(); ok {
		return b
	}
	data, err := f.make() // the file went away: cut it again, and keep it
	if err != nil {
		fyne.LogError("font "+f.name, err)
		return f.otherwise.Content()
	}
	f.data = data
	return data
}

// read is the file at path when it is a font Fyne can load. The file as
// it was when it last loaded is not parsed again: Fyne parses what Content
// returns anyway, on its own goroutine, and the file is megabytes.
func (f *cutFont) read() ([]byte, bool) {
	info, err := os.Stat(f.path)
	if err != nil {
		return nil, false
	}
	b, err := os.ReadFile(f.path)
	if err != nil {
		return nil, false
	}
	if k := f.known; k != nil && os.SameFile(k, info) && k.ModTime().Equal(info.ModTime()) && k.Size() == int64(len(b)) {
		return b, true
	}
	if !loads(b) {
		return nil, false
	}
	f.known = info
	return b, true
}

func loads(b []byte) bool {
	_, err := font.ParseTTF(bytes.NewReader(b))
	return err == nil
}

// cachedCut is the font make cuts from face index of the font file at src,
// named name: the file a run made from the same font file (the same size
// and time) when there is one, else made now and kept for the next run.
// A font make cannot make is drawn as otherwise; nil when none can be made.
func cachedCut(name, src string, index int, make func() ([]byte, error), otherwise fyne.Resource) fyne.Resource {
	info, err := os.Stat(src)
	if err != nil {
		return nil
	}
	key := sha256.Sum256(fmt.Appendf(nil, "%s\x00%d\x00%d\x00%d\x00%d", src, index, info.Size(), info.ModTime().UnixNano(), cutVersion))
	f := &cutFont{name: name + ".otf", make: make, otherwise: otherwise}
	dir, err := fontCacheDir()
	if err == nil {
		f.path = filepath.Join(dir, fmt.Sprintf("%s-%x.otf", name, key[:6]))
		if _, ok := f.read(); ok {
			return f
		}
	}
	data, err := make()
	if err != nil {
		fyne.LogError("font "+name, err)
		return nil
	}
	if dir == "" || writeFile(f.path, data) != nil {
		f.data = data
		return f
	}
	// Fonts cut from an older version of the system font, or by an older
	// Margin, go: one file per name.
	old, _ := filepath.Glob(filepath.Join(dir, name+"-*.otf"))
	for _, o := range old {
		if o != f.path {
			os.Remove(o)
		}
	}
	return f
}

// fontCacheDir is where cut fonts are kept: Margin's folder in the user's
// cache folder.
func fontCacheDir() (string, error) {
	base, err := os.UserCacheDir()
	if err != nil {
		return "", err
	}
	dir := filepath.Join(base, "margin", "fonts")
	return dir, os.MkdirAll(dir, 0o755)
}

// writeFile writes data to path whole or not at all, so a run that ends
// half way leaves no broken font for the next.
func writeFile(path string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".cut-*")
	if err != nil {
		return err
	}
	_, err = tmp.Write(data)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), path)
	}
	if err != nil {
		os.Remove(tmp.Name())
	}
	return err
}
