package clip

import (
	"app.margin/margin/article"

	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzParse feeds the extractor arbitrary bytes, content types and page
// addresses. It must never panic (Parse turns a panic into an "extractor
// failed" error, which fails here), must fail only with its own sentinels,
// and must always give valid UTF-8 and Text == CanonicalText(Blocks(ContentHTML)).
func FuzzParse(f *testing.F) {
	seeds := [][]byte{
		[]byte(`<html><head><meta charset="gbk"><title>标题_站点</title></head><body><h1>标题</h1><div>来源：虎嗅APP 2023-05-25 18:10:01</div><p>正文。</p></body></html>`),
		[]byte("<p>a<br>b<ul><li>c<ol start=-3><li>d</ol></ul><pre>x\n  y</pre><blockquote><blockquote>q</blockquote></blockquote>"),
		[]byte(`<script type="application/ld+json">{"@graph":[{"@type":["NewsArticle"],"author":[{"name":1},"x",null],"isBasedOn":{"url":7}}]}</script>`),
		[]byte("\xef\xbb\xbf<p>\uE000\uE001\x07</p>"),
		[]byte("\xff\xfe<\x00p\x00>\x00"),
		[]byte("<html><body>\x81\x30\x81\x30\xa1\xa1\xff\xfe</body></html>"),
		[]byte(`<img srcset=", ,1x" data-src="javascript:x"><a href="http://[::1">x</a><time datetime="9999-99-99">`),
		[]byte("%PDF-1.4"),
		[]byte(""),
	}
	for _, name := range []string{"huxiu-repost.utf8.html", "huxiu-repost.gbk.html"} {
		if b, err := os.ReadFile(filepath.Join(seedPath, name)); err == nil {
			seeds = append(seeds, b[:min(len(b), 8<<10)])
		}
	}
	if dir, err := mozillaDir(); err == nil {
		for _, name := range []string{"001", "rtl-1", "qq", "hukumusume", "mathjax", "keep-tabular-data"} {
			if b, err := os.ReadFile(filepath.Join(dir, name, "source.html")); err == nil {
				seeds = append(seeds, b[:min(len(b), 6<<10)])
			}
		}
	}
	for i, s := range seeds {
		ctype := []string{"", "text/html", "text/html; charset=gbk", "text/html; charset=\"x-bogus\""}[i%4]
		f.Add(s, ctype, []string{"https://www.example.com/a/b.html", "", "http://fakehost/test/page.html", "::bad::"}[i%4])
	}
	f.Fuzz(func(t *testing.T, raw []byte, ctype, pageURL string) {
		a, err := Parse(raw, ctype, pageURL)
		if err != nil {
			if strings.Contains(err.Error(), "extractor failed") {
				t.Fatalf("panic inside Parse: %v", err)
			}
			if !errors.Is(err, ErrEmpty) && !errors.Is(err, ErrNotHTML) {
				t.Fatalf("error without a sentinel: %v", err)
			}
			if !utf8.ValidString(err.Error()) {
				t.Fatalf("error message is not valid UTF-8: %q", err)
			}
			return
		}
		checkInvariants(t, "fuzz", a)
		if t.Failed() {
			t.FailNow()
		}
		for _, s := range append(append([]string{}, a.Authors...), a.Source.URL, a.Source.Title, a.Direction) {
			if !utf8.ValidString(s) {
				t.Fatalf("invalid UTF-8 %q", s)
			}
		}
		for _, b := range article.Blocks(a.ContentHTML) {
			n := utf8.RuneCountInString(b.Text)
			for _, s := range b.Spans {
				if s.Start < 0 || s.End > n || s.Start >= s.End {
					t.Fatalf("span %+v outside block of %d code points", s, n)
				}
			}
		}
	})
}
