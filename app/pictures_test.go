package app

import (
	"bytes"
	"context"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/jpeg"
	"image/png"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"

	"app.margin/margin/article"
	"app.margin/margin/clip"
	"app.margin/margin/storage"
)

// pictureServer serves grey PNGs under /pic and counts every request.
func pictureServer(t *testing.T) (*httptest.Server, *atomic.Int32) {
	t.Helper()
	var n atomic.Int32
	pic := testPNG(t, 240, 120)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n.Add(1)
		if strings.HasPrefix(r.URL.Path, "/pic") {
			w.Header().Set("Content-Type", "image/png")
			w.Write(pic)
			return
		}
		http.NotFound(w, r)
	}))
	t.Cleanup(srv.Close)
	return srv, &n
}

func testPNG(t *testing.T, w, h int) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := png.Encode(&buf, image.NewGray(image.Rect(0, 0, w, h))); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// bombPNG is a 1.6 KB-class PNG whose header claims 100000×100000 pixels.
func bombPNG() []byte {
	var buf bytes.Buffer
	buf.WriteString("\x89PNG\r\n\x1a\n")
	chunk := func(typ string, data []byte) {
		binary.Write(&buf, binary.BigEndian, uint32(len(data)))
		body := append([]byte(typ), data...)
		buf.Write(body)
		binary.Write(&buf, binary.BigEndian, crc32.ChecksumIEEE(body))
	}
	ihdr := binary.BigEndian.AppendUint32(binary.BigEndian.AppendUint32(nil, 100000), 100000)
	chunk("IHDR", append(ihdr, 8, 2, 0, 0, 0))
	chunk("IDAT", bytes.Repeat([]byte{0}, 1600))
	chunk("IEND", nil)
	return buf.Bytes()
}

// bombJPEG is a tiny JPEG whose frame header claims 65000×65000 pixels.
func bombJPEG(t *testing.T) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, image.NewGray(image.Rect(0, 0, 8, 8)), nil); err != nil {
		t.Fatal(err)
	}
	b := buf.Bytes()
	i := bytes.Index(b, []byte{0xff, 0xc0})
	binary.BigEndian.PutUint16(b[i+5:], 65000)
	binary.BigEndian.PutUint16(b[i+7:], 65000)
	return b
}

