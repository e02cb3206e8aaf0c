package storage

import (
	"app.margin/margin/article"

	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// pngPicture is a w x h PNG as the clipper hands it to Save.
func pngPicture(t testing.TB, url string, w, h int) article.Picture {
	t.Helper()
	var b bytes.Buffer
	img := image.NewGray(image.Rect(0, 0, w, h))
	img.Pix[0] = byte(w) // pictures of different sizes differ in bytes
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(b.Bytes())
	return article.Picture{URL: url, SHA256: hex.EncodeToString(sum[:]), Type: "image/png",
		Size: int64(b.Len()), Width: w, Height: h, Data: b.Bytes()}
}

// withPictures is testArticle showing pics in its content.
func withPictures(url string, pics ...article.Picture) *article.Article {
	a := testArticle(url, "A paragraph.")
	for _, p := range pics {
		a.ContentHTML += `<img src="` + p.URL + `">`
	}
	a.Images = pics
	return a
}

func countPictures(t *testing.T, l *Library) (n int) {
	t.Helper()
	must(t, l.readers.QueryRow(`SELECT count(*) FROM pictures`).Scan(&n))
	return n
}

func TestPicturesStoredOnceAndServed(t *testing.T) {
	ctx := context.Background()
	l := mustOpen(t)
	cat, dog := pngPicture(t, "https://a.example/cat.png", 30, 20), pngPicture(t, "https://a.example/dog.png", 40, 10)
	missing := article.Picture{URL: "https://a.example/gone.png", Alt: "gone", Missing: "the server answered 404 Not Found"}
	id1 := mustSave(t, l, withPictures("https://a.example/1", cat, dog, missing))
	shared := cat
	shared.URL = "https://b.example/same-cat.png" // the same bytes under another address
	id2 := mustSave(t, l, withPictures("https://b.example/2", shared))

	if got := countPictures(t, l); got != 2 {
		t.Errorf("pictures stored = %d, want 2 (the shared one once)", got)
	}
	a, err := l.Get(ctx, id1)
	must(t, err)
	var got []string
	for _, p := range a.Images {
		if p.Data != nil {
			t.Errorf("Get returned the bytes of %s", p.URL)
		}
		got = append(got, p.URL+" "+p.SHA256[:min(8, len(p.SHA256))]+" "+p.Missing)
	}
	want := []string{cat.URL + " " + cat.SHA256[:8] + " ", dog.URL + " " + dog.SHA256[:8] + " ", missing.URL + "  " + missing.Missing}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Images = %q, want %q", got, want)
	}
	if p := a.Images[1]; p.Type != "image/png" || p.Width != 40 || p.Height != 10 || p.Size != dog.Size {
		t.Errorf("stored dog = %+v", p)
	}
	data, typ, err := l.Picture(ctx, cat.SHA256)
	if err != nil || typ != "image/png" || !bytes.Equal(data, cat.Data) {
		t.Errorf("Picture(cat) = %d bytes, %q, %v", len(data), typ, err)
	}
	if _, _, err := l.Picture(ctx, "00"); !errors.Is(err, ErrNotFound) {
		t.Errorf("Picture(unknown) error = %v, want ErrNotFound", err)
	}
	if ids, err := l.ArticlesMissingPictures(ctx); err != nil || !reflect.DeepEqual(ids, []int64{id1}) {
		t.Errorf("ArticlesMissingPictures = %v, %v; want [%d]", ids, err, id1)
	}

	// Deleting the first article drops the dog, which only it used, and
	// keeps the cat, which the second article shows.
	must(t, l.Delete(ctx, id1))
	if got := countPictures(t, l); got != 1 {
		t.Errorf("pictures after deleting article 1 = %d, want 1", got)
	}
	if _, _, err := l.Picture(ctx, cat.SHA256); err != nil {
		t.Errorf("shared picture gone with article 1: %v", err)
	}
	must(t, l.Delete(ctx, id2))
	if got := countPictures(t, l); got != 0 {
		t.Errorf("pictures after deleting both = %d, want 0", got)
	}
}

