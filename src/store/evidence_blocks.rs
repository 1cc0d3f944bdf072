//! Imported 工作见证 kept packed: one row of `evidence_blocks` per person and
//! import holds that person's records from that file, one after another.
//!
//! A 检验报告台账 of 50,000 reports names some 200,000 signers; one table row
//! each made the import spend a second in SQLite alone (010_evidence_blocks.sql
//! says more). Records typed by hand, and records of older versions, stay rows
//! of `evidence`. A removed imported record leaves its block and becomes a row
//! of `evidence` with its note and origin, as a removed row always was, so the
//! removed records and what a re-import must skip are found in one place.

use std::collections::HashMap;
use std::sync::Arc;

use chrono::{Datelike, NaiveDate};
use rusqlite::types::ValueRef;
use rusqlite::{Connection, params};

use super::imported::{ImportedEvidence, Source};
use crate::domain::{Evidence, EvidenceKind, Origin, PersonRecord};
use crate::error::{Error, Result};

/// The first byte of a block: how the rest is laid out.
const LAYOUT: u8 = 1;

/// Inserts the imported records among `rows` (each with its person), one
/// block per run of records of the same person and source; the caller writes
/// the records without an origin as rows.
pub fn insert(conn: &Connection, rows: &[(i64, &Evidence)], source: Source) -> Result<()> {
    let mut at = 0;
    while at < rows.len() {
        let (person, first) = rows[at];
        let Some(source_id) = source.of(first.origin.as_ref()) else {
            at += 1;
            continue;
        };
        let run: Vec<ImportedEvidence> = rows[at..]
            .iter()
            .take_while(|(p, e)| *p == person && source.of(e.origin.as_ref()) == Some(source_id))
            .map(|(_, e)| ImportedEvidence::of(e))
            .collect();
        insert_block(conn, person, source_id, &run)?;
        at += run.len();
    }
    Ok(())
}

/// Inserts `records` of the person `person` from the stored source `source`
/// as one block (none when there are no records).
pub fn insert_block(
    conn: &Connection,
    person: i64,
    source: i64,
    records: &[ImportedEvidence],
) -> Result<()> {
    if records.is_empty() {
        return Ok(());
    }
    conn.prepare_cached(
        "INSERT INTO evidence_blocks (person_id, source_id, records, entries) VALUES (?1, ?2, ?3, ?4)",
    )?
    .execute(params![person, source, records.len() as i64, encode(records)])?;
    Ok(())
}

/// Adds to `records` (indexed by person id) the records of every block, each
/// with its origin (`files`: the source files' names by id).
pub fn load_into(
    conn: &Connection,
    index: &HashMap<i64, usize>,
    records: &mut [PersonRecord],
    files: &HashMap<i64, Arc<str>>,
) -> Result<()> {
    let mut stmt = conn.prepare_cached(
        "SELECT person_id, source_id, records, entries FROM evidence_blocks ORDER BY id",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let Some(&i) = index.get(&r.get::<_, i64>(0)?) else {
            continue;
        };
        let source: i64 = r.get(1)?;
        let file = files.get(&source).cloned().unwrap_or_else(|| Arc::from(""));
        let ValueRef::Blob(bytes) = r.get_ref(3)? else {
            return Err(damaged());
        };
        decode(
            bytes,
            r.get(2)?,
            source,
            &file,
            &mut records[i].person.evidence,
        )?;
    }
    Ok(())
}

