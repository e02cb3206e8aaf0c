package storage

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
)

// MergeHighlight stores a new highlight of an article, merged with the
// article's highlights it overlaps: the result is one highlight over all of
// them, in h's colour, with their notes joined in reading order (each note
// once, a blank line between), so highlights never stack. The earliest of
// the overlapped keeps its id; the others are deleted. It also returns how
// many highlights h was merged with; with none it is AddHighlight.
func (l *Library) MergeHighlight(ctx context.Context, h Highlight) (merged Highlight, with int, err error) {
	color, err := validColor(h.Color)
	if err != nil {
		return Highlight{}, 0, fmt.Errorf("merge highlight: %w", err)
	}
	h.Color = color
	err = l.write(ctx, func(tx *sql.Tx) error {
		runes, err := spanText(ctx, tx, h)
		if err != nil {
			return err
		}
		all, err := articleHighlights(ctx, tx, h.ArticleID)
		if err != nil {
			return err
		}
		var over []Highlight
		for _, o := range all {
			if !o.Orphaned && o.Start < h.End && h.Start < o.End {
				over = append(over, o)
			}
		}
		if len(over) == 0 {
			merged, err = insertHighlight(ctx, tx, runes, h, l.now())
			return err
		}
		merged = over[0] // articleHighlights orders by start
		merged.Color = h.Color
		var notes []string
		for _, o := range append(over, h) {
			merged.Start, merged.End = min(merged.Start, o.Start), max(merged.End, o.End)
			if n := strings.TrimSpace(o.Note); n != "" && !slices.Contains(notes, n) {
				notes = append(notes, n)
			}
		}
		merged.Note = strings.Join(notes, "\n\n")
		merged.Quote, merged.Prefix, merged.Suffix = quoteAt(runes, merged.Start, merged.End)
		merged.UpdatedAt = l.now()
		if _, err := tx.ExecContext(ctx, `UPDATE highlights SET start_pos = ?, end_pos = ?, quote = ?,
			prefix = ?, suffix = ?, color = ?, note = ?, updated_at = ? WHERE id = ?`,
			merged.Start, merged.End, merged.Quote, merged.Prefix, merged.Suffix, string(merged.Color),
			merged.Note, merged.UpdatedAt.UnixNano(), merged.ID); err != nil {
			return err
		}
		for _, o := range over[1:] {
			if _, err := tx.ExecContext(ctx, `DELETE FROM highlights WHERE id = ?`, o.ID); err != nil {
				return err
			}
		}
		with = len(over)
		return reindexMarks(ctx, tx, h.ArticleID)
	})
	if err != nil {
		return Highlight{}, 0, fmt.Errorf("merge highlight: %w", err)
	}
	return merged, with, nil
}
