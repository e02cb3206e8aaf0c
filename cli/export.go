package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"

	"app.margin/margin/export"
)

// progressEvery is how often (in files) export reports progress on stderr.
const progressEvery = 100

func runExport(ctx context.Context, e *env, args []string) error {
	fset := flag.NewFlagSet("export", flag.ContinueOnError)
	out := fset.String("out", "margin-export", "folder to write one file per article into (epub: the book's file)")
	var ids []int64
	fset.Func("id", "export this article (repeatable)", func(s string) error {
		id, err := strconv.ParseInt(s, 10, 64)
		if err != nil || id <= 0 {
			return fmt.Errorf("not an article id: %q", s)
		}
		ids = append(ids, id)
		return nil
	})
	tag := fset.String("tag", "", "export the articles with this tag")
	query := fset.String("query", "", "export the articles a search finds")
	full := fset.Bool("full", false, "add the whole article text, its pictures in assets/ (Markdown)")
	format := fset.String("format", "md", "md (Markdown), json (W3C Web Annotation) or epub (one book)")
	single := fset.String("single", "", "write one combined file instead of a folder")
	pos, err := parseInterspersed(fset, args)
	if err != nil {
		return err
	}
	set := map[string]bool{}
	fset.Visit(func(f *flag.Flag) { set[f.Name] = true })
	switch {
	case len(pos) > 0:
		return fmt.Errorf("%w: unexpected argument %q", errUsage, pos[0])
	case *tag != "" && *query != "":
		return fmt.Errorf("%w: give --tag or --query, not both", errUsage)
	case set["out"] && set["single"]:
		return fmt.Errorf("%w: give --out or --single, not both", errUsage)
	case *format != string(export.Markdown) && *format != string(export.JSON) && *format != string(export.EPUB):
		return fmt.Errorf("%w: --format is md, json or epub, not %q", errUsage, *format)
	case *format == string(export.EPUB) && *full:
		return fmt.Errorf("%w: --full is for Markdown: a book always holds the whole articles", errUsage)
	}
	if *format == string(export.EPUB) && *single == "" {
		// A book is one file: --out names it.
		*single = *out
		if !set["out"] {
			*single = "margin-export.epub"
		}
	}

	if _, err := os.Stat(e.library); errors.Is(err, fs.ErrNotExist) {
		return &reworded{fmt.Sprintf("no library at %s (clip something first)", e.library), err}
	}
	lib, err := openWithUpgrade(ctx, e, e.library)
	if err != nil {
		return err
	}
	defer lib.Close()

	sel := export.Selection{IDs: ids, Tag: *tag, Query: *query}
	opt := export.Options{Format: export.Format(*format), Full: *full}
	count := 0
	progress := func(done, total int) {
		count = done
		if done%progressEvery == 0 && done < total {
			fmt.Fprintf(e.stderr, "exported %d of %d\n", done, total)
		}
	}
	if *single != "" {
		if err := export.ToFile(ctx, lib, *single, sel, opt, progress); err != nil {
			return err
		}
		_, err := fmt.Fprintf(e.stdout, "exported %s to %s\n", articles(count), *single)
		return err
	}
	res, err := export.ToDir(ctx, lib, *out, sel, opt, progress)
	for _, name := range res.Kept {
		fmt.Fprintf(e.stderr, "margin export: left %s alone: it no longer holds what Margin wrote there, so it is yours now\n",
			line(filepath.Join(res.Dir, name)))
	}
	if err != nil {
		return err
	}
	kept := ""
	if len(res.Kept) > 0 {
		kept = fmt.Sprintf(", %d left alone", len(res.Kept))
	}
	switch n := len(res.Pictures); {
	case n == 1:
		kept += ", 1 picture written into assets"
	case n > 1:
		kept += fmt.Sprintf(", %d pictures written into assets", n)
	}
	_, err = fmt.Fprintf(e.stdout, "exported %s to %s (%d unchanged%s)\n",
		articles(len(res.Written)+res.Unchanged), line(res.Dir), res.Unchanged, kept)
	return err
}

func articles(n int) string {
	if n == 1 {
		return "1 article"
	}
	return strconv.Itoa(n) + " articles"
}
