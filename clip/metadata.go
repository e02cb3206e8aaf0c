package clip

import (
	"app.margin/margin/article"
	"app.margin/margin/internal/text"
	"unicode/utf8"

	"encoding/json"
	"net"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode"

	"github.com/PuerkitoBio/goquery"
	"github.com/itlightning/dateparse"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/net/publicsuffix"
	"golang.org/x/text/language"
)

// pageMeta is the metadata a page declares in its markup: JSON-LD, <meta>,
// <link> and a few attributes. It is gathered from the whole document
// before the extractor mutates it.
type pageMeta struct {
	values   map[string][]string // <meta> contents by normalised key, in page order
	ld       ldArticle
	docTitle string // <title>, white space collapsed
	h1       string // text of the page's main <h1>
	htmlLang string
	htmlDir  string
	canon    string // <link rel=canonical>
	// address is the page's own address: the one it was read from when
	// that is http(s), else the canonical link or og:url it declares for
	// itself (a saved file has no address). nil when none is known.
	address  *url.URL
	timeNear string // the date a <time> or microdata gives the article (articleTimeAttr)
	// The name in a byline line by the heading of a page whose markup
	// names no author (see headingByline).
	shownByline string
	// The hAtom title and texts of elements that may print the post's
	// date (see postTexts).
	postTitle string
	postTexts []string
	// homeNames are the texts of links to the site's home page (logo alt
	// text first), which confirm a site name taken from the title.
	homeNames []string
	// owners are the names the page's copyright lines give its owner
	// (see copyrightNames), read once from its lines for the rules that
	// confirm a site name.
	owners []string
	// hcard is the name of the page's first author hCard (hcardAuthor).
	hcard string
	// authorLink is the name of the page's first link to an author's
	// page (authorLinkName).
	authorLink string
	// microdata are the names of the page's schema.org author items
	// (see microdataAuthors), read on Chinese pages.
	microdata []string
}

// ldArticle is what we read from a JSON-LD Article (or NewsArticle, ...).
type ldArticle struct {
	found       bool
	title       string
	headline    string
	authors     []string
	description string
	publisher   string
	published   string
	modified    string
	// The datePublished of the page when it is no article: WordPress's
	// Yoast gives a post's date only in its WebPage node when the theme
	// declares no Article.
	pageDate string
	// Every node's datePublished, for the zone the page prints its
	// date in (see printedZone).
	dates   []string
	url     string
	image   string
	lang    string
	basedOn article.Source
}

// rxLDArticleType matches the schema.org types that describe an article.
var rxLDArticleType = regexp.MustCompile(`^(Article|AdvertiserContentArticle|NewsArticle|AnalysisNewsArticle|AskPublicNewsArticle|BackgroundNewsArticle|OpinionNewsArticle|ReportageNewsArticle|ReviewNewsArticle|Report|SatiricalArticle|ScholarlyArticle|MedicalScholarlyArticle|SocialMediaPosting|BlogPosting|LiveBlogPosting|DiscussionForumPosting|TechArticle|APIReference)$`)

// rxLDPageType matches the schema.org types of a page that is one
// document (not a list of others, as a CollectionPage is).
var rxLDPageType = regexp.MustCompile(`^(WebPage|ItemPage|AboutPage|FAQPage|QAPage|MedicalWebPage)$`)

var rxCDATA = regexp.MustCompile(`^\s*<!\[CDATA\[|\]\]>\s*$`)

