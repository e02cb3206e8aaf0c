package cli

import (
	"app.margin/margin/article"

	"context"
	"errors"
	"flag"
	"fmt"

	"app.margin/margin/clip"
	"app.margin/margin/storage"
)

func runImages(ctx context.Context, e *env, args []string) error {
	fset := flag.NewFlagSet("images", flag.ContinueOnError)
	fetch := fset.Bool("fetch", false, "fetch the missing pictures (of every article without ID), retrying earlier failures")
	pos, err := parseInterspersed(fset, args)
	if err != nil {
		return err
	}
	var id int64
	switch {
	case len(pos) > 1:
		return fmt.Errorf("%w: give at most one article id", errUsage)
	case len(pos) == 1:
		if id, err = parseID(pos[0]); err != nil {
			return err
		}
	case !*fetch:
		return fmt.Errorf("%w: give an article id, or --fetch", errUsage)
	}
	lib, err := openLibrary(ctx, e, false)
	if err != nil {
		return err
	}
	defer lib.Close()
	if !*fetch {
		a, err := lib.Get(ctx, id)
		if err != nil {
			return notFound(err, id)
		}
		return listPictures(e, id, &a.Article)
	}
	ids := []int64{id}
	if id == 0 {
		if ids, err = lib.ArticlesMissingPictures(ctx); err != nil {
			return err
		}
		if len(ids) == 0 {
			_, err = fmt.Fprintln(e.stdout, "no article is missing pictures")
			return err
		}
	}
	return fetchMissing(ctx, e, lib, ids)
}

// listPictures prints an article's pictures, one a line, with their state.
func listPictures(e *env, id int64, a *article.Article) error {
	if len(a.Images) == 0 {
		_, err := fmt.Fprintf(e.stdout, "article %d has no pictures\n", id)
		return err
	}
	stored := 0
	for _, p := range a.Images {
		if p.Stored() {
			stored++
		}
	}
	fmt.Fprintf(e.stdout, "article %d: %d of %d pictures stored\n", id, stored, len(a.Images))
	for i, p := range a.Images {
		fmt.Fprintf(e.stdout, "%3d. %s\n     %s\n", i+1, pictureState(p), line(shortURL(p.URL)))
		if label := pictureLabel(p); label != "" {
			fmt.Fprintf(e.stdout, "     %s\n", line(label))
		}
	}
	return nil
}

// pictureState is "stored image/png 640x480, 52.1 KiB" or "missing: why".
func pictureState(p article.Picture) string {
	if !p.Stored() {
		return "missing: " + p.Missing
	}
	s := "stored " + p.Type
	if p.Width > 0 && p.Height > 0 {
		s += fmt.Sprintf(" %dx%d", p.Width, p.Height)
	}
	s += ", " + kib(p.Size)
	if p.Lead {
		s += " (lead image)"
	}
	return s
}

// pictureLabel is the picture's caption, else its alt text.
func pictureLabel(p article.Picture) string {
	if p.Caption != "" {
		return p.Caption
	}
	return p.Alt
}

// shortURL keeps a data: URL from filling the terminal.
func shortURL(u string) string {
	const max = 120
	if r := []rune(u); len(r) > max {
		return string(r[:max]) + "…"
	}
	return u
}

func kib(n int64) string {
	if n >= 1<<20 {
		return mib(n)
	}
	return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
}

// fetchMissing fetches the missing pictures of the articles ids and stores
// them, saying what it fetched and why each failure failed. One article's
// failure does not stop the others; it makes the command fail at the end.
func fetchMissing(ctx context.Context, e *env, lib *storage.Library, ids []int64) error {
	c := clip.NewClient()
	failed := 0
	for _, id := range ids {
		if err := fetchArticlePictures(ctx, e, lib, c, id); err != nil {
			if errors.Is(err, context.Canceled) {
				return err
			}
			failed++
			fmt.Fprintf(e.stderr, "article %d: %s\n", id, oneLine(notFound(err, id)))
		}
	}
	if failed > 0 {
		return fmt.Errorf("could not fetch the pictures of %d of %d articles", failed, len(ids))
	}
	return nil
}

// fetchArticlePictures fetches and stores one article's missing pictures.
func fetchArticlePictures(ctx context.Context, e *env, lib *storage.Library, c *clip.Client, id int64) error {
	a, err := lib.Get(ctx, id)
	if err != nil {
		return err
	}
	wasMissing := map[string]bool{}
	for _, p := range a.Images {
		wasMissing[p.URL] = !p.Stored()
	}
	if err := c.FetchPictures(ctx, &a.Article); err != nil {
		return err
	}
	if err := lib.SetPictures(ctx, id, a.Images); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "article %d: %s\n", id, orUntitled(a.Title))
	fetched, missing := 0, 0
	for _, p := range a.Images {
		if was, known := wasMissing[p.URL]; known && !was {
			continue // stored before
		}
		if p.Stored() {
			fetched++
			fmt.Fprintf(e.stdout, "  fetched %s (%s)\n", line(shortURL(p.URL)), pictureState(p))
		} else {
			missing++
			fmt.Fprintf(e.stdout, "  missing %s: %s\n", line(shortURL(p.URL)), p.Missing)
		}
	}
	_, err = fmt.Fprintf(e.stdout, "  fetched %d, %d still missing\n", fetched, missing)
	return err
}

func runGC(ctx context.Context, e *env, args []string) error {
	fset := flag.NewFlagSet("gc", flag.ContinueOnError)
	pos, err := parseInterspersed(fset, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return fmt.Errorf("%w: unexpected argument %q", errUsage, pos[0])
	}
	lib, err := openLibrary(ctx, e, false)
	if err != nil {
		return err
	}
	defer lib.Close()
	n, bytes, err := lib.GC(ctx)
	if err != nil {
		return err
	}
	_, err = fmt.Fprintln(e.stdout, freedPictures(n, bytes))
	return err
}

// freedPictures says how many pictures were removed and their size.
func freedPictures(n int, bytes int64) string {
	switch n {
	case 0:
		return "no unused pictures"
	case 1:
		return "removed 1 unused picture (" + kib(bytes) + ")"
	}
	return fmt.Sprintf("removed %d unused pictures (%s)", n, kib(bytes))
}

// picturesFreedBy reports which of a's stored pictures the library no
// longer holds after a was deleted (those no other article shows), and
// collects any others left unused.
func picturesFreedBy(ctx context.Context, lib *storage.Library, a *article.Article) (n int, bytes int64, err error) {
	seen := map[string]bool{}
	for _, p := range a.Images {
		if !p.Stored() || seen[p.SHA256] {
			continue
		}
		seen[p.SHA256] = true
		_, _, err := lib.Picture(ctx, p.SHA256)
		switch {
		case errors.Is(err, storage.ErrNotFound):
			n++
			bytes += p.Size
		case err != nil:
			return n, bytes, err
		}
	}
	more, moreBytes, err := lib.GC(ctx)
	return n + more, bytes + moreBytes, err
}
