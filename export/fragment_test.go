package export

import (
	"app.margin/margin/article"

	"net/url"
	"strings"
	"testing"

	"app.margin/margin/storage"
)

func TestEncodeFragmentPart(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain", "plain"},
		{"two words", "two%20words"},
		{"re-reading", "re%2Dreading"},
		{"a, b", "a%2C%20b"},
		{"R&D", "R%26D"},
		{"中文", "%E4%B8%AD%E6%96%87"},
		{"大跃进”", "%E5%A4%A7%E8%B7%83%E8%BF%9B%E2%80%9D"},
		{"50% #1", "50%25%20%231"},
		{"v1.2_x~y", "v1.2_x~y"},
		{"GLM-130B", "GLM%2D130B"},
	}
	for _, tc := range tests {
		if got := encodeFragmentPart(tc.in); got != tc.want {
			t.Errorf("encodeFragmentPart(%q) = %q, want %q", tc.in, got, tc.want)
		}
		if got, err := url.PathUnescape(encodeFragmentPart(tc.in)); err != nil || got != tc.in {
			t.Errorf("decoding %q gives %q, %v", encodeFragmentPart(tc.in), got, err)
		}
	}
}

func TestPassageURL(t *testing.T) {
	article := func(text string) *storage.Article {
		return &storage.Article{ID: 1, Article: article.Article{
			URL: "https://example.com/a?x=1#top", FinalURL: "https://example.com/a?x=1#top",
			CanonicalURL: "https://example.com/canonical#frag", Text: text,
		}}
	}
	long := "This is a fairly long passage that goes on and on well beyond eighty characters, so the link uses a range instead."
	tests := []struct {
		name, text, quote string
		want              string
	}{
		{"prefix and suffix trimmed to three words",
			"One two three four five, the quoted words - here & there, six seven eight nine.",
			"the quoted words - here & there",
			"https://example.com/canonical#:~:text=three%20four%20five%2C-,the%20quoted%20words%20%2D%20here%20%26%20there,-%2C%20six%20seven"},
		{"at the start of a paragraph no prefix",
			"First para.\n\nQuoted start of second, and more.",
			"Quoted start",
			"https://example.com/canonical#:~:text=Quoted%20start,-of%20second%2C%20and"},
		{"chinese context cut at punctuation, eight CJK characters",
			"猎聘、脉脉、BOSS直聘,搜索ChatGPT的前排结果。中国的AI人才是从14亿人里挑,美国是从80亿人里挑。",
			"中国的AI人才是从14亿人里挑",
			"https://example.com/canonical#:~:text=" + encodeFragmentPart(",搜索ChatGPT的前排结果。") + "-," +
				encodeFragmentPart("中国的AI人才是从14亿人里挑") + ",-" + encodeFragmentPart(",美国是从80亿人里挑")},
		{"multi-paragraph uses a range",
			"Intro. The first paragraph ends here.\n\nThe second one starts there and goes on.",
			"The first paragraph ends here.\n\nThe second one starts",
			"https://example.com/canonical#:~:text=Intro.-,The%20first%20paragraph%20ends%20here.,The%20second%20one%20starts,-there%20and%20goes"},
		{"long quote uses a range",
			"Before it. " + long + " After it.",
			long,
			"https://example.com/canonical#:~:text=Before%20it.-,This%20is%20a%20fairly%20long,link%20uses%20a%20range%20instead.,-After%20it."},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a := article(tc.text)
			h := highlightOf(t, 1, a, tc.quote, 1, storage.Yellow, "")
			if got := PassageURL(a, h); got != tc.want {
				t.Errorf("PassageURL\n got %s\nwant %s", got, tc.want)
			}
		})
	}
	t.Run("final URL without canonical, fragment dropped", func(t *testing.T) {
		a := article("a b c")
		a.CanonicalURL = ""
		h := highlightOf(t, 1, a, "b", 1, storage.Yellow, "")
		if got, want := PassageURL(a, h), "https://example.com/a?x=1#:~:text=a-,b,-c"; got != want {
			t.Errorf("got %s, want %s", got, want)
		}
	})
	t.Run("orphaned or not a web page: no link", func(t *testing.T) {
		a := article("a b c")
		h := highlightOf(t, 1, a, "b", 1, storage.Yellow, "")
		h.Orphaned = true
		if got := PassageURL(a, h); got != "" {
			t.Errorf("orphaned: got %s", got)
		}
		a.CanonicalURL, a.FinalURL, a.URL = "", "file:///home/me/page.html", "javascript:alert(1)"
		h.Orphaned = false
		if got := PassageURL(a, h); got != "" {
			t.Errorf("file page: got %s", got)
		}
	})
	t.Run("every part decodes to text of the page", func(t *testing.T) {
		a := chineseArticle()
		for _, h := range chineseHighlights(t, a) {
			link := PassageURL(a, h)
			_, dir, _ := strings.Cut(link, "#:~:text=")
			for _, part := range strings.Split(dir, ",") {
				part = strings.TrimSuffix(strings.TrimPrefix(part, "-"), "-")
				s, err := url.PathUnescape(part)
				if err != nil || !strings.Contains(a.Text, s) {
					t.Errorf("%s: part %q (%q) not in the text: %v", link, part, s, err)
				}
			}
		}
	})
}
