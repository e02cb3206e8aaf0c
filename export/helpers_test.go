package export

import (
	"app.margin/margin/article"

	"bufio"
	"bytes"
	"html"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	gmhtml "github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"go.yaml.in/yaml/v3"

	"app.margin/margin/storage"
)

// highlightOf anchors quote (its occurrence-th match, 1-based) in the text
// the way the storage does: code-point offsets and 32 code points of
// context either side.
func highlightOf(t testing.TB, id int64, a *storage.Article, quote string, occurrence int, color storage.Color, note string) storage.Highlight {
	t.Helper()
	from := 0
	at := -1
	for range occurrence {
		i := strings.Index(a.Text[from:], quote)
		if i < 0 {
			t.Fatalf("quote %q (occurrence %d) not in the text", quote, occurrence)
		}
		at = from + i
		from = at + len(quote)
	}
	start := utf8.RuneCountInString(a.Text[:at])
	end := start + utf8.RuneCountInString(quote)
	runes := []rune(a.Text)
	prefix := runes[max(0, start-32):start]
	suffix := runes[end:min(len(runes), end+32)]
	created := time.Date(2026, 3, 1, 9, 0, int(id), 0, time.UTC)
	return storage.Highlight{
		ID: id, ArticleID: a.ID, Start: start, End: end,
		Quote: quote, Prefix: string(prefix), Suffix: string(suffix),
		Color: color, Note: note, CreatedAt: created, UpdatedAt: created.Add(time.Hour),
	}
}

// englishArticle is a page with the troubles an export meets: Markdown
// syntax in the text, a multi-paragraph passage, a repost with a source.
func englishArticle() *storage.Article {
	paras := []string{
		"Reading on the web is a habit; keeping what you read is another.",
		"Some sentences look like Markdown: *stars*, _underscores_, #hashtags, [brackets] and <tags>, a | pipe, `code` and 1. numbers.",
		"> Not a quote, just an angle bracket at the start.",
		"- Not a list item either, and AT&amp;T is not an entity.",
		"The second-to-last paragraph talks about margins, notes and the joy of re-reading.",
		"Finally, the end: a conclusion, with commas, dashes - and ampersands & more.",
	}
	var content strings.Builder
	for _, p := range paras {
		content.WriteString("<p>" + html.EscapeString(p) + "</p>")
	}
	loc := time.FixedZone("EST", -5*3600)
	return &storage.Article{
		ID: 7,
		Article: article.Article{
			URL:          "https://example.com/posts/keeping?utm=1",
			FinalURL:     "https://example.com/posts/keeping",
			CanonicalURL: "https://example.com/posts/keeping-what-you-read",
			Title:        `Keeping what you read: notes, "quotes" & #tags`,
			Authors:      []string{"Ada Lovelace", "Grace Hopper"},
			SiteName:     "Example Journal",
			Source:       article.Source{Name: "The Original Review", URL: "https://review.example.org/keeping"},
			Published:    time.Date(2025, 11, 3, 8, 30, 0, 0, loc),
			Language:     "en",
			ContentHTML:  content.String(),
			Text:         strings.Join(paras, "\n\n"),
		},
		ClippedAt: time.Date(2026, 2, 28, 12, 0, 0, 0, time.UTC),
		UpdatedAt: time.Date(2026, 3, 2, 12, 0, 0, 0, time.UTC),
		Note:      "My take: **worth re-reading**.\n\n- first point\n- second point",
		Tags:      []string{"reading", "to do"},
	}
}

func englishHighlights(t testing.TB, a *storage.Article) []storage.Highlight {
	hs := []storage.Highlight{
		highlightOf(t, 1, a, "keeping what you read is another", 1, storage.Yellow, "The whole point of Margin."),
		highlightOf(t, 2, a, "*stars*, _underscores_, #hashtags, [brackets] and <tags>, a | pipe, `code`", 1, storage.Green, "Escaped: *not bold* and [not a link]"),
		highlightOf(t, 3, a, "margins, notes and the joy of re-reading.\n\nFinally, the end: a conclusion", 1, storage.Blue, "Two paragraphs,\nand a note on two lines."),
		highlightOf(t, 4, a, "> Not a quote, just an angle bracket", 1, storage.Pink, ""),
		highlightOf(t, 5, a, "- Not a list item either, and AT&amp;T", 1, storage.Purple, ""),
	}
	orphan := storage.Highlight{
		ID: 6, ArticleID: a.ID, Quote: "a sentence the page no longer has", Prefix: "once upon ", Suffix: " time",
		Color: storage.Yellow, Note: "kept though orphaned", Orphaned: true,
		CreatedAt: time.Date(2026, 3, 1, 10, 0, 0, 0, time.UTC), UpdatedAt: time.Date(2026, 3, 1, 10, 0, 0, 0, time.UTC),
	}
	return append(hs, orphan)
}

