package clip

import (
	"app.margin/margin/article"
	"app.margin/margin/internal/text"

	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"codeberg.org/readeck/go-readability/v2"
	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Thresholds for the readable flag and the language guess.
const (
	minReadableWords = 40 // fewer words (CJK characters count one each): not an article
	langSampleRunes  = 3000
)

// rtlLanguages are written right to left.
var rtlLanguages = map[string]bool{"ar": true, "he": true, "fa": true, "ur": true, "yi": true, "ps": true, "sd": true, "ug": true, "dv": true, "ckb": true}

// Parse extracts an Article from page bytes (as fetched, or as a browser hands
// them over): contentType is the HTTP Content-Type if known ("" otherwise),
// pageURL the page's address. It decodes the charset itself, never panics and
// always returns valid UTF-8. It sets everything but URL, FinalURL, FetchedAt
// (the Client's job) and keeps raw in Article.Raw.
//
// Relative links and images resolve as a browser resolves them: against the
// page's <base href>, itself relative to pageURL. Without an http(s) pageURL
// (a saved file, bytes of unknown origin) the address the page declares for
// itself, its canonical link else its og:url, stands in for pageURL.
func Parse(raw []byte, contentType, pageURL string) (a *article.Article, err error) {
	// The extractor is a large third-party code base run on hostile input:
	// a panic there becomes an error for this page, never a crash.
	defer func() {
		if r := recover(); r != nil {
			a, err = nil, errorf(NotHTML, "extractor failed: %v", r)
		}
	}()
	page, cs, err := decodePage(raw, contentType)
	if err != nil {
		return nil, err
	}
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		if m := tooDeepRE.FindStringSubmatch(err.Error()); m != nil {
			limit, _ := strconv.Atoi(m[1])
			return nil, errorf(TooLarge, "the page nests elements %s deep; Margin reads at most %s levels",
				groupThousands(max(nestingDepth(page), limit+1)), groupThousands(limit))
		}
		return nil, causedBy(NotHTML, err)
	}
	if !hasHTMLContent(doc) {
		return nil, errorf(Empty, "no text or markup")
	}
	a = &article.Article{
		Authors:          []string{},
		Editors:          []string{},
		Provenance:       map[string]string{},
		ExtractorVersion: ExtractorVersion,
		Charset:          cs,
		Raw:              raw,
	}
	d := &draft{a}

	// Everything read from the full page happens before the extractor
	// mutates the tree.
	gq := goquery.NewDocumentFromNode(doc)
	m := gatherMeta(gq, pageURL)
	base := documentBase(gq, m.address)
	script, sure := text.GuessLanguage(sampleText(doc, langSampleRunes))
	d.setLanguage(m, script, sure)
	loc := pageZone(a.Language)
	if loc == time.UTC {
		// Undeclared (or mis-declared) CJK pages still print local time.
		loc = pageZone(script)
	}
	// The page's lines are read for credits and for the title it shows
	// before the extractor changes the tree.
	// The byline, title and date rules read Chinese pages.
	cjk := pageZone(a.Language) == chinaTime
	var lines []pageLine
	var shown string
	// Other pages' lines are read for a date line or a byline by the
	// heading, only when the markup declares no date or no author.
	var latinLines []pageLine
	if cjk {
		lines = pageLines(doc)
		m.microdata = microdataAuthors(doc)
		m.owners = copyrightNames(lines)
		shown = shownTitle(m.docTitle, shownLines(lines))
		if shown == "" && m.h1 != "" {
			// The page's <h1> may link to the article itself (kuqin.com,
			// a blog's post): it shows the heading all the same.
			shown = shownTitle(m.docTitle, map[string]bool{noSpaces(m.h1): true})
		}
	} else if m.undated() || m.unsigned() {
		latinLines = pageLines(doc)
	}
	// The heading the <title> confirms beats an <h1>, which on some portals
	// is the site's logo.
	heading := shown
	if heading == "" {
		heading = m.h1
	}
	if heading == "" {
		heading = m.docTitle
	}
	// Rules that English pages do not take (Readability.js's choices on
	// Mozilla's pages pin them) run on pages that say they are in
	// another language.
	notEnglish := a.Language != "" && baseLang(a.Language) != "en"
	cues := findCues(doc, heading, base, loc, notEnglish && !cjk)

	prepareForExtractor(doc)
	classes := indexClasses(doc)
	ra, rerr := extract(doc, base)
	ra, rerr = extractAgain(page, base, ra, rerr)
	ra, rerr = extractProse(page, base, ra, rerr)
	var content, raExcerpt string
	if rerr == nil && ra.Node != nil {
		// Readability computes the excerpt from its content on demand:
		// take it before our clean-up changes that content.
		raExcerpt = ra.Excerpt()
		addCousins(ra.Node, classes)
		removeBoilerplate(ra.Node, true)
		tb := readBlocks(ra.Node)
		cutTrailingSections(tb)
		if !cjk {
			dropCallsToAction(tb)
			lineRules := []func(textBlocks, int) bool{pictureCredit, pageNotice, pointerLine}
			if notEnglish {
				lineRules = append(lineRules, topDateLines())
			}
			dropBlocks(tb, lineRules...)
			if notEnglish {
				dropCaptionBoxes(ra.Node)
			}
			removeBoxes(ra.Node, tb, notEnglish)
			if notEnglish {
				dropHeadlessEnd(ra.Node)
				restoreLede(ra.Node, cues.lede)
			}
		}
		dropClasses(ra.Node)
		dropRepeatedCaptions(ra.Node)
		if cjk {
			trimArticleEnd(ra.Node)
		}
		content = sanitizeContent(ra.Node, base, imageBase(base, pageURL))
	}
	nodes := contentNodes(content)
	blocks := article.BlocksOf(nodes...)
	a.Text = article.CanonicalText(blocks)
	a.WordCount = text.WordCount(a.Text)
	a.Readable = rerr == nil && ra.Node != nil && a.WordCount >= minReadableWords
	if a.Text == "" {
		// Nothing the extractor liked: keep the page's own text blocks so
		// the reader still gets what there is.
		content = bodyContent(page, base, imageBase(base, pageURL))
		nodes = contentNodes(content)
		blocks = article.BlocksOf(nodes...)
		a.Text = article.CanonicalText(blocks)
		a.WordCount = text.WordCount(a.Text)
		a.Readable = false
	}
	a.ContentHTML = content
	a.ReadingMinutes = text.ReadingMinutes(a.Text)
	if a.Language == "" {
		if l, _ := text.GuessLanguage(a.Text); l != "" {
			d.set("language", &a.Language, l, article.FromText)
		}
	}
	a.Direction = "ltr"
	if m.htmlDir == "rtl" || (m.htmlDir != "ltr" && rtlLanguages[baseLang(a.Language)]) {
		a.Direction = "rtl"
	}

	var cr credits
	var shownDate, looseDate time.Time
	var above string // the heading found above the body when no title names a line
	if cjk {
		h := headingLine(lines, heading)
		body := strings.Split(a.Text, "\n\n")
		if h < 0 {
			if h = headingAboveBody(lines, body); h >= 0 {
				above = lines[h].text
			}
		}
		last := articleEnd(lines, h, body)
		cr = findCredits(lines, h, last, body)
		var ok bool
		if shownDate, ok = findDateLine(lines, h, last, loc); !ok && m.address != nil {
			ref, _ := urlDate(m.address.Path, loc)
			shownDate, ok = yearlessDateLine(lines, h, ref, loc)
		}
		if !ok {
			looseDate, _ = looseDateLine(lines, h, loc)
		}
	} else if latinLines != nil {
		looseDate = m.readPrinted(latinLines, []string{heading, metaText(ra.Title())}, a.Language, loc)
		if m.unsigned() && m.shownByline == "" {
			m.shownByline = contentByline(strings.Split(a.Text, "\n\n"))
		}
	}
	d.setSiteName(m, ra)
	d.setTitle(m, ra, shown, above, lines)
	d.setAuthors(m, ra, cues, cr, cjk, shown)
	d.setEditors(cr)
	d.setDates(m, cues, shownDate, looseDate, loc)
	d.setCanonical(m, base)
	d.setSource(m, cues, cr, shown, base)
	d.setExcerpt(m, raExcerpt, content)
	if baseLang(a.Language) == "zh" {
		if v := chineseExcerpt(a.Excerpt, a.Title, a.Text); v != a.Excerpt {
			d.set("excerpt", &a.Excerpt, v, article.FromText)
		}
	}
	d.setImage(m, blocks, nodes, base)
	return a, nil
}

