package reader

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"hash/crc32"
	"image"
	"image/jpeg"
	"image/png"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"

	"app.margin/margin/article"
	"app.margin/margin/storage"
)

// greyPNG is a w×h grey PNG.
func greyPNG(tb testing.TB, w, h int) []byte {
	tb.Helper()
	img := image.NewGray(image.Rect(0, 0, w, h))
	for i := range img.Pix {
		img.Pix[i] = uint8(i)
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

// pngBomb is a small PNG whose header claims w×h pixels.
func pngBomb(tb testing.TB, w, h uint32) []byte {
	tb.Helper()
	var buf bytes.Buffer
	buf.WriteString("\x89PNG\r\n\x1a\n")
	chunk := func(typ string, data []byte) {
		binary.Write(&buf, binary.BigEndian, uint32(len(data)))
		body := append([]byte(typ), data...)
		buf.Write(body)
		binary.Write(&buf, binary.BigEndian, crc32.ChecksumIEEE(body))
	}
	ihdr := binary.BigEndian.AppendUint32(nil, w)
	ihdr = binary.BigEndian.AppendUint32(ihdr, h)
	chunk("IHDR", append(ihdr, 8, 2, 0, 0, 0))
	chunk("IDAT", []byte{0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01})
	chunk("IEND", nil)
	return buf.Bytes()
}

// jpegBomb is a small JPEG whose frame header claims w×h pixels.
func jpegBomb(tb testing.TB, w, h uint16) []byte {
	tb.Helper()
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, image.NewGray(image.Rect(0, 0, 8, 8)), nil); err != nil {
		tb.Fatal(err)
	}
	b := buf.Bytes()
	i := bytes.Index(b, []byte{0xff, 0xc0})
	if i < 0 {
		tb.Fatal("no SOF0 in the encoded JPEG")
	}
	binary.BigEndian.PutUint16(b[i+5:], h)
	binary.BigEndian.PutUint16(b[i+7:], w)
	return b
}

func shaOf(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

// pictureStore is a library's pictures for a Reader, counting the loads.
type pictureStore struct {
	data  map[string][]byte
	loads int
}

func (s *pictureStore) load(ctx context.Context, sha string) ([]byte, error) {
	s.loads++
	b, ok := s.data[sha]
	if !ok {
		return nil, fmt.Errorf("picture: %w", storage.ErrNotFound)
	}
	return b, nil
}

// pictureArticle is an article of a paragraph, one image block per picture
// and a closing paragraph; pictures with data are stored in the returned
// store (with the size their header claims, as the clipper records).
func pictureArticle(tb testing.TB, pics []article.Picture, data [][]byte) (*storage.Article, []article.Block, *pictureStore) {
	tb.Helper()
	store := &pictureStore{data: map[string][]byte{}}
	blocks := []article.Block{readerPara(enPara1)}
	for i := range pics {
		pics[i].URL = fmt.Sprintf("https://pics.example/%d.png", i)
		if d := data[i]; d != nil {
			pics[i].SHA256 = shaOf(d)
			store.data[pics[i].SHA256] = d
			if cfg, typ, err := image.DecodeConfig(bytes.NewReader(d)); err == nil {
				pics[i].Width, pics[i].Height, pics[i].Type = cfg.Width, cfg.Height, "image/"+typ
			}
		}
		blocks = append(blocks, article.Block{Kind: article.Image, Image: &article.ImageRef{URL: pics[i].URL, Alt: pics[i].Alt}})
	}
	blocks = append(blocks, readerPara(enPara2))
	a, blocks := readerArticle("Pictures", blocks...)
	a.Images = pics
	return a, blocks, store
}

// imageBlocks are the reader's image blocks in order.
func imageBlocks(r *Reader) []*docBlock {
	var out []*docBlock
	for _, b := range r.content.doc {
		if b.kind == kindImage {
			out = append(out, b)
		}
	}
	return out
}

func TestReaderShowsStoredPictures(t *testing.T) {
	test.NewTempApp(t)
	longAlt := strings.Repeat("a picture described at length ", 12)
	a, blocks, store := pictureArticle(t, []article.Picture{
		{Alt: "a grey box"},
		{Alt: longAlt, Missing: "the server answered 404 Not Found"},
		{Caption: "only a caption", Missing: "not fetched: the article was clipped without images"},
	}, [][]byte{greyPNG(t, 320, 160), nil, nil})
	r := testReader()
	r.LoadPicture = store.load
	clock := clockOf(r)
	clock.Hold() // the decodes wait until Flush
	w := test.NewTempWindow(t, r)
	w.Resize(fyne.NewSize(640, 900))
	r.SetArticleBlocks(a, blocks, nil)

	pics := imageBlocks(r)
	// The stored picture takes its size before it is decoded, so nothing moves.
	if pics[0].img != nil || pics[0].h != 160 {
		t.Fatalf("stored picture before decoding: img=%v h=%v, want a 160 px placeholder", pics[0].img, pics[0].h)
	}
	clock.Flush()
	if pics[0].img == nil || pics[0].img.err != nil || pics[0].h != 160 {
		t.Fatalf("stored picture: %+v h=%v, want it shown at 160 px", pics[0].img, pics[0].h)
	}
	if store.loads != 1 {
		t.Errorf("library loads = %d, want 1 (missing pictures are never asked for)", store.loads)
	}
	var sawImage bool
	col := pics[1]
	for _, o := range r.content.objects {
		switch o := o.(type) {
		case *canvas.Image:
			sawImage = sawImage || o.Size().Width == 320
		case *canvas.Text:
			if o.Position().Y >= col.y && o.Position().Y < col.y+col.h &&
				o.Position().X+fyne.MeasureText(o.Text, o.TextSize, o.TextStyle).Width > col.x+col.w+1 {
				t.Errorf("placeholder line %q runs past the column", o.Text)
			}
		}
	}
	if !sawImage {
		t.Error("the stored picture is not drawn")
	}
	tests := []struct {
		b        *docBlock
		text     string
		reason   string
		minLines int
	}{
		{pics[1], "[Image: " + longAlt + "]", "the server answered 404 Not Found", 3},
		{pics[2], "[Image: only a caption]", "not fetched: the article was clipped without images", 1},
	}
	for _, tc := range tests {
		if got := string(tc.b.text); got != tc.text {
			t.Errorf("placeholder = %q, want %q", got, tc.text)
		}
		if got := len(tc.b.lines); got < tc.minLines {
			t.Errorf("placeholder %q: %d lines, want at least %d (wrapped in the column)", tc.text[:20], got, tc.minLines)
		}
		// Hovering the placeholder shows the reason; leaving hides it.
		mid := fyne.NewPos(tc.b.x+tc.b.w/2, tc.b.y+tc.b.lineH/2)
		r.content.MouseMoved(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: mid}})
		if got := r.tipText(); got != tc.reason {
			t.Errorf("hover: reason %q, want %q", got, tc.reason)
		}
		r.content.MouseOut()
		if got := r.tipText(); got != "" {
			t.Errorf("after the pointer left: reason %q still shown", got)
		}
		r.content.Tapped(&fyne.PointEvent{Position: mid})
		if got := r.tipText(); got != tc.reason {
			t.Errorf("tap: reason %q, want %q", got, tc.reason)
		}
		r.content.MouseOut()
	}

	// Reopened, the picture comes from memory at once.
	r.SetArticleBlocks(a, blocks, nil)
	if got := imageBlocks(r)[0].img; got == nil || got.err != nil {
		t.Errorf("reopened: picture %+v, want it decoded from memory before any load", got)
	}
	clock.Flush()
	if store.loads != 1 {
		t.Errorf("library loads after reopening = %d, want still 1", store.loads)
	}
}

