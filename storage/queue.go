package storage

import (
	"app.margin/margin/article"

	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"
)

// QueueState is the state of a clipping queue row.
type QueueState string

// Queue states.
const (
	QueuePending QueueState = "pending"
	QueueRunning QueueState = "running"
	QueueDone    QueueState = "done"
	QueueFailed  QueueState = "failed"
)

// QueueItem is an article waiting in the clipping queue for its content.
type QueueItem struct {
	ID        int64      `json:"id"`
	ArticleID int64      `json:"article_id"`
	URL       string     `json:"url"`
	Title     string     `json:"title"`
	Host      string     `json:"host"` // what politeness is counted by: the URL's host and port
	State     QueueState `json:"state"`
	Tries     int        `json:"tries"`
	NotBefore time.Time  `json:"not_before,omitzero"`
	Error     string     `json:"error,omitempty"` // the last failure
	UpdatedAt time.Time  `json:"updated_at"`
}

// QueueStatus counts the queue's rows by state.
type QueueStatus struct {
	Pending int `json:"pending"`
	Running int `json:"running"`
	Done    int `json:"done"`
	Failed  int `json:"failed"`
	// Next is when the earliest pending row may be fetched (zero: none pending).
	Next time.Time `json:"next,omitzero"`
	// Failures are the permanently failed rows, most recent first (at most
	// 100).
	Failures []QueueItem `json:"failures"`
}

// Total is the number of rows in the queue.
func (s QueueStatus) Total() int { return s.Pending + s.Running + s.Done + s.Failed }

// QueueHost is the key politeness is counted by for an address: its host
// and port, lower-cased ("" when it has none).
func QueueHost(rawURL string) string {
	u, err := url.Parse(rawURL)
	if err != nil {
		return ""
	}
	return strings.ToLower(u.Host)
}

const queueColumns = `q.id, q.article_id, q.url, a.title, q.host, q.state, q.tries, q.not_before, q.error, q.updated_at`

func scanQueueItem(row interface{ Scan(...any) error }) (QueueItem, error) {
	var (
		it                QueueItem
		state             string
		notBefore, update int64
	)
	err := row.Scan(&it.ID, &it.ArticleID, &it.URL, &it.Title, &it.Host, &state, &it.Tries, &notBefore, &it.Error, &update)
	it.State = QueueState(state)
	if notBefore > 0 {
		it.NotBefore = unixNano(notBefore)
	}
	it.UpdatedAt = unixNano(update)
	return it, err
}

// ClaimQueued takes the next pending row that may be fetched at now and
// whose host is not in busyHosts, marks it running and counts the try. ok is
// false when there is none. The rows of an article in the trash wait with
// it: they are left out here and by every other call on the queue.
func (l *Library) ClaimQueued(ctx context.Context, now time.Time, busyHosts []string) (item QueueItem, ok bool, err error) {
	if busyHosts == nil {
		busyHosts = []string{}
	}
	hosts, err := json.Marshal(busyHosts)
	if err != nil {
		return QueueItem{}, false, fmt.Errorf("claim queued: %w", err)
	}
	err = l.write(ctx, func(tx *sql.Tx) error {
		var id int64
		err := tx.QueryRowContext(ctx, `SELECT id FROM queue
			WHERE state = 'pending' AND not_before <= ? AND host NOT IN (SELECT value FROM json_each(?)) AND `+liveArticle+`
			ORDER BY not_before, id LIMIT 1`, now.UnixNano(), string(hosts)).Scan(&id)
		if errors.Is(err, sql.ErrNoRows) {
			return nil
		}
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE queue SET state = 'running', tries = tries + 1, updated_at = ? WHERE id = ?`,
			l.now().UnixNano(), id); err != nil {
			return err
		}
		item, err = scanQueueItem(tx.QueryRowContext(ctx, `SELECT `+queueColumns+`
			FROM queue q JOIN articles a ON a.id = q.article_id WHERE q.id = ?`, id))
		ok = err == nil
		return err
	})
	if err != nil {
		return QueueItem{}, false, fmt.Errorf("claim queued: %w", err)
	}
	return item, ok, nil
}

// FinishQueued stores the fetched page as the content of the queued
// article and marks the row done. The article keeps its id, clip date,
// tags, state and note; highlights imported without a text are placed on
// the new one by their quotes (orphans stay orphans when not found). An
// empty fetched title keeps the imported one. When the page turns out to be
// one the library holds already (same normalised or canonical URL), the
// queued article is merged into that one instead (see mergeQueued).
func (l *Library) FinishQueued(ctx context.Context, itemID int64, a *article.Article) error {
	if a == nil {
		return fmt.Errorf("finish queued: %w: no article", ErrInvalid)
	}
	raw, err := gzipBytes(a.Raw)
	if err != nil {
		return fmt.Errorf("finish queued: %w", err)
	}
	now := l.now()
	err = l.write(ctx, func(tx *sql.Tx) error {
		var articleID int64
		var title string
		err := tx.QueryRowContext(ctx, `SELECT q.article_id, a.title FROM queue q JOIN articles a ON a.id = q.article_id
			WHERE q.id = ? AND `+liveA, itemID).Scan(&articleID, &title)
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("%w: queue row %d", ErrNotFound, itemID)
		}
		if err != nil {
			return err
		}
		page := *a
		if strings.TrimSpace(page.Title) == "" {
			page.Title = title
		}
		row, err := articleRow(&page)
		if err != nil {
			return err
		}
		same, err := findOtherPage(ctx, tx, articleID, row.urlKey, row.canonicalKey)
		if err != nil {
			return err
		}
		if same != 0 {
			// The page is in the library already (the entry's address
			// redirected to it, or another entry named it too): one article,
			// not two.
			return mergeQueued(ctx, tx, itemID, articleID, same, now)
		}
		if err := updateArticle(ctx, tx, articleID, row, now); err != nil {
			return err
		}
		if err := replaceRaw(ctx, tx, articleID, raw); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE queue SET state = 'done', error = '', updated_at = ? WHERE id = ?`,
			now.UnixNano(), itemID); err != nil {
			return err
		}
		return reindex(ctx, tx, articleID)
	})
	if err != nil {
		return fmt.Errorf("finish queued: %w", err)
	}
	return nil
}

