package reader

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	"image/color"
	_ "image/gif" // decoders for article images
	_ "image/jpeg"
	_ "image/png"
	"io"
	"net/http"
	"net/url"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	_ "golang.org/x/image/webp" // most news sites serve WebP
)

// loadedImage is the outcome of fetching an article image.
type loadedImage struct {
	img  image.Image
	w, h int
	err  error
}

// fit scales the image to a column width: never wider than its own pixels or
// the column, never taller than 70% of the column.
func (l *loadedImage) fit(mw float32) (w, h float32) {
	if l.w <= 0 || l.h <= 0 {
		return 0, 0
	}
	w = min(float32(l.w), mw)
	h = w * float32(l.h) / float32(l.w)
	if h > 0.7*mw {
		h = 0.7 * mw
		w = h * float32(l.w) / float32(l.h)
	}
	return w, h
}

// Limits for article images.
const (
	imageTimeout   = 20 * time.Second
	imageMaxBytes  = 15 << 20
	imageCacheSize = 64
	imageParallel  = 4
)

// imageLoader fetches article images with one shared client, a few at a
// time, and keeps the most recent ones in memory so reopening an article or
// relaying it out does not refetch.
type imageLoader struct {
	client *http.Client
	sem    chan struct{}
	// allowHost, when set, limits which hosts images are fetched from;
	// tests set it so that no test touches the internet.
	allowHost func(host string) bool

	mu    sync.Mutex
	cache map[string]image.Image
	order []string // oldest first
}

// readerImages is the loader every Reader shares.
var readerImages = newImageLoader(&http.Client{Timeout: imageTimeout})

func newImageLoader(client *http.Client) *imageLoader {
	return &imageLoader{client: client, sem: make(chan struct{}, imageParallel), cache: map[string]image.Image{}}
}

var (
	errImageTooLarge = errors.New("image too large")
	errNotWebImage   = errors.New("not a web image")
	errHostRefused   = errors.New("image host not allowed")
)

// cached returns the image at u if it is in memory.
func (l *imageLoader) cached(u string) (image.Image, bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	img, ok := l.cache[u]
	return img, ok
}

// refuse says why u will not be fetched at all, so the reader can show the
// alt text at once instead of a placeholder.
func (l *imageLoader) refuse(u string) error {
	p, err := url.Parse(u)
	if err != nil || (p.Scheme != "http" && p.Scheme != "https") || p.Host == "" {
		return fmt.Errorf("%w: %q", errNotWebImage, u)
	}
	if l.allowHost != nil && !l.allowHost(p.Hostname()) {
		return fmt.Errorf("%w: %s", errHostRefused, p.Hostname())
	}
	return nil
}

// load returns the decoded image at u.
func (l *imageLoader) load(ctx context.Context, u string) (image.Image, error) {
	if img, ok := l.cached(u); ok {
		return img, nil
	}
	if err := l.refuse(u); err != nil {
		return nil, err
	}
	select {
	case l.sem <- struct{}{}:
		defer func() { <-l.sem }()
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return nil, fmt.Errorf("image request: %w", err)
	}
	req.Header.Set("Accept", "image/webp,image/png,image/jpeg,image/gif;q=0.8,*/*;q=0.5")
	resp, err := l.client.Do(req)
	if err != nil {
		return nil, fmt.Errorf("fetch image: %w", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("fetch image: %s", resp.Status)
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, imageMaxBytes+1))
	if err != nil {
		return nil, fmt.Errorf("read image: %w", err)
	}
	if len(body) > imageMaxBytes {
		return nil, errImageTooLarge
	}
	img, _, err := image.Decode(bytes.NewReader(body))
	if err != nil {
		return nil, fmt.Errorf("decode image: %w", err)
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if _, ok := l.cache[u]; !ok {
		l.cache[u] = img
		l.order = append(l.order, u)
		if len(l.order) > imageCacheSize {
			delete(l.cache, l.order[0])
			l.order = l.order[1:]
		}
	}
	return img, nil
}

// settleImages places, before the first layout, the images whose fate is
// already known: in the memory cache, or never to be fetched. It returns the
// blocks still to load.
func (c *readerContent) settleImages() []*docBlock {
	var pending []*docBlock
	for _, b := range c.doc {
		if b.kind != kindImage {
			continue
		}
		if b.image == nil {
			b.img = &loadedImage{err: errNotWebImage}
			continue
		}
		if err := c.loader.refuse(b.image.URL); err != nil {
			b.img = &loadedImage{err: err}
			continue
		}
		if img, ok := c.loader.cached(b.image.URL); ok {
			b.img = decodedImage(img, nil)
			continue
		}
		pending = append(pending, b)
	}
	return pending
}

func decodedImage(img image.Image, err error) *loadedImage {
	res := &loadedImage{img: img, err: err}
	if img != nil {
		res.w, res.h = img.Bounds().Dx(), img.Bounds().Dy()
		if res.w == 0 || res.h == 0 {
			res.err = errors.New("empty image")
		}
	}
	return res
}

// loadImages fetches images in the background. One goroutine hands the
// results to the UI, batching those that arrive together into one relayout;
// results for an article no longer shown are dropped.
func (c *readerContent) loadImages(ctx context.Context, pending []*docBlock) {
	if len(pending) == 0 {
		return
	}
	type result struct {
		b   *docBlock
		img *loadedImage
	}
	gen, loader, s := c.gen, c.loader, c.r.sched()
	results := make(chan result, len(pending))
	for _, b := range pending {
		u := b.image.URL
		s.Go(func() {
			img, err := loader.load(ctx, u)
			results <- result{b, decodedImage(img, err)}
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
			fyne.DoAndWait(func() {
				if c.gen == gen {
					for _, r := range batch {
						r.b.img = r.img
					}
					c.relayout()
				}
			})
		}
	})
}

// imageObjects draws an image block: the image, a placeholder while it
// loads, or its alt text when it could not be shown.
func (c *readerContent) imageObjects(b *docBlock, tint, muted color.Color) []fyne.CanvasObject {
	switch {
	case b.img == nil:
		box := canvas.NewRectangle(tint)
		box.CornerRadius = 4
		box.Move(fyne.NewPos(b.x, b.y))
		box.Resize(fyne.NewSize(b.w, b.h))
		label := canvas.NewText("Loading image…", muted)
		label.TextSize = b.size * 0.9
		label.Alignment = fyne.TextAlignCenter
		th, _ := c.m.metrics(label.TextSize, fyne.TextStyle{})
		label.Move(fyne.NewPos(b.x, b.y+(b.h-th)/2))
		label.Resize(fyne.NewSize(b.w, th))
		return []fyne.CanvasObject{box, label}
	case b.img.err != nil:
		alt := "Image"
		if b.image != nil && b.image.Alt != "" {
			alt = "Image: " + b.image.Alt
		}
		t := canvas.NewText("["+alt+"]", muted)
		t.TextSize = b.size
		t.TextStyle = fyne.TextStyle{Italic: true}
		th, _ := c.m.metrics(b.size, t.TextStyle)
		t.Move(fyne.NewPos(b.x, b.y+(b.h-th)/2))
		t.Resize(fyne.NewSize(b.w, th))
		return []fyne.CanvasObject{t}
	default:
		w, h := b.img.fit(b.w)
		img := canvas.NewImageFromImage(b.img.img)
		img.FillMode = canvas.ImageFillContain
		img.ScaleMode = canvas.ImageScaleSmooth
		img.Move(fyne.NewPos(b.x+(b.w-w)/2, b.y))
		img.Resize(fyne.NewSize(w, h))
		return []fyne.CanvasObject{img}
	}
}
