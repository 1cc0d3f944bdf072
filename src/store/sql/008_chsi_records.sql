-- zicha migration 008: 学信网 备案表 fields (issue 15). The fields read from an
-- attachment's text layer, one row per field, keyed by the attachment: facts of
-- the person whose attachment it is, so the checks stay pure functions of facts.
-- A removed attachment's fields stay (its row stays too) but stop counting.
CREATE TABLE chsi_record_fields (
    attachment_id INTEGER NOT NULL REFERENCES attachments(id),
    field         TEXT NOT NULL,
    value         TEXT NOT NULL,
    PRIMARY KEY (attachment_id, field)
);
