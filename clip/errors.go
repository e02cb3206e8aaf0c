package clip

import "errors"

// Sentinel errors. Returned errors wrap one of these with the detail, e.g.
// fmt.Errorf("%w: application/pdf", ErrNotHTML); test them with errors.Is.
var (
	ErrBadURL           = errors.New("not a valid web address")
	ErrScheme           = errors.New("unsupported address scheme")    // file:, ftp:, javascript:, ...
	ErrHTTPStatus       = errors.New("server answered with an error") // 4xx and 5xx
	ErrNotHTML          = errors.New("not a web page")                // PDF, images, JSON, binaries
	ErrEmpty            = errors.New("empty page")
	ErrTooLarge         = errors.New("page too large")
	ErrTooManyRedirects = errors.New("too many redirects")
	ErrTimeout          = errors.New("timed out")
	ErrNetwork          = errors.New("could not connect")
	ErrFileNotFound     = errors.New("no such file")
	ErrIsDirectory      = errors.New("is a directory, not a file")
)
