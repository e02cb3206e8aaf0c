package storage

import "testing"

func TestNormalizeURL(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"  https://Example.COM  ", "https://example.com/"},
		{"https://example.com", "https://example.com/"},
		{"http://example.com:80/a", "https://example.com/a"},
		{"https://example.com:443/a", "https://example.com/a"},
		{"https://example.com:8080/a", "https://example.com:8080/a"},
		{"https://example.com./a#frag", "https://example.com/a"},
		{"https://example.com/A/b/", "https://example.com/A/b/"},
		{"https://example.com/a?b=2&a=1", "https://example.com/a?a=1&b=2"},
		{"https://example.com/a?utm_source=x&UTM_Campaign=y&fbclid=1&gclid=2&dclid=3&msclkid=4&mc_eid=5&spm=6&from=7&share=8&igshid=9&_ga=10&yclid=11&ref_src=12&id=3",
			"https://example.com/a?id=3"},
		{"https://example.com/a?utm_source=x", "https://example.com/a"},
		{"https://mp.weixin.qq.com/s?__biz=MzA&mid=1&idx=1&sn=abc&chksm=ff&scene=21#wechat_redirect",
			"https://mp.weixin.qq.com/s?__biz=MzA&idx=1&mid=1&sn=abc"},
		{"https://example.com/search?q=a%20b", "https://example.com/search?q=a+b"},
		{"https://example.com/search?q=a+b", "https://example.com/search?q=a+b"},
		{"https://[::1]:443/x", "https://[::1]/x"},
		{"file:///home/me/Saved Page.html", "file:///home/me/Saved%20Page.html"},
		{"not a url", "not a url"},
	}
	for _, tc := range tests {
		if got := normalizeURL(tc.in); got != tc.want {
			t.Errorf("normalizeURL(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
