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
		occurrence        int
		want              string // the directive, decoded
	}{
		{"a unique quote on word boundaries needs no context",
			"One two three four five, the quoted words - here & there, six seven eight nine.",
			"the quoted words - here & there", 1,
			"text=the quoted words - here & there"},
		{"a repeated quote gets the shortest context that is unique",
			"The cat sat. The dog sat. A cat ran.", "sat", 1,
			"text=cat-,sat"},
		{"case does not tell occurrences apart, what follows does",
			"Read more, and read the rest.", "read", 1,
			"text=read,-the"},
		{"context may be the end of the sentence before",
			"Read more. Read the rest.", "Read", 2,
			"text=.-,Read"},
		{"a selection starting inside a word reaches back to the word's start",
			"the height of the building", "eight of", 1,
			"text=h-,eight of"},
		{"a selection ending inside a word reaches on to the word's end",
			"the height of the building", "height of the buil", 1,
			"text=height of the buil,-ding"},
		{"a Chinese clause between punctuation needs no context",
			"猎聘、脉脉、BOSS直聘,搜索ChatGPT的前排结果。中国的AI人才是从14亿人里挑,美国是从80亿人里挑。",
			"中国的AI人才是从14亿人里挑", 1,
			"text=中国的AI人才是从14亿人里挑"},
		{"Chinese context runs to a change of script and to punctuation, never into a word",
			"猎聘、脉脉、BOSS直聘,搜索ChatGPT的前排结果。中国的AI人才是从14亿人里挑。",
			"前排结", 1,
			"text=的-,前排结,-果"},
		{"a repeated Chinese string takes context up to punctuation",
			"人才是从14亿人里挑,美国是从80亿人里挑。", "人里挑", 2,
			"text=亿-,人里挑,-。"},
		{"a quote over paragraphs uses a range, each part on word boundaries",
			"Intro. The first paragraph ends here.\n\nThe second one starts there and goes on.",
			"first paragraph ends here.\n\nThe second one starts", 1,
			"text=first paragraph,one starts"},
		{"a long quote uses a range",
			"Before it. " + long + " After it.", long, 1,
			"text=This is a fairly,range instead."},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a := article(tc.text)
			h := highlightOf(t, 1, a, tc.quote, tc.occurrence, storage.Yellow, "")
			link := PassageURL(a, h)
			base, dir, ok := strings.Cut(link, "#:~:")
			if !ok || base != "https://example.com/canonical" {
				t.Fatalf("PassageURL = %s", link)
			}
			got, err := url.PathUnescape(dir)
			if err != nil {
				t.Fatal(err)
			}
			if got != tc.want {
				t.Errorf("PassageURL(%q)\n got %s\nwant %s", tc.quote, got, tc.want)
			}
		})
	}
	t.Run("final URL without canonical, fragment dropped", func(t *testing.T) {
		a := article("a b c")
		a.CanonicalURL = ""
		h := highlightOf(t, 1, a, "b", 1, storage.Yellow, "")
		if got, want := PassageURL(a, h), "https://example.com/a?x=1#:~:text=b"; got != want {
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
