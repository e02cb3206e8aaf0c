package reader

import (
	"context"
	"errors"
	"image"
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"

	"app.margin/margin/article"
	"app.margin/margin/storage"
)

// pictureLoads is how many pictures of an article are read and decoded at
// a time: each holds its stored bytes while it decodes.
const pictureLoads = 4

// svgType is the media type of the SVG pictures the clipper keeps
// sanitized; Fyne draws them at the size they are shown.
const svgType = "image/svg+xml"

// shownPicture is what an image block shows: a decoded picture, an SVG, or
// why neither can be shown.
type shownPicture struct {
	img  image.Image   // at most at display size
	svg  fyne.Resource // an SVG picture instead
	w, h int           // the picture's own size in pixels
	err  error
}

// fitPicture scales a pw×ph picture to a column width: never wider than its own
// pixels or the column, never taller than 70% of the column.
func fitPicture(pw, ph int, mw float32) (w, h float32) {
	if pw <= 0 || ph <= 0 {
		return 0, 0
	}
	w = min(float32(pw), mw)
	h = w * float32(ph) / float32(pw)
	if h > 0.7*mw {
		h = 0.7 * mw
		w = h * float32(pw) / float32(ph)
	}
	return w, h
}

// missing reports whether the block is an image that cannot be shown.
func (b *docBlock) missing() bool { return b.kind == kindImage && b.img != nil && b.img.err != nil }

// setMissing shows the block as a placeholder with the picture's alt text or
// caption, wrapped like a paragraph, and keeps why for the tooltip.
func (b *docBlock) setMissing(err error) {
	b.img = &shownPicture{err: err}
	label := b.pic.Alt
	if label == "" && b.image != nil {
		label = b.image.Alt
	}
	if label == "" {
		label = b.pic.Caption
	}
	t := "[Image]"
	if label != "" {
		t = "[Image: " + label + "]"
	}
	b.text = []rune(t)
	b.segs = []segment{{0, len(b.text), flagMuted | flagItalic, ""}}
	b.lines, b.faces = nil, nil
}

// pictureSize is the picture's own size for layout, known from the library
// before it is decoded (an SVG without one is laid out as a browser would).
func (b *docBlock) pictureSize() (int, int) {
	switch {
	case b.img != nil && b.img.w > 0 && b.img.h > 0:
		return b.img.w, b.img.h
	case b.pic.Width > 0 && b.pic.Height > 0:
		return b.pic.Width, b.pic.Height
	case b.pic.Type == svgType:
		return 300, 150
	}
	return 0, 0
}

// pictureOf finds the block's stored picture, or says why there is none.
func (c *readerContent) pictureOf(b *docBlock) (article.Picture, error) {
	if b.image == nil || c.article == nil {
		return article.Picture{}, errNoPictureList
	}
	pic, ok := c.article.Picture(b.image.URL)
	switch {
	case !ok:
		return pic, errNoPictureList
	case !pic.Stored() && pic.Missing != "":
		return pic, missingReason(pic.Missing)
	case !pic.Stored():
		return pic, missingReason("not stored in the library")
	case c.r.LoadPicture == nil:
		return pic, errNoLibrary
	case pic.Width > 0 && pic.Height > 0 && pic.Type != svgType:
		return pic, checkPictureSize(pic.Width, pic.Height)
	}
	return pic, nil
}

// decodeWidth is the widest a picture is decoded, in pixels: the reading
// measure on this screen, rounded up so that small resizes reuse the cache.
func (c *readerContent) decodeWidth() int {
	avail := c.width
	if avail <= 0 {
		avail = 1200
	}
	scale := float32(1)
	if cv := fyne.CurrentApp().Driver().CanvasForObject(c.r); cv != nil && cv.Scale() > 0 {
		scale = cv.Scale()
	}
	px := int(c.m.measureWidth(avail-2*c.pad(), c.size(), c.cjk) * scale)
	const step = 256
	return (px + step - 1) / step * step
}

// settlePictures places, before the first layout, the pictures whose fate
// is already known: missing, refused by their recorded size, or decoded in
// memory. It returns the blocks still to load.
func (c *readerContent) settlePictures() []*docBlock {
	var pending []*docBlock
	maxW := c.decodeWidth()
	c.decodedW = maxW
	for _, b := range c.doc {
		if b.kind != kindImage {
			continue
		}
		pic, err := c.pictureOf(b)
		b.pic, b.img = pic, nil
		if err != nil {
			b.setMissing(err)
			continue
		}
		if img, ok := decoded.get(pictureKey{pic.SHA256, maxW}); ok {
			b.img = &shownPicture{img: img, w: pic.Width, h: pic.Height}
			continue
		}
		pending = append(pending, b)
	}
	return pending
}

