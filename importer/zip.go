package importer

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"path"
	"sort"
	"strings"
)

// Caps in force; tests lower them so that a bomb need not be gigabytes.
var (
	maxInflated   int64 = MaxInflatedBytes
	maxZipEntries       = MaxZipEntries
)

// isZip reports whether data starts like a zip archive.
func isZip(data []byte) bool {
	return bytes.HasPrefix(data, []byte("PK\x03\x04")) || bytes.HasPrefix(data, []byte("PK\x05\x06"))
}

// archive reads a zip's members in memory under the caps: at most
// MaxZipEntries members and MaxInflatedBytes inflated in all, counted on
// the bytes actually inflated, whatever the headers claim.
type archive struct {
	files    map[string]*zip.File // by cleaned name
	names    []string             // cleaned names, sorted
	inflated int64
}

func openArchive(data []byte, res *Result) (*archive, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil && !errors.Is(err, zip.ErrInsecurePath) {
		return nil, fmt.Errorf("%w: %w", ErrArchive, err)
	}
	if len(zr.File) > maxZipEntries {
		return nil, fmt.Errorf("%w: %d files in the archive, more than %d", ErrTooLarge, len(zr.File), maxZipEntries)
	}
	a := &archive{files: map[string]*zip.File{}}
	for _, f := range zr.File {
		if strings.HasSuffix(f.Name, "/") {
			continue
		}
		name, ok := safeName(f.Name)
		if !ok {
			// Nothing is written to disk, but a name that climbs out of the
			// archive is hostile: it is not read at all.
			res.Skipped = append(res.Skipped, Skip{Where: shorten(f.Name), Reason: "a file name that leaves the archive"})
			continue
		}
		if _, dup := a.files[name]; dup {
			res.Skipped = append(res.Skipped, Skip{Where: name, Reason: "a second file with the same name"})
			continue
		}
		a.files[name] = f
		a.names = append(a.names, name)
	}
	sort.Strings(a.names)
	return a, nil
}

// safeName is a member's name cleaned, and false when it is absolute or
// climbs out of the archive (zip-slip).
func safeName(name string) (string, bool) {
	name = strings.ReplaceAll(name, `\`, "/")
	if name == "" || strings.HasPrefix(name, "/") || (len(name) > 1 && name[1] == ':') {
		return "", false
	}
	for part := range strings.SplitSeq(name, "/") {
		if part == ".." {
			return "", false
		}
	}
	return path.Clean(name), true
}

// read inflates one member, counting it against the cap.
func (a *archive) read(name string) ([]byte, error) {
	f := a.files[name]
	rc, err := f.Open()
	if err != nil {
		return nil, fmt.Errorf("%w: %s: %w", ErrArchive, name, err)
	}
	defer rc.Close()
	left := maxInflated - a.inflated
	var buf bytes.Buffer
	n, err := io.Copy(&buf, io.LimitReader(rc, left+1))
	a.inflated += n
	if err != nil {
		return nil, fmt.Errorf("%w: %s: %w", ErrArchive, name, err)
	}
	if n > left {
		return nil, fmt.Errorf("%w: the archive inflates to more than %d MiB", ErrTooLarge, maxInflated>>20)
	}
	return buf.Bytes(), nil
}

// parseZip reads a zip export: Omnivore's (metadata_*.json with content/
// and highlights/), Pocket's (part_NNNNNN.csv), or any archive holding one
// export file of a known format.
func parseZip(data []byte, format Format) (*Result, error) {
	res := &Result{}
	a, err := openArchive(data, res)
	if err != nil {
		return nil, err
	}
	var metadata, csvs, others []string
	for _, name := range a.names {
		base := strings.ToLower(path.Base(name))
		switch {
		case strings.HasPrefix(base, "._") || strings.HasPrefix(name, "__MACOSX/"):
		case strings.HasPrefix(base, "metadata_") && strings.HasSuffix(base, ".json"):
			metadata = append(metadata, name)
		case strings.HasSuffix(base, ".csv"):
			csvs = append(csvs, name)
		case strings.HasSuffix(base, ".json") || strings.HasSuffix(base, ".html") || strings.HasSuffix(base, ".htm"):
			if !strings.Contains(name, "content/") {
				others = append(others, name)
			}
		}
	}
	switch {
	case format == Omnivore || (format == Auto && len(metadata) > 0):
		if len(metadata) == 0 {
			return nil, fmt.Errorf("%w: the archive has no metadata_*.json (not an Omnivore export)", ErrFormat)
		}
		res.Format = Omnivore
		return res, parseOmnivoreZip(res, a, metadata)
	case len(csvs) > 0 && (format == Auto || format == Pocket || format == Instapaper || format == Readwise):
		for _, name := range csvs {
			b, err := a.read(name)
			if err != nil {
				return nil, err
			}
			b = bytes.TrimPrefix(b, []byte("\xef\xbb\xbf"))
			f := format
			if f == Auto {
				if f = csvFormat(b[:min(len(b), 4096)]); f == Auto {
					res.Skipped = append(res.Skipped, Skip{Where: name, Reason: "a CSV file of no known export"})
					continue
				}
			}
			if res.Format == Auto {
				res.Format = f
			}
			if err := parseCSV(res, b, name, f); err != nil {
				return nil, err
			}
		}
		if res.Format == Auto {
			return nil, fmt.Errorf("%w: no CSV file in the archive is an export this version knows", ErrFormat)
		}
		return res, nil
	case len(others) == 1:
		b, err := a.read(others[0])
		if err != nil {
			return nil, err
		}
		inner, err := Parse(b, others[0], format)
		if err != nil {
			return nil, err
		}
		inner.Skipped = append(res.Skipped, inner.Skipped...)
		return inner, nil
	}
	return nil, fmt.Errorf("%w: the archive holds no export file this version knows", ErrFormat)
}

// parseOmnivoreZip reads each metadata file with the content and highlights
// of its items.
func parseOmnivoreZip(res *Result, a *archive, metadata []string) error {
	files := &omnivoreFiles{content: map[string]string{}, highlights: map[string]string{}}
	for _, name := range a.names {
		dir, base := path.Split(name)
		dir = path.Base(strings.TrimSuffix(dir, "/"))
		slug, ext := strings.TrimSuffix(base, path.Ext(base)), strings.ToLower(path.Ext(base))
		var into map[string]string
		switch {
		case dir == "content" && (ext == ".html" || ext == ".htm"):
			into = files.content
		case dir == "highlights" && ext == ".md":
			into = files.highlights
		default:
			continue
		}
		b, err := a.read(name)
		if err != nil {
			return err
		}
		into[slug] = string(bytes.ToValidUTF8(b, []byte("\uFFFD")))
	}
	sort.Slice(metadata, func(i, j int) bool { return metadataOrder(metadata[i]) < metadataOrder(metadata[j]) })
	for _, name := range metadata {
		b, err := a.read(name)
		if err != nil {
			return err
		}
		if err := parseOmnivoreMetadata(res, bytes.TrimPrefix(b, []byte("\xef\xbb\xbf")), name, files); err != nil {
			return err
		}
	}
	return nil
}

// metadataOrder sorts metadata_20_to_40.json after metadata_0_to_20.json
// (by the first number), not as text.
func metadataOrder(name string) int {
	base := strings.TrimPrefix(path.Base(name), "metadata_")
	n := 0
	for _, r := range base {
		if r < '0' || r > '9' {
			break
		}
		n = n*10 + int(r-'0')
		if n > 1<<30 {
			break
		}
	}
	return n
}
