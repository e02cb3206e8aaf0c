package storage

import (
	"app.margin/margin/article"

	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"
)

// Reasons a picture is missing that storage itself records.
const (
	// MissingNotFetched: the clip that saved the article did not fetch its
	// pictures (an import of the content, or a clip without pictures).
	MissingNotFetched = "not fetched when the article was clipped"
	// MissingBeforePictures: the article was clipped before the library
	// kept pictures.
	MissingBeforePictures = "clipped before Margin kept pictures"
	// MissingGone: the list named a stored picture the library no longer has.
	MissingGone = "no longer in the library"
)

// Picture returns a stored picture's bytes and media type; ErrNotFound when
// the library holds no picture with that SHA-256.
func (l *Library) Picture(ctx context.Context, sha string) (data []byte, mediaType string, err error) {
	err = l.read(ctx, func(ctx context.Context, tx *sql.Tx) error {
		err := tx.QueryRowContext(ctx, `SELECT data, type FROM pictures WHERE sha256 = ?`, sha).Scan(&data, &mediaType)
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("%w: picture %s", ErrNotFound, sha)
		}
		return err
	})
	if err != nil {
		return nil, "", fmt.Errorf("picture: %w", err)
	}
	return data, mediaType, nil
}

// SetPictures replaces an article's picture list, storing the Data of those
// that carry it (after fetching missing pictures, say). A picture now
// missing that the article had stored for the same address stays stored:
// a failed fetch never loses a picture.
func (l *Library) SetPictures(ctx context.Context, id int64, pics []article.Picture) error {
	err := l.write(ctx, func(tx *sql.Tx) error {
		if err := articleExists(ctx, tx, id); err != nil {
			return err
		}
		return storePictures(ctx, tx, id, pics, l.now())
	})
	if err != nil {
		return fmt.Errorf("set pictures: %w", err)
	}
	return nil
}

// ArticlesMissingPictures returns the ids of the articles with at least one
// picture not stored, oldest first, those in the trash left out.
func (l *Library) ArticlesMissingPictures(ctx context.Context) ([]int64, error) {
	var ids []int64
	err := l.read(ctx, func(ctx context.Context, tx *sql.Tx) error {
		var err error
		ids, err = queryColumn[int64](ctx, tx, `SELECT DISTINCT article_id FROM article_pictures
			WHERE sha256 IS NULL AND `+liveArticle+` ORDER BY article_id`)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("articles missing pictures: %w", err)
	}
	return ids, nil
}

// GC removes the stored pictures no article uses, and reports how many and
// their bytes. Delete already does this for the pictures of the article it
// deletes; GC cleans up after anything else (a library written by an older
// Margin, an interrupted import).
func (l *Library) GC(ctx context.Context) (pictures int, bytes int64, err error) {
	err = l.write(ctx, func(tx *sql.Tx) error {
		pictures, bytes, err = dropUnusedPictures(ctx, tx, `SELECT sha256 FROM pictures`)
		return err
	})
	if err != nil {
		return 0, 0, fmt.Errorf("collect unused pictures: %w", err)
	}
	return pictures, bytes, nil
}

// picturesToStore is what Save stores for a: the clipper's list, or, when it
// fetched none, the list the content implies, all missing.
func picturesToStore(a *article.Article) []article.Picture {
	if a.Images != nil {
		return a.Images
	}
	pics := article.PicturesOf(a.ContentHTML, a.ImageURL)
	for i := range pics {
		pics[i].Missing = MissingNotFetched
	}
	return pics
}

// storePictures writes id's picture list in tx (see SetPictures).
func storePictures(ctx context.Context, tx *sql.Tx, id int64, pics []article.Picture, now time.Time) error {
	kept, err := storedPictureByURL(ctx, tx, id)
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM article_pictures WHERE article_id = ?`, id); err != nil {
		return err
	}
	for seq, p := range pics {
		sha, missing, err := storePicture(ctx, tx, p, now)
		if err != nil {
			return fmt.Errorf("picture %s: %w", p.URL, err)
		}
		if old, ok := kept[p.URL]; ok && sha == "" {
			sha, missing = old, ""
		}
		var shaArg any
		if sha != "" {
			shaArg = sha
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO article_pictures
			(article_id, seq, url, alt, caption, lead, sha256, missing) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
			id, seq, p.URL, p.Alt, p.Caption, p.Lead, shaArg, missing); err != nil {
			return err
		}
	}
	if len(kept) == 0 {
		// Nothing the article held can have become unused.
		return nil
	}
	previous := make([]string, 0, len(kept))
	for _, sha := range kept {
		previous = append(previous, sha)
	}
	_, _, err = dropUnusedPictures(ctx, tx, `SELECT value FROM json_each(?)`, jsonArray(previous))
	return err
}

// storePicture stores p's bytes when it carries them and returns the SHA-256
// the article's list should name, or "" and why the picture is missing.
func storePicture(ctx context.Context, tx *sql.Tx, p article.Picture, now time.Time) (sha, missing string, err error) {
	if p.Data == nil {
		if p.SHA256 == "" {
			return "", p.Missing, nil
		}
		var one int
		err := tx.QueryRowContext(ctx, `SELECT 1 FROM pictures WHERE sha256 = ?`, p.SHA256).Scan(&one)
		if errors.Is(err, sql.ErrNoRows) {
			return "", MissingGone, nil
		}
		return p.SHA256, "", err
	}
	sum := sha256.Sum256(p.Data)
	sha = hex.EncodeToString(sum[:])
	switch {
	case p.SHA256 != "" && !strings.EqualFold(p.SHA256, sha):
		return "", "", fmt.Errorf("%w: SHA-256 %s does not match the bytes (%s)", ErrInvalid, p.SHA256, sha)
	case !strings.HasPrefix(p.Type, "image/"):
		return "", "", fmt.Errorf("%w: media type %q is not a picture's", ErrInvalid, p.Type)
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO pictures (sha256, type, size, width, height, created_at, data)
		VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (sha256) DO NOTHING`,
		sha, p.Type, len(p.Data), p.Width, p.Height, now.UnixNano(), p.Data)
	return sha, "", err
}

