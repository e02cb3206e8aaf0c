package export

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"testing"

	"app.margin/margin/storage"
)

// pictureCounter counts the pictures an export reads from the library.
type pictureCounter struct {
	*storage.Library
	reads atomic.Int32
}

func (c *pictureCounter) Picture(ctx context.Context, sha string) ([]byte, string, error) {
	c.reads.Add(1)
	return c.Library.Picture(ctx, sha)
}

// assetNames lists dir/assets.
func assetNames(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(filepath.Join(dir, assetsDir))
	if os.IsNotExist(err) {
		return nil
	}
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names
}

// storedName is the assets file of the stored picture at url.
func storedName(t *testing.T, lib *storage.Library, id int64, url string) string {
	t.Helper()
	a, err := lib.Get(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	p, ok := a.Picture(url)
	if !ok || !p.Stored() {
		t.Fatalf("article %d has no stored picture %s", id, url)
	}
	return pictureName(p)
}

func TestMarkdownFullWritesPicturesOnce(t *testing.T) {
	ctx := context.Background()
	lib := &pictureCounter{Library: mustOpen(t)}
	pics := pictureData(t)
	first := saveBookArticle(t, lib.Library, 0, bookArticle{
		title: "Pictures", lang: "en", pics: pics,
		html: `<p>Intro.</p><p><img src="https://example.com/chart.png" alt="chart" srcset="https://cdn.example.com/chart-2x.png 2x"/></p>` +
			`<p><img src="https://example.com/photo.jpg" alt="photo"/></p><p><img src="https://example.com/draw.svg" alt="drawing"/></p>` +
			`<p><img src="https://example.com/gone.png" alt="gone"/></p><p><img src="file:///home/me/page_files/x.png" alt="saved beside"/></p>`,
	})
	second := saveBookArticle(t, lib.Library, 1, bookArticle{
		title: "Same chart", lang: "en", pics: pics,
		html: `<p>The same chart again.</p><p><img src="https://example.com/chart.png" alt="chart"/></p>`,
	})
	chart := storedName(t, lib.Library, first, "https://example.com/chart.png")
	photo := storedName(t, lib.Library, first, "https://example.com/photo.jpg")
	drawing := storedName(t, lib.Library, first, "https://example.com/draw.svg")
	dir := t.TempDir()

	res, err := ToDir(ctx, lib, dir, Selection{}, Options{Full: true}, nil)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{chart, photo, drawing}
	slices.Sort(want)
	if got := assetNames(t, dir); !slices.Equal(got, want) || !slices.Equal(res.Pictures, want) {
		t.Fatalf("assets = %q, reported written %q, want %q (each stored picture once)", got, res.Pictures, want)
	}
	if got := lib.reads.Load(); got != 3 {
		t.Errorf("%d pictures read from the library, want 3", got)
	}
	for name, data := range map[string][]byte{chart: pics["https://example.com/chart.png"].Data, drawing: pics["https://example.com/draw.svg"].Data} {
		if got := readFile(t, filepath.Join(dir, assetsDir, name)); got != string(data) {
			t.Errorf("%s does not hold the stored picture", name)
		}
	}
	md := readFile(t, filepath.Join(dir, "Pictures.md"))
	for _, want := range []string{
		"![chart](assets/" + chart + ")", "![photo](assets/" + photo + ")", "![drawing](assets/" + drawing + ")",
		"![gone](https://example.com/gone.png)", "Picture: saved beside",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("note lacks %s:\n%s", want, md)
		}
	}
	for _, bad := range []string{"cdn.example.com", "file:"} {
		if strings.Contains(md, bad) {
			t.Errorf("note still names %s:\n%s", bad, md)
		}
	}
	if md2 := readFile(t, filepath.Join(dir, "Same chart.md")); !strings.Contains(md2, "(assets/"+chart+")") {
		t.Errorf("second note does not link the shared picture:\n%s", md2)
	}

	// Again: nothing read or written, nothing duplicated.
	before, _ := os.Stat(filepath.Join(dir, assetsDir, chart))
	lib.reads.Store(0)
	res, err = ToDir(ctx, lib, dir, Selection{}, Options{Full: true}, nil)
	if err != nil {
		t.Fatal(err)
	}
	after, _ := os.Stat(filepath.Join(dir, assetsDir, chart))
	if lib.reads.Load() != 0 || len(res.Written) != 0 || len(res.Pictures) != 0 || !after.ModTime().Equal(before.ModTime()) {
		t.Errorf("second export read %d pictures and wrote %q (picture rewritten: %v), want nothing", lib.reads.Load(), res.Written, !after.ModTime().Equal(before.ModTime()))
	}
	if got := assetNames(t, dir); !slices.Equal(got, want) {
		t.Errorf("assets after a second export = %q, want %q", got, want)
	}

	// The reader adds a picture of their own and replaces one of ours, then
	// deletes the first note: the pictures only it linked go, except the
	// one that is no longer what Margin wrote; the shared one stays.
	mine := filepath.Join(dir, assetsDir, "my own.png")
	if err := os.WriteFile(mine, []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, assetsDir, drawing), []byte("<svg>edited</svg>"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(filepath.Join(dir, "Pictures.md")); err != nil {
		t.Fatal(err)
	}
	if err := lib.Delete(ctx, first); err != nil {
		t.Fatal(err)
	}
	if _, err := ToDir(ctx, lib, dir, Selection{}, Options{Full: true}, nil); err != nil {
		t.Fatal(err)
	}
	want = []string{chart, drawing, "my own.png"}
	slices.Sort(want)
	if got := assetNames(t, dir); !slices.Equal(got, want) {
		t.Errorf("assets after the note went = %q, want %q", got, want)
	}
	var m struct {
		Assets []string `json:"assets"`
	}
	if err := json.Unmarshal([]byte(readFile(t, filepath.Join(dir, manifestName))), &m); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(m.Assets, []string{chart}) {
		t.Errorf("manifest owns %q, want only %q (the edited drawing is the reader's now)", m.Assets, chart)
	}

	// A note of another export in the same folder keeps its pictures: an
	// export of a tag does not remove what the untagged notes link.
	if err := lib.AddTags(ctx, second, "t"); err != nil {
		t.Fatal(err)
	}
	third := saveBookArticle(t, lib.Library, 2, bookArticle{
		title: "Photo only", lang: "en", pics: pics,
		html: `<p>A photo.</p><p><img src="https://example.com/photo.jpg" alt="photo"/></p>`,
	})
	if _, err := ToDir(ctx, lib, dir, Selection{IDs: []int64{third}}, Options{Full: true}, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := ToDir(ctx, lib, dir, Selection{Tag: "t"}, Options{Full: true}, nil); err != nil {
		t.Fatal(err)
	}
	if got := assetNames(t, dir); !slices.Contains(got, photo) || !slices.Contains(got, chart) {
		t.Errorf("assets after exports of parts of the library = %q, want the photo and the chart kept", got)
	}
}

func TestMarkdownWithoutFullWritesNoPictures(t *testing.T) {
	lib := mustOpen(t)
	saveBookArticle(t, lib, 0, bookArticle{title: "Pictures", lang: "en", pics: pictureData(t),
		html: `<p>Intro.</p><p><img src="https://example.com/chart.png" alt="chart"/></p>`, quotes: []string{"Intro"}})
	dir := t.TempDir()
	if _, err := ToDir(context.Background(), lib, dir, Selection{}, Options{}, nil); err != nil {
		t.Fatal(err)
	}
	if got := assetNames(t, dir); got != nil {
		t.Errorf("assets = %q, want no assets folder without the whole articles", got)
	}
}

func TestMarkdownSingleFileWritesPicturesBesideIt(t *testing.T) {
	lib := mustOpen(t)
	id := saveBookArticle(t, lib, 0, bookArticle{title: "Pictures", lang: "en", pics: pictureData(t),
		html: `<p>Intro.</p><p><img src="https://example.com/chart.png" alt="chart"/></p>`})
	dir := t.TempDir()
	path := filepath.Join(dir, "all.md")
	if err := ToFile(context.Background(), lib, path, Selection{}, Options{Full: true}, nil); err != nil {
		t.Fatal(err)
	}
	chart := storedName(t, lib, id, "https://example.com/chart.png")
	if got := assetNames(t, dir); !slices.Equal(got, []string{chart}) {
		t.Errorf("assets = %q, want %q", got, chart)
	}
	if md := readFile(t, path); !strings.Contains(md, "![chart](assets/"+chart+")") {
		t.Errorf("file does not link the picture:\n%s", md)
	}
}

func TestLocalPictures(t *testing.T) {
	links := map[string]string{"https://x.example/a.png": "assets/aa.png", "https://t.example/p.gif": dropPicture}
	for _, tc := range []struct{ in, want string }{
		{`<p><img src="https://x.example/a.png" srcset="https://x.example/a2.png 2x" alt="a"/></p>`, `<p><img src="assets/aa.png" alt="a"/></p>`},
		{`<img src="https://x.example/b.png" alt="b"/>`, `<img src="https://x.example/b.png" alt="b"/>`},
		{`<p>x<img src="data:image/png;base64,AAAA" alt="dot"/>y</p>`, `<p>x[Picture: dot]y</p>`},
		{`<p>x<img src="file:///tmp/a.png"/>y</p>`, `<p>xy</p>`},
		{`<p>x<img src="https://t.example/p.gif" alt="a tracking pixel"/>y</p>`, `<p>xy</p>`},
	} {
		if got := localPictures(tc.in, links); got != tc.want {
			t.Errorf("localPictures(%s) = %s, want %s", tc.in, got, tc.want)
		}
	}
}
