-- 003: article ids that are never reused, the versions a re-clip replaced,
-- and an index rebuilt for today's CJK classes.
--
-- An INTEGER PRIMARY KEY without AUTOINCREMENT hands the id of the newest
-- article, once deleted, to the next clip; an export that names notes by id
-- would then take the deleted article's notes for the new one's. SQLite
-- cannot add AUTOINCREMENT to a table, so articles is rebuilt: a new table,
-- every row copied with its id, the old one dropped (migrate turns foreign
-- keys off around the transaction, so article_raw, article_tags and
-- highlights keep their rows, and checks them before commit), the new one
-- renamed, and its indexes made again. sqlite_sequence starts at the largest
-- id copied.
CREATE TABLE articles_new (
    id                INTEGER PRIMARY KEY AUTOINCREMENT,
    url               TEXT    NOT NULL DEFAULT '',
    final_url         TEXT    NOT NULL DEFAULT '',
    canonical_url     TEXT    NOT NULL DEFAULT '',
    url_key           TEXT    NOT NULL DEFAULT '',
    canonical_key     TEXT    NOT NULL DEFAULT '',
    title             TEXT    NOT NULL DEFAULT '',
    authors           TEXT    NOT NULL DEFAULT '[]',
    site_name         TEXT    NOT NULL DEFAULT '',
    source_name       TEXT    NOT NULL DEFAULT '',
    source_url        TEXT    NOT NULL DEFAULT '',
    published         TEXT    NOT NULL DEFAULT '',
    published_at      INTEGER,
    modified          TEXT    NOT NULL DEFAULT '',
    language          TEXT    NOT NULL DEFAULT '',
    direction         TEXT    NOT NULL DEFAULT '',
    excerpt           TEXT    NOT NULL DEFAULT '',
    image_url         TEXT    NOT NULL DEFAULT '',
    word_count        INTEGER NOT NULL DEFAULT 0,
    reading_minutes   INTEGER NOT NULL DEFAULT 0,
    readable          INTEGER NOT NULL DEFAULT 1,
    provenance        TEXT    NOT NULL DEFAULT '{}',
    extractor_version TEXT    NOT NULL DEFAULT '',
    charset           TEXT    NOT NULL DEFAULT '',
    fetched_at        TEXT    NOT NULL DEFAULT '',
    clipped_at        INTEGER NOT NULL,
    updated_at        INTEGER NOT NULL,
    unread            INTEGER NOT NULL DEFAULT 1,
    archived          INTEGER NOT NULL DEFAULT 0,
    favorite          INTEGER NOT NULL DEFAULT 0,
    position          REAL    NOT NULL DEFAULT 0,
    note              TEXT    NOT NULL DEFAULT '',
    text              TEXT    NOT NULL DEFAULT '',
    content_html      TEXT    NOT NULL DEFAULT ''
);

INSERT INTO articles_new (id, url, final_url, canonical_url, url_key, canonical_key, title, authors,
    site_name, source_name, source_url, published, published_at, modified, language, direction,
    excerpt, image_url, word_count, reading_minutes, readable, provenance, extractor_version,
    charset, fetched_at, clipped_at, updated_at, unread, archived, favorite, position, note,
    text, content_html)
SELECT id, url, final_url, canonical_url, url_key, canonical_key, title, authors,
    site_name, source_name, source_url, published, published_at, modified, language, direction,
    excerpt, image_url, word_count, reading_minutes, readable, provenance, extractor_version,
    charset, fetched_at, clipped_at, updated_at, unread, archived, favorite, position, note,
    text, content_html
FROM articles;

DROP TABLE articles;
ALTER TABLE articles_new RENAME TO articles;

CREATE INDEX articles_url_key ON articles (url_key) WHERE url_key <> '';
CREATE INDEX articles_canonical_key ON articles (canonical_key) WHERE canonical_key <> '';
CREATE INDEX articles_clipped ON articles (clipped_at, id);
CREATE INDEX articles_published ON articles (published_at, id);
CREATE INDEX articles_list_clipped ON articles (archived, clipped_at, id);
CREATE INDEX articles_list_published ON articles (archived, published_at, id);
CREATE INDEX articles_list_title ON articles (archived, title COLLATE NOCASE, id);

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
