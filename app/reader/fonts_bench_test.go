package reader

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// BenchmarkLoadBoldCJKFace finds and loads the system's bold CJK face, as
// the first Chinese heading a run shows does.
func BenchmarkLoadBoldCJKFace(b *testing.B) {
	q := fontQuery{bold: true, lang: "zh-cn"}
	for range b.N {
		f, err := loadSystemFont(q)
		if err != nil {
			b.Skipf("no bold CJK face here: %v", err)
		}
		b.ReportMetric(float64(len(f.res.Content()))/(1<<20), "MiB-face")
	}
}

// BenchmarkBoldCJKFallback cuts the loaded bold CJK face down to what
// Fyne's bold lacks, as the app does once at start for its theme.
func BenchmarkBoldCJKFallback(b *testing.B) {
	f := lookupFont(fontQuery{bold: true, lang: "zh-cn"})
	if f == nil {
		b.Skip("no bold CJK face here")
	}
	latin := []fyne.Resource{theme.DefaultTextBoldFont(), theme.DefaultTextBoldItalicFont()}
	for range b.N {
		data, err := withoutRunesOf(f.res.Content(), f.face, latin, commonChars("zh-cn"))
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(len(data))/(1<<20), "MiB-font")
	}
}
