package storage

import (
	"app.margin/margin/internal/text"

	"context"
	"database/sql"
	"fmt"
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
		stmt, args := searchStatement(q, opt.Newest)
		args = append(args, limit, max(opt.Offset, 0))
		snip := newSnippeter(q.terms)
		rows, err := tx.QueryContext(ctx, stmt, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var text, notes string
			r, err := scanSummary(rows, &text, &notes)
			if err != nil {
				return err
			}
			if q.match != "" {
				r.Snippet, r.Matches = unmark(snip.snippet(text, notes))
			}
			hits = append(hits, r.Summary)
		}
		if err := rows.Err(); err != nil {
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

// rankFunction is the relevance of a match: bm25 with the column weights
// that 002_search.sql gives the index's rank (title first), which
// TestRankFunctionIsTheIndexRank checks.
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
const rankFunction = `bm25(article_search, 10.0, 4.0, 4.0, 6.0, 1.0, 3.0)`

// searchStatement is the SQL of a search and its arguments but the limit
// and offset.
func searchStatement(q query, newest bool) (string, []any) {
	if q.match == "" {
		conds, args := q.where("a.id", true)
		return `SELECT ` + summaryColumns + `, '', '' FROM articles a
			WHERE ` + strings.Join(conds, " AND ") + `
			ORDER BY a.clipped_at DESC, a.id DESC LIMIT ? OFFSET ?`, args
	}
	// CROSS JOIN keeps the search as the outer loop (FTS5 would otherwise
	// run it again for each article that passes the filters).
	if newest {
		// Ids grow with clipped dates (Save stamps a new article with the
		// time and keeps it on updates), and FTS5 returns matches by rowid
		// without ranking or sorting them: it stops after LIMIT rows that
		// pass the filters, however many articles match.
		match, conds, args := q.unranked()
		return `SELECT ` + summaryColumns + `, a.text, ` + notesColumn + `
			FROM article_search CROSS JOIN articles a ON a.id = article_search.rowid
			WHERE article_search MATCH ? AND ` + strings.Join(conds, " AND ") + `
			ORDER BY article_search.rowid DESC LIMIT ? OFFSET ?`, append([]any{match}, args...)
	}
	conds, args := q.where("+article_search.rowid", true)
	// By relevance, every match is scored, and only the page's rows are
	// read from articles: the inner query keeps the best LIMIT+OFFSET scores
	// as it goes (SQLite's sorter with a LIMIT) where ORDER BY rank sorts
	// every match inside FTS5 first (at 2,000 articles, "the": 12 -> 7 ms).
	// It joins articles only as a filter needs them. Equal scores go
	// newest first, so pages of the same search never overlap.
	return `SELECT ` + summaryColumns + `, a.text, ` + notesColumn + `
		FROM (SELECT article_search.rowid AS id, ` + rankFunction + ` AS score FROM ` + q.searchFrom() + `
			WHERE article_search MATCH ? AND ` + strings.Join(conds, " AND ") + `
			ORDER BY score, article_search.rowid DESC LIMIT ? OFFSET ?) s
		CROSS JOIN articles a ON a.id = s.id
		ORDER BY s.score, s.id DESC`, append([]any{q.match}, args...)
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
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM articles`).Scan(&articles); err != nil {
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
	err := tx.QueryRowContext(ctx, `SELECT coalesce(max(doc), 0) FROM article_search_vocab WHERE term = ?`, longest).Scan(&docs)
	if err != nil {
		return 0, fmt.Errorf("term %q: %w", longest, err)
	}
	return docs, nil
}
