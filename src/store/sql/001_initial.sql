-- zicha schema version 1.
CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE persons (
    id                 INTEGER PRIMARY KEY,
    seq                INTEGER,
    name               TEXT NOT NULL CHECK (name <> ''),
    id_number          TEXT UNIQUE,
    post               TEXT,
    employment         TEXT,
    hire_date          TEXT,
    leave_date         TEXT,
    on_duty            INTEGER,
    disclosed          INTEGER,
    first_cert_date    TEXT,
    diploma_submitted  INTEGER,
    education          TEXT,
    school             TEXT,
    major              TEXT,
    graduation_date    TEXT,
    diploma_number     TEXT,
    diploma_method     TEXT,
    diploma_reference  TEXT,
    diploma_verified_on TEXT,
    diploma_result     TEXT,
    title_submitted    INTEGER,
    title_name         TEXT,
    title_major        TEXT,
    title_cert_number  TEXT,
    title_issuer       TEXT,
    title_obtained_on  TEXT,
    title_method       TEXT,
    title_reference    TEXT,
    title_verified_on  TEXT,
    title_result       TEXT,
    rectification_action TEXT,
    rectification_text TEXT,
    note               TEXT,
    remark_override    TEXT,
    created_at         TEXT NOT NULL,
    updated_at         TEXT NOT NULL
);

CREATE TABLE certificates (
    id          INTEGER PRIMARY KEY,
    person_id   INTEGER NOT NULL REFERENCES persons(id) ON DELETE CASCADE,
    item        TEXT NOT NULL,
    number      TEXT,
    issued_on   TEXT,
    valid_until TEXT
);
CREATE INDEX certificates_person ON certificates(person_id);

CREATE TABLE social_insurance (
    id        INTEGER PRIMARY KEY,
    person_id INTEGER NOT NULL REFERENCES persons(id) ON DELETE CASCADE,
    month     TEXT NOT NULL,
    payer     TEXT
);
CREATE INDEX social_insurance_person ON social_insurance(person_id);

CREATE TABLE evidence (
    id          INTEGER PRIMARY KEY,
    person_id   INTEGER NOT NULL REFERENCES persons(id) ON DELETE CASCADE,
    date        TEXT NOT NULL,
    kind        TEXT,
    number      TEXT,
    description TEXT
);
CREATE INDEX evidence_person ON evidence(person_id);

CREATE TABLE staffing_lines (
    id        INTEGER PRIMARY KEY,
    position  INTEGER NOT NULL,
    category  TEXT NOT NULL,
    patterns  TEXT NOT NULL,
    min_count INTEGER NOT NULL CHECK (min_count >= 0)
);

-- 人工认定: one manual verdict per person and question.
CREATE TABLE manual_verdicts (
    person_id INTEGER NOT NULL REFERENCES persons(id) ON DELETE CASCADE,
    kind      TEXT NOT NULL,
    value     TEXT NOT NULL,
    note      TEXT NOT NULL CHECK (note <> ''),
    who       TEXT NOT NULL,
    at        TEXT NOT NULL,
    PRIMARY KEY (person_id, kind)
);

CREATE TABLE flag_confirmations (
    person_id INTEGER NOT NULL REFERENCES persons(id) ON DELETE CASCADE,
    code      TEXT NOT NULL,
    note      TEXT NOT NULL CHECK (note <> ''),
    who       TEXT NOT NULL,
    at        TEXT NOT NULL,
    PRIMARY KEY (person_id, code)
);

-- 修改记录: the audit trail. Rows are only ever appended.
CREATE TABLE audit_log (
    id        INTEGER PRIMARY KEY,
    at        TEXT NOT NULL,
    who       TEXT NOT NULL,
    action    TEXT NOT NULL,
    entity    TEXT NOT NULL,
    person_id INTEGER,
    record    TEXT NOT NULL,
    field     TEXT NOT NULL,
    old_value TEXT,
    new_value TEXT,
    note      TEXT
);
CREATE INDEX audit_log_person ON audit_log(person_id);
