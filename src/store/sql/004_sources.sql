-- zicha schema version 4: records imported from their source (issue 13).
-- 来源: one row per file records were imported from. The same file (same
-- SHA-256, same kind) imported again reuses its row.
CREATE TABLE sources (
    id          INTEGER PRIMARY KEY,
    kind        TEXT NOT NULL,
    file_name   TEXT NOT NULL,
    sha256      TEXT NOT NULL,
    imported_at TEXT NOT NULL,
    who         TEXT NOT NULL
);
CREATE INDEX sources_sha ON sources(sha256);

-- An imported record names its source and row; a record typed by hand has
-- neither. removed_note: the clerk removed the imported record with this note;
-- it stays stored (re-importing the file does not bring it back) but no longer
-- counts.
ALTER TABLE social_insurance ADD COLUMN source_id INTEGER REFERENCES sources(id);
ALTER TABLE social_insurance ADD COLUMN source_row INTEGER;
ALTER TABLE social_insurance ADD COLUMN removed_note TEXT;
ALTER TABLE evidence ADD COLUMN source_id INTEGER REFERENCES sources(id);
ALTER TABLE evidence ADD COLUMN source_row INTEGER;
ALTER TABLE evidence ADD COLUMN removed_note TEXT;

-- 报告台账 findings: signers of a ledger's reports the roster cannot name
-- (不在台账: nobody of that name; 同名无法区分: several). Replaced when the same
-- ledger is imported again.
CREATE TABLE ledger_findings (
    id            INTEGER PRIMARY KEY,
    source_id     INTEGER NOT NULL REFERENCES sources(id),
    kind          TEXT NOT NULL,
    name          TEXT NOT NULL,
    report_number TEXT,
    report_date   TEXT,
    role          TEXT,
    source_row    INTEGER NOT NULL
);

-- Column mappings the clerk chose for files whose headers were not all
-- recognised, by source kind and the file's header row.
CREATE TABLE column_mappings (
    kind    TEXT NOT NULL,
    headers TEXT NOT NULL,
    mapping TEXT NOT NULL,
    PRIMARY KEY (kind, headers)
);
