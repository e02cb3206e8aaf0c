package cli

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"app.margin/margin/storage"
)

// runTagAdmin runs `margin tag rename OLD NEW` and `margin tag rm TAG`,
// which change a tag on every article that carries it; ok is false when
// args are not one of them (an article's tags instead).
func runTagAdmin(ctx context.Context, e *env, args []string) (ok bool, err error) {
	if len(args) == 0 || args[0] != "rename" && args[0] != "rm" {
		return false, nil
	}
	names := args[1:]
	for _, n := range names {
		if strings.TrimSpace(n) == "" {
			return true, fmt.Errorf("%w: empty tag name", errUsage)
		}
	}
	switch {
	case args[0] == "rename" && len(names) != 2:
		return true, fmt.Errorf("%w: tag rename takes the tag's name and its new name", errUsage)
	case args[0] == "rm" && len(names) != 1:
		return true, fmt.Errorf("%w: tag rm takes one tag name", errUsage)
	}
	lib, err := openLibrary(ctx, e, false)
	if err != nil {
		return true, err
	}
	defer lib.Close()
	if args[0] == "rm" {
		return true, removeTag(ctx, e, lib, names[0])
	}
	return true, renameTag(ctx, e, lib, names[0], names[1])
}

// noTag turns storage.ErrNotFound for a tag into words.
func noTag(err error, name string) error {
	if errors.Is(err, storage.ErrNotFound) {
		return &reworded{fmt.Sprintf("no tag named %q (margin tags lists them)", name), err}
	}
	return err
}

func removeTag(ctx context.Context, e *env, lib *storage.Library, name string) error {
	ids, err := lib.DeleteTag(ctx, name)
	if err != nil {
		return noTag(err, name)
	}
	_, err = fmt.Fprintf(e.stdout, "removed tag %q from %s\n", name, articleCount(len(ids)))
	return err
}

// renameTag renames a tag, or merges it into the tag named to when there
// is one: every article tagged from is then tagged to.
func renameTag(ctx context.Context, e *env, lib *storage.Library, from, to string) error {
	fromIDs, err := lib.TaggedIDs(ctx, from)
	if err != nil {
		return err
	}
	toIDs, err := lib.TaggedIDs(ctx, to)
	if err != nil {
		return err
	}
	if err := lib.RenameTag(ctx, from, to); err != nil {
		return noTag(err, from)
	}
	if len(toIDs) == 0 || slices.Equal(fromIDs, toIDs) {
		_, err = fmt.Fprintf(e.stdout, "renamed tag %q to %q on %s\n", from, to, articleCount(len(fromIDs)))
		return err
	}
	after, err := lib.TaggedIDs(ctx, to)
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(e.stdout, "merged tag %q into %q: %s tagged %q now\n", from, to, articleCount(len(after)), to)
	return err
}

func articleCount(n int) string {
	if n == 1 {
		return "1 article"
	}
	return fmt.Sprintf("%s articles", thousands(n))
}
