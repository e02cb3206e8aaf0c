package storage

import (
	"app.margin/margin/article"

	"bytes"
	"compress/gzip"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"net"
	"net/url"
	"strings"
	"time"

	"golang.org/x/net/publicsuffix"
)

// Save stores a clipped article. When the same page is already in the library
// (same canonical URL or same normalised final URL) it updates that article in
// place, re-anchors its highlights in the new text, and reports updated=true.
// An update keeps the article's id, clipped date, tags, note, state and
// reading position; content, metadata and the original HTML are replaced, and
// what they replaced is kept as a Version. A canonical URL on another site
// than the page's own is not used to find the same page (see trustedCanonical),
// so a page elsewhere cannot replace a stored article by naming it.
func (l *Library) Save(ctx context.Context, a *article.Article) (id int64, updated bool, err error) {
	if a == nil {
		return 0, false, fmt.Errorf("save article: %w: no article", ErrInvalid)
	}
	raw, err := gzipBytes(a.Raw)
	if err != nil {
		return 0, false, fmt.Errorf("save article: %w", err)
	}
	row, err := articleRow(a)
	if err != nil {
		return 0, false, fmt.Errorf("save article: %w", err)
	}
	now := l.now()
	err = l.write(ctx, func(tx *sql.Tx) error {
		var err error
		id, err = findSamePage(ctx, tx, row.urlKey, row.canonicalKey)
		if err != nil {
			return err
		}
		if id == 0 {
			id, err = insertArticle(ctx, tx, row, now)
		} else {
			updated = true
			if err := keepVersion(ctx, tx, id, row, raw, now); err != nil {
				return err
			}
			err = updateArticle(ctx, tx, id, row, now)
		}
		if err != nil {
			return err
		}
		if err := replaceRaw(ctx, tx, id, raw); err != nil {
			return err
		}
		if err := storePictures(ctx, tx, id, picturesToStore(a), now); err != nil {
			return err
		}
		return reindex(ctx, tx, id)
	})
	if err != nil {
		return 0, false, fmt.Errorf("save article: %w", err)
	}
	return id, updated, nil
}

// articleFields are the columns Save writes, in the order of the SQL below.
type articleFields struct {
	urlKey, canonicalKey string
	text, html           string
	args                 []any
}

// articleRow turns a clipped article into the column values Save writes.
func articleRow(a *article.Article) (articleFields, error) {
	authors := a.Authors
	if authors == nil {
		authors = []string{}
	}
	authorsJSON, err := json.Marshal(authors)
	if err != nil {
		return articleFields{}, err
	}
	editors := a.Editors
	if editors == nil {
		editors = []string{}
	}
	editorsJSON, err := json.Marshal(editors)
	if err != nil {
		return articleFields{}, err
	}
	prov := a.Provenance
	if prov == nil {
		prov = map[string]string{}
	}
	provJSON, err := json.Marshal(prov)
	if err != nil {
		return articleFields{}, err
	}
	final := a.FinalURL
	if final == "" {
		final = a.URL
	}
	f := articleFields{urlKey: normalizeURL(final), canonicalKey: normalizeURL(a.CanonicalURL),
		text: a.Text, html: a.ContentHTML}
	if !trustedCanonical(f.canonicalKey, f.urlKey) {
		f.canonicalKey = ""
	}
	var publishedAt any
	if !a.Published.IsZero() {
		publishedAt = a.Published.Unix()
	}
	f.args = []any{
		a.URL, a.FinalURL, a.CanonicalURL, f.urlKey, f.canonicalKey,
		a.Title, string(authorsJSON), a.SiteName, a.Source.Name, a.Source.URL,
		formatTime(a.Published), publishedAt, formatTime(a.Modified),
		a.Language, a.Direction, a.Excerpt, a.ImageURL,
		a.WordCount, a.ReadingMinutes, a.Readable, string(provJSON),
		a.ExtractorVersion, a.Charset, formatTime(a.FetchedAt),
		a.Text, a.ContentHTML, string(editorsJSON),
	}
	return f, nil
}