// prepareForExtractor changes the page as the extractor should read it;
// the second extractions (extractWithout) read the page the same way.
func prepareForExtractor(doc *html.Node) {
	promotePictureSources(doc)
	unwrapArticleNoscript(doc)
	removeConsentNotices(doc)
}

// extract runs the extractor on doc, keeping the classes the rules after it
// read.
func extract(doc *html.Node, base *url.URL) (readability.Article, error) {
	parser := readability.NewParser()
	parser.KeepClasses = true
	return parser.ParseAndMutate(doc, base)
}

// draft is an article while Parse fills it in, field by field, recording
// where each value came from.
type draft struct{ *article.Article }

// set assigns a field with its provenance.
func (a *draft) set(field string, dst *string, v, from string) {
	*dst = v
	a.Provenance[field] = from
}

// documentBase is what relative URLs on the page resolve against: the
// first <base href>, taken relative to the page's address, else the address
// itself. Only http(s) URLs count; nil when none does.
func documentBase(doc *goquery.Document, address *url.URL) *url.URL {
	if href, ok := doc.Find("base[href]").First().Attr("href"); ok {
		if u := webURL(href, address); u != nil {
			return u
		}
	}
	return address
}

// firstWebURL is the first of refs that is an absolute http(s) URL; nil
// when none is.
func firstWebURL(refs ...string) *url.URL {
	for _, ref := range refs {
		if u := webURL(ref, nil); u != nil {
			return u
		}
	}
	return nil
}

// webURL parses ref, resolved against base unless base is nil, and returns
// it when it is an http(s) URL with a host; nil otherwise.
func webURL(ref string, base *url.URL) *url.URL {
	u, err := url.Parse(strings.TrimSpace(ref))
	if err != nil {
		return nil
	}
	if base != nil {
		u = base.ResolveReference(u)
	}
	if (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil
	}
	return u
}