// gatherMeta reads the document's declared metadata; pageURL is the
// address the page was read from ("" when unknown).
func gatherMeta(doc *goquery.Document, pageURL string) *pageMeta {
	m := &pageMeta{values: map[string][]string{}}
	doc.Find("meta").Each(func(_ int, s *goquery.Selection) {
		content, ok := s.Attr("content")
		if !ok {
			return
		}
		content = strings.TrimSpace(html.UnescapeString(text.Clean(content)))
		if content == "" {
			return
		}
		var keys []string
		if p, ok := s.Attr("property"); ok {
			// Readability.js reads property only in a vocabulary
			// (og:, article:, dc:, twitter:); a bare property="author" is
			// kept apart so it does not pass for name="author".
			for _, f := range strings.Fields(p) {
				if !strings.Contains(f, ":") {
					f = "property:" + f
				}
				keys = append(keys, f)
			}
		}
		for _, a := range []string{"name", "http-equiv"} {
			if v, ok := s.Attr(a); ok && strings.TrimSpace(v) != "" {
				keys = append(keys, v)
			}
		}
		// Microdata is kept apart: it ranks below the <meta> names
		// Readability.js reads.
		if v, ok := s.Attr("itemprop"); ok && strings.TrimSpace(v) != "" {
			keys = append(keys, "itemprop:"+v)
		}
		for _, k := range keys {
			k = strings.ReplaceAll(strings.ToLower(strings.Join(strings.Fields(k), "")), ".", ":")
			m.values[k] = append(m.values[k], content)
		}
	})
	doc.Find(`script[type="application/ld+json"]`).Each(func(_ int, s *goquery.Selection) {
		readLDScript(&m.ld, s.Text())
	})
	m.docTitle = text.CollapseSpace(text.Clean(doc.Find("head title").First().Text()))
	if m.docTitle == "" {
		m.docTitle = text.CollapseSpace(text.Clean(doc.Find("title").First().Text()))
	}
	m.h1 = mainHeadingText(doc, m.docTitle)
	htmlSel := doc.Find("html").First()
	m.htmlLang = strings.TrimSpace(htmlSel.AttrOr("lang", htmlSel.AttrOr("xml:lang", "")))
	m.htmlDir = strings.ToLower(strings.TrimSpace(htmlSel.AttrOr("dir", doc.Find("body").First().AttrOr("dir", ""))))
	doc.Find("link[rel]").EachWithBreak(func(_ int, s *goquery.Selection) bool {
		// rel values are case-blind.
		if hasWord(strings.ToLower(s.AttrOr("rel", "")), "canonical") {
			m.canon = strings.TrimSpace(s.AttrOr("href", ""))
			return m.canon == ""
		}
		return true
	})
	marks := findMarks(doc)
	m.timeNear = articleTimeAttr(marks)
	m.postTitle, m.postTexts = postTexts(marks)
	m.hcard = hcardAuthor(marks)
	m.authorLink = marks.authorLink
	m.address = firstWebURL(pageURL, m.canon, m.first("og:url"))
	var site string
	if m.address != nil {
		site = siteOf(m.address.Hostname())
	}
	m.homeNames = homeLinkNames(doc, site)
	return m
}

// homeLinkNames are the names a page gives its logo: the alt or title of an
// image inside a link to the site's home page ("/", or the root of the
// page's own site). A title suffix the page also shows as its logo is the
// site's name. A logo linking to another site's home page names that site
// (a parent network, a partner, the publisher of a framed repost), so it
// counts only when site, the page's registrable domain, is known and the
// same.
func homeLinkNames(doc *goquery.Document, site string) []string {
	var names []string
	doc.Find("a[href]").EachWithBreak(func(i int, s *goquery.Selection) bool {
		href := strings.TrimSpace(s.AttrOr("href", ""))
		u, err := url.Parse(href)
		if err != nil || (u.Path != "/" && u.Path != "") || u.RawQuery != "" || u.Fragment != "" || (u.Path == "" && u.Host == "") {
			return i < homeLinkMaxLinks
		}
		if u.Host != "" && (site == "" || siteOf(u.Hostname()) != site) {
			return i < homeLinkMaxLinks
		}
		add := func(v string) {
			if v = text.CollapseSpace(text.Clean(v)); v != "" {
				names = appendUnique(names, v)
			}
		}
		s.Find("img").Each(func(_ int, img *goquery.Selection) {
			add(img.AttrOr("alt", ""))
			add(img.AttrOr("title", ""))
		})
		return i < homeLinkMaxLinks
	})
	return names
}

// siteOf folds a host to its registrable domain (news.example.co.uk and
// www.example.co.uk are one site); an IP address or a bare name is itself.
func siteOf(host string) string {
	host = strings.ToLower(strings.TrimSuffix(host, "."))
	if net.ParseIP(host) != nil {
		return host
	}
	if d, err := publicsuffix.EffectiveTLDPlusOne(host); err == nil {
		return d
	}
	return host
}

