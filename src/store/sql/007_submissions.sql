-- zicha migration 007: 报送记录 (issue 15). A submission keeps what was submitted:
-- the snapshot (settings, staffing, the summary, every row with its verdicts and
-- remark, as JSON written by src/annex1/submission.rs) and the exact bytes of the
-- PDF and XLSX written, with their SHA-256. Reprinting writes these bytes again:
-- the renderers stamp random ids and times, so the stored bytes are the truth.
CREATE TABLE submissions (
    id             INTEGER PRIMARY KEY,
    at             TEXT NOT NULL,
    who            TEXT NOT NULL,
    fill_date      TEXT NOT NULL,
    reference_date TEXT NOT NULL,
    agency_name    TEXT NOT NULL,
    persons        INTEGER NOT NULL,
    snapshot       TEXT NOT NULL,
    pdf_name       TEXT NOT NULL,
    pdf            BLOB NOT NULL,
    pdf_sha256     TEXT NOT NULL,
    xlsx_name      TEXT NOT NULL,
    xlsx           BLOB NOT NULL,
    xlsx_sha256    TEXT NOT NULL
);

-- 签字盖章扫描件: the scan of the signed and stamped paper form, at most one per
-- submission (a new one replaces it, both in the 修改记录), kept in the database
-- so that backups and restores carry it.
CREATE TABLE submission_scans (
    submission_id INTEGER PRIMARY KEY REFERENCES submissions(id),
    file_name     TEXT NOT NULL,
    kind          TEXT NOT NULL CHECK (kind IN ('pdf', 'jpg', 'png')),
    size          INTEGER NOT NULL,
    sha256        TEXT NOT NULL,
    content       BLOB NOT NULL,
    at            TEXT NOT NULL,
    who           TEXT NOT NULL
);

-- 核查批次 (issue 15): each campaign is one year's check with its own 核查基准日.
-- The first campaign is implicit (no row); starting the next one adds a row, and
-- the current campaign is the highest id (1 while the table is empty). The
-- roster facts carry over; the decisions do not.
CREATE TABLE campaigns (
    id             INTEGER PRIMARY KEY,
    reference_date TEXT NOT NULL,
    started_at     TEXT NOT NULL,
    who            TEXT NOT NULL
);

-- The decisions made in a campaign that has ended (人工认定, 疑点确认, hand-written
-- 说明), kept readable when the next one starts. person_id has no foreign key:
-- the record stays after the person is deleted.
CREATE TABLE campaign_decisions (
    campaign  INTEGER NOT NULL,
    person_id INTEGER NOT NULL,
    kind      TEXT NOT NULL CHECK (kind IN ('manual', 'confirmation', 'remark')),
    item      TEXT NOT NULL,
    value     TEXT,
    note      TEXT,
    who       TEXT,
    at        TEXT
);

ALTER TABLE submissions ADD COLUMN campaign INTEGER NOT NULL DEFAULT 1;
