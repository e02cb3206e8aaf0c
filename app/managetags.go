package app

import (
	"fmt"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"app.margin/margin/storage"
)

// tagsView is the Manage Tags dialog: every tag with its count, to rename,
// merge into another or delete. It shows the tags each time the library's
// are read again, so its counts follow every change.
type tagsView struct {
	dlg  dialog.Dialog
	box  *fyne.Container
	tags []storage.Tag
	rows map[string]*fyne.Container // by tag name, for tests
}

// showManageTags opens Edit > Manage Tags….
func (u *ui) showManageTags() {
	if u.tagsView != nil {
		return
	}
	v := &tagsView{box: container.NewVBox()}
	scroll := container.NewVScroll(v.box)
	scroll.SetMinSize(fyne.NewSize(420, 320))
	v.dlg = dialog.NewCustom("Tags", "Close", scroll, u.win)
	v.dlg.SetOnClosed(func() { u.tagsView = nil })
	u.tagsView = v
	v.show(u, u.library.tags)
	u.showNotice(v.dlg)
	u.library.reloadTags()
}

// show lists tags, each with Rename… and Delete….
func (v *tagsView) show(u *ui, tags []storage.Tag) {
	v.tags = tags
	v.rows = map[string]*fyne.Container{}
	v.box.Objects = nil
	if len(tags) == 0 {
		v.box.Add(widget.NewLabel("No tags yet. Add them in the notes panel, or to several articles from the list's menu."))
	}
	for _, t := range tags {
		label := widget.NewLabel(fmt.Sprintf("%s (%s)", t.Name, groupDigits(t.Count)))
		label.Truncation = fyne.TextTruncateEllipsis
		rename := widget.NewButtonWithIcon("Rename…", theme.DocumentCreateIcon(), func() { u.askRenameTag(t) })
		del := widget.NewButtonWithIcon("Delete…", theme.DeleteIcon(), func() { u.confirmDeleteTag(t) })
		row := container.NewBorder(nil, nil, nil, container.NewHBox(rename, del), label)
		v.rows[t.Name] = row
		v.box.Add(row)
	}
	v.box.Refresh()
}

// askRenameTag asks for t's new name; a name another tag has merges t
// into it, once the reader confirms.
func (u *ui) askRenameTag(t storage.Tag) {
	entry := u.newDialogEntry()
	entry.SetText(t.Name)
	d := dialog.NewForm("Rename “"+t.Name+"”", "Rename", "Cancel",
		[]*widget.FormItem{widget.NewFormItem("New name", entry)}, func(ok bool) {
			to := strings.Join(strings.Fields(entry.Text), " ")
			if !ok || to == "" || to == t.Name {
				return
			}
			i := slices.IndexFunc(u.library.tags, func(o storage.Tag) bool {
				return strings.EqualFold(o.Name, to) && !strings.EqualFold(o.Name, t.Name)
			})
			if i < 0 {
				u.renameTag(t.Name, to, false)
				return
			}
			into := u.library.tags[i]
			u.showConfirm(dialog.NewCustomConfirm("Merge “"+t.Name+"” into “"+into.Name+"”?", "Merge", "Cancel",
				widget.NewLabel(fmt.Sprintf("The %s tagged “%s” will be tagged “%s”, and “%s” goes.",
					plural(t.Count, "article", "articles"), t.Name, into.Name, t.Name)),
				func(ok bool) {
					if ok {
						u.renameTag(t.Name, into.Name, true)
					}
				}, u.win))
		}, u.win)
	d.Resize(fyne.NewSize(420, 0))
	u.showDialog(d, d.Submit)
	u.win.Canvas().Focus(entry)
}

// renameTag renames the tag from to to on every article, or merges it into
// the tag to; Undo renames it back, or splits it off again.
func (u *ui) renameTag(from, to string, merge bool) {
	var fromIDs, toIDs []int64
	news := "Renamed the tag “" + from + "” to “" + to + "”"
	if merge {
		news = "Merged the tag “" + from + "” into “" + to + "”"
	}
	u.apply(&change{
		news:   news,
		failed: "Couldn't change the tags",
		do: func() (err error) {
			if fromIDs, err = u.lib.TaggedIDs(u.ctx, from); err != nil {
				return err
			}
			if toIDs, err = u.lib.TaggedIDs(u.ctx, to); err != nil {
				return err
			}
			return u.lib.RenameTag(u.ctx, from, to)
		},
		undo: func() error {
			if !merge {
				return u.lib.RenameTag(u.ctx, to, from)
			}
			if _, err := u.lib.AddTagMany(u.ctx, fromIDs, from); err != nil {
				return err
			}
			only := slices.DeleteFunc(slices.Clone(fromIDs), func(id int64) bool { return slices.Contains(toIDs, id) })
			_, err := u.lib.RemoveTagMany(u.ctx, only, to)
			return err
		},
		shown: u.tagsChanged,
	})
}

// confirmDeleteTag takes t off every article once the reader confirms;
// Undo puts it back on them.
func (u *ui) confirmDeleteTag(t storage.Tag) {
	u.showConfirm(dialog.NewCustomConfirm("Delete the tag “"+t.Name+"”?", "Delete", "Cancel",
		widget.NewLabel(fmt.Sprintf("It comes off %s; the articles stay.", plural(t.Count, "article", "articles"))),
		func(ok bool) {
			if !ok {
				return
			}
			var ids []int64
			u.apply(&change{
				news:   "Deleted the tag “" + t.Name + "”",
				failed: "Couldn't change the tags",
				do: func() (err error) {
					ids, err = u.lib.DeleteTag(u.ctx, t.Name)
					return err
				},
				undo: func() error {
					_, err := u.lib.AddTagMany(u.ctx, ids, t.Name)
					return err
				},
				shown: u.tagsChanged,
			})
		}, u.win))
}

// tagsChanged shows a change to a tag everywhere: the list's rows and tag
// choices, the Manage Tags dialog, the open article's tags.
func (u *ui) tagsChanged() {
	u.library.refreshInPlace()
	u.library.reloadTags()
	if a := u.current; a != nil {
		u.syncOpen(a.ID)
	}
}