// picturePage is an article whose pictures are all on srv, in every way a
// page names one: plain, lazy, srcset, <picture>, a lead image and a
// tracking pixel.
func picturePage(srv, title string) string {
	return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>` + title + `</title>
<meta property="og:image" content="` + srv + `/pic-lead.png"></head><body><article><h1>` + title + `</h1>
<p>` + enPara1 + `</p>
<figure><img src="` + srv + `/pic-1.png" alt="a grey box"><figcaption>The first box</figcaption></figure>
<p>` + enPara2 + `</p>
<img loading="lazy" data-src="` + srv + `/pic-lazy.png" src="` + srv + `/pic-2.png" alt="a lazy box">
<img srcset="` + srv + `/pic-small.png 1x, ` + srv + `/pic-big.png 2x" alt="a srcset box">
<picture><source srcset="` + srv + `/pic-source.webp"><img src="` + srv + `/pic-3.png" alt="a picture box"></picture>
<img src="` + srv + `/pixel-track.gif?user=42" width="1" height="1">
<p>` + enPara1 + ` Again.</p></article></body></html>`
}

// saveWithPictures clips page (without fetching) and stores it with the
// given bytes for its first pictures, as if the clipper had fetched them.
func saveWithPictures(t *testing.T, lib *storage.Library, page, pageURL string, data ...[]byte) int64 {
	t.Helper()
	a, err := clip.Parse([]byte(page), "text/html; charset=utf-8", pageURL)
	if err != nil {
		t.Fatal(err)
	}
	a.URL, a.FinalURL = pageURL, pageURL
	a.Images = article.PicturesOf(a.ContentHTML, a.ImageURL)
	for i := range a.Images {
		if i < len(data) {
			a.Images[i].Data, a.Images[i].Type = data[i], "image/png"
			a.Images[i].Width, a.Images[i].Height = 100, 100 // as a library not written by Margin might say
		} else {
			a.Images[i].Missing = storage.MissingNotFetched
		}
	}
	id, _, err := lib.Save(context.Background(), a)
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// readerDrawn lists the texts and counts the pictures the reader draws.
func readerDrawn(u *ui) (texts []string, pictures int) {
	walk(u.reader, func(o fyne.CanvasObject) {
		switch o := o.(type) {
		case *canvas.Text:
			texts = append(texts, o.Text)
		case *canvas.Image:
			pictures++
		}
	})
	return texts, pictures
}

// TestOpeningEveryArticleMakesNoRequest opens every article of a real
// library whose articles name pictures on a server that counts requests:
// stored pictures, missing ones, and decompression bombs. Not one request
// reaches the server, the stored pictures are drawn, the bombs and the
// missing ones show their placeholders, and the app goes on working.
func TestOpeningEveryArticleMakesNoRequest(t *testing.T) {
	srv, requests := pictureServer(t)
	lib := openRealLibrary(t)
	ids := []int64{
		saveWithPictures(t, lib, picturePage(srv.URL, "Nothing stored"), srv.URL+"/none"),
		saveWithPictures(t, lib, picturePage(srv.URL, "Two stored"), srv.URL+"/two", testPNG(t, 200, 100), testPNG(t, 100, 300)),
		saveWithPictures(t, lib, picturePage(srv.URL, "Bombs"), srv.URL+"/bombs", bombPNG(), bombJPEG(t)),
		saveParsed(t, lib, picturePage(srv.URL, "Clipped without pictures"), srv.URL+"/old"),
	}
	u, _ := newTestUI(t, lib, clip.NewClient())
	for _, id := range ids {
		u.openArticle(id)
		if u.currentID() != id {
			t.Fatalf("article %d did not open", id)
		}
		texts, pictures := readerDrawn(u)
		switch u.current.Title {
		case "Two stored":
			if pictures != 2 {
				t.Errorf("%s: %d pictures drawn, want 2", u.current.Title, pictures)
			}
		case "Bombs":
			if pictures != 0 || !contains(texts, "[Image: a grey box]") || !contains(texts, "[Image: a lazy box]") {
				t.Errorf("bombs: %d pictures drawn, texts %q; want none and both placeholders", pictures, texts)
			}
		default:
			if pictures != 0 || !contains(texts, "[Image: a grey box]") {
				t.Errorf("%s: %d pictures drawn, texts %q; want the placeholders", u.current.Title, pictures, texts)
			}
		}
	}
	if n := requests.Load(); n != 0 {
		t.Errorf("opening every article made %d requests, want 0", n)
	}
	u.reader.Select(0, 7)
	if got := u.reader.SelectedText(); got != "Readers" {
		t.Errorf("after the bombs the reader selected %q, want %q", got, "Readers")
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// TestFetchMissingImages fetches the open article's missing pictures from
// Article > Fetch Missing Images: the pictures the server has are stored
// and drawn at once; those it lacks stay missing with the reason, said in
// the snackbar, not a dialog.
func TestFetchMissingImages(t *testing.T) {
	srv, requests := pictureServer(t)
	lib := openRealLibrary(t)
	page := `<!doctype html><html><head><title>Two pictures</title></head><body><article><h1>Two pictures</h1>
<p>` + enPara1 + `</p><img src="` + srv.URL + `/pic-1.png" alt="served"><p>` + enPara2 + `</p>
<img src="` + srv.URL + `/gone.png" alt="gone"><p>` + enPara1 + `</p></article></body></html>`
	id := saveWithPictures(t, lib, page, srv.URL+"/article")
	u, _ := newTestUI(t, lib, clip.NewClient())
	u.openArticle(id)
	if n := requests.Load(); n != 0 {
		t.Fatalf("opening made %d requests", n)
	}
	var fetch *fyne.MenuItem
	for _, m := range u.win.MainMenu().Items {
		for _, it := range m.Items {
			if m.Label == "Article" && it.Label == "Fetch Missing Images" {
				fetch = it
			}
		}
	}
	if fetch == nil {
		t.Fatal("no Article > Fetch Missing Images")
	}
	fetch.Action()
	if n := requests.Load(); n != 2 {
		t.Errorf("fetching made %d requests, want 2", n)
	}
	a, err := lib.Get(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	if len(a.Images) != 2 || !a.Images[0].Stored() || a.Images[1].Stored() || a.Images[1].Missing == "" {
		t.Fatalf("pictures after the fetch: %+v, want the first stored and the second missing with a reason", a.Images)
	}
	if _, pictures := readerDrawn(u); pictures != 1 {
		t.Errorf("%d pictures drawn after the fetch, want 1", pictures)
	}
	if got, want := u.snack.label.Text, "1 of 2 images are in the library"; !strings.HasPrefix(got, want) {
		t.Errorf("snackbar %q, want it to start %q", got, want)
	}
	if top := u.win.Canvas().Overlays().Top(); top != nil {
		t.Errorf("a dialog opened: %q", texts(top))
	}
	before := requests.Load()
	u.current = nil
	u.openArticle(id)
	if n := requests.Load(); n != before {
		t.Errorf("reopening made %d requests, want none", n-before)
	}
}
