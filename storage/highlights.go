package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"time"
)

// contextLen is how many code points of prefix and suffix a highlight keeps.
const contextLen = 32

// validColor returns c, Yellow for "", and ErrInvalid for anything not in
// Colors.
func validColor(c Color) (Color, error) {
	if c == "" {
		return Yellow, nil
	}
	if !slices.Contains(Colors, c) {
		return "", fmt.Errorf("%w: colour %q (want one of %v)", ErrInvalid, c, Colors)
	}
	return c, nil
}

// AddHighlight stores a highlight over h.Start..h.End (code points, End
// exclusive) of the article text; Quote, Prefix and Suffix are taken from the
// text. Color defaults to Yellow. ErrInvalid for an empty or out-of-range span
// or an unknown colour, ErrNotFound for an unknown article.
func (l *Library) AddHighlight(ctx context.Context, h Highlight) (Highlight, error) {
	color, err := validColor(h.Color)
	if err != nil {
		return Highlight{}, fmt.Errorf("add highlight: %w", err)
	}
	h.Color = color
	err = l.write(ctx, func(tx *sql.Tx) error {
		runes, err := spanText(ctx, tx, h)
		if err != nil {
			return err
		}
		h, err = insertHighlight(ctx, tx, runes, h, l.now())
		return err
	})
	if err != nil {
		return Highlight{}, fmt.Errorf("add highlight: %w", err)
	}
	return h, nil
}

// HighlightQuote stores a highlight over the occurrence-th (1-based) match of
// quote in the article text; differences in white space are tolerated.
// ErrQuoteNotFound when there is no such match.
func (l *Library) HighlightQuote(ctx context.Context, articleID int64, quote string, occurrence int, color Color, note string) (Highlight, error) {
	color, err := validColor(color)
	if err != nil {
		return Highlight{}, fmt.Errorf("highlight quote: %w", err)
	}
	if occurrence < 1 {
		return Highlight{}, fmt.Errorf("highlight quote: %w: occurrence %d (counted from 1)", ErrInvalid, occurrence)
	}
	var h Highlight
	err = l.write(ctx, func(tx *sql.Tx) error {
		text, err := articleText(ctx, tx, articleID)
		if err != nil {
			return err
		}
		runes := []rune(text)
		start, end, found := findQuote(runes, quote, occurrence)
		if !found {
			if occurrence > 1 {
				return fmt.Errorf("%w: %q (occurrence %d)", ErrQuoteNotFound, quote, occurrence)
			}
			return fmt.Errorf("%w: %q", ErrQuoteNotFound, quote)
		}
		h, err = insertHighlight(ctx, tx, runes,
			Highlight{ArticleID: articleID, Start: start, End: end, Color: color, Note: note}, l.now())
		return err
	})
	if err != nil {
		return Highlight{}, fmt.Errorf("highlight quote: %w", err)
	}
	return h, nil
}

// articleText returns the canonical text of an article; ErrNotFound if
// there is none (or it is in the trash).
func articleText(ctx context.Context, q queryer, id int64) (string, error) {
	var text string
	err := q.QueryRowContext(ctx, `SELECT text FROM articles WHERE id = ? AND `+live, id).Scan(&text)
	if errors.Is(err, sql.ErrNoRows) {
		return "", fmt.Errorf("%w: article %d", ErrNotFound, id)
	}
	return text, err
}

// spanText returns the text of h's article, as code points, once h's span
// is known to be a non-empty part of it (ErrInvalid when not).
func spanText(ctx context.Context, q queryer, h Highlight) ([]rune, error) {
	text, err := articleText(ctx, q, h.ArticleID)
	if err != nil {
		return nil, err
	}
	runes := []rune(text)
	if h.Start < 0 || h.Start >= h.End || h.End > len(runes) {
		return nil, fmt.Errorf("%w: highlight %d..%d outside the text (0..%d) or empty",
			ErrInvalid, h.Start, h.End, len(runes))
	}
	return runes, nil
}

// insertHighlight stores h over a valid span of text, filling its quote and
// context, and reindexes the article.
func insertHighlight(ctx context.Context, tx *sql.Tx, text []rune, h Highlight, now time.Time) (Highlight, error) {
	h, err := storeHighlight(ctx, tx, text, h, now)
	if err != nil {
		return Highlight{}, err
	}
	return h, reindexMarks(ctx, tx, h.ArticleID)
}

// storeHighlight is insertHighlight without the reindex, for a caller that
// stores several and reindexes the article once.
func storeHighlight(ctx context.Context, tx *sql.Tx, text []rune, h Highlight, now time.Time) (Highlight, error) {
	h.Quote, h.Prefix, h.Suffix = quoteAt(text, h.Start, h.End)
	h.Orphaned = false
	h.CreatedAt, h.UpdatedAt = now, now
	res, err := tx.ExecContext(ctx, `INSERT INTO highlights
		(article_id, start_pos, end_pos, quote, prefix, suffix, color, note, orphaned, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)`,
		h.ArticleID, h.Start, h.End, h.Quote, h.Prefix, h.Suffix, string(h.Color), h.Note,
		now.UnixNano(), now.UnixNano())
	if err != nil {
		return Highlight{}, err
	}
	if h.ID, err = res.LastInsertId(); err != nil {
		return Highlight{}, err
	}
	return h, nil
}