// homeLinkMaxLinks bounds the links read for home-link names: the logo sits
// in the page header.
const homeLinkMaxLinks = 200

// mainHeadingText is the text of the <h1> that titles the page: the one the
// <title> starts or ends with, else the only <h1> with text (a logo's
// <h1> holding a picture alone does not count).
func mainHeadingText(doc *goquery.Document, docTitle string) string {
	h1s := doc.Find("body h1")
	var only string
	found, shown := "", 0
	h1s.EachWithBreak(func(i int, s *goquery.Selection) bool {
		t := text.CollapseSpace(text.Clean(s.Text()))
		if t == "" {
			return true // a logo's picture
		}
		shown++
		if only == "" {
			only = t
		}
		// The title's main part is longer than the site name beside it: an
		// <h1> that is only the site's logo text must not be taken.
		if n, rest := len(t), len(docTitle)-len(t); docTitle != "" && n > rest &&
			(strings.HasPrefix(docTitle, t) || strings.HasSuffix(docTitle, t)) {
			found = t
			return false
		}
		return true
	})
	if found != "" {
		return found
	}
	if shown == 1 {
		return only
	}
	return ""
}

// articleTimeAttr is the datetime of a <time> that marks the article's
// publication: itemprop/pubdate first, then the first <time> inside an
// <article> or a header, or after the <h1>; else the content or text of
// another element that microdata marks datePublished. Blogger themes
// (Google's blogs among them) print the date as <span
// itemprop="datePublished">May 19, 2020</span>, which left their posts with
// no date.
func articleTimeAttr(pm *pageMarks) string {
	for _, marks := range []func(*html.Node) bool{
		func(t *html.Node) bool { return hasWord(article.Attr(t, "itemprop"), "datePublished") },
		func(t *html.Node) bool { return hasAttr(t, "pubdate") },
		func(t *html.Node) bool { return hasAncestor(t, atom.Article) },
		func(t *html.Node) bool { return hasAncestor(t, atom.Header) },
		afterHeading,
	} {
		for _, t := range pm.times {
			if marks(t) {
				if v := strings.TrimSpace(article.Attr(t, "datetime")); v != "" {
					return v
				}
				break
			}
		}
	}
	if len(pm.times) == 1 {
		// The page's only <time> with a datetime, wherever its theme
		// puts it (over the heading, in a sidebar of facts).
		if v := strings.TrimSpace(article.Attr(pm.times[0], "datetime")); v != "" {
			return v
		}
	}
	if marked := pm.datePublished; marked != nil {
		for _, attr := range []string{"content", "datetime", "title"} {
			if v := strings.TrimSpace(article.Attr(marked, attr)); v != "" && v[0] >= '0' && v[0] <= '9' {
				return v // <abbr class="published" itemprop="datePublished" title="2019-10-16…">
			}
		}
		if v := collapsedText(marked); v != "" {
			return v
		}
	}
	return ""
}

// afterHeading reports an element inside a later sibling of an <h1> (CSS
// h1 ~ * time).
func afterHeading(n *html.Node) bool {
	for a := n.Parent; a != nil; a = a.Parent {
		for s := a.PrevSibling; s != nil; s = s.PrevSibling {
			if s.Type == html.ElementNode && s.DataAtom == atom.H1 {
				return true
			}
		}
	}
	return false
}

// hasAncestor reports an element inside an element a.
func hasAncestor(n *html.Node, a atom.Atom) bool {
	for p := n.Parent; p != nil; p = p.Parent {
		if p.Type == html.ElementNode && p.DataAtom == a {
			return true
		}
	}
	return false
}

func hasAttr(n *html.Node, key string) bool {
	for _, a := range n.Attr {
		if a.Namespace == "" && a.Key == key {
			return true
		}
	}
	return false
}

// hasWord reports list, a class or itemprop value, holding the word w as
// CSS matches it (.w, [attr~=w]): case and all.
func hasWord(list, w string) bool {
	for list != "" {
		i := strings.Index(list, w)
		if i < 0 {
			return false
		}
		end := i + len(w)
		if (i == 0 || isHTMLSpace(list[i-1])) && (end == len(list) || isHTMLSpace(list[end])) {
			return true
		}
		list = list[end:]
	}
	return false
}

