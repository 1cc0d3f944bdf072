-- 修改记录 hash chain: each entry stores the SHA-256 of the entry before it
-- (prev_hash) and of its own content with that link (hash), so an entry
-- edited or deleted afterwards breaks the chain. The hook that runs with this
-- migration chains the entries written before it.
ALTER TABLE audit_log ADD COLUMN prev_hash TEXT;
ALTER TABLE audit_log ADD COLUMN hash TEXT;

-- The newest entry's id and hash, updated with every append: deleting the
-- last entries of the trail leaves the head pointing past them.
CREATE TABLE audit_head (
    id      INTEGER PRIMARY KEY CHECK (id = 1),
    last_id INTEGER NOT NULL,
    hash    TEXT NOT NULL
);
