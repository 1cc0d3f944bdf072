-- zicha schema version 5: the 辖区汇总（附件2） workspace (issue 14).
-- 数据库类型: one row says what the file is. An agency's 自查台账 has no row
-- (every file written before version 5) or 'roster'; a county regulator's
-- 辖区汇总 file has 'annex2'. No command of the other kind runs on it.
CREATE TABLE workspace (
    id   INTEGER PRIMARY KEY CHECK (id = 1),
    kind TEXT NOT NULL CHECK (kind IN ('roster', 'annex2'))
);

-- 接收的文件: one row per received Annex 1 or roster workbook. content is the
-- file as read (JSON, src/annex2/model.rs). replaced_by: a later receipt of
-- the same agency and kind replaced this one (kept as history).
CREATE TABLE annex2_receipts (
    id          INTEGER PRIMARY KEY,
    kind        TEXT NOT NULL CHECK (kind IN ('annex1', 'roster')),
    file_name   TEXT NOT NULL,
    sha256      TEXT NOT NULL,
    agency_name TEXT NOT NULL,
    agency_key  TEXT NOT NULL,
    fill_date   TEXT,
    received_at TEXT NOT NULL,
    who         TEXT NOT NULL,
    replaced_by INTEGER REFERENCES annex2_receipts(id),
    content     TEXT NOT NULL
);
CREATE INDEX annex2_receipts_agency ON annex2_receipts(kind, agency_key);

-- The regulator's own figures of Annex 2 (已整改, 监管部门督导检查情况), by key.
CREATE TABLE annex2_figures (
    key   TEXT PRIMARY KEY,
    value INTEGER NOT NULL CHECK (value >= 0)
);

-- 考试机构 the regulator inspected, in the order added.
CREATE TABLE annex2_exam (
    id            INTEGER PRIMARY KEY,
    name          TEXT NOT NULL CHECK (name <> ''),
    problems      TEXT NOT NULL,
    rectification TEXT NOT NULL
);

-- Part (二) texts the regulator wrote over the generated ones, by agency.
CREATE TABLE annex2_list_edits (
    agency_key    TEXT PRIMARY KEY,
    problems      TEXT,
    rectification TEXT
);
