package storage

import "strings"

// siteColumn is the column of article_search that holds an article's site
// name, source name and the hosts of its URLs (see index), which a
// search's site: filter is matched against. The filter depends on that
// column alone: a layout of the index that keeps it (in any table with the
// article's id as rowid) needs only siteFilter changed.
const siteColumn = "site"

// siteFilter is the condition of a search's site:X on the article whose id
// is the SQL id, and its argument: X's words in the site column of the
// index, as a phrase whose last word is a prefix (site:huxiu finds
// huxiu.com; site:example.com finds blog.example.com, "example" followed
// by a word starting with "com"). It is a lookup in the index, so a search
// narrowed to a site reads no article it does not return, where matching
// the site's name and URLs as text read the row of every article the
// words matched (site:少数派 the, 100,000 articles: 300 ms). ok is false
// when X has nothing the index holds (site:%), which the caller then
// matches as text.
func siteFilter(id, site string) (cond string, arg any, ok bool) {
	t, _ := ftsTerm(strings.TrimRight(site, "*")+"*", false)
	if t == "" {
		return "", nil, false
	}
	// A subquery: in the MATCH of the search itself, the filter's words
	// would count in its bm25. SQLite makes its list once per search.
	return id + ` IN (SELECT rowid FROM article_search WHERE article_search MATCH ?)`,
		"{" + siteColumn + "}: " + t, true
}
