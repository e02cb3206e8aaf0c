package export

import (
	"archive/zip"
	"bytes"
	"cmp"
	"context"
	"crypto/sha256"
	"encoding/xml"
	"errors"
	"fmt"
	"hash/crc32"
	"image"
	"image/png"
	"io"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"golang.org/x/image/webp"

	"app.margin/margin/article"
	"app.margin/margin/internal/text"
	"app.margin/margin/storage"
)

// The book's layout: everything but the container under EPUB/, pictures in
// EPUB/images/.
const (
	epubMimetype = "application/epub+zip"
	bookDir      = "EPUB/"
	packageFile  = "package.opf"
	navFile      = "nav.xhtml"
	styleFile    = "style.css"
	imagesDir    = "images/"
)

// book is an EPUB 3 being written: entries go into the zip as each article
// is rendered, and the package document and table of contents, which list
// them all, come last.
type book struct {
	zw       *zip.Writer
	lib      Library
	ctx      context.Context
	chapters []bookChapter
	images   []bookImage
	byHash   map[string]string // picture SHA-256 -> its file in the book, "" when it cannot go in
	langs    map[string]int    // chapters per language
	authors  []string          // the articles' credited people, each once
	modified time.Time         // the latest change to any article
	first    *storage.Article  // the only article of a one-article book
}

type bookChapter struct {
	id, href, title, lang, key string
	headings                   []heading
}

type bookImage struct {
	id, href, mediaType string
	cover               bool
}

// toEPUB writes the selected articles at path as one EPUB 3 book: a
// chapter per article in id order, a table of contents, their pictures.
func toEPUB(ctx context.Context, lib Library, path string, sel Selection, items []item, opt Options, progress Progress) error {
	dir, name := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	err := replaceFile(dir, name, func(w io.Writer) error {
		bk := &book{zw: zip.NewWriter(w), lib: lib, ctx: ctx, byHash: map[string]string{}, langs: map[string]int{}}
		if err := bk.begin(); err != nil {
			return err
		}
		for i, it := range items {
			if err := ctx.Err(); err != nil {
				return err
			}
			a, hs, err := load(ctx, lib, it, false) // a book links to no passage
			switch {
			case errors.Is(err, storage.ErrNotFound):
				// Deleted since it was selected: nothing to export.
			case err != nil:
				return err
			default:
				if err := bk.add(a, hs); err != nil {
					return fmt.Errorf("article %d: %w", a.ID, err)
				}
			}
			report(progress, i+1, len(items))
		}
		if len(bk.chapters) == 0 {
			return fmt.Errorf("%w: no articles to put in the book", ErrEmpty)
		}
		if err := bk.finish(bookTitle(sel, opt, bk)); err != nil {
			return err
		}
		return bk.zw.Close()
	})
	if err != nil {
		return fmt.Errorf("export: %w", err)
	}
	return nil
}

// bookTitle is Options.Title, else the article's title for a book of one,
// else a name for the selection.
func bookTitle(sel Selection, opt Options, bk *book) string {
	switch {
	case strings.TrimSpace(opt.Title) != "":
		return text.OneLine(opt.Title)
	case bk.first != nil:
		return bk.chapters[0].title
	case sel.Query != "" && sel.Tag != "":
		return fmt.Sprintf("Margin: “%s” in #%s", text.OneLine(sel.Query), text.OneLine(sel.Tag))
	case sel.Query != "":
		return fmt.Sprintf("Margin: “%s”", text.OneLine(sel.Query))
	case sel.Tag != "":
		return "Margin: #" + text.OneLine(sel.Tag)
	}
	return fmt.Sprintf("Margin: %d articles", len(bk.chapters))
}

// begin writes the mimetype entry, first and stored uncompressed so a
// reader can tell the file type from its first bytes, and the container.
func (bk *book) begin() error {
	data := []byte(epubMimetype)
	w, err := bk.zw.CreateRaw(&zip.FileHeader{
		Name: "mimetype", Method: zip.Store, CRC32: crc32.ChecksumIEEE(data),
		CompressedSize64: uint64(len(data)), UncompressedSize64: uint64(len(data)),
	})
	if err == nil {
		_, err = w.Write(data)
	}
	if err != nil {
		return fmt.Errorf("write book: %w", err)
	}
	return bk.entry("META-INF/container.xml", []byte(`<?xml version="1.0" encoding="UTF-8"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
<rootfiles>
<rootfile full-path="`+bookDir+packageFile+`" media-type="application/oebps-package+xml"/>
</rootfiles>
</container>
`), true)
}