// storedPictureByURL maps the addresses of id's stored pictures to their
// SHA-256.
func storedPictureByURL(ctx context.Context, tx *sql.Tx, id int64) (map[string]string, error) {
	rows, err := tx.QueryContext(ctx, `SELECT url, sha256 FROM article_pictures
		WHERE article_id = ? AND sha256 IS NOT NULL`, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	byURL := map[string]string{}
	for rows.Next() {
		var u, sha string
		if err := rows.Scan(&u, &sha); err != nil {
			return nil, err
		}
		byURL[u] = sha
	}
	return byURL, rows.Err()
}

// articlePictures reads id's picture list, without the bytes.
func articlePictures(ctx context.Context, q queryer, id int64) ([]article.Picture, error) {
	rows, err := q.QueryContext(ctx, `SELECT ap.url, ap.alt, ap.caption, ap.lead, ap.missing,
		coalesce(p.sha256, ''), coalesce(p.type, ''), coalesce(p.size, 0), coalesce(p.width, 0), coalesce(p.height, 0)
		FROM article_pictures ap LEFT JOIN pictures p ON p.sha256 = ap.sha256
		WHERE ap.article_id = ? ORDER BY ap.seq`, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var pics []article.Picture
	for rows.Next() {
		var p article.Picture
		if err := rows.Scan(&p.URL, &p.Alt, &p.Caption, &p.Lead, &p.Missing,
			&p.SHA256, &p.Type, &p.Size, &p.Width, &p.Height); err != nil {
			return nil, err
		}
		pics = append(pics, p)
	}
	return pics, rows.Err()
}

// dropUnusedPictures deletes, of the pictures the query names, those no
// article uses (one in the trash included), and reports how many and their bytes.
func dropUnusedPictures(ctx context.Context, tx *sql.Tx, candidates string, args ...any) (n int, bytes int64, err error) {
	unused := `sha256 IN (` + candidates + `)
		AND NOT EXISTS (SELECT 1 FROM article_pictures ap WHERE ap.sha256 = pictures.sha256)`
	if err := tx.QueryRowContext(ctx, `SELECT count(*), coalesce(sum(size), 0) FROM pictures WHERE `+unused, args...).
		Scan(&n, &bytes); err != nil || n == 0 {
		return 0, 0, err
	}
	_, err = tx.ExecContext(ctx, `DELETE FROM pictures WHERE `+unused, args...)
	return n, bytes, err
}

// listOldPictures lists, as missing, the pictures of the articles clipped
// before the library kept them (migration 006).
func listOldPictures(ctx context.Context, tx *sql.Tx, report progress) error {
	rows, err := tx.QueryContext(ctx, `SELECT id, content_html, image_url FROM articles
		WHERE instr(content_html, '<img') > 0 OR image_url <> ''`)
	if err != nil {
		return err
	}
	type old struct {
		id         int64
		html, lead string
	}
	var olds []old
	for rows.Next() {
		var o old
		if err := rows.Scan(&o.id, &o.html, &o.lead); err != nil {
			rows.Close()
			return err
		}
		olds = append(olds, o)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	tick := report.each(len(olds))
	for i, o := range olds {
		pics := article.PicturesOf(o.html, o.lead)
		for i := range pics {
			pics[i].Missing = MissingBeforePictures
		}
		if err := storePictures(ctx, tx, o.id, pics, time.Time{}); err != nil {
			return fmt.Errorf("article %d: %w", o.id, err)
		}
		tick(i + 1)
	}
	return nil
}

func jsonArray(s []string) string {
	b, _ := json.Marshal(s)
	return string(b)
}