func isHTMLSpace(b byte) bool {
	return b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == '\f'
}

// pageMarks are the elements that mark a post's date and author in blog
// themes' markup, found in one walk over the page: a walk per selector
// (eleven of them, some matching ancestors) took a sixth of the time
// of the slowest pages.
type pageMarks struct {
	times          []*html.Node // <time datetime>
	datePublished  *html.Node   // the first [itemprop~=datePublished]
	publishedTitle *html.Node   // the first .published[title]
	dated          []*html.Node // the first postDateMaxElements elements whose class says date, and <time>s without a datetime
	hcard          *html.Node   // the first author hCard or its name
	authorLink     string       // the name of the first link to an author's page (see authorLinkName)
}

// findMarks walks the page once for its pageMarks.
func findMarks(doc *goquery.Document) *pageMarks {
	pm := &pageMarks{}
	var walk func(n *html.Node, inAuthor bool)
	walk = func(n *html.Node, inAuthor bool) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			class := article.Attr(c, "class")
			timed := c.DataAtom == atom.Time && hasAttr(c, "datetime")
			if timed {
				pm.times = append(pm.times, c)
			}
			if pm.datePublished == nil && hasWord(article.Attr(c, "itemprop"), "datePublished") {
				pm.datePublished = c
			}
			published := hasWord(class, "published")
			if pm.publishedTitle == nil && published && hasAttr(c, "title") {
				pm.publishedTitle = c
			}
			if len(pm.dated) < postDateMaxElements && (published || c.DataAtom == atom.Time && !timed ||
				strings.Contains(class, "date") || strings.Contains(class, "Date") || strings.Contains(class, "datum") ||
				strings.Contains(class, "created") || strings.Contains(class, "submitted") || timeClass(class)) {
				pm.dated = append(pm.dated, c)
			}
			if pm.authorLink == "" && c.DataAtom == atom.A {
				pm.authorLink = authorLinkName(c)
			}
			author := hasWord(class, "author")
			if pm.hcard == nil && (author && hasWord(class, "vcard") || inAuthor && hasWord(class, "fn")) {
				pm.hcard = c
			}
			walk(c, inAuthor || author || hasWord(class, "byline"))
		}
	}
	for _, n := range doc.Nodes {
		walk(n, false)
	}
	return pm
}

// timeClass reports a class with a part that names a time ("entry-top-info-
// time" on goo.ne.jp's blogs, "post_time", "timestamp"); a part that only
// contains the word ("timeline", "runtime") does not count.
func timeClass(class string) bool {
	for _, part := range strings.FieldsFunc(class, func(r rune) bool { return !unicode.IsLetter(r) }) {
		switch strings.ToLower(part) {
		case "time", "timestamp", "pubtime", "posttime", "publishtime":
			return true
		}
	}
	return false
}

// Limits of postTexts: the elements it reads, and the longest text of one.
const (
	postDateMaxElements = 8
	postDateMaxRunes    = 60
)

// postTexts are the dates a blog theme may print beside a post, for
// postedDate: an hAtom "published" element's title (<abbr
// class="published" title="2017-07-23T17:06:45+0000">), then the short
// texts of the first elements whose class says date ("entry-date",
// "itemPostDate", "datum", "created-post") and of <time> elements without
// a datetime. WordPress, Joomla and Drupal themes print "13. Januar 2014",
// "am 25.08.2015 22:30" or "November 22, 2011" with no machine-readable
// date, which left such posts undated. Provenance: go-trafilatura's and
// go-htmldate's comparison sets, German blogs and club sites.
func postTexts(pm *pageMarks) (title string, texts []string) {
	if pm.publishedTitle != nil {
		title = strings.TrimSpace(article.Attr(pm.publishedTitle, "title"))
	}
	for _, n := range pm.dated {
		if t := collapsedText(n); t != "" && utf8.RuneCountInString(t) <= postDateMaxRunes {
			texts = append(texts, t)
		}
	}
	return title, texts
}