// TestReclipKeepsStoredPictures: a re-clip (or a fetch) that could not get a
// picture the article already had does not lose it.
func TestReclipKeepsStoredPictures(t *testing.T) {
	ctx := context.Background()
	l := mustOpen(t)
	cat := pngPicture(t, "https://a.example/cat.png", 30, 20)
	id := mustSave(t, l, withPictures("https://a.example/1", cat))

	offline := article.Picture{URL: cat.URL, Missing: "the network is unreachable"}
	if _, updated, err := l.Save(ctx, withPictures("https://a.example/1", offline)); err != nil || !updated {
		t.Fatalf("re-clip: updated=%v, %v", updated, err)
	}
	a, err := l.Get(ctx, id)
	must(t, err)
	if len(a.Images) != 1 || a.Images[0].SHA256 != cat.SHA256 || a.Images[0].Missing != "" {
		t.Errorf("after an offline re-clip Images = %+v, want the stored cat", a.Images)
	}

	// The same through SetPictures, and a list that drops the picture
	// lets it go.
	must(t, l.SetPictures(ctx, id, []article.Picture{offline}))
	if a, _ = l.Get(ctx, id); a.Images[0].SHA256 != cat.SHA256 {
		t.Errorf("after SetPictures(missing) Images = %+v, want the stored cat", a.Images)
	}
	must(t, l.SetPictures(ctx, id, nil))
	if got := countPictures(t, l); got != 0 {
		t.Errorf("pictures after the list dropped the cat = %d, want 0", got)
	}
}

func TestSaveRefusesBadPictures(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name string
		edit func(p *article.Picture)
	}{
		{"hash of other bytes", func(p *article.Picture) { p.SHA256 = "ab" + p.SHA256[2:] }},
		{"not a picture type", func(p *article.Picture) { p.Type = "text/html" }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := mustOpen(t)
			p := pngPicture(t, "https://a.example/cat.png", 3, 3)
			tt.edit(&p)
			_, _, err := l.Save(ctx, withPictures("https://a.example/1", p))
			if !errors.Is(err, ErrInvalid) {
				t.Errorf("Save error = %v, want ErrInvalid", err)
			}
			if n, err := l.Count(ctx); err != nil || n != 0 {
				t.Errorf("articles after a refused save = %d, %v; want 0", n, err)
			}
			if got := countPictures(t, l); got != 0 {
				t.Errorf("pictures after a refused save = %d, want 0", got)
			}
		})
	}
}

func TestSaveWithoutPicturesListsThemMissing(t *testing.T) {
	ctx := context.Background()
	l := mustOpen(t)
	a := testArticle("https://a.example/1", "text")
	a.ContentHTML += `<figure><img src="https://a.example/x.png" alt="X"><figcaption>An X</figcaption></figure>`
	a.ImageURL = "https://a.example/lead.jpg"
	id := mustSave(t, l, a)
	got, err := l.Get(ctx, id)
	must(t, err)
	want := []article.Picture{
		{URL: "https://a.example/x.png", Alt: "X", Caption: "An X", Missing: MissingNotFetched},
		{URL: "https://a.example/lead.jpg", Lead: true, Missing: MissingNotFetched},
	}
	if !reflect.DeepEqual(got.Images, want) {
		t.Errorf("Images = %+v\nwant %+v", got.Images, want)
	}
}

func TestGCAndBackupKeepPictures(t *testing.T) {
	ctx := context.Background()
	l := mustOpen(t)
	cat := pngPicture(t, "https://a.example/cat.png", 30, 20)
	mustSave(t, l, withPictures("https://a.example/1", cat))
	orphan := pngPicture(t, "https://a.example/orphan.png", 9, 9)
	if _, err := l.writer.Exec(`INSERT INTO pictures (sha256, type, size, width, height, created_at, data)
		VALUES (?, 'image/png', ?, 9, 9, 0, ?)`, orphan.SHA256, orphan.Size, orphan.Data); err != nil {
		t.Fatal(err)
	}
	n, size, err := l.GC(ctx)
	if err != nil || n != 1 || size != orphan.Size {
		t.Errorf("GC = %d pictures, %d bytes, %v; want 1, %d", n, size, err, orphan.Size)
	}
	if n, _, err := l.GC(ctx); err != nil || n != 0 {
		t.Errorf("second GC = %d, %v; want 0", n, err)
	}

	backup := filepath.Join(t.TempDir(), "backup.db")
	must(t, l.Backup(ctx, backup))
	b := mustOpenPath(t, backup)
	if data, _, err := b.Picture(ctx, cat.SHA256); err != nil || !bytes.Equal(data, cat.Data) {
		t.Errorf("backup's picture = %d bytes, %v", len(data), err)
	}
}