// entry adds a file to the book, compressed unless it is a picture whose
// format already is.
func (bk *book) entry(name string, data []byte, deflate bool) error {
	method := zip.Store
	if deflate {
		method = zip.Deflate
	}
	w, err := bk.zw.CreateHeader(&zip.FileHeader{Name: name, Method: method})
	if err == nil {
		_, err = w.Write(data)
	}
	if err != nil {
		return fmt.Errorf("write book: %w", err)
	}
	return nil
}

// add renders one article as a chapter, with the pictures it shows.
func (bk *book) add(a *storage.Article, hs []storage.Highlight) error {
	lang := articleLang(a)
	data, heads, err := chapterXHTML(bk.ctx, a, hs, lang, bk.picture)
	if err != nil {
		return err
	}
	ch := bookChapter{
		id: "a" + strconv.FormatInt(a.ID, 10), href: "a" + strconv.FormatInt(a.ID, 10) + ".xhtml",
		title: cmp.Or(text.OneLine(a.Title), untitled), lang: lang, key: articleKey(a.ID, a.ClippedAt),
		headings: heads,
	}
	if err := bk.entry(bookDir+ch.href, data, true); err != nil {
		return err
	}
	bk.chapters = append(bk.chapters, ch)
	bk.first = nil
	if len(bk.chapters) == 1 {
		bk.first = a
	}
	bk.langs[lang]++
	for _, p := range a.Credited() {
		if p = text.OneLine(p); p != "" && !slices.Contains(bk.authors, p) && len(bk.authors) < maxBookAuthors {
			bk.authors = append(bk.authors, p)
		}
	}
	for _, t := range []time.Time{a.ClippedAt, a.UpdatedAt} {
		if t.After(bk.modified) {
			bk.modified = t
		}
	}
	return nil
}

// maxBookAuthors is how many people a collection's metadata credits; the
// chapters credit every article's own.
const maxBookAuthors = 20

// articleLang is the language a chapter is marked with: the article's when
// it is a valid tag, unless its text is overwhelmingly Chinese, Japanese
// or Korean (a site template's lang="en" over a Chinese article); what its
// characters suggest when it has none; "und" when nothing is known.
func articleLang(a *storage.Article) string {
	declared := langTag(a.Language)
	guess, sure := text.GuessLanguage(a.Title + "\n" + a.Text)
	switch {
	case guess != "" && sure && !strings.HasPrefix(strings.ToLower(declared), guess):
		return guess
	case declared != "":
		return declared
	case guess != "":
		return guess
	}
	return "und"
}

// picture puts a stored picture in the book once, and returns its file
// relative to the chapters; "" when the book cannot hold it: AVIF, which
// EPUB readers do not show, or an SVG that is not a plain drawing. WebP,
// which EPUB 3.2 readers need not show either, goes in as PNG.
func (bk *book) picture(p article.Picture) (string, error) {
	if href, ok := bk.byHash[p.SHA256]; ok {
		return href, nil
	}
	href, err := bk.addPicture(p)
	if err != nil {
		return "", err
	}
	bk.byHash[p.SHA256] = href
	return href, nil
}

func (bk *book) addPicture(p article.Picture) (string, error) {
	if !isHex(p.SHA256) {
		return "", nil
	}
	data, err := readPicture(bk.ctx, bk.lib, p)
	if errors.Is(err, storage.ErrNotFound) {
		return "", nil // gone since the article was read: shown as missing
	}
	if err != nil {
		return "", err
	}
	mediaType := p.Type
	switch mediaType {
	case "image/jpeg", "image/png", "image/gif":
	case "image/svg+xml":
		if !plainSVG(data) {
			return "", nil
		}
	case "image/webp":
		if data, err = webpToPNG(data); err != nil {
			return "", nil
		}
		mediaType = "image/png"
	default:
		return "", nil
	}
	href := imagesDir + p.SHA256 + pictureExt(mediaType)
	if err := bk.entry(bookDir+href, data, mediaType == "image/svg+xml"); err != nil {
		return "", err
	}
	bk.images = append(bk.images, bookImage{id: "p" + p.SHA256[:20], href: href, mediaType: mediaType})
	return href, nil
}

