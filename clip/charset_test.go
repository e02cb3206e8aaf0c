package clip

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/korean"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
	"golang.org/x/text/encoding/unicode"
)

// Sample prose per encoding: long enough for detection to work as it does
// on real pages, and only characters each encoding has.
var charsetSamples = []struct {
	name    string
	label   string // as a page would declare it
	enc     encoding.Encoding
	want    string // Article.Charset
	text    string
	wantLng string // script-detected language for the undeclared case
}{
	{"GBK", "gbk", simplifiedchinese.GBK, "gb18030",
		"国内大模型创业公司在技术方面普遍已有多年研究经验，构筑了一定的技术壁垒，这是很难短期超越的。同时，由于已经推出了相关产品，数据飞轮已经转起来了。", "zh"},
	{"GB2312 label", "gb2312", simplifiedchinese.GBK, "gb18030",
		"北京智源人工智能研究院是科技部和北京市政府共同支持，联合北京人工智能领域优势单位共建的非营利性创新性研发机构。", "zh"},
	{"GB18030 four-byte", "gb18030", simplifiedchinese.GB18030, "gb18030",
		"生僻字𠀀与欧元符号€都只在GB18030中有编码，这一段文字用于检验四字节序列的解码是否正确无误。人工智能研究院发布了新的模型。", "zh"},
	{"Big5", "big5", traditionalchinese.Big5, "big5",
		"臺灣的人工智慧研究機構近年來發展迅速，許多大學實驗室與企業合作，推出了多項語言模型與應用服務，受到國際學術界的關注。", "zh"},
	{"Shift_JIS", "shift_jis", japanese.ShiftJIS, "shift_jis",
		"トレンドマイクロは、公衆無線LANを安全に使うためのアプリを発表した。利用者は、喫茶店や駅などで無料のネットワークに接続するときに、通信を暗号化できる。", "ja"},
	{"EUC-KR", "euc-kr", korean.EUCKR, "euc-kr",
		"한국의 인공지능 연구소들은 최근 몇 년 동안 빠르게 성장했으며, 많은 대학 연구실이 기업과 협력하여 다양한 언어 모델과 서비스를 출시했습니다.", "ko"},
	{"windows-1252", "windows-1252", charmap.Windows1252, "windows-1252",
		"Déjà vu: the café’s naïve façade — “smart quotes” and the œuvre of Müller, Señor Peña and Ærø. Ça coûte 5 €, n’est-ce pas? Über große Straßen.", ""},
}

func encodePage(t *testing.T, enc encoding.Encoding, declare, text string) []byte {
	t.Helper()
	var head string
	if declare != "" {
		head = `<meta charset="` + declare + `">`
	}
	page := "<!DOCTYPE html><html><head>" + head + "<title>" + firstRunes(text, 12) + "</title></head><body><article><h1>" +
		firstRunes(text, 12) + "</h1>" + strings.Repeat("<p>"+text+"</p>\n", 6) + "</article></body></html>"
	b, err := enc.NewEncoder().Bytes([]byte(page))
	if err != nil {
		t.Fatalf("encode sample: %v", err)
	}
	return b
}

// TestParseCharsets decodes each legacy encoding with and without a
// declaration, and through the HTTP header.
func TestParseCharsets(t *testing.T) {
	for _, tc := range charsetSamples {
		for _, mode := range []string{"meta", "header", "undeclared"} {
			t.Run(tc.name+"/"+mode, func(t *testing.T) {
				declare, ctype := "", "text/html"
				switch mode {
				case "meta":
					declare = tc.label
				case "header":
					ctype = "text/html; charset=" + tc.label
				}
				raw := encodePage(t, tc.enc, declare, tc.text)
				a, err := Parse(raw, ctype, "https://example.com/a")
				if err != nil {
					t.Fatalf("Parse: %v", err)
				}
				if !utf8.ValidString(a.Text) {
					t.Fatal("text is not valid UTF-8")
				}
				if !strings.Contains(a.Text, tc.text) {
					t.Errorf("text does not hold the sample:\n got %q\nwant %q", firstRunes(a.Text, 80), tc.text)
				}
				if got, want := a.Charset, tc.want; got != want {
					t.Errorf("charset = %q, want %q", got, want)
				}
				if mode == "undeclared" && tc.wantLng != "" {
					if got := baseLang(a.Language); got != tc.wantLng {
						t.Errorf("language = %q, want %q from the script", got, tc.wantLng)
					}
				}
			})
		}
	}
}

