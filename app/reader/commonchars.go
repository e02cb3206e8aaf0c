package reader

import (
	"unicode"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/korean"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
)

// commonChars is, for a fontconfig language of the CJK fallbacks, the
// ideographs and Hangul syllables of its national standard character set:
// GB 2312 (6,763 ideographs, with 〇), Big5's frequent level (some 5,400), JIS X
// 0208 (6,355) or KS X 1001 (2,350 syllables, 4,888 hanja), which make up
// all but a sliver of running text. A CJK face has some 40,000 more; each
// costs its outline in memory twice (the cut font, then Fyne's parse of
// it), and a rare one left out is drawn by the system's regular face. Nil
// for an unknown language: keep everything.
func commonChars(lang string) map[rune]bool {
	type rows struct {
		enc          encoding.Encoding
		lead1, lead2 byte
		trails       [][2]byte
	}
	euc := [][2]byte{{0xA1, 0xFE}}
	var r rows
	switch lang {
	case "zh-cn":
		r = rows{simplifiedchinese.GBK, 0xA1, 0xF7, euc}
	case "zh-tw":
		r = rows{traditionalchinese.Big5, 0xA4, 0xC6, [][2]byte{{0x40, 0x7E}, {0xA1, 0xFE}}}
	case "ja":
		r = rows{japanese.EUCJP, 0xA1, 0xF4, euc}
	case "ko":
		r = rows{korean.EUCKR, 0xA1, 0xFE, euc}
	default:
		return nil
	}
	var src []byte
	for l := r.lead1; l >= r.lead1 && l <= r.lead2; l++ {
		for _, t := range r.trails {
			for b := t[0]; b >= t[0] && b <= t[1]; b++ {
				src = append(src, l, b)
			}
		}
	}
	text, err := r.enc.NewDecoder().Bytes(src)
	if err != nil {
		return nil
	}
	set := map[rune]bool{}
	for _, c := range string(text) {
		if isSyllableOrIdeograph(c) {
			set[c] = true
		}
	}
	return set
}

// isSyllableOrIdeograph reports the characters commonChars chooses among.
func isSyllableOrIdeograph(r rune) bool {
	return unicode.Is(unicode.Han, r) || r >= 0xAC00 && r <= 0xD7A3
}