// chineseArticle is a small repost in Chinese with sentences from the seed
// fixture, built in Go so the golden files do not move with the extractor.
func chineseArticle() *storage.Article {
	paras := []string{
		"猎聘、脉脉、BOSS直聘,搜索ChatGPT的前排结果,几乎都是大模型相关的岗位。",
		"OpenAI官网挂出的参与过ChatGPT的项目团队共87人,平均年龄32岁。",
		"中国的AI人才是从14亿人里挑,美国是从80亿人里挑。",
		"3月14日,GLM-130B正式发布,这是一个开源的双语模型。",
		"甚至像DeepMind直接并入其中。",
	}
	var content strings.Builder
	content.WriteString("<h2>智谱AI</h2>")
	for _, p := range paras {
		content.WriteString("<p>" + html.EscapeString(p) + "</p>")
	}
	china := time.FixedZone("CST", 8*3600)
	return &storage.Article{
		ID:  42,
		Key: "0b6f1f3e-5c2a-4e7b-9d41-2f8a6c3e9b10", // from a library with keys; the English one is older
		Article: article.Article{
			URL:         "https://www.hflfx.com/lxt/871423.html",
			FinalURL:    "https://www.hflfx.com/lxt/871423.html",
			Title:       "中国式ChatGPT“大跃进”",
			SiteName:    "花粉乐分享",
			Source:      article.Source{Name: "虎嗅APP"},
			Published:   time.Date(2023, 5, 25, 18, 10, 1, 0, china),
			Language:    "zh",
			ContentHTML: content.String(),
			Text:        "智谱AI\n\n" + strings.Join(paras, "\n\n"),
		},
		ClippedAt: time.Date(2026, 2, 27, 1, 2, 3, 0, time.UTC),
		UpdatedAt: time.Date(2026, 2, 27, 1, 2, 3, 0, time.UTC),
		Note:      "人才差距的对比值得**再读**。",
		Tags:      []string{"AI", "中文"},
	}
}

func chineseHighlights(t testing.TB, a *storage.Article) []storage.Highlight {
	return []storage.Highlight{
		highlightOf(t, 11, a, "中国的AI人才是从14亿人里挑", 1, storage.Yellow, "人才基数不同。"),
		highlightOf(t, 12, a, "GLM-130B正式发布", 1, storage.Green, ""),
		highlightOf(t, 13, a, "平均年龄32岁。\n\n中国的AI人才是从14亿人里挑,美国是从80亿人里挑。", 1, storage.Pink, "跨段落的划线"),
	}
}

// sampleCase is a sample article with its highlights.
type sampleCase struct {
	name string
	a    *storage.Article
	hs   []storage.Highlight
}

// sampleCases are the English and the Chinese sample articles.
func sampleCases(t testing.TB) []sampleCase {
	en := englishArticle()
	zh := chineseArticle()
	return []sampleCase{
		{"english", en, englishHighlights(t, en)},
		{"chinese", zh, chineseHighlights(t, zh)},
	}
}

// splitFrontMatter separates a Markdown file into its front matter (parsed
// with the YAML library, into a generic map so a title "yes" that came back
// as a bool would show) and its body.
func splitFrontMatter(t testing.TB, file []byte) (map[string]any, []byte) {
	t.Helper()
	rest, ok := bytes.CutPrefix(file, []byte("---\n"))
	if !ok {
		t.Fatalf("file does not start with front matter:\n%s", file)
	}
	end := bytes.Index(rest, []byte("\n---\n"))
	if end < 0 {
		t.Fatalf("front matter not closed:\n%s", file)
	}
	var fm map[string]any
	if err := yaml.Unmarshal(rest[:end+1], &fm); err != nil {
		t.Fatalf("front matter is not valid YAML: %v\n%s", err, rest[:end+1])
	}
	return fm, rest[end+len("\n---\n"):]
}

// parsedBody is what a CommonMark parser reads in an exported body.
type parsedBody struct {
	headings []string // "## Highlights" as level + text
	quotes   []string // the text of each block quote, paragraphs joined by a blank line
	problems []string // inline syntax found inside quotes: escaping failed
}

// parseBody parses Markdown with goldmark (CommonMark, or with GFM's
// tables, strikethrough and autolinks) and collects headings and block
// quotes, reading text the way goldmark's renderer does.
func parseBody(src []byte, gfm bool) parsedBody {
	var exts []goldmark.Extender
	if gfm {
		exts = append(exts, extension.GFM)
	}
	md := goldmark.New(goldmark.WithExtensions(exts...))
	doc := md.Parser().Parse(text.NewReader(src))
	var out parsedBody
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Heading:
			t, _ := inlineText(n, src)
			out.headings = append(out.headings, strings.Repeat("#", n.Level)+" "+t)
			return ast.WalkSkipChildren, nil
		case *ast.Blockquote:
			var paras []string
			for c := n.FirstChild(); c != nil; c = c.NextSibling() {
				t, bad := inlineText(c, src)
				paras = append(paras, t)
				out.problems = append(out.problems, bad...)
				if c.Kind() != ast.KindParagraph {
					out.problems = append(out.problems, "block "+c.Kind().String())
				}
			}
			out.quotes = append(out.quotes, strings.Join(paras, "\n\n"))
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return out
}

// inlineText is the rendered text of a block's inline children; any inline
// node other than text and line breaks is reported as a problem.
func inlineText(n ast.Node, src []byte) (string, []string) {
	var b strings.Builder
	var problems []string
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *ast.Text:
			var buf bytes.Buffer
			w := bufio.NewWriter(&buf)
			gmhtml.DefaultWriter.Write(w, c.Segment.Value(src))
			_ = w.Flush()
			b.WriteString(html.UnescapeString(buf.String()))
			if c.HardLineBreak() || c.SoftLineBreak() {
				b.WriteString("\n")
			}
		case *ast.AutoLink:
			// Only GFM makes these, from a bare URL: a link whose text
			// is the URL as written.
			b.Write(c.Label(src))
		case *ast.String:
			b.WriteString(html.UnescapeString(string(c.Value)))
		default:
			problems = append(problems, c.Kind().String())
			t, more := inlineText(c, src)
			b.WriteString(t)
			problems = append(problems, more...)
		}
	}
	return b.String(), problems
}
