-- zicha schema version 6: 附件材料, the evidence files kept with each person
-- (issue 15). The file itself lives in the attachment folder beside the
-- database (`<db stem>.附件/<sha256>`), content-addressed; this table says
-- whose it is and what it is. A removed attachment keeps its row with the
-- clerk's note (removed_note) and stops counting; its file stays (a backup or
-- another row may hold the same content). When the person is deleted the row
-- stays, unlinked (person_id NULL), with person_record naming whose it was
-- (姓名（身份证号） at deletion), so undoing the deletion links it back and the
-- file stays in every backup.
CREATE TABLE attachments (
    id            INTEGER PRIMARY KEY,
    person_id     INTEGER REFERENCES persons(id) ON DELETE SET NULL,
    person_record TEXT NOT NULL,
    kind         TEXT NOT NULL,
    file_name    TEXT NOT NULL CHECK (file_name <> ''),
    bytes        INTEGER NOT NULL CHECK (bytes > 0),
    sha256       TEXT NOT NULL CHECK (length(sha256) = 64),
    who          TEXT NOT NULL,
    added_at     TEXT NOT NULL,
    removed_note TEXT,
    removed_at   TEXT,
    removed_by   TEXT
);
CREATE INDEX attachments_person ON attachments(person_id);
CREATE INDEX attachments_sha ON attachments(sha256);
