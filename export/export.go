// Package export writes a library's articles, highlights and notes as files
// other tools read cleanly: Markdown with YAML front matter (Obsidian, Logseq,
// a git repo), W3C Web Annotation JSON, and EPUB 3 books for e-readers.
package export

import (
	"context"
	"errors"
	"fmt"

	"app.margin/margin/storage"
)

// ErrInvalid reports export options that cannot work: an unknown format, no
// folder or file to write to.
var ErrInvalid = errors.New("invalid export options")

// ErrEmpty reports a selection without articles for a format that needs at
// least one: a book.
var ErrEmpty = errors.New("nothing to export")

// Library is what export reads; *storage.Library satisfies it.
type Library interface {
	Get(ctx context.Context, id int64) (*storage.Article, error)
	Highlights(ctx context.Context, articleID int64) ([]storage.Highlight, error)
	List(ctx context.Context, opt storage.ListOptions) (storage.Page, error)
	Search(ctx context.Context, opt storage.SearchOptions) ([]storage.Summary, error)
	// Keys gives the articles' keys, which name them in what is
	// exported (an id names another article in another library).
	Keys(ctx context.Context, ids []int64) (map[int64]string, error)
}

var _ Library = (*storage.Library)(nil)

// Format is an export file format.
type Format string

// Formats.
const (
	Markdown Format = "md"
	JSON     Format = "json" // W3C Web Annotation
	EPUB     Format = "epub" // EPUB 3, one book: ToFile only
)

// Selection says which articles to export. The zero value is the whole library
// (archived articles included). Query is a search, narrowed by Tag when both
// are set; Tag alone is every article with that tag; IDs alone are those
// articles, and with Tag or Query they narrow the result to those ids.
// Articles are exported in id order whatever the selection.
type Selection struct {
	IDs   []int64
	Tag   string
	Query string // a storage search query
}

// Options says how to write them.
type Options struct {
	Format Format // default Markdown
	Full   bool   // Markdown: add ## Article with the whole article
	Title  string // EPUB: the book's title; by default the article's, or one naming the selection
}

// format returns the format (Markdown by default) and its file extension.
func (o Options) format() (Format, string, error) {
	switch o.Format {
	case "", Markdown:
		return Markdown, ".md", nil
	case JSON:
		return JSON, ".json", nil
	case EPUB:
		return EPUB, ".epub", nil
	}
	return "", "", fmt.Errorf("%w: unknown format %q (want md, json or epub)", ErrInvalid, o.Format)
}

// Progress is called after each article with how many are done of the total.
// Calls never overlap, but they come from the exporting goroutines: a GUI
// hands them to its own thread (fyne.Do).
type Progress func(done, total int)

// Result summarises a bulk export.
type Result struct {
	Dir       string   `json:"dir"`
	Written   []string `json:"written"`   // file names written or rewritten
	Unchanged int      `json:"unchanged"` // files whose content was already the same
	// Kept names files an earlier export wrote that the reader has since
	// replaced or edited: Margin left them alone, and writes those
	// articles under other names.
	Kept []string `json:"kept"`
	// Pictures names the pictures written into the assets folder (a
	// Markdown export with the whole articles); those already there are
	// not written again.
	Pictures []string `json:"pictures"`
}

// ToDir writes one file per selected article into dir (created if missing).
// Each file is written to a temporary name and renamed; exporting again
// rewrites the same names and never touches files Margin did not write.
//
// File names come from titles (FileName); colliding titles get " (2)",
// " (3)" in article id order. A manifest, .margin-export.json, remembers
// which file is whose (the article's id and clipping time, which no other
// article shares even when ids are reused) and the checksum of what was
// written: an article whose title changed has its old file renamed, and a
// file of the reader's that holds a wanted name makes ours take the next
// suffix. A file the manifest names but whose content Margin did not write
// (the reader replaced or edited it) is left alone and listed in
// Result.Kept. Files whose content would not change are left alone and
// counted in Result.Unchanged. When ctx is cancelled ToDir stops between
// files, leaves no temporary file, and returns what it wrote so far with the
// context's error.
func ToDir(ctx context.Context, lib Library, dir string, sel Selection, opt Options, progress Progress) (Result, error) {
	return toDir(ctx, lib, dir, sel, opt, progress)
}

// ToFile writes the selection as one combined file at path, replacing it
// atomically: Markdown with each article as a "# Title" section, JSON
// with every annotation in one W3C AnnotationCollection, or an EPUB 3 book
// with a chapter per article, its pictures, its highlights in their colours
// and their notes as endnotes.
func ToFile(ctx context.Context, lib Library, path string, sel Selection, opt Options, progress Progress) error {
	return toFile(ctx, lib, path, sel, opt, progress)
}
