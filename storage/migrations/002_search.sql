-- 002: the full-text index and the indexes behind library listings.
--
-- article_search holds one row per article (rowid = articles.id), rebuilt by
-- reindex() in storage/index.go inside every write transaction. Its text has
-- U+200B between adjacent CJK characters, so unicode61 makes each one a token
-- and Chinese, Japanese and Korean substrings of any length are found as
-- phrases of single characters (../shared/notes/sqlite-search.md). The
-- table is contentless: it keeps the index only, not a second copy of the
-- text (snippets are made in Go from articles.text), and contentless_delete
-- lets reindex() delete a row by its rowid alone.
--
-- The index is filled by the reindex step, in this migration's transaction:
-- a library made by version 1 has articles to index.
-- step: reindex
CREATE VIRTUAL TABLE article_search USING fts5 (
    title,   -- the title
    authors, -- author names, comma-separated
    site,    -- hosting site, original source, hosts of the URLs
    tags,    -- tag names
    text,    -- the canonical text
    notes,   -- the article note, then each highlight's quote and note
    content = '',
    contentless_delete = 1,
    tokenize = 'unicode61 remove_diacritics 2'
);

-- ORDER BY rank then ranks by bm25 with these column weights (title first),
-- and lets FTS5 sort before SQLite computes snippets for the rows it keeps.
INSERT INTO article_search (article_search, rank) VALUES ('rank', 'bm25(10.0, 4.0, 4.0, 6.0, 1.0, 3.0)');

-- Keyset pagination: each listing walks one of these backwards (or forwards
-- for titles) from the cursor, whatever the depth. The archive view and the
-- others (which hide archived articles) both get a range of their own.
CREATE INDEX articles_list_clipped ON articles (archived, clipped_at, id);
CREATE INDEX articles_list_published ON articles (archived, published_at, id);
CREATE INDEX articles_list_title ON articles (archived, title COLLATE NOCASE, id);
