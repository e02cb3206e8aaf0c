package storage

import (
	"app.margin/margin/internal/text"

	"cmp"
	"context"
	"database/sql"
	"fmt"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"
)

// snippetTokens is how many tokens a snippet spans: about 30 English words,
// or 30 CJK characters (each is a token).
const snippetTokens = 32

// Search runs a full-text search over titles, authors, sites, text, tags,
// notes and highlights. Query is parsed by parseQuery: words, prefixes,
// phrases, CJK text of any length and the filters tag:, site:, is:; anything
// else is searched as text, so no input is a syntax error. Filters alone list
// the matching articles, newest first. Hits are ranked by bm25 (title
// first), or with Newest by clipped date, newest first (which is id order:
// fast for search as you type, as no ranking is needed), and carry a Snippet
// with Matches saying where the query matched in it. Archived articles are
// searched with the others (Summary.Archived tells them apart) unless
// is:archived or FilterArchived asks for them alone, or -is:archived leaves
// them out.
//
// A long query (more than ExactTerms distinct terms, a pasted paragraph) is
// searched by its most distinctive terms only (see narrow); SearchResults
// says which were left out. A search that takes longer than the library's
// QueryTimeout fails with ErrQueryTimeout.
func (l *Library) Search(ctx context.Context, opt SearchOptions) ([]Summary, error) {
	res, err := l.SearchResults(ctx, opt)
	return res.Hits, err
}

// ExactTerms is the most distinct terms a query may have to be searched
// exactly as typed; a longer one is narrowed (see narrow).
const ExactTerms = 4

// MaxSearchTerms is the most terms of a long query that take part in a
// search.
const MaxSearchTerms = 8

// Results is one page of search hits and what was searched.
type Results struct {
	Hits []Summary `json:"hits"`
	// Terms is the number of distinct terms the query had, TermsUsed the
	// number that took part; Truncated is true when they differ, and
	// Ignored then lists the terms left out, as typed.
	Terms     int      `json:"terms"`
	TermsUsed int      `json:"terms_used"`
	Truncated bool     `json:"truncated,omitempty"`
	Ignored   []string `json:"ignored,omitempty"`
}

// SearchResults is Search, saying also which terms took part.
func (l *Library) SearchResults(ctx context.Context, opt SearchOptions) (Results, error) {
	res := Results{Hits: []Summary{}}
	q := parseQuery(opt.Query)
	if err := q.add(opt.Filter, opt.Tag); err != nil {
		return res, fmt.Errorf("search: %w", err)
	}
	res.Terms, res.TermsUsed = len(q.all), len(q.all)
	if q.text && q.match == "" {
		return res, nil // only punctuation: nothing can match
	}
	limit := pageLimit(opt.Limit)

	hits := []Summary{}
	err := l.read(ctx, func(ctx context.Context, tx *sql.Tx) error {
		if len(q.all) > ExactTerms {
			ignored, err := q.narrow(ctx, tx)
			if err != nil {
				return err
			}
			res.TermsUsed, res.Truncated, res.Ignored = len(q.terms), len(ignored) > 0, ignored
		}
		if opt.Newest {
			if err := q.expandPrefixes(ctx, tx); err != nil {
				return err
			}
		}
		n := limit + max(opt.Offset, 0)
		var ids []int64
		var err error
		if opt.Newest {
			ids, err = q.newestIDs(ctx, tx, n)
		} else {
			ids, err = q.relevantIDs(ctx, tx, n)
		}
		if err != nil {
			return err
		}
		if hits, err = readHits(ctx, tx, q, ids[min(max(opt.Offset, 0), len(ids)):]); err != nil {
			return err
		}
		return fillTags(ctx, tx, hits)
	})
	if err != nil {
		return res, fmt.Errorf("search: %w", err)
	}
	res.Hits = hits
	return res, nil
}

