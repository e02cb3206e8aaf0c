package storage

import (
	"app.margin/margin/article"

	"context"
	"database/sql"
	"errors"
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
		for i := range rows {
			o, err := importOne(ctx, tx, &rows[i], now)
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
	err := l.read(ctx, func(tx *sql.Tx) error {
		seen := map[string]bool{}
		for i := range entries {
			r, err := newImportRow(&entries[i])
			if err != nil {
				return fmt.Errorf("entry %d: %w", i+1, err)
			}
			if len(r.e.Highlights) > 0 {
				c.WithHighlights++
			}
			id, err := findImported(ctx, tx, r.keys)
			if err != nil {
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

// findImported returns the article that any of keys names: by its own keys,
// or by the address it was imported under before its fetch moved it.
func findImported(ctx context.Context, tx *sql.Tx, keys []string) (int64, error) {
	canonical := ""
	if len(keys) > 1 {
		canonical = keys[1]
	}
	id, err := findSamePage(ctx, tx, keys[0], canonical)
	if err != nil || id != 0 {
		return id, err
	}
	err = tx.QueryRowContext(ctx, `SELECT article_id FROM queue WHERE url_key = ? ORDER BY id LIMIT 1`, keys[0]).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	}
	return id, err
}

func importOne(ctx context.Context, tx *sql.Tx, r *importRow, now time.Time) (ImportOutcome, error) {
	id, err := findImported(ctx, tx, r.keys)
	if err != nil {
		return ImportOutcome{}, err
	}
	o := ImportOutcome{ID: id, Existing: id != 0}
	if id == 0 {
		clipped := now
		if !r.e.SavedAt.IsZero() {
			clipped = r.e.SavedAt.UTC()
		}
		if id, err = insertArticle(ctx, tx, r.fields, clipped); err != nil {
			return o, err
		}
		o.ID = id
		if _, err := tx.ExecContext(ctx, `UPDATE articles SET updated_at = ?, unread = ?, archived = ?, favorite = ? WHERE id = ?`,
			now.UnixNano(), r.e.Unread, r.e.Archived, r.e.Favorite, id); err != nil {
			return o, err
		}
		if err := replaceRaw(ctx, tx, id, r.raw); err != nil {
			return o, err
		}
		if r.e.Article == nil && r.e.Fetch {
			if err := enqueue(ctx, tx, id, r.e.URL, r.urlKey, now); err != nil {
				return o, err
			}
			o.Queued = true
		}
	}
	if err := tagArticle(ctx, tx, id, r.tags); err != nil {
		return o, err
	}
	if o.Placed, o.Orphaned, err = importHighlights(ctx, tx, id, r.e.Highlights, now); err != nil {
		return o, err
	}
	return o, reindex(ctx, tx, id)
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