/// Takes the imported record `e` of the person `person` out of its block
/// (the block goes when it empties) and returns it as it was stored; `None`
/// when no block holds it.
pub fn take(
    conn: &Connection,
    person: i64,
    e: &Evidence,
    origin: &Origin,
) -> Result<Option<Evidence>> {
    let blocks: Vec<(i64, i64, Option<Vec<u8>>)> = conn
        .prepare_cached(
            "SELECT id, records, CASE WHEN typeof(entries) = 'blob' THEN entries END
             FROM evidence_blocks WHERE person_id = ?1 AND source_id = ?2 ORDER BY id",
        )?
        .query_map(params![person, origin.source], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })?
        .collect::<rusqlite::Result<_>>()?;
    for (id, count, bytes) in blocks {
        let mut kept = Vec::new();
        let bytes = bytes.ok_or_else(damaged)?;
        decode(&bytes, count, origin.source, &origin.file, &mut kept)?;
        let same = |k: &Evidence| {
            k.date == e.date
                && k.number == e.number
                && k.description == e.description
                && k.origin.as_ref().map(|o| o.row) == Some(origin.row)
        };
        let Some(at) = kept.iter().position(same) else {
            continue;
        };
        let taken = kept.remove(at);
        if kept.is_empty() {
            conn.execute("DELETE FROM evidence_blocks WHERE id = ?1", [id])?;
        } else {
            let records: Vec<ImportedEvidence> = kept.iter().map(ImportedEvidence::of).collect();
            conn.execute(
                "UPDATE evidence_blocks SET records = ?1, entries = ?2 WHERE id = ?3",
                params![records.len() as i64, encode(&records), id],
            )?;
        }
        return Ok(Some(taken));
    }
    Ok(None)
}

/// The layout byte; the strings that repeat (类型 and 说明: a ledger's few
/// roles), each once; the number of records; then per record its row, its
/// date (days from the Common Era), its 类型 and 说明 (0 for none, else 1 +
/// the string's place) and its 编号 (0 for none, else 1 + its length in
/// bytes, then the bytes). Numbers are LEB128 varints.
fn encode(records: &[ImportedEvidence]) -> Vec<u8> {
    let mut strings = Strings::default();
    let mut body = Vec::with_capacity(records.len() * 24);
    for e in records {
        varint(&mut body, u64::from(e.row));
        varint(&mut body, zigzag(i64::from(e.date.num_days_from_ce())));
        varint(&mut body, strings.place(e.kind.map(EvidenceKind::label)));
        varint(&mut body, strings.place(e.description));
        match e.number {
            None => varint(&mut body, 0),
            Some(n) => {
                varint(&mut body, n.len() as u64 + 1);
                body.extend_from_slice(n.as_bytes());
            }
        }
    }
    let mut out = Vec::with_capacity(body.len() + 64);
    out.push(LAYOUT);
    varint(&mut out, strings.list.len() as u64);
    for s in &strings.list {
        varint(&mut out, s.len() as u64);
        out.extend_from_slice(s.as_bytes());
    }
    varint(&mut out, records.len() as u64);
    out.extend_from_slice(&body);
    out
}

/// The strings of a block that repeat, each once, in order of first use: a
/// block's 类型 and 说明 are a ledger's few roles, so a look along the list
/// is quicker than hashing.
#[derive(Default)]
struct Strings<'a> {
    list: Vec<&'a str>,
}

impl<'a> Strings<'a> {
    /// 0 for none, else 1 + the string's place.
    fn place(&mut self, s: Option<&'a str>) -> u64 {
        let Some(s) = s else { return 0 };
        let at = match self.list.iter().position(|&known| known == s) {
            Some(at) => at,
            None => {
                self.list.push(s);
                self.list.len() - 1
            }
        };
        at as u64 + 1
    }
}

/// Appends the records of a block to `into`, each with the origin of source
/// `source` named `file`. A block that does not read back whole, or holds
/// another number of records than `count` (its row says), is an error and
/// adds nothing: nothing of it is trusted.
fn decode(
    bytes: &[u8],
    count: i64,
    source: i64,
    file: &Arc<str>,
    into: &mut Vec<Evidence>,
) -> Result<()> {
    let mut r = Reader { bytes, at: 0 };
    let mut read = Vec::new();
    decode_from(&mut r, source, file, &mut read)
        .filter(|()| i64::try_from(read.len()).ok() == Some(count))
        .ok_or_else(damaged)?;
    into.append(&mut read);
    Ok(())
}

