package cli

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"regexp"
	"strconv"
	"strings"

	"app.margin/margin/storage"
)

// stdin is what `margin note ID -` reads; tests replace it.
var stdin io.Reader = os.Stdin

// openLibrary opens the library for one command; it must exist unless
// create is set (only add makes a new library).
func openLibrary(ctx context.Context, e *env, create bool) (*storage.Library, error) {
	if !create {
		if _, err := os.Stat(e.library); errors.Is(err, fs.ErrNotExist) {
			return nil, &reworded{fmt.Sprintf("no library at %s (add an article first)", e.library), err}
		}
	}
	return openWithUpgrade(ctx, e, e.library)
}

// openWithUpgrade opens the library at path, telling stderr how an upgrade
// goes; an upgrade interrupted (Ctrl+C) says that nothing changed.
func openWithUpgrade(ctx context.Context, e *env, path string) (*storage.Library, error) {
	lib, err := storage.Open(ctx, path, storage.OnUpgrade(upgradeReporter(e.stderr)))
	if errors.Is(err, context.Canceled) {
		return nil, &reworded{"interrupted: the library was left as it was (its upgrade starts again next time)", err}
	}
	return lib, err
}

// upgradeReporter tells w how an upgrade of an older library goes, a line
// per tenth of it, since a large library's takes minutes. Migrations with
// no articles to go through (a new library's) say nothing.
func upgradeReporter(w io.Writer) func(storage.Upgrade) {
	lastTenth := -1 // none said yet
	return func(u storage.Upgrade) {
		if u.Total == 0 {
			return
		}
		if lastTenth < 0 {
			fmt.Fprintln(w, "margin: upgrading the library to this version of Margin (once; interrupting it leaves the library as it was)")
		}
		if tenth := u.Done * 10 / u.Total; tenth != lastTenth {
			lastTenth = tenth
			fmt.Fprintf(w, "margin: %s: %s of %s articles\n", u.Migration, thousands(u.Done), thousands(u.Total))
		}
	}
}

// parseID reads an article or highlight id.
func parseID(s string) (int64, error) {
	id, err := strconv.ParseInt(s, 10, 64)
	if err != nil || id <= 0 {
		return 0, fmt.Errorf("%w: not an id: %q", errUsage, s)
	}
	return id, nil
}

// oneID parses the positional arguments of a command that takes one ID.
func oneID(pos []string) (int64, error) {
	if len(pos) != 1 {
		return 0, fmt.Errorf("%w: give one article id", errUsage)
	}
	return parseID(pos[0])
}

// articleArgs parses the arguments of a command that names one article by
// id or key and opens the library; the caller closes it.
func articleArgs(ctx context.Context, e *env, fset *flag.FlagSet, args []string) (*storage.Library, int64, error) {
	pos, err := parseInterspersed(fset, args)
	if err != nil {
		return nil, 0, err
	}
	byKey := len(pos) == 1 && articleKey.MatchString(pos[0])
	var id int64
	if !byKey {
		if id, err = oneID(pos); err != nil {
			return nil, 0, err
		}
	}
	lib, err := openLibrary(ctx, e, false)
	if err != nil {
		return nil, 0, err
	}
	if !byKey {
		return lib, id, nil
	}
	if id, err = lib.ArticleIDByKey(ctx, strings.ToLower(pos[0])); err != nil {
		lib.Close()
		if errors.Is(err, storage.ErrNotFound) {
			err = &reworded{fmt.Sprintf("no article with key %s", pos[0]), err}
		}
		return nil, 0, err
	}
	return lib, id, nil
}

// articleKey is the form of an article's key (a UUID, as exports name it
// after urn:uuid: or in margin_key), which commands take in place of an id.
var articleKey = regexp.MustCompile(`^(?i)[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`)

// notFound turns storage.ErrNotFound for an article into words.
func notFound(err error, id int64) error {
	if errors.Is(err, storage.ErrNotFound) {
		return &reworded{fmt.Sprintf("no article with id %d", id), err}
	}
	return err
}

