package export

import (
	"bytes"
	"cmp"
	"encoding/json"
	"io/fs"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	"golang.org/x/text/unicode/norm"
)

// plan is where one article goes: its file name, whether a file already at
// that name is ours to replace, and the name of our file to move there first
// when the title changed since the last export. sum is the checksum of that
// file of ours as planning saw it: it is checked again right before the
// file is replaced or moved, so a file the reader changes meanwhile is left
// alone too.
type plan struct {
	item
	key        string // the article's identity in the manifest
	name       string
	ours       bool
	renameFrom string
	sum        string
}

// folder is the export folder as planning sees it.
type folder struct {
	dir     string
	format  Format
	ext     string
	entries map[string][]fs.DirEntry // by case-folded name
	m       *manifest
	changed bool     // planning changed the manifest
	kept    []string // files of the reader's where the manifest named ours
}

// key folds case and Unicode normalisation: macOS and Windows file systems
// ignore case, and macOS ignores normalisation, so "Go.md" and "go.md" (or
// "école.md" composed and decomposed) are one file there and must be one
// name here.
func key(name string) string { return strings.ToLower(norm.NFC.String(name)) }

// releasedOwner claims the name of a file that is the reader's now, so no
// article takes it.
const releasedOwner = "released"

// planNames gives every selected article a file name. An article keeps the
// name it had if that still matches its title and the file there still holds
// what Margin wrote; the others take the first of "Title", "Title (2)",
// "Title (3)", ... that no other article (in this export or an earlier one)
// holds and no file of the reader's occupies.
//
// A file the manifest names as an article's but whose content Margin did not
// write (the reader replaced or edited it) is the reader's from then on: it
// is left alone, listed in fo.kept, and released in the manifest so that no
// later export takes it for Margin's.
func planNames(fo *folder, items []item) []plan {
	claimed := map[string]string{} // case-folded name -> article key
	for _, e := range fo.m.Files[fo.format] {
		claimed[key(e.Name)] = e.key()
	}
	for _, n := range fo.m.Released[fo.format] {
		if fo.exists(n) {
			claimed[key(n)] = releasedOwner
		}
	}
	plans := make([]plan, len(items))
	var pending []int
	for i, it := range items {
		p := &plans[i]
		p.item = it
		p.key = articleKey(it.id, it.clipped)
		e, ok := fo.m.entryFor(fo.format, it.id, it.clipped)
		if !ok || claimed[key(e.Name)] == releasedOwner {
			pending = append(pending, i)
			continue
		}
		old := e.Name
		de := fo.entry(old)
		if de != nil {
			sum, mine := fo.verify(e, it, de)
			if !mine {
				fo.keep(old)
				claimed[key(old)] = releasedOwner
				pending = append(pending, i)
				continue
			}
			p.sum = sum
		}
		claimed[key(old)] = p.key
		if fo.nameFits(old, it.title) {
			p.name, p.ours = old, de != nil
			continue
		}
		if de != nil {
			p.renameFrom = old
		}
		pending = append(pending, i)
	}
	for _, i := range pending {
		p := &plans[i]
		for n := 1; ; n++ {
			name := fileName(p.title, fo.ext, n)
			k := key(name)
			if owner, ok := claimed[k]; ok && owner != p.key {
				continue
			}
			if es := fo.entries[k]; len(es) > 0 {
				// A file is there: ours if the manifest says so and its
				// content is what we wrote, or, for a file no manifest
				// entry names (a manifest lost, an export killed before
				// it saved one, a folder copied), if its own content
				// names this article; otherwise the reader's, never to
				// be touched.
				e := es[0]
				if len(es) > 1 || !e.Type().IsRegular() {
					continue
				}
				if !(claimed[k] == p.key && e.Name() == p.renameFrom) {
					path := filepath.Join(fo.dir, e.Name())
					head, err := readHead(path, headSize)
					if err != nil || !ownedBy(head, fo.format, p.item) {
						continue
					}
					if p.sum, err = fileSum(path); err != nil {
						continue
					}
				}
				if e.Name() != name {
					p.renameFrom = e.Name() // same name but for case
				} else {
					p.renameFrom, p.ours = "", true
				}
			}
			claimed[k] = p.key
			p.name = name
			break
		}
	}
	return plans
}

// verify reports whether the file de, which the manifest entry e names, is
// still the one Margin wrote for the article, and its checksum. An entry
// with a checksum needs the same content; one from a version 1 manifest
// (no checksum) needs content that names the article.
func (fo *folder) verify(e entry, it item, de fs.DirEntry) (sum string, ours bool) {
	if !de.Type().IsRegular() {
		return "", false // a symlink could lead a write elsewhere
	}
	path := filepath.Join(fo.dir, de.Name())
	sum, err := fileSum(path)
	if err != nil {
		return "", false
	}
	if e.legacy() {
		head, err := readHead(path, headSize)
		return sum, err == nil && ownedBy(head, fo.format, it)
	}
	return sum, sum == e.SHA256
}

// keep records a file that is the reader's now.
func (fo *folder) keep(name string) {
	fo.kept = append(fo.kept, name)
	fo.m.release(fo.format, name)
	fo.changed = true
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

// ownedBy reports whether a file starting with b is one Margin exported for the
// article: Markdown whose front matter has its margin_key, or JSON whose
// collection id is its urn:uuid:key. Files exported before articles had
// keys name them by id: Markdown then also needs the clipped date and
// address (the id of another library's article, or one restored from an
// older backup, could be the same; the front matter's date is only to the
// second), JSON the id alone.
func ownedBy(b []byte, f Format, it item) bool {
	switch f {
	case JSON:
		id := collectionID(b)
		return id == articleURN(it.id, it.key) || id == articleURN(it.id, "")
	default:
		fm, ok := parseFrontMatter(b)
		if !ok {
			return false
		}
		if fm.MarginKey != "" {
			return fm.MarginKey == it.key
		}
		return fm.MarginID == it.id && fm.Clipped == rfc3339(it.clipped.UTC()) &&
			cmp.Or(fm.CanonicalURL, fm.URL) == it.url
	}
}

// collectionID is the top-level "id" of a JSON object, read token by token
// so that only the start of a large file is needed; "" if there is none.
func collectionID(b []byte) string {
	dec := json.NewDecoder(bytes.NewReader(b))
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return ""
	}
	for dec.More() {
		k, err := dec.Token()
		if err != nil {
			return ""
		}
		if k == "id" {
			var id string
			if dec.Decode(&id) != nil {
				return ""
			}
			return id
		}
		var skip json.RawMessage
		if dec.Decode(&skip) != nil {
			return ""
		}
	}
	return ""
}
