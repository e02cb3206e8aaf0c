package clip

import (
	"bytes"
	"mime"
	"strings"
	"unicode/utf8"

	"github.com/gogs/chardet"
	"golang.org/x/net/html"
	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"
)

// prescanBytes is how far into the page <meta charset> is looked for. HTML
// says 1024 bytes, but a third of real pages put theirs later (after long
// <title>s, scripts and styles), so we look further.
const prescanBytes = 4096

// binaryMagic are file signatures of formats that are often served with a
// wrong text/html label. Each names the format for the error detail.
var binaryMagic = []struct {
	prefix, name string
}{
	{"%PDF-", "PDF document"},
	{"\x89PNG\r\n\x1a\n", "PNG image"},
	{"GIF87a", "GIF image"},
	{"GIF89a", "GIF image"},
	{"\xff\xd8\xff", "JPEG image"},
	{"PK\x03\x04", "ZIP archive"},
	{"\x1f\x8b", "gzip data"},
	{"RIFF", "RIFF media"},
	{"\x7fELF", "executable"},
}

// decodePage returns the page as UTF-8 text and the name of the charset it was
// decoded from. The order follows what is most reliable in practice: a BOM,
// then bytes that are valid UTF-8 (a page declaring gb2312 that is really
// UTF-8 exists in the wild), then the HTTP header, then <meta>, then a
// statistical guess.
func decodePage(raw []byte, contentType string) (string, string, error) {
	if len(bytes.TrimSpace(bytes.TrimPrefix(raw, []byte("\xef\xbb\xbf")))) == 0 {
		return "", "", errorf(Empty, "no content")
	}
	if enc, name, n := bomEncoding(raw); enc != nil {
		return decodeWith(enc, raw[n:]), name, nil
	}
	if err := checkBinary(raw); err != nil {
		return "", "", err
	}
	declared := headerCharset(contentType)
	if declared == "" {
		declared = metaCharset(raw)
	}
	if mostlyUTF8(raw) && !isStateful7Bit(declared, raw) {
		return strings.ToValidUTF8(string(raw), "\uFFFD"), "utf-8", nil
	}
	if declared != "" {
		if enc, name := lookupCharset(declared); enc != nil {
			return decodeWith(enc, raw), name, nil
		}
	}
	enc, name := detectCharset(raw)
	return decodeWith(enc, raw), name, nil
}

// mostlyUTF8 reports bytes that are UTF-8, allowing a few broken sequences
// (a stray byte from an ad, a page cut mid-character) among many good
// multi-byte ones. Legacy CJK encodings and windows-1252 almost never form
// valid multi-byte UTF-8 by chance, so they do not pass.
func mostlyUTF8(raw []byte) bool {
	if utf8.Valid(raw) {
		return true
	}
	valid, invalid := 0, 0
	for i := 0; i < len(raw); {
		if raw[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, n := utf8.DecodeRune(raw[i:])
		if r == utf8.RuneError && n == 1 {
			invalid++
		} else {
			valid++
		}
		i += n
	}
	return valid >= 20 && invalid*100 <= valid
}

// bomEncoding returns the encoding a byte-order mark announces and its length.
func bomEncoding(raw []byte) (encoding.Encoding, string, int) {
	switch {
	case bytes.HasPrefix(raw, []byte("\xef\xbb\xbf")):
		return encoding.Nop, "utf-8", 3
	case bytes.HasPrefix(raw, []byte("\xfe\xff")):
		return unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM), "utf-16be", 2
	case bytes.HasPrefix(raw, []byte("\xff\xfe")):
		return unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM), "utf-16le", 2
	}
	return nil, "", 0
}

// checkBinary rejects bytes that are not text: a known file signature, NUL
// bytes, or many control characters near the start.
func checkBinary(raw []byte) error {
	head := raw
	if len(head) > prescanBytes {
		head = head[:prescanBytes]
	}
	trimmed := bytes.TrimLeft(head, " \t\r\n")
	for _, m := range binaryMagic {
		if bytes.HasPrefix(trimmed, []byte(m.prefix)) {
			return errorf(NotHTML, "%s", m.name)
		}
	}
	controls := 0
	for _, b := range head {
		switch {
		case b == 0:
			return errorf(NotHTML, "binary data (NUL bytes)")
		case b < 0x20 && b != '\t' && b != '\n' && b != '\r' && b != '\f' && b != 0x1b:
			controls++
		}
	}
	if controls*20 > len(head) {
		return errorf(NotHTML, "binary data (%d control bytes in the first %d)", controls, len(head))
	}
	return nil
}

