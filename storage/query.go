package storage

import (
	"app.margin/margin/internal/text"

	"strings"
	"unicode"
	"unicode/utf8"
)

// cjkSep goes between adjacent CJK characters in the indexed text (and in
// queries). FTS5's unicode61 tokenizer treats a run of Chinese or Japanese
// characters with no spaces as one token, so 大模型 would not be found inside
// 国内大模型研究; with an invisible separator between every CJK character each
// one is a token, and a CJK query becomes a phrase of single characters, which
// finds substrings of any length through the index (see
// ../shared/notes/sqlite-search.md). It only ever reaches the tokenizer: the
// index is contentless, and snippets are made from the stored text.
const cjkSep = "\u200B"

// separateCJK puts sep between two adjacent token runes when either is CJK,
// so each CJK character is a token of its own ("GPT大模型" -> "GPT 大 模 型").
// Text without CJK is returned as it is, and text with it is copied in runs.
func separateCJK(s, sep string) string {
	var b strings.Builder
	copied := 0 // s[:copied] is in b
	prev, prevEnd := rune(-1), 0
	for i, r := range s {
		if prev >= 0 && (text.IsCJK(prev) || text.IsCJK(r)) && text.IsTokenRune(prev) && text.IsTokenRune(r) {
			if b.Len() == 0 {
				b.Grow(len(s) + len(s)/3)
			}
			b.WriteString(s[copied:prevEnd])
			b.WriteString(sep)
			copied = prevEnd
		}
		prev, prevEnd = r, i+utf8.RuneLen(r)
	}
	if copied == 0 {
		return s
	}
	b.WriteString(s[copied:])
	return b.String()
}

// cjkBigrams returns the overlapping pairs of characters of each run of two
// or more CJK characters in s ("国内大模型" -> "国内 内大 大模 模型"), or "".
// The index holds them beside the single characters: a query of two CJK
// characters is then one token, and a longer one a phrase of bigrams, both
// far cheaper than a phrase of single characters that each occur in nearly
// every Chinese article. Runs are separated by a line break.
func cjkBigrams(s string) string {
	var b strings.Builder
	sep := ""
	prev, prevSize := rune(-1), 0
	for i, r := range s {
		if text.IsCJK(r) && text.IsTokenRune(r) {
			if prev >= 0 {
				b.WriteString(sep)
				b.WriteString(s[i-prevSize : i+utf8.RuneLen(r)])
				sep = " "
			}
			prev, prevSize = r, utf8.RuneLen(r)
			continue
		}
		if b.Len() > 0 {
			sep = "\n"
		}
		prev = -1
	}
	return b.String()
}

// allCJK reports whether s is made of CJK characters only.
func allCJK(s string) bool {
	for _, r := range s {
		if !text.IsCJK(r) || !text.IsTokenRune(r) {
			return false
		}
	}
	return true
}

// query is what the search box holds, split into an FTS5 MATCH expression
// and filters.
type query struct {
	// match is a safe FTS5 expression: every term is a quoted FTS5 string,
	// so no input reaches FTS5 as syntax. "" when there is no searchable text.
	match string
	// terms are the searched terms, for marking matches in snippets.
	terms []queryTerm
	// all are the distinct searchable terms the user typed, in order; match
	// and terms hold all of them or, after narrow, the ones that take part,
	// which active lists.
	all    []searchTerm
	active []searchTerm
	// text is true when the user typed text besides filters, even text with
	// nothing searchable in it (`***`), which then finds nothing.
	text bool
	// filters are tag:X and site:X (each required), is:archived,
	// -is:archived, is:favorite (or is:favourite) and is:unread.
	filters
}

// autoPrefixMin is the shortest plain word that also matches as a prefix
// (model finds models, and the word being typed matches): shorter ones
// expand to a large part of the vocabulary, which FTS5 merges in full
// before it returns anything. An explicit star (ab*) always applies.
const autoPrefixMin = 4

