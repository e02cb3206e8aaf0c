package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"app.margin/margin/importer"
	"app.margin/margin/queue"
	"app.margin/margin/storage"
)

// maxSkipLines is how many skipped rows the report lists one by one.
const maxSkipLines = 20

func runImport(ctx context.Context, e *env, args []string) error {
	fset := flag.NewFlagSet("import", flag.ContinueOnError)
	formatName := fset.String("format", "", "the export's format (default: detected): "+formatList())
	dryRun := fset.Bool("dry-run", false, "say what the import would do, store nothing")
	noFetch := fset.Bool("no-fetch", false, "keep pages that came without content as bookmarks; queue no fetch and fetch no pictures")
	var tags tagList
	fset.Var(&tags, "tag", "tag every imported article (repeatable)")
	asJSON := fset.Bool("json", false, "print the report as JSON")
	pos, err := parseInterspersed(fset, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return fmt.Errorf("%w: give one export file", errUsage)
	}
	format, err := importer.ParseFormat(*formatName)
	if err != nil {
		return fmt.Errorf("%w: %s", errUsage, err.Error())
	}
	res, err := readExport(pos[0], format)
	if err != nil {
		return err
	}
	opts := queue.ImportOptions{Tags: tags, NoFetch: *noFetch}

	var rep queue.ImportReport
	var lib *storage.Library
	if *dryRun {
		rep, err = previewImport(ctx, e, res, opts)
	} else {
		if lib, err = openLibrary(ctx, e, true); err != nil {
			return err
		}
		defer lib.Close()
		rep, err = queue.Import(ctx, lib, res, opts, nil)
	}
	if err != nil {
		return err
	}
	if *asJSON {
		err = printJSON(e, rep)
	} else {
		err = printImportReport(e, rep, *dryRun)
	}
	if err != nil || lib == nil || *noFetch || len(rep.PicturesToFetch) == 0 {
		return err
	}
	// Articles that came with their content get their pictures now, as a
	// clip's are fetched; the JSON on standard output stays JSON.
	shown := *e
	if *asJSON {
		shown.stdout = e.stderr
	}
	fmt.Fprintf(shown.stdout, "fetching the pictures of %d articles that came with their content\n", len(rep.PicturesToFetch))
	return fetchMissing(ctx, &shown, lib, rep.PicturesToFetch)
}

func formatList() string {
	s := ""
	for i, f := range importer.Formats {
		if i > 0 {
			s += ", "
		}
		s += string(f)
	}
	return s
}

// readExport reads and parses the export file at name.
func readExport(name string, format importer.Format) (*importer.Result, error) {
	f, err := os.Open(name)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("no such file: %s", name)
	}
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if st, err := f.Stat(); err == nil && st.IsDir() {
		return nil, fmt.Errorf("%s is a folder: give the export file (an Omnivore export is the .zip itself)", name)
	}
	res, err := importer.Read(f, filepath.Base(name), format)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return res, nil
}

// previewImport counts what the import would do without storing anything,
// against an empty library when there is none yet (so none is created).
func previewImport(ctx context.Context, e *env, res *importer.Result, opts queue.ImportOptions) (queue.ImportReport, error) {
	path := e.library
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
		dir, err := os.MkdirTemp("", "margin-dry-run-")
		if err != nil {
			return queue.ImportReport{}, err
		}
		defer os.RemoveAll(dir)
		path = filepath.Join(dir, "library.db")
	}
	lib, err := openWithUpgrade(ctx, e, path)
	if err != nil {
		return queue.ImportReport{}, err
	}
	defer lib.Close()
	return queue.Preview(ctx, lib, res, opts)
}

func printImportReport(e *env, rep queue.ImportReport, dryRun bool) error {
	w := e.stdout
	verb := "imported"
	if dryRun {
		verb = "would import"
	}
	fmt.Fprintf(w, "%s %s export: %d new, %d already in the library, %d with highlights, %d to fetch\n",
		verb, rep.Format, rep.New, rep.Existing, rep.WithHighlights, rep.ToFetch)
	if !dryRun && rep.Placed+rep.Orphaned > 0 {
		fmt.Fprintf(w, "highlights: %d placed, %d kept as orphans (their quote was not found in the text)\n", rep.Placed, rep.Orphaned)
	}
	if n := len(rep.Skipped); n > 0 {
		fmt.Fprintf(w, "skipped %d:\n", n)
		for i, s := range rep.Skipped {
			if i == maxSkipLines {
				fmt.Fprintf(w, "  … and %d more (--json lists them all)\n", n-maxSkipLines)
				break
			}
			fmt.Fprintf(w, "  %s\n", s)
		}
	}
	if !dryRun && rep.ToFetch > 0 {
		fmt.Fprintf(w, "%d pages wait in the clipping queue: run `margin queue run` to fetch them\n", rep.ToFetch)
	}
	return nil
}
