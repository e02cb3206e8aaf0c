package storage

// siteColumn is the column of article_search that holds an article's site
// name, source name and the hosts of its URLs (see index), which a
// search's site: filter is matched against. The filter depends on that
// column alone: a layout of the index that keeps it (in any table with the
// article's id as rowid) needs only siteMatch and siteInIndex changed.
const siteColumn = "site"

// siteMatch is a full-text search's site:X as an FTS5 expression: X's
// words in the site column of the index, as a phrase, read as a search
// term is (site:huxiu finds huxiu.com, a plain word of four letters or
// more being a prefix; site:example.com finds blog.example.com). A lookup
// in the index, it reads no article, where matching the site's name and
// URLs as text read the row of every article the words matched
// (site:少数派 the, 100,000 articles: 300 ms). It is "" when X has nothing
// the index holds (site:%), which is then matched as text. A site filter
// without words is a listing (walked newest first until a page is found, a
// site's articles being up to the whole library): it matches as text, as
// List does.
func siteMatch(site string) string {
	t, _ := ftsTerm(site, false)
	if t == "" {
		return ""
	}
	return "{" + siteColumn + "}: " + t
}

// siteInIndex follows the id of a search's match to test it against a
// siteMatch: a subquery, as in the MATCH of the search itself the site's
// words would count in its bm25. SQLite makes its list once per search.
const siteInIndex = ` IN (SELECT rowid FROM article_search WHERE article_search MATCH ?)`

// unranked is the MATCH expression, conditions and arguments of q's
// words and filters for a search that does not rank (newest first, or
// counting): its sites are column filters ANDed to the words, which FTS5
// walks together by id and stops with the page, where siteInIndex makes
// the list of a site's articles in full first (site:example.com loquselka
// newest first, a site of all 100,000 articles: 35 ms). By relevance they
// would count in bm25.
func (q query) unranked() (match string, conds []string, args []any) {
	fs, sites := q.indexSites()
	match = q.match
	for _, m := range sites {
		match = "(" + match + ") AND " + m
	}
	conds, args = fs.where("+article_search.rowid", true)
	return match, conds, args
}

// indexSites takes out of f its sites the index can look up, as
// siteMatch expressions: rest keeps the sites matched as text.
func (f filters) indexSites() (rest filters, sites []string) {
	rest = f
	rest.sites = nil
	for _, s := range f.sites {
		if m := siteMatch(s); m != "" {
			sites = append(sites, m)
		} else {
			rest.sites = append(rest.sites, s)
		}
	}
	return rest, sites
}
