package export

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/xml"
	"image"
	"image/color"
	"image/gif"
	"image/jpeg"
	"image/png"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"app.margin/margin/article"
	"app.margin/margin/internal/testlib"
	"app.margin/margin/storage"
)

// testImage is a small picture with some detail, so it is not a spacer.
func testImage(w, h int) image.Image {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			img.Set(x, y, color.RGBA{uint8(x * 6), uint8(y * 8), 120, 255})
		}
	}
	return img
}

// pictureData are stored pictures of each kind a book meets, by address.
func pictureData(t testing.TB) map[string]article.Picture {
	t.Helper()
	var pngB, jpgB, gifB bytes.Buffer
	if err := png.Encode(&pngB, testImage(40, 30)); err != nil {
		t.Fatal(err)
	}
	if err := jpeg.Encode(&jpgB, testImage(32, 24), nil); err != nil {
		t.Fatal(err)
	}
	if err := gif.Encode(&gifB, testImage(16, 16), nil); err != nil {
		t.Fatal(err)
	}
	webpB, err := os.ReadFile(filepath.Join("testdata", "gopher.webp"))
	if err != nil {
		t.Fatal(err)
	}
	svg := `<svg xmlns="http://www.w3.org/2000/svg" width="20" height="20" viewBox="0 0 20 20"><circle cx="10" cy="10" r="8" fill="teal"/></svg>`
	pic := func(typ string, data []byte, w, h int) article.Picture {
		return article.Picture{Type: typ, Data: data, Size: int64(len(data)), Width: w, Height: h}
	}
	return map[string]article.Picture{
		"https://example.com/chart.png":   pic("image/png", pngB.Bytes(), 40, 30),
		"https://example.com/photo.jpg":   pic("image/jpeg", jpgB.Bytes(), 32, 24),
		"https://example.com/anim.gif":    pic("image/gif", gifB.Bytes(), 16, 16),
		"https://example.com/draw.svg":    pic("image/svg+xml", []byte(svg), 20, 20),
		"https://example.com/gopher.webp": pic("image/webp", webpB, 30, 30),
		// AVIF has no place in an EPUB 3.2 book: shown by its alt text.
		"https://example.com/new.avif": pic("image/avif", []byte("\x00\x00\x00\x1cftypavif not really"), 10, 10),
	}
}

// bookArticle is what saveBookArticle stores.
type bookArticle struct {
	title, lang, dir, html string
	pics                   map[string]article.Picture // stored pictures by address; others are missing
	quotes                 []string                   // highlighted, with a note on every other one
	note                   string
	tags                   []string
}

// saveBookArticle stores an article with its pictures and highlights.
func saveBookArticle(t testing.TB, lib *storage.Library, n int, ba bookArticle) int64 {
	t.Helper()
	ctx := context.Background()
	var images []article.Picture
	for _, p := range article.PicturesOf(ba.html, "") {
		if stored, ok := ba.pics[p.URL]; ok {
			stored.URL, stored.Alt, stored.Caption = p.URL, p.Alt, p.Caption
			p = stored
		} else {
			p.Missing = "the server answered 404"
		}
		images = append(images, p)
	}
	url := "https://example.com/article/" + string(rune('a'+n))
	id, _, err := lib.Save(ctx, &article.Article{
		URL: url, FinalURL: url, Title: ba.title, SiteName: "Example & Co",
		Authors: []string{"A. Writer", "李雷"}, Language: ba.lang, Direction: ba.dir,
		Published:   time.Date(2025, 1, 2, 3, 4, 5, 0, time.UTC),
		ContentHTML: ba.html, Text: article.CanonicalText(article.Blocks(ba.html)),
		Images: images,
	})
	if err != nil {
		t.Fatalf("save %q: %v", ba.title, err)
	}
	for i, q := range ba.quotes {
		note := ""
		if i%2 == 0 {
			note = "Note on “" + q + "” <with> & markup\n\nand a second paragraph."
		}
		if _, err := lib.HighlightQuote(ctx, id, q, 1, storage.Colors[i%len(storage.Colors)], note); err != nil {
			t.Fatalf("highlight %q: %v", q, err)
		}
	}
	if ba.note != "" {
		if err := lib.SetNote(ctx, id, ba.note); err != nil {
			t.Fatal(err)
		}
	}
	if len(ba.tags) > 0 {
		if err := lib.AddTags(ctx, id, ba.tags...); err != nil {
			t.Fatal(err)
		}
	}
	return id
}