// cover makes the lead picture of a one-article book its cover, which
// e-readers show in their library.
func (bk *book) cover() error {
	if bk.first == nil || bk.first.ImageURL == "" {
		return nil
	}
	p, ok := bk.first.Picture(bk.first.ImageURL)
	if !ok || !p.Stored() {
		return nil
	}
	href, err := bk.picture(p)
	if err != nil || href == "" {
		return err
	}
	for i := range bk.images {
		bk.images[i].cover = bk.images[i].href == href
	}
	return nil
}

// maxWebPPixels bounds the pictures converted to PNG; the library stores
// none larger, so this only guards against a damaged header.
const maxWebPPixels = article.MaxPicturePixels

// webpToPNG converts a WebP picture to PNG.
func webpToPNG(data []byte) ([]byte, error) {
	cfg, err := webp.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	if cfg.Width <= 0 || cfg.Height <= 0 || cfg.Width*cfg.Height > maxWebPPixels {
		return nil, fmt.Errorf("webp of %dx%d", cfg.Width, cfg.Height)
	}
	img, err := webp.Decode(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	return encodePNG(img)
}

func encodePNG(img image.Image) ([]byte, error) {
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// plainSVG reports an SVG document a book may hold as a picture: well-formed
// XML whose root is an svg element, with no script, no event handler, no
// embedded HTML and no reference to another file. The library stores SVG
// sanitized; this makes sure of it, since a reader runs what a book holds.
func plainSVG(data []byte) bool {
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = true
	root := true
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return !root
		}
		if err != nil {
			return false
		}
		el, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		if root && (el.Name.Space != "http://www.w3.org/2000/svg" || el.Name.Local != "svg") {
			return false
		}
		root = false
		switch strings.ToLower(el.Name.Local) {
		case "script", "foreignobject", "iframe", "object", "embed":
			return false
		}
		for _, at := range el.Attr {
			name := strings.ToLower(at.Name.Local)
			if strings.HasPrefix(name, "on") || (name == "href" && !strings.HasPrefix(at.Value, "#")) {
				return false
			}
		}
	}
}

// finish writes the style sheet, the table of contents and the package
// document.
func (bk *book) finish(title string) error {
	if err := bk.cover(); err != nil {
		return err
	}
	langs := bk.languages()
	if err := bk.entry(bookDir+styleFile, []byte(bookCSS), true); err != nil {
		return err
	}
	if err := bk.entry(bookDir+navFile, bk.nav(langs[0]), true); err != nil {
		return err
	}
	return bk.entry(bookDir+packageFile, bk.packageDoc(title, langs), true)
}

// languages are the chapters' languages, most used first.
func (bk *book) languages() []string {
	var langs []string
	for l := range bk.langs {
		langs = append(langs, l)
	}
	slices.SortFunc(langs, func(x, y string) int { return cmp.Or(cmp.Compare(bk.langs[y], bk.langs[x]), cmp.Compare(x, y)) })
	return langs
}

// nav is the table of contents: each article's title, in the language it
// is written in, with its main headings under it.
func (bk *book) nav(lang string) []byte {
	var b bytes.Buffer
	b.WriteString(xmlHeader)
	fmt.Fprintf(&b, `<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops"%s>`+"\n", langAttr(lang))
	fmt.Fprintf(&b, "<head>\n<meta charset=\"UTF-8\"/>\n<title>Contents</title>\n<link rel=\"stylesheet\" type=\"text/css\" href=\"%s\"/>\n</head>\n<body>\n", styleFile)
	b.WriteString("<nav epub:type=\"toc\" id=\"toc\">\n<h1>Contents</h1>\n<ol>\n")
	for _, ch := range bk.chapters {
		l := ""
		if ch.lang != lang {
			l = ch.lang
		}
		fmt.Fprintf(&b, "<li%s><a href=\"%s\">%s</a>", langAttr(l), ch.href, esc(ch.title))
		if len(ch.headings) > 0 {
			b.WriteString("\n<ol>\n")
			for _, h := range ch.headings {
				fmt.Fprintf(&b, "<li><a href=\"%s#%s\">%s</a></li>\n", ch.href, h.id, esc(h.text))
			}
			b.WriteString("</ol>\n")
		}
		b.WriteString("</li>\n")
	}
	b.WriteString("</ol>\n</nav>\n</body>\n</html>\n")
	return b.Bytes()
}