func TestDecodePage(t *testing.T) {
	utf8Page := []byte(`<html><head><meta charset="gb2312"></head><body><p>这一页声明了gb2312，但其实是UTF-8编码。</p></body></html>`)
	gbkBody, _ := simplifiedchinese.GBK.NewEncoder().Bytes([]byte(`<html><head><meta charset="windows-1252"></head><body><p>中文内容，报头说明了编码。</p></body></html>`))
	utf16, _ := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().Bytes([]byte(`<html><body><p>UTF-16 页面</p></body></html>`))
	lateMeta := []byte("<html><head>" + strings.Repeat("<!-- padding -->", 150) + `<meta http-equiv="Content-Type" content="text/html; charset=GBK">`)
	lateGBK, _ := simplifiedchinese.GBK.NewEncoder().Bytes([]byte("</head><body><p>声明在第一千字节之后。</p></body></html>"))
	tests := []struct {
		name, ctype string
		raw         []byte
		want        string // substring of the decoded text
		charset     string
	}{
		{"valid UTF-8 beats a wrong gb2312 declaration", "", utf8Page, "其实是UTF-8编码", "utf-8"},
		{"HTTP header beats meta", "text/html; charset=GBK", gbkBody, "报头说明了编码", "gb18030"},
		{"UTF-8 BOM", "text/html; charset=iso-8859-1", append([]byte("\xef\xbb\xbf"), "<p>café</p>"...), "café", "utf-8"},
		{"UTF-16 BOM", "", utf16, "UTF-16 页面", "utf-16le"},
		{"meta past the first 1024 bytes", "", append(lateMeta, lateGBK...), "声明在第一千字节之后", "gb18030"},
		{"UTF-8 with a stray byte stays UTF-8", "", append([]byte(strings.Repeat("<p>正文内容，一段中文。</p>", 10)), 0xff, 'x'), "正文内容", "utf-8"},
		{"quoted header charset", `text/html; charset="gbk"`, gbkBody, "报头说明了编码", "gb18030"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			text, cs, err := decodePage(tc.raw, tc.ctype)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(text, tc.want) {
				t.Errorf("decoded text lacks %q: %q", tc.want, text)
			}
			if cs != tc.charset {
				t.Errorf("charset = %q, want %q", cs, tc.charset)
			}
		})
	}
}

func TestParseRejects(t *testing.T) {
	tests := []struct {
		name   string
		raw    []byte
		want   error
		detail string
	}{
		{"empty", nil, ErrEmpty, ""},
		{"white space", []byte(" \n\t\r\n  "), ErrEmpty, ""},
		{"BOM only", []byte("\xef\xbb\xbf  \n"), ErrEmpty, ""},
		{"comments only", []byte("<!-- nothing --> <!-- here -->"), ErrEmpty, ""},
		{"PDF", []byte("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj"), ErrNotHTML, "PDF"},
		{"PNG", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), ErrNotHTML, "PNG"},
		{"GIF", []byte("GIF89a\x01\x00\x01\x00"), ErrNotHTML, "GIF"},
		{"JPEG", []byte("\xff\xd8\xff\xe0\x00\x10JFIF"), ErrNotHTML, "JPEG"},
		{"ZIP", []byte("PK\x03\x04\x14\x00\x00\x00"), ErrNotHTML, "ZIP"},
		{"gzip", []byte("\x1f\x8b\x08\x00\x00\x00\x00\x00"), ErrNotHTML, "gzip"},
		{"NUL bytes", []byte("<html>\x00\x00\x00garbage"), ErrNotHTML, "NUL"},
		{"control bytes", bytes.Repeat([]byte("\x01\x02\x03\x04ab"), 100), ErrNotHTML, "control"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a, err := Parse(tc.raw, "text/html", "https://example.com/")
			if !errors.Is(err, tc.want) {
				t.Fatalf("err = %v, want %v", err, tc.want)
			}
			if a != nil {
				t.Error("an article came back with the error")
			}
			if !strings.Contains(err.Error(), tc.detail) {
				t.Errorf("error %q does not say %q", err, tc.detail)
			}
		})
	}
}

func TestParseStripsPrivateUse(t *testing.T) {
	page := "<html><body><article><h1>Markers</h1><p>Storage marks \uE000snippets\uE001 with private-use characters, " +
		"and a page must not smuggle them\U000F0001 in, nor controls\x07 or \ufeffBOMs.</p></article></body></html>"
	a, err := Parse([]byte(page), "", "https://example.com/")
	if err != nil {
		t.Fatal(err)
	}
	for _, bad := range []string{"\uE000", "\uE001", "\U000F0001", "\x07", "\ufeff"} {
		if strings.Contains(a.Text, bad) || strings.Contains(a.ContentHTML, bad) {
			t.Errorf("%q survived in the text", bad)
		}
		// The excerpt is metadata kept as Readability gives it (a
		// zero-width no-break space included); only what storage or a
		// terminal would trip on goes.
		if bad != "\ufeff" && strings.Contains(a.Excerpt, bad) {
			t.Errorf("%q survived in the excerpt", bad)
		}
	}
	if !strings.Contains(a.Text, "Storage marks snippets with") {
		t.Errorf("text = %q", a.Text)
	}
}
