package app

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"app.margin/margin/article"
	"app.margin/margin/clip"
)

// trayText is what the clip tray shows, "" when it is hidden.
func trayText(u *ui) string {
	if !u.tray.box.Visible() {
		return ""
	}
	return strings.Join(texts(u.tray.box), " | ")
}

// TestClipTray follows a clip through the tray: under way with Cancel,
// failed with its reason, Retry (which succeeds) and Dismiss; no dialog
// ever opens.
func TestClipTray(t *testing.T) {
	lib := newArticleLib()
	fail := true
	clipper := &fakeClipper{ClipFn: func(ctx context.Context, target, _ string) (*article.Article, error) {
		if fail {
			return nil, fmt.Errorf("clip: %w", &clip.Error{Kind: clip.HTTPStatus, Detail: "503 Service Unavailable"})
		}
		return &lib.article.Article, nil
	}}
	lib.SaveFn = func(context.Context, *article.Article) (int64, bool, error) { return 7, false, nil }
	u, clock := newTestUI(t, lib, clipper)
	clock.Hold() // each clip waits for Flush

	test.Type(u.urlEntry, "https://example.com/a")
	u.urlEntry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if got := trayText(u); !strings.Contains(got, "Clipping example.com…") || !strings.Contains(got, "Cancel") {
		t.Errorf("tray while clipping = %q, want the clip with Cancel", got)
	}
	clock.Flush()
	got := trayText(u)
	for _, want := range []string{"Couldn't clip example.com", "The server answered 503 Service Unavailable", "Retry"} {
		if !strings.Contains(got, want) {
			t.Errorf("tray after the failure = %q, want %q", got, want)
		}
	}
	if top := u.win.Canvas().Overlays().Top(); top != nil {
		t.Errorf("a failed clip opened a dialog: %q", texts(top))
	}

	fail = false
	test.Tap(button(t, u.tray.box, "Retry"))
	if got := trayText(u); !strings.Contains(got, "Clipping example.com…") {
		t.Errorf("tray after Retry = %q, want the clip under way again", got)
	}
	clock.Flush()
	if got := trayText(u); got != "" || u.current == nil {
		t.Errorf("after a successful retry: tray %q, open article %v; want the tray hidden and the article open", got, u.current)
	}
	if got := u.urlEntry.Text; got != "" {
		t.Errorf("address field = %q after a retry, want it cleared", got)
	}

	// Cancel takes a clip under way away; Dismiss a failure.
	u.clip("https://example.org/b", "")
	test.Tap(button(t, u.tray.box, "Cancel"))
	clock.Flush()
	if got := trayText(u); got != "" {
		t.Errorf("tray after Cancel = %q, want it hidden", got)
	}
	fail = true
	u.clip("https://example.org/c", "")
	clock.Flush()
	if got := trayText(u); !strings.Contains(got, "example.org") {
		t.Fatalf("tray = %q, want the failure", got)
	}
	test.Tap(button(t, u.tray.rows, ""))
	if got := trayText(u); got != "" {
		t.Errorf("tray after Dismiss = %q, want it hidden", got)
	}
}

// TestPastingSeveralAddressesClipsThemAll pastes three addresses, one per
// line, the first of which fails: all three are clipped and the failure
// waits in the tray.
func TestPastingSeveralAddressesClipsThemAll(t *testing.T) {
	lib := newArticleLib()
	var clipped []string
	clipper := &fakeClipper{ClipFn: func(_ context.Context, target, _ string) (*article.Article, error) {
		clipped = append(clipped, target)
		if strings.Contains(target, "broken") {
			return nil, fmt.Errorf("clip: %w", &clip.Error{Kind: clip.HTTPStatus, Detail: "404 Not Found"})
		}
		return &lib.article.Article, nil
	}}
	lib.SaveFn = func(context.Context, *article.Article) (int64, bool, error) { return 7, false, nil }
	u, _ := newTestUI(t, lib, clipper)
	u.win.Canvas().Focus(u.urlEntry)
	cb := test.NewClipboard()
	cb.SetContent("https://broken.example/1\r\n  https://example.com/2\n\nhttps://example.net/3\n")
	u.urlEntry.TypedShortcut(&fyne.ShortcutPaste{Clipboard: cb})

	want := []string{"https://broken.example/1", "https://example.com/2", "https://example.net/3"}
	if !slices.Equal(clipped, want) {
		t.Errorf("clipped %q, want %q", clipped, want)
	}
	if top := u.win.Canvas().Overlays().Top(); top != nil {
		t.Errorf("a failed clip opened a dialog: %q", texts(top))
	}
	if got := trayText(u); !strings.Contains(got, "Couldn't clip broken.example") || strings.Contains(got, "example.net") {
		t.Errorf("tray = %q, want the one failure only", got)
	}
	if u.tray.dismissAll.Visible() {
		t.Error("Dismiss failed shown for a single failure, which has its own")
	}

	// A single line pastes into the field as usual.
	u.urlEntry.SetText("")
	cb.SetContent("https://example.com/one\n")
	u.urlEntry.TypedShortcut(&fyne.ShortcutPaste{Clipboard: cb})
	if got := strings.TrimSpace(u.urlEntry.Text); got != "https://example.com/one" || len(clipped) != 3 {
		t.Errorf("after pasting one line: field %q, %d clips; want it in the field, nothing clipped", got, len(clipped))
	}
}

// TestDismissFailed clears several failures at once and keeps the clips
// under way.
func TestDismissFailed(t *testing.T) {
	clipper := &fakeClipper{ClipFn: func(_ context.Context, target, _ string) (*article.Article, error) {
		return nil, fmt.Errorf("clip: %w", &clip.Error{Kind: clip.Timeout})
	}}
	u, clock := newTestUI(t, newArticleLib(), clipper)
	u.clipAll([]string{"https://a.example/", "https://b.example/", "https://c.example/", "https://d.example/", "https://e.example/"})
	if got := trayText(u); !strings.Contains(got, "and 1 more clip") {
		t.Errorf("tray = %q, want four rows and the fifth counted", got)
	}
	clock.Hold()
	u.clip("https://f.example/", "")
	test.Tap(button(t, u.tray.box, "Dismiss failed"))
	if got := trayText(u); strings.Contains(got, "Couldn't") || !strings.Contains(got, "Clipping f.example") {
		t.Errorf("tray after Dismiss failed = %q, want only the clip under way", got)
	}
	clock.Flush()
}

func TestSplitTargets(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"https://a.example/1\nhttps://b.example/2", []string{"https://a.example/1", "https://b.example/2"}},
		{"https://a.example/1 HTTP://b.example/2", []string{"https://a.example/1", "HTTP://b.example/2"}},
		{"/home/me/Saved Pages/an article.html", []string{"/home/me/Saved Pages/an article.html"}},
		{"example.com/post https://b.example/", []string{"example.com/post https://b.example/"}},
		{"  \n\t\n", nil},
	}
	for _, tc := range tests {
		if got := splitTargets(tc.in); !slices.Equal(got, tc.want) {
			t.Errorf("splitTargets(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
