package storage

import (
	"app.margin/margin/article"

	"context"
	"database/sql"
	"fmt"
	"net/url"
	"strings"
	"time"
)

// ImportEntry is a page from another service's export (Pocket, Omnivore,
// ...), ready to store.
type ImportEntry struct {
	URL       string // absolute http(s)
	Title     string
	Tags      []string
	SavedAt   time.Time // kept as the clip date, so "newest first" matches the old service; zero: now
	Unread    bool
	Archived  bool
	Favorite  bool
	Authors   []string
	Excerpt   string
	Published time.Time
	Language  string
	// Article is the page's content when the export carried it: the entry
	// is complete. Nil: the entry is stored as a bookmark (title and URL),
	// to be fetched by the queue when Fetch is set.
	Article    *article.Article
	Fetch      bool
	Highlights []ImportHighlight
}

// ImportHighlight is a highlight from an export: a quote and a note, placed on
// the text by its quote.
type ImportHighlight struct {
	Quote string
	Note  string
}

// ImportOutcome is what Import did with one entry.
type ImportOutcome struct {
	ID int64
	// Existing: the page was in the library already (same normalised URL,
	// or imported before): it kept its content, state and highlights, and
	// gained the entry's tags and the highlights it lacked.
	Existing bool
	Queued   bool // waits in the clipping queue for its content
	Placed   int  // highlights placed on the text
	Orphaned int  // highlights kept by their quote alone (no text yet, or not found)
	// Pictures is how many pictures a new article's content names, listed
	// missing: no page fetch brings them.
	Pictures int
}

// ImportCounts is what an import would do, as a preview shows it.
type ImportCounts struct {
	New            int `json:"new"`
	Existing       int `json:"existing"`        // already in the library (or twice in the file)
	WithHighlights int `json:"with_highlights"` // entries that bring highlights
	ToFetch        int `json:"to_fetch"`        // new entries without content that will be queued
}