// trustedCanonical reports whether the canonical URL a page declares (its
// key) may identify it, given the page's own URL key: only when both are on
// the same site. Otherwise a page anywhere could name a stored article as
// its canonical URL and replace it. The same site is the same registrable
// domain (news.example.com and www.example.com agree, example.com and
// example.net do not); hosts without one (IP addresses, localhost) must
// match with their port. A page without a web address (a local file the
// user chose) is trusted. A site's home page as the canonical URL of
// another page is never trusted: many sites name it on every page, and
// matching on it would make every clip from the site one article.
func trustedCanonical(canonicalKey, urlKey string) bool {
	if canonicalKey == "" || canonicalKey == urlKey {
		return true
	}
	if isSiteRoot(canonicalKey) {
		return false
	}
	page, err := url.Parse(urlKey)
	if err != nil || page.Host == "" {
		return true
	}
	canon, err := url.Parse(canonicalKey)
	if err != nil || canon.Host == "" {
		return false
	}
	return siteOf(canon) == siteOf(page)
}

// siteOf is a URL's registrable domain (example.co.uk for
// news.example.co.uk), or its host and port when it has none.
func siteOf(u *url.URL) string {
	host := u.Hostname()
	if net.ParseIP(host) == nil {
		if d, err := publicsuffix.EffectiveTLDPlusOne(host); err == nil {
			return d
		}
	}
	return u.Host
}

