package clip

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"math"
	"regexp"
	"strconv"
	"strings"
)

// svgDropped are SVG elements kept out with all they hold: they run code,
// embed HTML or other documents, or fetch something when shown.
var svgDropped = map[string]bool{
	"script": true, "foreignobject": true, "iframe": true, "embed": true, "object": true,
	"handler": true, "listener": true, "audio": true, "video": true,
}

// rxExternalURL finds a CSS url() or @import that reaches outside the SVG.
var rxExternalURL = regexp.MustCompile(`(?i)url\(\s*['"]?\s*[^#'"\s)]|@import`)

// looksLikeSVG reports whether raw is an XML document whose root is <svg>.
func looksLikeSVG(raw []byte) bool {
	d := xml.NewDecoder(bytes.NewReader(raw[:min(len(raw), 4096)]))
	d.Strict = false
	for {
		tok, err := d.RawToken()
		if err != nil {
			return false
		}
		if se, ok := tok.(xml.StartElement); ok {
			return strings.EqualFold(se.Name.Local, "svg")
		}
	}
}

// sanitizeSVG rewrites an SVG without what could run or reach out when it is
// shown (scripts, event handlers, foreignObject, links other than to its
// own parts, external style sheets), and reads its size from its
// width/height, else its viewBox (0 when it states neither).
func sanitizeSVG(raw []byte) (clean []byte, w, h int, err error) {
	d := xml.NewDecoder(bytes.NewReader(raw))
	d.Strict = true
	var (
		out   bytes.Buffer
		stack []string
		skip  int // depth inside a dropped element
		root  = true
	)
	for {
		tok, err := d.RawToken()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, 0, 0, fmt.Errorf("a damaged SVG: %w", err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			name := xmlName(t.Name)
			stack = append(stack, name)
			if skip > 0 || dropSVGElement(t) {
				skip++
				continue
			}
			if root {
				if !strings.EqualFold(t.Name.Local, "svg") {
					return nil, 0, 0, errors.New("a damaged SVG: its root is not <svg>")
				}
				w, h = svgSize(t)
				root = false
			}
			out.WriteString("<" + name)
			for _, a := range t.Attr {
				if keepSVGAttr(a) {
					out.WriteString(" " + xmlName(a.Name) + `="`)
					_ = xml.EscapeText(&out, []byte(a.Value))
					out.WriteString(`"`)
				}
			}
			if len(stack) == 1 && !hasXMLNS(t) {
				// Without it, an SVG file is not an SVG to a browser.
				out.WriteString(` xmlns="http://www.w3.org/2000/svg"`)
			}
			out.WriteString(">")
		case xml.EndElement:
			if len(stack) == 0 || stack[len(stack)-1] != xmlName(t.Name) {
				return nil, 0, 0, fmt.Errorf("a damaged SVG: </%s> closes nothing", xmlName(t.Name))
			}
			stack = stack[:len(stack)-1]
			if skip > 0 {
				skip--
				continue
			}
			out.WriteString("</" + xmlName(t.Name) + ">")
		case xml.CharData:
			if skip == 0 && len(stack) > 0 {
				if len(stack) > 0 && strings.EqualFold(stack[len(stack)-1], "style") && rxExternalURL.Match(t) {
					continue
				}
				_ = xml.EscapeText(&out, t)
			}
		}
		// Comments, processing instructions (<?xml-stylesheet?>) and
		// directives (<!DOCTYPE> with its entities) are left out.
	}
	if root {
		return nil, 0, 0, errors.New("a damaged SVG: no <svg> element")
	}
	if len(stack) > 0 {
		return nil, 0, 0, errors.New("a damaged SVG: it is cut off")
	}
	return out.Bytes(), w, h, nil
}

// hasXMLNS reports whether an element declares its default namespace.
func hasXMLNS(t xml.StartElement) bool {
	for _, a := range t.Attr {
		if a.Name.Space == "" && a.Name.Local == "xmlns" {
			return true
		}
	}
	return false
}

// xmlName is a raw token's name as written, prefix included.
func xmlName(n xml.Name) string {
	if n.Space != "" {
		return n.Space + ":" + n.Local
	}
	return n.Local
}

// dropSVGElement reports whether t is kept out with its content: an
// element of svgDropped, or an animation that would set a link or a
// handler (<set attributeName="href" to="javascript:...">).
func dropSVGElement(t xml.StartElement) bool {
	local := strings.ToLower(t.Name.Local)
	if svgDropped[local] {
		return true
	}
	if local == "set" || strings.HasPrefix(local, "animate") {
		for _, a := range t.Attr {
			if strings.EqualFold(a.Name.Local, "attributeName") {
				target := strings.ToLower(strings.TrimSpace(a.Value))
				if strings.HasSuffix(target, "href") || strings.HasPrefix(target, "on") {
					return true
				}
			}
		}
	}
	return false
}

// keepSVGAttr reports whether an attribute is harmless: no event handler,
// no link but to a part of the same SVG, no style reaching outside it.
func keepSVGAttr(a xml.Attr) bool {
	local := strings.ToLower(a.Name.Local)
	switch {
	case strings.HasPrefix(local, "on"):
		return false
	case local == "href", local == "src", local == "action", local == "formaction":
		return strings.HasPrefix(strings.TrimSpace(a.Value), "#")
	case local == "style":
		return !rxExternalURL.MatchString(a.Value)
	}
	// Presentation attributes (fill, filter, clip-path) may hold url().
	return !rxExternalURL.MatchString(a.Value)
}

// svgSize reads the root's width and height in pixels, else its viewBox.
func svgSize(root xml.StartElement) (w, h int) {
	var viewBox string
	for _, a := range root.Attr {
		switch strings.ToLower(a.Name.Local) {
		case "width":
			w = svgLength(a.Value)
		case "height":
			h = svgLength(a.Value)
		case "viewbox":
			viewBox = a.Value
		}
	}
	if w > 0 && h > 0 {
		return w, h
	}
	f := strings.FieldsFunc(viewBox, func(r rune) bool { return r == ',' || r == ' ' || r == '\t' || r == '\n' })
	if len(f) == 4 {
		vw, err1 := strconv.ParseFloat(f[2], 64)
		vh, err2 := strconv.ParseFloat(f[3], 64)
		if err1 == nil && err2 == nil && vw > 0 && vh > 0 && vw < math.MaxInt32 && vh < math.MaxInt32 {
			return int(math.Ceil(vw)), int(math.Ceil(vh))
		}
	}
	return 0, 0
}

// svgLength is a width or height in pixels ("120", "120px"), 0 for a
// relative or unknown unit.
func svgLength(s string) int {
	s = strings.TrimSuffix(strings.TrimSpace(s), "px")
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || v <= 0 || v >= math.MaxInt32 {
		return 0
	}
	return int(math.Ceil(v))
}
