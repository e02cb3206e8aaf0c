package article

import (
	"testing"
	"time"
)

func TestVia(t *testing.T) {
	tests := []struct {
		name               string
		a                  Article
		wantName, wantLink string
		wantAttribution    string
	}{
		{"no source", Article{SiteName: "虎嗅"}, "", "", "虎嗅"},
		{"a repost", Article{SiteName: "乐学堂", Source: Source{Name: "虎嗅APP"}}, "虎嗅APP", "", "乐学堂 · via 虎嗅APP"},
		{"source with a link", Article{SiteName: "Mirror", Source: Source{Name: "Origin", URL: "https://origin.example/a"}}, "Origin", "https://origin.example/a", "Mirror · via Origin"},
		{"source is the site", Article{SiteName: "Harbour Times", Source: Source{Name: "harbour times ", URL: "https://harbour.example/"}}, "", "", "Harbour Times"},
		{"source is the host shown", Article{URL: "https://www.huxiu.com/a", Source: Source{Name: "huxiu.com"}}, "", "", "huxiu.com"},
		{"a link only names its host", Article{SiteName: "Mirror", Source: Source{URL: "https://www.origin.example/a"}}, "origin.example", "https://www.origin.example/a", "Mirror · via origin.example"},
		{"a javascript: link is no link", Article{SiteName: "Mirror", Source: Source{Name: "Origin", URL: "javascript:alert(1)"}}, "Origin", "", "Mirror · via Origin"},
		{"editors when no writer is named", Article{SiteName: "网易", Editors: []string{"杨倩"}}, "", "", "网易 · 杨倩"},
		{"writers before editors", Article{SiteName: "网易", Authors: []string{"陆一夫"}, Editors: []string{"姚立伟"}}, "", "", "网易 · 陆一夫"},
		{"all parts", Article{SiteName: "Site", Authors: []string{"A", "B"}, Published: time.Date(2023, 5, 25, 18, 10, 0, 0, time.FixedZone("CST", 8*3600)), Source: Source{Name: "Orig"}}, "Orig", "", "Site · A, B · 2023-05-25 · via Orig"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			name, link := tc.a.Via()
			if name != tc.wantName || link != tc.wantLink {
				t.Errorf("Via() = %q, %q; want %q, %q", name, link, tc.wantName, tc.wantLink)
			}
			if got := tc.a.Attribution(); got != tc.wantAttribution {
				t.Errorf("Attribution() = %q, want %q", got, tc.wantAttribution)
			}
		})
	}
}

func TestPicturePixel(t *testing.T) {
	for _, tc := range []struct {
		p    Picture
		want bool
	}{
		{Picture{Missing: MissingPixel + " (1x1), not kept"}, true},
		{Picture{Missing: "the server answered 404 Not Found"}, false},
		{Picture{SHA256: "ab", Width: 2, Height: 2}, false}, // stored: the clipper thought it worth keeping
		{Picture{}, false},
	} {
		if got := tc.p.Pixel(); got != tc.want {
			t.Errorf("%+v.Pixel() = %v, want %v", tc.p, got, tc.want)
		}
	}
}
