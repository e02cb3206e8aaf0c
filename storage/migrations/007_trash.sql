-- 007: the trash. Deleting articles from the window moves them here with
-- everything that hangs off them (raw page, tags by name, highlights,
-- replaced versions, picture list, queue rows), so Undo puts them back as
-- they were, under the same ids. The trash tables mirror their originals'
-- columns (CREATE TABLE ... AS ... WHERE 0), rows being copied by column
-- name (a column one side lacks is left out). A picture listed here is kept
-- until the trash is emptied (PurgeTrash). deleted_at is Unix nanoseconds.
-- 011 takes the articles back in place and drops these copies
-- (trash_upgrade.go).

CREATE TABLE trash (
    article_id INTEGER PRIMARY KEY,
    deleted_at INTEGER NOT NULL
);
CREATE INDEX trash_deleted ON trash (deleted_at);

CREATE TABLE trash_articles AS SELECT * FROM articles WHERE 0;
CREATE INDEX trash_articles_id ON trash_articles (id);

CREATE TABLE trash_article_raw AS SELECT * FROM article_raw WHERE 0;
CREATE INDEX trash_article_raw_article ON trash_article_raw (article_id);

-- Tags by name: a tag left on no article is deleted, and comes back with
-- the article.
CREATE TABLE trash_article_tags (
    article_id INTEGER NOT NULL,
    name       TEXT    NOT NULL,
    name_key   TEXT    NOT NULL
);
CREATE INDEX trash_article_tags_article ON trash_article_tags (article_id);

CREATE TABLE trash_highlights AS SELECT * FROM highlights WHERE 0;
CREATE INDEX trash_highlights_article ON trash_highlights (article_id);

CREATE TABLE trash_article_versions AS SELECT * FROM article_versions WHERE 0;
CREATE INDEX trash_article_versions_article ON trash_article_versions (article_id);

CREATE TABLE trash_article_pictures AS SELECT * FROM article_pictures WHERE 0;
CREATE INDEX trash_article_pictures_article ON trash_article_pictures (article_id);
CREATE INDEX trash_article_pictures_sha256 ON trash_article_pictures (sha256) WHERE sha256 IS NOT NULL;

CREATE TABLE trash_queue AS SELECT * FROM queue WHERE 0;
CREATE INDEX trash_queue_article ON trash_queue (article_id);
