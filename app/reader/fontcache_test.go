package reader

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"fyne.io/fyne/v2/theme"
)

// TestCachedCut keeps a cut font in the cache folder: a second run reads
// it instead of cutting again, a changed system font is cut again (and the
// old cut goes), a cut gone from the folder is made again when Fyne asks,
// and without a folder to write to the font stays in memory.
func TestCachedCut(t *testing.T) {
	cache := t.TempDir()
	t.Setenv("XDG_CACHE_HOME", cache)
	src := filepath.Join(t.TempDir(), "system.ttc")
	if err := os.WriteFile(src, []byte("a system font"), 0o644); err != nil {
		t.Fatal(err)
	}
	font := theme.DefaultTextFont().Content() // what the cut makes: any font Fyne loads
	made := 0
	cut := func() ([]byte, error) { made++; return font, nil }
	files := func() []string {
		m, _ := filepath.Glob(filepath.Join(cache, "margin", "fonts", "bold-cjk-xx-*.otf"))
		return m
	}
	otherwise := theme.DefaultTextBoldFont()

	first := cachedCut("bold-cjk-xx", src, 2, cut, otherwise)
	if made != 1 || len(files()) != 1 || !bytes.Equal(first.Content(), font) {
		t.Fatalf("first run: cut %d times, %d files, content %d bytes; want 1, 1, the font", made, len(files()), len(first.Content()))
	}
	if cachedCut("bold-cjk-xx", src, 2, cut, otherwise); made != 1 {
		t.Errorf("second run cut the font again")
	}
	if cachedCut("bold-cjk-xx", src, 1, cut, otherwise); made != 2 {
		t.Errorf("another face of the collection: cut %d times, want 2", made)
	}
	later := time.Now().Add(time.Hour)
	if err := os.Chtimes(src, later, later); err != nil {
		t.Fatal(err)
	}
	res := cachedCut("bold-cjk-xx", src, 2, cut, otherwise)
	if made != 3 || len(files()) != 1 {
		t.Errorf("after the system font changed: cut %d times, %d files; want 3, 1", made, len(files()))
	}
	for _, f := range files() {
		os.Remove(f)
	}
	if !bytes.Equal(res.Content(), font) || made != 4 {
		t.Errorf("with the file gone: content %d bytes after %d cuts, want the font after 4", len(res.Content()), made)
	}

	t.Setenv("XDG_CACHE_HOME", src) // a file: no folder can be made there
	mem := cachedCut("bold-cjk-xx", src, 2, cut, otherwise)
	if !bytes.Equal(mem.Content(), font) {
		t.Error("without a cache folder the font is lost")
	}
	failing := func() ([]byte, error) { return nil, errors.New("no face") }
	if res := cachedCut("bold-cjk-yy", src, 0, failing, otherwise); res != nil {
		t.Errorf("a font that cannot be cut: %v, want nil", res)
	}
}
