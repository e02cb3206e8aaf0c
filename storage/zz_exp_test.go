package storage

import (
	"context"
	"os"
	"testing"
)

func TestZZExp(t *testing.T) {
	path := os.Getenv("EXP_DB")
	if path == "" {
		t.Skip()
	}
	l, err := Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	if _, err := l.writer.Exec(`CREATE INDEX IF NOT EXISTS articles_row_keys ON articles (id, archived, unread, favorite, clipped_at, published_at, title COLLATE NOCASE)`); err != nil {
		t.Fatal(err)
	}
	rows, err := l.readers.Query(`EXPLAIN QUERY PLAN SELECT a.id FROM articles a WHERE a.id IN (SELECT a.id FROM article_tags dt CROSS JOIN articles a INDEXED BY articles_row_keys ON a.id = dt.article_id WHERE dt.tag_id = 5 AND a.archived = 0 ORDER BY a.clipped_at DESC, a.id DESC LIMIT 51) ORDER BY a.clipped_at DESC, a.id DESC`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var a, b, c int
		var d string
		rows.Scan(&a, &b, &c, &d)
		t.Log(d)
	}
}
