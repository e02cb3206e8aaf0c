package clip

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/jpeg"
	"image/png"
	"net/http"
	"strings"
	"testing"
)

// detailed is a w x h picture with detail (a gradient and a pattern).
func detailed(w, h, seed int) *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			i := img.PixOffset(x, y)
			img.Pix[i], img.Pix[i+1], img.Pix[i+2], img.Pix[i+3] = uint8(x+seed), uint8(y*2), uint8((x*y)^seed), 255
		}
	}
	return img
}

// photo is a w x h JPEG about the size of a photo of that size on a news
// site.
func photo(b testing.TB, w, h, seed int) []byte {
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, detailed(w, h, seed), &jpeg.Options{Quality: 80}); err != nil {
		b.Fatal(err)
	}
	return buf.Bytes()
}

// diagram is a w x h PNG.
func diagram(b testing.TB, w, h, seed int) []byte {
	var buf bytes.Buffer
	if err := png.Encode(&buf, detailed(w, h, seed)); err != nil {
		b.Fatal(err)
	}
	return buf.Bytes()
}

// BenchmarkClipPictures clips 20 image-heavy pages (12 photos of 800x533
// and 4 PNG diagrams each, all different) served locally, one page per op,
// with and without their pictures.
func BenchmarkClipPictures(b *testing.B) {
	const pages, photos, diagrams = 20, 12, 4
	mux := http.NewServeMux()
	var servedBytes int64
	for p := range pages {
		var body strings.Builder
		for i := range photos + diagrams {
			path := fmt.Sprintf("/p%d/img%d", p, i)
			var pic []byte
			if i < photos {
				pic = photo(b, 800, 533, p*100+i)
			} else {
				pic = diagram(b, 600, 400, p*100+i)
			}
			servedBytes += int64(len(pic))
			mux.Handle(path, serveBytes("image/jpeg", pic))
			fmt.Fprintf(&body, `<figure><img src="%s" alt="picture %d"><figcaption>Picture %d of page %d</figcaption></figure>
<p>Paragraph %d of page %d goes on about the harbour, the boats and the weather for a while, long enough to read as prose.</p>`+"\n", path, i, i, p, i, p)
		}
		mux.Handle(fmt.Sprintf("/p%d/page", p), serveHTML(picturePage("", body.String())))
	}
	srv := serveOn(b, "127.0.0.1", mux)
	for _, tc := range []struct {
		name       string
		noPictures bool
	}{{"with-images", false}, {"without-images", true}} {
		b.Run(tc.name, func(b *testing.B) {
			c := testClient()
			c.NoPictures = tc.noPictures
			var kept, keptBytes int64
			i := 0
			for b.Loop() {
				a, err := c.Clip(context.Background(), fmt.Sprintf("%s/p%d/page", srv.URL, i%pages), "")
				if err != nil {
					b.Fatal(err)
				}
				for _, p := range a.Images {
					if p.Stored() {
						kept++
						keptBytes += p.Size
					}
				}
				i++
			}
			b.ReportMetric(float64(kept)/float64(i), "pictures/page")
			b.ReportMetric(float64(keptBytes)/float64(i)/(1<<20), "MiB/page")
			b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(i), "ms/page")
		})
	}
	b.Logf("%d pages, %.1f MiB of pictures served", pages, float64(servedBytes)/(1<<20))
}