// postedDate is the first date of postTexts, in loc unless it gives its
// zone: the hAtom title as a machine writes it or as textDate reads text,
// else the first of the texts textDate reads. (A machine's reading of
// "03.02.2022" is March 2nd.)
func postedDate(title string, texts []string, lang string, loc *time.Location) (time.Time, bool) {
	if d, ok := parseDate(title, loc); ok {
		return d, true
	}
	for _, t := range append([]string{title}, texts...) {
		if rxOtherDateLabel.MatchString(t) {
			continue // a reference's access date, a birthday
		}
		if d, ok := textDate(t, lang, loc); ok {
			return d, true
		}
	}
	return time.Time{}, false
}

// hcardAuthor is the name in the first author hCard on the page
// (<span class="author vcard"><a class="url fn n">Name</a></span>, which
// WordPress themes print beside every post's date), without a label or
// date printed inside the card ("von revamp-it Webteam"): Readability.js
// reads no hCard, so no reference pins them. "" when there is none or it
// is no name (a bare label, an address, an account's default name).
func hcardAuthor(pm *pageMarks) string {
	if pm.hcard == nil {
		return ""
	}
	if name := shownName(pm.hcard); name != "" {
		return bylineName(name)
	}
	return ""
}

// shownName is the text n shows when it can be a person's name: not
// empty, a label alone, an address or an account's default name.
func shownName(n *html.Node) string {
	name := text.CollapseSpace(text.Clean(textOf(n)))
	if name == "" || utf8.RuneCountInString(name) > cueMaxValueLen || looksLikeURL(name) || strings.Contains(name, "@") ||
		accountName(name) || rxBareLabel.MatchString(name) {
		return ""
	}
	return name
}

// rxAuthorPath matches the address of an author's page on a blog or news
// site and captures the name in it: /author/elisa-marvena/ (WordPress),
// /autoren/georg-quaas/, /fr/staff/uriel-gadessaud/.
var rxAuthorPath = regexp.MustCompile(`(?i)/(?:authors?|autor|autoren|auteurs?|autore|autores|staff)/([^/?#]+)/?(?:[?#]|$)`)

// authorLinkName is the text of link a when it leads to an author's page
// whose address spells that text ("Georg Quaas" to /autoren/georg-quaas/),
// and the text is no label or address: "" otherwise. The address holding
// the name is what tells an author apart from the other links in a post's
// header ("Alle Beiträge", a section named /staff/jobs/).
// Provenance: go-trafilatura's comparison set, whose WordPress and news
// pages print the author only as this link (globalvoices.org,
// legrandcontinent.eu, oekonomenstimme.org).
func authorLinkName(a *html.Node) string {
	m := rxAuthorPath.FindStringSubmatch(article.Attr(a, "href"))
	if m == nil {
		return ""
	}
	name := shownName(a)
	if name == "" {
		return ""
	}
	slug, err := url.PathUnescape(m[1])
	if err != nil || nameKey(slug) != nameKey(name) {
		return ""
	}
	return name
}

// readLDScript reads one JSON-LD script. The first article found wins.
func readLDScript(ld *ldArticle, text string) {
	text = rxCDATA.ReplaceAllString(text, "")
	var v any
	if err := json.Unmarshal([]byte(text), &v); err != nil {
		return
	}
	nodes := ldNodes(v)
	ldEach(v, func(o map[string]any) {
		switch types := ldTypes(o["@type"]); {
		case !ld.found && anyMatch(types, rxLDArticleType):
			readLDArticle(ld, o, nodes)
		case ld.pageDate == "" && anyMatch(types, rxLDPageType):
			ld.pageDate = ldString(o["datePublished"])
		}
		if d := ldString(o["datePublished"]); d != "" {
			ld.dates = append(ld.dates, d)
		}
	})
}

// ldEach calls f with each object of a JSON-LD value, in arrays and
// @graph lists, to a depth that real pages do not pass.
func ldEach(v any, f func(map[string]any)) {
	var visit func(v any, depth int)
	visit = func(v any, depth int) {
		if depth > 4 {
			return
		}
		switch t := v.(type) {
		case []any:
			for _, x := range t {
				visit(x, depth+1)
			}
		case map[string]any:
			f(t)
			if g, ok := t["@graph"]; ok {
				visit(g, depth+1)
			}
		}
	}
	visit(v, 0)
}

