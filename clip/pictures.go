package clip

import (
	"app.margin/margin/article"
	"app.margin/margin/internal/text"

	"context"
	"errors"
	"fmt"
	"sync"
	"time"
)

// Limits on the pictures kept with one article. A picture past a limit is
// listed with the reason it is missing; nothing past them is held in memory.
const (
	MaxPictureBytes        = article.MaxPictureBytes
	MaxArticlePictureBytes = 60 << 20 // all pictures of one article
	MaxPictures            = 300      // pictures fetched for one article
	MaxPictureSide         = article.MaxPictureSide
	MaxPicturePixels       = article.MaxPicturePixels
	// pictureWorkers is how many pictures are fetched at a time: enough to
	// hide latency, few enough not to hammer one site.
	pictureWorkers = 4

	DefaultPictureTimeout  = 20 * time.Second // one picture
	DefaultPicturesTimeout = 2 * time.Minute  // all pictures of one article
)

// Reasons a picture is missing that callers may want to tell apart.
const (
	MissingSkipped  = "not fetched: the article was clipped without images"
	MissingTooMany  = "not fetched: the article has more than 300 pictures"
	MissingNoBudget = "not fetched: the article's pictures already take 60 MiB"
)

// FetchPictures fetches the pictures of a stored article that are missing,
// retrying earlier failures; stored ones are left as they are.
//
// Each picture is fetched as the page was, under limits that each leave a
// reason in Missing: a format Margin keeps (JPEG, PNG, GIF, WebP, SVG
// stored sanitized), sniffed from the bytes; MaxPictureBytes, and the
// dimensions read from the header before anything decodes it (at most
// MaxPictureSide a side and MaxPicturePixels); no tracking pixels (2x2 or
// less); PictureTimeout each; MaxPictures and MaxArticlePictureBytes per
// article. Pictures on loopback, private, link-local or unique-local
// addresses are fetched only for an article whose own host is on one,
// checked on the address dialled. When a has
// no picture list (clipped before pictures were kept) it is made from the
// content first. The pictures of a saved page are looked for beside the
// file it was clipped from, when that is still there.
//
// A failed picture is not an error: its Missing says why. The error is
// context.Canceled when ctx was, or says the article cannot have pictures.
func (c *Client) FetchPictures(ctx context.Context, a *article.Article) error {
	s := c.settings()
	if len(a.Images) == 0 {
		a.Images = article.PicturesOf(a.ContentHTML, a.ImageURL)
	}
	src, err := s.storedArticleSource(ctx, a)
	if err != nil {
		return fmt.Errorf("pictures of %s: %w", displayTarget(a.URL), err)
	}
	defer src.close()
	if err := s.fetchPictures(ctx, a.Images, src); err != nil {
		return fmt.Errorf("pictures of %s: %w", displayTarget(a.URL), err)
	}
	return nil
}

// addPictures lists a's pictures and, unless the Client skips them, fetches
// them from src.
func (c *Client) addPictures(ctx context.Context, a *article.Article, src *pictureSource) error {
	a.Images = article.PicturesOf(a.ContentHTML, a.ImageURL)
	if c.NoPictures {
		for i := range a.Images {
			a.Images[i].Missing = MissingSkipped
		}
		return nil
	}
	return c.fetchPictures(ctx, a.Images, src)
}

// fetchPictures fills in each picture of list that is not stored, at most
// pictureWorkers at a time, under the limits. Pictures with the same bytes
// share one Data.
func (c *Client) fetchPictures(ctx context.Context, list []article.Picture, src *pictureSource) error {
	all, cancel := context.WithTimeout(ctx, c.PicturesTimeout)
	defer cancel()
	b := newPictureBudget(list)
	jobs := make(chan int)
	var wg sync.WaitGroup
	for range pictureWorkers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				c.fetchPicture(all, &list[i], src, b)
			}
		}()
	}
	for i := range list {
		switch {
		case list[i].Stored():
			continue
		case i >= MaxPictures:
			list[i].Missing = MissingTooMany
			continue
		}
		select {
		case jobs <- i:
		case <-all.Done():
			list[i].Missing = c.picturesTimedOut()
		}
	}
	close(jobs)
	wg.Wait()
	if errors.Is(ctx.Err(), context.Canceled) {
		return fmt.Errorf("stopped: %w", context.Canceled)
	}
	return nil
}

// picturesTimedOut is the reason of the pictures the article's deadline
// left unfetched.
func (c *Client) picturesTimedOut() string {
	return fmt.Sprintf("not fetched: the article's pictures took longer than %s", c.PicturesTimeout)
}

// fetchPicture loads one picture and keeps it or records why not.
func (c *Client) fetchPicture(ctx context.Context, p *article.Picture, src *pictureSource, b *pictureBudget) {
	p.Missing, p.SHA256, p.Type, p.Size, p.Width, p.Height, p.Data = "", "", "", 0, 0, 0, nil
	if ctx.Err() != nil {
		p.Missing = c.picturesTimedOut()
		return
	}
	if b.spent() {
		p.Missing = MissingNoBudget
		return
	}
	one, cancel := context.WithTimeout(ctx, c.PictureTimeout)
	defer cancel()
	raw, err := src.load(one, p.URL)
	if err == nil {
		*p, err = checkPicture(*p, raw)
	}
	if err == nil {
		err = b.take(p)
	}
	if err != nil {
		*p = article.Picture{URL: p.URL, Alt: p.Alt, Caption: p.Caption, Lead: p.Lead, Missing: c.pictureReason(ctx, one, err)}
	}
}

// pictureReason is the Missing text for err.
func (c *Client) pictureReason(all, one context.Context, err error) string {
	var le *localAddressError
	switch {
	case errors.As(err, &le):
		return "refused: " + le.Error()
	case all.Err() != nil && errors.Is(all.Err(), context.DeadlineExceeded):
		return c.picturesTimedOut()
	case one.Err() != nil && errors.Is(one.Err(), context.DeadlineExceeded):
		return fmt.Sprintf("did not finish loading within %s", c.PictureTimeout)
	}
	return text.CollapseSpace(err.Error())
}

// pictureBudget counts the bytes of an article's pictures and shares the
// bytes of pictures that are the same.
type pictureBudget struct {
	mu    sync.Mutex
	bytes int64
	data  map[string][]byte // by SHA-256; nil for pictures stored earlier
}

// newPictureBudget starts from the pictures of list already stored.
func newPictureBudget(list []article.Picture) *pictureBudget {
	b := &pictureBudget{data: map[string][]byte{}}
	for _, p := range list {
		if _, dup := b.data[p.SHA256]; p.Stored() && !dup {
			b.data[p.SHA256] = p.Data
			b.bytes += p.Size
		}
	}
	return b
}

func (b *pictureBudget) spent() bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.bytes >= MaxArticlePictureBytes
}

// take counts p's bytes unless they are a picture already counted, whose
// Data p then shares.
func (b *pictureBudget) take(p *article.Picture) error {
	b.mu.Lock()
	defer b.mu.Unlock()
	if data, dup := b.data[p.SHA256]; dup {
		if data != nil {
			p.Data = data
		}
		return nil
	}
	if b.bytes+p.Size > MaxArticlePictureBytes {
		return errors.New(MissingNoBudget)
	}
	b.data[p.SHA256] = p.Data
	b.bytes += p.Size
	return nil
}
