//! 人工认定, flag confirmations and hand-written remarks in the store.

use std::collections::HashMap;

use rusqlite::{Connection, OptionalExtension, params};

use super::codec;
use crate::domain::{FlagConfirmation, ManualVerdict, PersonRecord, Verdict, VerdictKind};
use crate::error::Result;

pub fn load_into(
    conn: &Connection,
    index: &HashMap<i64, usize>,
    records: &mut [PersonRecord],
) -> Result<()> {
    let mut stmt = conn.prepare(
        "SELECT person_id, kind, value, note, who, at FROM manual_verdicts ORDER BY rowid",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let Some(&i) = index.get(&r.get::<_, i64>(0)?) else {
            continue;
        };
        let kind = codec::parse_label(Some(r.get(1)?), VerdictKind::parse, "核查项目")?;
        let value = codec::parse_label(Some(r.get(2)?), Verdict::parse, "核查结论")?;
        if let (Some(kind), Some(value)) = (kind, value) {
            records[i].decisions.manual.push(ManualVerdict {
                kind,
                value,
                note: r.get(3)?,
                who: r.get(4)?,
                at: codec::parse_timestamp(&r.get::<_, String>(5)?)?,
            });
        }
    }
    let mut stmt = conn
        .prepare("SELECT person_id, code, note, who, at FROM flag_confirmations ORDER BY rowid")?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let Some(&i) = index.get(&r.get::<_, i64>(0)?) else {
            continue;
        };
        records[i].decisions.confirmations.push(FlagConfirmation {
            code: r.get(1)?,
            note: r.get(2)?,
            who: r.get(3)?,
            at: codec::parse_timestamp(&r.get::<_, String>(4)?)?,
        });
    }
    Ok(())
}

/// The manual verdict stored for a person and question, as its label.
pub fn manual_value(conn: &Connection, person: i64, kind: VerdictKind) -> Result<Option<String>> {
    Ok(conn
        .query_row(
            "SELECT value FROM manual_verdicts WHERE person_id = ?1 AND kind = ?2",
            params![person, kind.label()],
            |r| r.get(0),
        )
        .optional()?)
}

pub fn put_manual(conn: &Connection, person: i64, m: &ManualVerdict) -> Result<()> {
    conn.execute(
        "INSERT INTO manual_verdicts (person_id, kind, value, note, who, at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT(person_id, kind) DO UPDATE SET value = excluded.value, note = excluded.note,
             who = excluded.who, at = excluded.at",
        params![person, m.kind.label(), m.value.label(), m.note, m.who, codec::timestamp(m.at)],
    )?;
    Ok(())
}

pub fn remove_manual(conn: &Connection, person: i64, kind: VerdictKind) -> Result<usize> {
    Ok(conn.execute(
        "DELETE FROM manual_verdicts WHERE person_id = ?1 AND kind = ?2",
        params![person, kind.label()],
    )?)
}

pub fn put_confirmation(conn: &Connection, person: i64, c: &FlagConfirmation) -> Result<()> {
    conn.execute(
        "INSERT INTO flag_confirmations (person_id, code, note, who, at) VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT(person_id, code) DO UPDATE SET note = excluded.note, who = excluded.who, at = excluded.at",
        params![person, c.code, c.note, c.who, codec::timestamp(c.at)],
    )?;
    Ok(())
}

pub fn remove_confirmation(conn: &Connection, person: i64, code: &str) -> Result<usize> {
    Ok(conn.execute(
        "DELETE FROM flag_confirmations WHERE person_id = ?1 AND code = ?2",
        params![person, code],
    )?)
}

pub fn put_remark_override(
    conn: &Connection,
    person: i64,
    text: Option<&str>,
) -> Result<Option<String>> {
    let old: Option<String> = conn.query_row(
        "SELECT remark_override FROM persons WHERE id = ?1",
        [person],
        |r| r.get(0),
    )?;
    conn.execute(
        "UPDATE persons SET remark_override = ?1 WHERE id = ?2",
        params![text, person],
    )?;
    Ok(old)
}
