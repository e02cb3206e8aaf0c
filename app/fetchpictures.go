package app

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"fyne.io/fyne/v2"

	"app.margin/margin/article"
)

// fetchMissingPictures fetches the pictures the open article is missing
// (Article > Fetch Missing Images), retrying earlier failures, stores them
// and shows the article again with them. This and clipping are the only
// times Margin uses the network. News and failures go to the snackbar, so
// reading goes on meanwhile.
func (u *ui) fetchMissingPictures() {
	a := u.current
	if a == nil {
		u.snack.show("Open an article to fetch its missing images.", "", nil)
		return
	}
	if len(a.Images) > 0 && storedCount(a.Images) == len(a.Images) {
		u.snack.show("Every image of this article is in the library.", "", nil)
		return
	}
	id, work := a.ID, a.Article // FetchPictures fills in the copy's list
	work.Images = append([]article.Picture(nil), a.Images...)
	u.snack.show("Fetching the missing images…", "", nil)
	u.goFn(func() {
		err := u.fetchAndStorePictures(id, &work)
		fyne.Do(func() {
			if err != nil {
				u.snack.show("Couldn't fetch the images: "+plainWords(err), "Retry", u.fetchMissingPictures)
				return
			}
			u.snack.show(picturesFetched(work.Images), "", nil)
			if u.currentID() == id {
				u.reloadInPlace(id)
			}
		})
	})
}

// fetchImportedPictures fetches in the background the pictures of the
// articles an import brought with their content, which no page fetch
// brings, and says how it went. An article whose pictures cannot be
// fetched at all does not stop the others.
func (u *ui) fetchImportedPictures(ids []int64) {
	u.goFn(func() {
		stored, missing, failed := 0, 0, 0
		for _, id := range ids {
			a, err := u.lib.Get(u.ctx, id)
			if err == nil {
				work := a.Article
				err = u.fetchAndStorePictures(id, &work)
				n := storedCount(work.Images)
				stored += n
				missing += len(work.Images) - n
			}
			if u.ctx.Err() != nil || errors.Is(err, context.Canceled) {
				return // the window closed: the rest wait for Fetch Missing Images
			}
			if err != nil {
				failed++
			}
		}
		fyne.Do(func() {
			switch {
			case failed > 0:
				u.snack.show(fmt.Sprintf("Couldn't fetch the images of %s.", plural(failed, "imported article", "imported articles")), "", nil)
			case stored+missing > 0:
				u.snack.show(fmt.Sprintf("Images of the imported articles: %d in the library, %d could not be fetched.", stored, missing), "", nil)
			}
			if id := u.currentID(); slices.Contains(ids, id) {
				u.reloadInPlace(id)
			}
		})
	})
}

// fetchAndStorePictures fetches the pictures work names (filling in its
// list) and stores that list for article id. It does I/O: call it off
// Fyne's goroutine.
func (u *ui) fetchAndStorePictures(id int64, work *article.Article) error {
	if err := u.clipper.FetchPictures(u.ctx, work); err != nil {
		return err
	}
	return u.lib.SetPictures(u.ctx, id, work.Images)
}

// reloadInPlace shows article id again from the library, at the reading
// position the reader has now.
func (u *ui) reloadInPlace(id int64) {
	pos := u.reader.ReadingPosition()
	u.afterShow = func() { u.reader.ScrollTo(pos) }
	u.loadArticle(id)
}

// storedCount is how many of pics are in the library.
func storedCount(pics []article.Picture) int {
	n := 0
	for _, p := range pics {
		if p.Stored() {
			n++
		}
	}
	return n
}

// picturesFetched says how many of an article's pictures are now stored.
func picturesFetched(pics []article.Picture) string {
	stored := storedCount(pics)
	switch missing := len(pics) - stored; {
	case len(pics) == 0:
		return "This article has no images."
	case missing == 0:
		return "All images are in the library now."
	default:
		return fmt.Sprintf("%d of %d images are in the library; %d could not be fetched (hover over one to see why).", stored, len(pics), missing)
	}
}