// packageDoc is the package document: metadata, every file, reading order.
func (bk *book) packageDoc(title string, langs []string) []byte {
	modified := bk.modified
	if modified.IsZero() {
		modified = time.Now()
	}
	var b bytes.Buffer
	fmt.Fprintf(&b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<package xmlns=\"http://www.idpf.org/2007/opf\" version=\"3.0\" unique-identifier=\"book-id\" xml:lang=\"%s\">\n", esc(langs[0]))
	b.WriteString("<metadata xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n")
	fmt.Fprintf(&b, "<dc:identifier id=\"book-id\">%s</dc:identifier>\n", bk.identifier())
	fmt.Fprintf(&b, "<dc:title%s>%s</dc:title>\n", xmlLangAttr(textLang(title, langs[0])), esc(title))
	for _, l := range langs {
		fmt.Fprintf(&b, "<dc:language>%s</dc:language>\n", esc(l))
	}
	for _, p := range bk.authors {
		fmt.Fprintf(&b, "<dc:creator%s>%s</dc:creator>\n", xmlLangAttr(textLang(p, langs[0])), esc(p))
	}
	if a := bk.first; a != nil {
		if site := text.OneLine(a.SiteOrHost()); site != "" {
			fmt.Fprintf(&b, "<dc:publisher>%s</dc:publisher>\n", esc(site))
		}
		if u := uriEscape(articleURL(a)); u != "" {
			fmt.Fprintf(&b, "<dc:source>%s</dc:source>\n", esc(u))
		}
		if !a.Published.IsZero() {
			fmt.Fprintf(&b, "<dc:date>%s</dc:date>\n", a.Published.UTC().Format(time.RFC3339))
		}
	}
	fmt.Fprintf(&b, "<meta property=\"dcterms:modified\">%s</meta>\n", modified.UTC().Format("2006-01-02T15:04:05Z"))
	b.WriteString("</metadata>\n<manifest>\n")
	fmt.Fprintf(&b, "<item id=\"nav\" href=\"%s\" media-type=\"application/xhtml+xml\" properties=\"nav\"/>\n", navFile)
	fmt.Fprintf(&b, "<item id=\"style\" href=\"%s\" media-type=\"text/css\"/>\n", styleFile)
	for _, ch := range bk.chapters {
		fmt.Fprintf(&b, "<item id=\"%s\" href=\"%s\" media-type=\"application/xhtml+xml\"/>\n", ch.id, ch.href)
	}
	for _, im := range bk.images {
		props := ""
		if im.cover {
			props = ` properties="cover-image"`
		}
		fmt.Fprintf(&b, "<item id=\"%s\" href=\"%s\" media-type=\"%s\"%s/>\n", im.id, im.href, im.mediaType, props)
	}
	b.WriteString("</manifest>\n<spine>\n")
	if len(bk.chapters) > 1 {
		b.WriteString("<itemref idref=\"nav\"/>\n") // a collection opens on its contents
	}
	for _, ch := range bk.chapters {
		fmt.Fprintf(&b, "<itemref idref=\"%s\"/>\n", ch.id)
	}
	b.WriteString("</spine>\n</package>\n")
	return b.Bytes()
}

// identifier names the book by the articles in it (their ids and clipping
// times), as a name-based UUID: the same selection exported again is the
// same book to a reader's library, updated rather than duplicated.
func (bk *book) identifier() string {
	h := sha256.New()
	h.Write([]byte("margin epub\n"))
	for _, ch := range bk.chapters {
		h.Write([]byte(ch.key + "\n"))
	}
	u := h.Sum(nil)[:16]
	u[6] = u[6]&0x0f | 0x50 // version 5 (name-based, SHA)
	u[8] = u[8]&0x3f | 0x80 // RFC 4122 variant
	return fmt.Sprintf("urn:uuid:%x-%x-%x-%x-%x", u[0:4], u[4:6], u[6:8], u[8:10], u[10:16])
}

// bookCSS styles the chapters: highlights in the app's colours (kept light
// so text stays readable on e-ink too), pictures within the page.
const bookCSS = `body { line-height: 1.5; }
h1 { font-size: 1.5em; }
.byline { font-size: 0.9em; color: #555; }
.picture { text-align: center; margin: 1em 0; }
.picture img { max-width: 100%; height: auto; }
.missing-picture { font-style: italic; color: #555; }
pre { white-space: pre-wrap; }
mark { color: inherit; }
mark.yellow { background-color: #fff3a3; }
mark.green { background-color: #c8f0c0; }
mark.blue { background-color: #c6e2ff; }
mark.pink { background-color: #ffd0e4; }
mark.purple { background-color: #e2d4ff; }
.noteref { text-decoration: none; }
.endnotes { margin-top: 2em; border-top: 1px solid #999; }
.endnotes .quote { font-style: italic; }
`
