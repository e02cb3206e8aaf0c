package app

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/png"
	"runtime"
	"runtime/metrics"
	"sync/atomic"
	"testing"
	"time"

	"app.margin/margin/article"
	"app.margin/margin/clip"
)

// heapPeak samples the live heap every millisecond until stopped and
// reports the most it saw.
func heapPeak() (stop func() uint64) {
	var peak atomic.Uint64
	done, finished := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(finished)
		s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
		tick := time.NewTicker(time.Millisecond)
		defer tick.Stop()
		for {
			metrics.Read(s)
			if v := s[0].Value.Uint64(); v > peak.Load() {
				peak.Store(v)
			}
			select {
			case <-done:
				return
			case <-tick.C:
			}
		}
	}()
	return func() uint64 {
		close(done)
		<-finished
		return peak.Load()
	}
}

// BenchmarkOpenArticle50Pictures opens, in the window on a real library,
// an article with 50 stored pictures (1600×1000 PNGs, decoded down to the
// column) and reports the time until the article is shown with its text and
// the pictures' boxes laid out (first paint), until every picture is drawn,
// and the peak heap above the heap before opening. Each open is a first
// open: the decoded pictures are each new to the reader. The scheduler runs
// the work on one goroutine, so the times are those of one core.
func BenchmarkOpenArticle50Pictures(b *testing.B) {
	lib := openRealLibrary(b)
	var body bytes.Buffer
	for i := range 50 {
		fmt.Fprintf(&body, `<p>Paragraph %d. %s</p><img src="https://pics.example/%d.png" alt="picture %d">`, i, enPara1, i, i)
	}
	var ids []int64
	for n := range b.N + 1 {
		page := `<!doctype html><html><head><title>Fifty pictures</title></head><body><article><h1>Fifty pictures</h1>` +
			body.String() + `</article></body></html>`
		a, err := clip.Parse([]byte(page), "text/html; charset=utf-8", fmt.Sprintf("https://example.com/%d", n))
		if err != nil {
			b.Fatal(err)
		}
		a.Images = article.PicturesOf(a.ContentHTML, a.ImageURL)
		for i := range a.Images {
			var buf bytes.Buffer
			img := image.NewGray(image.Rect(0, 0, 1600+n, 1000+i)) // a picture of its own, not one decoded before
			for k := range img.Pix {
				img.Pix[k] = uint8(k * (i + 1))
			}
			png.Encode(&buf, img)
			a.Images[i].Data, a.Images[i].Type, a.Images[i].Width, a.Images[i].Height = buf.Bytes(), "image/png", 1600+n, 1000+i
		}
		id, _, err := lib.Save(context.Background(), a)
		if err != nil {
			b.Fatal(err)
		}
		ids = append(ids, id)
	}
	u, clock := newTestUI(b, lib, &fakeClipper{})
	u.openArticle(ids[b.N]) // the first open of the window is not measured
	var first, all time.Duration
	var peak uint64
	b.ResetTimer()
	for n := range b.N {
		b.StopTimer()
		runtime.GC()
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		stop := heapPeak()
		clock.Hold()
		b.StartTimer()
		start := time.Now()
		u.afterShow = func() { first += time.Since(start) }
		u.openArticle(ids[n])
		clock.Flush()
		all += time.Since(start)
		b.StopTimer()
		if p := stop(); p > ms.HeapAlloc && p-ms.HeapAlloc > peak {
			peak = p - ms.HeapAlloc
		}
		if _, pictures := readerDrawn(u); pictures == 0 {
			b.Fatal("no picture drawn")
		}
		b.StartTimer()
	}
	b.ReportMetric(float64(first.Microseconds())/1000/float64(b.N), "ms-first-paint")
	b.ReportMetric(float64(all.Microseconds())/1000/float64(b.N), "ms-all-pictures")
	b.ReportMetric(float64(peak)/(1<<20), "MiB-peak-heap")
}
