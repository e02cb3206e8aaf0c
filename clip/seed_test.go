package clip

import (
	"app.margin/margin/article"

	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// seedExpected is ../shared/fixtures/seed/expected.json.
type seedExpected struct {
	PageURL        string   `json:"page_url"`
	Files          []string `json:"files"`
	Title          string   `json:"title"`
	SiteName       string   `json:"site_name"`
	OriginalSource string   `json:"original_source"`
	Published      string   `json:"published"`
	Language       string   `json:"language"`
	StartsWith     []string `json:"text_starts_with_one_of"`
	Contains       []string `json:"text_contains"`
	MustNotContain []string `json:"text_must_not_contain"`
	Headings       []string `json:"headings"`
	Images         int      `json:"images"`
}

// seedPath is the shared seed fixture, relative to this package.
var seedPath = filepath.Join("..", "..", "shared", "fixtures", "seed")

func loadSeedExpectations(t *testing.T) seedExpected {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(seedPath, "expected.json"))
	if err != nil {
		t.Skipf("skipping seed fixture tests: %s is missing (%v)", seedPath, err)
	}
	var exp seedExpected
	if err := json.Unmarshal(b, &exp); err != nil {
		t.Fatalf("read expected.json: %v", err)
	}
	return exp
}

// checkSeed asserts everything expected.json says about a clip of the seed.
func checkSeed(t *testing.T, a *article.Article, exp seedExpected) {
	t.Helper()
	checkInvariants(t, "seed", a)
	if got, want := a.Title, exp.Title; got != want {
		t.Errorf("title = %q, want %q", got, want)
	}
	if got, want := a.SiteName, exp.SiteName; got != want {
		t.Errorf("site name = %q, want %q", got, want)
	}
	if got, want := a.Source.Name, exp.OriginalSource; got != want {
		t.Errorf("original source = %q, want %q", got, want)
	}
	if got, want := a.Published.Format(time.RFC3339), exp.Published; got != want {
		t.Errorf("published = %s, want %s", got, want)
	}
	if got, want := a.Provenance["published"], article.FromText; got != want {
		t.Errorf("published provenance = %q, want %q", got, want)
	}
	// expected.json names the language ("zh"); the page says zh-CN, which we keep.
	if got, want := baseLang(a.Language), exp.Language; got != want {
		t.Errorf("language = %q (%q), want %q", got, a.Language, want)
	}
	starts := false
	for _, s := range exp.StartsWith {
		starts = starts || strings.HasPrefix(a.Text, s)
	}
	if !starts {
		t.Errorf("text starts %q, want one of %q", firstRunes(a.Text, 40), exp.StartsWith)
	}
	for _, s := range exp.Contains {
		if !strings.Contains(a.Text, s) {
			t.Errorf("text lacks %q", s)
		}
	}
	for _, s := range exp.MustNotContain {
		if strings.Contains(a.Text, s) || strings.Contains(a.ContentHTML, s) {
			t.Errorf("text holds boilerplate %q", s)
		}
	}
	var headings []string
	images := 0
	for _, b := range article.Blocks(a.ContentHTML) {
		switch b.Kind {
		case article.Heading:
			headings = append(headings, b.Text)
		case article.Image:
			images++
			if !strings.HasPrefix(b.Image.URL, "http") {
				t.Errorf("image URL %q is not absolute", b.Image.URL)
			}
		}
	}
	if got, want := strings.Join(headings, "|"), strings.Join(exp.Headings, "|"); got != want {
		t.Errorf("headings = %q, want %q", got, want)
	}
	if got, want := images, exp.Images; got != want {
		t.Errorf("images = %d, want %d", got, want)
	}
	if !a.Readable {
		t.Error("seed article not readable")
	}
}

func firstRunes(s string, n int) string {
	r := []rune(s)
	return string(r[:min(n, len(r))])
}

// TestSeedParse parses both seed files directly.
func TestSeedParse(t *testing.T) {
	exp := loadSeedExpectations(t)
	texts := map[string]string{}
	for _, f := range exp.Files {
		t.Run(f, func(t *testing.T) {
			raw, err := os.ReadFile(filepath.Join(seedPath, f))
			if err != nil {
				t.Fatal(err)
			}
			a, err := Parse(raw, "", exp.PageURL)
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			checkSeed(t, a, exp)
			texts[f] = a.Text
			if strings.Contains(f, "gbk") && a.Charset != "gb18030" {
				t.Errorf("charset = %q, want gb18030 (GBK read as its superset)", a.Charset)
			}
		})
	}
	if len(texts) == 2 && texts[exp.Files[0]] != texts[exp.Files[1]] {
		t.Error("the GBK and UTF-8 files give different text")
	}
}

// TestSeedClipHTTP fetches the seed through Client.Clip from a test server,
// once with a charset-less Content-Type and once with none at all.
func TestSeedClipHTTP(t *testing.T) {
	exp := loadSeedExpectations(t)
	page, err := url.Parse(exp.PageURL)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range exp.Files {
		raw, err := os.ReadFile(filepath.Join(seedPath, f))
		if err != nil {
			t.Fatal(err)
		}
		for _, ctype := range []string{"text/html", ""} {
			t.Run(f+"/content-type="+ctype, func(t *testing.T) {
				srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
					if r.URL.Path != page.Path {
						http.NotFound(w, r)
						return
					}
					if ctype == "" {
						// Without this Go's server would sniff and add one.
						w.Header()["Content-Type"] = nil
					} else {
						w.Header().Set("Content-Type", ctype)
					}
					_, _ = w.Write(raw)
				}))
				defer srv.Close()
				ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
				defer cancel()
				a, err := NewClient().Clip(ctx, srv.URL+page.Path, "")
				if err != nil {
					t.Fatalf("Clip: %v", err)
				}
				checkSeed(t, a, exp)
			})
		}
	}
}

// TestSeedClipFile reads the seed files as saved pages with their web address.
func TestSeedClipFile(t *testing.T) {
	exp := loadSeedExpectations(t)
	for _, f := range exp.Files {
		t.Run(f, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			defer cancel()
			a, err := NewClient().Clip(ctx, filepath.Join(seedPath, f), exp.PageURL)
			if err != nil {
				t.Fatalf("Clip: %v", err)
			}
			checkSeed(t, a, exp)
			for _, b := range article.Blocks(a.ContentHTML) {
				if b.Kind == article.Image && !strings.HasPrefix(b.Image.URL, "https://www.hflfx.com/uploads/") {
					t.Errorf("image %q not resolved against the original URL", b.Image.URL)
				}
			}
		})
	}
}
