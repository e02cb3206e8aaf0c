package queue

import (
	"archive/zip"
	"bytes"
	"context"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"app.margin/margin/importer"
)

// omnivoreExport zips importer's Omnivore fixture as Omnivore exports it.
func omnivoreExport(t testing.TB) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	root := filepath.Join("..", "importer", "testdata", "omnivore")
	err := filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		w, err := zw.Create(filepath.ToSlash(rel))
		if err != nil {
			return err
		}
		_, err = w.Write(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	must(t, zw.Close())
	return buf.Bytes()
}

// TestImportOmnivore: entries with content are complete without a fetch,
// highlights are placed by quote or kept as orphans, and the counts say so.
func TestImportOmnivore(t *testing.T) {
	ctx := context.Background()
	lib, _ := mustOpen(t)
	res, err := importer.Parse(omnivoreExport(t), "omnivore.zip", importer.Auto)
	must(t, err)
	opts := ImportOptions{Tags: []string{"omnivore"}}

	preview, err := Preview(ctx, lib, res, opts)
	must(t, err)
	want := ImportReport{Format: importer.Omnivore, New: 3, WithHighlights: 2, ToFetch: 1, Skipped: res.Skipped}
	if !reflect.DeepEqual(preview, want) {
		t.Errorf("preview %+v, want %+v", preview, want)
	}
	rep, err := Import(ctx, lib, res, opts, nil)
	must(t, err)
	want.Placed, want.Orphaned = 3, 1
	if !reflect.DeepEqual(rep, want) {
		t.Errorf("report %+v, want %+v", rep, want)
	}
	if len(rep.Skipped) != 1 {
		t.Errorf("skipped %v, want the item with a bad date", rep.Skipped)
	}

	a, err := lib.Get(ctx, 1)
	must(t, err)
	if a.Title != "Readable prose" || a.Text == "" || !reflect.DeepEqual(a.Tags, []string{"omnivore", "writing", "写作"}) ||
		a.Authors[0] != "Grace Hopper" || a.ClippedAt.Format("2006-01-02T15:04:05Z") != "2024-10-29T16:30:11Z" {
		t.Errorf("article 1: %q tags=%q authors=%q clipped=%s text=%q", a.Title, a.Tags, a.Authors, a.ClippedAt, a.Text)
	}
	hs, err := lib.Highlights(ctx, 1)
	must(t, err)
	if len(hs) != 3 || hs[0].Note != "Worth checking before publishing.\nSecond line of the note.\n\n#metrics #写作" ||
		!hs[2].Orphaned || hs[2].Note != "An orphan's note." {
		t.Errorf("highlights %+v", hs)
	}
	st, err := lib.QueueStatus(ctx)
	must(t, err)
	if st.Pending != 1 {
		t.Errorf("queue %+v, want the entry without content pending", st)
	}

	// The same export again changes nothing.
	rep, err = Import(ctx, lib, res, opts, nil)
	must(t, err)
	if rep.New != 0 || rep.Existing != 3 || rep.Placed+rep.Orphaned+rep.ToFetch != 0 {
		t.Errorf("second import %+v", rep)
	}
	hs, err = lib.Highlights(ctx, 1)
	must(t, err)
	if len(hs) != 3 {
		t.Errorf("%d highlights after the second import, want 3", len(hs))
	}

	// --no-fetch stores bookmarks and queues nothing.
	lib2, _ := mustOpen(t)
	rep, err = Import(ctx, lib2, res, ImportOptions{NoFetch: true}, nil)
	must(t, err)
	if rep.ToFetch != 0 || rep.New != 3 {
		t.Errorf("--no-fetch report %+v", rep)
	}
	if st, _ := lib2.QueueStatus(ctx); st.Total() != 0 {
		t.Errorf("--no-fetch queued %+v", st)
	}
}
