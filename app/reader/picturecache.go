package reader

import (
	"image"
	"sync"
)

// pictureCacheBytes bounds the decoded pixels kept in memory, so that
// reopening an article or laying it out again does not decode again.
const pictureCacheBytes = 96 << 20

// pictureKey names a decoding: a stored picture at a display bound.
type pictureKey struct {
	sha  string
	maxW int
}

// pictureCache keeps the most recently shown decoded pictures, the oldest
// dropped first once they take more than pictureCacheBytes.
type pictureCache struct {
	mu    sync.Mutex
	m     map[pictureKey]image.Image
	order []pictureKey // oldest first
	bytes int
}

// decoded is the cache every Reader shares.
var decoded = &pictureCache{m: map[pictureKey]image.Image{}}

func pixelBytes(img image.Image) int { return 4 * img.Bounds().Dx() * img.Bounds().Dy() }

func (c *pictureCache) get(k pictureKey) (image.Image, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	img, ok := c.m[k]
	return img, ok
}

func (c *pictureCache) put(k pictureKey, img image.Image) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.m[k]; ok {
		return
	}
	c.m[k] = img
	c.order = append(c.order, k)
	c.bytes += pixelBytes(img)
	for c.bytes > pictureCacheBytes && len(c.order) > 1 {
		old := c.order[0]
		c.order = c.order[1:]
		c.bytes -= pixelBytes(c.m[old])
		delete(c.m, old)
	}
}
