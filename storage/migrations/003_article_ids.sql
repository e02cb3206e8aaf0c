-- 003: article ids that are never reused, the versions a re-clip replaced,
-- and an index rebuilt for today's CJK classes.
--
-- An INTEGER PRIMARY KEY without AUTOINCREMENT hands the id of the newest
-- article, once deleted, to the next clip; an export that names notes by id
-- would then take the deleted article's notes for the new one's. SQLite
-- cannot add AUTOINCREMENT to a table, so the Go step autoincrement-ids
-- rebuilds articles from its own schema (see autoincrementArticleIDs).
-- Its indexes are made again with it.
-- step: autoincrement-ids

-- A re-clip replaces an article's content; what it replaced is kept here,
-- written in the same transaction, so no page or text the library held is
-- ever lost. replaced_at is when (Unix nanoseconds); raw is the page as
-- fetched, gzip-compressed, NULL when there was none.
CREATE TABLE article_versions (
    id                INTEGER PRIMARY KEY,
    article_id        INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    replaced_at       INTEGER NOT NULL,
    url               TEXT    NOT NULL,
    final_url         TEXT    NOT NULL,
    canonical_url     TEXT    NOT NULL,
    title             TEXT    NOT NULL,
    extractor_version TEXT    NOT NULL,
    fetched_at        TEXT    NOT NULL,
    text              TEXT    NOT NULL,
    content_html      TEXT    NOT NULL,
    raw               BLOB
);

CREATE INDEX article_versions_article ON article_versions (article_id, id);

-- A page's canonical URL on another site no longer identifies it (Save's
-- trustedCanonical): the keys stored before are checked by the same rule.
-- step: canonical-keys

-- The index's vocabulary with the number of articles each token is in:
-- a query of too many terms keeps those in the fewest articles (see
-- pickTerms in storage/search.go). It stores nothing: it reads the index.
CREATE VIRTUAL TABLE article_search_vocab USING fts5vocab (article_search, row);

-- internal/text now counts U+3006 〆 and the half-width prolonged sound mark
-- U+FF70 ｰ as CJK, which changes the index's tokens of the articles that
-- hold them: those are indexed again.
-- step: reindex-cjk-marks