// TestReaderSurvivesPictureBombs opens an article whose stored pictures are
// decompression bombs, damaged or gone: each shows its placeholder with the
// reason, and the reader goes on working.
func TestReaderSurvivesPictureBombs(t *testing.T) {
	test.NewTempApp(t)
	tests := []struct {
		name string
		data []byte
		want error
	}{
		{"png 100000x100000", pngBomb(t, 100000, 100000), errPictureHuge},
		{"jpeg 65000x65000", jpegBomb(t, 65000, 65000), errPictureHuge},
		{"jpeg 7000x7000 without its pixels", jpegBomb(t, 7000, 7000), errPictureBad},
		{"png cut short", greyPNG(t, 300, 300)[:200], errPictureBad},
		{"not a picture", []byte("<html>hello</html>"), errPictureBad},
	}
	pics := make([]article.Picture, len(tests))
	data := make([][]byte, len(tests))
	for i, tc := range tests {
		pics[i].Alt, data[i] = tc.name, tc.data
	}
	a, blocks, store := pictureArticle(t, pics, data)
	for i := range a.Images {
		// The clipper refuses these; a library written by anything else
		// may still hold them, with a size that says nothing of the bytes.
		a.Images[i].SHA256 = shaOf(data[i])
		a.Images[i].Width, a.Images[i].Height, a.Images[i].Type = 100, 100, "image/png"
	}
	r := testReader()
	r.LoadPicture = store.load
	w := test.NewTempWindow(t, r)
	w.Resize(fyne.NewSize(640, 900))
	r.SetArticleBlocks(a, blocks, nil)
	for i, b := range imageBlocks(r) {
		if !b.missing() || !errors.Is(b.img.err, tests[i].want) {
			t.Errorf("%s: shown %+v, want missing with %v", tests[i].name, b.img, tests[i].want)
			continue
		}
		if got, want := string(b.text), "[Image: "+tests[i].name+"]"; got != want {
			t.Errorf("%s: placeholder %q, want %q", tests[i].name, got, want)
		}
	}
	// The reader still selects and highlights.
	r.Select(0, 7)
	if got := r.SelectedText(); got != "Readers" {
		t.Errorf("after the bombs: selected %q, want %q", got, "Readers")
	}
}