// englishBookHTML has every kind of block, inline styles a highlight
// crosses, and a picture of each kind.
const englishBookHTML = `<h2>Section one</h2>
<p>Reading on the web is a <em>habit</em>; keeping what you read is <a href="https://example.com/keep?a=1&amp;b=2">another</a>.</p>
<figure><img src="https://example.com/chart.png" alt="A chart &lt;1&gt; &amp; more"/><figcaption>Figure 1: growth</figcaption></figure>
<p>Second paragraph with <strong>strong words</strong> and <code>code()</code>, a <a href="javascript:alert(1)">bad link</a>.</p>
<ul><li>first item</li><li>second item<ul><li>nested item</li></ul></li><li>third item</li></ul>
<ol><li>one</li><li>two</li></ol>
<blockquote><p>A quoted line.</p><blockquote><p>Quoted twice.</p></blockquote></blockquote>
<pre><code>x := 1 &lt; 2
y := "a" &amp;&amp; b</code></pre>
<p><img src="https://example.com/photo.jpg" alt="photo"/></p>
<p><img src="https://example.com/anim.gif" alt="animation"/> <img src="https://example.com/draw.svg" alt="drawing"/></p>
<p><img src="https://example.com/gopher.webp" alt="gopher"/><img src="https://example.com/new.avif" alt="an AVIF picture"/></p>
<hr/>
<p>中文句子在英文文章里，读者应该用中文字体显示它。</p>
<p>Last paragraph, line one<br/>line two.</p>`

// exportBook writes the selection as a book and checks it with epubcheck.
func exportBook(t *testing.T, lib Library, sel Selection, opt Options) map[string][]byte {
	t.Helper()
	path := filepath.Join(t.TempDir(), "book.epub")
	opt.Format = EPUB
	if err := ToFile(context.Background(), lib, path, sel, opt, nil); err != nil {
		t.Fatalf("ToFile: %v", err)
	}
	files := readBook(t, path)
	testlib.EPUBCheck(t, path)
	return files
}

// readBook opens a book, checks its container and that every XHTML file
// is well-formed XML, and returns its files.
func readBook(t *testing.T, path string) map[string][]byte {
	t.Helper()
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	first := zr.File[0]
	if first.Name != "mimetype" || first.Method != zip.Store || len(first.Extra) != 0 {
		t.Errorf("first entry %q (method %d, extra %d bytes), want mimetype stored without extra fields", first.Name, first.Method, len(first.Extra))
	}
	raw, _ := os.ReadFile(path)
	if got, want := string(raw[30:58]), "mimetypeapplication/epub+zip"; got != want {
		t.Errorf("bytes 30-58 = %q, want %q (what readers sniff)", got, want)
	}
	files := map[string][]byte{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		files[f.Name] = b
		if strings.HasSuffix(f.Name, ".xhtml") || strings.HasSuffix(f.Name, ".opf") {
			d := xml.NewDecoder(bytes.NewReader(b))
			d.Strict = true
			for {
				if _, err := d.Token(); err == io.EOF {
					break
				} else if err != nil {
					t.Errorf("%s is not well-formed: %v", f.Name, err)
					break
				}
			}
		}
	}
	return files
}

var (
	idAttr   = regexp.MustCompile(`id="([^"]+)"`)
	hrefAttr = regexp.MustCompile(`href="#([^"]+)"`)
	imgSrc   = regexp.MustCompile(`<img src="([^"]+)"`)
	markRe   = regexp.MustCompile(`<mark class="([a-z]+)">`)
)

