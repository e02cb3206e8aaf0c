package storage

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

// maxPrefixTerms is the most index terms a prefix may stand for to be
// searched newest first as their OR (see expandPrefixes).
var maxPrefixTerms = 64

// expandPrefixes rewrites each prefix term of q that is one ASCII word
// (talg*, loq*, a word being typed) as the OR of the index terms it stands
// for, when they are at most maxPrefixTerms: the same articles match, but
// FTS5 reads an OR lazily, newest first, and stops after a page, where a
// prefix has it merge the lists of all those terms in full before it
// returns anything (a common word being typed, 100,000 articles: 30-90 ms).
// Only for newest first: bm25 weighs a prefix as one phrase and an OR as
// several, so relevance keeps the prefix.
func (q *query) expandPrefixes(ctx context.Context, tx *sql.Tx) error {
	if maxPrefixTerms == 0 {
		return nil
	}
	ts := make([]searchTerm, len(q.active))
	copy(ts, q.active)
	changed := false
	for i, t := range ts {
		word, ok := asciiPrefix(t.fts)
		if !ok {
			continue
		}
		// The terms from word up to the next word of its length: those
		// that start with it (FTS5 compares terms as bytes).
		upper := word[:len(word)-1] + string(word[len(word)-1]+1)
		terms, err := queryColumn[string](ctx, tx, `SELECT term FROM article_search_vocab
			WHERE term >= ? AND term < ? LIMIT ?`, word, upper, maxPrefixTerms+1)
		if err != nil {
			return fmt.Errorf("prefix %q: %w", word, err)
		}
		if len(terms) == 0 || len(terms) > maxPrefixTerms {
			continue // nothing to read, or too many terms to OR
		}
		for k, term := range terms {
			terms[k] = `"` + term + `"`
		}
		ts[i].fts = "(" + strings.Join(terms, " OR ") + ")"
		changed = true
	}
	if changed {
		q.use(ts)
		// FTS5 takes no implicit AND beside a bracketed OR.
		fts := make([]string, len(ts))
		for i, t := range ts {
			fts[i] = t.fts
		}
		q.match = strings.Join(fts, " AND ")
	}
	return nil
}

// asciiPrefix returns the word of a prefix term made by ftsTerm ("talg"
// of `"Talg"*`), lower-cased as the tokenizer folds it, when it is one
// token of ASCII letters and digits, whose folding is certain.
func asciiPrefix(fts string) (string, bool) {
	inner, ok := strings.CutSuffix(fts, `"*`)
	if !ok || !strings.HasPrefix(inner, `"`) {
		return "", false
	}
	word := strings.ToLower(inner[1:])
	if word == "" {
		return "", false
	}
	for i := 0; i < len(word); i++ {
		if c := word[i]; !('a' <= c && c <= 'z' || '0' <= c && c <= '9') {
			return "", false
		}
	}
	return word, true
}
