package clip

import (
	"app.margin/margin/article"

	"app.margin/margin/internal/text"

	"net/url"
	"regexp"
	"strconv"
	"strings"

	"github.com/microcosm-cc/bluemonday"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// contentPolicy keeps the structure a reader needs and nothing that runs:
// no script, style, iframe, form, event handler, class or inline style, and
// links only to http(s) and mailto. A bluemonday policy is safe for
// concurrent use once built.
var contentPolicy = func() *bluemonday.Policy {
	p := bluemonday.NewPolicy()
	p.AllowElements("h1", "h2", "h3", "h4", "h5", "h6", "p", "br", "hr",
		"ul", "ol", "li", "dl", "dt", "dd", "blockquote", "pre", "code", "kbd", "samp",
		"em", "i", "strong", "b", "u", "s", "del", "ins", "mark", "small", "sub", "sup", "cite", "q", "abbr",
		"figure", "figcaption", "table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption",
		"div", "section", "article", "span", "details", "summary")
	p.AllowAttrs("href").OnElements("a")
	p.AllowAttrs("src", "alt", "title", "width", "height").OnElements("img")
	p.AllowAttrs("colspan", "rowspan").Matching(regexp.MustCompile(`^[0-9]{1,3}$`)).OnElements("td", "th")
	p.AllowAttrs("start").Matching(regexp.MustCompile(`^-?[0-9]{1,6}$`)).OnElements("ol")
	p.AllowAttrs("dir").Matching(regexp.MustCompile(`^(?i)(ltr|rtl|auto)$`)).Globally()
	p.AllowAttrs("lang").Matching(regexp.MustCompile(`^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$`)).Globally()
	// Their text is markup (MathML, SVG) or UI, not prose.
	p.SkipElementsContent("math", "svg", "script", "style", "noscript", "template", "iframe",
		"object", "select", "button", "textarea", "canvas", "video", "audio")
	p.AllowURLSchemes("http", "https", "mailto")
	p.RequireParseableURLs(true)
	p.AllowRelativeURLs(false)
	// A picture inline in the page, or one a saved page keeps in its folder
	// (fixMedia lets file: through for images only).
	p.AllowDataURIImages()
	p.AllowURLSchemeWithCustomPolicy("file", func(*url.URL) bool { return true })
	return p
}()

// sanitizeContent renders the extracted node as safe HTML with absolute URLs.
// Links resolve against base, images against images (see imageBase).
func sanitizeContent(n *html.Node, base, images *url.URL) string {
	fixMedia(n, base, images)
	// Both builders start at about the size they end at: grown by
	// doubling, each allocated twice its length, on a long page megabytes.
	var rendered, safe strings.Builder
	rendered.Grow(renderedSize(n) * 17 / 16) // escapes add a few per cent
	if err := html.Render(&rendered, n); err != nil {
		return ""
	}
	safe.Grow(rendered.Len())
	if err := contentPolicy.SanitizeReaderToWriter(strings.NewReader(rendered.String()), &safe); err != nil {
		return ""
	}
	return strings.TrimSpace(safe.String())
}

// renderedSize estimates the length of n rendered: its text and attribute
// values, and the tags around its elements.
func renderedSize(n *html.Node) int {
	size := len(n.Data)
	switch n.Type {
	case html.ElementNode:
		size = 2*len(n.Data) + 5
		for _, a := range n.Attr {
			size += len(a.Key) + len(a.Val) + 4
		}
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		size += renderedSize(c)
	}
	return size
}

// lazyAttrs are where lazy-loading scripts keep the real image address.
var lazyAttrs = []string{
	"data-src", "data-original", "data-lazy-src", "data-actualsrc", "data-url",
	"data-echo", "data-lazyload", "data-original-src", "data-hi-res-src", "file", "zoomfile",
}

// rxPlaceholder matches image addresses that stand in for a lazy image.
var rxPlaceholder = regexp.MustCompile(`(?i)^data:|placeholder|blank\.(gif|png)|spacer|pixel\.(gif|png)|loading|lazy|grey\.gif|1x1`)

// imageBase is what a page's images resolve against: base, else for a
// saved page that declares no web address the file itself, so that
// page_files/photo.jpg names the picture beside it.
func imageBase(base *url.URL, pageURL string) *url.URL {
	if base != nil {
		return base
	}
	if u, err := url.Parse(pageURL); err == nil && u.Scheme == "file" {
		return u
	}
	return nil
}

// fixMedia resolves links against base and images against images, swaps
// lazy-loading placeholders for the real image, picks one image from a
// srcset, and cleans text and attribute values.
func fixMedia(root *html.Node, base, images *url.URL) {
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			// The stored HTML holds no private-use or control characters
			// either, and is NFC like the text.
			n.Data = text.Clean(n.Data)
		}
		if n.Type == html.ElementNode {
			for i := range n.Attr {
				n.Attr[i].Val = text.Clean(n.Attr[i].Val)
			}
			switch n.DataAtom {
			case atom.A:
				if href := strings.TrimSpace(article.Attr(n, "href")); href != "" {
					if u := absoluteURL(href, base); strings.HasPrefix(u, "file:") {
						removeAttr(n, "href")
					} else {
						setAttr(n, "href", u)
					}
				}
			case atom.Img:
				fixImage(n, images)
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(root)
}

func fixImage(n *html.Node, base *url.URL) {
	src := strings.TrimSpace(article.Attr(n, "src"))
	if src == "" || rxPlaceholder.MatchString(src) {
		for _, k := range lazyAttrs {
			if v := strings.TrimSpace(article.Attr(n, k)); v != "" && !strings.HasPrefix(v, "data:") {
				src = v
				break
			}
		}
	}
	if src == "" || strings.HasPrefix(src, "data:") {
		set := article.Attr(n, "srcset")
		if set == "" {
			set = article.Attr(n, "data-srcset")
		}
		if set == "" && n.Parent != nil && n.Parent.DataAtom == atom.Picture {
			for s := n.Parent.FirstChild; s != nil && set == ""; s = s.NextSibling {
				if s.Type == html.ElementNode && s.DataAtom == atom.Source {
					set = article.Attr(s, "srcset")
				}
			}
		}
		if pick := pickSrcset(set); pick != "" {
			src = pick
		}
	}
	if rxDataImage.MatchString(src) {
		if !isDataPixel(src) {
			return // kept as it is: a picture inline in the page
		}
		src = "" // a spacer standing in for a picture the page never named
	}
	setAttr(n, "src", absoluteURL(src, base))
}

// rxDataImage matches an inline picture in a format Margin may keep.
var rxDataImage = regexp.MustCompile(`(?i)^data:image/(png|jpeg|gif|webp|avif|svg\+xml)(;[^,]*)?,`)

// promotePictureSources gives the <img> of each <picture> that has neither
// src nor srcset the srcset of its first <source> in a format Margin keeps,
// where the extractor, which drops an <img> without either, and fixImage
// find it.
func promotePictureSources(n *html.Node) {
	if n.Type == html.ElementNode && n.DataAtom == atom.Picture {
		var img *html.Node
		set := ""
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			switch {
			case c.Type != html.ElementNode:
			case c.DataAtom == atom.Img && img == nil:
				img = c
			case c.DataAtom == atom.Source && set == "" && keptSourceType(article.Attr(c, "type")):
				set = article.Attr(c, "srcset")
			}
		}
		if img != nil && set != "" && article.Attr(img, "src") == "" && article.Attr(img, "srcset") == "" {
			setAttr(img, "srcset", set)
		}
		return
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		promotePictureSources(c)
	}
}

// keptSourceType reports whether a <source> of that type (none: any) is
// a format Margin keeps.
func keptSourceType(t string) bool {
	switch strings.ToLower(strings.TrimSpace(t)) {
	case "", "image/webp", "image/png", "image/jpeg", "image/gif", "image/svg+xml":
		return true
	}
	return false
}

// pickSrcset chooses the widest (or densest) candidate of a srcset.
func pickSrcset(set string) string {
	best, bestSize := "", -1.0
	for _, cand := range strings.Split(set, ",") {
		f := strings.Fields(cand)
		if len(f) == 0 {
			continue
		}
		size := 1.0
		if len(f) > 1 {
			d := f[1]
			if v, err := strconv.ParseFloat(strings.TrimRight(d, "wx"), 64); err == nil {
				size = v
			}
		}
		if size > bestSize {
			best, bestSize = f[0], size
		}
	}
	return best
}

// absoluteURL resolves ref against base. References that cannot be parsed,
// or that run code, become "" so the sanitizer drops them.
func absoluteURL(ref string, base *url.URL) string {
	ref = strings.TrimSpace(ref)
	if ref == "" || strings.HasPrefix(ref, "#") {
		return ref
	}
	u, err := url.Parse(ref)
	if err != nil {
		return ""
	}
	switch strings.ToLower(u.Scheme) {
	case "javascript", "vbscript", "data", "file":
		return ""
	}
	if base != nil && base.IsAbs() {
		u = base.ResolveReference(u)
	}
	return u.String()
}

func removeAttr(n *html.Node, key string) {
	for i, a := range n.Attr {
		if a.Key == key && a.Namespace == "" {
			n.Attr = append(n.Attr[:i], n.Attr[i+1:]...)
			return
		}
	}
}

func setAttr(n *html.Node, key, val string) {
	for i, a := range n.Attr {
		if a.Key == key && a.Namespace == "" {
			n.Attr[i].Val = val
			return
		}
	}
	n.Attr = append(n.Attr, html.Attribute{Key: key, Val: val})
}
