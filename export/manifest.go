package export

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"unicode/utf8"
)

// manifestName is the file in an export folder that records which files
// Margin wrote there and for which article, so exporting again rewrites the
// same names, renames a file whose title changed, and never mistakes a file
// of the reader's for one of ours. The leading dot hides it from Obsidian and
// Logseq.
const manifestName = ".margin-export.json"

// manifest maps, per format, a Margin article id to the file name it was
// exported as.
type manifest struct {
	Version int                          `json:"version"`
	Files   map[Format]map[string]string `json:"files"`
}

func (m *manifest) name(f Format, id int64) string {
	return m.Files[f][strconv.FormatInt(id, 10)]
}

func (m *manifest) set(f Format, id int64, name string) {
	if m.Files[f] == nil {
		m.Files[f] = map[string]string{}
	}
	m.Files[f][strconv.FormatInt(id, 10)] = name
}

// readManifest loads dir's manifest; a missing one is empty, and entries that
// are not a plain file name (a hand-edited "../x") are dropped, so the
// manifest can never point a write outside dir.
func readManifest(dir string) (*manifest, error) {
	m := &manifest{Version: 1, Files: map[Format]map[string]string{}}
	b, err := os.ReadFile(filepath.Join(dir, manifestName))
	if errors.Is(err, fs.ErrNotExist) {
		return m, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read export manifest: %w", err)
	}
	var got manifest
	if err := json.Unmarshal(b, &got); err != nil {
		// A damaged manifest loses only the memory of earlier exports:
		// front matter still identifies our Markdown files.
		return m, nil
	}
	for f, files := range got.Files {
		for id, name := range files {
			if n, err := strconv.ParseInt(id, 10, 64); err == nil && plainName(name) {
				m.set(f, n, name)
			}
		}
	}
	return m, nil
}

// plainName reports whether name is a single file name inside a folder: no
// separator, not . or .., not hidden, valid UTF-8.
func plainName(name string) bool {
	return name != "" && len(name) <= 255 && utf8.ValidString(name) &&
		!strings.ContainsAny(name, `/\`+"\x00") && !strings.HasPrefix(name, ".") &&
		filepath.Base(name) == name && filepath.IsLocal(name)
}
