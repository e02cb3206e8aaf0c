package app

import (
	"context"
	"errors"
	"io/fs"
	"strings"
	"unicode"
	"unicode/utf8"

	"app.margin/margin/clip"
	"app.margin/margin/export"
	"app.margin/margin/internal/text"
	"app.margin/margin/storage"
)

// plainWords turns an error from clip, storage or export into a sentence a
// reader understands. The detail a clip error carries (a content type, a
// status line, a size) is kept, because it is often what tells the reader
// what happened. Nothing here reads an error's message to decide.
func plainWords(err error) string {
	if err == nil {
		return ""
	}
	if errors.Is(err, context.Canceled) {
		return "Cancelled."
	}
	if ce, ok := clipError(err); ok {
		return clipWords(ce)
	}
	switch {
	case errors.Is(err, storage.ErrReadOnly):
		return "The library is read-only here, so Margin can show it but not change it. Check the permissions of the library file and its folder."
	case errors.Is(err, storage.ErrQueryTimeout):
		return "The search took too long. Try fewer or more distinctive words."
	case errors.Is(err, context.DeadlineExceeded):
		return "The server took too long to answer. Try again in a moment."
	case errors.Is(err, fs.ErrNotExist):
		return "There is no file there."
	case errors.Is(err, fs.ErrPermission):
		return "Margin is not allowed to read or write there. Check the file's permissions."
	case errors.Is(err, storage.ErrNotFound):
		return "That is no longer in the library; it may have been deleted."
	case errors.Is(err, storage.ErrQuoteNotFound):
		return "That passage is not in the article's text."
	case errors.Is(err, export.ErrEmpty):
		return "There is nothing to export: no article is in that selection."
	case errors.Is(err, storage.ErrInvalid):
		return withDetail("Margin could not store that", text.OneLine(err.Error()))
	}
	return "Something went wrong: " + sentence(err.Error())
}

// clipError is the *clip.Error in err's chain. An error that wraps only a
// clip sentinel (as a fake Clipper's may) counts as that kind, without
// detail.
func clipError(err error) (*clip.Error, bool) {
	var ce *clip.Error
	if errors.As(err, &ce) {
		return ce, true
	}
	for k := clip.Kind(1); k.Sentinel() != nil; k++ {
		if errors.Is(err, k.Sentinel()) {
			return &clip.Error{Kind: k}, true
		}
	}
	return nil, false
}

// clipWords says what went wrong with a clip, and what to do about it.
func clipWords(e *clip.Error) string {
	switch e.Kind {
	case clip.NotHTML:
		return withDetail("That address is a PDF, an image or another kind of file, not a web page", e.Detail)
	case clip.HTTPStatus:
		if e.Detail != "" {
			return "The server answered " + e.Detail + ". Check the address, or try again later."
		}
		return "The server answered with an error. Check the address, or try again later."
	case clip.TooLarge:
		return withDetail("The page is too large to clip", e.Detail)
	case clip.TooManyRedirects:
		return "The address redirects too many times. Open it in a browser and paste the address it ends up at."
	case clip.Timeout:
		return "The server took too long to answer. Try again in a moment."
	case clip.Network:
		return "Could not connect — check your connection and the address."
	case clip.Scheme:
		return "Margin clips web addresses (http:// or https://) and saved .html pages only."
	case clip.BadURL:
		return "That doesn't look like a web address. Paste a full address, such as https://example.com/article."
	case clip.Empty:
		return "The page is empty: there is no text to keep."
	case clip.FileNotFound:
		return withDetail("There is no file there", e.Detail)
	case clip.IsDirectory:
		return "That is a folder. Choose a saved web page (.html or .htm) instead."
	}
	return withDetail("Margin could not clip that", e.Error())
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
