package export

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"app.margin/margin/storage"
)

// listPage is how many summaries one List call fetches.
const listPage = 500

// searchPage is how many hits of a search selection are read at a time (no
// more than storage returns in one search); pages follow by Offset until a
// short one, so a selection holds every hit.
const searchPage = 500

// item is one selected article, in id order. A selection by ids reads each
// whole article to name its file; article keeps it so exporting does not
// read it again.
type item struct {
	id      int64
	key     string    // Article.Key: what the files name the article by
	clipped time.Time // with the id, names the article for ever
	url     string    // canonical, else final, else as given (as Summary.URL)
	title   string
	article *storage.Article
}

// selectArticles resolves a selection to article ids and titles, sorted by
// id so names given to colliding titles do not depend on list order.
func selectArticles(ctx context.Context, lib Library, sel Selection) ([]item, error) {
	var items []item
	switch {
	case sel.Query != "":
		// A search covers the archive too unless the query narrows it
		// (is:archived, -is:archived): one pass finds what the app shows.
		opt := storage.SearchOptions{Query: sel.Query, Tag: sel.Tag, Limit: searchPage, Newest: true}
		for {
			hits, err := lib.Search(ctx, opt)
			if err != nil {
				return nil, fmt.Errorf("search %q: %w", sel.Query, err)
			}
			for _, s := range hits {
				items = append(items, item{id: s.ID, clipped: s.ClippedAt, url: s.URL, title: s.Title})
			}
			if len(hits) < searchPage {
				break
			}
			opt.Offset += len(hits)
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
					items = append(items, item{id: s.ID, clipped: s.ClippedAt, url: s.URL, title: s.Title})
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
			items = append(items, item{id: id, clipped: a.ClippedAt, url: cmp.Or(a.CanonicalURL, a.FinalURL, a.URL), title: a.Title, article: a})
		}
	}
	if len(sel.IDs) > 0 && (sel.Query != "" || sel.Tag != "") {
		items = slices.DeleteFunc(items, func(it item) bool { return !slices.Contains(sel.IDs, it.id) })
	}
	slices.SortFunc(items, func(a, b item) int { return cmp.Compare(a.id, b.id) })
	items = slices.CompactFunc(items, func(a, b item) bool { return a.id == b.id })
	ids := make([]int64, len(items))
	for i, it := range items {
		ids[i] = it.id
	}
	keys, err := lib.Keys(ctx, ids)
	if err != nil {
		return nil, err
	}
	for i := range items {
		items[i].key = keys[items[i].id]
	}
	return items, nil
}

// toDir is ToDir.
func toDir(ctx context.Context, lib Library, dir string, sel Selection, opt Options, progress Progress) (Result, error) {
	format, ext, err := opt.format()
	if err != nil {
		return Result{}, err
	}
	if format == EPUB {
		return Result{}, fmt.Errorf("%w: an EPUB is one book: export it to a file", ErrInvalid)
	}
	if strings.TrimSpace(dir) == "" {
		return Result{}, fmt.Errorf("%w: no folder to export to", ErrInvalid)
	}
	dir, err = filepath.Abs(dir)
	if err != nil {
		return Result{}, fmt.Errorf("export folder: %w", err)
	}
	res := Result{Dir: dir, Written: []string{}, Kept: []string{}, Pictures: []string{}}
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
	res.Kept = append(res.Kept, fo.kept...)
	as := newAssets(dir, lib)

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
				o := exportOne(ctx, lib, as, plans[i], format, opt)
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
	// A version 1 manifest is rewritten as version 2: every entry it had
	// for an exported article differs from the new one.
	dirty := fo.changed
	exported := map[string]bool{}
	for i, o := range outcomes {
		p := plans[i]
		switch {
		case o.wrote:
			res.Written = append(res.Written, p.name)
		case o.exported:
			res.Unchanged++
		case o.kept != "":
			res.Kept = append(res.Kept, o.kept)
			m.release(format, o.kept)
			dirty = true
		}
		if o.exported {
			e := entry{ID: p.id, Clipped: clippedStamp(p.clipped), Name: p.name, SHA256: o.sum, Assets: o.assets}
			if old, ok := m.entryFor(format, p.id, p.clipped); !ok || !old.same(e) {
				m.set(format, e)
				dirty = true
			}
			exported[p.key] = true
		}
	}
	// Entries whose file is gone (the reader deleted it, or its article's)
	// and that this export did not write again are forgotten.
	m.Files[format] = slices.DeleteFunc(m.Files[format], func(e entry) bool {
		gone := !exported[e.key()] && !fo.exists(e.Name)
		dirty = dirty || gone
		return gone
	})
	// So are released names whose file the reader has since removed.
	if names := m.Released[format]; len(names) > 0 {
		m.Released[format] = slices.DeleteFunc(names, func(n string) bool {
			gone := !fo.exists(n)
			dirty = dirty || gone
			return gone
		})
	}
	slices.SortFunc(m.Files[format], func(a, b entry) int { return cmp.Or(cmp.Compare(a.ID, b.ID), cmp.Compare(a.Clipped, b.Clipped)) })
	if format == Markdown {
		// Pictures this export wrote are Margin's; those no note links
		// any more go.
		res.Pictures = slices.Sorted(slices.Values(as.wrote))
		for _, n := range as.wrote {
			if !slices.Contains(m.Assets, n) {
				m.Assets = append(m.Assets, n)
			}
		}
		owned := pruneAssets(dir, m)
		slices.Sort(owned)
		dirty = dirty || !slices.Equal(owned, m.Assets)
		m.Assets = owned
	}
	m.byID = nil // the entries moved
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
	exported bool     // a file for it is in place
	wrote    bool     // its content changed
	sum      string   // the checksum of its content
	assets   []string // the pictures in the assets folder it links
	kept     string   // our old file, changed by the reader since planning: left alone
	err      error
}