// accountName reports a content system's default account name, which
// WordPress writes as the author of posts its owner never signed.
func accountName(name string) bool {
	switch strings.ToLower(strings.TrimSpace(name)) {
	case "admin", "administrator", "administrador", "wordpressadmin", "webmaster", "root", "user":
		return true
	}
	return false
}

// ldNodes indexes the objects of a JSON-LD graph by their @id, which other
// objects name instead of repeating them.
func ldNodes(v any) map[string]map[string]any {
	nodes := map[string]map[string]any{}
	ldEach(v, func(o map[string]any) {
		if id, ok := o["@id"].(string); ok && len(o) > 1 {
			nodes[id] = o
		}
	})
	return nodes
}

// ldResolve is v with each object that only names a Person by @id
// replaced by that Person: WordPress's Yoast writes an article's author as
// {"@id": ".../#/schema/person/…"}, the Person elsewhere in the graph. An
// Organization named so is the publisher, not an author.
func ldResolve(v any, nodes map[string]map[string]any) any {
	switch t := v.(type) {
	case map[string]any:
		if id, ok := t["@id"].(string); ok && t["name"] == nil {
			if n, ok := nodes[id]; ok && slices.Contains(ldTypes(n["@type"]), "Person") {
				return n
			}
		}
	case []any:
		out := make([]any, len(t))
		for i, x := range t {
			out[i] = ldResolve(x, nodes)
		}
		return out
	}
	return v
}

func readLDArticle(ld *ldArticle, o map[string]any, nodes map[string]map[string]any) {
	ld.found = true
	name, headline := ldString(o["name"]), ldString(o["headline"])
	// Readability picks between the two (some sites put their own name
	// in "name"); both are kept to tell which it took.
	ld.title, ld.headline = name, headline
	if name == "" {
		ld.title = headline
	}
	// Like Readability.js, authors are Person objects with a name: a
	// bare string is as often a user handle as a name.
	ld.authors = slices.DeleteFunc(ldPersons(ldResolve(o["author"], nodes)), accountName)
	ld.description = ldString(o["description"])
	if pubs := ldNames(o["publisher"]); len(pubs) > 0 {
		ld.publisher = pubs[0]
	}
	ld.published = ldString(o["datePublished"])
	if ld.published == "" {
		ld.published = ldString(o["dateCreated"])
	}
	ld.modified = ldString(o["dateModified"])
	ld.url = ldURL(o["url"])
	if ld.url == "" {
		ld.url = ldURL(o["mainEntityOfPage"])
	}
	ld.image = ldURL(o["image"])
	ld.lang = ldString(o["inLanguage"])
	if ld.lang == "" {
		if l, ok := o["inLanguage"].(map[string]any); ok {
			ld.lang = ldString(l["alternateName"])
		}
	}
	switch b := o["isBasedOn"].(type) {
	case string:
		ld.basedOn = article.Source{URL: b}
	case map[string]any:
		ld.basedOn = article.Source{Name: ldString(b["name"]), URL: ldURL(b["url"])}
		if pubs := ldNames(b["publisher"]); len(pubs) > 0 {
			ld.basedOn.Name = pubs[0]
		}
	}
	if ld.basedOn.IsZero() {
		if u, ok := o["isBasedOnUrl"].(string); ok {
			ld.basedOn = article.Source{URL: u}
		}
	}
}

// ldTypes returns @type as a list (it may be a string or an array).
func ldTypes(v any) []string {
	switch t := v.(type) {
	case string:
		return []string{t}
	case []any:
		var out []string
		for _, x := range t {
			if s, ok := x.(string); ok {
				out = append(out, s)
			}
		}
		return out
	}
	return nil
}

// ldString is a trimmed, cleaned JSON string, or "" for other types.
func ldString(v any) string {
	s, _ := v.(string)
	return text.CollapseSpace(html.UnescapeString(text.Clean(s)))
}

