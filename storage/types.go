// Package storage keeps the reader's library in one local SQLite file:
// clipped articles with their attribution and original HTML, tags, highlights
// anchored in each article's canonical text, notes, and a full-text index that
// finds Chinese, Japanese and Korean substrings of any length.
package storage

import (
	"app.margin/margin/article"
	"strings"

	"errors"
	"time"
)

// Errors returned by the Library; test them with errors.Is.
var (
	ErrNotFound      = errors.New("not found")
	ErrInvalid       = errors.New("invalid input")
	ErrQuoteNotFound = errors.New("quote not found in the article text")
	// ErrNotLibrary means the file is not a Margin library (not SQLite,
	// damaged, or another application's database); Open leaves it untouched.
	ErrNotLibrary = errors.New("not a Margin library")
	// ErrTooNew means the library was written by a newer Margin.
	ErrTooNew = errors.New("library made by a newer version of Margin")
	// ErrReadOnly means the library cannot be written: its file or folder
	// is read-only, or it was opened with OpenReadOnly.
	ErrReadOnly = errors.New("library is read-only")
	// ErrQueryTimeout means a search or a listing took longer than the
	// library's QueryTimeout and was stopped.
	ErrQueryTimeout = errors.New("the query took too long")
)

// Article is a stored article: the clipped page plus what the reader added.
type Article struct {
	ID int64 `json:"id"`
	// Key names the article for good, in this library and any other: a
	// random UUID, never given to another article (see 008 and
	// Library.ArticleIDByKey).
	Key string `json:"key"`
	article.Article

	ClippedAt time.Time `json:"clipped_at"`
	UpdatedAt time.Time `json:"updated_at"`
	Unread    bool      `json:"unread"`
	Archived  bool      `json:"archived"`
	Favorite  bool      `json:"favorite"`
	Position  float64   `json:"position"` // reading position, 0 (top) to 1 (end)
	Note      string    `json:"note"`     // the article note, Markdown
	Tags      []string  `json:"tags"`     // sorted by name
}

// Version is what a re-clip of an article replaced: its content and raw
// page as they were, with the addresses and title they came with.
type Version struct {
	ID               int64     `json:"id"`
	ArticleID        int64     `json:"article_id"`
	ReplacedAt       time.Time `json:"replaced_at"` // when the re-clip replaced it
	URL              string    `json:"url"`
	FinalURL         string    `json:"final_url"`
	CanonicalURL     string    `json:"canonical_url"`
	Title            string    `json:"title"`
	ExtractorVersion string    `json:"extractor_version"`
	FetchedAt        time.Time `json:"fetched_at,omitzero"`
	Text             string    `json:"text"`
	ContentHTML      string    `json:"content_html"`
	Raw              []byte    `json:"-"` // the page as fetched; nil when none was kept
}

// Summary is what a library list row shows; it carries no content.
type Summary struct {
	ID        int64     `json:"id"`
	Title     string    `json:"title"`
	SiteName  string    `json:"site_name"`
	Authors   []string  `json:"authors"`
	Source    string    `json:"source,omitempty"` // original source name of a repost
	URL       string    `json:"url"`              // canonical, else final URL
	Language  string    `json:"language"`
	Published time.Time `json:"published,omitzero"`
	ClippedAt time.Time `json:"clipped_at"`
	WordCount int       `json:"word_count"`
	Excerpt   string    `json:"excerpt"`
	Unread    bool      `json:"unread"`
	Archived  bool      `json:"archived"`
	Favorite  bool      `json:"favorite"`
	// Position is the reading position, 0 (top) to 1 (end), and
	// ReadingMinutes the time the whole text takes to read.
	Position       float64  `json:"position"`
	ReadingMinutes int      `json:"reading_minutes"`
	Tags           []string `json:"tags"`
	// Snippet is set by Search: a passage of plain text around the matches,
	// and Matches where they are in it.
	Snippet string  `json:"snippet,omitempty"`
	Matches []Match `json:"matches,omitempty"`
}

// Match is a matched run of a Summary's Snippet, in byte offsets:
// Snippet[Start:End].
type Match struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// Markers around matches while a snippet is made (private-use code points,
// which never occur in stored text because the clipper removes them);
// Search turns them into Matches.
const (
	markOpen  = "\uE000"
	markClose = "\uE001"
)