// rankFunction is the relevance of a match in article_search: bm25 with
// the column weights that 010_split_search.sql gives the table's rank
// (title first), which TestRankFunctionIsTheIndexRank checks. A match's
// score adds marksRank.
//
// FTS5's bm25 applies a column's weight to the term's count before it
// saturates (idf * f*(k1+1) / (f + k1*(1-b+b*len/avglen)), f the weighted
// count), so any match can score up to (k1+1)*idf, a title match only
// sooner: at 20,000 articles the best match of "the" in the text alone
// outranks most of the 3,203 with it in a title, tag or note, and that of
// "open data" the only one. A bound by column (rank those first, skip the
// rest when they cannot catch up) therefore skips nothing; an exact top
// page needs the count and length of every match, the length being a
// lookup of its own in FTS5 (half the time of a common word).
const rankFunction = `bm25(article_search, 10.0, 4.0, 4.0, 1.0)`

// filtersOnly lists the articles passing q's filters when q has no text,
// newest first.
func filtersOnly(ctx context.Context, tx *sql.Tx, q query, n int) ([]int64, error) {
	conds, args := q.where("a.id", true)
	return queryColumn[int64](ctx, tx, `SELECT a.id FROM articles a WHERE `+strings.Join(conds, " AND ")+`
		ORDER BY a.clipped_at DESC, a.id DESC LIMIT ?`, append(args, n)...)
}

// newestIDs returns the first n matches of q, newest first: the text
// matches, with the split matches (search_marks.go) newer than the last of
// them merged in.
func (q query) newestIDs(ctx context.Context, tx *sql.Tx, n int) ([]int64, error) {
	if q.match == "" {
		return filtersOnly(ctx, tx, q, n)
	}
	// Sites are column filters in the MATCH (see unranked).
	match, conds, args := q.unranked()
	// CROSS JOIN keeps the search as the outer loop (FTS5 would otherwise
	// run it again for each article that passes the filters). Ids grow
	// with clipped dates (Save stamps a new article with the time and
	// keeps it on updates), and FTS5 returns matches by rowid without
	// ranking or sorting them: it stops after n rows that pass the
	// filters, however many articles match. The join also leaves out
	// articles in the trash, whose index rows are kept.
	text, err := queryColumn[int64](ctx, tx, `SELECT article_search.rowid
		FROM article_search CROSS JOIN articles a ON a.id = article_search.rowid
		WHERE article_search MATCH ? AND `+liveA+` AND `+strings.Join(conds, " AND ")+`
		ORDER BY article_search.rowid DESC LIMIT ?`, append(append([]any{match}, args...), n)...)
	if err != nil {
		return nil, err
	}
	var after int64
	if len(text) == n {
		after = text[n-1]
	}
	cands, err := q.candidates(ctx, tx, after, false)
	if err != nil || len(cands) == 0 {
		return text, err
	}
	found := make(map[int64]bool, len(text))
	for _, id := range text {
		found[id] = true
	}
	cands = slices.DeleteFunc(cands, func(c candidate) bool { return found[c.id] })
	split, err := q.splitFound(ctx, tx, cands, nil)
	if err != nil || len(split) == 0 {
		return text, err
	}
	text = append(text, candidateIDs(split)...)
	slices.SortFunc(text, func(a, b int64) int { return cmp.Compare(b, a) })
	return text[:min(n, len(text))], nil
}

