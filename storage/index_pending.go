package storage

// TEMPORARY, owned by the storage-core engineer: no-op stand-ins for the
// search engineer's storage/index.go. Search engineer: when your index.go
// lands, delete this file in the same commit (both cannot compile together).
// Every write transaction that changes searchable data already calls these.

import (
	"context"
	"database/sql"
)

// reindex rebuilds articleID's full-text row; see storage/index.go.
func reindex(ctx context.Context, tx *sql.Tx, articleID int64) error { return nil }

// unindex removes articleID's full-text row before the article is deleted.
func unindex(ctx context.Context, tx *sql.Tx, articleID int64) error { return nil }
