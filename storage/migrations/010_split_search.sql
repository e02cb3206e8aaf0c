-- 010: the full-text index in two tables, so that tagging, untagging,
-- notes and highlights rewrite a small row instead of the article's text.
--
-- article_search keeps what an article is: title, authors, site and text
-- (one row per article, rowid = articles.id). article_marks holds what the
-- reader adds and changes often: tag names, then the article note and each
-- highlight's quote and note. A bulk tag on 10,000 articles re-tokenized
-- their whole text before (57 s); it now writes 10,000 short rows. Both are
-- contentless with contentless_delete, tokenized as before (U+200B between
-- CJK characters, see 002), and weigh their columns as the one table did.
--
-- A search matches an article when each of its terms is in either table
-- (storage/search_marks.go), and ranks it by the bm25 of each table summed.
-- Trashed articles keep their rows (Restore reuses them); searches leave
-- them out, and emptying the trash deletes them.
--
-- The old index is dropped and both tables are filled by the reindex step,
-- which reports its progress to the upgrade window.
-- step: reindex
DROP TABLE article_search_vocab;
DROP TABLE article_search;

CREATE VIRTUAL TABLE article_search USING fts5 (
    title,   -- the title
    authors, -- author names, comma-separated
    site,    -- hosting site, original source, hosts of the URLs
    text,    -- the canonical text
    content = '',
    contentless_delete = 1,
    tokenize = 'unicode61 remove_diacritics 2'
);
INSERT INTO article_search (article_search, rank) VALUES ('rank', 'bm25(10.0, 4.0, 4.0, 1.0)');

CREATE VIRTUAL TABLE article_marks USING fts5 (
    tags,  -- tag names
    notes, -- the article note, then each highlight's quote and note
    content = '',
    contentless_delete = 1,
    tokenize = 'unicode61 remove_diacritics 2'
);
INSERT INTO article_marks (article_marks, rank) VALUES ('rank', 'bm25(6.0, 3.0)');

-- The vocabularies with the number of articles each token is in (see
-- narrow and expandPrefixes in storage/search*.go).
CREATE VIRTUAL TABLE article_search_vocab USING fts5vocab (article_search, row);
CREATE VIRTUAL TABLE article_marks_vocab USING fts5vocab (article_marks, row);

-- Articles trashed from now on keep their index rows (indexed = 1), which
-- Restore reuses; those trashed before lost theirs and are indexed again
-- when restored.
ALTER TABLE trash ADD COLUMN indexed INTEGER NOT NULL DEFAULT 0;
