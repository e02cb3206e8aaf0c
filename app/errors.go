package app

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"strings"
	"unicode"
	"unicode/utf8"

	"app.margin/margin/clip"
	"app.margin/margin/storage"
)

// plainWords turns an error from clip, storage or export into a sentence a
// reader understands. The technical detail a sentinel carries (a content type,
// a status line, a size) is kept, because it is often what tells the reader
// what happened.
func plainWords(err error) string {
	if err == nil {
		return ""
	}
	d := func(sentinel error) string { return detail(err, sentinel) }
	switch {
	case errors.Is(err, context.Canceled):
		return "Cancelled."
	case errors.Is(err, clip.ErrNotHTML):
		return withDetail("That address is a PDF, an image or another kind of file, not a web page", d(clip.ErrNotHTML))
	case errors.Is(err, clip.ErrHTTPStatus):
		if s := d(clip.ErrHTTPStatus); s != "" {
			return fmt.Sprintf("The server answered %s. Check the address, or try again later.", s)
		}
		return "The server answered with an error. Check the address, or try again later."
	case errors.Is(err, clip.ErrTooLarge):
		return withDetail("The page is too large to clip", d(clip.ErrTooLarge))
	case errors.Is(err, clip.ErrTooManyRedirects):
		return "The address redirects too many times. Open it in a browser and paste the address it ends up at."
	case errors.Is(err, clip.ErrTimeout), errors.Is(err, context.DeadlineExceeded):
		return "The server took too long to answer. Try again in a moment."
	case errors.Is(err, clip.ErrNetwork):
		return "Could not connect — check your connection and the address."
	case errors.Is(err, clip.ErrScheme):
		return "Margin clips web addresses (http:// or https://) and saved .html pages only."
	case errors.Is(err, clip.ErrBadURL):
		return "That doesn't look like a web address. Paste a full address, such as https://example.com/article."
	case errors.Is(err, clip.ErrEmpty):
		return "The page is empty: there is no text to keep."
	case errors.Is(err, clip.ErrFileNotFound), errors.Is(err, fs.ErrNotExist):
		return withDetail("There is no file there", d(clip.ErrFileNotFound))
	case errors.Is(err, clip.ErrIsDirectory):
		return "That is a folder. Choose a saved web page (.html or .htm) instead."
	case errors.Is(err, fs.ErrPermission):
		return "Margin is not allowed to read or write there. Check the file's permissions."
	case errors.Is(err, storage.ErrNotFound):
		return "That is no longer in the library; it may have been deleted."
	case errors.Is(err, storage.ErrQuoteNotFound):
		return "That passage is not in the article's text."
	case errors.Is(err, storage.ErrInvalid):
		return withDetail("Margin could not store that", d(storage.ErrInvalid))
	}
	return "Something went wrong: " + sentence(err.Error())
}

// detail is what a wrapped sentinel carries after its own message
// ("not a web page: application/pdf" -> "application/pdf").
func detail(err, sentinel error) string {
	msg, head := err.Error(), sentinel.Error()+": "
	if i := strings.LastIndex(msg, head); i >= 0 {
		return strings.TrimSpace(msg[i+len(head):])
	}
	return ""
}

func withDetail(s, detail string) string {
	if detail == "" {
		return s + "."
	}
	return s + " (" + detail + ")."
}

// sentence capitalises s and ends it with a full stop.
func sentence(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return "unknown error."
	}
	r, n := utf8.DecodeRuneInString(s)
	s = string(unicode.ToUpper(r)) + s[n:]
	if !strings.HasSuffix(s, ".") {
		s += "."
	}
	return s
}