// quoteAt returns text[start:end] with up to contextLen code points either
// side.
func quoteAt(text []rune, start, end int) (quote, prefix, suffix string) {
	return string(text[start:end]),
		string(text[max(0, start-contextLen):start]),
		string(text[end:min(len(text), end+contextLen)])
}

const highlightColumns = `id, article_id, start_pos, end_pos, quote, prefix, suffix,
	color, note, orphaned, created_at, updated_at`

func scanHighlight(row interface{ Scan(...any) error }) (Highlight, error) {
	var (
		h                Highlight
		color            string
		created, updated int64
	)
	err := row.Scan(&h.ID, &h.ArticleID, &h.Start, &h.End, &h.Quote, &h.Prefix, &h.Suffix,
		&color, &h.Note, &h.Orphaned, &created, &updated)
	h.Color = Color(color)
	h.CreatedAt, h.UpdatedAt = unixNano(created), unixNano(updated)
	return h, err
}

// Highlights lists an article's highlights in reading order (by start, then
// end), orphaned ones last. ErrNotFound for an unknown article.
func (l *Library) Highlights(ctx context.Context, articleID int64) ([]Highlight, error) {
	var hs []Highlight
	err := l.read(ctx, func(ctx context.Context, tx *sql.Tx) error {
		if err := articleExists(ctx, tx, articleID); err != nil {
			return err
		}
		var err error
		hs, err = articleHighlights(ctx, tx, articleID)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("highlights: %w", err)
	}
	return hs, nil
}

func articleHighlights(ctx context.Context, q queryer, articleID int64) ([]Highlight, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+highlightColumns+` FROM highlights
		WHERE article_id = ? ORDER BY orphaned, start_pos, end_pos, id`, articleID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	hs := []Highlight{}
	for rows.Next() {
		h, err := scanHighlight(rows)
		if err != nil {
			return nil, err
		}
		hs = append(hs, h)
	}
	return hs, rows.Err()
}

// UpdateHighlight changes a highlight's colour and note; an empty colour
// keeps the current one.
func (l *Library) UpdateHighlight(ctx context.Context, id int64, color Color, note string) (Highlight, error) {
	if color != "" {
		if _, err := validColor(color); err != nil {
			return Highlight{}, fmt.Errorf("update highlight: %w", err)
		}
	}
	var h Highlight
	err := l.write(ctx, func(tx *sql.Tx) error {
		var err error
		h, err = scanHighlight(tx.QueryRowContext(ctx, `UPDATE highlights
			SET color = coalesce(nullif(?, ''), color), note = ?, updated_at = ?
			WHERE id = ? AND `+liveArticle+` RETURNING `+highlightColumns, string(color), note, l.now().UnixNano(), id))
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("%w: highlight %d", ErrNotFound, id)
		}
		if err != nil {
			return err
		}
		return reindexMarks(ctx, tx, h.ArticleID)
	})
	if err != nil {
		return Highlight{}, fmt.Errorf("update highlight: %w", err)
	}
	return h, nil
}

// DeleteHighlight removes a highlight (the app undoes by AddHighlight).
func (l *Library) DeleteHighlight(ctx context.Context, id int64) error {
	err := l.write(ctx, func(tx *sql.Tx) error {
		var articleID int64
		err := tx.QueryRowContext(ctx, `DELETE FROM highlights WHERE id = ? AND `+liveArticle+` RETURNING article_id`, id).Scan(&articleID)
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("%w: highlight %d", ErrNotFound, id)
		}
		if err != nil {
			return err
		}
		return reindexMarks(ctx, tx, articleID)
	})
	if err != nil {
		return fmt.Errorf("delete highlight: %w", err)
	}
	return nil
}

// reanchorHighlights places every highlight of an article again after its
// text changed from oldText to newText. A highlight that is found gets its
// new offsets, quote and context; one that is not is kept, marked orphaned,
// with its old quote.
func reanchorHighlights(ctx context.Context, tx *sql.Tx, articleID int64, oldText, newText string, now time.Time) error {
	hs, err := articleHighlights(ctx, tx, articleID)
	if err != nil {
		return err
	}
	oldLen := len([]rune(oldText))
	text := []rune(newText)
	for _, h := range hs {
		start, end, ok := anchor(text, h, oldLen)
		if ok {
			h.Start, h.End = start, end
			h.Quote, h.Prefix, h.Suffix = quoteAt(text, start, end)
		}
		if _, err := tx.ExecContext(ctx, `UPDATE highlights SET start_pos = ?, end_pos = ?,
			quote = ?, prefix = ?, suffix = ?, orphaned = ?, updated_at = ? WHERE id = ?`,
			h.Start, h.End, h.Quote, h.Prefix, h.Suffix, !ok, now.UnixNano(), h.ID); err != nil {
			return err
		}
	}
	return nil
}
