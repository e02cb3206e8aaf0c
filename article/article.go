// Package article holds what Margin knows about a clipped page: the Article
// with its attribution, the blocks and spans its content is made of, and the
// rules for showing them (the hosting site, the one-line credit, "via" the
// original source). The clipper produces articles, storage keeps them, and
// the reader and the exporters show them; this package imports none of them.
package article

import (
	"net/url"
	"strings"
	"time"
)

// Provenance values say where a metadata field came from.
const (
	FromJSONLD      = "json-ld"
	FromMeta        = "meta"         // <meta>, <link>, <html lang>, <time>
	FromText        = "visible-text" // cues such as 来源: or a date line near the title
	FromReadability = "readability"
	FromURL         = "url" // a date in the page's address (/2022/02/13/)
)

// Article is a clipped page: the readable content and its attribution.
//
// Text is the canonical plain text of ContentHTML: one block per paragraph,
// heading, list item or quote, blocks separated by a blank line ("\n\n"),
// white space inside a block collapsed to single spaces. It is deterministic for
// a given ContentHTML; highlights are stored as code-point offsets into it.
type Article struct {
	URL          string `json:"url"`           // as the user gave it
	FinalURL     string `json:"final_url"`     // after redirects
	CanonicalURL string `json:"canonical_url"` // <link rel=canonical>, og:url, or JSON-LD url

	Title   string   `json:"title"`
	Authors []string `json:"authors"`
	// Editors are the editors the page credits (编辑, 责任编辑, 责编), kept
	// apart from the writers: a reader credits the writers, and only when
	// there are none the editors.
	Editors  []string `json:"editors"`
	SiteName string   `json:"site_name"` // the hosting site as the page names it; "" if it does not (see SiteOrHost)
	Source   Source   `json:"source"`    // the original publisher when the page is a repost

	Published time.Time `json:"published,omitzero"`
	Modified  time.Time `json:"modified,omitzero"`

	Language  string `json:"language"`  // BCP 47, e.g. "zh", "en-GB"
	Direction string `json:"direction"` // "ltr" or "rtl"
	Excerpt   string `json:"excerpt"`
	ImageURL  string `json:"image_url"` // lead image, absolute

	ContentHTML string `json:"content_html"` // sanitized, absolute URLs
	Text        string `json:"text"`         // canonical plain text, see above

	// Images are the article's pictures: those of the content in reading
	// order, then the lead image when the content does not hold it. Each is
	// stored in the library at clip time or says why it is missing, so
	// reading never needs the network.
	Images []Picture `json:"images,omitempty"`

	WordCount      int  `json:"word_count"`      // Latin words plus CJK characters
	ReadingMinutes int  `json:"reading_minutes"` // at least 1 for a non-empty text
	Readable       bool `json:"readable"`        // false: Text is the best found, not an article

	// Provenance maps a field name ("title", "authors", "editors", "site_name", "source",
	// "published", "modified", "language", "canonical_url", "excerpt",
	// "image_url") to where its value came from (FromJSONLD, ...).
	Provenance map[string]string `json:"provenance"`

	ExtractorVersion string    `json:"extractor_version"`
	Charset          string    `json:"charset"` // what the page bytes were decoded from
	FetchedAt        time.Time `json:"fetched_at,omitzero"`

	// Raw is the page exactly as fetched (after content-encoding is undone),
	// kept so the article can be extracted again by a later ExtractorVersion.
	Raw []byte `json:"-"`
}

// Picture is one picture of an article, as clipped. SHA256 names the stored
// bytes (the same picture is stored once across the library); it is "" when
// the picture could not be kept, and Missing then says why.
type Picture struct {
	URL     string `json:"url"` // absolute: http(s), or file:/data: for saved pages
	Alt     string `json:"alt,omitempty"`
	Caption string `json:"caption,omitempty"`
	Lead    bool   `json:"lead,omitempty"` // Article.ImageURL

	SHA256  string `json:"sha256,omitempty"` // lowercase hex of the bytes
	Type    string `json:"type,omitempty"`   // media type sniffed from the bytes, e.g. "image/png"
	Size    int64  `json:"size,omitempty"`   // bytes
	Width   int    `json:"width,omitempty"`  // pixels
	Height  int    `json:"height,omitempty"` // pixels
	Missing string `json:"missing,omitempty"`

	// Data carries the bytes from the clipper to the library; it is nil
	// once stored, and readers ask the library for them by SHA256.
	Data []byte `json:"-"`
}

