package cli

import (
	"app.margin/margin/article"

	"context"
	"flag"
	"fmt"

	"app.margin/margin/clip"
)

func runClip(ctx context.Context, e *env, args []string) error {
	fs := flag.NewFlagSet("clip", flag.ContinueOnError)
	original := fs.String("url", "", "the page's original address, for a saved file")
	asJSON := fs.Bool("json", false, "print every field as JSON")
	a, err := clipArgs(ctx, fs, args, original)
	if err != nil {
		return err
	}
	if *asJSON {
		return printJSON(e, a)
	}
	return printArticle(e, a)
}

// clipArgs parses args with fs and clips the one URL or file they name,
// with its pictures unless --no-images; clip and add share it.
func clipArgs(ctx context.Context, fs *flag.FlagSet, args []string, original *string) (*article.Article, error) {
	noImages := fs.Bool("no-images", false, "do not fetch the pictures (margin images --fetch gets them later)")
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return nil, err
	}
	if len(pos) != 1 {
		return nil, fmt.Errorf("%w: give one URL or file", errUsage)
	}
	c := clip.NewClient()
	c.NoPictures = *noImages
	return c.Clip(ctx, pos[0], *original)
}

// printArticle prints the title, the attribution line and the text.
func printArticle(e *env, a *article.Article) error {
	_, err := fmt.Fprintf(e.stdout, "%s\n%s\n%s\n\n%s\n", orUntitled(a.Title), line(a.Attribution()), line(displayURL(a)), lines(a.Text))
	return err
}

func displayURL(a *article.Article) string {
	switch {
	case a.CanonicalURL != "":
		return a.CanonicalURL
	case a.FinalURL != "":
		return a.FinalURL
	}
	return a.URL
}
