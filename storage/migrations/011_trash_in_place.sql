-- 011: the trash marks articles where they are. Moving 10,000 articles to
-- the trash copied their rows (article, raw page, highlights, versions,
-- pictures, queue: 432 MB on the benchmark library) into the trash_*
-- tables of 007 and back on Restore, 4-7 s each way; now an article in the
-- trash keeps every row in place, with trashed = 1, and its row in trash
-- (when it went there, whether it has index rows). Every read leaves
-- trashed articles out; Restore clears the mark, PurgeTrash deletes them.
--
-- trashed is 0 or 1 and never a time: SQLite stores both in a record's
-- header alone, so setting it leaves the record the same size (SQLite then
-- rewrites in place only the pages that changed, not the article's text),
-- and reading it never walks the text's overflow pages, though the column
-- comes after it (a count of 10,000 rows by trashed: 16 ms; by editors,
-- also last: 260 ms). A row written before 011 lacks the column until its
-- first change, which rewrites it whole once (the first bulk archive of
-- 10,000 such articles: 3.8 s, then 1.2 s).
ALTER TABLE articles ADD COLUMN trashed INTEGER NOT NULL DEFAULT 0;

-- Counts and tag listings read articles through this index (009): it
-- holds the mark too, so they still never read the table.
DROP INDEX articles_row_keys;
CREATE INDEX articles_row_keys ON articles (id, archived, unread, favorite, clipped_at, published_at, title COLLATE NOCASE, trashed);

-- The articles in the trash come back to their tables, marked, and the
-- copies go (storage/trash_upgrade.go).
-- step: trash-in-place
