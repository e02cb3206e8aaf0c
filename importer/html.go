package importer

import (
	"bytes"
	"fmt"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// htmlLinks walks an HTML export's tokens and calls link for each <a> with
// its attributes, its text, the line it starts on, and the text of the
// headings (<h1>, <h3>) that enclose it: bookmark folders, Pocket's
// "Unread" and "Read Archive" sections.
type htmlLink struct {
	attrs   map[string]string
	text    string
	line    int
	folders []string // the enclosing <H3> folders, outermost first
	section string   // the last <h1> before the link
}

// scanLinks tokenizes data and returns its links. Bookmark folders nest as
// <DT><H3>name</H3><DL>...</DL>: a folder opens at the <DL> after an <H3>
// and closes at the matching </DL>.
func scanLinks(data []byte) []htmlLink {
	z := html.NewTokenizer(bytes.NewReader(data))
	var (
		links     []htmlLink
		line      = 1
		stack     []string // folder per open <DL>; "" for a list with no heading
		heading   string   // the <H3> waiting for its <DL>
		section   string
		inHeading atom.Atom
		headText  strings.Builder
		cur       *htmlLink
		linkText  strings.Builder
		skipped   bool // the open <H3> is the toolbar, a folder that is no tag
	)
	for {
		tt := z.Next()
		raw := z.Raw()
		startLine := line
		line += bytes.Count(raw, []byte{'\n'})
		switch tt {
		case html.ErrorToken:
			return links
		case html.StartTagToken, html.SelfClosingTagToken:
			name, hasAttr := z.TagName()
			a := atom.Lookup(name)
			attrs := map[string]string{}
			for hasAttr {
				var k, v []byte
				k, v, hasAttr = z.TagAttr()
				attrs[string(k)] = string(v)
			}
			switch a {
			case atom.H1, atom.H3:
				inHeading = a
				headText.Reset()
				skipped = attrs["personal_toolbar_folder"] == "true"
			case atom.Dl:
				stack = append(stack, heading)
				heading, skipped = "", false
			case atom.A:
				cur = &htmlLink{attrs: attrs, line: startLine, section: section}
				for _, f := range stack {
					if f != "" {
						cur.folders = append(cur.folders, f)
					}
				}
				linkText.Reset()
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			switch a := atom.Lookup(name); a {
			case atom.H1, atom.H3:
				if inHeading == a {
					text := strings.Join(strings.Fields(headText.String()), " ")
					if a == atom.H1 {
						section = text
					} else if !skipped {
						heading = text
					}
					inHeading = 0
				}
			case atom.Dl:
				if len(stack) > 0 {
					stack = stack[:len(stack)-1]
				}
			case atom.A:
				if cur != nil {
					cur.text = strings.Join(strings.Fields(linkText.String()), " ")
					links = append(links, *cur)
					cur = nil
				}
			}
		case html.TextToken:
			switch {
			case cur != nil:
				linkText.Write(z.Text())
			case inHeading != 0:
				headText.Write(z.Text())
			}
		}
	}
}

// parseBookmarks reads a Netscape bookmark file: each folder a link is in
// becomes a tag (the toolbar folder excepted).
func parseBookmarks(res *Result, data []byte) error {
	return parseLinks(res, data, "the bookmark file", "add_date", func(l htmlLink, e *Entry) {
		e.Tags = addTags(nil, l.folders...)
		e.Tags = addTags(e.Tags, strings.Split(l.attrs["tags"], ",")...)
	})
}

// parsePocketHTML reads Pocket's older ril_export.html: links under
// <h1>Unread</h1> are unread, under <h1>Read Archive</h1> archived.
func parsePocketHTML(res *Result, data []byte) error {
	return parseLinks(res, data, "the Pocket export", "time_added", func(l htmlLink, e *Entry) {
		if strings.Contains(strings.ToLower(l.section), "archive") {
			e.Unread, e.Archived = false, true
		}
		e.Tags = addTags(nil, strings.Split(l.attrs["tags"], ",")...)
	})
}

// parseLinks makes an unread entry of each link of an HTML export, saved at
// the Unix time in its dateAttr; finish adds what the format says beyond
// that. A link without a web address or with a bad date is skipped.
func parseLinks(res *Result, data []byte, what, dateAttr string, finish func(htmlLink, *Entry)) error {
	links := scanLinks(data)
	if len(links) == 0 {
		return fmt.Errorf("%w: %s holds no links", ErrFormat, what)
	}
	for _, l := range links {
		where := fmt.Sprintf("line %d", l.line)
		u, err := webURL(l.attrs["href"])
		if err != nil {
			res.Skipped = append(res.Skipped, Skip{Where: where, Reason: err.Error()})
			continue
		}
		e := Entry{URL: u, Title: cleanTitle(l.text, u), Unread: true, Where: where}
		if e.SavedAt, err = unixTime(l.attrs[dateAttr]); err != nil {
			res.Skipped = append(res.Skipped, Skip{Where: where, Reason: err.Error()})
			continue
		}
		finish(l, &e)
		res.Entries = append(res.Entries, e)
	}
	return nil
}
