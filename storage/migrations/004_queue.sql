-- 004: the clipping queue. Imported entries that came without their
-- content wait here for a fetch; a row survives quitting, a crash or
-- SIGKILL, so the queue resumes where it stopped.
--
-- state: pending (waiting, not before not_before), running (claimed by a
-- worker; a row left running by a killed process is pending again on the
-- next run), done, or failed (a permanent failure: error says why, the
-- article stays a bookmark). url_key is the normalised address as imported:
-- after the fetch the article's own keys are those of the page it landed on,
-- and importing the same file again must still find it. Times are Unix
-- nanoseconds (UTC).
CREATE TABLE queue (
    id         INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    url        TEXT    NOT NULL,
    url_key    TEXT    NOT NULL,
    host       TEXT    NOT NULL,
    state      TEXT    NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'running', 'done', 'failed')),
    tries      INTEGER NOT NULL DEFAULT 0,
    not_before INTEGER NOT NULL DEFAULT 0,
    error      TEXT    NOT NULL DEFAULT '',
    added_at   INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);

CREATE INDEX queue_next ON queue (state, not_before, id);
CREATE INDEX queue_url_key ON queue (url_key);
CREATE INDEX queue_article ON queue (article_id);