// hasHTMLContent reports whether the parsed page has any text or elements in
// its body (a page of white space and comments is empty).
func hasHTMLContent(doc *html.Node) bool {
	found := false
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil && !found; c = c.NextSibling {
			switch {
			case c.Type == html.TextNode && strings.TrimSpace(c.Data) != "":
				found = true
			case c.Type == html.ElementNode && (c.DataAtom == atom.Img || c.DataAtom == atom.Title || c.DataAtom == atom.Meta):
				found = true
			case c.Type == html.ElementNode || c.Type == html.DocumentNode:
				walk(c)
			}
		}
	}
	walk(doc)
	return found
}

// sampleText collects up to n code points of the body's visible text, to
// guess the language of pages that do not declare one.
func sampleText(doc *html.Node, n int) string {
	var b strings.Builder
	count := 0
	var walk func(*html.Node)
	walk = func(nd *html.Node) {
		for c := nd.FirstChild; c != nil && count < n; c = c.NextSibling {
			switch c.Type {
			case html.TextNode:
				if s := strings.TrimSpace(c.Data); s != "" {
					b.WriteString(s)
					b.WriteByte(' ')
					count += utf8.RuneCountInString(s)
				}
			case html.ElementNode:
				if !article.NeverText(c.DataAtom) {
					walk(c)
				}
			case html.DocumentNode:
				walk(c)
			}
		}
	}
	walk(doc)
	return b.String()
}

// bodyContent is the sanitized body of a page the extractor found no
// article in, without navigation and boilerplate.
func bodyContent(page string, base, images *url.URL) string {
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		return ""
	}
	gq := goquery.NewDocumentFromNode(doc)
	gq.Find("script, style, noscript, template, nav, header, footer, aside, form, iframe, [role=navigation], [hidden]").Remove()
	body := gq.Find("body").First()
	if body.Length() == 0 {
		return ""
	}
	node := body.Get(0)
	removeBoilerplate(node, false)
	return sanitizeContent(node, base, images)
}

// setLanguage takes the language the page declares, else the one its
// script shows (script, and sure as scriptGuess returns them).
func (a *draft) setLanguage(m *pageMeta, script string, sure bool) {
	declared := normalizeLang(m.htmlLang)
	if declared == "" {
		declared = normalizeLang(m.first(langKeys...))
	}
	// A page whose text is plainly Chinese, Japanese or Korean but whose
	// template declares another language (lang="en" is a common default)
	// is read as what it is: the reader needs the right CJK font.
	if sure && declared != "" && baseLang(declared) != script {
		a.set("language", &a.Language, script, article.FromText)
		return
	}
	for _, c := range []struct{ lang, from string }{
		{declared, article.FromMeta},
		{normalizeLang(m.ld.lang), article.FromJSONLD},
		{normalizeLang(m.first("og:locale")), article.FromMeta},
		{script, article.FromText},
	} {
		if c.lang != "" {
			a.set("language", &a.Language, c.lang, c.from)
			return
		}
	}
}

// setSiteName takes the hosting site's name only from what the page says
// about itself: Readability's (JSON-LD publisher, og:site_name), the
// journal or publisher vocabularies it does not read (Highwire, Dublin
// Core), or a suffix of Readability's title that the page confirms with
// its <h1> and its logo.
// Without any of these it stays empty (SiteOrHost falls back to the host):
// a host name is not a site name.
func (a *draft) setSiteName(m *pageMeta, ra readability.Article) {
	title := metaText(ra.Title())
	switch v := metaText(ra.SiteName()); {
	case v != "" && sameText(v, title):
		// A template that fills og:site_name with the page's title
		// (goo.ne.jp's blogs) names the site by the title's last part,
		// the blog's name, when a separator sets one off; else by
		// nothing it declares.
		if parts := splitTitle(v); len(parts) > 1 {
			a.set("site_name", &a.SiteName, parts[len(parts)-1], article.FromMeta)
		}
		return
	case v != "":
		from := article.FromMeta
		if sameText(v, m.ld.publisher) {
			from = article.FromJSONLD
		}
		a.set("site_name", &a.SiteName, v, from)
		return
	}
	if v := m.first(siteKeys...); v != "" && !sameText(v, title) {
		a.set("site_name", &a.SiteName, v, article.FromMeta)
		return
	}
	// The suffix is read from the title Readability keeps: when it has
	// already cut the site off, the name is not needed to clean the title
	// and the evidence is weaker.
	if v := titleSiteName(title, m.h1); v != "" && slices.ContainsFunc(m.homeNames, func(n string) bool { return sameName(n, v) }) {
		a.set("site_name", &a.SiteName, v, article.FromText)
	}
}

