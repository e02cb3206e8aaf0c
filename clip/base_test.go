package clip

import (
	"app.margin/margin/article"

	"context"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strings"
	"testing"
)

// savedPage is an article with one relative link and one relative image,
// and head as its <head>.
func savedPage(head string) string {
	return `<!DOCTYPE html><html lang="en"><head><title>Tide Tables</title>` + head + `</head><body><article>
<h1>Tide Tables</h1>
<p>The tide tables for the coming month are pinned by the harbour office door, and the
<a href="/almanac/tides.html">full almanac</a> is kept at the library for anyone who asks.</p>
<figure><img src="images/harbour.jpg" alt="The harbour at low water"></figure>
<p>Spring tides fall on the third and the seventeenth, when the new and full moons pull the
sea furthest up the shingle and furthest back from the harbour wall.</p>
<p>Neap tides follow a week later; the difference between high and low water is then at its
smallest, and the channel stays deep enough for the ferry at every hour.</p>
</article></body></html>`
}

const (
	canonicalLink = `<link rel="canonical" href="https://news.example.org/2024/05/tides.html">`
	ogURL         = `<meta property="og:url" content="https://og.example.net/coast/tides.html">`
)

// baseCase is a page and the addresses its relative link and image must
// resolve to ("" when they cannot be resolved and are dropped).
type baseCase struct {
	name, head          string
	wantLink, wantImage string
}

// assertResolved checks a's content and lead image against tc; wantSrc,
// when not "", is where the content's image must point instead of
// tc.wantImage (a saved page's own file).
func assertResolved(t *testing.T, a *article.Article, tc baseCase, wantSrc string) {
	t.Helper()
	if got, want := a.ImageURL, tc.wantImage; got != want {
		t.Errorf("got ImageURL %q, want %q", got, want)
	}
	if wantSrc == "" {
		wantSrc = tc.wantImage
	}
	for _, f := range []struct{ attr, want string }{
		{"href", tc.wantLink},
		{"src", wantSrc},
	} {
		if f.want == "" {
			if strings.Contains(a.ContentHTML, " "+f.attr+"=") {
				t.Errorf("content keeps a %s it cannot resolve: %s", f.attr, a.ContentHTML)
			}
			continue
		}
		if !strings.Contains(a.ContentHTML, f.attr+`="`+f.want+`"`) {
			t.Errorf("content has no %s=%q: %s", f.attr, f.want, a.ContentHTML)
		}
	}
	if !strings.Contains(a.Text, "full almanac") {
		t.Errorf("text lost the link's words: %q", a.Text)
	}
}

func TestSavedPageResolvesAgainstDeclaredAddress(t *testing.T) {
	tests := []baseCase{
		{
			name: "canonical", head: canonicalLink,
			wantLink:  "https://news.example.org/almanac/tides.html",
			wantImage: "https://news.example.org/2024/05/images/harbour.jpg",
		},
		{
			name: "og:url", head: ogURL,
			wantLink:  "https://og.example.net/almanac/tides.html",
			wantImage: "https://og.example.net/coast/images/harbour.jpg",
		},
		{
			name: "canonical before og:url", head: ogURL + canonicalLink,
			wantLink:  "https://news.example.org/almanac/tides.html",
			wantImage: "https://news.example.org/2024/05/images/harbour.jpg",
		},
		{
			name: "base href before canonical", head: canonicalLink + `<base href="https://mirror.example.com/saved/">`,
			wantLink:  "https://mirror.example.com/almanac/tides.html",
			wantImage: "https://mirror.example.com/saved/images/harbour.jpg",
		},
		{
			name: "the first base href", head: `<base href="https://mirror.example.com/saved/"><base href="https://other.example.com/">`,
			wantLink:  "https://mirror.example.com/almanac/tides.html",
			wantImage: "https://mirror.example.com/saved/images/harbour.jpg",
		},
		{
			name: "relative base href, against the canonical", head: canonicalLink + `<base href="/archive/">`,
			wantLink:  "https://news.example.org/almanac/tides.html",
			wantImage: "https://news.example.org/archive/images/harbour.jpg",
		},
		{
			name: "base href without scheme", head: `<base href="//mirror.example.com/saved/">` + canonicalLink,
			wantLink:  "https://mirror.example.com/almanac/tides.html",
			wantImage: "https://mirror.example.com/saved/images/harbour.jpg",
		},
		{name: "nothing declared", head: ""},
		{name: "relative base href alone", head: `<base href="/archive/">`},
		{name: "javascript: canonical", head: `<link rel="canonical" href="javascript:alert(1)">`},
		{name: "relative canonical", head: `<link rel="canonical" href="/2024/05/tides.html">`},
		{name: "file: canonical", head: `<link rel="canonical" href="file:///home/me/tides.html">`},
		{name: "ftp: og:url", head: `<meta property="og:url" content="ftp://example.org/tides.html">`},
		{
			name: "relative canonical, then og:url", head: `<link rel="canonical" href="/2024/05/tides.html">` + ogURL,
			wantLink:  "https://og.example.net/almanac/tides.html",
			wantImage: "https://og.example.net/coast/images/harbour.jpg",
		},
		{
			name: "javascript: base href, then canonical", head: `<base href="javascript:alert(1)//">` + canonicalLink,
			wantLink:  "https://news.example.org/almanac/tides.html",
			wantImage: "https://news.example.org/2024/05/images/harbour.jpg",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			page := savedPage(tc.head)
			t.Run("file", func(t *testing.T) {
				path := writeFile(t, t.TempDir(), "tides.html", []byte(page))
				a, err := testClient().Clip(context.Background(), path, "")
				if err != nil {
					t.Fatal(err)
				}
				// Without a web address, the image is the file the
				// browser saved beside the page.
				wantSrc := ""
				if tc.wantImage == "" {
					wantSrc = (&url.URL{Scheme: "file", Path: filepath.ToSlash(filepath.Join(filepath.Dir(path), "images", "harbour.jpg"))}).String()
				}
				assertResolved(t, a, tc, wantSrc)
				// The article still names the file it came from.
				fileURL := (&url.URL{Scheme: "file", Path: filepath.ToSlash(path)}).String()
				for _, f := range []struct{ name, got, want string }{
					{"URL", a.URL, path},
					{"FinalURL", a.FinalURL, fileURL},
				} {
					if f.got != f.want {
						t.Errorf("got %s %q, want %q", f.name, f.got, f.want)
					}
				}
			})
			t.Run("bytes", func(t *testing.T) {
				a, err := Parse([]byte(page), "", "")
				if err != nil {
					t.Fatal(err)
				}
				assertResolved(t, a, tc, "")
			})
		})
	}
}

