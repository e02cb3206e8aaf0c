package clip

import (
	"app.margin/margin/article"

	"bytes"
	"net/url"
	"os"
	"path/filepath"
	"testing"

	"codeberg.org/readeck/go-readability/v2"
)

// BenchmarkParse measures Parse on the seed pages (UTF-8 and GBK), on one
// large Mozilla page, and over all Mozilla pages (one page per op), with
// plain go-readability on the same pages for comparison.
func BenchmarkParse(b *testing.B) {
	for _, name := range []string{"huxiu-repost.utf8.html", "huxiu-repost.gbk.html"} {
		raw, err := os.ReadFile(filepath.Join(seedPath, name))
		if err != nil {
			continue // ../shared is not there: nothing to measure
		}
		b.Run("seed/"+name, func(b *testing.B) {
			b.SetBytes(int64(len(raw)))
			for b.Loop() {
				if _, err := Parse(raw, "", "https://www.hflfx.com/lxt/871423.html"); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
	pages := loadMozilla(b)
	var large mozillaPage
	var total int64
	for _, p := range pages {
		total += int64(len(p.source))
		if len(p.source) > len(large.source) {
			large = p
		}
	}
	u, _ := url.Parse(mozillaURL)
	b.Run("mozilla-largest/"+large.name, func(b *testing.B) {
		b.SetBytes(int64(len(large.source)))
		for b.Loop() {
			_, _ = Parse(large.source, "", mozillaURL)
		}
	})
	b.Run("mozilla-largest-plain/"+large.name, func(b *testing.B) {
		b.SetBytes(int64(len(large.source)))
		for b.Loop() {
			parser := readability.NewParser()
			_, _ = parser.Parse(bytes.NewReader(large.source), u)
		}
	})
	b.Run("mozilla-all", func(b *testing.B) {
		b.SetBytes(total / int64(len(pages)))
		i := 0
		for b.Loop() {
			_, _ = Parse(pages[i%len(pages)].source, "", mozillaURL)
			i++
		}
	})
	b.Run("mozilla-all-plain", func(b *testing.B) {
		b.SetBytes(total / int64(len(pages)))
		i := 0
		for b.Loop() {
			parser := readability.NewParser()
			_, _ = parser.Parse(bytes.NewReader(pages[i%len(pages)].source), u)
			i++
		}
	})
}

// BenchmarkBlocks measures splitting stored content into blocks, which the
// reader does each time it opens an article.
func BenchmarkBlocks(b *testing.B) {
	pages := loadMozilla(b)
	var largest *article.Article
	for _, p := range pages {
		a, err := Parse(p.source, "", mozillaURL)
		if err == nil && (largest == nil || len(a.ContentHTML) > len(largest.ContentHTML)) {
			largest = a
		}
	}
	b.SetBytes(int64(len(largest.ContentHTML)))
	for b.Loop() {
		_ = article.CanonicalText(article.Blocks(largest.ContentHTML))
	}
}