// untrustCanonicals clears the canonical keys stored before Save checked
// them (see trustedCanonical), so a page that named another site's article
// no longer stands for it. It reads one column of the articles, quickly, so
// it reports no progress of its own.
func untrustCanonicals(ctx context.Context, tx *sql.Tx, _ progress) error {
	type row struct {
		id                   int64
		urlKey, canonicalKey string
	}
	rows, err := tx.QueryContext(ctx, `SELECT id, url_key, canonical_key FROM articles WHERE canonical_key <> ''`)
	if err != nil {
		return err
	}
	var untrusted []int64
	for rows.Next() {
		var r row
		if err := rows.Scan(&r.id, &r.urlKey, &r.canonicalKey); err != nil {
			rows.Close()
			return err
		}
		if !trustedCanonical(r.canonicalKey, r.urlKey) {
			untrusted = append(untrusted, r.id)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, id := range untrusted {
		if _, err := tx.ExecContext(ctx, `UPDATE articles SET canonical_key = '' WHERE id = ?`, id); err != nil {
			return err
		}
	}
	return nil
}

// keepVersion copies what a re-clip is about to replace (the text, the
// content HTML, the raw page and the URLs and title they came with) into
// article_versions, unless the new content (row, and rawGz as gzipBytes
// makes it) is the same.
func keepVersion(ctx context.Context, tx *sql.Tx, id int64, row articleFields, rawGz []byte, now time.Time) error {
	_, err := tx.ExecContext(ctx, `
		INSERT INTO article_versions (article_id, replaced_at, url, final_url, canonical_url, title,
			extractor_version, fetched_at, text, content_html, raw)
		SELECT a.id, ?, a.url, a.final_url, a.canonical_url, a.title,
			a.extractor_version, a.fetched_at, a.text, a.content_html, r.gzip
		FROM articles a LEFT JOIN article_raw r ON r.article_id = a.id
		WHERE a.id = ? AND NOT (a.text = ? AND a.content_html = ? AND r.gzip IS ?)`,
		now.UnixNano(), id, row.text, row.html, rawGz)
	if err != nil {
		return fmt.Errorf("keep the previous version of article %d: %w", id, err)
	}
	return nil
}

// Versions returns what re-clips of an article replaced, newest first:
// nothing a library held is lost when a page is clipped again.
func (l *Library) Versions(ctx context.Context, id int64) ([]Version, error) {
	var vs []Version
	err := l.read(ctx, func(ctx context.Context, tx *sql.Tx) error {
		if err := articleExists(ctx, tx, id); err != nil {
			return err
		}
		rows, err := tx.QueryContext(ctx, `SELECT id, article_id, replaced_at, url, final_url, canonical_url,
			title, extractor_version, fetched_at, text, content_html, raw
			FROM article_versions WHERE article_id = ? ORDER BY id DESC`, id)
		if err != nil {
			return err
		}
		defer rows.Close()
		vs = []Version{}
		for rows.Next() {
			var v Version
			var replaced int64
			var fetched string
			var gz []byte
			if err := rows.Scan(&v.ID, &v.ArticleID, &replaced, &v.URL, &v.FinalURL, &v.CanonicalURL,
				&v.Title, &v.ExtractorVersion, &fetched, &v.Text, &v.ContentHTML, &gz); err != nil {
				return err
			}
			v.ReplacedAt, v.FetchedAt = unixNano(replaced), parseTime(fetched)
			if gz != nil {
				if v.Raw, err = gunzipBytes(gz); err != nil {
					return fmt.Errorf("version %d raw page: %w", v.ID, err)
				}
			}
			vs = append(vs, v)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, fmt.Errorf("versions: %w", err)
	}
	return vs, nil
}

// isSiteRoot reports whether a normalised URL is a site's home page.
func isSiteRoot(key string) bool {
	u, err := url.Parse(key)
	return err == nil && u.Host != "" && u.Path == "/" && u.RawQuery == ""
}

const articleColumns = `url, final_url, canonical_url, url_key, canonical_key,
	title, authors, site_name, source_name, source_url,
	published, published_at, modified,
	language, direction, excerpt, image_url,
	word_count, reading_minutes, readable, provenance,
	extractor_version, charset, fetched_at,
	text, content_html, editors`

// findSamePage returns the id of the article that is the same page as the
// keys (either key matching either of the stored ones), or 0. An article in
// the trash is not one: a clip of its page is a new article, and Restore
// puts the old one back beside it.
func findSamePage(ctx context.Context, tx *sql.Tx, urlKey, canonicalKey string) (int64, error) {
	var keys []any
	for _, k := range []string{urlKey, canonicalKey} {
		if k != "" {
			keys = append(keys, k)
		}
	}
	if len(keys) == 0 {
		return 0, nil
	}
	in := strings.TrimSuffix(strings.Repeat("?,", len(keys)), ",")
	var id int64
	err := tx.QueryRowContext(ctx, `
		SELECT id FROM (
			SELECT id FROM articles WHERE canonical_key IN (`+in+`) AND canonical_key <> '' AND `+live+`
			UNION
			SELECT id FROM articles WHERE url_key IN (`+in+`) AND url_key <> '' AND `+live+`
		) ORDER BY id LIMIT 1`, append(keys, keys...)...).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	}
	return id, err
}

func insertArticle(ctx context.Context, tx *sql.Tx, f articleFields, now time.Time) (int64, error) {
	args := append(f.args, now.UnixNano(), now.UnixNano())
	res, err := tx.ExecContext(ctx, `INSERT INTO articles (`+articleColumns+`, clipped_at, updated_at)
		VALUES (`+strings.TrimSuffix(strings.Repeat("?,", len(args)), ",")+`)`, args...)
	if err != nil {
		return 0, err
	}
	return res.LastInsertId()
}

func updateArticle(ctx context.Context, tx *sql.Tx, id int64, f articleFields, now time.Time) error {
	oldText, err := articleText(ctx, tx, id)
	if err != nil {
		return err
	}
	cols := strings.Split(articleColumns, ",")
	set := make([]string, len(cols))
	for i, c := range cols {
		set[i] = strings.TrimSpace(c) + " = ?"
	}
	args := append(f.args, now.UnixNano(), id)
	if _, err := tx.ExecContext(ctx, `UPDATE articles SET `+strings.Join(set, ", ")+`, updated_at = ? WHERE id = ?`, args...); err != nil {
		return err
	}
	if f.text == oldText {
		return nil
	}
	return reanchorHighlights(ctx, tx, id, oldText, f.text, now)
}

// replaceRaw replaces the stored page of an article with gz (gzipBytes of
// it); nil stores none.
func replaceRaw(ctx context.Context, tx *sql.Tx, id int64, gz []byte) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM article_raw WHERE article_id = ?`, id); err != nil {
		return err
	}
	if gz == nil {
		return nil
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO article_raw (article_id, gzip) VALUES (?, ?)`, id, gz)
	return err
}

// Get returns one article with its tags; ErrNotFound if there is none (or
// it is in the trash).
func (l *Library) Get(ctx context.Context, id int64) (*Article, error) {
	var a Article
	err := l.read(ctx, func(ctx context.Context, tx *sql.Tx) error {
		var (
			authors, editors, provenance, published, modified, fetched string
			clipped, updated                                           int64
		)
		err := tx.QueryRowContext(ctx, `SELECT id, url, final_url, canonical_url,
			title, authors, site_name, source_name, source_url,
			published, modified, language, direction, excerpt, image_url,
			word_count, reading_minutes, readable, provenance,
			extractor_version, charset, fetched_at,
			clipped_at, updated_at, unread, archived, favorite, position, note,
			text, content_html, editors,
			coalesce((SELECT key FROM article_keys WHERE article_id = articles.id), '')
			FROM articles WHERE id = ? AND `+live, id).Scan(&a.ID, &a.URL, &a.FinalURL, &a.CanonicalURL,
			&a.Title, &authors, &a.SiteName, &a.Source.Name, &a.Source.URL,
			&published, &modified, &a.Language, &a.Direction, &a.Excerpt, &a.ImageURL,
			&a.WordCount, &a.ReadingMinutes, &a.Readable, &provenance,
			&a.ExtractorVersion, &a.Charset, &fetched,
			&clipped, &updated, &a.Unread, &a.Archived, &a.Favorite, &a.Position, &a.Note,
			&a.Text, &a.ContentHTML, &editors, &a.Key)
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("%w: article %d", ErrNotFound, id)
		}
		if err != nil {
			return err
		}
		if err := json.Unmarshal([]byte(authors), &a.Authors); err != nil {
			return fmt.Errorf("article %d authors: %w", id, err)
		}
		if err := json.Unmarshal([]byte(editors), &a.Editors); err != nil {
			return fmt.Errorf("article %d editors: %w", id, err)
		}
		if len(a.Editors) == 0 {
			a.Editors = nil // as the clipper leaves a page that names none
		}
		if err := json.Unmarshal([]byte(provenance), &a.Provenance); err != nil {
			return fmt.Errorf("article %d provenance: %w", id, err)
		}
		a.Published, a.Modified, a.FetchedAt = parseTime(published), parseTime(modified), parseTime(fetched)
		a.ClippedAt, a.UpdatedAt = unixNano(clipped), unixNano(updated)
		if a.Tags, err = articleTags(ctx, tx, id); err != nil {
			return err
		}
		a.Images, err = articlePictures(ctx, tx, id)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("get article: %w", err)
	}
	return &a, nil
}

// articleTags returns the names of an article's tags, sorted.
func articleTags(ctx context.Context, q queryer, id int64) ([]string, error) {
	tags, err := queryColumn[string](ctx, q, `SELECT t.name FROM article_tags at JOIN tags t ON t.id = at.tag_id
		WHERE at.article_id = ? ORDER BY t.name_key`, id)
	if err != nil {
		return nil, err
	}
	sortTagNames(tags, func(s string) string { return s })
	return tags, nil
}

// queryer is what *sql.DB, *sql.Conn and *sql.Tx share.
type queryer interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// queryColumn returns the first column of every row of a query; an empty
// slice, not nil, when there are none.
func queryColumn[T any](ctx context.Context, q queryer, query string, args ...any) ([]T, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []T{}
	for rows.Next() {
		var v T
		if err := rows.Scan(&v); err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// RawHTML returns the page bytes as originally fetched (nil when the article
// was saved without them).
func (l *Library) RawHTML(ctx context.Context, id int64) ([]byte, error) {
	var gz []byte
	err := l.read(ctx, func(ctx context.Context, tx *sql.Tx) error {
		if err := articleExists(ctx, tx, id); err != nil {
			return err
		}
		err := tx.QueryRowContext(ctx, `SELECT gzip FROM article_raw WHERE article_id = ?`, id).Scan(&gz)
		if errors.Is(err, sql.ErrNoRows) {
			return nil
		}
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("raw html: %w", err)
	}
	if gz == nil {
		return nil, nil
	}
	raw, err := gunzipBytes(gz)
	if err != nil {
		return nil, fmt.Errorf("raw html of article %d: %w", id, err)
	}
	return raw, nil
}

// articleExists returns ErrNotFound unless the article exists, out of the
// trash.
func articleExists(ctx context.Context, q queryer, id int64) error {
	var one int
	err := q.QueryRowContext(ctx, `SELECT 1 FROM articles WHERE id = ? AND `+live, id).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("%w: article %d", ErrNotFound, id)
	}
	return err
}

// Delete removes an article with its highlights and tag links; tags and
// pictures left without articles go too.
func (l *Library) Delete(ctx context.Context, id int64) error {
	err := l.write(ctx, func(tx *sql.Tx) error {
		if err := articleExists(ctx, tx, id); err != nil {
			return err
		}
		return deleteArticles(ctx, tx, idList([]int64{id}))
	})
	if err != nil {
		return fmt.Errorf("delete article: %w", err)
	}
	return nil
}

// deleteArticles deletes for good the articles in a JSON id list, with
// their index rows, and the pictures and tags they alone used; their raw
// pages, tag links, highlights, versions, picture lists and queue rows go
// with them (ON DELETE CASCADE).
func deleteArticles(ctx context.Context, tx *sql.Tx, list string) error {
	if err := unindexMany(ctx, tx, list); err != nil {
		return err
	}
	shas, err := queryColumn[string](ctx, tx, `SELECT DISTINCT sha256 FROM article_pictures
		WHERE sha256 IS NOT NULL AND article_id IN `+inList, list)
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM articles WHERE id IN `+inList, list); err != nil {
		return err
	}
	if _, _, err := dropUnusedPictures(ctx, tx, `SELECT value FROM json_each(?)`, jsonArray(shas)); err != nil {
		return err
	}
	return deleteUnusedTags(ctx, tx)
}

// SetNote replaces the article note.
func (l *Library) SetNote(ctx context.Context, id int64, note string) error {
	err := l.write(ctx, func(tx *sql.Tx) error {
		if err := updateOne(ctx, tx, id, `UPDATE articles SET note = ?, updated_at = ? WHERE id = ? AND `+live,
			note, l.now().UnixNano(), id); err != nil {
			return err
		}
		return reindexMarks(ctx, tx, id)
	})
	if err != nil {
		return fmt.Errorf("set note: %w", err)
	}
	return nil
}

// SetUnread marks an article unread (v) or read.
func (l *Library) SetUnread(ctx context.Context, id int64, v bool) error {
	return l.setColumn(ctx, id, "unread", v)
}

// SetArchived moves an article into (v) or out of the archive.
func (l *Library) SetArchived(ctx context.Context, id int64, v bool) error {
	return l.setColumn(ctx, id, "archived", v)
}

// SetFavorite marks an article a favourite (v) or not.
func (l *Library) SetFavorite(ctx context.Context, id int64, v bool) error {
	return l.setColumn(ctx, id, "favorite", v)
}

// ReadEnd is the reading position at which an article has been read: its
// end is in view. (A scroll to the very bottom can stop a hair short of 1.)
const ReadEnd = 0.995

// SetPosition records the reading position, clamped to 0 (top) .. 1 (end).
// Reaching ReadEnd also marks the article read, as a reader expects of a
// read-later queue; a position short of it leaves the read state alone, so
// an article marked unread stays unread until its end is reached again.
func (l *Library) SetPosition(ctx context.Context, id int64, pos float64) error {
	if math.IsNaN(pos) {
		return fmt.Errorf("set position: %w: NaN", ErrInvalid)
	}
	pos = min(max(pos, 0), 1)
	err := l.write(ctx, func(tx *sql.Tx) error {
		return updateOne(ctx, tx, id, `UPDATE articles SET position = ?,
			unread = CASE WHEN ? THEN 0 ELSE unread END WHERE id = ? AND `+live, pos, pos >= ReadEnd, id)
	})
	if err != nil {
		return fmt.Errorf("set position: %w", err)
	}
	return nil
}

// setColumn sets one state column; column is one of the constants above,
// never user input.
func (l *Library) setColumn(ctx context.Context, id int64, column string, v any) error {
	err := l.write(ctx, func(tx *sql.Tx) error {
		return updateOne(ctx, tx, id, `UPDATE articles SET `+column+` = ? WHERE id = ? AND `+live, v, id)
	})
	if err != nil {
		return fmt.Errorf("set %s: %w", column, err)
	}
	return nil
}

// updateOne runs an UPDATE of the article id (which leaves one in the trash
// alone) and returns ErrNotFound when it changed no row.
func updateOne(ctx context.Context, tx *sql.Tx, id int64, query string, args ...any) error {
	res, err := tx.ExecContext(ctx, query, args...)
	if err != nil {
		return err
	}
	n, err := res.RowsAffected()
	if err != nil {
		return err
	}
	if n == 0 {
		return fmt.Errorf("%w: article %d", ErrNotFound, id)
	}
	return nil
}

// formatTime stores a page date with its own offset; "" for the zero time.
func formatTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.RFC3339Nano)
}

// parseTime reads a formatTime value back; the zero time for "" or garbage.
func parseTime(s string) time.Time {
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return time.Time{}
	}
	return t
}

// unixNano reads a *_at column.
func unixNano(n int64) time.Time { return time.Unix(0, n).UTC() }

func gzipBytes(b []byte) ([]byte, error) {
	if b == nil {
		return nil, nil
	}
	var buf bytes.Buffer
	zw, err := gzip.NewWriterLevel(&buf, gzip.DefaultCompression)
	if err != nil {
		return nil, err
	}
	if _, err := zw.Write(b); err != nil {
		return nil, err
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func gunzipBytes(b []byte) ([]byte, error) {
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		return nil, err
	}
	out, err := io.ReadAll(zr)
	if err != nil {
		return nil, err
	}
	if out == nil {
		out = []byte{}
	}
	return out, nil
}
