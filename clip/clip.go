// Package clip turns a web page (a URL, a saved file, or raw bytes) into an
// Article (see package article) with its attribution: who wrote it, where it was published,
// where it came from when it is a repost, and when.
//
// The pipeline is fetch -> decode charset -> parse once -> extract. Parsing is a
// pure function of the bytes and the page URL (Parse), so it is tested without a
// network; fetching (Client) adds deadlines, size caps and specific errors.
package clip

// ExtractorVersion names the extraction rules that produced an Article. Bump it
// whenever a change alters what Parse returns for the same bytes, so stored
// articles can be re-extracted from their original HTML.
const ExtractorVersion = "margin-clip/4 readeck-go-readability/v2.1.3"
