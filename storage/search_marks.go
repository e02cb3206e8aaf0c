package storage

import (
	"context"
	"database/sql"
	"slices"
	"strings"
)

// The full-text index is two tables (migration 010): article_search holds
// an article's title, authors, site and text, article_marks its tags, note
// and highlights. An article matches a query when each term is in one or
// the other: "ai 人才" finds the article tagged ai with 人才 in its text.
// Most matches have every term in their text, which FTS5 finds alone (the
// text matches); the others, split matches, have a term only in their
// marks, so they are among the articles whose marks match any term (the
// candidates, few: marks are short), each checked term by term here.

// marksRank is the relevance of a match in article_marks, with the column
// weights of 010_split_search.sql; a match's score is rankFunction plus
// marksRank, each counting the terms the article holds in that table.
const marksRank = `bm25(article_marks, 6.0, 3.0)`

// lookupMost is the most articles checked against a term by looking each
// one up in the index (a seek per article); more are checked in one pass
// over the term's list of articles.
const lookupMost = 64

// anyTerm is the OR of q's terms as article_marks searches them: their
// strings before expandPrefixes, whose expansions are the text's words.
func (q query) anyTerm() string {
	ts := make([]string, len(q.active))
	for i, t := range q.active {
		ts[i] = t.plain
	}
	return strings.Join(ts, " OR ")
}

// candidate is an article whose marks match some term of a query, with the
// bm25 of its marks.
type candidate struct {
	id    int64
	score float64
}

// candidateIDs is the ids of cs, in their order.
func candidateIDs(cs []candidate) []int64 {
	ids := make([]int64, len(cs))
	for i, c := range cs {
		ids[i] = c.id
	}
	return ids
}

// keepIDs is the candidates among cs whose ids are in ids, in their order
// (a copy: cs is left as it is).
func keepIDs(cs []candidate, ids []int64) []candidate {
	keep := make(map[int64]bool, len(ids))
	for _, id := range ids {
		keep[id] = true
	}
	return slices.DeleteFunc(slices.Clone(cs), func(c candidate) bool { return !keep[c.id] })
}

// candidates returns the articles whose marks match any term of q with ids
// above after (0: all), newest first, and with their marks' bm25 when
// scored (else 0). They are narrowed by q's tags at once: a tag and a
// common word leave few of thousands (tag:科技 大模型, 100,000 articles).
func (q query) candidates(ctx context.Context, tx *sql.Tx, after int64, withScores bool) ([]candidate, error) {
	score := "0"
	if withScores {
		score = marksRank
	}
	conds, args := filters{tags: q.tags}.where("+rowid", true)
	return scored(ctx, tx, `SELECT rowid, `+score+` FROM article_marks
		WHERE article_marks MATCH ? AND rowid > ? AND `+strings.Join(conds, " AND ")+`
		ORDER BY rowid DESC`, append([]any{q.anyTerm(), after}, args...)...)
}

// splitMatches returns the candidates (newest first) that match q only
// across the two tables: each term is in their text or their marks, and
// not every one in their text (those are text matches, which FTS5 finds).
// It does not apply q's filters (see passFilters). inText, when not nil,
// holds the candidates known to be text matches, and may leave out those
// that q's filters leave out.
func (q query) splitMatches(ctx context.Context, tx *sql.Tx, cands []candidate, inText map[int64]bool) ([]candidate, error) {
	if len(cands) == 0 {
		return nil, nil
	}
	ids := candidateIDs(cands)
	if inText == nil {
		// The text matches go first, in one search: for a common word
		// most candidates are (a highlight quotes the text).
		var err error
		if inText, err = textHas(ctx, tx, q.match, ids); err != nil {
			return nil, err
		}
	}
	ids = slices.DeleteFunc(ids, func(id int64) bool { return inText[id] })
	for _, t := range q.active {
		if len(ids) == 0 {
			break
		}
		inMarks, err := marksHave(ctx, tx, t.plain, ids)
		if err != nil {
			return nil, err
		}
		var need []int64
		for _, id := range ids {
			if !inMarks[id] {
				need = append(need, id)
			}
		}
		if len(need) == 0 {
			continue
		}
		found, err := textHas(ctx, tx, t.fts, need)
		if err != nil {
			return nil, err
		}
		ids = slices.DeleteFunc(ids, func(id int64) bool { return !inMarks[id] && !found[id] })
	}
	return keepIDs(cands, ids), nil
}

// textHas returns which of ids (newest first) article_search matches for
// match: a lookup per article when they are few, else one pass over the
// match within their range of ids.
func textHas(ctx context.Context, tx *sql.Tx, match string, ids []int64) (map[int64]bool, error) {
	return tableHas(ctx, tx, "article_search", match, ids)
}

// marksHave is textHas for article_marks.
func marksHave(ctx context.Context, tx *sql.Tx, match string, ids []int64) (map[int64]bool, error) {
	return tableHas(ctx, tx, "article_marks", match, ids)
}

// tableHas is textHas for a table of the index.
func tableHas(ctx context.Context, tx *sql.Tx, table, match string, ids []int64) (map[int64]bool, error) {
	in := "rowid IN " + inList // FTS5 seeks each id
	if len(ids) > lookupMost {
		in = "+rowid IN " + inList // a filter on one pass
	}
	lo, hi := slices.Min(ids), slices.Max(ids)
	found, err := queryColumn[int64](ctx, tx, `SELECT rowid FROM `+table+` WHERE `+table+` MATCH ?
		AND rowid BETWEEN ? AND ? AND `+in, match, lo, hi, idList(ids))
	if err != nil {
		return nil, err
	}
	has := make(map[int64]bool, len(found))
	for _, id := range found {
		has[id] = true
	}
	return has, nil
}

// passFilters keeps the candidates that are articles (not in the trash)
// passing q's filters, in their order. A site is looked up in the index
// for them alone, as a text match's site is (see siteMatch): the list of
// a site's articles is long to make for a few candidates.
func (q query) passFilters(ctx context.Context, tx *sql.Tx, cands []candidate) ([]candidate, error) {
	if len(cands) == 0 {
		return nil, nil
	}
	ids := candidateIDs(cands)
	f, sites := q.indexSites() // the others matched as text, as for the text matches
	conds, args := f.where("+a.id", true)
	pass, err := queryColumn[int64](ctx, tx, `SELECT a.id FROM articles a WHERE a.id IN `+inList+`
		AND `+strings.Join(conds, " AND "), append([]any{idList(ids)}, args...)...)
	if err != nil {
		return nil, err
	}
	for _, site := range sites {
		if len(pass) == 0 {
			break
		}
		has, err := textHas(ctx, tx, site, pass)
		if err != nil {
			return nil, err
		}
		pass = slices.DeleteFunc(pass, func(id int64) bool { return !has[id] })
	}
	return keepIDs(cands, pass), nil
}

// splitFound returns q's split matches among the candidates that pass its
// filters, newest first: what a search adds to the text matches. inText is
// as for splitMatches. A query with filters has them applied first: a tag
// or a state leaves few candidates to check term by term.
func (q query) splitFound(ctx context.Context, tx *sql.Tx, cands []candidate, inText map[int64]bool) ([]candidate, error) {
	var err error
	if q.filtered() {
		if cands, err = q.passFilters(ctx, tx, cands); err != nil {
			return nil, err
		}
		return q.splitMatches(ctx, tx, cands, inText)
	}
	if cands, err = q.splitMatches(ctx, tx, cands, inText); err != nil {
		return nil, err
	}
	return q.passFilters(ctx, tx, cands) // the trash
}
