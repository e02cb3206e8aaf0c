package export

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"image"
	"image/color"
	"image/gif"
	"image/jpeg"
	"image/png"
	"io"
	"io/fs"
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
	lead                   string                     // the lead picture's address
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
	for _, p := range article.PicturesOf(ba.html, ba.lead) {
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
		Authors: []string{"A. Writer", "李雷"}, Language: ba.lang, Direction: ba.dir, ImageURL: ba.lead,
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
		lead: "https://example.com/photo.jpg",
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
		`<h3 id="s0">Section one</h3>`,
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
	if !regexp.MustCompile(`href="images/[0-9a-f]{64}\.jpg" media-type="image/jpeg" properties="cover-image"`).MatchString(opf) {
		t.Errorf("the lead picture is not the cover:\n%s", opf)
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
	if !strings.Contains(string(files["EPUB/nav.xhtml"]), `<a href="a1.xhtml">Keeping what you read</a>
<ol>
<li><a href="a1.xhtml#s0">Section one</a></li>
</ol>`) {
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

func TestEPUBChineseCollection(t *testing.T) {
	lib := mustOpen(t)
	pics := pictureData(t)
	saveBookArticle(t, lib, 0, bookArticle{title: "Not in the book", lang: "en", html: "<p>English text.</p>"})
	first := saveBookArticle(t, lib, 1, bookArticle{
		title: "大模型的未来", lang: "zh-CN", tags: []string{"读书"},
		html:   `<p>大模型正在改变我们阅读和写作的方式。</p><figure><img src="https://example.com/chart.png" alt="增长图"/><figcaption>图一：增长</figcaption></figure><p>第二段：研究人员认为，<strong>数据</strong>比算法更重要。</p>`,
		pics:   pics,
		quotes: []string{"改变我们阅读", "数据比算法更重要"},
		note:   "这是我的笔记。",
	})
	// A site template's lang="en" over a Chinese article: the text decides.
	second := saveBookArticle(t, lib, 2, bookArticle{
		title: "腾讯发布新平台", lang: "en", tags: []string{"读书"},
		html:   `<p>腾讯今天发布了新的开放平台，面向开发者和企业用户，提供数据分析、安全和网络服务。这个平台将帮助中小企业更快地发展。</p><p><img src="https://example.com/chart.png" alt="同一张图"/></p>`,
		pics:   pics,
		quotes: []string{"面向开发者"},
	})
	files := exportBook(t, lib, Selection{Tag: "读书"}, Options{})

	for _, id := range []int64{first, second} {
		name := "EPUB/a" + itoa(id) + ".xhtml"
		ch := string(files[name])
		if !strings.Contains(ch, ` lang="zh`) || !strings.Contains(ch, ` xml:lang="zh`) {
			t.Errorf("%s is not marked Chinese:\n%.400s", name, ch)
		}
	}
	if _, ok := files["EPUB/a1.xhtml"]; ok {
		t.Error("the untagged article is in the book")
	}
	opf := string(files["EPUB/package.opf"])
	for _, want := range []string{"<dc:title>Margin: #读书</dc:title>", `xml:lang="zh`, `<itemref idref="nav"/>`} {
		if !strings.Contains(opf, want) {
			t.Errorf("package document lacks %s:\n%s", want, opf)
		}
	}
	// The picture both articles show is in the book once.
	if got := strings.Count(opf, `media-type="image/png"`); got != 1 {
		t.Errorf("%d PNG pictures in the manifest, want 1", got)
	}
	nav := string(files["EPUB/nav.xhtml"])
	if !strings.Contains(nav, "大模型的未来") || !strings.Contains(nav, "腾讯发布新平台") {
		t.Errorf("table of contents lacks a title:\n%s", nav)
	}
}

func TestEPUBMissingPicturesAndOddTitles(t *testing.T) {
	lib := mustOpen(t)
	odd := saveBookArticle(t, lib, 0, bookArticle{
		title: "<script>alert(\"x\")</script> & \"quotes\" 'apos' \x01\x7f\u0085\ufffe\U0010FFFF ]]> end",
		lang:  "not a language!",
		html: `<p>Before the pictures &amp; <a href="https://example.com/a b?c=<d>">a link with spaces</a>.</p>` +
			`<p><img src="https://example.com/gone.png" alt="A picture that was gone"/></p>` +
			`<figure><img src="file:///home/me/page_files/local.png"/><figcaption>Saved beside the page</figcaption></figure>` +
			`<p><img src="https://example.com/chart.png" alt="kept"/></p><p><img src="https://tracker.example/p.gif" alt="pixel"/>After.</p>`,
		pics: map[string]article.Picture{"https://example.com/chart.png": pictureData(t)["https://example.com/chart.png"],
			"https://tracker.example/p.gif": {URL: "https://tracker.example/p.gif", Missing: article.MissingPixel + " (1x1), not kept"}},
		quotes: []string{"Before the pictures", "After"},
	})
	rtl := saveBookArticle(t, lib, 1, bookArticle{
		title: "مرحبا بالعالم 🎉 \u202eevil", lang: "ar", dir: "rtl",
		html: `<p>هذا نص عربي قصير.</p><p><img src="data:image/png;base64,AAAA" alt=""/></p>`,
	})
	files := exportBook(t, lib, Selection{IDs: []int64{odd, rtl}}, Options{Title: "Odd & <odder> \x00 book"})

	ch := string(files["EPUB/a"+itoa(odd)+".xhtml"])
	for _, want := range []string{
		`<h1>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &quot;quotes&quot; &#39;apos&#39;`,
		`[Picture: <a href="https://example.com/gone.png">A picture that was gone</a>]`,
		`[Picture: Saved beside the page]`,
		`<img src="images/`,
		`https://example.com/a%20b?c=%3Cd%3E`,
	} {
		if !strings.Contains(ch, want) {
			t.Errorf("chapter lacks %s:\n%s", want, ch)
		}
	}
	if strings.Contains(ch, "tracker.example") || strings.Contains(ch, "pixel") {
		t.Errorf("the book names the tracking pixel:\n%s", ch)
	}
	if strings.Contains(ch, "file:") {
		t.Error("the chapter names a file: address")
	}
	ar := string(files["EPUB/a"+itoa(rtl)+".xhtml"])
	for _, want := range []string{` lang="ar" xml:lang="ar" dir="rtl"`, `[Picture: picture]`} {
		if !strings.Contains(ar, want) {
			t.Errorf("Arabic chapter lacks %s:\n%s", want, ar)
		}
	}
	if opf := string(files["EPUB/package.opf"]); !strings.Contains(opf, "<dc:title>Odd &amp; &lt;odder&gt; book</dc:title>") {
		t.Errorf("book title not escaped:\n%s", opf)
	}
}

func TestEPUBNothingSelected(t *testing.T) {
	lib := mustOpen(t)
	path := filepath.Join(t.TempDir(), "empty.epub")
	err := ToFile(context.Background(), lib, path, Selection{Tag: "none"}, Options{Format: EPUB}, nil)
	if !errors.Is(err, ErrEmpty) {
		t.Fatalf("err = %v, want ErrEmpty", err)
	}
	if _, err := os.Stat(path); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("a book was written for an empty selection (stat: %v)", err)
	}
	if _, err := ToDir(context.Background(), lib, t.TempDir(), Selection{}, Options{Format: EPUB}, nil); !errors.Is(err, ErrInvalid) {
		t.Errorf("ToDir epub: err = %v, want ErrInvalid", err)
	}
}

func TestXMLText(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{`a<b>&"c'`, `a&lt;b&gt;&amp;&quot;c&#39;`},
		{"tab\tnl\ncr\r", "tab\tnl\ncr\r"},
		{"\x00\x01\x1f\x7f\u0085\ufffe\uffff\U0001FFFE\ufdd0x", "x"},
		{"bad \xff utf8", "bad \ufffd utf8"},
		{"中文 🎉 \u202e", "中文 🎉 \u202e"},
	} {
		if got := esc(tc.in); got != tc.want {
			t.Errorf("esc(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestLinkHref(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"https://example.com/a b?c=<d>&e=é#f g", "https://example.com/a%20b?c=%3Cd%3E&e=%C3%A9#f%20g"},
		{"https://例子.测试/路径", "https://%E4%BE%8B%E5%AD%90.%E6%B5%8B%E8%AF%95/%E8%B7%AF%E5%BE%84"},
		{"https://example.com/100%", ""}, // url.Parse refuses it: the text stays, unlinked
		{"https://example.com/%41", "https://example.com/%41"},
		{"mailto:me@example.com", "mailto:me@example.com"},
		{"javascript:alert(1)", ""},
		{"file:///etc/passwd", ""},
		{"/relative", ""},
		{"https:///no-host", ""},
	} {
		if got := linkHref(tc.in); got != tc.want {
			t.Errorf("linkHref(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestPlainSVG(t *testing.T) {
	for _, tc := range []struct {
		name, svg string
		want      bool
	}{
		{"drawing", `<svg xmlns="http://www.w3.org/2000/svg"><rect width="1" height="1"/></svg>`, true},
		{"inner link", `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"><defs><g id="a"/></defs><use xlink:href="#a"/></svg>`, true},
		{"script", `<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>`, false},
		{"handler", `<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>`, false},
		{"remote picture", `<svg xmlns="http://www.w3.org/2000/svg"><image href="https://x.example/a.png"/></svg>`, false},
		{"html inside", `<svg xmlns="http://www.w3.org/2000/svg"><foreignObject/></svg>`, false},
		{"no namespace", `<svg><rect/></svg>`, false},
		{"not xml", `<svg xmlns="http://www.w3.org/2000/svg"><rect></svg>`, false},
		{"html root", `<html xmlns="http://www.w3.org/1999/xhtml"/>`, false},
		{"empty", ``, false},
	} {
		if got := plainSVG([]byte(tc.svg)); got != tc.want {
			t.Errorf("%s: plainSVG = %v, want %v", tc.name, got, tc.want)
		}
	}
}

func TestArticleLang(t *testing.T) {
	zh := "腾讯今天发布了新的开放平台，面向开发者和企业用户，提供数据分析、安全和网络服务。这个平台将帮助中小企业更快地发展。"
	for _, tc := range []struct{ lang, text, want string }{
		{"en", "Plain English text.", "en"},
		{"en-GB", "Plain English text.", "en-GB"},
		{"zh-CN", zh, "zh-CN"},
		{"en", zh, "zh"},
		{"", zh, "zh"},
		{"", "English without a declared language.", "und"},
		{"not a tag!", "text", "und"},
	} {
		a := &storage.Article{}
		a.Language, a.Text = tc.lang, tc.text
		if got := articleLang(a); got != tc.want {
			t.Errorf("articleLang(%q, %.20q) = %q, want %q", tc.lang, tc.text, got, tc.want)
		}
	}
}

func TestEPUBCancelledLeavesTheOldBook(t *testing.T) {
	lib := mustOpen(t)
	for i := range 3 {
		saveBookArticle(t, lib, i, bookArticle{title: "Article " + itoa(int64(i)), lang: "en", html: "<p>Some text.</p>"})
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "book.epub")
	if err := os.WriteFile(path, []byte("the old book"), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	err := ToFile(ctx, lib, path, Selection{}, Options{Format: EPUB}, func(done, total int) {
		if done == 1 {
			cancel()
		}
	})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	if got := readFile(t, path); got != "the old book" {
		t.Errorf("the old book became %q", got)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("folder holds %d files after the cancelled export, want only the old book", len(entries))
	}
}