// ldNames reads a Person/Organization value: a string, an object with a
// name, or an array of either.
func ldNames(v any) []string {
	var out []string
	switch t := v.(type) {
	case string:
		if s := ldString(t); s != "" && !looksLikeURL(s) {
			out = append(out, s)
		}
	case map[string]any:
		if s := ldString(t["name"]); s != "" {
			out = append(out, s)
		}
	case []any:
		for _, x := range t {
			out = appendUnique(out, ldNames(x)...)
		}
	}
	return out
}

// ldPersons reads an author value: an object with a name, or an array of
// such objects.
func ldPersons(v any) []string {
	switch t := v.(type) {
	case map[string]any:
		return ldNames(t)
	case []any:
		var out []string
		for _, x := range t {
			if o, ok := x.(map[string]any); ok {
				out = appendUnique(out, ldNames(o)...)
			}
		}
		return out
	}
	return nil
}

// ldURL reads a URL value: a string, an object with url or @id, or the
// first of an array.
func ldURL(v any) string {
	switch t := v.(type) {
	case string:
		return strings.TrimSpace(t)
	case map[string]any:
		if u := ldURL(t["url"]); u != "" {
			return u
		}
		if id, ok := t["@id"].(string); ok && looksLikeURL(id) {
			return id
		}
	case []any:
		for _, x := range t {
			if u := ldURL(x); u != "" {
				return u
			}
		}
	}
	return ""
}

// first returns the first value present under keys, in key order.
func (m *pageMeta) first(keys ...string) string {
	for _, k := range keys {
		for _, v := range m.values[k] {
			if v != "" {
				return v
			}
		}
	}
	return ""
}

// last returns the last value of the first key present. Readability.js keeps
// the last of repeated <meta> names; we do the same for single-valued
// fields so that repeated tags resolve the same way.
// unsigned reports a page whose markup declares no author (JSON-LD,
// <meta>, an hCard).
func (m *pageMeta) unsigned() bool {
	return len(m.ld.authors) == 0 && len(m.metaAuthors(authorKeys)) == 0 && m.hcard == ""
}

// undated reports a page whose markup declares no date of publication
// (JSON-LD, <meta>, a <time> or microdata, a WebPage's date).
func (m *pageMeta) undated() bool {
	return m.ld.published == "" && m.last(publishedKeys...) == "" && m.timeNear == "" && m.ld.pageDate == ""
}

func (m *pageMeta) last(keys ...string) string {
	for _, k := range keys {
		if vs := m.values[k]; len(vs) > 0 {
			return vs[len(vs)-1]
		}
	}
	return ""
}

// Meta keys per field, most specific first, in Readability.js's order so
// pages resolve as readers of Readability output expect, then the
// vocabularies it does not read (Dublin Core terms, Highwire, ...).
var (
	titleKeys = []string{"dc:title", "dcterm:title", "og:title", "weibo:article:title", "weibo:webpage:title",
		"title", "twitter:title", "parsely-title", "dcterms:title", "citation_title"}
	authorKeys      = []string{"dc:creator", "dcterm:creator", "author", "parsely-author"}
	extraAuthorKeys = []string{"citation_author", "dcterms:creator", "itemprop:author", "sailthru:author"}
	excerptKeys     = []string{"dc:description", "dcterm:description", "og:description", "weibo:article:description",
		"weibo:webpage:description", "description", "twitter:description", "dcterms:description", "dcterms:abstract"}
	// An application-name or a home-screen title names an app, not
	// always the publication: they are not read.
	siteKeys      = []string{"og:site_name", "citation_journal_title", "citation_publisher", "dc:publisher", "dcterms:publisher"}
	publishedKeys = []string{"article:published_time", "dcterms:available", "dcterms:created", "dcterms:issued",
		"weibo:article:create_at", "parsely-pub-date", "citation_publication_date", "citation_date",
		"citation_online_date", "dc:date", "dcterms:date", "dc:date:issued", "itemprop:datepublished", "og:published_time",
		"article:published", "pubdate", "publishdate", "publish-date", "publish_date", "sailthru:date", "date", "publication_date"}
	modifiedKeys = []string{"article:modified_time", "dcterms:modified", "og:updated_time", "dc:date:modified",
		"itemprop:datemodified", "last-modified"}
	imageKeys = []string{"og:image", "og:image:url", "og:image:secure_url", "image", "twitter:image", "twitter:image:src"}
	langKeys  = []string{"content-language", "language", "dc:language", "dcterms:language"}
)

