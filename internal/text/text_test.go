package text

import (
	"strings"
	"testing"
	"unicode"
)

func TestScriptOf(t *testing.T) {
	tests := []struct {
		r    rune
		want Script
	}{
		{'a', Latin}, {'é', Latin}, {'1', Latin}, {'，', Latin}, {'。', Latin}, {'「', Latin},
		{'中', Han}, {'々', Han}, {'〆', Han}, {'〇', Han}, {'𠀀', Han}, // CJK extension B
		{'ひ', Kana}, {'カ', Kana}, {'ー', Kana}, {'ｰ', Kana}, {'ｶ', Kana}, {'ゝ', Kana}, {'ヽ', Kana},
		{'한', Hangul}, {'ᄀ', Hangul},
	}
	for _, tc := range tests {
		if got := ScriptOf(tc.r); got != tc.want {
			t.Errorf("ScriptOf(%q) = %d, want %d", tc.r, got, tc.want)
		}
		if got, want := IsCJK(tc.r), tc.want != Latin; got != want {
			t.Errorf("IsCJK(%q) = %v, want %v", tc.r, got, want)
		}
	}
}

func TestClassOf(t *testing.T) {
	tests := []struct {
		r    rune
		want WordClass
	}{
		{'a', LetterWord}, {'Z', LetterWord}, {'7', LetterWord}, {'_', LetterWord}, {'é', LetterWord},
		{'\u0301', LetterWord}, // combining accent stays in its word
		{'中', CJKWord}, {'ー', CJKWord}, {'々', CJKWord}, {'〆', CJKWord}, {'カ', CJKWord}, {'한', CJKWord},
		{' ', NotWord}, {'，', NotWord}, {'。', NotWord}, {'-', NotWord}, {'\'', NotWord},
	}
	for _, tc := range tests {
		if got := ClassOf(tc.r); got != tc.want {
			t.Errorf("ClassOf(%q) = %d, want %d", tc.r, got, tc.want)
		}
	}
}

func TestWordAt(t *testing.T) {
	tests := []struct {
		text string
		at   int
		want string
	}{
		{"I drink コーヒー daily", 9, "コーヒー"},
		{"I drink コーヒー daily", 8, "コーヒー"},
		{"人々が来た", 0, "人々が来た"},
		{"don't stop", 1, "don't"},
		{"l’homme est", 3, "l’homme"},
		{"end. Next", 3, "."},
		{"大模型GPT", 1, "大模型"},
		{"大模型GPT", 4, "GPT"},
		{"", 0, ""},
		// What a double click in the reader selects.
		{"Readers keep what they read.", 9, "keep"},
		{"Readers keep what they read.", 27, "."},
		{"'quoted'", 3, "quoted"},
		{"version 2.7.1 now", 8, "2"},
		{"我们今天读书，明天写字。", 3, "我们今天读书"},
		{"在ChatGPT里", 3, "ChatGPT"},
		{"在ChatGPT里", 0, "在"},
	}
	for _, tc := range tests {
		rs := []rune(tc.text)
		lo, hi := WordAt(rs, tc.at)
		if got := string(rs[lo:hi]); got != tc.want {
			t.Errorf("WordAt(%q, %d) = %q, want %q", tc.text, tc.at, got, tc.want)
		}
	}
}