// Limits on one stored picture: the clipper keeps nothing past them, and
// whatever decodes a stored picture (the reader, the EPUB export) may refuse
// anything past them without losing a picture the library holds.
const (
	MaxPictureBytes  = 15 << 20 // one picture, as sent
	MaxPictureSide   = 20000    // pixels, width or height
	MaxPicturePixels = 50_000_000
)

// MissingPixel starts the Missing of a picture of 2x2 pixels or less.
const MissingPixel = "a tracking pixel"

// Pixel reports a tracking pixel: it shows nothing and tells its server
// who reads, so the reader and the exports leave it out altogether.
func (im Picture) Pixel() bool { return strings.HasPrefix(im.Missing, MissingPixel) }

// Stored reports whether the picture's bytes are in the library.
func (im Picture) Stored() bool { return im.SHA256 != "" }

// Picture returns the article's picture clipped from url (an image block's
// ImageRef.URL, or ImageURL).
func (a *Article) Picture(url string) (Picture, bool) {
	for _, im := range a.Images {
		if im.URL == url {
			return im, true
		}
	}
	return Picture{}, false
}

// Source is the original publisher of a reposted article (来源:虎嗅APP).
type Source struct {
	Name  string `json:"name,omitempty"`
	URL   string `json:"url,omitempty"`
	Title string `json:"title,omitempty"` // the original's title when the page gives it (原标题)
}

// IsZero reports whether no source is known.
func (s Source) IsZero() bool { return s.Name == "" && s.URL == "" && s.Title == "" }

// SiteOrHost is the hosting site for display: SiteName, else the host of
// the canonical, final or given URL without "www." ("" when none is known).
func (a *Article) SiteOrHost() string {
	return SiteOrHost(a.SiteName, a.CanonicalURL, a.FinalURL, a.URL)
}

// SiteOrHost is siteName, else the host without "www." of the first of
// urls that has one, for callers that hold only those (a list row).
func SiteOrHost(siteName string, urls ...string) string {
	if siteName != "" {
		return siteName
	}
	for _, raw := range urls {
		if u, err := url.Parse(raw); err == nil && u.Hostname() != "" {
			return strings.TrimPrefix(u.Hostname(), "www.")
		}
	}
	return ""
}

// Via is the original source to credit after the hosting site ("via
// 虎嗅APP"): its name (else the host of its address) and its address when
// that is a web link. Both are "" when there is no source, or when the source
// names the site that hosts the page, which then adds nothing.
func (a *Article) Via() (name, link string) { return Via(a.Source, a.SiteOrHost()) }

// Via is the rule of Article.Via for a source and the site shown beside it,
// for callers that hold only those (a list row).
func Via(src Source, site string) (name, link string) {
	if u, err := url.Parse(src.URL); err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != "" {
		link = src.URL
		if src.Name == "" {
			name = strings.TrimPrefix(u.Hostname(), "www.")
		}
	}
	if src.Name != "" {
		name = src.Name
	}
	if name == "" || strings.EqualFold(strings.TrimSpace(name), strings.TrimSpace(site)) {
		return "", ""
	}
	return name, link
}

// Credited is who the credit line names: the authors, else the editors (a
// portal that names no writer still names who edited the piece).
func (a *Article) Credited() []string {
	if len(a.Authors) > 0 {
		return a.Authors
	}
	return a.Editors
}

// Attribution is the one-line credit for the article, in the order a reader
// scans it: hosting site · authors (else editors) · published date ·
// original source.
// Dates are shown in the page's own time zone (China time for 2023-05-25
// 18:10 +08:00), as the page showed them.
func (a *Article) Attribution() string {
	var parts []string
	if site := a.SiteOrHost(); site != "" {
		parts = append(parts, site)
	}
	if people := a.Credited(); len(people) > 0 {
		parts = append(parts, strings.Join(people, ", "))
	}
	if !a.Published.IsZero() {
		parts = append(parts, a.Published.Format("2006-01-02"))
	}
	if via, _ := a.Via(); via != "" {
		parts = append(parts, "via "+via)
	}
	return strings.Join(parts, " · ")
}
