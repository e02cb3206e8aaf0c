-- 009: what a listing reads of an article to filter and sort it, by id, in
-- a small index: a tag's listing (smallTag in list.go) reads its articles'
-- sort keys through it, and counting a view (CountListed) scans it instead
-- of one page of the large articles table per article (the unread count
-- of a 100,000-article library: 950 ms -> a few ms). IF NOT EXISTS: a
-- library made while this index was part of 008 already has it.
CREATE INDEX IF NOT EXISTS articles_row_keys ON articles (id, archived, unread, favorite, clipped_at, published_at, title COLLATE NOCASE);
