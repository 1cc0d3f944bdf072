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