// loadPicture reads and decodes one stored picture.
func loadPicture(ctx context.Context, load PictureLoader, pic article.Picture, maxW int) *shownPicture {
	data, err := load(ctx, pic.SHA256)
	if errors.Is(err, storage.ErrNotFound) {
		return &shownPicture{err: missingReason(storage.MissingGone)}
	}
	if err != nil {
		return &shownPicture{err: err}
	}
	if pic.Type == svgType {
		w, h := pic.Width, pic.Height
		return &shownPicture{svg: fyne.NewStaticResource(pic.SHA256+".svg", data), w: w, h: h}
	}
	img, w, h, err := decodePicture(ctx, data, maxW, maxW*7/10)
	if err != nil {
		return &shownPicture{err: err}
	}
	decoded.put(pictureKey{pic.SHA256, maxW}, img)
	return &shownPicture{img: img, w: w, h: h}
}

// loadPictures reads and decodes pictures in the background, a few at a
// time, at the width settlePictures or upgradePictures chose (decodedW). One goroutine hands the results to the UI, batching those that
// arrive together into one relayout; results for an article no longer shown
// are dropped.
func (c *readerContent) loadPictures(ctx context.Context, pending []*docBlock) {
	if len(pending) == 0 {
		return
	}
	type result struct {
		b   *docBlock
		pic *shownPicture
	}
	gen, load, s, maxW := c.gen, c.r.LoadPicture, c.r.sched(), c.decodedW
	results := make(chan result, len(pending))
	slots := make(chan struct{}, pictureLoads)
	for _, b := range pending {
		pic := b.pic
		s.Go(func() {
			slots <- struct{}{}
			defer func() { <-slots }()
			results <- result{b, loadPicture(ctx, load, pic, maxW)}
		})
	}
	s.Go(func() {
		for left := len(pending); left > 0; {
			batch := []result{<-results}
			for more := true; more; {
				select {
				case r := <-results:
					batch = append(batch, r)
				default:
					more = false
				}
			}
			left -= len(batch)
			if errors.Is(ctx.Err(), context.Canceled) {
				continue
			}
			fyne.Do(func() {
				if c.gen != gen {
					return
				}
				for _, r := range batch {
					if r.pic.err != nil {
						r.b.setMissing(r.pic.err)
					} else {
						r.b.img = r.pic
					}
				}
				c.relayout()
			})
		}
	})
}

// pictureObjects draws an image block: the picture, a tinted box of its size
// while it loads, or a box behind the placeholder text (drawn with the text).
func (c *readerContent) pictureObjects(b *docBlock, tint color.Color) []fyne.CanvasObject {
	if b.img == nil || b.img.err != nil {
		box := canvas.NewRectangle(tint)
		box.CornerRadius = 4
		pad := float32(0)
		if b.img != nil {
			pad = placeholderPad * b.size
		}
		box.Move(fyne.NewPos(b.x-pad, b.y-pad))
		box.Resize(fyne.NewSize(b.w+2*pad, b.h))
		return []fyne.CanvasObject{box}
	}
	pw, ph := b.pictureSize()
	w, h := fitPicture(pw, ph, b.w)
	var img *canvas.Image
	if b.img.svg != nil {
		img = canvas.NewImageFromResource(b.img.svg)
	} else {
		img = canvas.NewImageFromImage(b.img.img)
	}
	img.FillMode = canvas.ImageFillContain
	img.ScaleMode = canvas.ImageScaleSmooth
	img.Move(fyne.NewPos(b.x+(b.w-w)/2, b.y))
	img.Resize(fyne.NewSize(w, h))
	return []fyne.CanvasObject{img}
}

// placeholderPad is the room around a missing picture's text, in multiples
// of its text size.
const placeholderPad = 0.5

// upgradePictures decodes again, at the size the column now shows them,
// the pictures decoded smaller (after a larger font or a wider measure),
// showing the smaller ones meanwhile.
func (c *readerContent) upgradePictures() {
	ctx := c.r.picturesCtx
	if ctx == nil || c.doc == nil || c.width <= 0 {
		return
	}
	w := c.decodeWidth()
	if w <= c.decodedW {
		return
	}
	c.decodedW = w
	var pending []*docBlock
	for _, b := range c.doc {
		if b.kind == kindImage && b.img != nil && b.img.img != nil && b.img.img.Bounds().Dx() < min(b.img.w, w) {
			pending = append(pending, b)
		}
	}
	c.loadPictures(ctx, pending)
}
