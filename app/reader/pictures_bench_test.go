package reader

import (
	"runtime"
	"runtime/metrics"
	"sync/atomic"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"app.margin/margin/article"
)

// heapPeak samples the live heap until stopped and reports the most seen.
func heapPeak() (stop func() uint64) {
	var peak atomic.Uint64
	done := make(chan struct{})
	finished := make(chan struct{})
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

// BenchmarkOpenArticle50Pictures opens an article with 50 stored pictures
// (1600×1000 PNGs, decoded down to the column): the time until the text and
// the pictures' boxes are laid out (first paint), until every picture is
// decoded and shown, and the peak heap above the heap before opening. The
// decoded-picture cache is emptied before each open, as after a start.
func BenchmarkOpenArticle50Pictures(b *testing.B) {
	test.NewTempApp(b)
	const n = 50
	pics := make([]article.Picture, n)
	data := make([][]byte, n)
	for i := range pics {
		data[i] = greyPNG(b, 1600+i, 1000) // each its own picture
	}
	a, blocks, store := pictureArticle(b, pics, data)
	r := testReader()
	r.LoadPicture = store.load
	clock := clockOf(r)
	clock.Hold()
	w := test.NewTempWindow(b, r)
	w.Resize(fyne.NewSize(1000, 800))
	var first, all time.Duration
	var peak uint64
	b.ResetTimer()
	for range b.N {
		b.StopTimer()
		*decoded = pictureCache{m: decoded.m}
		clear(decoded.m)
		r.SetArticleBlocks(nil, nil, nil)
		runtime.GC()
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		base := ms.HeapAlloc
		stop := heapPeak()
		b.StartTimer()
		start := time.Now()
		r.SetArticleBlocks(a, blocks, nil)
		first += time.Since(start)
		clock.Flush()
		all += time.Since(start)
		b.StopTimer()
		if p := stop(); p > base && p-base > peak {
			peak = p - base
		}
		for _, pb := range imageBlocks(r) {
			if pb.img == nil || pb.img.err != nil {
				b.Fatalf("picture not shown: %+v", pb.img)
			}
		}
		b.StartTimer()
	}
	b.ReportMetric(float64(first.Milliseconds())/float64(b.N), "ms-first-paint")
	b.ReportMetric(float64(all.Milliseconds())/float64(b.N), "ms-all-pictures")
	b.ReportMetric(float64(peak)/(1<<20), "MiB-peak-heap")
}
