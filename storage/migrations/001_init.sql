-- 001: articles, their original HTML, tags and highlights.
--
-- Times: *_at columns are INTEGER Unix nanoseconds (UTC); published,
-- modified and fetched_at are TEXT in RFC 3339 with the page's own offset
-- ('' when unknown), because a page dated 18:10 +08:00 should be shown as such.
-- published_at mirrors published as Unix seconds (NULL when unknown) so
-- listings can sort and page by it through an index.

PRAGMA application_id = 1296126535; -- 'MARG': tells a Margin library from other SQLite files

CREATE TABLE articles (
    id                INTEGER PRIMARY KEY,
    url               TEXT    NOT NULL DEFAULT '', -- as the user gave it
    final_url         TEXT    NOT NULL DEFAULT '',
    canonical_url     TEXT    NOT NULL DEFAULT '',
    url_key           TEXT    NOT NULL DEFAULT '', -- normalised final URL ('' when none)
    canonical_key     TEXT    NOT NULL DEFAULT '', -- normalised canonical URL ('' when none)
    title             TEXT    NOT NULL DEFAULT '',
    authors           TEXT    NOT NULL DEFAULT '[]', -- JSON array of names
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
    provenance        TEXT    NOT NULL DEFAULT '{}', -- JSON object field -> origin
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
    -- The big columns come last so that reading a list row's columns does not
    -- walk their overflow pages.
    text              TEXT    NOT NULL DEFAULT '',
    content_html      TEXT    NOT NULL DEFAULT ''
);

CREATE INDEX articles_url_key ON articles (url_key) WHERE url_key <> '';
CREATE INDEX articles_canonical_key ON articles (canonical_key) WHERE canonical_key <> '';
CREATE INDEX articles_clipped ON articles (clipped_at, id);
CREATE INDEX articles_published ON articles (published_at, id);

-- The page as fetched, gzip-compressed, apart from the articles so that scans
-- of articles never touch it.
CREATE TABLE article_raw (
    article_id INTEGER PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
    gzip       BLOB    NOT NULL
);

-- name_key is the name trimmed, NFKC-normalised and case-folded in Go:
-- COLLATE NOCASE folds ASCII only.
CREATE TABLE tags (
    id       INTEGER PRIMARY KEY,
    name     TEXT NOT NULL,
    name_key TEXT NOT NULL UNIQUE
);

CREATE TABLE article_tags (
    article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    tag_id     INTEGER NOT NULL REFERENCES tags (id) ON DELETE CASCADE,
    PRIMARY KEY (article_id, tag_id)
) WITHOUT ROWID;

CREATE INDEX article_tags_tag ON article_tags (tag_id, article_id);

-- start_pos and end_pos are Unicode code points into articles.text (end
-- exclusive); quote, prefix and suffix anchor the highlight again when the
-- text changes. An orphaned highlight could not be placed in the current
-- text: its offsets are stale and only its quote is meaningful.
CREATE TABLE highlights (
    id         INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    start_pos  INTEGER NOT NULL,
    end_pos    INTEGER NOT NULL,
    quote      TEXT    NOT NULL,
    prefix     TEXT    NOT NULL DEFAULT '',
    suffix     TEXT    NOT NULL DEFAULT '',
    color      TEXT    NOT NULL DEFAULT 'yellow',
    note       TEXT    NOT NULL DEFAULT '',
    orphaned   INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);

CREATE INDEX highlights_article ON highlights (article_id, orphaned, start_pos, end_pos);
