package clip

import (
	"errors"
	"fmt"

	"app.margin/margin/internal/text"
)

// Sentinel errors, one for each Kind. A failed clip returns an *Error, which
// matches its kind's sentinel: errors.Is(err, ErrNotHTML) holds for an
// *Error of kind NotHTML however deeply it is wrapped.
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

// Kind is what went wrong with a clip, as far as the reader is concerned:
// the app chooses its words by Kind, so each needs its own advice.
type Kind int

// The kinds of failure; each has the sentinel of the same name. They run
// from 1 without gaps: for k := Kind(1); k.Sentinel() != nil; k++ visits
// each.
const (
	BadURL           Kind = iota + 1 // the address cannot be parsed or names no host
	Scheme                           // not http(s), or a file on another computer
	HTTPStatus                       // the server answered 4xx or 5xx
	NotHTML                          // PDF, image, JSON, plain text, binary, unknown compression
	Empty                            // no bytes, or no text or markup
	TooLarge                         // more than the Client's MaxBytes
	TooManyRedirects                 // more than MaxRedirects, or a loop
	Timeout                          // a deadline passed
	Network                          // no connection, DNS, TLS, a cut-off download
	FileNotFound                     // no file at the path given
	IsDirectory                      // the path is a folder
)

// sentinels maps each Kind to its sentinel error.
var sentinels = [...]error{
	BadURL:           ErrBadURL,
	Scheme:           ErrScheme,
	HTTPStatus:       ErrHTTPStatus,
	NotHTML:          ErrNotHTML,
	Empty:            ErrEmpty,
	TooLarge:         ErrTooLarge,
	TooManyRedirects: ErrTooManyRedirects,
	Timeout:          ErrTimeout,
	Network:          ErrNetwork,
	FileNotFound:     ErrFileNotFound,
	IsDirectory:      ErrIsDirectory,
}

// Sentinel is k's sentinel error, nil for a Kind that is not one of the
// package's.
func (k Kind) Sentinel() error {
	if k <= 0 || int(k) >= len(sentinels) {
		return nil
	}
	return sentinels[k]
}

// String is the sentinel's message, e.g. "not a web page".
func (k Kind) String() string {
	if s := k.Sentinel(); s != nil {
		return s.Error()
	}
	return fmt.Sprintf("clip.Kind(%d)", int(k))
}

// Error is a failed clip: what kind of failure, and the detail that tells
// this one apart (a content type, a status line, a path, a size), kept as a
// value so that no caller has to take it back out of the message.
type Error struct {
	Kind   Kind
	Detail string // e.g. "application/pdf", "404 Not Found"; "" when there is none
	Err    error  // the cause underneath (a network or certificate error), if any
}

// Error reads as the sentinel's message and the detail:
// "not a web page: application/pdf".
func (e *Error) Error() string {
	if e.Detail == "" {
		return e.Kind.String()
	}
	return e.Kind.String() + ": " + e.Detail
}

// Is reports whether target is the sentinel of e's kind, so that
// errors.Is(err, ErrNotHTML) keeps working for callers that test sentinels.
func (e *Error) Is(target error) bool {
	s := e.Kind.Sentinel()
	return s != nil && target == s
}

// Unwrap returns the cause, so errors.Is and errors.As also reach it
// (syscall.ECONNREFUSED, *tls.CertificateVerificationError, ...).
func (e *Error) Unwrap() error { return e.Err }

// errorf returns an *Error of kind k with the formatted detail.
func errorf(k Kind, format string, args ...any) error {
	return &Error{Kind: k, Detail: fmt.Sprintf(format, args...)}
}

// wrapf is errorf that keeps cause, for a detail that explains cause in
// other words.
func wrapf(k Kind, cause error, format string, args ...any) error {
	return &Error{Kind: k, Detail: fmt.Sprintf(format, args...), Err: cause}
}

// causedBy returns an *Error of kind k whose detail is cause's message on
// one line, and which keeps cause.
func causedBy(k Kind, cause error) error {
	return &Error{Kind: k, Detail: text.CollapseSpace(cause.Error()), Err: cause}
}