// headerCharset is the charset parameter of an HTTP Content-Type, if any.
func headerCharset(contentType string) string {
	if contentType == "" {
		return ""
	}
	_, params, err := mime.ParseMediaType(contentType)
	if err != nil {
		return ""
	}
	return strings.TrimSpace(params["charset"])
}

// metaCharset finds <meta charset> or <meta http-equiv=Content-Type> in the
// first prescanBytes of the page, with the HTML tokenizer so comments,
// scripts and attribute quoting are handled as a browser would.
func metaCharset(raw []byte) string {
	head := raw
	if len(head) > prescanBytes {
		head = head[:prescanBytes]
	}
	z := html.NewTokenizer(bytes.NewReader(head))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return ""
		case html.StartTagToken, html.SelfClosingTagToken:
			name, hasAttr := z.TagName()
			if string(name) == "body" {
				return ""
			}
			if string(name) != "meta" || !hasAttr {
				continue
			}
			var cs, httpEquiv, content string
			for hasAttr {
				var k, v []byte
				k, v, hasAttr = z.TagAttr()
				switch strings.ToLower(string(k)) {
				case "charset":
					cs = string(v)
				case "http-equiv":
					httpEquiv = strings.ToLower(string(v))
				case "content":
					content = string(v)
				}
			}
			if cs = strings.TrimSpace(cs); cs != "" {
				return cs
			}
			if httpEquiv == "content-type" {
				if cs := headerCharset(content); cs != "" {
					return cs
				}
			}
		}
	}
}

// lookupCharset maps a charset label to an encoding. GB2312 and GBK are
// read as GB18030, their superset: pages labelled gb2312 routinely use
// characters only GBK or GB18030 have.
func lookupCharset(label string) (encoding.Encoding, string) {
	switch strings.ToLower(strings.Trim(label, " \"'")) {
	case "gb2312", "gbk", "gb18030", "x-gbk", "cp936", "gb_2312-80", "euc-cn", "csgb2312", "x-euc-cn", "windows-936":
		return simplifiedchinese.GB18030, "gb18030"
	}
	enc, name := charset.Lookup(label)
	if enc == nil {
		return nil, ""
	}
	if name == "utf-8" {
		enc = encoding.Nop
	}
	return enc, name
}

// isStateful7Bit reports whether a page declared a 7-bit escape-based
// encoding (ISO-2022-JP) and uses its escapes: such bytes are also valid
// UTF-8, so the declaration has to win there.
func isStateful7Bit(declared string, raw []byte) bool {
	return strings.HasPrefix(strings.ToLower(declared), "iso-2022") && bytes.IndexByte(raw, 0x1b) >= 0
}

// detectCharset guesses the encoding of undeclared, non-UTF-8 bytes. The
// statistical detector knows the CJK multi-byte encodings; when it is unsure
// we fall back to the WHATWG rules (windows-1252).
func detectCharset(raw []byte) (encoding.Encoding, string) {
	sample := raw
	if len(sample) > 64<<10 {
		sample = sample[:64<<10]
	}
	if res, err := chardet.NewHtmlDetector().DetectBest(sample); err == nil && res.Confidence >= 10 {
		if enc, name := lookupCharset(res.Charset); enc != nil && name != "utf-8" {
			return enc, name
		}
	}
	enc, name, _ := charset.DetermineEncoding(raw, "text/html")
	return enc, name
}

// decodeWith decodes b, replacing undecodable bytes, and guarantees UTF-8.
func decodeWith(enc encoding.Encoding, b []byte) string {
	out, err := enc.NewDecoder().Bytes(b)
	if err != nil {
		return strings.ToValidUTF8(string(b), "\uFFFD")
	}
	return strings.ToValidUTF8(string(out), "\uFFFD")
}
