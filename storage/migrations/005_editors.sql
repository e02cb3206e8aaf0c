-- 005: an article's editors (编辑, 责任编辑, 责编), which the clipper reads
-- apart from its writers; a JSON array of names like authors. Articles
-- clipped before have none until they are clipped again.
ALTER TABLE articles ADD COLUMN editors TEXT NOT NULL DEFAULT '[]';
