// Package export writes a library's articles, highlights and notes as files
// other tools read cleanly: Markdown with YAML front matter (Obsidian, Logseq,
// a git repo) and W3C Web Annotation JSON.
package export

// CONTRACT PLACEHOLDER: the export helper replaces this file; the signatures
// are what cli/ and app/ code against.

import (
	"context"
	"errors"

	"margin/storage"
)

var errTODO = errors.New("export: not implemented yet")

// Library is what export reads; *storage.Library satisfies it.
type Library interface {
	Get(ctx context.Context, id int64) (*storage.Article, error)
	Highlights(ctx context.Context, articleID int64) ([]storage.Highlight, error)
	List(ctx context.Context, opt storage.ListOptions) (storage.Page, error)
	Search(ctx context.Context, opt storage.SearchOptions) ([]storage.Summary, error)
}

var _ Library = (*storage.Library)(nil)

// Format is an export file format.
type Format string

// Formats.
const (
	Markdown Format = "md"
	JSON     Format = "json" // W3C Web Annotation
)

// Selection says which articles to export. The zero value is the whole library.
type Selection struct {
	IDs   []int64
	Tag   string
	Query string // a storage search query
}

// Options says how to write them.
type Options struct {
	Format Format // default Markdown
	Full   bool   // Markdown: add ## Article with the whole article
}

// Progress is called after each article with how many are done of the total.
type Progress func(done, total int)

// Result summarises a bulk export.
type Result struct {
	Dir       string   `json:"dir"`
	Written   []string `json:"written"`   // file names written or rewritten
	Unchanged int      `json:"unchanged"` // files whose content was already the same
}

// ToDir writes one file per selected article into dir (created if missing).
// Each file is written to a temporary name and renamed; exporting again
// rewrites the same names and never touches files Margin did not write.
func ToDir(ctx context.Context, lib Library, dir string, sel Selection, opt Options, progress Progress) (Result, error) {
	return Result{}, errTODO
}

// ToFile writes the selection as one combined file at path.
func ToFile(ctx context.Context, lib Library, path string, sel Selection, opt Options, progress Progress) error {
	return errTODO
}