// setTitle keeps Readability's title (JSON-LD, <meta>, else <title>). A
// title the page declares as metadata is the publisher's own choice and is
// kept as written, as Readability.js keeps it; only the <title> shown on a
// browser tab loses its site suffix, and only when the page confirms that
// name (see cleanTitle).
func (a *draft) setTitle(m *pageMeta, ra readability.Article, shown, above string, lines []pageLine) {
	title, from := metaText(ra.Title()), article.FromReadability
	switch {
	case title != "" && (sameText(title, m.ld.title) || sameText(title, m.ld.headline)):
		from = article.FromJSONLD
	case title != "" && m.has(title, titleKeys...):
		from = article.FromMeta
	case title == "" && m.ld.title != "":
		title, from = m.ld.title, article.FromJSONLD
	case title == "" && m.last(titleKeys...) != "":
		title, from = m.last(titleKeys...), article.FromMeta
	case title == "" && m.docTitle != "":
		title, from = cleanTitle(m.docTitle, a.SiteName, m.h1), article.FromMeta
	default: // Readability's title is the <title>, or there is none
		title = cleanTitle(title, a.SiteName, m.h1)
	}
	names := append([]string{a.SiteName, m.ld.publisher}, m.homeNames...)
	// A <title> that only names a section and the site heads no article:
	// the heading above the body does (see namesOnly).
	if above != "" && sameText(title, m.docTitle) && namesOnly(m.docTitle, newPortalNames(names, m.owners, lines, above), lines) {
		title, from = above, article.FromText
	}
	// A declared title cut short (a quote inside og:title ends the
	// attribute) gives way to the heading the page shows; so does a
	// portal's <title> whose channel and site names the page confirms
	// (see confirmedCut). White space is ignored: Readability turns the
	// <title>'s ideographic spaces into plain ones (other-1 of zh-dev).
	if shown != "" && title != shown {
		if from == article.FromMeta && strings.HasPrefix(shown, title) ||
			strings.Contains(noSpaces(m.docTitle), noSpaces(title)) && confirmedCut(m.docTitle, shown, newPortalNames(names, m.owners, lines, shown)) {
			title, from = shown, article.FromText
		}
	}
	if h := headingOfTitle(title, m.h1, a.Language); h != "" {
		title, from = h, article.FromText
	} else if leavesTitles(a.Language) {
		var host string
		if m.address != nil {
			host = m.address.Hostname()
		}
		title = withoutSiteName(title, names, host)
	}
	if title == "" {
		return
	}
	a.set("title", &a.Title, title, from)
}

func (a *draft) setAuthors(m *pageMeta, ra readability.Article, cues textCues, cr credits, cjk bool, shown string) {
	declared := m.metaAuthors(authorKeys)
	if v := m.last("article:author"); len(declared) == 0 && v != "" && !looksLikeURL(v) {
		// As Readability.js: article:author last, and only as a name
		// (it is often a profile URL).
		declared = []string{v}
	}
	// Readability's byline comes from the content: rel=author,
	// itemprop=author, or a byline-like class.
	byline := readabilityByline(ra)
	extra := m.metaAuthors(extraAuthorKeys)
	if !cjk {
		byline = cleanByline(byline, a.Language)
	} else {
		if len(extra) == 0 {
			extra = m.microdata
		}
		// Chinese portals put their own name, the outlet or a template's
		// placeholder where the author goes ("网易", "参考消息",
		// "name, email@gmail.com"): only people count.
		sites := siteNames(a.SiteName, m, shown)
		declared = people(declared, sites)
		extra = people(extra, sites)
		// Portals fill the author field with the editor on duty, whom
		// the page credits as 责任编辑 (banyuetan.org, whose writer is
		// the "半月谈记者" opening the text): an editor is no author when
		// the page names its writer. (When it names none, the field is
		// kept as Readability.js keeps it on Mozilla's gmw page.)
		// Provenance: go-trafilatura's comparison set.
		if len(cr.authors) > 0 {
			declared = notEditors(declared, cr.editors)
		}
		if byline != "" {
			var c credits
			c.readLine(byline)
			switch {
			case len(c.authors) > 0:
				byline = strings.Join(c.authors, ", ")
			case len(cr.authors) > 0 && (len(c.editors) > 0 || len(notEditors([]string{byline}, cr.editors)) == 0):
				byline = "" // an editor's credit where the page names its writer
			case !bylinePerson(byline) && !penName(byline, sites, a.Text):
				byline = ""
			}
		}
	}
	var authors []string
	var from string
	switch {
	case len(m.ld.authors) > 0:
		authors, from = m.ld.authors, article.FromJSONLD
	case len(declared) > 0:
		authors, from = declared, article.FromMeta
	case len(cr.authors) > 0:
		authors, from = cr.authors, article.FromText
	case len(cues.authors) > 0:
		authors, from = cues.authors, article.FromText
	case byline != "":
		authors, from = []string{byline}, article.FromReadability
	case len(extra) > 0:
		authors, from = extra, article.FromMeta
	case m.hcard != "":
		authors, from = []string{m.hcard}, article.FromMeta
	case m.shownByline != "":
		authors, from = []string{m.shownByline}, article.FromText
	case m.authorLink != "":
		authors, from = []string{m.authorLink}, article.FromText
	}
	if len(authors) > 0 {
		a.Authors = authors
		a.Provenance["authors"] = from
	}
}

// rxAuthorBox matches the text of an author box or profile card, which
// Readability sometimes takes for a byline ("关于作者 xx 文章497 粉丝2").
var rxAuthorBox = regexp.MustCompile(`(?i)关于作者|作者简介|粉丝|关注|about the author|followers|view my complete profile`)