// findOtherPage is findSamePage for an article about to take the keys: the
// id of another article that is the same page, or 0.
func findOtherPage(ctx context.Context, tx *sql.Tx, self int64, urlKey, canonicalKey string) (int64, error) {
	var id int64
	err := tx.QueryRowContext(ctx, `SELECT coalesce(min(id), 0) FROM (
		SELECT id FROM articles WHERE url_key IN (?1, ?2) AND url_key <> '' AND id <> ?3 AND `+live+`
		UNION ALL
		SELECT id FROM articles WHERE canonical_key IN (?1, ?2) AND canonical_key <> '' AND id <> ?3 AND `+live+`)`,
		urlKey, canonicalKey, self).Scan(&id)
	return id, err
}

// mergeQueued folds the bookmark article of a queue row into the article
// that holds its page already: that article keeps its content, state and
// highlights, and gains the bookmark's tags and the highlights it lacked;
// the row, done, now names it, so importing the entry again finds it.
func mergeQueued(ctx context.Context, tx *sql.Tx, itemID, from, into int64, now time.Time) error {
	if _, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO article_tags (article_id, tag_id)
		SELECT ?, tag_id FROM article_tags WHERE article_id = ?`, into, from); err != nil {
		return err
	}
	hs, err := articleHighlights(ctx, tx, from)
	if err != nil {
		return err
	}
	imported := make([]ImportHighlight, len(hs))
	for i, h := range hs {
		imported[i] = ImportHighlight{Quote: h.Quote, Note: h.Note}
	}
	if _, _, err := importHighlights(ctx, tx, into, imported, now); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE queue SET article_id = ?, state = 'done', error = '', updated_at = ? WHERE id = ?`,
		into, now.UnixNano(), itemID); err != nil {
		return err
	}
	if err := unindex(ctx, tx, from); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM articles WHERE id = ?`, from); err != nil {
		return err
	}
	return reindexMarks(ctx, tx, into)
}

// DeferQueued puts a row back to wait until notBefore after a failure that
// may pass (a timeout, a 503), with its reason.
func (l *Library) DeferQueued(ctx context.Context, itemID int64, notBefore time.Time, reason string) error {
	return l.setQueued(ctx, "defer queued", itemID, QueuePending, notBefore.UnixNano(), reason)
}

// FailQueued records a permanent failure (404, not a web page) with its
// reason; the article stays a bookmark, and RetryFailed tries it again.
func (l *Library) FailQueued(ctx context.Context, itemID int64, reason string) error {
	return l.setQueued(ctx, "fail queued", itemID, QueueFailed, 0, reason)
}

// ReleaseQueued puts a claimed row back as it was, without counting the try
// (the run stopped before the fetch ended).
func (l *Library) ReleaseQueued(ctx context.Context, itemID int64) error {
	err := l.write(ctx, func(tx *sql.Tx) error {
		return updateQueue(ctx, tx, itemID, `UPDATE queue SET state = 'pending', tries = max(tries - 1, 0), updated_at = ?
			WHERE id = ? AND state = 'running' AND `+liveArticle, l.now().UnixNano(), itemID)
	})
	if err != nil {
		return fmt.Errorf("release queued: %w", err)
	}
	return nil
}

func (l *Library) setQueued(ctx context.Context, what string, itemID int64, state QueueState, notBefore int64, reason string) error {
	err := l.write(ctx, func(tx *sql.Tx) error {
		return updateQueue(ctx, tx, itemID, `UPDATE queue SET state = ?, not_before = ?, error = ?, updated_at = ? WHERE id = ? AND `+liveArticle,
			string(state), notBefore, reason, l.now().UnixNano(), itemID)
	})
	if err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	return nil
}

func updateQueue(ctx context.Context, tx *sql.Tx, itemID int64, query string, args ...any) error {
	res, err := tx.ExecContext(ctx, query, args...)
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil || n == 0 {
		if err == nil {
			err = fmt.Errorf("%w: queue row %d", ErrNotFound, itemID)
		}
		return err
	}
	return nil
}

// ResumeQueue makes rows left running by a process that stopped without
// finishing them (quit, crash, SIGKILL) pending again, and returns how many.
// Call it once before a run starts, when no other process runs the queue.
func (l *Library) ResumeQueue(ctx context.Context) (int, error) {
	var n int64
	err := l.write(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE queue SET state = 'pending', updated_at = ? WHERE state = 'running' AND `+liveArticle, l.now().UnixNano())
		if err != nil {
			return err
		}
		n, err = res.RowsAffected()
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("resume queue: %w", err)
	}
	return int(n), nil
}