// exportOne renders one article and writes its file.
func exportOne(ctx context.Context, lib Library, as *assets, p plan, format Format, opt Options) outcome {
	if err := ctx.Err(); err != nil {
		return outcome{err: err}
	}
	dir := as.dir
	data, pics, err := render(ctx, lib, as, p.item, format, opt)
	if errors.Is(err, storage.ErrNotFound) {
		// Deleted since it was selected: nothing to export.
		return outcome{}
	}
	if err != nil {
		return outcome{err: err}
	}
	var o outcome
	replace := p.ours
	if p.ours || p.renameFrom != "" {
		// Planning read our file; the reader may have changed it since.
		old := cmp.Or(p.renameFrom, p.name)
		switch sum, err := fileSum(filepath.Join(dir, old)); {
		case errors.Is(err, fs.ErrNotExist):
			replace, p.renameFrom = false, ""
		case err != nil:
			return outcome{err: fmt.Errorf("read %s: %w", old, err)}
		case sum != p.sum:
			return outcome{kept: old}
		}
	}
	if p.renameFrom != "" {
		// The title changed: move our old file to the new name so no
		// stale copy stays behind, then rewrite it.
		switch err := moveFile(dir, p.renameFrom, p.name); {
		case err == nil:
			replace = true
		case !errors.Is(err, fs.ErrNotExist):
			return outcome{err: fmt.Errorf("rename %s: %w", p.renameFrom, err)}
		}
	}
	o.wrote, o.err = writeFile(dir, p.name, data, replace)
	o.exported = o.err == nil
	o.sum = checksum(data)
	o.assets = pics
	return o
}

func report(progress Progress, done, total int) {
	if progress != nil {
		progress(done, total)
	}
}

// render produces one article's file in the chosen format, and the
// pictures it links in the assets folder.
func render(ctx context.Context, lib Library, as *assets, it item, f Format, opt Options) ([]byte, []string, error) {
	a, hs, err := load(ctx, lib, it, true)
	if err != nil {
		return nil, nil, err
	}
	if f == JSON {
		data, err := ArticleJSON(a, hs)
		return data, nil, err
	}
	links, pics, err := pictureLinks(ctx, as, a, opt)
	if err != nil {
		return nil, nil, fmt.Errorf("article %d: %w", a.ID, err)
	}
	data, err := articleMarkdown(a, hs, opt, links)
	return data, pics, err
}

// pictureLinks writes the article's pictures into the assets folder when
// the export holds the whole article, and returns their links.
func pictureLinks(ctx context.Context, as *assets, a *storage.Article, opt Options) (map[string]string, []string, error) {
	if !opt.Full || strings.TrimSpace(a.ContentHTML) == "" {
		return nil, nil, nil
	}
	return as.links(ctx, a)
}

// load returns an article, unless selecting it already read it, its
// highlights, and with withPage its original page (for links to passages).
func load(ctx context.Context, lib Library, it item, withPage bool) (*storage.Article, []storage.Highlight, error) {
	a := it.article
	if a == nil {
		var err error
		if a, err = lib.Get(ctx, it.id); err != nil {
			return nil, nil, fmt.Errorf("article %d: %w", it.id, err)
		}
	}
	hs, err := lib.Highlights(ctx, it.id)
	if err != nil {
		return nil, nil, fmt.Errorf("article %d highlights: %w", it.id, err)
	}
	if !withPage {
		return a, hs, nil
	}
	if err := loadPage(ctx, lib, a, hs); err != nil {
		return nil, nil, fmt.Errorf("article %d: %w", it.id, err)
	}
	return a, hs, nil
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
	if format == EPUB {
		return toEPUB(ctx, lib, path, sel, items, opt, progress)
	}
	var md bytes.Buffer
	var annos []Annotation
	dir, name := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	// The pictures of a combined file go beside it too; nothing tracks
	// them, so nothing ever removes them.
	as := newAssets(dir, lib)
	for i, it := range items {
		if err := ctx.Err(); err != nil {
			return fmt.Errorf("export: %w", err)
		}
		a, hs, err := load(ctx, lib, it, true)
		if errors.Is(err, storage.ErrNotFound) {
			// Deleted since it was selected: nothing to export.
			report(progress, i+1, len(items))
			continue
		}
		if err != nil {
			return fmt.Errorf("export: %w", err)
		}
		if format == JSON {
			annos = append(annos, Annotations(a, hs)...)
		} else {
			if md.Len() > 0 {
				md.WriteString("\n")
			}
			links, _, err := pictureLinks(ctx, as, a, opt)
			if err != nil {
				return fmt.Errorf("export: article %d: %w", a.ID, err)
			}
			if err := writeArticleBody(&md, a, hs, opt, true, links); err != nil {
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
	if _, err := writeFile(dir, name, data, true); err != nil {
		return fmt.Errorf("export: %w", err)
	}
	syncDir(dir)
	return nil
}
