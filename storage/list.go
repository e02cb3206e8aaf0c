package storage

import (
	"cmp"
	"context"
	"database/sql"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// Page sizes: Limit 0 means defaultLimit; larger requests are cut to maxLimit
// so one call never holds the reader for long.
const (
	defaultLimit = 50
	maxLimit     = 1000
)

// summaryColumns are what a Summary is made of, read by scanSummary; the
// big text and HTML columns are never read for a listing.
const summaryColumns = `a.id, a.title, a.site_name, a.authors, a.source_name,
	a.canonical_url, a.final_url, a.url, a.language, a.published, a.published_at,
	a.clipped_at, a.word_count, a.excerpt, a.unread, a.archived, a.favorite,
	a.position, a.reading_minutes`

// listRow is a Summary with the sort keys its cursor is made of.
type listRow struct {
	Summary
	publishedAt sql.NullInt64
	clippedAt   int64
}

// scanSummary reads summaryColumns (then extra destinations) from rows.
func scanSummary(rows *sql.Rows, extra ...any) (listRow, error) {
	var r listRow
	var authors, canonical, final, url, published string
	dest := append([]any{&r.ID, &r.Title, &r.SiteName, &authors, &r.Source,
		&canonical, &final, &url, &r.Language, &published, &r.publishedAt,
		&r.clippedAt, &r.WordCount, &r.Excerpt, &r.Unread, &r.Archived, &r.Favorite,
		&r.Position, &r.ReadingMinutes}, extra...)
	if err := rows.Scan(dest...); err != nil {
		return r, err
	}
	if err := json.Unmarshal([]byte(authors), &r.Authors); err != nil {
		return r, fmt.Errorf("article %d: authors: %w", r.ID, err)
	}
	if r.Authors == nil {
		r.Authors = []string{}
	}
	r.URL = cmp.Or(canonical, final, url)
	// A date that does not parse (never written by Save) shows as unknown
	// rather than hiding the whole listing.
	r.Published = parseTime(published)
	r.ClippedAt = unixNano(r.clippedAt)
	r.Tags = []string{}
	return r, nil
}

// filters narrow a listing or a search; where turns them into SQL over the
// articles table aliased a.
type filters struct {
	archive  archiveScope
	favorite bool
	unread   bool
	tags     []string // each required, matched by tagKey
	sites    []string // each a substring of the site, source or URL
}

// archiveScope says whether archived articles are listed or searched.
type archiveScope int

const (
	// archiveDefault hides archived articles from a listing but not from a
	// search: a search is how the reader finds what they put away.
	archiveDefault archiveScope = iota
	archiveOnly                 // FilterArchived, is:archived
	archiveHidden               // -is:archived
	archiveAny                  // ListOptions.WithArchived
)

// add narrows f to a state and a tag as ListOptions and SearchOptions give
// them; ErrInvalid for an unknown state.
func (f *filters) add(state Filter, tag string) error {
	switch state {
	case FilterAll:
	case FilterArchived:
		f.archive = archiveOnly
	case FilterFavorite:
		f.favorite = true
	case FilterUnread:
		f.unread = true
	default:
		return fmt.Errorf("%w: unknown filter %q", ErrInvalid, state)
	}
	if strings.TrimSpace(tag) != "" {
		f.tags = append(f.tags, tag)
	}
	return nil
}

// where is f as SQL conditions on articles a. id is the column that holds
// the article's id: "a.id" (or "+a.id"), and the conditions then leave out
// the articles in the trash; or in a full-text search
// "+article_search.rowid", which SQLite tests before it reads the article's
// row, so the matches without a tag (most of them, for a rare tag) cost no
// row lookup (tag:music with a common word, 20,000 articles: 24 -> 4.5 ms
// newest first, 115 -> 75 ms by relevance). The unary + keeps FTS5 from
// taking the IN list as a rowid constraint, with which it would run the
// whole search again for every tagged article.
//
// search says the conditions are for a search, where archiveDefault
// includes archived articles (a listing hides them), and a site filter
// beside words looks the site up in the index (see siteMatch), where a
// listing matches the site's name and URLs as text.
func (f filters) where(id string, search bool) (conds []string, args []any) {
	if strings.TrimPrefix(id, "+") == "a.id" {
		conds = append(conds, liveA)
	}
	switch {
	case f.archive == archiveOnly:
		conds = append(conds, "a.archived = 1")
	case f.archive == archiveHidden, f.archive == archiveDefault && !search:
		conds = append(conds, "a.archived = 0")
	}
	if f.favorite {
		conds = append(conds, "a.favorite = 1")
	}
	if f.unread {
		conds = append(conds, "a.unread = 1")
	}
	for _, t := range f.tags {
		if search {
			conds = append(conds, id+` IN (SELECT article_id FROM article_tags
				WHERE tag_id = (SELECT id FROM tags WHERE name_key = ?))`)
		} else {
			// A listing walks an index in its order and stops after a
			// page: a lookup of each row it meets costs far less than
			// making the IN list of a tag of 20,000 articles first.
			conds = append(conds, `EXISTS (SELECT 1 FROM article_tags WHERE article_id = `+id+`
				AND tag_id = (SELECT id FROM tags WHERE name_key = ?))`)
		}
		args = append(args, filterTagKey(t))
	}
	for _, s := range f.sites {
		// With words, id is the index's rowid: see siteMatch.
		if m := siteMatch(s); search && id != "a.id" && m != "" {
			conds, args = append(conds, id+siteInIndex), append(args, m)
			continue
		}
		conds = append(conds, `(a.site_name LIKE ? ESCAPE '\' OR a.source_name LIKE ? ESCAPE '\'
			OR a.canonical_url LIKE ? ESCAPE '\' OR a.final_url LIKE ? ESCAPE '\')`)
		p := "%" + escapeLike(s) + "%"
		args = append(args, p, p, p, p)
	}
	if len(conds) == 0 {
		conds = append(conds, "1") // the whole library
	}
	return conds, args
}

// searchFrom is the FROM of a search's matches with what where's
// conditions read joined: the index alone for a tag or a site (see
// siteMatch), the article's row keys (the small index of what a listing
// filters on) for its state, its row only for a site matched as text. The
// row keys are a fraction of the rows' pages: is:unread the, 100,000
// articles by relevance, read each match's row at 450 ms. A FROM that
// joins articles needs liveA (see matchesFrom).
func (f filters) searchFrom() string {
	for _, s := range f.sites {
		if siteMatch(s) == "" {
			return "article_search CROSS JOIN articles a ON a.id = article_search.rowid"
		}
	}
	if f.archive != archiveDefault || f.favorite || f.unread {
		return "article_search CROSS JOIN articles a INDEXED BY articles_row_keys ON a.id = article_search.rowid"
	}
	return "article_search"
}

// filtered says f narrows a search (a search without filters still
// leaves out the trash).
func (f filters) filtered() bool {
	return f.archive != archiveDefault || f.favorite || f.unread || len(f.tags) > 0 || len(f.sites) > 0
}

// filterTagKey is the name_key of the tag a filter names, its spaces collapsed.
func filterTagKey(t string) string { return tagKey(strings.Join(strings.Fields(t), " ")) }

// escapeLike makes s match itself literally in LIKE ... ESCAPE '\'.
func escapeLike(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}

// List returns one page of the library: archived articles only with
// FilterArchived, beside the others with WithArchived, otherwise hidden. Pages are read by keyset (after the last
// row of the previous page, through an index), so any page is as fast as the
// first; Page.Next is an opaque cursor for the next one.
func (l *Library) List(ctx context.Context, opt ListOptions) (Page, error) {
	if opt.Sort == "" {
		opt.Sort = ByClipped
	}
	fs, err := opt.filters()
	if err != nil {
		return Page{}, fmt.Errorf("list: %w", err)
	}
	cur, err := decodeCursor(opt.Sort, opt.After)
	if err != nil {
		return Page{}, fmt.Errorf("list: %w", err)
	}
	limit := pageLimit(opt.Limit)
	var page Page
	err = l.read(ctx, func(ctx context.Context, tx *sql.Tx) error {
		drive, err := fs.smallTag(ctx, tx)
		if err != nil {
			return err
		}
		rows, err := listRows(ctx, tx, opt.Sort, fs, drive, cur, limit+1)
		if err != nil {
			return err
		}
		if opt.Sort == ByPublished && len(rows) <= limit && cur.dated {
			// Articles with no published date come after all dated ones.
			more, err := listRows(ctx, tx, opt.Sort, fs, drive, cursor{}, limit+1-len(rows))
			if err != nil {
				return err
			}
			rows = append(rows, more...)
		}
		if len(rows) > limit {
			rows = rows[:limit]
			page.Next = encodeCursor(opt.Sort, rows[limit-1])
		}
		page.Items = make([]Summary, len(rows))
		for i, r := range rows {
			page.Items[i] = r.Summary
		}
		return fillTags(ctx, tx, page.Items)
	})
	if err != nil {
		return Page{}, fmt.Errorf("list: %w", err)
	}
	return page, nil
}

func pageLimit(n int) int {
	switch {
	case n <= 0:
		return defaultLimit
	case n > maxLimit:
		return maxLimit
	}
	return n
}

// smallTagRows is the most articles a tag may have for its listing to
// read them all and sort them, rather than walk the library in order until
// a page of them is found: at 100,000 articles either way then reads at
// most a few thousand rows, as long as a large tag's articles are spread
// over the library (the last page of a walk reads on to the library's end).
var smallTagRows = 2000 // a variable so tests can take either way

// smallTag returns the key of a tag of fs with at most smallTagRows
// articles, "" when there is none.
func (f filters) smallTag(ctx context.Context, tx *sql.Tx) (string, error) {
	for _, t := range f.tags {
		var n int
		err := tx.QueryRowContext(ctx, `SELECT count(*) FROM (SELECT 1 FROM article_tags
			WHERE tag_id = (SELECT id FROM tags WHERE name_key = ?) LIMIT ?)`, filterTagKey(t), smallTagRows+1).Scan(&n)
		if err != nil {
			return "", err
		}
		if n <= smallTagRows {
			return filterTagKey(t), nil
		}
	}
	return "", nil
}

// listRows reads up to limit rows after cur in the given order; drive is
// the key of a small tag (see smallTag) whose articles are read first, or "".
func listRows(ctx context.Context, tx *sql.Tx, sort Sort, fs filters, drive string, cur cursor, limit int) ([]listRow, error) {
	if drive != "" { // its articles are read: no need to look each one up
		fs.tags = slices.DeleteFunc(slices.Clone(fs.tags), func(t string) bool { return filterTagKey(t) == drive })
	}
	conds, args := fs.where("a.id", false)
	var order string
	switch sort {
	case ByClipped:
		order = "a.clipped_at DESC, a.id DESC"
		if cur.id != 0 {
			conds = append(conds, "(a.clipped_at, a.id) < (?, ?)")
			args = append(args, cur.clipped, cur.id)
		}
	case ByPublished:
		order = "a.published_at DESC, a.id DESC"
		switch {
		case cur.dated && cur.id == 0:
			conds = append(conds, "a.published_at IS NOT NULL")
		case cur.dated:
			conds = append(conds, "a.published_at IS NOT NULL", "(a.published_at, a.id) < (?, ?)")
			args = append(args, cur.published, cur.id)
		case cur.id > 0:
			conds = append(conds, "a.published_at IS NULL", "a.id < ?")
			args = append(args, cur.id)
		default: // the first page of undated articles
			conds = append(conds, "a.published_at IS NULL")
		}
	case ByTitle:
		order = "a.title COLLATE NOCASE, a.id"
		if cur.id != 0 {
			// Not a row value: SQLite does not take (title COLLATE NOCASE,
			// id) > (?, ?) as a range of the index, and would walk it from
			// the start on every page.
			conds = append(conds, "a.title COLLATE NOCASE >= ?", "(a.title COLLATE NOCASE > ? OR a.id > ?)")
			args = append(args, cur.title, cur.title, cur.id)
		}
	}
	q := "SELECT " + summaryColumns + " FROM articles a WHERE " + strings.Join(conds, " AND ") +
		" ORDER BY " + order + " LIMIT ?"
	if drive != "" {
		// The tag's articles sorted by their keys alone, then the page's
		// rows read: the sorter never holds the rows' other columns.
		q = "SELECT " + summaryColumns + " FROM articles a WHERE a.id IN (SELECT a.id FROM article_tags dt" +
			" CROSS JOIN articles a INDEXED BY articles_row_keys ON a.id = dt.article_id WHERE dt.tag_id = (SELECT id FROM tags WHERE name_key = ?) AND " +
			strings.Join(conds, " AND ") + " ORDER BY " + order + " LIMIT ?) ORDER BY " + order
		args = append([]any{drive}, args...)
	}
	args = append(args, limit)
	rows, err := tx.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []listRow
	for rows.Next() {
		r, err := scanSummary(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// fillTags sets the Tags of every item with one query.
func fillTags(ctx context.Context, tx *sql.Tx, items []Summary) error {
	if len(items) == 0 {
		return nil
	}
	byID := make(map[int64]*Summary, len(items))
	args := make([]any, len(items))
	for i := range items {
		byID[items[i].ID] = &items[i]
		args[i] = items[i].ID
	}
	rows, err := tx.QueryContext(ctx, `
		SELECT at.article_id, t.name FROM article_tags at JOIN tags t ON t.id = at.tag_id
		WHERE at.article_id IN (?`+strings.Repeat(", ?", len(items)-1)+`)
		ORDER BY t.name_key`, args...)
	if err != nil {
		return fmt.Errorf("tags: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var name string
		if err := rows.Scan(&id, &name); err != nil {
			return fmt.Errorf("tags: %w", err)
		}
		if s := byID[id]; s != nil {
			s.Tags = append(s.Tags, name)
		}
	}
	return rows.Err()
}

// filters are what opt narrows the listing to.
func (opt ListOptions) filters() (filters, error) {
	var fs filters
	if err := fs.add(opt.Filter, opt.Tag); err != nil {
		return fs, err
	}
	if site := strings.TrimSpace(opt.Site); site != "" {
		fs.sites = append(fs.sites, site)
	}
	if opt.WithArchived && fs.archive == archiveDefault {
		fs.archive = archiveAny
	}
	return fs, nil
}

// CountListed returns how many articles List with opt lists in all its
// pages (Limit and After are ignored), so a caption counts the rows below it.
func (l *Library) CountListed(ctx context.Context, opt ListOptions) (int, error) {
	fs, err := opt.filters()
	if err != nil {
		return 0, fmt.Errorf("count: %w", err)
	}
	// Counting reads every row of the view: through the small index of
	// what a listing filters on, not the pages of the large table (the
	// unread view's count at 100,000 articles: about 900 ms cold), and
	// from a tag's articles, not the whole library.
	from := "articles a INDEXED BY articles_row_keys"
	var driveArgs []any
	if len(fs.tags) > 0 {
		from = "article_tags dt CROSS JOIN articles a INDEXED BY articles_row_keys ON a.id = dt.article_id"
		driveArgs = []any{filterTagKey(fs.tags[0])}
		fs.tags = fs.tags[1:]
	}
	conds, args := fs.where("a.id", false)
	if driveArgs != nil {
		conds = append(conds, "dt.tag_id = (SELECT id FROM tags WHERE name_key = ?)")
		args = append(args, driveArgs...)
	}
	var n int
	err = l.read(ctx, func(ctx context.Context, tx *sql.Tx) error {
		return tx.QueryRowContext(ctx, "SELECT count(*) FROM "+from+" WHERE "+strings.Join(conds, " AND "), args...).Scan(&n)
	})
	if err != nil {
		return 0, fmt.Errorf("count: %w", err)
	}
	return n, nil
}

// Count returns how many articles the library holds, archived ones
// included, those in the trash not.
func (l *Library) Count(ctx context.Context) (int, error) {
	var n int
	err := l.read(ctx, func(ctx context.Context, tx *sql.Tx) error {
		return tx.QueryRowContext(ctx, "SELECT count(*) FROM articles INDEXED BY articles_row_keys WHERE "+live).Scan(&n)
	})
	if err != nil {
		return 0, fmt.Errorf("count: %w", err)
	}
	return n, nil
}

// cursor is the position after the last row of a page. id 0 means the start.
type cursor struct {
	id        int64
	clipped   int64  // ByClipped
	dated     bool   // ByPublished: still among articles with a date
	published int64  // ByPublished, when dated
	title     string // ByTitle
}

// encodeCursor makes Page.Next from the last row of a page: the sort, then
// its keys, base64 so that callers treat it as opaque.
func encodeCursor(sort Sort, r listRow) string {
	var s string
	switch sort {
	case ByClipped:
		s = fmt.Sprintf("c|%d|%d", r.ID, r.clippedAt)
	case ByPublished:
		if r.publishedAt.Valid {
			s = fmt.Sprintf("p|%d|%d", r.ID, r.publishedAt.Int64)
		} else {
			s = fmt.Sprintf("p|%d|", r.ID)
		}
	case ByTitle:
		s = fmt.Sprintf("t|%d|%s", r.ID, r.Title)
	}
	return base64.RawURLEncoding.EncodeToString([]byte(s))
}

// decodeCursor reads Page.Next; it must come from a listing in the same sort.
func decodeCursor(sort Sort, s string) (cursor, error) {
	switch sort {
	case ByClipped, ByPublished, ByTitle:
	default:
		return cursor{}, fmt.Errorf("%w: unknown sort %q", ErrInvalid, sort)
	}
	if s == "" {
		return cursor{dated: sort == ByPublished}, nil
	}
	bad := fmt.Errorf("%w: not a cursor of a listing by %s", ErrInvalid, sort)
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil {
		return cursor{}, bad
	}
	parts := strings.SplitN(string(b), "|", 3)
	if len(parts) != 3 || parts[0] != string(sort)[:1] {
		return cursor{}, bad
	}
	c := cursor{}
	if c.id, err = strconv.ParseInt(parts[1], 10, 64); err != nil || c.id <= 0 {
		return cursor{}, bad
	}
	switch sort {
	case ByClipped:
		c.clipped, err = strconv.ParseInt(parts[2], 10, 64)
	case ByPublished:
		if parts[2] != "" {
			c.dated = true
			c.published, err = strconv.ParseInt(parts[2], 10, 64)
		}
	case ByTitle:
		c.title = parts[2]
	}
	if err != nil {
		return cursor{}, bad
	}
	return c, nil
}
