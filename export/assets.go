package export

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"app.margin/margin/article"
	"app.margin/margin/storage"
)

// assetsDir is the folder beside the notes that holds their pictures, so
// Obsidian and Logseq show them offline: assets/<SHA-256>.<ext>, one file
// per picture however many notes show it.
const assetsDir = "assets"

// assets writes the pictures of a Markdown export into dir/assets. Workers
// share it: each picture is read from the library and written at most once
// per export, and never when its file is already there (its name is its
// content's hash).
type assets struct {
	dir string // the export folder
	lib Library

	mu    sync.Mutex
	files map[string]*assetFile // by name
	wrote []string              // names this export created, in no order
}

type assetFile struct {
	once sync.Once
	ok   bool // the file is in place
	err  error
}

func newAssets(dir string, lib Library) *assets {
	return &assets{dir: dir, lib: lib, files: map[string]*assetFile{}}
}

// links makes sure the article's stored pictures are in the assets folder
// and returns the relative link of each by its address, and their names.
func (as *assets) links(ctx context.Context, a *storage.Article) (map[string]string, []string, error) {
	links := map[string]string{}
	var names []string
	for _, p := range a.Images {
		if p.Pixel() {
			links[p.URL] = dropPicture
			continue
		}
		name := pictureName(p)
		if name == "" || links[p.URL] != "" {
			continue
		}
		ok, err := as.ensure(ctx, name, p)
		if err != nil {
			return nil, nil, err
		}
		if ok {
			links[p.URL] = assetsDir + "/" + name
			if !slices.Contains(names, name) {
				names = append(names, name)
			}
		}
	}
	slices.Sort(names)
	return links, names, nil
}

// ensure writes the picture as assets/name unless it is there; false when
// the library no longer holds it.
func (as *assets) ensure(ctx context.Context, name string, p article.Picture) (bool, error) {
	as.mu.Lock()
	f := as.files[name]
	if f == nil {
		f = &assetFile{}
		as.files[name] = f
	}
	as.mu.Unlock()
	f.once.Do(func() { f.ok, f.err = as.write(ctx, name, p) })
	return f.ok, f.err
}

func (as *assets) write(ctx context.Context, name string, p article.Picture) (bool, error) {
	dir := filepath.Join(as.dir, assetsDir)
	if fi, err := os.Stat(filepath.Join(dir, name)); err == nil && fi.Mode().IsRegular() {
		return true, nil
	}
	data, err := readPicture(ctx, as.lib, p)
	if errors.Is(err, storage.ErrNotFound) {
		return false, nil // shown as missing
	}
	if err != nil {
		return false, fmt.Errorf("picture %s: %w", p.URL, err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return false, fmt.Errorf("assets folder: %w", err)
	}
	wrote, err := writeFile(dir, name, data, false)
	if errors.Is(err, errExists) {
		return true, nil // written since we looked: the same name is the same picture
	}
	if err != nil {
		return false, err
	}
	if wrote {
		as.mu.Lock()
		as.wrote = append(as.wrote, name)
		as.mu.Unlock()
	}
	return true, nil
}

// assetName reports a name an assets folder entry of Margin's can have.
func assetName(name string) bool {
	stem, ext, ok := strings.Cut(name, ".")
	return ok && isHex(stem) && slices.Contains(slices.Collect(maps.Values(pictureExts)), "."+ext)
}

// pruneAssets removes the pictures Margin wrote into dir/assets that no
// note of the manifest links any more, and returns the names it still
// owns. A picture is kept while a file the reader took over (m.Released)
// still names it; a file whose content is not the picture its name says
// (the reader replaced it) is left alone and no longer Margin's.
func pruneAssets(dir string, m *manifest) []string {
	used := map[string]bool{}
	for _, e := range m.Files[Markdown] {
		for _, n := range e.Assets {
			used[n] = true
		}
	}
	var released [][]byte
	for _, n := range m.Released[Markdown] {
		if b, err := os.ReadFile(filepath.Join(dir, n)); err == nil {
			released = append(released, b)
		}
	}
	var owned []string
	for _, name := range m.Assets {
		path := filepath.Join(dir, assetsDir, name)
		ref := assetsDir + "/" + name
		inReleased := slices.ContainsFunc(released, func(b []byte) bool { return strings.Contains(string(b), ref) })
		switch sum, err := fileSum(path); {
		case errors.Is(err, fs.ErrNotExist):
			// The reader deleted it: nothing to own.
		case err != nil || sum != strings.Split(name, ".")[0]:
			// Not what Margin wrote there: the reader's now.
		case used[name] || inReleased:
			owned = append(owned, name)
		default:
			if os.Remove(path) != nil {
				owned = append(owned, name)
			}
		}
	}
	// An empty assets folder Margin made goes too; one holding anything
	// else stays (Remove refuses a folder that is not empty).
	if len(owned) < len(m.Assets) {
		_ = os.Remove(filepath.Join(dir, assetsDir))
	}
	return owned
}

// dropPicture is the link of a picture the export leaves out: a tracking
// pixel, which Obsidian would otherwise fetch each time the note is shown.
const dropPicture = "\x00drop"

// localPictures rewrites content HTML for a Markdown export: a stored
// picture links to its file in the assets folder, a missing one keeps its
// web address, and one with neither (a saved page's file:, a data: URL)
// becomes its alt text. srcset goes, so a converter cannot pick a remote
// candidate over the local file. A tracking pixel goes.
func localPictures(contentHTML string, links map[string]string) string {
	body := &html.Node{Type: html.ElementNode, Data: "body", DataAtom: atom.Body}
	nodes, err := html.ParseFragment(strings.NewReader(contentHTML), body)
	if err != nil {
		return contentHTML
	}
	root := &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div}
	for _, n := range nodes {
		root.AppendChild(n)
	}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; {
			next := c.NextSibling
			walk(c)
			c = next
		}
		if n.Type != html.ElementNode || n.DataAtom != atom.Img {
			return
		}
		src := article.Attr(n, "src")
		n.Attr = slices.DeleteFunc(n.Attr, func(a html.Attribute) bool { return a.Key == "srcset" })
		switch {
		case links[src] == dropPicture:
			n.Parent.RemoveChild(n)
		case links[src] != "":
			setAttr(n, "src", links[src])
		case webURL(src) != "":
		default:
			if alt := strings.TrimSpace(article.Attr(n, "alt")); alt != "" {
				n.Parent.InsertBefore(&html.Node{Type: html.TextNode, Data: "[Picture: " + alt + "]"}, n)
			}
			n.Parent.RemoveChild(n)
		}
	}
	walk(root)
	var b strings.Builder
	for c := root.FirstChild; c != nil; c = c.NextSibling {
		if err := html.Render(&b, c); err != nil {
			return contentHTML
		}
	}
	return b.String()
}

func setAttr(n *html.Node, key, val string) {
	for i := range n.Attr {
		if n.Attr[i].Key == key {
			n.Attr[i].Val = val
			return
		}
	}
	n.Attr = append(n.Attr, html.Attribute{Key: key, Val: val})
}
