//go:build ignore

// pack-connector packs the browser extension in connector/ into a zip for
// Chromium's "Load unpacked" (unzipped) and Firefox's "Load Temporary
// Add-on": the manifest, the scripts and the icons, not the Go tests.
// `make connector` runs it: go run scripts/pack-connector.go OUT.zip
package main

import (
	"archive/zip"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"time"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: go run scripts/pack-connector.go OUT.zip")
		os.Exit(2)
	}
	if err := pack(os.Args[1], "connector"); err != nil {
		fmt.Fprintf(os.Stderr, "pack-connector: %v\n", err)
		os.Exit(1)
	}
}

// pack writes the extension's files under dir to out, whole or not at all.
func pack(out, dir string) error {
	tmp := out + ".tmp"
	f, err := os.Create(tmp)
	if err != nil {
		return err
	}
	defer os.Remove(tmp)
	zw := zip.NewWriter(f)
	// A fixed time makes the same sources give the same zip.
	stamp := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	n := 0
	err = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		name := filepath.ToSlash(strings.TrimPrefix(p, dir+string(filepath.Separator)))
		if d.IsDir() {
			if d.Name() == "testdata" {
				return filepath.SkipDir
			}
			return nil
		}
		if ext := path.Ext(name); ext != ".json" && ext != ".js" && ext != ".png" && ext != ".html" && ext != ".css" {
			return nil
		}
		body, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		w, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate, Modified: stamp})
		if err != nil {
			return err
		}
		n++
		_, err = w.Write(body)
		return err
	})
	if err == nil {
		err = zw.Close()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	if err := os.Rename(tmp, out); err != nil {
		return err
	}
	fmt.Printf("Packed %d files of %s/ into %s\n", n, dir, out)
	return nil
}
