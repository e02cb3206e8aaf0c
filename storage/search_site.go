package storage

import "slices"

// siteColumn is the column of article_search that holds an article's site
// name, source name and the hosts of its URLs (see index), which a
// search's site: filter is matched against. The filter depends on that
// column alone: a layout of the index that keeps it (in any table with the
// article's id as rowid) needs only siteFilter changed.
const siteColumn = "site"

// siteFilter is the condition of a full-text search's site:X on the
// article whose id is the SQL id (the index's rowid, with a unary +, see
// filters.where), and its argument: X's words in the site column of the
// index, as a phrase, read as a search term is (site:huxiu finds
// huxiu.com, a plain word of four letters or more being a prefix;
// site:example.com finds blog.example.com). It is a lookup in the index,
// so a search narrowed to a site reads no article it does not return,
// where matching the site's name and URLs as text read the row of every
// article the words matched (site:少数派 the, 100,000 articles: 300 ms).
// ok is false when X has nothing the index holds (site:%), which the
// caller then matches as text. A site filter without words is a listing
// (walked newest first until a page is found, a site's articles being up
// to the whole library): it matches as text, as List does.
func siteFilter(id, site string) (cond string, arg any, ok bool) {
	t, _ := ftsTerm(site, false)
	if t == "" {
		return "", nil, false
	}
	// A subquery, as in the MATCH of the search itself the filter's words
	// would count in its bm25; SQLite makes its list once per search.
	return id + ` IN (SELECT rowid FROM article_search WHERE article_search MATCH ?)`,
		"{" + siteColumn + "}: " + t, true
}

// unranked is the MATCH expression, conditions and arguments of q's
// words and filters for a search that does not rank (newest first, or
// counting): its sites are column filters ANDed to the words, which FTS5
// walks together by id and stops with the page, where a list of a site's
// articles is made in full first (site:example.com loquselka newest
// first, a site of all 100,000 articles: 35 ms). By relevance they would
// count in bm25; siteFilter keeps them out of it.
func (q query) unranked() (match string, conds []string, args []any) {
	fs := q.filters
	match = q.match
	for _, s := range q.sites {
		if _, arg, ok := siteFilter("", s); ok {
			match = "(" + match + ") AND " + arg.(string)
			fs.sites = slices.DeleteFunc(slices.Clone(fs.sites), func(x string) bool { return x == s })
		}
	}
	conds, args = fs.where("+article_search.rowid", true)
	return match, conds, args
}
