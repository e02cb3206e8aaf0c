-- 006: an article's pictures, kept in the library when it is clipped so that
-- reading needs no network. The bytes are content-addressed: a picture that
-- several articles show is stored once, and goes when the last one does.

CREATE TABLE pictures (
    sha256     TEXT    PRIMARY KEY,   -- lowercase hex of data
    type       TEXT    NOT NULL,      -- media type sniffed from the bytes
    size       INTEGER NOT NULL,      -- bytes
    width      INTEGER NOT NULL,      -- pixels
    height     INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    data       BLOB    NOT NULL       -- last: listing pictures skips its overflow pages
);

-- An article's picture list in reading order (article.PicturesOf): the
-- stored picture, or NULL and the reason it is missing.
CREATE TABLE article_pictures (
    article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    seq        INTEGER NOT NULL,
    url        TEXT    NOT NULL,
    alt        TEXT    NOT NULL DEFAULT '',
    caption    TEXT    NOT NULL DEFAULT '',
    lead       INTEGER NOT NULL DEFAULT 0,
    sha256     TEXT    REFERENCES pictures (sha256),
    missing    TEXT    NOT NULL DEFAULT '',
    PRIMARY KEY (article_id, seq)
) WITHOUT ROWID;

CREATE INDEX article_pictures_sha256 ON article_pictures (sha256) WHERE sha256 IS NOT NULL;
CREATE INDEX article_pictures_missing ON article_pictures (article_id) WHERE sha256 IS NULL;

-- Articles clipped before pictures were kept list theirs as missing, so
-- "Fetch missing images" finds them.
-- step: list-old-pictures
