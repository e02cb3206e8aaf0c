package clip

import (
	"app.margin/margin/article"

	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"image"
	_ "image/gif"  // registers GIF for image.DecodeConfig
	_ "image/jpeg" // registers JPEG
	_ "image/png"  // registers PNG
	"net/http"

	_ "golang.org/x/image/webp" // registers WebP
)

// pictureTypes are the formats Margin keeps, by the name image.DecodeConfig
// gives them.
var pictureTypes = map[string]string{
	"jpeg": "image/jpeg",
	"png":  "image/png",
	"gif":  "image/gif",
	"webp": "image/webp",
}

// errTrackingPixel is a picture too small to show anything.
var errTrackingPixel = errors.New(article.MissingPixel)

// checkPicture fills in p from the picture's bytes, or says why they are not
// kept: the type is sniffed from the bytes whatever the server called it,
// and the dimensions are read from the header before anything would decode
// the pixels, so a small file that claims 100000x100000 is refused here.
func checkPicture(p article.Picture, raw []byte) (article.Picture, error) {
	if len(raw) == 0 {
		return p, errors.New("the picture is empty")
	}
	var (
		media string
		w, h  int
	)
	if isAVIF(raw) {
		return p, errors.New("AVIF is not supported")
	}
	if looksLikeSVG(raw) {
		clean, sw, sh, err := sanitizeSVG(raw)
		if err != nil {
			return p, err
		}
		raw, media, w, h = clean, "image/svg+xml", sw, sh
	} else {
		cfg, format, err := image.DecodeConfig(bytes.NewReader(raw))
		if err != nil {
			return p, notAPicture(raw, format, err)
		}
		media, w, h = pictureTypes[format], cfg.Width, cfg.Height
		if media == "" {
			return p, fmt.Errorf("not a picture Margin keeps (%s)", format)
		}
	}
	switch {
	case w > MaxPictureSide || h > MaxPictureSide:
		return p, fmt.Errorf("%dx%d pixels, more than %d a side", w, h, MaxPictureSide)
	case int64(w)*int64(h) > MaxPicturePixels:
		return p, fmt.Errorf("%dx%d pixels, more than %d megapixels", w, h, MaxPicturePixels/1_000_000)
	case w > 0 && h > 0 && w <= 2 && h <= 2:
		return p, fmt.Errorf("%w (%dx%d), not kept", errTrackingPixel, w, h)
	case media != "image/svg+xml" && (w <= 0 || h <= 0):
		return p, fmt.Errorf("a damaged %s: it claims %dx%d pixels", media, w, h)
	}
	sum := sha256.Sum256(raw)
	p.SHA256, p.Type, p.Size, p.Width, p.Height, p.Data = hex.EncodeToString(sum[:]), media, int64(len(raw)), w, h, raw
	p.Missing = ""
	return p, nil
}

// isDataPixel reports whether a data: URL holds a picture of 2x2 pixels or
// less: the placeholder of a lazy-loading script, not a picture.
func isDataPixel(raw string) bool {
	data, err := dataURLBytes(raw)
	if err != nil {
		return false
	}
	_, err = checkPicture(article.Picture{}, data)
	return errors.Is(err, errTrackingPixel)
}

// notAPicture explains bytes image.DecodeConfig could not read.
func notAPicture(raw []byte, format string, err error) error {
	if format != "" {
		return fmt.Errorf("a damaged %s picture: %w", format, err)
	}
	sniffed := mediaType(http.DetectContentType(raw))
	switch sniffed {
	case "text/html":
		return errors.New("not a picture: the server sent a web page")
	case "text/plain", "application/octet-stream":
		return errors.New("not a picture Margin can read")
	}
	return fmt.Errorf("not a picture Margin keeps (%s)", sniffed)
}

// isAVIF reports whether raw starts with an ISO-BMFF "ftyp" box naming an
// AVIF brand.
func isAVIF(raw []byte) bool {
	if len(raw) < 16 || string(raw[4:8]) != "ftyp" {
		return false
	}
	size := int(raw[0])<<24 | int(raw[1])<<16 | int(raw[2])<<8 | int(raw[3])
	if size < 16 || size > len(raw) {
		size = min(len(raw), 64)
	}
	for i := 8; i+4 <= size; i += 4 {
		if b := string(raw[i : i+4]); b == "avif" || b == "avis" {
			return true
		}
	}
	return false
}