// Import stores entries in one transaction: all or none. A new entry becomes
// an article with its tags, state, clip date and highlights; an entry whose
// page is already there (same normalised URL) only adds its tags and the
// highlights the article lacks, so importing the same file twice changes
// nothing. ErrInvalid, before anything is written, for an entry without an
// http(s) URL.
func (l *Library) Import(ctx context.Context, entries []ImportEntry) ([]ImportOutcome, error) {
	rows := make([]importRow, len(entries))
	for i := range entries {
		r, err := newImportRow(&entries[i])
		if err != nil {
			return nil, fmt.Errorf("import: entry %d: %w", i+1, err)
		}
		rows[i] = r
	}
	out := make([]ImportOutcome, len(entries))
	now := l.now()
	err := l.write(ctx, func(tx *sql.Tx) error {
		it, err := newImportTx(ctx, tx, now)
		if err != nil {
			return err
		}
		defer it.close()
		for i := range rows {
			o, err := it.importOne(ctx, &rows[i])
			if err != nil {
				return fmt.Errorf("%s: %w", entries[i].URL, err)
			}
			out[i] = o
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("import: %w", err)
	}
	return out, nil
}

// PreviewImport counts what Import would do with entries, writing nothing.
func (l *Library) PreviewImport(ctx context.Context, entries []ImportEntry) (ImportCounts, error) {
	var c ImportCounts
	err := l.read(ctx, func(ctx context.Context, tx *sql.Tx) error {
		find, err := tx.PrepareContext(ctx, findImportedSQL)
		if err != nil {
			return err
		}
		defer find.Close()
		seen := map[string]bool{}
		for i := range entries {
			r, err := newImportRow(&entries[i])
			if err != nil {
				return fmt.Errorf("entry %d: %w", i+1, err)
			}
			if len(r.e.Highlights) > 0 {
				c.WithHighlights++
			}
			var id int64
			if err := find.QueryRowContext(ctx, r.urlKey, r.keys[len(r.keys)-1]).Scan(&id); err != nil {
				return err
			}
			dup := false
			for _, k := range r.keys {
				dup = dup || seen[k]
				seen[k] = true
			}
			switch {
			case id != 0 || dup:
				c.Existing++
			default:
				c.New++
				if r.e.Article == nil && r.e.Fetch {
					c.ToFetch++
				}
			}
		}
		return nil
	})
	if err != nil {
		return ImportCounts{}, fmt.Errorf("preview import: %w", err)
	}
	return c, nil
}

// importRow is an entry with the keys it is found by and its article row.
type importRow struct {
	e      *ImportEntry
	urlKey string   // the normalised URL as imported
	keys   []string // urlKey, and the content's canonical key
	fields articleFields
	raw    []byte // gzipped Article.Raw
	tags   []string
}

func newImportRow(e *ImportEntry) (importRow, error) {
	u, err := url.Parse(strings.TrimSpace(e.URL))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return importRow{}, fmt.Errorf("%w: %q is not a web address", ErrInvalid, e.URL)
	}
	tags := make([]string, 0, len(e.Tags))
	for _, t := range e.Tags {
		if c, err := cleanTag(t); err == nil {
			tags = append(tags, c)
		}
	}
	a := e.Article
	if a == nil {
		a = &article.Article{Readable: false}
	} else {
		copied := *a
		a = &copied
	}
	a.URL, a.FinalURL = strings.TrimSpace(e.URL), strings.TrimSpace(e.URL)
	// The export's own metadata was the reader's view in the old service;
	// what the content's HTML says fills only what it lacks.
	if e.Title != "" || a.Title == "" {
		a.Title = e.Title
	}
	if a.Title == "" {
		a.Title = e.URL
	}
	if len(e.Authors) > 0 {
		a.Authors = e.Authors
	}
	if e.Excerpt != "" && a.Excerpt == "" {
		a.Excerpt = e.Excerpt
	}
	if !e.Published.IsZero() && a.Published.IsZero() {
		a.Published = e.Published
	}
	if e.Language != "" && a.Language == "" {
		a.Language = e.Language
	}
	f, err := articleRow(a)
	if err != nil {
		return importRow{}, err
	}
	raw, err := gzipBytes(a.Raw)
	if err != nil {
		return importRow{}, err
	}
	r := importRow{e: e, urlKey: f.urlKey, keys: []string{f.urlKey}, fields: f, raw: raw, tags: tags}
	if f.canonicalKey != "" && f.canonicalKey != f.urlKey {
		r.keys = append(r.keys, f.canonicalKey)
	}
	return r, nil
}

// findImportedSQL finds the article an import entry's keys (?1 its URL's,
// ?2 its content's canonical URL's, else ?1 again) name: either key against
// either stored key, as findSamePage, else the address an earlier import
// queued the page under; 0 when none. The "<> ”" terms let SQLite use the
// partial indexes on the keys. An article in the trash is not found, as
// for Save.
const findImportedSQL = `SELECT coalesce(
	(SELECT min(id) FROM (
		SELECT id FROM articles WHERE url_key IN (?1, ?2) AND url_key <> '' AND ` + live + `
		UNION ALL
		SELECT id FROM articles WHERE canonical_key IN (?1, ?2) AND canonical_key <> '' AND ` + live + `)),
	(SELECT article_id FROM queue WHERE url_key = ?1 AND ` + liveArticle + ` ORDER BY id LIMIT 1),
	0)`

// importTx stores the entries of one Import transaction. Its statements are
// prepared once per transaction: a large import is otherwise spent parsing
// the same SQL again for every entry.
type importTx struct {
	tx                                    *sql.Tx
	now                                   time.Time
	find, insert, raw, enqueue, index     *sql.Stmt
	marks                                 *sql.Stmt
	tagInsert, tagSelect, hasTag, linkTag *sql.Stmt
	tags                                  map[string]int64 // tag key -> id, for this transaction
}

func newImportTx(ctx context.Context, tx *sql.Tx, now time.Time) (*importTx, error) {
	it := &importTx{tx: tx, now: now, tags: map[string]int64{}}
	for _, p := range []struct {
		stmt  **sql.Stmt
		query string
	}{
		// Either key against either stored key, as findSamePage; then the
		// address an earlier import queued the page under.
		{&it.find, findImportedSQL},
		{&it.insert, `INSERT INTO articles (` + articleColumns + `, clipped_at, updated_at, unread, archived, favorite)
			VALUES (` + strings.TrimSuffix(strings.Repeat("?,", len(strings.Split(articleColumns, ","))+5), ",") + `)`},
		{&it.raw, `INSERT INTO article_raw (article_id, gzip) VALUES (?, ?)`},
		{&it.enqueue, `INSERT INTO queue (article_id, url, url_key, host, added_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?)`},
		{&it.index, `INSERT INTO article_search (rowid, title, authors, site, text) VALUES (?, ?, ?, ?, ?)`},
		{&it.marks, `INSERT INTO article_marks (rowid, tags, notes) VALUES (?, ?, ?)`},
		{&it.tagInsert, insertTagSQL},
		{&it.tagSelect, `SELECT id FROM tags WHERE name_key = ?`},
		{&it.hasTag, `SELECT count(*) FROM article_tags WHERE article_id = ? AND tag_id = ?`},
		{&it.linkTag, `INSERT OR IGNORE INTO article_tags (article_id, tag_id) VALUES (?, ?)`},
	} {
		stmt, err := tx.PrepareContext(ctx, p.query)
		if err != nil {
			it.close()
			return nil, err
		}
		*p.stmt = stmt
	}
	return it, nil
}

func (it *importTx) close() {
	for _, s := range []*sql.Stmt{it.find, it.insert, it.raw, it.enqueue, it.index, it.marks, it.tagInsert, it.tagSelect, it.hasTag, it.linkTag} {
		if s != nil {
			s.Close()
		}
	}
}

// tagID returns the id of the tag named name, creating it when needed.
func (it *importTx) tagID(ctx context.Context, name string) (int64, error) {
	key := tagKey(name)
	if id, ok := it.tags[key]; ok {
		return id, nil
	}
	if _, err := it.tagInsert.ExecContext(ctx, name, key); err != nil {
		return 0, err
	}
	var id int64
	if err := it.tagSelect.QueryRowContext(ctx, key).Scan(&id); err != nil {
		return 0, err
	}
	it.tags[key] = id
	return id, nil
}

// addTags gives article id the tags it lacks and says whether it lacked any;
// fresh says it has none yet (it was just inserted).
func (it *importTx) addTags(ctx context.Context, id int64, names []string, fresh bool) (changed bool, err error) {
	for _, name := range names {
		tagID, err := it.tagID(ctx, name)
		if err != nil {
			return false, err
		}
		if !fresh {
			var n int
			if err := it.hasTag.QueryRowContext(ctx, id, tagID).Scan(&n); err != nil {
				return false, err
			}
			if n > 0 {
				continue
			}
		}
		if _, err := it.linkTag.ExecContext(ctx, id, tagID); err != nil {
			return false, err
		}
		changed = true
	}
	return changed, nil
}

func (it *importTx) importOne(ctx context.Context, r *importRow) (ImportOutcome, error) {
	canonical := r.keys[len(r.keys)-1]
	var id int64
	if err := it.find.QueryRowContext(ctx, r.urlKey, canonical).Scan(&id); err != nil {
		return ImportOutcome{}, err
	}
	if id != 0 {
		return it.importExisting(ctx, r, id)
	}
	clipped := it.now
	if !r.e.SavedAt.IsZero() {
		clipped = r.e.SavedAt.UTC()
	}
	args := append(append([]any{}, r.fields.args...), clipped.UnixNano(), it.now.UnixNano(), r.e.Unread, r.e.Archived, r.e.Favorite)
	res, err := it.insert.ExecContext(ctx, args...)
	if err != nil {
		return ImportOutcome{}, err
	}
	o := ImportOutcome{}
	if o.ID, err = res.LastInsertId(); err != nil {
		return o, err
	}
	if r.raw != nil {
		if _, err := it.raw.ExecContext(ctx, o.ID, r.raw); err != nil {
			return o, err
		}
	}
	if a := r.e.Article; a != nil {
		pics := picturesToStore(a)
		if err := storePictures(ctx, it.tx, o.ID, pics, it.now); err != nil {
			return o, err
		}
		o.Pictures = len(pics)
	}
	if r.e.Article == nil && r.e.Fetch {
		if _, err := it.enqueue.ExecContext(ctx, o.ID, r.e.URL, r.urlKey, QueueHost(r.e.URL), it.now.UnixNano(), it.now.UnixNano()); err != nil {
			return o, err
		}
		o.Queued = true
	}
	if _, err := it.addTags(ctx, o.ID, r.tags, true); err != nil {
		return o, err
	}
	if len(r.e.Highlights) > 0 {
		if o.Placed, o.Orphaned, err = importHighlights(ctx, it.tx, o.ID, r.e.Highlights, it.now); err != nil {
			return o, err
		}
		// New, so it has no index rows to delete first (a delete would
		// flush the import's pending index rows, see reindexMarks).
		return o, index(ctx, it.tx, o.ID)
	}
	return o, it.indexNew(ctx, o.ID, r)
}

// indexNew adds a new article without highlights or note to the full-text
// index: what reindex would write, from the values at hand instead of
// four queries.
func (it *importTx) indexNew(ctx context.Context, id int64, r *importRow) error {
	a := r.e.Article
	if a == nil {
		a = &article.Article{}
	}
	title, authors := r.fields.args[5].(string), r.e.Authors
	if len(authors) == 0 {
		authors = a.Authors
	}
	sites := []string{a.SiteName, a.Source.Name}
	for _, u := range []string{a.CanonicalURL, r.e.URL} {
		if h := hostOf(u); h != "" {
			sites = append(sites, h)
		}
	}
	_, err := it.index.ExecContext(ctx, id,
		indexForm(title),
		indexForm(strings.Join(authors, ", ")),
		indexForm(strings.Join(sites, "\n")),
		indexForm(r.fields.text))
	if err == nil && len(r.tags) > 0 {
		_, err = it.marks.ExecContext(ctx, id, indexForm(strings.Join(r.tags, "\n")), indexForm("\n\n"))
	}
	if err != nil {
		return fmt.Errorf("index article %d: %w", id, err)
	}
	return nil
}

// importExisting adds an entry's tags and missing highlights to the article
// id that holds its page already; an entry that brings nothing new writes
// nothing.
func (it *importTx) importExisting(ctx context.Context, r *importRow, id int64) (ImportOutcome, error) {
	o := ImportOutcome{ID: id, Existing: true}
	changed, err := it.addTags(ctx, id, r.tags, false)
	if err != nil {
		return o, err
	}
	if o.Placed, o.Orphaned, err = importHighlights(ctx, it.tx, id, r.e.Highlights, it.now); err != nil {
		return o, err
	}
	if changed || o.Placed+o.Orphaned > 0 {
		return o, reindexMarks(ctx, it.tx, id)
	}
	return o, nil
}

// importHighlights adds the highlights the article lacks (by quote, white
// space aside): placed where the quote is found in its text, else kept as
// orphans with their quote and note.
func importHighlights(ctx context.Context, tx *sql.Tx, id int64, hs []ImportHighlight, now time.Time) (placed, orphaned int, err error) {
	if len(hs) == 0 {
		return 0, 0, nil
	}
	text, err := articleText(ctx, tx, id)
	if err != nil {
		return 0, 0, err
	}
	runes := []rune(text)
	existing, err := articleHighlights(ctx, tx, id)
	if err != nil {
		return 0, 0, err
	}
	have := map[string]bool{}
	for _, h := range existing {
		have[strings.Join(strings.Fields(h.Quote), " ")] = true
	}
	for _, ih := range hs {
		key := strings.Join(strings.Fields(ih.Quote), " ")
		if key == "" || have[key] {
			continue
		}
		have[key] = true
		if start, end, ok := findQuote(runes, ih.Quote, 1); ok {
			if _, err := insertHighlight(ctx, tx, runes, Highlight{ArticleID: id, Start: start, End: end, Color: Yellow, Note: ih.Note}, now); err != nil {
				return 0, 0, err
			}
			placed++
			continue
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO highlights
			(article_id, start_pos, end_pos, quote, color, note, orphaned, created_at, updated_at)
			VALUES (?, 0, 0, ?, ?, ?, 1, ?, ?)`, id, key, string(Yellow), ih.Note, now.UnixNano(), now.UnixNano()); err != nil {
			return 0, 0, err
		}
		orphaned++
	}
	return placed, orphaned, nil
}