// parseQuery turns what the user typed into a query. It never fails: text it
// does not understand as a filter is searched as text.
func parseQuery(s string) query {
	var q query
	seen := map[string]bool{}
	addTerm := func(raw string, phrase bool) {
		q.text = true
		pieces := splitLongPhrase(raw)
		phrase = phrase || len(pieces) > 1
		for _, piece := range pieces {
			if t, qt := ftsTerm(piece, phrase); t != "" && !seen[t] {
				seen[t] = true
				q.all = append(q.all, searchTerm{fts: t, plain: t, query: qt, raw: piece})
			}
		}
	}
	// Control characters separate terms: a NUL would end the FTS5 query
	// string early (an "unterminated string" error).
	rs := []rune(strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return ' '
		}
		return r
	}, s))
	for i := 0; i < len(rs); {
		r := rs[i]
		switch {
		case unicode.IsSpace(r):
			i++
		case r == '"':
			end := indexRune(rs, i+1, '"')
			addTerm(string(rs[i+1:end]), true)
			i = end + 1
		default:
			end := i
			for end < len(rs) && !unicode.IsSpace(rs[end]) && rs[end] != '"' {
				end++
			}
			word := string(rs[i:end])
			i = end
			key, value, ok := strings.Cut(word, ":")
			if !ok {
				addTerm(word, false)
				continue
			}
			key = strings.ToLower(key)
			if (key == "tag" || key == "site") && value == "" && i < len(rs) && rs[i] == '"' {
				// tag:"two words"
				end := indexRune(rs, i+1, '"')
				value = string(rs[i+1 : end])
				i = end + 1
			}
			value = strings.TrimSpace(value)
			switch {
			case key == "tag" && value != "":
				q.tags = append(q.tags, value)
			case key == "site" && value != "":
				q.sites = append(q.sites, value)
			case key == "is" && strings.EqualFold(value, "archived"):
				q.archive = archiveOnly
			case key == "-is" && strings.EqualFold(value, "archived"):
				q.archive = archiveHidden
			case key == "is" && (strings.EqualFold(value, "favorite") || strings.EqualFold(value, "favourite")):
				q.favorite = true
			case key == "is" && strings.EqualFold(value, "unread"):
				q.unread = true
			default:
				addTerm(word, false)
			}
		}
	}
	q.use(q.all)
	return q
}

// searchTerm is one distinct term of a query: its FTS5 string, its tokens
// for snippets, and the text it came from.
type searchTerm struct {
	fts string
	// plain is fts as parseQuery made it, which expandPrefixes leaves as
	// it is: article_marks searches it (see anyTerm).
	plain string
	query queryTerm
	raw   string
}

// use makes ts the terms that take part in the search.
func (q *query) use(ts []searchTerm) {
	q.active = ts
	fts := make([]string, len(ts))
	q.terms = make([]queryTerm, len(ts))
	for i, t := range ts {
		fts[i], q.terms[i] = t.fts, t.query
	}
	q.match = strings.Join(fts, " ")
}

// maxPhraseTokens is the most tokens one term of a query holds. A longer
// phrase (a quoted sentence, or a pasted run of Chinese with no spaces, which
// is one term) is searched as several phrases of up to this many tokens,
// each a term of its own: FTS5 reads the list of articles of every token of
// a phrase, and narrow can then keep the rarest pieces.
const maxPhraseTokens = 16

// splitLongPhrase cuts raw at token boundaries into pieces of at most
// maxPhraseTokens tokens; raw alone when it is short enough.
func splitLongPhrase(raw string) []string {
	var pieces []string
	n, start, last := 0, 0, 0
	tokenize(raw, func(s, e int) {
		if n == maxPhraseTokens {
			pieces = append(pieces, raw[start:last])
			n, start = 0, s
		}
		n++
		last = e
	})
	if pieces == nil {
		return []string{raw}
	}
	return append(pieces, raw[start:])
}

// indexRune returns the index of r in rs at or after from, or len(rs).
func indexRune(rs []rune, from int, r rune) int {
	for i := from; i < len(rs); i++ {
		if rs[i] == r {
			return i
		}
	}
	return len(rs)
}

// queryTerm is one searched term as tokens folded by foldToken: a word, a
// phrase, or a run of CJK characters (one token each).
type queryTerm struct {
	tokens []string
	prefix bool // the last token matches as a prefix
}

// ftsTerm quotes one term as an FTS5 string, or returns "" when it has
// nothing to search for (an empty phrase would make the whole query match
// nothing). Phrases are exact; a word ending in * is a prefix, and so is a
// plain word of letters and digits (so `model` finds `models` and the word
// being typed matches), unless it ends in a CJK character, which is a token
// of its own.
func ftsTerm(raw string, phrase bool) (string, queryTerm) {
	prefix := false
	if !phrase {
		trimmed := strings.TrimRight(raw, "*")
		prefix = trimmed != raw
		raw = trimmed
	}
	searchable, plain := false, true
	for _, r := range raw {
		if text.IsTokenRune(r) {
			searchable = true
		} else {
			plain = false
		}
	}
	if !searchable {
		return "", queryTerm{}
	}
	last, _ := utf8.DecodeLastRuneInString(raw)
	if !phrase && plain && utf8.RuneCountInString(raw) >= autoPrefixMin {
		prefix = true
	}
	if text.IsCJK(last) || !text.IsTokenRune(last) {
		prefix = false
	}
	var t string
	if bigrams := cjkBigrams(raw); bigrams != "" && allCJK(raw) {
		// Two or more CJK characters: a phrase of their bigrams, each of
		// which has a far shorter doclist than its single characters.
		t = `"` + bigrams + `"`
	} else {
		t = `"` + strings.ReplaceAll(separateCJK(raw, " "), `"`, `""`) + `"`
	}
	if prefix {
		t += "*"
	}
	qt := queryTerm{prefix: prefix}
	tokenize(raw, func(start, end int) { qt.tokens = append(qt.tokens, text.Fold(raw[start:end])) })
	return t, qt
}