// readabilityByline is Readability's byline unless it is an author box.
func readabilityByline(ra readability.Article) string {
	b := text.CollapseSpace(text.Clean(ra.Byline()))
	if rxAuthorBox.MatchString(b) {
		return ""
	}
	return b
}

// metaAuthors reads authors from the first of keys present in <meta>:
// every value of Highwire's citation_author (one author per tag), the last
// of the others (as Readability.js does).
func (m *pageMeta) metaAuthors(keys []string) []string {
	for _, k := range keys {
		vs := m.values[k]
		if len(vs) == 0 {
			continue
		}
		var out []string
		if k == "citation_author" {
			out = appendUnique(out, vs...)
		} else {
			out = []string{vs[len(vs)-1]}
		}
		return out
	}
	return nil
}

// readPrinted reads what a page that is not Chinese prints by its heading
// when its markup declares no date or no author: the date it returns (zero
// when none) and m.shownByline. headings are the texts the heading may
// have, best first: the heading outside links first (a link to the
// article in a menu may come first), then as a link to the post; the
// extractor's title finds it when the page has no <h1> and its <title>
// adds the site's name.
func (m *pageMeta) readPrinted(lines []pageLine, headings []string, lang string, loc *time.Location) time.Time {
	h := -1
	for _, t := range headings {
		for _, linked := range []bool{false, true} {
			if h < 0 {
				h = headingLineAsIs(lines, t, linked)
			}
		}
	}
	if m.unsigned() {
		m.shownByline = headingByline(lines, h)
	}
	if !m.undated() {
		return time.Time{}
	}
	if t, ok := headingDateLine(lines, h, lang, loc); ok {
		return t
	}
	t, _ := labelledDateLine(lines, lang, loc)
	return t
}

// notEditors is names without the editors the page credits.
func notEditors(names, editors []string) []string {
	return slices.DeleteFunc(slices.Clone(names), func(n string) bool {
		return slices.ContainsFunc(editors, func(e string) bool { return sameName(n, e) })
	})
}

// setEditors keeps the editors the page credits.
func (a *draft) setEditors(cr credits) {
	if len(cr.editors) > 0 {
		a.Editors = cr.editors
		a.Provenance["editors"] = article.FromText
	}
}

// people keeps the names that can be people: not a site the page is on
// (nor a channel of it: "网易" on 网易财经), not an outlet, not only
// digits, not an e-mail address.
func people(names, sites []string) []string {
	var out []string
	for _, n := range names {
		if strings.Contains(n, "@") || !strings.ContainsFunc(n, unicode.IsLetter) || nonNames[strings.ToLower(n)] ||
			looksLikeOutlet(n) || isSiteName(n, sites) || namesOutlet(n) {
			continue
		}
		out = append(out, n)
	}
	return out
}

// isSiteName reports a name that is one of sites, or shares its brand
// ("新浪科技" and "新浪网", "观察者网" and "观察者").
func isSiteName(name string, sites []string) bool {
	k := nameKey(name)
	for _, s := range sites {
		sk, brand := strings.CutSuffix(nameKey(s), "网")
		if sk == "" || k == "" {
			continue
		}
		// A channel of the site (网易 on 网易财经), or, when the site is
		// a brand and 网, another channel of the brand (新浪科技 on 新浪网).
		if sameName(name, s) || strings.HasPrefix(sk, k) || brand && strings.HasPrefix(k, sk) || strings.TrimSuffix(k, "网") == sk {
			return true
		}
	}
	return false
}

// siteNames are the names a page may give its own site: its declared
// name, its logo's, and the short parts of its <title> around the article's
// title ("…_首页武汉_新闻中心_长江网_cjn.cn"), where portals name
// themselves and their channels.
func siteNames(site string, m *pageMeta, shown string) []string {
	names := append([]string{site}, m.homeNames...)
	names = append(names, m.owners...)
	var parts []string
	if before, after, ok := strings.Cut(m.docTitle, shown); ok && shown != "" {
		parts = append(splitTitlePortal(before), splitTitlePortal(after)...)
	} else if parts = splitTitle(m.docTitle); len(parts) > 0 {
		parts = parts[1:] // the first part is the article's title
	}
	for _, p := range parts {
		if utf8.RuneCountInString(p) <= portalPartMaxRunes {
			names = append(names, p)
		}
	}
	return names
}

// bylinePerson reports a byline the extractor found that reads as people: a
// Latin name, or Chinese names with a common family name.
func bylinePerson(b string) bool {
	names, ok := splitCreditNames(b)
	if !ok {
		return false
	}
	for _, n := range names {
		if hasCJK(n) && !personName(n) {
			return false
		}
	}
	return true
}

// penName reports a byline of one name of 2 to 4 Chinese characters that
// no family name starts (a columnist's pen name: 康斯坦丁, 南冥一鲨 on
// NetEase's 亦观察 column), names no site or outlet, and that the article's
// text names again ("本文为康斯坦丁授权网易财经《亦观察》发布"): a
// label in the byline's place ("我已授权" on hexun-1 of zh-dev) is not.
func penName(b string, sites []string, body string) bool {
	n := utf8.RuneCountInString(b)
	if n < 2 || n > 4 || strings.ContainsFunc(b, func(r rune) bool { return !text.IsCJK(r) }) || !strings.Contains(body, b) {
		return false
	}
	return len(people([]string{b}, sites)) == 1
}