func TestEPUBEnglishArticle(t *testing.T) {
	lib := mustOpen(t)
	id := saveBookArticle(t, lib, 0, bookArticle{
		title: "Keeping what you read", lang: "en", html: englishBookHTML, pics: pictureData(t),
		quotes: []string{"habit; keeping what you read is another", "strong words and code()",
			"Figure 1: growth\n\nSecond paragraph", "nested item", "x := 1 < 2", "读者应该"},
		note: "My note on the article:\n\n*Markdown* stays <plain> text.",
	})
	// A highlight whose passage a re-clip lost is listed after the text.
	files := exportBook(t, &orphanLibrary{lib}, Selection{IDs: []int64{id}}, Options{})

	ch := string(files["EPUB/a1.xhtml"])
	if ch == "" {
		t.Fatalf("no chapter EPUB/a1.xhtml in %v", keys(files))
	}
	for _, want := range []string{
		`<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" lang="en" xml:lang="en">`,
		`<h1>Keeping what you read</h1>`,
		`<h3>Section one</h3>`,
		`<a href="https://example.com/keep?a=1&amp;b=2"><mark class="yellow">another</mark></a>`,
		`<em><mark class="yellow">habit</mark></em>`,
		`<p lang="zh" xml:lang="zh">中文句子在英文文章里，`,
		"<blockquote><p>A quoted line.</p>\n<blockquote><p>Quoted twice.</p>\n</blockquote>\n</blockquote>",
		`line one<br/>line two.`,
		`[Picture: <a href="https://example.com/new.avif">an AVIF picture</a>]`,
		`My note on the article:`, `*Markdown* stays &lt;plain&gt; text.`,
		`<h3>Highlights no longer in the text</h3>`,
		`alt="A chart &lt;1&gt; &amp; more"`,
	} {
		if !strings.Contains(ch, want) {
			t.Errorf("chapter lacks %s", want)
		}
	}
	if strings.Contains(ch, "javascript:") {
		t.Error("chapter links to javascript:")
	}
	// Every colour used, as the highlights were made.
	var colours []string
	for _, m := range markRe.FindAllStringSubmatch(ch, -1) {
		if !slices.Contains(colours, m[1]) {
			colours = append(colours, m[1])
		}
	}
	slices.Sort(colours)
	if got, want := strings.Join(colours, ","), "blue,green,pink,purple,yellow"; got != want {
		t.Errorf("highlight colours = %s, want %s", got, want)
	}
	// Notes link both ways: each reference to an endnote, each endnote back.
	ids := map[string]bool{}
	for _, m := range idAttr.FindAllStringSubmatch(ch, -1) {
		ids[m[1]] = true
	}
	refs := 0
	for _, m := range hrefAttr.FindAllStringSubmatch(ch, -1) {
		if !ids[m[1]] {
			t.Errorf("link to #%s, which is not in the chapter", m[1])
		}
		refs++
	}
	if got, want := strings.Count(ch, `epub:type="noteref"`), 3; got != want {
		t.Errorf("%d note references, want %d (the highlights with notes)", got, want)
	}
	if got, want := refs, 6; got != want {
		t.Errorf("%d internal links, want %d (3 references and 3 back links)", got, want)
	}
	// Pictures: each in the book and in the manifest with its media type;
	// the WebP as PNG; none fetched from the web.
	opf := string(files["EPUB/package.opf"])
	srcs := imgSrc.FindAllStringSubmatch(ch, -1)
	if got, want := len(srcs), 5; got != want {
		t.Errorf("%d pictures shown, want %d (all but the AVIF)", got, want)
	}
	types := map[string]bool{}
	for _, m := range srcs {
		if _, ok := files["EPUB/"+m[1]]; !ok {
			t.Errorf("picture %s is not in the book", m[1])
		}
		item := regexp.MustCompile(`href="` + regexp.QuoteMeta(m[1]) + `" media-type="([^"]+)"`).FindStringSubmatch(opf)
		if item == nil {
			t.Errorf("picture %s is not in the manifest", m[1])
			continue
		}
		types[item[1]] = true
	}
	for _, want := range []string{"image/png", "image/jpeg", "image/gif", "image/svg+xml"} {
		if !types[want] {
			t.Errorf("no %s picture in the manifest", want)
		}
	}
	for _, want := range []string{
		"<dc:title>Keeping what you read</dc:title>", "<dc:language>en</dc:language>",
		"<dc:creator>A. Writer</dc:creator>", `<dc:creator xml:lang="zh">李雷</dc:creator>`,
		"<dc:source>https://example.com/article/a</dc:source>", "<dc:date>2025-01-02T03:04:05Z</dc:date>",
		"<dc:publisher>Example &amp; Co</dc:publisher>",
	} {
		if !strings.Contains(opf, want) {
			t.Errorf("package document lacks %s", want)
		}
	}
	if !strings.Contains(string(files["EPUB/nav.xhtml"]), `<a href="a1.xhtml">Keeping what you read</a>`) {
		t.Errorf("table of contents lacks the article:\n%s", files["EPUB/nav.xhtml"])
	}
}

func keys(m map[string][]byte) []string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	slices.Sort(ks)
	return ks
}

// orphanLibrary adds to each article's highlights one whose passage a
// re-clip lost.
type orphanLibrary struct{ *storage.Library }

func (o *orphanLibrary) Highlights(ctx context.Context, id int64) ([]storage.Highlight, error) {
	hs, err := o.Library.Highlights(ctx, id)
	return append(hs, storage.Highlight{ID: 999, ArticleID: id, Quote: "A passage <gone>", Color: storage.Blue, Note: "lost", Orphaned: true}), err
}
