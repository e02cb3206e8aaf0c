package export

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"margin/storage"
)

// manifestName is the file in an export folder that records which files
// Margin wrote there and for which article, so exporting again rewrites the
// same names, renames a file whose title changed, and never mistakes a file
// of the reader's for one of ours. The leading dot hides it from Obsidian and
// Logseq.
const manifestName = ".margin-export.json"

// tempPattern names the temporary files; a leading dot keeps a crash's
// leftover out of the notes apps.
const tempPattern = ".margin-export-*.tmp"

// listPage is how many summaries one List call fetches.
const listPage = 500

// searchLimit asks for every hit of a search selection; the storage may cap
// it (at 1,000 hits per state today), as it does for the search box.
const searchLimit = 100_000

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

// item is one selected article, in id order.
type item struct {
	id    int64
	title string
}

// selectArticles resolves a selection to article ids and titles, sorted by
// id so names given to colliding titles do not depend on list order.
func selectArticles(ctx context.Context, lib Library, sel Selection) ([]item, error) {
	var items []item
	switch {
	case sel.Query != "":
		for _, f := range []storage.Filter{storage.FilterAll, storage.FilterArchived} {
			hits, err := lib.Search(ctx, storage.SearchOptions{Query: sel.Query, Tag: sel.Tag, Filter: f, Limit: searchLimit})
			if err != nil {
				return nil, fmt.Errorf("search %q: %w", sel.Query, err)
			}
			for _, s := range hits {
				items = append(items, item{s.ID, s.Title})
			}
		}
	case sel.Tag != "" || len(sel.IDs) == 0:
		// Listings hide archived articles unless asked for them; an
		// export of the library or a tag includes both.
		for _, f := range []storage.Filter{storage.FilterAll, storage.FilterArchived} {
			opt := storage.ListOptions{Sort: storage.ByClipped, Filter: f, Tag: sel.Tag, Limit: listPage}
			for {
				page, err := lib.List(ctx, opt)
				if err != nil {
					return nil, fmt.Errorf("list library: %w", err)
				}
				for _, s := range page.Items {
					items = append(items, item{s.ID, s.Title})
				}
				if page.Next == "" || len(page.Items) == 0 {
					break
				}
				opt.After = page.Next
			}
		}
	default:
		for _, id := range sel.IDs {
			a, err := lib.Get(ctx, id)
			if err != nil {
				return nil, fmt.Errorf("article %d: %w", id, err)
			}
			items = append(items, item{id, a.Title})
		}
	}
	if len(sel.IDs) > 0 && (sel.Query != "" || sel.Tag != "") {
		items = slices.DeleteFunc(items, func(it item) bool { return !slices.Contains(sel.IDs, it.id) })
	}
	slices.SortFunc(items, func(a, b item) int { return cmpInt64(a.id, b.id) })
	return slices.CompactFunc(items, func(a, b item) bool { return a.id == b.id }), nil
}

func cmpInt64(a, b int64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

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
	for _, e := range fo.entries[key(name)] {
		if e.Name() == name {
			return e.Type().IsRegular()
		}
	}
	return true
}

// exists reports whether a file of exactly that name is in the folder.
func (fo *folder) exists(name string) bool {
	for _, e := range fo.entries[key(name)] {
		if e.Name() == name {
			return true
		}
	}
	return false
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
	tmp, err := os.CreateTemp(dir, tempPattern)
	if err != nil {
		return false, fmt.Errorf("write %s: %w", name, err)
	}
	tmpName := tmp.Name()
	defer os.Remove(tmpName) // a no-op once renamed
	_, err = tmp.Write(data)
	if err == nil {
		err = tmp.Chmod(0o644)
	}
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
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

// syncDir makes the renames in dir durable. Windows cannot open a folder
// for syncing; there the rename is as durable as the file system makes it.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		_ = d.Sync()
		d.Close()
	}
}

// toDir is ToDir.
func toDir(ctx context.Context, lib Library, dir string, sel Selection, opt Options, progress Progress) (Result, error) {
	format, ext, err := opt.format()
	if err != nil {
		return Result{}, err
	}
	if strings.TrimSpace(dir) == "" {
		return Result{}, fmt.Errorf("%w: no folder to export to", ErrInvalid)
	}
	dir, err = filepath.Abs(dir)
	if err != nil {
		return Result{}, fmt.Errorf("export folder: %w", err)
	}
	res := Result{Dir: dir, Written: []string{}}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return res, fmt.Errorf("export folder: %w", err)
	}
	items, err := selectArticles(ctx, lib, sel)
	if err != nil {
		return res, fmt.Errorf("export: %w", err)
	}
	m, err := readManifest(dir)
	if err != nil {
		return res, err
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return res, fmt.Errorf("export folder: %w", err)
	}
	fo := &folder{dir: dir, format: format, ext: ext, entries: map[string][]fs.DirEntry{}, m: m}
	for _, e := range entries {
		if staleTemp(e) {
			_ = os.Remove(filepath.Join(dir, e.Name()))
			continue
		}
		fo.entries[key(e.Name())] = append(fo.entries[key(e.Name())], e)
	}
	plans := planNames(fo, items)

	// Workers render and write in parallel: each file is synced before
	// its rename, and overlapping those waits is most of the speed. Names
	// were all decided above, so the order files finish in changes nothing.
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	outcomes := make([]outcome, len(plans))
	var (
		mu       sync.Mutex
		done     int
		firstErr error
		next     = make(chan int)
		wg       sync.WaitGroup
	)
	for range min(writers, len(plans)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				o := exportOne(ctx, lib, dir, plans[i], format, opt)
				mu.Lock()
				outcomes[i] = o
				if o.err != nil && firstErr == nil {
					firstErr = o.err
					cancel()
				}
				if o.err == nil {
					done++
					report(progress, done, len(plans))
				}
				mu.Unlock()
			}
		}()
	}