// chinaTime is China Standard Time: Chinese pages show dates in it without
// saying so. A fixed zone, so parsing needs no tz database.
var (
	chinaTime = time.FixedZone("CST", 8*3600)
	japanTime = time.FixedZone("JST", 9*3600)
	koreaTime = time.FixedZone("KST", 9*3600)
)

// pageZone is the zone for dates a page shows without one: the zone of its
// language for Chinese, Japanese and Korean pages, else UTC.
func pageZone(lang string) *time.Location {
	switch baseLang(lang) {
	case "zh":
		return chinaTime
	case "ja":
		return japanTime
	case "ko":
		return koreaTime
	}
	return time.UTC
}

// parseDate reads a date in any common notation; zone-less dates are read
// in loc.
func parseDate(s string, loc *time.Location) (time.Time, bool) {
	s = strings.TrimSpace(s)
	if s == "" || len(s) > 64 {
		return time.Time{}, false
	}
	// The date library does not read 2023年5月25日; the cue patterns do.
	if strings.Contains(s, "年") {
		if t, ok := findDate(s, loc); ok {
			return t, true
		}
	}
	t, ok := parseDateSafe(s, loc)
	if !ok || t.Year() < 1970 || t.Year() > 2200 {
		return time.Time{}, false
	}
	return t, true
}

// parseDateSafe shields us from a panic in the date library on odd input:
// Parse promises never to panic.
func parseDateSafe(s string, loc *time.Location) (t time.Time, ok bool) {
	defer func() {
		if recover() != nil {
			t, ok = time.Time{}, false
		}
	}()
	t, err := dateparse.ParseIn(s, loc)
	return t, err == nil
}

// baseLang is the primary language subtag of a BCP 47 tag ("zh" for "zh-CN").
func baseLang(tag string) string {
	tag = strings.ToLower(strings.TrimSpace(tag))
	if i := strings.IndexAny(tag, "-_"); i >= 0 {
		tag = tag[:i]
	}
	return tag
}

// normalizeLang canonicalises a language tag ("zh_CN" -> "zh-CN"), or
// returns "" when it is not one.
func normalizeLang(s string) string {
	s = strings.TrimSpace(strings.ReplaceAll(s, "_", "-"))
	if i := strings.IndexAny(s, ",; "); i >= 0 {
		s = s[:i]
	}
	if s == "" {
		return ""
	}
	t, err := language.Parse(s)
	if err != nil {
		return ""
	}
	if t.String() == "und" {
		return ""
	}
	return t.String()
}

// looksLikeURL reports strings that are addresses, not names.
func looksLikeURL(s string) bool {
	s = strings.ToLower(s)
	return strings.HasPrefix(s, "http://") || strings.HasPrefix(s, "https://") || strings.HasPrefix(s, "//") || strings.HasPrefix(s, "www.")
}

func anyMatch(list []string, rx *regexp.Regexp) bool {
	for _, x := range list {
		if rx.MatchString(x) {
			return true
		}
	}
	return false
}

// appendUnique appends each of ss that list does not hold yet (up to
// case).
func appendUnique(list []string, ss ...string) []string {
	for _, s := range ss {
		if !slices.ContainsFunc(list, func(x string) bool { return strings.EqualFold(x, s) }) {
			list = append(list, s)
		}
	}
	return list
}

// resolve makes ref absolute against base: "" unless that is a web
// address with a host (see webURL). "http:" or "https:///x" (an href a
// template left empty: 163.com's 来源 link) name no page.
func resolve(ref string, base *url.URL) string {
	ref = strings.TrimSpace(ref)
	if ref == "" || strings.HasPrefix(ref, "#") {
		return ""
	}
	u := absoluteURL(ref, base)
	if webURL(u, nil) == nil {
		return ""
	}
	return u
}
