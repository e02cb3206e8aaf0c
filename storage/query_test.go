package storage

import (
	"slices"
	"strings"
	"testing"
)

func TestParseQuery(t *testing.T) {
	tests := []struct {
		in    string
		match string
		text  bool
		tags  []string
		sites []string
		is    string // a = archived, f = favorite, u = unread
	}{
		{in: "", match: ""},
		{in: "   ", match: ""},
		{in: "readability", match: `"readability"*`, text: true},
		{in: "readab*", match: `"readab"*`, text: true},
		{in: "a", match: `"a"`, text: true},
		{in: "a*", match: `"a"*`, text: true},
		{in: "AI", match: `"AI"`, text: true},
		{in: "mod", match: `"mod"`, text: true},
		{in: "the", match: `"the"`, text: true},
		{in: "mode", match: `"mode"*`, text: true},
		{in: `"hello world"`, match: `"hello world"`, text: true},
		{in: `"hello world"*`, match: `"hello world"`, text: true}, // the * alone is nothing to search
		{in: "大模型", match: `"大模 模型"`, text: true},
		{in: "腾讯", match: `"腾讯"`, text: true},
		{in: "智", match: `"智"`, text: true},
		{in: "大模型 benchmark", match: `"大模 模型" "benchmark"*`, text: true},
		{in: "GPT大模型", match: `"GPT 大 模 型"`, text: true},
		{in: "大模型GPT", match: `"大 模 型 GPT"*`, text: true},
		{in: `"国内大模型"`, match: `"国内 内大 大模 模型"`, text: true},
		{in: "大模型，腾讯", match: `"大 模 型，腾 讯"`, text: true},
		{in: `"`, match: "", text: true},
		{in: `"unterminated phrase`, match: `"unterminated phrase"`, text: true},
		{in: `don't`, match: `"don't"`, text: true},
		{in: "AND OR NOT NEAR", match: `"AND" "OR" "NOT" "NEAR"*`, text: true},
		{in: "(x", match: `"(x"`, text: true},
		{in: "*", match: "", text: true},
		{in: "c++", match: `"c++"`, text: true},
		{in: "-foo", match: `"-foo"`, text: true},
		{in: "a:b", match: `"a:b"`, text: true},
		{in: "NEAR(a b)", match: `"NEAR(a" "b)"`, text: true},
		{in: "tag:go", tags: []string{"go"}},
		{in: `tag:"machine learning" model`, match: `"model"*`, text: true, tags: []string{"machine learning"}},
		{in: "TAG:科技 site:huxiu", tags: []string{"科技"}, sites: []string{"huxiu"}},
		{in: "is:archived is:Favourite is:unread", is: "afu"},
		{in: "is:favorite", is: "f"},
		{in: "-is:archived", is: "-a"},
		{in: "-is:favorite", match: `"-is:favorite"`, text: true},
		{in: "is:nonsense", match: `"is:nonsense"`, text: true},
		{in: "tag:", match: `"tag:"`, text: true},
		{in: `tag:""`, match: `"tag:"`, text: true},
		{in: `say "x""y"`, match: `"say" "x" "y"`, text: true},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			q := parseQuery(tc.in)
			if got, want := q.match, tc.match; got != want {
				t.Errorf("match = %s, want %s", got, want)
			}
			if got, want := q.text, tc.text; got != want {
				t.Errorf("text = %v, want %v", got, want)
			}
			if got, want := q.tags, tc.tags; !slices.Equal(got, want) {
				t.Errorf("tags = %q, want %q", got, want)
			}
			if got, want := q.sites, tc.sites; !slices.Equal(got, want) {
				t.Errorf("sites = %q, want %q", got, want)
			}
			is := ""
			switch q.archive {
			case archiveOnly:
				is += "a"
			case archiveHidden:
				is += "-a"
			}
			if q.favorite {
				is += "f"
			}
			if q.unread {
				is += "u"
			}
			if got, want := is, tc.is; got != want {
				t.Errorf("is = %q, want %q", got, want)
			}
		})
	}
}

func TestCJKBigrams(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"hello", ""},
		{"智", ""},
		{"腾讯", "腾讯"},
		{"国内大模型", "国内 内大 大模 模型"},
		{"GPT大模型和 AI 腾讯", "大模 模型 型和\n腾讯"},
		{"智 能", ""},
	}
	for _, tc := range tests {
		if got := cjkBigrams(tc.in); got != tc.want {
			t.Errorf("cjkBigrams(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestSeparateCJK(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"hello world", "hello world"},
		{"国内大模型", "国|内|大|模|型"},
		{"GPT大模型v2", "GPT|大|模|型|v2"},
		{"来源:虎嗅APP", "来|源:虎|嗅|APP"},
		{"カタカナーです", "カ|タ|カ|ナ|ー|で|す"},
		{"한국어 검색", "한|국|어 검|색"},
		{"。大，", "。大，"},
	}
	for _, tc := range tests {
		if got := separateCJK(tc.in, "|"); got != tc.want {
			t.Errorf("separateCJK(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestLongPhraseIsSplit(t *testing.T) {
	han := strings.Repeat("国内大模型研究落后美国", 4) // 44 characters, one term
	q := parseQuery(han)
	if got, want := len(q.all), 3; got != want {
		t.Fatalf("%d characters of Chinese: %d terms, want %d", len([]rune(han)), got, want)
	}
	for _, term := range q.all {
		if n := len(term.query.tokens); n > maxPhraseTokens {
			t.Errorf("term %q has %d tokens, more than %d", term.raw, n, maxPhraseTokens)
		}
	}
	words := strings.TrimSpace(strings.Repeat("one two three four five ", 7))
	q = parseQuery(`"` + words + `"`)
	if got, want := len(q.all), 3; got != want {
		t.Errorf("a quoted phrase of 35 words: %d terms, want %d (%s)", got, want, q.match)
	}
	if q := parseQuery(`"five words make a phrase"`); len(q.all) != 1 {
		t.Errorf("a short phrase was split: %s", q.match)
	}
}