feed:
	for i := range plans {
		select {
		case next <- i:
		case <-ctx.Done():
			break feed
		}
	}
	close(next)
	wg.Wait()

	// Record what was written even when the export stopped early, so the
	// next run recognises those files as ours.
	dirty := false
	for i, o := range outcomes {
		p := plans[i]
		if o.wrote {
			res.Written = append(res.Written, p.name)
			dirty = true
		} else if o.exported {
			res.Unchanged++
		}
		if (o.exported || o.renamed) && m.name(format, p.id) != p.name {
			m.set(format, p.id, p.name)
			dirty = true
		}
	}
	if dirty {
		if b, err := marshalJSON(m); err == nil {
			_, _ = writeFile(dir, manifestName, b, true)
		}
		syncDir(dir)
	}
	if firstErr == nil {
		firstErr = ctx.Err()
	}
	if firstErr != nil {
		return res, fmt.Errorf("export: %w", firstErr)
	}
	return res, nil
}

// writers is how many files are rendered and written at once.
const writers = 8

// outcome is what became of one planned file.
type outcome struct {
	exported bool // a file for it is in place
	wrote    bool // its content changed
	renamed  bool // its old file moved to the new name
	err      error
}

// exportOne renders one article and writes its file.
func exportOne(ctx context.Context, lib Library, dir string, p plan, format Format, opt Options) outcome {
	if err := ctx.Err(); err != nil {
		return outcome{err: err}
	}
	data, err := render(ctx, lib, p.id, format, opt)
	if errors.Is(err, storage.ErrNotFound) {
		// Deleted since it was selected: nothing to export.
		return outcome{}
	}
	if err != nil {
		return outcome{err: err}
	}
	var o outcome
	replace := p.ours
	if p.renameFrom != "" {
		// The title changed: move our old file to the new name so no
		// stale copy stays behind, then rewrite it.
		switch err := os.Rename(filepath.Join(dir, p.renameFrom), filepath.Join(dir, p.name)); {
		case err == nil:
			replace, o.renamed = true, true
		case !errors.Is(err, fs.ErrNotExist):
			return outcome{err: fmt.Errorf("rename %s: %w", p.renameFrom, err)}
		}
	}
	o.wrote, o.err = writeFile(dir, p.name, data, replace)
	o.exported = o.err == nil
	return o
}

func report(progress Progress, done, total int) {
	if progress != nil {
		progress(done, total)
	}
}

// render produces one article's file in the chosen format.
func render(ctx context.Context, lib Library, id int64, f Format, opt Options) ([]byte, error) {
	a, err := lib.Get(ctx, id)
	if err != nil {
		return nil, fmt.Errorf("article %d: %w", id, err)
	}
	hs, err := lib.Highlights(ctx, id)
	if err != nil {
		return nil, fmt.Errorf("article %d highlights: %w", id, err)
	}
	if f == JSON {
		return ArticleJSON(a, hs)
	}
	return ArticleMarkdown(a, hs, opt)
}

// toFile is ToFile.
func toFile(ctx context.Context, lib Library, path string, sel Selection, opt Options, progress Progress) error {
	format, _, err := opt.format()
	if err != nil {
		return err
	}
	if strings.TrimSpace(path) == "" {
		return fmt.Errorf("%w: no file to export to", ErrInvalid)
	}
	if fi, err := os.Stat(path); err == nil && fi.IsDir() {
		return fmt.Errorf("%w: %s is a folder", ErrInvalid, path)
	}
	items, err := selectArticles(ctx, lib, sel)
	if err != nil {
		return fmt.Errorf("export: %w", err)
	}
	var md bytes.Buffer
	var annos []Annotation
	for i, it := range items {
		if err := ctx.Err(); err != nil {
			return fmt.Errorf("export: %w", err)
		}
		a, err := lib.Get(ctx, it.id)
		if errors.Is(err, storage.ErrNotFound) {
			report(progress, i+1, len(items))
			continue
		}
		if err != nil {
			return fmt.Errorf("export: article %d: %w", it.id, err)
		}
		hs, err := lib.Highlights(ctx, it.id)
		if err != nil {
			return fmt.Errorf("export: article %d highlights: %w", it.id, err)
		}
		if format == JSON {
			annos = append(annos, Annotations(a, hs)...)
		} else {
			if md.Len() > 0 {
				md.WriteString("\n")
			}
			if err := writeArticleBody(&md, a, hs, opt, true); err != nil {
				return fmt.Errorf("export: %w", err)
			}
		}
		report(progress, i+1, len(items))
	}
	data := md.Bytes()
	if format == JSON {
		if data, err = marshalJSON(collection("urn:margin:export", "Margin export", annos)); err != nil {
			return err
		}
	}
	dir, name := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	if _, err := writeFile(dir, name, data, true); err != nil {
		return fmt.Errorf("export: %w", err)
	}
	syncDir(dir)
	return nil
}
