package export

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// manifestName is the file in an export folder that records which files
// Margin wrote there, for which article and with what content, so exporting
// again rewrites the same names, renames a file whose title changed, and
// never mistakes a file of the reader's for one of ours. The leading dot
// hides it from Obsidian and Logseq.
const manifestName = ".margin-export.json"

// manifestVersion is the version ToDir writes. Version 1 mapped an article
// id to a file name; it could not tell a deleted article's file from the one
// of a new article given the same id, nor a file of ours from one the reader
// wrote over it. It is still read.
const manifestVersion = 2

// manifest records, per format, the files Margin wrote.
type manifest struct {
	Version int                `json:"version"`
	Files   map[Format][]entry `json:"files"`
	// Released names files Margin once wrote that the reader has since
	// made their own (replaced or edited): they are never written, renamed
	// or taken for Margin's again, even though their front matter may
	// still name an article.
	Released map[Format][]string `json:"released,omitempty"`
	// Assets names the pictures Margin wrote into the assets folder (a
	// Markdown export with the whole articles): only those are ever
	// removed, when no note links them any more.
	Assets []string `json:"assets,omitempty"`

	byID map[Format]map[int64][]int // indexes into Files, built on first use
}

// entry is one file Margin wrote. ID and Clipped together name the article
// for ever: an id may be given again to a new article after a delete, but
// not with the same clipping time. (The URL is not part of it: a re-clip
// may change it, and the article is still the same one.)
type entry struct {
	ID      int64  `json:"id"`
	Clipped string `json:"clipped,omitempty"` // "" in a version 1 manifest
	Name    string `json:"name"`
	SHA256  string `json:"sha256,omitempty"` // of the content written; "" in a version 1 manifest
	// Assets are the pictures in the assets folder the file links.
	Assets []string `json:"assets,omitempty"`
}

// same reports whether two entries record the same file and content.
func (e entry) same(o entry) bool {
	return e.ID == o.ID && e.Clipped == o.Clipped && e.Name == o.Name && e.SHA256 == o.SHA256 && slices.Equal(e.Assets, o.Assets)
}

// articleKey is an article's identity in the manifest.
func articleKey(id int64, clipped time.Time) string {
	return strconv.FormatInt(id, 10) + "@" + clippedStamp(clipped)
}

// clippedStamp is the clipping time as the manifest stores it.
func clippedStamp(t time.Time) string { return t.UTC().Format(time.RFC3339Nano) }

func (e entry) key() string { return strconv.FormatInt(e.ID, 10) + "@" + e.Clipped }

// legacy reports an entry from a version 1 manifest, which says neither
// which article nor what content: its file is Margin's only if what it
// says inside names the article.
func (e entry) legacy() bool { return e.Clipped == "" || e.SHA256 == "" }

// entryFor returns the entry of the article with that id and clipping time:
// one that names it exactly, else a version 1 entry of the same id. A
// version 1 entry is only a candidate; the file's content decides.
func (m *manifest) entryFor(f Format, id int64, clipped time.Time) (entry, bool) {
	if i := m.find(f, id, clippedStamp(clipped)); i >= 0 {
		return m.Files[f][i], true
	}
	return entry{}, false
}

// find returns the index of the entry entryFor returns, -1 if none.
func (m *manifest) find(f Format, id int64, stamp string) int {
	legacy := -1
	for _, i := range m.ids(f)[id] {
		switch e := m.Files[f][i]; {
		case e.ID != id:
		case e.Clipped == stamp:
			return i
		case e.Clipped == "" && legacy < 0:
			legacy = i
		}
	}
	return legacy
}

// ids indexes the entries of a format by article id: an export of 20,000
// articles looks each one up.
func (m *manifest) ids(f Format) map[int64][]int {
	if m.byID == nil {
		m.byID = map[Format]map[int64][]int{}
	}
	if m.byID[f] == nil {
		idx := map[int64][]int{}
		for i, e := range m.Files[f] {
			idx[e.ID] = append(idx[e.ID], i)
		}
		m.byID[f] = idx
	}
	return m.byID[f]
}

// set records that the article's file is e, replacing its earlier entry (a
// version 1 one of the same id included).
func (m *manifest) set(f Format, e entry) {
	if i := m.find(f, e.ID, e.Clipped); i >= 0 {
		m.Files[f][i] = e
		return
	}
	m.Files[f] = append(m.Files[f], e)
	idx := m.ids(f)
	idx[e.ID] = append(idx[e.ID], len(m.Files[f])-1)
}

// release records that the file name is the reader's now.
func (m *manifest) release(f Format, name string) {
	for _, n := range m.Released[f] {
		if key(n) == key(name) {
			return
		}
	}
	if m.Released == nil {
		m.Released = map[Format][]string{}
	}
	m.Released[f] = append(m.Released[f], name)
}

// readManifest loads dir's manifest; a missing one is empty, and entries that
// are not a plain file name (a hand-edited "../x") are dropped, so the
// manifest can never point a write outside dir.
func readManifest(dir string) (*manifest, error) {
	m := &manifest{Version: manifestVersion, Files: map[Format][]entry{}}
	b, err := os.ReadFile(filepath.Join(dir, manifestName))
	if errors.Is(err, fs.ErrNotExist) {
		return m, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read export manifest: %w", err)
	}
	var got struct {
		Version  int                        `json:"version"`
		Files    map[Format]json.RawMessage `json:"files"`
		Released map[Format][]string        `json:"released"`
		Assets   []string                   `json:"assets"`
	}
	if err := json.Unmarshal(b, &got); err != nil {
		// A damaged manifest loses only the memory of earlier exports:
		// front matter still identifies our Markdown files.
		return m, nil
	}
	for f, raw := range got.Files {
		var entries []entry
		if err := json.Unmarshal(raw, &entries); err != nil {
			// Version 1: {"12": "Title.md"}.
			var v1 map[string]string
			if json.Unmarshal(raw, &v1) != nil {
				continue
			}
			for id, name := range v1 {
				if n, err := strconv.ParseInt(id, 10, 64); err == nil {
					entries = append(entries, entry{ID: n, Name: name})
				}
			}
		}
		for _, e := range entries {
			if e.ID > 0 && plainName(e.Name) {
				e.Assets = slices.DeleteFunc(e.Assets, func(n string) bool { return !assetName(n) })
				m.Files[f] = append(m.Files[f], e)
			}
		}
	}
	for f, names := range got.Released {
		for _, n := range names {
			if plainName(n) {
				m.release(f, n)
			}
		}
	}
	for _, n := range got.Assets {
		if assetName(n) && !slices.Contains(m.Assets, n) {
			m.Assets = append(m.Assets, n)
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

// checksum is the manifest's record of a file's content.
func checksum(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

// fileSum is the checksum of the file at path, read as a stream: a file of
// the reader's at a wanted name can be of any size.
func fileSum(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// headSize is how much of a file ownedBy reads: front matter and a JSON
// collection's id come first.
const headSize = 64 << 10

// readHead returns up to max bytes from the start of the file at path.
func readHead(path string, max int) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(io.LimitReader(f, int64(max)))
}