fn damaged() -> Error {
    Error::Other("数据库中导入的工作见证记录无法识别，文件可能已被其他程序修改".into())
}

fn decode_from(
    r: &mut Reader,
    source: i64,
    file: &Arc<str>,
    into: &mut Vec<Evidence>,
) -> Option<()> {
    if r.byte()? != LAYOUT {
        return None;
    }
    let count = r.varint()?;
    let mut strings = Vec::new();
    for _ in 0..count {
        let len = usize::try_from(r.varint()?).ok()?;
        strings.push(r.text(len)?);
    }
    let string = |place: u64| -> Option<Option<&str>> {
        match place {
            0 => Some(None),
            k => strings.get(usize::try_from(k - 1).ok()?).map(|s| Some(*s)),
        }
    };
    // Each string read as a 类型 once, not once per record.
    let kinds: Vec<Option<Option<EvidenceKind>>> = strings
        .iter()
        .map(|s| EvidenceKind::parse(s).ok())
        .collect();
    let kind = |place: u64| -> Option<Option<EvidenceKind>> {
        match place {
            0 => Some(None),
            k => *kinds.get(usize::try_from(k - 1).ok()?)?,
        }
    };
    let records = usize::try_from(r.varint()?).ok()?;
    into.reserve(records.min(r.bytes.len()));
    for _ in 0..records {
        let row = u32::try_from(r.varint()?).ok()?;
        let days = i32::try_from(unzigzag(r.varint()?)).ok()?;
        let date = NaiveDate::from_num_days_from_ce_opt(days)?;
        let kind = kind(r.varint()?)?;
        let description = string(r.varint()?)?.map(String::from);
        let number = match r.varint()? {
            0 => None,
            n => Some(r.text(usize::try_from(n - 1).ok()?)?.to_string()),
        };
        into.push(Evidence {
            date,
            kind,
            number,
            description,
            origin: Some(Origin {
                source,
                file: file.clone(),
                row,
            }),
        });
    }
    (r.at == r.bytes.len()).then_some(())
}

fn varint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

fn zigzag(v: i64) -> u64 {
    ((v << 1) ^ (v >> 63)) as u64
}

fn unzigzag(v: u64) -> i64 {
    ((v >> 1) as i64) ^ -((v & 1) as i64)
}

