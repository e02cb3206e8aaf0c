-- 008: a key that names an article for good, and the indexes that keep
-- every view's pages fast at 100,000 articles.
--
-- An article's id is never reused in its library (003), but it is only a
-- row number: the same id names another article in another library, or in
-- this one restored from an older backup. Its key is a random UUID (v4),
-- given by a trigger to every article however it is inserted, which
-- exports and links can name it by without ever meaning another article.
-- A key outlives its article (no foreign key: the id is never reused), so
-- an article restored from the trash under its id keeps its key. Keys live
-- apart from articles so that giving every article of a large library one
-- does not rewrite its rows.
CREATE TABLE article_keys (
    article_id INTEGER PRIMARY KEY,
    key        TEXT    NOT NULL UNIQUE
);

CREATE TRIGGER articles_key AFTER INSERT ON articles BEGIN
    INSERT OR IGNORE INTO article_keys (article_id, key) VALUES (new.id,
        lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' ||
        substr(lower(hex(randomblob(2))), 2) || '-' ||
        substr('89ab', 1 + abs(random() % 4), 1) || substr(lower(hex(randomblob(2))), 2) || '-' ||
        lower(hex(randomblob(6))));
END;

INSERT INTO article_keys (article_id, key)
SELECT id, lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' ||
    substr(lower(hex(randomblob(2))), 2) || '-' ||
    substr('89ab', 1 + abs(random() % 4), 1) || substr(lower(hex(randomblob(2))), 2) || '-' ||
    lower(hex(randomblob(6)))
FROM articles;

-- The whole library by title (archived articles beside the others): the
-- index of 002 starts with archived, so this view sorted every article.
CREATE INDEX articles_title ON articles (title COLLATE NOCASE, id);

-- Favourites are few (one in twenty): walking the whole library in order
-- to find a page of them read twenty rows for each.
CREATE INDEX articles_favorite_clipped ON articles (archived, clipped_at, id) WHERE favorite = 1;
CREATE INDEX articles_favorite_published ON articles (archived, published_at, id) WHERE favorite = 1;
CREATE INDEX articles_favorite_title ON articles (archived, title COLLATE NOCASE, id) WHERE favorite = 1;