// RetryFailed makes every failed row pending again with its tries reset,
// and returns how many.
func (l *Library) RetryFailed(ctx context.Context) (int, error) {
	var n int64
	err := l.write(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE queue SET state = 'pending', tries = 0, not_before = 0, updated_at = ?
			WHERE state = 'failed' AND `+liveArticle, l.now().UnixNano())
		if err != nil {
			return err
		}
		n, err = res.RowsAffected()
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("retry failed: %w", err)
	}
	return int(n), nil
}

// CancelQueue gives up the rows still waiting: they become failed rows
// whose reason says they were cancelled, their articles stay bookmarks, and
// RetryFailed puts them back. Rows being fetched finish. It returns how many
// were cancelled.
func (l *Library) CancelQueue(ctx context.Context) (int, error) {
	var n int64
	err := l.write(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE queue SET state = 'failed', error = ?, updated_at = ? WHERE state = 'pending' AND `+liveArticle,
			ReasonCancelled, l.now().UnixNano())
		if err != nil {
			return err
		}
		n, err = res.RowsAffected()
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("cancel queue: %w", err)
	}
	return int(n), nil
}

// ReasonCancelled is the reason recorded for rows given up by CancelQueue.
const ReasonCancelled = "cancelled before it was fetched"

// QueueStatus counts the queue's rows and lists its failures.
func (l *Library) QueueStatus(ctx context.Context) (QueueStatus, error) {
	var s QueueStatus
	err := l.read(ctx, func(ctx context.Context, tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT state, count(*) FROM queue WHERE `+liveArticle+` GROUP BY state`)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var state string
			var n int
			if err := rows.Scan(&state, &n); err != nil {
				return err
			}
			switch QueueState(state) {
			case QueuePending:
				s.Pending = n
			case QueueRunning:
				s.Running = n
			case QueueDone:
				s.Done = n
			case QueueFailed:
				s.Failed = n
			}
		}
		if err := rows.Err(); err != nil {
			return err
		}
		var next sql.NullInt64
		if err := tx.QueryRowContext(ctx, nextQueuedSQL).Scan(&next); err != nil {
			return err
		}
		if next.Valid {
			s.Next = unixNano(next.Int64)
		}
		s.Failures, err = queueItems(ctx, tx, `WHERE q.state = 'failed' ORDER BY q.updated_at DESC, q.id DESC LIMIT 100`)
		return err
	})
	if err != nil {
		return QueueStatus{}, fmt.Errorf("queue status: %w", err)
	}
	return s, nil
}

// QueueItems lists the queue's rows in state (all states for ""), oldest
// first, for a queue view.
func (l *Library) QueueItems(ctx context.Context, state QueueState, limit int) ([]QueueItem, error) {
	if limit <= 0 {
		limit = 100
	}
	var items []QueueItem
	err := l.read(ctx, func(ctx context.Context, tx *sql.Tx) error {
		var err error
		if state == "" {
			items, err = queueItems(ctx, tx, `ORDER BY q.id LIMIT ?`, limit)
		} else {
			items, err = queueItems(ctx, tx, `WHERE q.state = ? ORDER BY q.id LIMIT ?`, string(state), limit)
		}
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("queue items: %w", err)
	}
	return items, nil
}

func queueItems(ctx context.Context, q queryer, where string, args ...any) ([]QueueItem, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+queueColumns+` FROM queue q JOIN articles a ON a.id = q.article_id AND `+liveA+` `+where, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	items := []QueueItem{}
	for rows.Next() {
		it, err := scanQueueItem(rows)
		if err != nil {
			return nil, err
		}
		items = append(items, it)
	}
	return items, rows.Err()
}

// nextQueuedSQL is when the earliest pending row (of an article out of the
// trash) may be fetched, NULL when none is.
const nextQueuedSQL = `SELECT min(not_before) FROM queue WHERE state = 'pending' AND ` + liveArticle

// NextQueued is when the earliest pending row may be fetched; ok is false
// when none is pending. It reads one index entry, so a queue runner can ask
// between fetches.
func (l *Library) NextQueued(ctx context.Context) (next time.Time, ok bool, err error) {
	var n sql.NullInt64
	if err := l.readers.QueryRowContext(ctx, nextQueuedSQL).Scan(&n); err != nil {
		return time.Time{}, false, fmt.Errorf("next queued: %w", err)
	}
	if !n.Valid {
		return time.Time{}, false, nil
	}
	return unixNano(n.Int64), true, nil
}