// tagList collects a repeatable --tag flag.
type tagList []string

func (t *tagList) String() string     { return strings.Join(*t, ",") }
func (t *tagList) Set(v string) error { *t = append(*t, v); return nil }

func printJSON(e *env, v any) error {
	enc := json.NewEncoder(e.stdout)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

func runAdd(ctx context.Context, e *env, args []string) error {
	fset := flag.NewFlagSet("add", flag.ContinueOnError)
	original := fset.String("url", "", "the page's original address, for a saved file")
	var tags tagList
	fset.Var(&tags, "tag", "tag the article (repeatable)")
	asJSON := fset.Bool("json", false, "print the result as JSON")
	a, err := clipArgs(ctx, fset, args, original)
	if err != nil {
		return err
	}
	lib, err := openLibrary(ctx, e, true)
	if err != nil {
		return err
	}
	defer lib.Close()
	id, updated, err := lib.Save(ctx, a)
	if err != nil {
		return err
	}
	if len(tags) > 0 {
		if err := lib.AddTags(ctx, id, tags...); err != nil {
			return fmt.Errorf("article %d was saved, but: %w", id, err)
		}
	}
	if *asJSON {
		return printJSON(e, struct {
			ID      int64  `json:"id"`
			Updated bool   `json:"updated"`
			Title   string `json:"title"`
		}{id, updated, a.Title})
	}
	verb := "added"
	if updated {
		verb = "updated"
	}
	_, err = fmt.Fprintf(e.stdout, "%s article %d: %s\n", verb, id, orUntitled(a.Title))
	return err
}

func runList(ctx context.Context, e *env, args []string) error {
	fset := flag.NewFlagSet("list", flag.ContinueOnError)
	sort := fset.String("sort", "clipped", "clipped, published or title")
	tag := fset.String("tag", "", "only articles with this tag")
	site := fset.String("site", "", "only articles whose site, source or address holds this")
	unread := fset.Bool("unread", false, "only unread articles")
	archived := fset.Bool("archived", false, "only archived articles (hidden otherwise)")
	favorite := fset.Bool("favorite", false, "only favourites")
	limit := fset.Int("limit", 50, "at most this many articles")
	all := fset.Bool("all", false, "every article, archived ones included, however many")
	asJSON := fset.Bool("json", false, "print the articles as JSON")
	pos, err := parseInterspersed(fset, args)
	if err != nil {
		return err
	}
	opt := storage.ListOptions{Sort: storage.Sort(*sort), Tag: *tag, Site: *site, WithArchived: *all}
	switch {
	case len(pos) > 0:
		return fmt.Errorf("%w: unexpected argument %q", errUsage, pos[0])
	case opt.Sort != storage.ByClipped && opt.Sort != storage.ByPublished && opt.Sort != storage.ByTitle:
		return fmt.Errorf("%w: --sort is clipped, published or title, not %q", errUsage, *sort)
	case *limit < 1:
		return fmt.Errorf("%w: --limit must be at least 1", errUsage)
	case btoi(*unread)+btoi(*archived)+btoi(*favorite) > 1:
		return fmt.Errorf("%w: give one of --unread, --archived and --favorite", errUsage)
	case *unread:
		opt.Filter = storage.FilterUnread
	case *archived:
		opt.Filter = storage.FilterArchived
	case *favorite:
		opt.Filter = storage.FilterFavorite
	}
	lib, err := openLibrary(ctx, e, false)
	if err != nil {
		return err
	}
	defer lib.Close()
	// --limit counts articles, not pages: storage cuts a page at 1,000, so
	// a larger limit (or --all) reads page after page.
	items := []storage.Summary{}
	more := false
	for {
		opt.Limit = maxListPage
		if !*all {
			opt.Limit = min(*limit-len(items), maxListPage)
		}
		page, err := lib.List(ctx, opt)
		if err != nil {
			return err
		}
		items = append(items, page.Items...)
		if page.Next == "" {
			break
		}
		if !*all && len(items) >= *limit {
			more = true
			break
		}
		opt.After = page.Next
	}
	if *asJSON {
		return printJSON(e, items)
	}
	for _, s := range items {
		if err := printSummary(e, s, opt.Sort == storage.ByPublished); err != nil {
			return err
		}
	}
	if more {
		fmt.Fprintf(e.stderr, "(more articles: use --all, or a larger --limit)\n")
	}
	return nil
}

// maxListPage is the largest page storage lists at once.
const maxListPage = 1000

func runMark(ctx context.Context, e *env, args []string) error {
	fset := flag.NewFlagSet("mark", flag.ContinueOnError)
	read := fset.Bool("read", false, "mark it read")
	unread := fset.Bool("unread", false, "mark it unread, back in the reading queue")
	lib, id, err := articleArgs(ctx, e, fset, args)
	if err != nil {
		return err
	}
	defer lib.Close()
	if *read == *unread {
		return fmt.Errorf("%w: give one of --read and --unread", errUsage)
	}
	if err := lib.SetUnread(ctx, id, *unread); err != nil {
		return notFound(err, id)
	}
	state := "read"
	if *unread {
		state = "unread"
	}
	_, err = fmt.Fprintf(e.stdout, "marked article %d %s\n", id, state)
	return err
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

// printSummary prints one line: id, date (clipped, or published when the
// list is sorted by it), title, site and tags.
func printSummary(e *env, s storage.Summary, published bool) error {
	date := s.ClippedAt.Local().Format("2006-01-02")
	if published {
		date = "          " // no date: as wide as one
		if !s.Published.IsZero() {
			date = s.Published.Format("2006-01-02") // in the page's own time zone
		}
	}
	var row strings.Builder
	fmt.Fprintf(&row, "%6d  %s  %s", s.ID, date, orUntitled(s.Title))
	if site := line(s.SiteOrHost()); site != "" {
		row.WriteString(" — " + site)
	}
	if len(s.Tags) > 0 {
		row.WriteString("  [" + lineList(s.Tags) + "]")
	}
	var state []string
	if s.Favorite {
		state = append(state, "★")
	}
	if s.Unread {
		state = append(state, "unread")
	}
	if s.Archived {
		state = append(state, "archived")
	}
	if len(state) > 0 {
		row.WriteString("  " + strings.Join(state, " "))
	}
	_, err := fmt.Fprintln(e.stdout, row.String())
	return err
}

// orUntitled is a title for one line of output.
func orUntitled(title string) string {
	if title = line(title); title == "" {
		return "(untitled)"
	}
	return title
}

func runShow(ctx context.Context, e *env, args []string) error {
	fset := flag.NewFlagSet("show", flag.ContinueOnError)
	asJSON := fset.Bool("json", false, "print the article as JSON")
	lib, id, err := articleArgs(ctx, e, fset, args)
	if err != nil {
		return err
	}
	defer lib.Close()
	a, err := lib.Get(ctx, id)
	if err != nil {
		return notFound(err, id)
	}
	hs, err := lib.Highlights(ctx, id)
	if err != nil {
		return notFound(err, id)
	}
	if *asJSON {
		return printJSON(e, struct {
			*storage.Article
			Highlights int `json:"highlights"`
		}{a, len(hs)})
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s\n", orUntitled(a.Title))
	if attr := line(a.Attribution()); attr != "" {
		fmt.Fprintf(&b, "%s\n", attr)
	}
	fmt.Fprintf(&b, "%s\n", line(displayURL(&a.Article)))
	fmt.Fprintf(&b, "id %d · clipped %s · %s", a.ID, a.ClippedAt.Local().Format("2006-01-02 15:04"), highlightCount(len(hs)))
	if a.Favorite {
		b.WriteString(" · favourite")
	}
	if a.Archived {
		b.WriteString(" · archived")
	}
	if !a.Unread {
		b.WriteString(" · read")
	}
	b.WriteString("\n")
	if len(a.Tags) > 0 {
		fmt.Fprintf(&b, "tags: %s\n", lineList(a.Tags))
	}
	if a.Note != "" {
		fmt.Fprintf(&b, "note: %s\n", strings.ReplaceAll(lines(a.Note), "\n", "\n      "))
	}
	fmt.Fprintf(&b, "\n%s\n", lines(a.Text))
	_, err = io.WriteString(e.stdout, b.String())
	return err
}

func highlightCount(n int) string {
	if n == 1 {
		return "1 highlight"
	}
	return strconv.Itoa(n) + " highlights"
}

func runSearch(ctx context.Context, e *env, args []string) error {
	fset := flag.NewFlagSet("search", flag.ContinueOnError)
	limit := fset.Int("limit", 20, "at most this many results")
	newest := fset.Bool("newest", false, "newest first instead of best match first")
	asJSON := fset.Bool("json", false, "print the results as JSON")
	pos, err := parseInterspersed(fset, args)
	if err != nil {
		return err
	}
	query := strings.Join(pos, " ")
	switch {
	case strings.TrimSpace(query) == "":
		return fmt.Errorf("%w: give something to search for", errUsage)
	case *limit < 1:
		return fmt.Errorf("%w: --limit must be at least 1", errUsage)
	}
	lib, err := openLibrary(ctx, e, false)
	if err != nil {
		return err
	}
	defer lib.Close()
	if *limit > maxSearchResults {
		fmt.Fprintf(e.stderr, "margin search: showing at most %s results (asked for %s)\n",
			thousands(maxSearchResults), thousands(*limit))
	}
	opt := storage.SearchOptions{Query: query, Limit: *limit, Newest: *newest}
	res, err := lib.SearchResults(ctx, opt)
	if err != nil {
		return err
	}
	if len(res.Hits) == *limit {
		// More may match than are shown: say how many, and what was
		// searched, on stderr so the results stay one per line.
		total, err := lib.CountSearch(ctx, opt)
		if err != nil {
			return err
		}
		if total > len(res.Hits) {
			fmt.Fprintf(e.stderr, "margin search: showing %s of %s matches %s (--limit for more)\n",
				thousands(len(res.Hits)), thousands(total), opt.Scope())
		}
	}
	hits := res.Hits
	if res.Truncated {
		fmt.Fprintf(e.stderr, "margin search: searched the %d most distinctive of %s terms; left out: %s\n",
			res.TermsUsed, thousands(res.Terms), fewOf(res.Ignored, 10))
	}
	if *asJSON {
		return printJSON(e, hits)
	}
	for i := range hits {
		hits[i].Snippet = boldMatches(hits[i].Snippet, hits[i].Matches)
	}
	if len(hits) == 0 {
		_, err := fmt.Fprintf(e.stdout, "no articles match %q\n", clipRunes(line(query), 80))
		return err
	}
	for _, h := range hits {
		if err := printSummary(e, h, false); err != nil {
			return err
		}
		if h.Snippet != "" {
			if _, err := fmt.Fprintf(e.stdout, "        %s\n", line(h.Snippet)); err != nil {
				return err
			}
		}
	}
	return nil
}

// maxSearchResults is the most hits one storage search returns, whatever
// the limit asked for (storage cuts larger limits to it).
const maxSearchResults = 1000

// thousands writes n with a comma between thousands: 5,000.
func thousands(n int) string {
	s := strconv.Itoa(n)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	if neg {
		s = "-" + s
	}
	return s
}

// runTag parses its arguments by hand: -TAG removes a tag, and must not be
// taken for a flag.
func runTag(ctx context.Context, e *env, args []string) error {
	if len(args) == 0 {
		return fmt.Errorf("%w: give an article id and tags", errUsage)
	}
	if args[0] == "-h" || args[0] == "--help" {
		return flag.ErrHelp
	}
	if ok, err := runTagAdmin(ctx, e, args); ok {
		return err
	}
	id, err := parseID(args[0])
	if err != nil {
		return err
	}
	var add, remove []string
	for _, op := range args[1:] {
		name := op
		switch {
		case strings.HasPrefix(op, "+"):
			name = op[1:]
			add = append(add, name)
		case strings.HasPrefix(op, "-"):
			name = op[1:]
			remove = append(remove, name)
		default:
			add = append(add, name)
		}
		if strings.TrimSpace(name) == "" {
			return fmt.Errorf("%w: empty tag name in %q", errUsage, op)
		}
	}
	lib, err := openLibrary(ctx, e, false)
	if err != nil {
		return err
	}
	defer lib.Close()
	if len(add) > 0 {
		if err := lib.AddTags(ctx, id, add...); err != nil {
			return notFound(err, id)
		}
	}
	if len(remove) > 0 {
		if err := lib.RemoveTags(ctx, id, remove...); err != nil {
			return notFound(err, id)
		}
	}
	a, err := lib.Get(ctx, id)
	if err != nil {
		return notFound(err, id)
	}
	if len(a.Tags) == 0 {
		_, err = fmt.Fprintf(e.stdout, "article %d has no tags\n", id)
		return err
	}
	_, err = fmt.Fprintf(e.stdout, "article %d tags: %s\n", id, lineList(a.Tags))
	return err
}

func runTags(ctx context.Context, e *env, args []string) error {
	fset := flag.NewFlagSet("tags", flag.ContinueOnError)
	asJSON := fset.Bool("json", false, "print the tags as JSON")
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
	tags, err := lib.Tags(ctx)
	if err != nil {
		return err
	}
	if *asJSON {
		return printJSON(e, tags)
	}
	for _, t := range tags {
		if _, err := fmt.Fprintf(e.stdout, "%5d  %s\n", t.Count, line(t.Name)); err != nil {
			return err
		}
	}
	return nil
}

func runHighlight(ctx context.Context, e *env, args []string) error {
	fset := flag.NewFlagSet("highlight", flag.ContinueOnError)
	quote := fset.String("quote", "", "the exact text to highlight")
	occurrence := fset.Int("occurrence", 1, "which match of the quote, counted from 1")
	color := fset.String("color", string(storage.Yellow), "yellow, green, blue, pink or purple")
	note := fset.String("note", "", "a note on the highlight")
	asJSON := fset.Bool("json", false, "print the highlight as JSON")
	lib, id, err := articleArgs(ctx, e, fset, args)
	if err != nil {
		return err
	}
	defer lib.Close()
	if *quote == "" {
		return fmt.Errorf("%w: --quote is required", errUsage)
	}
	h, err := lib.HighlightQuote(ctx, id, *quote, *occurrence, storage.Color(*color), *note)
	if err != nil {
		return notFound(err, id)
	}
	if *asJSON {
		return printJSON(e, h)
	}
	_, err = fmt.Fprintf(e.stdout, "highlight %d in article %d at %d-%d (%s)\n", h.ID, id, h.Start, h.End, h.Color)
	return err
}

func runHighlights(ctx context.Context, e *env, args []string) error {
	fset := flag.NewFlagSet("highlights", flag.ContinueOnError)
	asJSON := fset.Bool("json", false, "print the highlights as JSON")
	lib, id, err := articleArgs(ctx, e, fset, args)
	if err != nil {
		return err
	}
	defer lib.Close()
	hs, err := lib.Highlights(ctx, id)
	if err != nil {
		return notFound(err, id)
	}
	if hs == nil {
		hs = []storage.Highlight{}
	}
	if *asJSON {
		return printJSON(e, hs)
	}
	if len(hs) == 0 {
		_, err := fmt.Fprintf(e.stdout, "article %d has no highlights\n", id)
		return err
	}
	for _, h := range hs {
		where := fmt.Sprintf("%d-%d", h.Start, h.End)
		if h.Orphaned {
			where = "orphaned"
		}
		row := fmt.Sprintf("%5d  %-6s  %-11s  %q", h.ID, h.Color, where, h.Quote)
		if h.Note != "" {
			row += "  — " + line(h.Note)
		}
		if _, err := fmt.Fprintln(e.stdout, row); err != nil {
			return err
		}
	}
	return nil
}

func runNote(ctx context.Context, e *env, args []string) error {
	if len(args) > 0 && (args[0] == "-h" || args[0] == "--help") {
		return flag.ErrHelp
	}
	if len(args) < 2 {
		return fmt.Errorf("%w: give an article id and the note (- reads it from standard input; \"\" clears it)", errUsage)
	}
	id, err := parseID(args[0])
	if err != nil {
		return err
	}
	note := strings.Join(args[1:], " ")
	if len(args) == 2 && args[1] == "-" {
		b, err := io.ReadAll(stdin)
		if err != nil {
			return fmt.Errorf("read standard input: %w", err)
		}
		note = strings.TrimRight(string(b), "\n")
	}
	lib, err := openLibrary(ctx, e, false)
	if err != nil {
		return err
	}
	defer lib.Close()
	if err := lib.SetNote(ctx, id, note); err != nil {
		return notFound(err, id)
	}
	msg := "saved the note of article %d\n"
	if note == "" {
		msg = "cleared the note of article %d\n"
	}
	_, err = fmt.Fprintf(e.stdout, msg, id)
	return err
}

func runRm(ctx context.Context, e *env, args []string) error {
	fset := flag.NewFlagSet("rm", flag.ContinueOnError)
	yes := fset.Bool("yes", false, "really delete")
	lib, id, err := articleArgs(ctx, e, fset, args)
	if err != nil {
		return err
	}
	defer lib.Close()
	a, err := lib.Get(ctx, id)
	if err != nil {
		return notFound(err, id)
	}
	if !*yes {
		return fmt.Errorf("not deleting article %d (%s) without --yes", id, orUntitled(a.Title))
	}
	if err := lib.Delete(ctx, id); err != nil {
		return notFound(err, id)
	}
	fmt.Fprintf(e.stdout, "deleted article %d: %s\n", id, orUntitled(a.Title))
	n, bytes, err := picturesFreedBy(ctx, lib, &a.Article)
	if err != nil {
		return fmt.Errorf("article %d was deleted, but: %w", id, err)
	}
	if n > 0 {
		_, err = fmt.Fprintf(e.stdout, "freed %s\n", strings.TrimPrefix(freedPictures(n, bytes), "removed "))
	}
	return err
}

func runBackup(ctx context.Context, e *env, args []string) error {
	fset := flag.NewFlagSet("backup", flag.ContinueOnError)
	pos, err := parseInterspersed(fset, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return fmt.Errorf("%w: give the file to write the backup to", errUsage)
	}
	lib, err := openLibrary(ctx, e, false)
	if err != nil {
		return err
	}
	defer lib.Close()
	if err := lib.Backup(ctx, pos[0]); err != nil {
		return err
	}
	_, err = fmt.Fprintf(e.stdout, "backed up the library to %s\n", pos[0])
	return err
}

// boldMatches marks each match of a snippet in Markdown bold, as a terminal
// reader of Markdown shows it.
func boldMatches(snippet string, matches []storage.Match) string {
	var b strings.Builder
	pos := 0
	for _, m := range matches {
		if m.Start < pos || m.End > len(snippet) {
			continue
		}
		b.WriteString(snippet[pos:m.Start])
		b.WriteString("**" + snippet[m.Start:m.End] + "**")
		pos = m.End
	}
	b.WriteString(snippet[pos:])
	return b.String()
}

// fewOf lists the first n of words on one line, and how many more there are.
func fewOf(words []string, n int) string {
	if len(words) <= n {
		return line(strings.Join(words, " "))
	}
	return line(strings.Join(words[:n], " ")) + " and " + thousands(len(words)-n) + " more"
}

// clipRunes shortens s to at most n characters, ending it with … when cut.
func clipRunes(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}