func TestMigrateListsOldPictures(t *testing.T) {
	ctx := context.Background()
	ms, err := migrations()
	must(t, err)
	script := ""
	for _, m := range ms[:5] {
		script += m.sql + ";"
	}
	path := filepath.Join(t.TempDir(), "v5.db")
	handMade(t, path, script+"PRAGMA user_version = 5;"+`
		INSERT INTO articles (id, url, title, text, content_html, image_url, clipped_at, updated_at) VALUES
		(1, 'https://example.com/a', 'Pictured', 'x', '<p>x</p><img src="https://example.com/a.png" alt="A">', '', 1, 1),
		(2, 'https://example.com/b', 'Plain', 'y', '<p>y</p>', '', 2, 2),
		(3, 'https://example.com/c', 'Lead only', 'z', '<p>z</p>', 'https://example.com/c.jpg', 3, 3);`)
	l := mustOpenPath(t, path)
	ids, err := l.ArticlesMissingPictures(ctx)
	if err != nil || !reflect.DeepEqual(ids, []int64{1, 3}) {
		t.Errorf("ArticlesMissingPictures after migrating = %v, %v; want [1 3]", ids, err)
	}
	a, err := l.Get(ctx, 1)
	must(t, err)
	want := []article.Picture{{URL: "https://example.com/a.png", Alt: "A", Missing: MissingBeforePictures}}
	if !reflect.DeepEqual(a.Images, want) {
		t.Errorf("Images = %+v, want %+v", a.Images, want)
	}
}

// TestImportedContentListsItsPictures: an export that carried the content
// (Omnivore, wallabag) brings no picture bytes; its pictures are listed as
// missing so that "Fetch missing images" gets them.
func TestImportedContentListsItsPictures(t *testing.T) {
	ctx := context.Background()
	l := mustOpen(t)
	a := testArticle("https://a.example/imported", "text")
	a.ContentHTML += `<img src="https://a.example/x.png">`
	out, err := l.Import(ctx, []ImportEntry{{URL: a.URL, Title: "Imported", Article: a}})
	must(t, err)
	ids, err := l.ArticlesMissingPictures(ctx)
	if err != nil || !reflect.DeepEqual(ids, []int64{out[0].ID}) {
		t.Errorf("ArticlesMissingPictures = %v, %v; want [%d]", ids, err, out[0].ID)
	}
}

// BenchmarkLibraryGrowth saves articles with five pictures each (one of
// them, a site logo, shared by all): the library file's growth per article,
// and per article beyond the bytes of its own pictures.
func BenchmarkLibraryGrowth(b *testing.B) {
	ctx := context.Background()
	const articles = 200
	logo := pngPicture(b, "https://a.example/logo.png", 120, 40)
	for i := 0; i < b.N; i++ {
		path := filepath.Join(b.TempDir(), "growth.db")
		l, err := Open(ctx, path)
		if err != nil {
			b.Fatal(err)
		}
		var pictureBytes int64
		for n := range articles {
			pics := []article.Picture{logo}
			for k := range 4 {
				p := pngPicture(b, fmt.Sprintf("https://a.example/%d/%d.png", n, k), 200+n, 150+k)
				pictureBytes += p.Size
				pics = append(pics, p)
			}
			a := withPictures(fmt.Sprintf("https://a.example/%d", n), pics...)
			a.Text = strings.Repeat("A paragraph of an article. ", 200)
			if _, _, err := l.Save(ctx, a); err != nil {
				b.Fatal(err)
			}
		}
		if _, err := l.writer.Exec(`PRAGMA wal_checkpoint(TRUNCATE)`); err != nil {
			b.Fatal(err)
		}
		st, err := os.Stat(path)
		if err != nil {
			b.Fatal(err)
		}
		l.Close()
		b.ReportMetric(float64(st.Size())/articles/1024, "KiB/article")
		b.ReportMetric(float64(st.Size()-pictureBytes-logo.Size)/articles/1024, "KiB/article-beyond-pictures")
	}
}