// setDates takes the published date from JSON-LD, <meta>, the cues near
// the heading, a <time> or microdata, a WebPage's JSON-LD, then what the
// page prints (loose: a date line by the heading, see readPrinted; a
// theme's date element, see postTexts) unless the address names another
// day, then the page's address. A date declared in UTC takes the zone of
// the page's clock (printedZone). On a Chinese page the date line it
// shows under the title (shown) wins over metadata, which portals fill
// with the time a page was generated or last touched; the metadata is
// kept only when it says the same, to the minute, with its seconds.
func (a *draft) setDates(m *pageMeta, cues textCues, shown, loose time.Time, loc *time.Location) {
	var declared string // the declared date taken, as written
	if t, ok := parseDate(m.ld.published, loc); ok {
		a.Published, a.Provenance["published"], declared = t, article.FromJSONLD, m.ld.published
	} else if t, ok := parseDate(m.last(publishedKeys...), loc); ok {
		a.Published, a.Provenance["published"], declared = t, article.FromMeta, m.last(publishedKeys...)
	} else if !cues.published.IsZero() {
		a.Published, a.Provenance["published"] = cues.published, article.FromText
	} else if t, ok := parseDate(m.timeNear, loc); ok {
		a.Published, a.Provenance["published"], declared = t, article.FromMeta, m.timeNear
	} else if t, ok := textDate(m.timeNear, a.Language, loc); ok {
		// Microdata on the date as printed: "20.06.2019 11:43".
		a.Published, a.Provenance["published"] = t, article.FromMeta
	} else if t, ok := parseDate(m.ld.pageDate, loc); ok {
		a.Published, a.Provenance["published"], declared = t, article.FromJSONLD, m.ld.pageDate
	}
	if from := a.Provenance["published"]; from == article.FromJSONLD || from == article.FromMeta {
		var dates []string
		for _, k := range publishedKeys {
			dates = append(dates, m.values[k]...)
		}
		a.Published = printedZone(a.Published, append(append(dates, m.ld.dates...), m.timeNear))
		if _, off := a.Published.Zone(); off == 0 && rxMachineUTC.MatchString(strings.TrimSpace(declared)) {
			// Written in UTC by a machine, with nothing on the page to
			// say its clock: the clock of the page's language, where it
			// has one (a German post at midnight, "2021-11-04T23:00Z",
			// is the 5th).
			a.Published = inLanguageClock(a.Published, a.Language)
		}
	}
	var inURL time.Time
	if m.address != nil {
		inURL, _ = urlDate(m.address.Path, loc)
	}
	// The date line under the title wins, unless the page's address
	// names the day the metadata gives and the line another one (a date
	// line that belongs to something else).
	if !shown.IsZero() && !a.Published.Truncate(time.Minute).Equal(shown.Truncate(time.Minute)) &&
		!(!a.Published.IsZero() && sameDay(a.Published, inURL, loc) && !sameDay(shown, inURL, loc)) {
		a.Published, a.Provenance["published"] = shown, article.FromText
	}
	var posted time.Time
	if a.Published.IsZero() {
		posted, _ = postedDate(m.postTitle, m.postTexts, a.Language, loc)
	}
	switch {
	case !a.Published.IsZero():
	case !loose.IsZero() && (inURL.IsZero() || sameDay(loose, inURL, loc)):
		a.Published, a.Provenance["published"] = loose, article.FromText
	case !posted.IsZero() && (inURL.IsZero() || sameDay(posted, inURL, loc)):
		// A theme's date beside the post, unless the address names
		// another day (it is then a date of something else on the page).
		a.Published, a.Provenance["published"] = posted, article.FromText
	case !inURL.IsZero():
		a.Published, a.Provenance["published"] = inURL, article.FromURL
	}
	if t, ok := parseDate(m.ld.modified, loc); ok {
		a.Modified, a.Provenance["modified"] = t, article.FromJSONLD
	} else if t, ok := parseDate(m.last(modifiedKeys...), loc); ok {
		a.Modified, a.Provenance["modified"] = t, article.FromMeta
	}
}

// sameDay reports whether a and b fall on the same day in loc; false when
// either is unknown.
func sameDay(a, b time.Time, loc *time.Location) bool {
	if a.IsZero() || b.IsZero() {
		return false
	}
	ya, ma, da := a.In(loc).Date()
	yb, mb, db := b.In(loc).Date()
	return ya == yb && ma == mb && da == db
}