func TestOneLine(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain", "plain"},
		{"two\nlines\r\n\tand tabs", "two lines and tabs"},
		{"  padded  ", "padded"},
		{"evil\u202Etxt.exe", "eviltxt.exe"},
		{"isolate\u2066x\u2069", "isolatex"},
		{"bell\x07 and \x1b[31mred", "bell and [31mred"},
		{"中文\n标题", "中文 标题"},
		{"bad \xff byte", "bad \uFFFD byte"},
	}
	for _, tc := range tests {
		if got := OneLine(tc.in); got != tc.want {
			t.Errorf("OneLine(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestClean(t *testing.T) {
	tests := []struct{ in, want string }{
		{"ascii", "ascii"},
		{"keep\ttabs\nand lines", "keep\ttabs\nand lines"},
		{"soft\u00adhyphen\ufeff", "softhyphen"},
		{"private\ue000use", "privateuse"},
		{"e\u0301", "é"}, // NFC
		{"ctrl\x00\x7f", "ctrl"},
	}
	for _, tc := range tests {
		if got := Clean(tc.in); got != tc.want {
			t.Errorf("Clean(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestFold(t *testing.T) {
	tests := []struct{ in, want string }{
		{"abc", "abc"}, {"ABC", "abc"}, {"Café", "cafe"}, {"ÉCOLE", "ecole"}, {"中", "中"}, {"Straße", "straße"},
	}
	for _, tc := range tests {
		if got := Fold(tc.in); got != tc.want {
			t.Errorf("Fold(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestWordCount(t *testing.T) {
	tests := []struct {
		name    string
		text    string
		words   int
		minutes int
	}{
		{"empty", "", 0, 0},
		{"English", "The boats came in late, don't you think? e-mail 3.5 times.", 11, 1},
		{"Chinese", "中国的AI人才是从14亿人里挑", 13, 1},
		{"Japanese and Korean", "ひらがなカタカナ 한국어", 11, 1},
		{"mixed", "OpenAI官网挂出的参与过ChatGPT的项目团队共87人", 18, 1},
		{"katakana long vowel", "コーヒーを飲む", 7, 1},
		{"iteration mark", "人々", 2, 1},
		{"punctuation only", "— … ！", 0, 1},
		{"long English", strings.Repeat("word ", 461), 461, 3},
		{"long Chinese", strings.Repeat("字", 801), 801, 3},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := WordCount(tc.text); got != tc.words {
				t.Errorf("WordCount = %d, want %d", got, tc.words)
			}
			if got := ReadingMinutes(tc.text); got != tc.minutes {
				t.Errorf("ReadingMinutes = %d, want %d", got, tc.minutes)
			}
		})
	}
}

func TestGuessLanguage(t *testing.T) {
	tests := []struct{ text, want string }{
		{"这是一个中文句子，没有声明语言。", "zh"},
		{"これは日本語の文です。ひらがなが多い。", "ja"},
		{"이것은 한국어 문장입니다.", "ko"},
		{"Plain English text with one 字.", ""},
	}
	for _, tc := range tests {
		if got, _ := GuessLanguage(tc.text); got != tc.want {
			t.Errorf("GuessLanguage(%q) = %q, want %q", tc.text, got, tc.want)
		}
	}
}

// TestIsCJKEveryRune checks IsCJK's fast paths against the script tables,
// for every code point.
func TestIsCJKEveryRune(t *testing.T) {
	for r := rune(0); r <= unicode.MaxRune; r++ {
		want := unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul) ||
			r == 0x30FC || r == 0xFF70 || r == 0x3006
		if got := IsCJK(r); got != want {
			t.Fatalf("IsCJK(%U) = %v, want %v", r, got, want)
		}
	}
}

func TestCommonPrefixSuffix(t *testing.T) {
	tests := []struct {
		a, b           string
		prefix, suffix int
	}{
		{"", "", 0, 0},
		{"大模型研究", "大模型落后", 3, 0},
		{"落后美国", "领先美国", 0, 2},
		{"same", "same", 4, 4},
		{"ab", "abc", 2, 0},
	}
	for _, tc := range tests {
		a, b := []rune(tc.a), []rune(tc.b)
		if got := CommonPrefix(a, b); got != tc.prefix {
			t.Errorf("CommonPrefix(%q, %q) = %d, want %d", tc.a, tc.b, got, tc.prefix)
		}
		if got := CommonSuffix(a, b); got != tc.suffix {
			t.Errorf("CommonSuffix(%q, %q) = %d, want %d", tc.a, tc.b, got, tc.suffix)
		}
	}
}
