package export

import (
	"bytes"
	"context"
	"image"
	"image/png"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"app.margin/margin/article"
	"app.margin/margin/storage"
)

// benchBookArticles is how many articles the EPUB benchmark puts in a book.
const benchBookArticles = 100

// pictureLibrary stores the first n articles of the report's library, each
// with highlights and notes as genLibrary stores them and two pictures in
// its content: one of its own and one every article shows.
func pictureLibrary(b *testing.B, n int) *storage.Library {
	b.Helper()
	ctx := context.Background()
	lib := mustOpen(b)
	encode := func(w, h int, seed uint64) []byte {
		// Noise, so the pictures weigh what photographs do, not what a
		// flat gradient compresses to.
		r := rand.New(rand.NewPCG(seed, 1))
		img := image.NewRGBA(image.Rect(0, 0, w, h))
		for i := range img.Pix {
			img.Pix[i] = uint8(r.IntN(256)) | 0x0f
		}
		var buf bytes.Buffer
		if err := png.Encode(&buf, img); err != nil {
			b.Fatal(err)
		}
		return buf.Bytes()
	}
	shared := encode(320, 200, 0)
	for i := range n {
		it := reportGen.Item(i)
		a := it.Article
		own := encode(200+i%50, 120, uint64(i+1))
		ownURL := "https://pics.example/" + strconv.Itoa(i) + ".png"
		a.ContentHTML += `<figure><img src="` + ownURL + `" alt="own"/></figure><p><img src="https://pics.example/shared.png" alt="shared"/></p>`
		a.Images = []article.Picture{
			{URL: ownURL, Alt: "own", Type: "image/png", Data: own, Size: int64(len(own)), Width: 200 + i%50, Height: 120},
			{URL: "https://pics.example/shared.png", Alt: "shared", Type: "image/png", Data: shared, Size: int64(len(shared)), Width: 320, Height: 200},
		}
		id, _, err := lib.Save(ctx, a)
		if err != nil {
			b.Fatal(err)
		}
		for _, h := range it.Highlights {
			hl := storage.Highlight{ArticleID: id, Start: h.Start, End: h.End, Color: storage.Colors[h.Color], Note: h.Note}
			if _, err := lib.AddHighlight(ctx, hl); err != nil {
				b.Fatal(err)
			}
		}
		if it.Note != "" {
			if err := lib.SetNote(ctx, id, it.Note); err != nil {
				b.Fatal(err)
			}
		}
	}
	return lib
}

// BenchmarkExportEPUB writes the whole of a 100-article library, with 101
// distinct pictures and five highlights an article on average, as one
// EPUB book: ms/book and MB/book are the figures to watch.
func BenchmarkExportEPUB(b *testing.B) {
	lib := pictureLibrary(b, benchBookArticles)
	ctx := context.Background()
	path := filepath.Join(b.TempDir(), "library.epub")
	var size int64
	for b.Loop() {
		if err := ToFile(ctx, lib, path, Selection{}, Options{Format: EPUB}, nil); err != nil {
			b.Fatal(err)
		}
		fi, err := os.Stat(path)
		if err != nil {
			b.Fatal(err)
		}
		size = fi.Size()
	}
	b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N), "ms/book")
	b.ReportMetric(float64(size)/1e6, "MB/book")
	b.ReportMetric(float64(benchBookArticles*b.N)/b.Elapsed().Seconds(), "articles/s")
}