// setSource records the original publisher of a repost: a JSON-LD
// isBasedOn, or a 来源:/出处: cue, when it names someone other than the
// hosting site.
func (a *draft) setSource(m *pageMeta, cues textCues, cr credits, shown string, base *url.URL) {
	based := m.ld.basedOn
	if based.URL != "" {
		based.URL = resolve(based.URL, base)
	}
	// Candidates in the order a reader trusts them; one naming the host
	// itself gives way to the next ("来源：澎湃新闻·澎湃号·政务" under the
	// title, "来源|广州参考" at the end: thepaper-2 of zh-dev).
	type candidate struct {
		src  article.Source
		from string
	}
	cands := []candidate{{based, article.FromJSONLD}, {cues.source, article.FromText}}
	for _, n := range cr.sources {
		cands = append(cands, candidate{article.Source{Name: n}, article.FromText})
	}
	var sites []string
	for _, c := range cands {
		src := c.src
		if src.IsZero() {
			continue
		}
		if sites == nil {
			sites = siteNames(a.SiteName, m, shown)
		}
		// "人民网-《人民日报》": the host reprints its own newspaper, which
		// is the original (of the same brand as the host, which would
		// otherwise make it the host).
		site, paper, reprint := sitePaper(src.Name)
		if reprint = reprint && isSiteName(site, sites) && !sameName(paper, site); reprint {
			src.Name = paper
		}
		if !reprint && src.Name != "" && (isSiteName(src.Name, sites) || isSiteName(firstOutletPart(src.Name), sites)) {
			continue
		}
		if slices.Contains(a.Authors, src.Name) {
			return // 来源: 尹娟 named the writer
		}
		// The title's last part names the host even when the page does not
		// confirm it as the site name ("来源：某某网" on 某某网 is no repost),
		// and an isBasedOn pointing at the page's own canonical address is
		// the page itself (a saved copy's URL differs from the canonical one).
		// The page's site is that of its address, whatever its <base href>.
		if !isRepost(src, a.SiteName, m.address) || !isRepost(src, titleSiteName(m.docTitle, m.h1), m.address) ||
			!isRepost(src, a.SiteName, webURL(a.CanonicalURL, nil)) {
			continue
		}
		if cues.originalTitle != "" {
			src.Title = cues.originalTitle
		}
		a.Source = src
		a.Provenance["source"] = c.from
		return
	}
}

// rxSitePaper is a source that names the host and, in 《》, the paper it
// reprints, at the start of a credit's value: "人民网-《人民日报》",
// "人民网－《人民日报海外版》".
var rxSitePaper = regexp.MustCompile(`^\s*([^\s《》\-－—–·]+)\s*[-－—–·]\s*《([^《》]+)》`)

// sitePaper splits a source named so into the site and the paper.
func sitePaper(name string) (site, paper string, ok bool) {
	m := rxSitePaper.FindStringSubmatch(name)
	if m == nil {
		return "", "", false
	}
	return m[1], m[2], true
}

// firstOutletPart is the first of an outlet's parts ("澎湃新闻" of
// "澎湃新闻·澎湃号·政务", the platform and its channel).
func firstOutletPart(name string) string {
	first, _, _ := strings.Cut(name, "·")
	return strings.TrimSpace(first)
}

// isRepost reports whether src names a publisher other than the host:
// site is the host's name, page its address (nil when unknown).
func isRepost(src article.Source, site string, page *url.URL) bool {
	if src.Name != "" && site != "" && (sameName(src.Name, site) || strings.Contains(nameKey(site), nameKey(src.Name)) && nameKey(src.Name) != "") {
		return false
	}
	if src.URL != "" && page != nil {
		if u, err := url.Parse(src.URL); err == nil && strings.TrimPrefix(u.Hostname(), "www.") == strings.TrimPrefix(page.Hostname(), "www.") {
			return src.Name != "" && !sameName(src.Name, site)
		}
	}
	return src.Name != "" || src.URL != ""
}

// setExcerpt keeps Readability's excerpt whole (JSON-LD or <meta>
// description, else the first paragraph); the same sources when
// Readability found no article.
func (a *draft) setExcerpt(m *pageMeta, raExcerpt, content string) {
	if v := metaText(raExcerpt); v != "" {
		from := article.FromReadability
		switch {
		case sameText(v, m.ld.description):
			from = article.FromJSONLD
		case m.has(v, excerptKeys...):
			from = article.FromMeta
		}
		a.set("excerpt", &a.Excerpt, v, from)
		return
	}
	if m.ld.description != "" {
		a.set("excerpt", &a.Excerpt, m.ld.description, article.FromJSONLD)
		return
	}
	if v := m.last(excerptKeys...); v != "" {
		a.set("excerpt", &a.Excerpt, text.CollapseSpace(v), article.FromMeta)
		return
	}
	if p := firstParagraph(content); p != "" {
		a.set("excerpt", &a.Excerpt, p, article.FromReadability)
	}
}

// metaText is a metadata value as Readability gives it, white space and
// all (the reference keeps "\u00a0" and double spaces), made safe: valid
// UTF-8, no control or private-use characters, trimmed.
func metaText(s string) string {
	s = strings.Map(func(r rune) rune {
		if text.UnsafeRune(r) {
			return -1
		}
		return r
	}, strings.ToValidUTF8(s, "\uFFFD"))
	return strings.TrimSpace(s)
}

// sameText compares two metadata values up to white space.
func sameText(a, b string) bool {
	return a != "" && text.CollapseSpace(text.Clean(a)) == text.CollapseSpace(text.Clean(b))
}

