package export

import (
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	"golang.org/x/text/unicode/norm"
)

// plan is where one article goes: its file name, whether a file already at
// that name is ours to replace, and the name of our file to move there first
// when the title changed since the last export.
type plan struct {
	item
	name       string
	ours       bool
	renameFrom string
}

// folder is the export folder as planning sees it.
type folder struct {
	dir     string
	format  Format
	ext     string
	entries map[string][]fs.DirEntry // by case-folded name
	m       *manifest
}

// key folds case and Unicode normalisation: macOS and Windows file systems
// ignore case, and macOS ignores normalisation, so "Go.md" and "go.md" (or
// "école.md" composed and decomposed) are one file there and must be one
// name here.
func key(name string) string { return strings.ToLower(norm.NFC.String(name)) }

// planNames gives every selected article a file name. An article keeps the
// name it had if that still matches its title; the others take the first of
// "Title", "Title (2)", "Title (3)", ... that no other article (in this
// export or an earlier one) holds and no file of the reader's occupies.
func planNames(fo *folder, items []item) []plan {
	claimed := map[string]int64{}
	for _, files := range fo.m.Files {
		for id, name := range files {
			n, _ := strconv.ParseInt(id, 10, 64)
			claimed[key(name)] = n
		}
	}
	plans := make([]plan, len(items))
	var pending []int
	for i, it := range items {
		p := &plans[i]
		p.item = it
		old := fo.m.name(fo.format, it.id)
		if old == "" || claimed[key(old)] != it.id || !fo.regular(old) {
			pending = append(pending, i)
			continue
		}
		if fo.nameFits(old, it.title) {
			p.name, p.ours = old, fo.exists(old)
			continue
		}
		if fo.exists(old) {
			p.renameFrom = old
		}
		pending = append(pending, i)
	}
	for _, i := range pending {
		p := &plans[i]
		for n := 1; ; n++ {
			name := fileName(p.title, fo.ext, n)
			k := key(name)
			if owner, ok := claimed[k]; ok && owner != p.id {
				continue
			}
			if es := fo.entries[k]; len(es) > 0 {
				// A file is there: ours if the manifest or its own
				// content says so (a manifest lost, a folder copied);
				// otherwise the reader's, never to be touched.
				e := es[0]
				if len(es) > 1 || !e.Type().IsRegular() {
					continue
				}
				mine := claimed[k] == p.id && e.Name() == p.renameFrom
				if !mine && !ownedBy(filepath.Join(fo.dir, e.Name()), fo.format, p.id) {
					continue
				}
				if e.Name() != name {
					p.renameFrom = e.Name() // same name but for case
				} else {
					p.renameFrom, p.ours = "", true
				}
			}
			claimed[k] = p.id
			p.name = name
			break
		}
	}
	return plans
}

// nameFits reports whether name is one of the candidate names for title.
func (fo *folder) nameFits(name, title string) bool {
	if name == fileName(title, fo.ext, 1) {
		return true
	}
	m := suffixRE.FindStringSubmatch(strings.TrimSuffix(name, fo.ext))
	if m == nil {
		return false
	}
	n, err := strconv.Atoi(m[1])
	return err == nil && n > 1 && name == fileName(title, fo.ext, n)
}

var suffixRE = regexp.MustCompile(` \(([0-9]{1,6})\)$`)

// regular reports whether name is absent or a regular file in the folder,
// not a symlink, which could lead a write elsewhere.
func (fo *folder) regular(name string) bool {
	e := fo.entry(name)
	return e == nil || e.Type().IsRegular()
}

// exists reports whether a file of exactly that name is in the folder.
func (fo *folder) exists(name string) bool { return fo.entry(name) != nil }

// entry is the folder's entry of exactly that name, nil when there is none.
func (fo *folder) entry(name string) fs.DirEntry {
	for _, e := range fo.entries[key(name)] {
		if e.Name() == name {
			return e
		}
	}
	return nil
}

// ownedBy reports whether the file at path is one Margin exported for the
// article id: Markdown whose front matter says margin_id: id, or JSON whose
// collection id is urn:margin:article:id.
func ownedBy(path string, f Format, id int64) bool {
	b, err := readHead(path, 64<<10)
	if err != nil {
		return false
	}
	switch f {
	case JSON:
		var c struct {
			ID string `json:"id"`
		}
		return json.Unmarshal(b, &c) == nil && c.ID == "urn:margin:article:"+strconv.FormatInt(id, 10)
	default:
		fm, ok := parseFrontMatter(b)
		return ok && fm.MarginID == id
	}
}

func readHead(path string, max int) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	b := make([]byte, max)
	n, err := f.Read(b)
	if n == 0 && err != nil {
		return nil, err
	}
	return b[:n], nil
}