// relevantIDs returns the n best matches of q by relevance: the bm25 of
// the text plus that of the marks, best first, equal scores newest first.
// Every text match is scored, and only the page's rows are read from
// articles: the query keeps the best scores as it goes (SQLite's sorter
// with a LIMIT) where ORDER BY rank sorts every match inside FTS5 first (at
// 2,000 articles, "the": 12 -> 7 ms). It joins articles only as a filter
// needs them (see matchesFrom).
//
// The marks change the order of the few text matches among the candidates
// (the articles whose marks match a term): the search keeps the best n
// plus that many by their text alone, which holds the best n of the others
// whatever the candidates' scores, and scores the candidates that match in
// full apart (looking their marks' scores up in the search itself costs a
// fifth more). The split matches are scored apart too, and all merged.
func (q query) relevantIDs(ctx context.Context, tx *sql.Tx, n int) ([]int64, error) {
	if q.match == "" {
		return filtersOnly(ctx, tx, q, n)
	}
	cands, err := q.candidates(ctx, tx, 0, true)
	if err != nil {
		return nil, err
	}
	conds, args := q.where("+article_search.rowid", true)
	from, conds, err := q.matchesFrom(ctx, tx, conds)
	if err != nil {
		return nil, err
	}
	where := `article_search MATCH ? AND ` + strings.Join(conds, " AND ")
	args = append([]any{q.match}, args...)
	best, err := scored(ctx, tx, `SELECT article_search.rowid, `+rankFunction+` AS score FROM `+from+`
		WHERE `+where+` ORDER BY score, article_search.rowid DESC LIMIT ?`, append(args, n+len(cands))...)
	if err != nil || len(cands) == 0 {
		return firstIDs(best, n), err
	}
	ids := make([]int64, len(cands))
	marks := make(map[int64]float64, len(cands))
	for i, c := range cands {
		ids[i], marks[c.id] = c.id, c.score
	}
	full, err := scored(ctx, tx, `SELECT article_search.rowid, `+rankFunction+` FROM `+from+`
		WHERE `+where+` AND article_search.rowid BETWEEN ? AND ? AND +article_search.rowid IN `+inList,
		append(args, slices.Min(ids), slices.Max(ids), idList(ids))...)
	if err != nil {
		return nil, err
	}
	inText := make(map[int64]bool, len(full))
	for i, c := range full {
		inText[c.id] = true
		full[i].score = c.score + marks[c.id]
	}
	best = slices.DeleteFunc(best, func(c candidate) bool { return inText[c.id] })
	split, err := q.splitFound(ctx, tx, cands, inText)
	if err != nil {
		return nil, err
	}
	if len(split) > 0 {
		if err := q.addTextScores(ctx, tx, split); err != nil {
			return nil, err
		}
	}
	best = append(append(best, full...), split...)
	slices.SortFunc(best, func(a, b candidate) int {
		return cmp.Or(cmp.Compare(a.score, b.score), cmp.Compare(b.id, a.id))
	})
	return firstIDs(best, n), nil
}

// scored reads the ids and scores a query returns.
func scored(ctx context.Context, tx *sql.Tx, query string, args ...any) ([]candidate, error) {
	rows, err := tx.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var cs []candidate
	for rows.Next() {
		var c candidate
		if err := rows.Scan(&c.id, &c.score); err != nil {
			return nil, err
		}
		cs = append(cs, c)
	}
	return cs, rows.Err()
}

// firstIDs is the ids of the first n of cs.
func firstIDs(cs []candidate, n int) []int64 {
	return candidateIDs(cs[:min(n, len(cs))])
}