// has reports whether any <meta> value under keys is v (up to white space).
func (m *pageMeta) has(v string, keys ...string) bool {
	for _, k := range keys {
		for _, x := range m.values[k] {
			if sameText(v, x) {
				return true
			}
		}
	}
	return false
}

// firstParagraph is the text of the first <p> of the content, as
// Readability.js takes it for an excerpt.
func firstParagraph(contentHTML string) string {
	doc, err := goquery.NewDocumentFromReader(strings.NewReader(contentHTML))
	if err != nil {
		return ""
	}
	var first string
	doc.Find("p").EachWithBreak(func(_ int, s *goquery.Selection) bool {
		// Through the block rules, so <br> separates words as it does in Text.
		first = text.CollapseSpace(article.CanonicalText(article.BlocksOf(s.Get(0))))
		return first == ""
	})
	return first
}

// contentNodes parses sanitized content as article.Blocks does, once for
// the blocks and for the rules that read what blocks drop (iconSources
// reads pictures' sizes).
func contentNodes(content string) []*html.Node {
	body := &html.Node{Type: html.ElementNode, Data: "body", DataAtom: atom.Body}
	nodes, err := html.ParseFragment(strings.NewReader(content), body)
	if err != nil {
		return nil
	}
	return nodes
}

// setImage picks the lead picture: the declared one, else the content's
// first picture that is no icon. content is ContentHTML as parsed for
// blocks.
func (a *draft) setImage(m *pageMeta, blocks []article.Block, content []*html.Node, base *url.URL) {
	if u := resolve(m.ld.image, base); u != "" {
		a.set("image_url", &a.ImageURL, u, article.FromJSONLD)
		return
	}
	if u := resolve(m.first(imageKeys...), base); u != "" {
		a.set("image_url", &a.ImageURL, u, article.FromMeta)
		return
	}
	var icons map[string]bool
	for _, b := range blocks {
		if b.Kind != article.Image || webURL(b.Image.URL, nil) == nil {
			continue
		}
		if icons == nil {
			icons = iconSources(content)
		}
		if !icons[b.Image.URL] {
			a.set("image_url", &a.ImageURL, b.Image.URL, article.FromReadability)
			return
		}
	}
}

// leadMinSide is the side, in pixels, below which a picture the page
// declares small is an icon, not an article's lead picture: 163.com closes
// its articles with a 13x12 channel icon beside the editor's name, which
// became the lead picture (and an EPUB's cover) of pages with no og:image.
const leadMinSide = 48

// iconSources are the sources of the content's pictures that declare both
// sides smaller than leadMinSide.
func iconSources(content []*html.Node) map[string]bool {
	icons := map[string]bool{}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && n.DataAtom == atom.Img {
			w, errW := strconv.Atoi(strings.TrimSuffix(strings.TrimSpace(article.Attr(n, "width")), "px"))
			h, errH := strconv.Atoi(strings.TrimSuffix(strings.TrimSpace(article.Attr(n, "height")), "px"))
			if src := article.Attr(n, "src"); src != "" && errW == nil && errH == nil && w < leadMinSide && h < leadMinSide {
				icons[src] = true
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	for _, n := range content {
		walk(n)
	}
	return icons
}

func (a *draft) setCanonical(m *pageMeta, base *url.URL) {
	if u := resolve(m.canon, base); u != "" {
		a.set("canonical_url", &a.CanonicalURL, u, article.FromMeta)
	} else if u := resolve(m.first("og:url"), base); u != "" {
		a.set("canonical_url", &a.CanonicalURL, u, article.FromMeta)
	} else if u := resolve(m.ld.url, base); u != "" {
		a.set("canonical_url", &a.CanonicalURL, u, article.FromJSONLD)
	}
}

// tooDeepRE matches the HTML parser's refusal of a page nested deeper than
// it keeps open ("html: open stack of elements exceeds 512 nodes"), which
// reads to a reader as if the page had 512 elements.
var tooDeepRE = regexp.MustCompile(`open stack of elements exceeds ([0-9]+) nodes`)

// nestingDepth is how deep the page's tags nest as written: start tags
// minus end tags, void and self-closing elements aside. Only the message of
// a refused page uses it, to say how far past the limit the page goes.
func nestingDepth(page string) int {
	z := html.NewTokenizer(strings.NewReader(page))
	depth, deepest := 0, 0
	for {
		switch z.Next() {
		case html.ErrorToken:
			return deepest
		case html.StartTagToken:
			name, _ := z.TagName()
			if !voidElements[atom.Lookup(name)] {
				depth++
				deepest = max(deepest, depth)
			}
		case html.EndTagToken:
			depth = max(depth-1, 0)
		}
	}
}

// voidElements never have an end tag, so never nest anything.
var voidElements = map[atom.Atom]bool{
	atom.Area: true, atom.Base: true, atom.Br: true, atom.Col: true, atom.Embed: true,
	atom.Hr: true, atom.Img: true, atom.Input: true, atom.Link: true, atom.Meta: true,
	atom.Param: true, atom.Source: true, atom.Track: true, atom.Wbr: true, atom.Keygen: true,
}

// groupThousands writes n with a comma between thousands: 100,000.
func groupThousands(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
