package clip

// CONTRACT PLACEHOLDER: the fetch helper replaces this file (Client, Clip).

import (
	"context"
	"errors"
	"time"
)

var errTODO = errors.New("clip: not implemented yet")

// Client fetches pages and clips them. The zero value is not usable; call NewClient.
type Client struct {
	Timeout        time.Duration // overall deadline for one clip; default 30 s
	ConnectTimeout time.Duration // default 10 s
	MaxBytes       int64         // body cap after decompression; default 25 MiB
	MaxRedirects   int           // default 10
	UserAgent      string
}

// NewClient returns a Client with the defaults.
func NewClient() *Client { return &Client{} }

// Clip clips target, which is an http(s) URL or the path of a saved .html/.htm
// file. originalURL (optional, files only) is the page's address on the web,
// used for attribution and to resolve relative links.
func (c *Client) Clip(ctx context.Context, target, originalURL string) (*Article, error) {
	return nil, errTODO
}
