package queue

import (
	"app.margin/margin/article"

	"context"
	"fmt"
	"strings"

	"app.margin/margin/clip"
	"app.margin/margin/importer"
	"app.margin/margin/storage"
)

// ImportOptions says how an export is imported.
type ImportOptions struct {
	Tags    []string // added to every entry (margin import --tag)
	NoFetch bool     // store entries without content as bookmarks, queue nothing
}

// ImportReport is what an import did, or would do (Preview).
type ImportReport struct {
	Format         importer.Format `json:"format"`
	New            int             `json:"new"`
	Existing       int             `json:"existing"` // already in the library: tags added, nothing else changed
	WithHighlights int             `json:"with_highlights"`
	ToFetch        int             `json:"to_fetch"` // queued for their content
	Placed         int             `json:"placed"`   // highlights placed on the text (not in a preview)
	Orphaned       int             `json:"orphaned"` // highlights kept by their quote alone (not in a preview)
	Skipped        []importer.Skip `json:"skipped"`  // rows of the file that were not imported, and why
	// PicturesToFetch are the new articles that came with their content
	// (Omnivore, wallabag) and name pictures: no page fetch brings those,
	// so the caller fetches them.
	PicturesToFetch []int64 `json:"pictures_to_fetch,omitempty"`
}

// importBatch is how many entries one transaction stores: a stopped import
// keeps what it stored, and running it again finishes it.
const importBatch = 500

// Preview counts what Import would do with res, writing nothing: the GUI
// shows it before the import starts.
func Preview(ctx context.Context, lib *storage.Library, res *importer.Result, opts ImportOptions) (ImportReport, error) {
	entries := make([]storage.ImportEntry, len(res.Entries))
	for i, e := range res.Entries {
		entries[i] = storageEntry(e, opts, nil)
		if e.ContentHTML != "" {
			entries[i].Article = &article.Article{} // will have content; not parsed for a count
		}
	}
	c, err := lib.PreviewImport(ctx, entries)
	if err != nil {
		return ImportReport{}, err
	}
	return ImportReport{Format: res.Format, New: c.New, Existing: c.Existing, WithHighlights: c.WithHighlights,
		ToFetch: c.ToFetch, Skipped: append([]importer.Skip{}, res.Skipped...)}, nil
}

// Import stores the entries of res in lib in batches, entries that came with
// their content as complete articles (parsed as clip parses a page) and the
// others as bookmarks queued for a fetch (unless opts.NoFetch). progress, if
// set, is called after each batch with the entries stored so far.
func Import(ctx context.Context, lib *storage.Library, res *importer.Result, opts ImportOptions, progress func(done, total int)) (ImportReport, error) {
	rep := ImportReport{Format: res.Format, Skipped: append([]importer.Skip{}, res.Skipped...)}
	for start := 0; start < len(res.Entries); start += importBatch {
		batch := res.Entries[start:min(start+importBatch, len(res.Entries))]
		entries := make([]storage.ImportEntry, len(batch))
		for i, e := range batch {
			entries[i] = storageEntry(e, opts, contentArticle(e))
		}
		out, err := lib.Import(ctx, entries)
		if err != nil {
			return rep, fmt.Errorf("import %s: %w", batch[0].Where, err)
		}
		for i, o := range out {
			if o.Existing {
				rep.Existing++
			} else {
				rep.New++
			}
			if o.Queued {
				rep.ToFetch++
			}
			if o.Pictures > 0 {
				rep.PicturesToFetch = append(rep.PicturesToFetch, o.ID)
			}
			if len(batch[i].Highlights) > 0 {
				rep.WithHighlights++
			}
			rep.Placed += o.Placed
			rep.Orphaned += o.Orphaned
		}
		if progress != nil {
			progress(start+len(batch), len(res.Entries))
		}
	}
	return rep, nil
}

// contentArticle parses the content an entry came with; nil when it came
// with none, or with none that parses (the page is fetched instead).
func contentArticle(e importer.Entry) *article.Article {
	if e.ContentHTML == "" {
		return nil
	}
	a, err := clip.Parse([]byte(e.ContentHTML), "text/html; charset=utf-8", e.URL)
	if err != nil || a.Text == "" {
		return nil
	}
	return a
}

func storageEntry(e importer.Entry, opts ImportOptions, a *article.Article) storage.ImportEntry {
	tags := append(append([]string{}, e.Tags...), opts.Tags...)
	hs := make([]storage.ImportHighlight, len(e.Highlights))
	for i, h := range e.Highlights {
		hs[i] = storage.ImportHighlight{Quote: h.Quote, Note: withLabels(h.Note, h.Labels)}
	}
	return storage.ImportEntry{
		URL: e.URL, Title: e.Title, Tags: tags, SavedAt: e.SavedAt,
		Unread: e.Unread, Archived: e.Archived, Favorite: e.Favorite,
		Authors: e.Authors, Excerpt: e.Excerpt, Published: e.Published, Language: e.Language,
		Article: a, Fetch: !opts.NoFetch, Highlights: hs,
	}
}

// withLabels keeps a highlight's labels (Omnivore's #labels) as a line of
// hashtags after its note: Margin's highlights have a note, not labels.
func withLabels(note string, labels []string) string {
	if len(labels) == 0 {
		return note
	}
	var tags []string
	for _, l := range labels {
		tags = append(tags, "#"+strings.ReplaceAll(l, " ", "-"))
	}
	if note == "" {
		return strings.Join(tags, " ")
	}
	return note + "\n\n" + strings.Join(tags, " ")
}
