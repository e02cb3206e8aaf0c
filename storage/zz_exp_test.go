package storage

import (
	"context"
	"os"
	"testing"
	"time"
)

func TestZZExp(t *testing.T) {
	path := os.Getenv("EXP_DB")
	if path == "" {
		t.Skip()
	}
	ctx := context.Background()
	l, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	stmts := map[string]string{
		"rank":      `SELECT rowid FROM article_search WHERE article_search MATCH ? ORDER BY rank LIMIT 50`,
		"bm25limit": `SELECT rowid FROM article_search WHERE article_search MATCH ? ORDER BY bm25(article_search, 10.0, 4.0, 4.0, 6.0, 1.0, 3.0) LIMIT 50`,
		"count":     `SELECT rowid FROM article_search WHERE article_search MATCH ? LIMIT 1000000`,
		"instcount": `SELECT rowid FROM article_search WHERE article_search MATCH ? AND rowid > 0 ORDER BY rowid LIMIT 1000000`,
	}
	for _, q := range []string{`"the"`} {
		for _, name := range []string{"bm25limit", "bm25limit", "bm25limit", "bm25limit", "bm25limit", "bm25limit", "bm25limit", "bm25limit"} {
			begin := time.Now()
			rows, err := l.readers.QueryContext(ctx, stmts[name], q)
			if err != nil {
				t.Fatal(err)
			}
			n := 0
			for rows.Next() {
				n++
			}
			rows.Close()
			t.Logf("%s %s: %d rows %v", q, name, n, time.Since(begin))
		}
	}
}
