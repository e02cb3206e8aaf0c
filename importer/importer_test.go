package importer

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"
)

func readFixture(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// zipOf builds a zip archive of the named files in memory.
func zipOf(t testing.TB, files map[string][]byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, n := range slices.Sorted(maps.Keys(files)) {
		w, err := zw.Create(n)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(files[n])
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// omnivoreZip zips testdata/omnivore as Omnivore exports it.
func omnivoreZip(t testing.TB) []byte {
	t.Helper()
	files := map[string][]byte{}
	root := filepath.Join("testdata", "omnivore")
	err := filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		b, err := os.ReadFile(p)
		files[filepath.ToSlash(rel)] = b
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return zipOf(t, files)
}

func unix(s int64) time.Time { return time.Unix(s, 0).UTC() }

func mustTime(t *testing.T, layout, s string) time.Time {
	t.Helper()
	v, err := time.Parse(layout, s)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// TestFormats reads one fixture per format and variant and checks every
// field of every entry and every skipped row.
func TestFormats(t *testing.T) {
	pocketCSV := readFixture(t, "pocket.csv")
	pocketEntries := []Entry{
		{URL: "https://github.com/hoarder-app", Title: "Hoarder App", SavedAt: unix(1728576752), Unread: true, Where: "line 2"},
		{URL: "https://www.huxiu.com/article/12345.html", Title: "大模型的冬天：腾讯与阿里的追赶", Tags: []string{"科技", "人工智能"},
			SavedAt: unix(1700000000), Archived: true, Where: "line 3"},
		{URL: "https://example.com/two-lines?utm_source=x", Title: `A title over two lines, with "quotes"`,
			Tags: []string{"opensource", "withÄumlaut", "with space"}, SavedAt: unix(1600000000), Unread: true, Where: "line 4"},
		{URL: "https://example.org/no-title", SavedAt: unix(1500000000), Unread: true, Where: "line 6"},
	}
	pocketSkips := []Skip{
		{"line 7", "no URL"},
		{"line 8", `time "yesterday" is not Unix seconds`},
		{"line 9", `status "deleted" is neither unread nor archive`},
		{"line 10", `URL "javascript:alert(1)" is not a web address`},
	}
	withFile := func(file string, es []Entry, ss []Skip) ([]Entry, []Skip) {
		var e2 []Entry
		for _, e := range es {
			e.Where = file + " " + e.Where
			e2 = append(e2, e)
		}
		var s2 []Skip
		for _, s := range ss {
			s.Where = file + " " + s.Where
			s2 = append(s2, s)
		}
		return e2, s2
	}
	zipEntries, zipSkips := withFile("part_000000.csv", pocketEntries, pocketSkips)
	oldEntries, _ := withFile("part_000001.csv", []Entry{
		{URL: "https://book.douban.com/review/1/", Title: "读书笔记", Tags: []string{"读书"}, SavedAt: unix(1710000000), Unread: true, Where: "line 2"},
		{URL: "http://example.com/old", Title: "Old one", SavedAt: unix(1200000000), Archived: true, Where: "line 3"},
	}, nil)

	readability := "Readability scores measure how hard a text is to read"
	tests := []struct {
		name    string
		file    string
		data    []byte
		format  Format
		want    []Entry
		skipped []Skip
	}{
		{name: "pocket csv with cursor, BOM, CRLF and a quoted two-line title", file: "pocket.csv", data: pocketCSV,
			format: Pocket, want: pocketEntries, skipped: pocketSkips},
		{name: "pocket csv without cursor", file: "pocket_old.csv", format: Pocket, want: []Entry{
			{URL: "https://book.douban.com/review/1/", Title: "读书笔记", Tags: []string{"读书"}, SavedAt: unix(1710000000), Unread: true, Where: "line 2"},
			{URL: "http://example.com/old", Title: "Old one", SavedAt: unix(1200000000), Archived: true, Where: "line 3"},
		}},
		{name: "pocket zip of parts", file: "pocket.zip", data: zipOf(t, map[string][]byte{
			"part_000000.csv": pocketCSV, "part_000001.csv": readFixture(t, "pocket_old.csv"),
		}), format: Pocket, want: append(zipEntries, oldEntries...), skipped: zipSkips},
		{name: "pocket ril_export.html", file: "ril_export.html", format: PocketHTML, want: []Entry{
			{URL: "https://sspai.com/post/1", Title: "少数派：效率工具指南", Tags: []string{"效率", "工具"}, SavedAt: unix(1650000000), Unread: true, Where: "line 11"},
			{URL: "https://example.com/untagged", SavedAt: unix(1650000001), Unread: true, Where: "line 12"},
			{URL: "https://example.com/read", Title: "Read & done", Tags: []string{"go", "programming"}, SavedAt: unix(1550000000), Archived: true, Where: "line 18"},
		}, skipped: []Skip{{"line 13", `URL "ftp://example.com/file" is not a web address`}}},
		{name: "instapaper", file: "instapaper.csv", format: Instapaper, want: []Entry{
			{URL: "https://example.com/a", Title: "Unread article", SavedAt: unix(1700000000), Unread: true, Where: "line 2"},
			{URL: "https://example.com/b", Title: "Archived article", Excerpt: "A selection\non two lines", Tags: []string{"go", "数据库"},
				SavedAt: unix(1700000001), Archived: true, Where: "line 3"},
			{URL: "https://example.com/c", Title: "星标文章", Tags: []string{"收藏"}, SavedAt: unix(1700000002), Unread: true, Favorite: true, Where: "line 5"},
			{URL: "https://example.com/d", Title: "In a folder", Tags: []string{"Recipes"}, SavedAt: unix(1700000003), Unread: true, Where: "line 6"},
		}, skipped: []Skip{
			{"line 7", `URL "not a url" is not a web address`},
			{"line 8", `tags "{oops" are not a JSON list of names`},
		}},
		{name: "instapaper, older four columns", file: "instapaper_old.csv", format: Instapaper, want: []Entry{
			{URL: "https://example.com/old-a", Title: "Old unread", Unread: true, Where: "line 2"},
			{URL: "https://example.com/old-b", Title: "Old archive", Archived: true, Where: "line 3"},
		}},
		{name: "readwise reader", file: "readwise.csv", format: Readwise, want: []Entry{
			{URL: "https://example.com/r1", Title: "Reader article", Tags: []string{"go", "it's", "中文 标签"},
				SavedAt: mustTime(t, time.RFC3339Nano, "2025-01-20T22:13:02.447Z"), Unread: true, Where: "line 2"},
			{URL: "https://example.com/r2", Title: "Archived one", SavedAt: mustTime(t, time.RFC3339, "2025-01-21T08:00:00Z"), Archived: true, Where: "line 3"},
			{URL: "https://example.com/r3", Title: "Feed item", SavedAt: mustTime(t, time.RFC3339Nano, "2025-01-22T09:30:00.5Z"), Where: "line 4"},
		}, skipped: []Skip{
			{"line 5", `date "the 5th of May" is in no known format`},
			{"line 6", `document tags: "['open" is not a list`},
		}},
		{name: "wallabag", file: "wallabag.json", format: Wallabag, want: []Entry{
			{URL: "https://www.example.cn/wang/silent", Title: "王小波：沉默的大多数", Tags: []string{"读书", "long read"},
				SavedAt: mustTime(t, time.RFC3339, "2016-09-08T11:55:58+02:00"), Archived: true,
				Authors: []string{"王小波"}, Published: mustTime(t, time.RFC3339, "1998-01-01T00:00:00+08:00"), Language: "zh",
				ContentHTML: "<h1>沉默的大多数</h1><p>我选择沉默的主要原因之一：从话语中，你很少能学到人性，从沉默中却能。</p><p>假如还想学得更多，那就要继续一声不吭。</p>",
				Highlights:  []Highlight{{Quote: "从沉默中却能", Note: "我的笔记"}, {Quote: "这句话不在文中"}}, Where: "entry 1"},
			{URL: "https://example.com/w2", Title: "Starred without annotations", SavedAt: mustTime(t, time.RFC3339, "2020-01-02T03:04:05Z"),
				Unread: true, Favorite: true, ContentHTML: "<p>Some content that is long enough to read as a paragraph of an article.</p>", Where: "entry 2"},
		}, skipped: []Skip{
			{"entry 3", "no URL"},
			{"entry 4", "field url is a number, not a string"},
		}},
		{name: "browser bookmarks", file: "bookmarks.html", format: Bookmarks, want: []Entry{
			{URL: "https://go.dev/", Title: "The Go Programming Language", SavedAt: unix(1600000002), Unread: true, Where: "line 11"},
			{URL: "https://www.sqlite.org/fts5.html", Title: "SQLite FTS5 Extension", Tags: []string{"技术", "sqlite", "search"}, SavedAt: unix(1600000004), Unread: true, Where: "line 14"},
			{URL: "https://www.postgresql.org/", Title: "PostgreSQL", Tags: []string{"技术", "数据库"}, SavedAt: unix(1600000005), Unread: true, Where: "line 17"},
			{URL: "https://example.com/root", Title: "At the root", SavedAt: unix(1600000007), Unread: true, Where: "line 22"},
		}, skipped: []Skip{{"line 21", `URL "javascript:void(0)" is not a web address`}}},
		{name: "omnivore zip with content and highlights", file: "omnivore.zip", data: omnivoreZip(t), format: Omnivore, want: []Entry{
			{URL: "https://example.com/prose", Title: "Readable prose", Tags: []string{"writing", "写作"},
				SavedAt: mustTime(t, time.RFC3339, "2024-10-29T16:30:11Z"), Unread: true, Authors: []string{"Grace Hopper"},
				Excerpt: "How hard a text is to read", Published: mustTime(t, time.RFC3339, "2024-03-05T15:00:00Z"),
				ContentHTML: strings.TrimSpace(string(readFixture(t, "omnivore/content/readable-prose-18c2a1.html"))),
				Highlights: []Highlight{
					{Quote: readability, Note: "Worth checking before publishing.\nSecond line of the note.", Labels: []string{"metrics", "写作"}},
					{Quote: "they give the eye a place to rest"},
					{Quote: "This sentence was edited away since it was highlighted", Note: "An orphan's note."},
				}, Where: "metadata_0_to_20.json item 1"},
			{URL: "https://www.huxiu.com/article/99.html", Title: "大模型研究的现状", SavedAt: mustTime(t, time.RFC3339, "2024-09-01T08:00:00Z"), Archived: true,
				ContentHTML: strings.TrimSpace(string(readFixture(t, "omnivore/content/da-mo-xing-18c2a2.html"))),
				Highlights:  []Highlight{{Quote: "腾讯和阿里都在追赶", Note: "关键句。"}}, Where: "metadata_0_to_20.json item 2"},
			{URL: "https://example.org/later", Title: "Saved but never fetched", Tags: []string{"later"},
				SavedAt: mustTime(t, time.RFC3339, "2024-08-01T08:00:00Z"), Where: "metadata_0_to_20.json item 3"},
		}, skipped: []Skip{{"metadata_20_to_21.json item 1", `savedAt: date "yesterday" is in no known format`}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			data := tc.data
			if data == nil {
				data = readFixture(t, tc.file)
			}
			for _, format := range []Format{Auto, tc.format} {
				res, err := Parse(data, tc.file, format)
				if err != nil {
					t.Fatalf("Parse(%s, %q): %v", tc.file, format, err)
				}
				if got, want := res.Format, tc.format; got != want {
					t.Errorf("format %q: detected %q, want %q", format, got, want)
				}
				if len(res.Entries) != len(tc.want) {
					t.Errorf("format %q: %d entries, want %d:\n%s", format, len(res.Entries), len(tc.want), dump(res.Entries))
				}
				for i := range min(len(res.Entries), len(tc.want)) {
					got, want := res.Entries[i], tc.want[i]
					if !got.Published.Equal(want.Published) {
						t.Errorf("format %q: entry %d published %s, want %s", format, i, got.Published, want.Published)
					}
					got.Published, want.Published = time.Time{}, time.Time{}
					want.SavedAt = want.SavedAt.UTC()
					if !reflect.DeepEqual(got, want) {
						t.Errorf("format %q: entry %d:\n got %s\nwant %s", format, i, dump1(got), dump1(want))
					}
				}
				if got, want := res.Skipped, tc.skipped; !reflect.DeepEqual(got, want) && (len(got) > 0 || len(want) > 0) {
					t.Errorf("format %q: skipped\n got %q\nwant %q", format, got, want)
				}
			}
		})
	}
}

func dump(es []Entry) string {
	var b strings.Builder
	for _, e := range es {
		b.WriteString(dump1(e) + "\n")
	}
	return b.String()
}

func dump1(e Entry) string { return fmt.Sprintf("%+v", e) }

func TestParseFormat(t *testing.T) {
	for _, f := range Formats {
		if got, err := ParseFormat(strings.ToUpper(string(f))); err != nil || got != f {
			t.Errorf("ParseFormat(%q) = %q, %v", f, got, err)
		}
	}
	if _, err := ParseFormat("delicious"); !errors.Is(err, ErrFormat) {
		t.Errorf("ParseFormat(delicious): %v, want ErrFormat", err)
	}
}

// TestUnknownFiles: files that are no export are refused with ErrFormat,
// and a format named on the command line that the file is not fails too.
func TestUnknownFiles(t *testing.T) {
	tests := []struct {
		name   string
		data   []byte
		format Format
	}{
		{"empty", nil, Auto},
		{"plain text", []byte("hello\nworld\n"), Auto},
		{"a CSV of something else", []byte("name,age\nAda,36\n"), Auto},
		{"an HTML page", []byte("<html><body><p>Hi</p></body></html>"), Auto},
		{"Readwise highlights (no URLs)", []byte("Highlight,Book Title,Book Author,Amazon Book ID,Note,Color,Tags,Location Type,Location,Highlighted at,Document tags\n\"a\nb\",Book,,,,,,,,,\n"), Readwise},
		{"pocket named for a JSON file", []byte(`[{"url":"https://x.com"}]`), Pocket},
		{"a zip of images", zipOf(t, map[string][]byte{"a.png": []byte("\x89PNG")}), Auto},
		{"a damaged zip", []byte("PK\x03\x04garbage"), Auto},
		{"omnivore named for a pocket zip", zipOf(t, map[string][]byte{"part_000000.csv": readFixture(t, "pocket_old.csv")}), Omnivore},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res, err := Parse(tc.data, "file", tc.format)
			if err == nil {
				t.Fatalf("Parse: %d entries, no error", len(res.Entries))
			}
			if !errors.Is(err, ErrFormat) && !errors.Is(err, ErrArchive) {
				t.Errorf("Parse: %v, want ErrFormat or ErrArchive", err)
			}
		})
	}
}

// TestHostileZips: names that climb out of the archive are never read;
// too many members and too many inflated bytes are refused.
func TestHostileZips(t *testing.T) {
	pocket := readFixture(t, "pocket_old.csv")
	t.Run("zip-slip", func(t *testing.T) {
		data := zipOf(t, map[string][]byte{
			"../../etc/part_000000.csv": []byte("title,url,time_added,tags,status\nEvil,https://evil.example/,1,,unread\n"),
			"/abs/part_000002.csv":      []byte("title,url,time_added,tags,status\nEvil,https://evil.example/abs,1,,unread\n"),
			`..\win\part_000003.csv`:    []byte("title,url,time_added,tags,status\nEvil,https://evil.example/win,1,,unread\n"),
			"part_000001.csv":           pocket,
		})
		res, err := Parse(data, "pocket.zip", Auto)
		if err != nil {
			t.Fatal(err)
		}
		if got, want := len(res.Entries), 2; got != want {
			t.Errorf("%d entries, want %d (only the safe part)", got, want)
		}
		for _, e := range res.Entries {
			if strings.Contains(e.URL, "evil") {
				t.Errorf("read a hostile member: %s", e.URL)
			}
		}
		if got, want := len(res.Skipped), 3; got != want {
			t.Errorf("skipped %q, want %d hostile names", res.Skipped, want)
		}
	})
	t.Run("too many entries", func(t *testing.T) {
		defer setCap(&maxZipEntries, 1000)()
		var buf bytes.Buffer
		zw := zip.NewWriter(&buf)
		for i := range maxZipEntries + 1 {
			if _, err := zw.CreateHeader(&zip.FileHeader{Name: fmt.Sprintf("f%d", i), Method: zip.Store}); err != nil {
				t.Fatal(err)
			}
		}
		zw.Close()
		_, err := Parse(buf.Bytes(), "many.zip", Auto)
		if !errors.Is(err, ErrTooLarge) {
			t.Errorf("Parse: %v, want ErrTooLarge", err)
		}
	})
	t.Run("inflates past the cap", func(t *testing.T) {
		// Headers that lie (small sizes) do not matter: the bytes inflated
		// are counted. The cap is lowered to 16 MiB so the bomb is small.
		defer setCap(&maxInflated, 16<<20)()
		var buf bytes.Buffer
		zw := zip.NewWriter(&buf)
		zeros := make([]byte, 1<<20)
		for i := range 3 {
			w, err := zw.Create(fmt.Sprintf("part_%06d.csv", i))
			if err != nil {
				t.Fatal(err)
			}
			if i == 0 {
				w.Write([]byte("title,url,time_added,tags,status\n"))
			}
			for range 8 {
				w.Write(zeros)
			}
		}
		zw.Close()
		_, err := Parse(buf.Bytes(), "bomb.zip", Auto)
		if !errors.Is(err, ErrTooLarge) {
			t.Errorf("Parse: %v, want ErrTooLarge", err)
		}
	})
}

// setCap sets a cap for one test and returns the function that restores it.
func setCap[T int | int64](cap *T, v T) func() {
	old := *cap
	*cap = v
	return func() { *cap = old }
}

// TestCapsAreTheDocumentedOnes keeps the lowered test caps honest.
func TestCapsAreTheDocumentedOnes(t *testing.T) {
	if maxInflated != 2<<30 || maxZipEntries != 200_000 {
		t.Errorf("caps %d bytes, %d entries; want 2 GiB and 200,000", maxInflated, maxZipEntries)
	}
}

func TestPythonList(t *testing.T) {
	tests := []struct {
		in   string
		want []string
		bad  bool
	}{
		{in: "", want: nil},
		{in: "[]", want: nil},
		{in: `['a', "it's", '中文']`, want: []string{"a", "it's", "中文"}},
		{in: `['say \'hi\'']`, want: []string{"say 'hi'"}},
		{in: `['open`, bad: true},
		{in: `[1, 2]`, bad: true},
	}
	for _, tc := range tests {
		got, err := pythonList(tc.in)
		if (err != nil) != tc.bad || !reflect.DeepEqual(got, tc.want) {
			t.Errorf("pythonList(%q) = %q, %v; want %q, bad=%v", tc.in, got, err, tc.want, tc.bad)
		}
	}
}

// BenchmarkParsePocket parses a 10,000-row Pocket CSV: rows per second.
func BenchmarkParsePocket(b *testing.B) {
	var buf bytes.Buffer
	buf.WriteString("title,url,time_added,cursor,tags,status\r\n")
	for i := range 10_000 {
		fmt.Fprintf(&buf, "\"文章 %d, a title\",https://example.com/p/%d,%d,%d,导入|pocket,unread\r\n", i, i, 1700000000+i, i)
	}
	data := buf.Bytes()
	b.ResetTimer()
	for b.Loop() {
		res, err := Parse(data, "pocket.csv", Auto)
		if err != nil || len(res.Entries) != 10_000 {
			b.Fatalf("%v, %d entries", err, len(res.Entries))
		}
	}
	b.ReportMetric(float64(10_000*b.N)/b.Elapsed().Seconds(), "rows/s")
}
