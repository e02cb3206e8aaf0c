package clip

// CONTRACT PLACEHOLDER: the extraction helper replaces this file (Parse).

// Parse extracts an Article from page bytes (as fetched, or as a browser hands
// them over): contentType is the HTTP Content-Type if known ("" otherwise),
// pageURL the page's address. It decodes the charset itself, never panics and
// always returns valid UTF-8. It sets everything but URL, FinalURL, FetchedAt
// (the Client's job) and keeps raw in Article.Raw.
func Parse(raw []byte, contentType, pageURL string) (*Article, error) { return nil, errTODO }