func TestDecodePictureScalesToDisplaySize(t *testing.T) {
	tests := []struct {
		name         string
		w, h         int
		maxW, maxH   int
		wantW, wantH int
	}{
		{"wide", 2000, 1000, 512, 358, 512, 256},
		{"tall", 600, 1800, 512, 358, 119, 358},
		{"small stays", 200, 100, 512, 358, 200, 100},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			img, w, h, err := decodePicture(context.Background(), greyPNG(t, tc.w, tc.h), tc.maxW, tc.maxH)
			if err != nil {
				t.Fatal(err)
			}
			if w != tc.w || h != tc.h {
				t.Errorf("own size %dx%d, want %dx%d", w, h, tc.w, tc.h)
			}
			if got, want := img.Bounds().Size(), image.Pt(tc.wantW, tc.wantH); got != want {
				t.Errorf("decoded at %v, want %v", got, want)
			}
		})
	}
}

// TestReaderShowsStoredSVG draws a sanitized SVG the clipper kept through
// Fyne, at the size its root gives, without decoding it here.
func TestReaderShowsStoredSVG(t *testing.T) {
	test.NewTempApp(t)
	svg := []byte(`<svg xmlns="http://www.w3.org/2000/svg" width="200" height="100"><rect width="200" height="100" fill="red"/></svg>`)
	a, blocks, store := pictureArticle(t, []article.Picture{{Alt: "a red box"}}, [][]byte{svg})
	a.Images[0].Type, a.Images[0].Width, a.Images[0].Height = svgType, 200, 100
	r := testReader()
	r.LoadPicture = store.load
	w := test.NewTempWindow(t, r)
	w.Resize(fyne.NewSize(640, 700))
	r.SetArticleBlocks(a, blocks, nil)
	b := imageBlocks(r)[0]
	if b.img == nil || b.img.svg == nil || b.h != 100 {
		t.Fatalf("SVG: shown %+v at height %v, want the SVG at 100", b.img, b.h)
	}
}

// TestReaderDecodesPicturesAgainWhenTheColumnGrows shows a large picture
// decoded for the column, then decoded again, sharper, once a larger font
// widens the column.
func TestReaderDecodesPicturesAgainWhenTheColumnGrows(t *testing.T) {
	test.NewTempApp(t)
	a, blocks, store := pictureArticle(t, []article.Picture{{Alt: "wide"}}, [][]byte{greyPNG(t, 3000, 1000)})
	r := testReader()
	r.LoadPicture = store.load
	w := test.NewTempWindow(t, r)
	w.Resize(fyne.NewSize(2000, 900))
	r.SetFontSize(12)
	r.SetArticleBlocks(a, blocks, nil)
	b := imageBlocks(r)[0]
	if b.img == nil || b.img.img == nil {
		t.Fatalf("picture not shown: %+v", b.img)
	}
	before := b.img.img.Bounds().Dx()
	if before >= 3000 {
		t.Fatalf("decoded at %d px, wider than the column", before)
	}
	r.SetFontSize(24)
	if after := imageBlocks(r)[0].img.img.Bounds().Dx(); after <= before {
		t.Errorf("after a larger font: decoded at %d px, want wider than %d", after, before)
	}
	if store.loads != 2 {
		t.Errorf("library loads = %d, want 2", store.loads)
	}
}

// TestTrackingPixelIsNoBlock: a picture the clipper found to be a tracking
// pixel gets no block at all, not even a placeholder; a missing picture
// does.
func TestTrackingPixelIsNoBlock(t *testing.T) {
	content := `<p>Before.</p><p><img src="https://t.example/p.gif" alt="p"/></p><p><img src="https://x.example/gone.png" alt="gone"/></p><p>After.</p>`
	a := &storage.Article{Article: article.Article{ContentHTML: content, Images: []article.Picture{
		{URL: "https://t.example/p.gif", Alt: "p", Missing: article.MissingPixel + " (1x1), not kept"},
		{URL: "https://x.example/gone.png", Alt: "gone", Missing: "the server answered 404 Not Found"},
	}}}
	blocks := article.Blocks(content)
	a.Text = article.CanonicalText(blocks)
	var images []string
	for _, b := range buildDoc(a, blocks) {
		if b.image != nil {
			images = append(images, b.image.URL)
		}
	}
	if got, want := strings.Join(images, " "), "https://x.example/gone.png"; got != want {
		t.Errorf("picture blocks %q, want %q", got, want)
	}
}