// matchesFrom is the FROM of a search's matches (see searchFrom) and
// conds with the condition that leaves out the articles in the trash,
// whose index rows stay there for Restore: one that joins articles reads
// their mark, and the index alone needs it only while the trash holds any
// such rows.
func (q query) matchesFrom(ctx context.Context, tx *sql.Tx, conds []string) (string, []string, error) {
	from := q.searchFrom()
	if from != "article_search" {
		return from, append(conds, liveA), nil
	}
	var trashed bool
	if err := tx.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM trash WHERE indexed)`).Scan(&trashed); err != nil {
		return "", nil, err
	}
	if !trashed {
		return from, conds, nil
	}
	return from, append(conds, `+article_search.rowid NOT IN (SELECT article_id FROM trash WHERE indexed)`), nil
}

// addTextScores adds to the split matches' scores (their marks') the bm25
// of their text, which holds some of q's terms: one pass over the OR of the
// terms, within the matches' range of ids, scoring only them.
func (q query) addTextScores(ctx context.Context, tx *sql.Tx, split []candidate) error {
	ids := candidateIDs(split)
	ts := make([]string, len(q.active))
	for i, t := range q.active {
		ts[i] = t.fts
	}
	found, err := scored(ctx, tx, `SELECT rowid, `+rankFunction+` FROM article_search
		WHERE article_search MATCH ? AND rowid BETWEEN ? AND ? AND +rowid IN `+inList,
		strings.Join(ts, " OR "), slices.Min(ids), slices.Max(ids), idList(ids))
	if err != nil {
		return err
	}
	text := make(map[int64]float64, len(found))
	for _, c := range found {
		text[c.id] = c.score
	}
	for i := range split {
		split[i].score = text[split[i].id] + split[i].score
	}
	return nil
}

// readHits reads the summaries of the articles ids, in that order, with
// their snippets for q.
func readHits(ctx context.Context, tx *sql.Tx, q query, ids []int64) ([]Summary, error) {
	hits := make([]Summary, 0, len(ids))
	if len(ids) == 0 {
		return hits, nil
	}
	rows, err := tx.QueryContext(ctx, `SELECT `+summaryColumns+`, a.text, `+notesColumn+`
		FROM articles a WHERE a.id IN `+inList, idList(ids))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	snip := newSnippeter(q.terms)
	byID := make(map[int64]Summary, len(ids))
	for rows.Next() {
		var text, notes string
		r, err := scanSummary(rows, &text, &notes)
		if err != nil {
			return nil, err
		}
		if q.match != "" {
			r.Snippet, r.Matches = unmark(snip.snippet(text, notes))
		}
		byID[r.ID] = r.Summary
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for _, id := range ids {
		if h, ok := byID[id]; ok {
			hits = append(hits, h)
		}
	}
	return hits, nil
}

// narrowCandidates is how many of a long query's longest terms narrow
// looks up in the index: a lookup reads the term's list of articles, which
// for a common word takes milliseconds, and long words are the rare ones.
const narrowCandidates = 16

// narrow keeps the terms of a long query that find its articles at a cost
// that does not grow with its length: of its narrowCandidates longest terms,
// those in at most half of the articles, the fewest first (longer first
// among equals), up to MaxSearchTerms, in the order they were typed. Every
// term must match, so the rarest few find nearly the same articles as all of
// them, while each adds the reading of its list of articles; and a term in
// more than half of the articles changes no ranking (FTS5's bm25 gives it
// no weight), it only costs. When every term is that common the rarest one
// is kept. It returns the terms left out, as typed.
func (q *query) narrow(ctx context.Context, tx *sql.Tx) (ignored []string, err error) {
	var articles int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM articles INDEXED BY articles_row_keys WHERE `+live).Scan(&articles); err != nil {
		return nil, err
	}
	type cand struct {
		i, runes, docs int
	}
	cands := make([]cand, len(q.all))
	for i, t := range q.all {
		cands[i] = cand{i: i, runes: utf8.RuneCountInString(t.raw)}
	}
	sort.SliceStable(cands, func(a, b int) bool { return cands[a].runes > cands[b].runes })
	cands = cands[:min(len(cands), narrowCandidates)]
	for k := range cands {
		if cands[k].docs, err = termDocs(ctx, tx, q.all[cands[k].i]); err != nil {
			return nil, err
		}
	}
	sort.SliceStable(cands, func(a, b int) bool { return cands[a].docs < cands[b].docs })
	keep := map[int]bool{}
	for k, c := range cands {
		if k == MaxSearchTerms || (k > 0 && c.docs > articles/2) {
			break
		}
		keep[c.i] = true
	}
	var kept []searchTerm
	for i, t := range q.all {
		if keep[i] {
			kept = append(kept, t)
		} else {
			ignored = append(ignored, t.raw)
		}
	}
	q.use(kept)
	return ignored, nil
}

// termDocs estimates how many articles a term is in from the index's
// vocabulary, by its longest token (of a phrase, usually the rarest; of a
// prefix, the word itself without the words it expands to). Tokens are split
// and lower-cased as the tokenizer would, near enough for an estimate: FTS5
// still matches the term itself.
func termDocs(ctx context.Context, tx *sql.Tx, t searchTerm) (int, error) {
	inner := strings.ReplaceAll(strings.Trim(strings.TrimSuffix(t.fts, "*"), `"`), `""`, `"`)
	longest := ""
	for _, tok := range strings.FieldsFunc(strings.ToLower(inner), func(r rune) bool { return !text.IsTokenRune(r) }) {
		if utf8.RuneCountInString(tok) > utf8.RuneCountInString(longest) {
			longest = tok
		}
	}
	var docs int
	err := tx.QueryRowContext(ctx, `SELECT (SELECT coalesce(max(doc), 0) FROM article_search_vocab WHERE term = ?1)
		+ (SELECT coalesce(max(doc), 0) FROM article_marks_vocab WHERE term = ?1)`, longest).Scan(&docs)
	if err != nil {
		return 0, fmt.Errorf("term %q: %w", longest, err)
	}
	return docs, nil
}
