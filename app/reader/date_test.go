package reader

import (
	"testing"
	"time"

	"fyne.io/fyne/v2"
)

func TestLongDate(t *testing.T) {
	published := time.Date(2023, 5, 25, 18, 10, 1, 0, time.FixedZone("CST", 8*3600))
	tests := []struct {
		locale fyne.Locale
		want   string
	}{
		{"zh-CN", "2023年5月25日"},
		{"ja", "2023年5月25日"},
		{"ko-KR", "2023년 5월 25일"},
		{"en-US", "May 25, 2023"},
		{"en-GB", "25 May 2023"},
		{"de", "25 May 2023"},
	}
	for _, tc := range tests {
		t.Run(string(tc.locale), func(t *testing.T) {
			if got := longDate(published, tc.locale); got != tc.want {
				t.Errorf("longDate(%s) = %q, want %q", tc.locale, got, tc.want)
			}
		})
	}
}