/// Reads a block from its start; `None` at anything that does not fit.
struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn byte(&mut self) -> Option<u8> {
        let b = *self.bytes.get(self.at)?;
        self.at += 1;
        Some(b)
    }

    fn varint(&mut self) -> Option<u64> {
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.byte()?;
            v |= u64::from(b & 0x7f) << shift;
            if b < 0x80 {
                return Some(v);
            }
        }
        None
    }

    fn text(&mut self, len: usize) -> Option<&'a str> {
        let end = self.at.checked_add(len)?;
        let s = std::str::from_utf8(self.bytes.get(self.at..end)?).ok()?;
        self.at = end;
        Some(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(
        row: u32,
        date: (i32, u32, u32),
        number: Option<&str>,
        role: Option<&str>,
    ) -> Evidence {
        Evidence {
            date: NaiveDate::from_ymd_opt(date.0, date.1, date.2).expect("date"),
            kind: Some(EvidenceKind::InspectionReport),
            number: number.map(String::from),
            description: role.map(String::from),
            origin: Some(Origin {
                source: 7,
                file: Arc::from("台账.xlsx"),
                row,
            }),
        }
    }

    fn as_imported(records: &[Evidence]) -> Vec<ImportedEvidence<'_>> {
        records.iter().map(ImportedEvidence::of).collect()
    }

    /// Every field, empty ones and long ones, reads back as it was written.
    #[test]
    fn records_read_back_as_written() {
        let long = "号".repeat(64);
        let mut records = vec![
            record(2, (2024, 3, 1), Some("BG-2024-0001"), Some("检验人员")),
            record(3, (2024, 3, 1), Some("BG-2024-0001"), Some("审核")),
            record(70_000, (1900, 1, 1), None, None),
            record(u32::MAX, (2099, 12, 31), Some(&long), Some("批准")),
            record(5, (2024, 2, 29), Some(""), Some("")),
        ];
        records[2].kind = None;
        records[4].kind = Some(EvidenceKind::Other);
        let bytes = encode(&as_imported(&records));
        let mut back = Vec::new();
        decode(&bytes, 5, 7, &Arc::from("台账.xlsx"), &mut back).expect("decode");
        assert_eq!(back, records);
        let err = decode(&bytes, 4, 7, &Arc::from("台账.xlsx"), &mut back).expect_err("count");
        assert!(err.to_string().contains("无法识别"), "{err}");
        assert_eq!(back.len(), 5, "nothing of a refused block added");
    }

    /// A block cut short or lengthened is refused as a whole; one with a byte
    /// changed is refused or, where the change still reads (a changed digit of
    /// a number, as in a row), reads as other values: never a panic.
    #[test]
    fn damaged_blocks_are_refused_without_a_panic() {
        let records = [
            record(2, (2024, 3, 1), Some("BG-1"), Some("检验人员")),
            record(3, (2024, 3, 2), Some("BG-2"), Some("审核")),
        ];
        let bytes = encode(&as_imported(&records));
        let file: Arc<str> = Arc::from("台账.xlsx");
        for cut in 0..bytes.len() {
            let mut out = Vec::new();
            assert!(
                decode(&bytes[..cut], 2, 7, &file, &mut out).is_err(),
                "cut at {cut}"
            );
        }
        let mut longer = bytes.clone();
        longer.push(0);
        assert!(decode(&longer, 2, 7, &file, &mut Vec::new()).is_err());
        for at in 0..bytes.len() {
            for value in [0u8, 0x7f, 0x80, 0xff] {
                let mut changed = bytes.clone();
                changed[at] = value;
                let _ = decode(&changed, 2, 7, &file, &mut Vec::new());
            }
        }
        let mut wrong_layout = bytes;
        wrong_layout[0] = 2;
        let err = decode(&wrong_layout, 2, 7, &file, &mut Vec::new()).expect_err("layout");
        assert!(err.to_string().contains("工作见证"), "{err}");
    }

    mod in_the_store {
        use super::*;
        use crate::domain::Person;
        use crate::store::Store;
        use crate::store::imported::{self, Source};
        use crate::store::sources::{self, ImportedRecord, RemovedKey};

        fn blocks(store: &Store) -> Vec<(i64, i64)> {
            store
                .conn()
                .prepare("SELECT person_id, records FROM evidence_blocks ORDER BY id")
                .expect("prepare")
                .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
                .expect("query")
                .collect::<rusqlite::Result<_>>()
                .expect("rows")
        }

        /// A person with three records imported from a ledger, and the
        /// records as the store gives them back.
        fn imported() -> (Store, i64, Vec<Evidence>) {
            let mut store = Store::open_in_memory().expect("store");
            let id = store
                .add_person(&Person {
                    name: "王伟".into(),
                    ..Person::default()
                })
                .expect("add");
            let records = [
                record(2, (2024, 3, 1), Some("BG-1"), Some("检验人员")),
                record(3, (2024, 3, 2), Some("BG-2"), Some("审核")),
                record(4, (2024, 3, 3), Some("BG-3"), Some("批准")),
            ];
            store
                .write(|tx| {
                    let source = sources::upsert(tx, "检验报告台账", "台账.xlsx", "ab", "测试")?;
                    let rows: Vec<_> = records.iter().map(|e| (id, e)).collect();
                    imported::insert_evidence(tx, &rows, Source::Stored(source))
                })
                .expect("insert");
            let stored = store.person(id).expect("load").person.evidence;
            assert_eq!(stored.len(), 3);
            assert_eq!(blocks(&store), vec![(id, 3)], "one block for the three");
            (store, id, stored)
        }

        /// Removing a record takes it out of its block into a removed row that a
        /// re-import skips; the last one removed takes the block with it.
        #[test]
        fn a_removed_record_leaves_its_block_for_a_removed_row() {
            let (mut store, id, stored) = imported();
            store
                .remove_imported(id, &ImportedRecord::Evidence(stored[1].clone()), "重复登记")
                .expect("remove");
            let left = store.person(id).expect("load").person.evidence;
            assert_eq!(left, vec![stored[0].clone(), stored[2].clone()]);
            assert_eq!(blocks(&store), vec![(id, 2)]);
            let row: (String, String, i64, i64, String) = store
                .conn()
                .query_row(
                    "SELECT date, kind, source_id, source_row, removed_note FROM evidence",
                    [],
                    |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
                )
                .expect("removed row");
            let source = stored[1].origin.as_ref().expect("origin").source;
            assert_eq!(
                row,
                (
                    "2024-03-02".into(),
                    "检验报告".into(),
                    source,
                    3,
                    "重复登记".into()
                )
            );
            assert_eq!(
                sources::removed_keys(store.conn()).expect("keys"),
                vec![(
                    id,
                    RemovedKey::Evidence(
                        "2024-03-02".into(),
                        Some("BG-2".into()),
                        Some("审核".into())
                    )
                )]
            );
            let again =
                store.remove_imported(id, &ImportedRecord::Evidence(stored[1].clone()), "再次");
            assert!(again.expect_err("gone").to_string().contains("已不存在"));
            for e in [&stored[0], &stored[2]] {
                store
                    .remove_imported(id, &ImportedRecord::Evidence(e.clone()), "核实有误")
                    .expect("remove");
            }
            assert!(store.person(id).expect("load").person.evidence.is_empty());
            assert!(blocks(&store).is_empty(), "the emptied block is gone");
            let audit = store.audit_for(id).expect("audit");
            assert_eq!(audit.iter().filter(|a| a.action == "移除").count(), 3);
        }

        /// Saving the person by hand keeps the block and its origins; deleting
        /// the person takes it; restoring the person brings it back whole.
        #[test]
        fn a_hand_save_keeps_blocks_and_a_deletion_takes_them() {
            let (mut store, id, stored) = imported();
            let mut p = store.person(id).expect("load").person;
            p.evidence.push(Evidence {
                origin: None,
                ..record(0, (2024, 4, 1), Some("手填"), None)
            });
            store.update_person(&p).expect("save");
            let after = store.person(id).expect("load").person.evidence;
            assert_eq!(after.len(), 4);
            assert!(stored.iter().all(|e| after.contains(e)), "{after:?}");
            assert_eq!(blocks(&store), vec![(id, 3)]);
            let deleted = store.delete_person(id).expect("delete");
            assert!(blocks(&store).is_empty());
            let back = store.restore_person(&deleted).expect("restore");
            let restored = store.person(back).expect("load").person.evidence;
            assert_eq!(restored.len(), 4);
            assert!(stored.iter().all(|e| restored.contains(e)), "{restored:?}");
            assert_eq!(blocks(&store), vec![(back, 3)], "back in one block");
        }

        /// A block another program damaged (bytes that do not read back, text
        /// for bytes, a count that does not match) is refused with a message
        /// when loaded and when a record is removed from it.
        #[test]
        fn a_damaged_block_is_refused_when_loaded_or_removed_from() {
            for damage in [
                "UPDATE evidence_blocks SET entries = x'01ff'",
                "UPDATE evidence_blocks SET entries = 'text'",
                "UPDATE evidence_blocks SET records = 2",
            ] {
                let (store, id, stored) = imported();
                store.conn().execute(damage, []).expect("damage");
                let err = store.person(id).expect_err("damaged");
                assert!(err.to_string().contains("无法识别"), "{damage}: {err}");
                let mut store = store;
                let err = store
                    .remove_imported(id, &ImportedRecord::Evidence(stored[0].clone()), "核实")
                    .expect_err("damaged");
                assert!(err.to_string().contains("无法识别"), "{damage}: {err}");
            }
        }
    }
}