func TestPageAddressBeforeDeclaredAddress(t *testing.T) {
	const original = "https://example.com/news/tides.html"
	tests := []baseCase{
		{
			name: "the page's address, not its canonical", head: canonicalLink + ogURL,
			wantLink:  "https://example.com/almanac/tides.html",
			wantImage: "https://example.com/news/images/harbour.jpg",
		},
		{
			name: "relative base href, against the page's address", head: canonicalLink + `<base href="/archive/">`,
			wantLink:  "https://example.com/almanac/tides.html",
			wantImage: "https://example.com/archive/images/harbour.jpg",
		},
		{
			name: "absolute base href, as a browser takes it", head: `<base href="https://mirror.example.com/saved/">`,
			wantLink:  "https://mirror.example.com/almanac/tides.html",
			wantImage: "https://mirror.example.com/saved/images/harbour.jpg",
		},
		{
			name: "javascript: base href", head: `<base href="javascript:alert(1)//">`,
			wantLink:  "https://example.com/almanac/tides.html",
			wantImage: "https://example.com/news/images/harbour.jpg",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			page := savedPage(tc.head)
			t.Run("file with --url", func(t *testing.T) {
				path := writeFile(t, t.TempDir(), "tides.html", []byte(page))
				a, err := testClient().Clip(context.Background(), path, original)
				if err != nil {
					t.Fatal(err)
				}
				assertResolved(t, a, tc, "")
				if a.URL != original || a.FinalURL != original {
					t.Errorf("got URL %q FinalURL %q, want both %q", a.URL, a.FinalURL, original)
				}
			})
			t.Run("bytes with their address", func(t *testing.T) {
				a, err := Parse([]byte(page), "", original)
				if err != nil {
					t.Fatal(err)
				}
				assertResolved(t, a, tc, "")
			})
		})
	}
}

// TestFetchedPageResolvesAgainstBaseHref serves a page whose <base href> is
// relative: its links resolve against the base, itself resolved against the
// address the page was fetched from, as in a browser.
func TestFetchedPageResolvesAgainstBaseHref(t *testing.T) {
	srv := httptest.NewServer(serveHTML(savedPage(`<base href="/static/v2/">` + canonicalLink)))
	defer srv.Close()
	a, err := testClient().Clip(context.Background(), srv.URL+"/news/tides.html", "")
	if err != nil {
		t.Fatal(err)
	}
	assertResolved(t, a, baseCase{
		wantLink:  srv.URL + "/almanac/tides.html",
		wantImage: srv.URL + "/static/v2/images/harbour.jpg",
	}, "")
	if got, want := a.CanonicalURL, "https://news.example.org/2024/05/tides.html"; got != want {
		t.Errorf("got CanonicalURL %q, want %q", got, want)
	}
}

// TestLeadPictureIsNoIcon: with no og:image, the lead picture is the
// content's first picture that is not declared icon-sized (163.com's 13x12
// channel icon beside the editor's name came first).
func TestLeadPictureIsNoIcon(t *testing.T) {
	page := func(icon string) []byte {
		return []byte(`<!DOCTYPE html><html lang="en"><head><title>Tide Tables</title></head><body><article>
<h1>Tide Tables</h1>
<p>` + icon + ` The tide tables for the coming month are pinned by the harbour office door, and the
full almanac is kept at the library for anyone who asks about the spring and neap tides.</p>
<figure><img src="/images/harbour.jpg" alt="The harbour at low water"></figure>
<p>Spring tides fall on the third and the seventeenth, when the new and full moons pull the
sea furthest up the shingle and furthest back from the harbour wall, twice a month.</p>
<p>Neap tides follow a week later; the difference between high and low water is then at its
smallest, and the channel stays deep enough for the ferry at every hour of the day.</p>
</article></body></html>`)
	}
	tests := []struct {
		name, icon, want string
	}{
		{"icon declared 13x12", `<img src="/css/img/end_money.png" width="13" height="12" alt="editor">`, "https://news.example.org/images/harbour.jpg"},
		{"icon in px", `<img src="/css/img/end_news.png" width="16px" height="16px">`, "https://news.example.org/images/harbour.jpg"},
		{"small but one side large", `<img src="/img/strip.png" width="600" height="20">`, "https://news.example.org/img/strip.png"},
		{"no sizes declared", `<img src="/img/first.jpg">`, "https://news.example.org/img/first.jpg"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a := mustParse(t, page(tc.icon), "https://news.example.org/2024/05/tides.html")
			if a.ImageURL != tc.want {
				t.Errorf("ImageURL = %q, want %q", a.ImageURL, tc.want)
			}
		})
	}
}
