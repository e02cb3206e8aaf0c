package reader

import "testing"

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