// unmark removes the match markers from a marked snippet and says where
// the marked runs are.
func unmark(marked string) (string, []Match) {
	var b strings.Builder
	var matches []Match
	start := -1
	for _, r := range marked {
		switch string(r) {
		case markOpen:
			start = b.Len()
		case markClose:
			if start >= 0 && b.Len() > start {
				matches = append(matches, Match{Start: start, End: b.Len()})
			}
			start = -1
		default:
			b.WriteRune(r)
		}
	}
	return b.String(), matches
}

// Color is a highlight colour.
type Color string

// The five highlight colours.
const (
	Yellow Color = "yellow"
	Green  Color = "green"
	Blue   Color = "blue"
	Pink   Color = "pink"
	Purple Color = "purple"
)

// Colors lists the highlight colours in the order the UI offers them.
var Colors = []Color{Yellow, Green, Blue, Pink, Purple}

// Highlight is a passage of an article's canonical text that the reader marked.
// It is anchored twice, like a W3C TextPositionSelector (Start, End: Unicode
// code points into Article.Text, End exclusive) and a TextQuoteSelector (Quote,
// with up to 32 code points of Prefix and Suffix), so it can be placed again
// when the article is clipped anew and its text changes.
type Highlight struct {
	ID        int64     `json:"id"`
	ArticleID int64     `json:"article_id"`
	Start     int       `json:"start"`
	End       int       `json:"end"`
	Quote     string    `json:"quote"`
	Prefix    string    `json:"prefix"`
	Suffix    string    `json:"suffix"`
	Color     Color     `json:"color"`
	Note      string    `json:"note"`
	Orphaned  bool      `json:"orphaned"` // could not be placed in the re-clipped text
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
}

// Tag is a tag name with the number of articles outside the archive that
// carry it: the rows of the tag's view (ListOptions.Tag).
type Tag struct {
	Name  string `json:"name"`
	Count int    `json:"count"`
}

// Sort orders a library listing.
type Sort string

// Sort orders. Each is newest (or A to Z) first, ties broken by id.
const (
	ByClipped   Sort = "clipped"
	ByPublished Sort = "published"
	ByTitle     Sort = "title"
)

// Filter narrows a listing or a search to articles in a state.
type Filter string

// Filters; FilterAll is the zero value.
const (
	FilterAll      Filter = ""
	FilterUnread   Filter = "unread"
	FilterFavorite Filter = "favorite"
	FilterArchived Filter = "archived" // Archive shows archived articles; the others hide them from a listing
)

// ListOptions selects one page of the library.
type ListOptions struct {
	Sort   Sort
	Filter Filter
	Tag    string // only articles with this tag (case-insensitive)
	// Site lists only articles whose site name, source or address holds
	// it (case-insensitive for ASCII), as site: does in a search.
	Site string
	// WithArchived lists archived articles beside the others (with
	// FilterAll: the whole library); FilterArchived lists them alone.
	WithArchived bool
	Limit        int // 0 means 50
	// After is the Page.Next of the previous page ("" for the first page):
	// keyset pagination, so any page is as fast as the first.
	After string
}

// Page is one page of a listing.
type Page struct {
	Items []Summary `json:"items"`
	Next  string    `json:"next,omitempty"` // "" on the last page
}

// SearchOptions is a full-text search. Query is what the user typed: words,
// prefixes (readab*), "quoted phrases", CJK text of any length, and the filters
// tag:X, site:X, is:archived, -is:archived, is:favorite, is:unread; any other text, however
// hostile (lone quotes, AND, NEAR, brackets), is searched as text.
type SearchOptions struct {
	Query  string
	Filter Filter
	Tag    string
	Limit  int  // 0 means 50
	Offset int  // hits to skip: the next page of the same search
	Newest bool // order by clipped date (fast, for search-as-you-type) instead of relevance
}

// SiteOrHost is the hosting site for display: the site name, else the host
// of the article's URL (see article.Article.SiteOrHost).
func (s Summary) SiteOrHost() string {
	return article.SiteOrHost(s.SiteName, s.URL)
}
