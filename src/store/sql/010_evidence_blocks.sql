-- zicha migration 010: imported 工作见证 kept packed (issue 13). A 检验报告台账
-- of 50,000 reports names some 200,000 signers: as one `evidence` row each,
-- with the person index and the foreign keys, its import spent about a second
-- in SQLite alone. Here one row holds one person's records from one import of
-- one file, encoded one after another (evidence_blocks.rs says how), each with
-- its row of the file; the file is the source. Records typed by hand, and the
-- imported records of older versions, stay rows of `evidence`; a removed
-- imported record leaves its block and becomes a row of `evidence` with its
-- note, as removed records always were.
CREATE TABLE evidence_blocks (
    id        INTEGER PRIMARY KEY,
    person_id INTEGER NOT NULL REFERENCES persons(id) ON DELETE CASCADE,
    source_id INTEGER NOT NULL REFERENCES sources(id),
    -- How many records the block holds (for counting without reading it).
    records   INTEGER NOT NULL CHECK (records > 0),
    entries   BLOB NOT NULL
);
CREATE INDEX evidence_blocks_person ON evidence_blocks(person_id);
