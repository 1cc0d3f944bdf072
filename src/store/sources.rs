//! 来源: the files records were imported from, the report ledger's findings,
//! the column mappings the clerk chose, and removing an imported record.

use rusqlite::{Connection, OptionalExtension, params};

use super::audit::{self, AuditEntry};
use super::{Store, codec, evidence_blocks, imported, persons};
use crate::domain::{Evidence, SocialInsuranceMonth};
use crate::error::{Error, Result};

/// One file records were imported from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceFile {
    pub id: i64,
    /// 单位参保缴费明细, 参保缴费证明 or 检验报告台账.
    pub kind: String,
    pub file_name: String,
    pub sha256: String,
    /// When it was first imported, as stored (YYYY-MM-DD HH:MM:SS).
    pub imported_at: String,
    pub who: String,
}

/// A signer of a ledger's report whom the roster cannot name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LedgerFinding {
    /// 不在台账 (nobody of that name) or 同名无法区分 (several).
    pub kind: String,
    pub name: String,
    pub report_number: Option<String>,
    pub report_date: Option<String>,
    /// 检验, 审核 or 批准.
    pub role: Option<String>,
    pub row: u32,
    /// The ledger's file name.
    pub file_name: String,
}

/// The id of the source with this kind and SHA-256, inserting it when new.
pub fn upsert(
    conn: &Connection,
    kind: &str,
    file_name: &str,
    sha256: &str,
    who: &str,
) -> Result<i64> {
    let found: Option<i64> = conn
        .query_row(
            "SELECT id FROM sources WHERE kind = ?1 AND sha256 = ?2",
            params![kind, sha256],
            |r| r.get(0),
        )
        .optional()?;
    if let Some(id) = found {
        return Ok(id);
    }
    conn.execute(
        "INSERT INTO sources (kind, file_name, sha256, imported_at, who) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![kind, file_name, sha256, codec::timestamp(codec::now()), who],
    )?;
    Ok(conn.last_insert_rowid())
}

/// Every source file, oldest first.
pub fn load_all(conn: &Connection) -> Result<Vec<SourceFile>> {
    let mut stmt = conn
        .prepare("SELECT id, kind, file_name, sha256, imported_at, who FROM sources ORDER BY id")?;
    let rows = stmt.query_map([], |r| {
        Ok(SourceFile {
            id: r.get(0)?,
            kind: r.get(1)?,
            file_name: r.get(2)?,
            sha256: r.get(3)?,
            imported_at: r.get(4)?,
            who: r.get(5)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

/// Replaces the findings of the ledger `source`.
pub fn replace_findings(conn: &Connection, source: i64, findings: &[LedgerFinding]) -> Result<()> {
    conn.execute("DELETE FROM ledger_findings WHERE source_id = ?1", [source])?;
    let mut stmt = conn.prepare_cached(
        "INSERT INTO ledger_findings (source_id, kind, name, report_number, report_date, role, source_row)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?;
    for f in findings {
        stmt.execute(params![
            source,
            f.kind,
            f.name,
            f.report_number,
            f.report_date,
            f.role,
            f.row
        ])?;
    }
    Ok(())
}

/// Every stored ledger finding, by ledger and row.
pub fn load_findings(conn: &Connection) -> Result<Vec<LedgerFinding>> {
    let mut stmt = conn.prepare(
        "SELECT l.kind, l.name, l.report_number, l.report_date, l.role, l.source_row, s.file_name
         FROM ledger_findings l JOIN sources s ON s.id = l.source_id
         ORDER BY l.source_id, l.source_row, l.id",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(LedgerFinding {
            kind: r.get(0)?,
            name: r.get(1)?,
            report_number: r.get(2)?,
            report_date: r.get(3)?,
            role: r.get(4)?,
            row: r.get(5)?,
            file_name: r.get(6)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

/// The column mapping remembered for files of `kind` with these headers.
pub fn mapping(conn: &Connection, kind: &str, headers: &str) -> Result<Option<String>> {
    Ok(conn
        .query_row(
            "SELECT mapping FROM column_mappings WHERE kind = ?1 AND headers = ?2",
            params![kind, headers],
            |r| r.get(0),
        )
        .optional()?)
}

/// Every column mapping remembered for files of `kind`, by their headers.
pub fn mappings(
    conn: &Connection,
    kind: &str,
) -> Result<std::collections::HashMap<String, String>> {
    let mut stmt = conn.prepare("SELECT headers, mapping FROM column_mappings WHERE kind = ?1")?;
    let rows = stmt.query_map(params![kind], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Remembers a column mapping for files of `kind` with these headers.
pub fn remember_mapping(conn: &Connection, kind: &str, headers: &str, mapping: &str) -> Result<()> {
    conn.execute(
        "INSERT INTO column_mappings (kind, headers, mapping) VALUES (?1, ?2, ?3)
         ON CONFLICT(kind, headers) DO UPDATE SET mapping = excluded.mapping",
        params![kind, headers, mapping],
    )?;
    Ok(())
}

/// Keys of the imported records the clerk removed, per person: re-importing
/// their file must not bring them back.
pub fn removed_keys(conn: &Connection) -> Result<Vec<(i64, RemovedKey)>> {
    let mut out = Vec::new();
    let mut stmt = conn.prepare(
        "SELECT person_id, month, payer FROM social_insurance WHERE removed_note IS NOT NULL",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        out.push((
            r.get(0)?,
            RemovedKey::Month(codec::parse_month(&r.get::<_, String>(1)?)?, r.get(2)?),
        ));
    }
    let mut stmt = conn.prepare(
        "SELECT person_id, date, number, description FROM evidence WHERE removed_note IS NOT NULL",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        out.push((
            r.get(0)?,
            RemovedKey::Evidence(r.get(1)?, r.get(2)?, r.get(3)?),
        ));
    }
    Ok(out)
}

/// What identifies a removed imported record.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum RemovedKey {
    /// Month and payer as stored.
    Month(crate::domain::YearMonth, Option<String>),
    /// Date (YYYY-MM-DD), number and description as stored.
    Evidence(String, Option<String>, Option<String>),
}

/// One imported record of a person, to remove.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImportedRecord {
    Month(SocialInsuranceMonth),
    Evidence(Evidence),
}

impl Store {
    /// Every source file, oldest first.
    pub fn sources(&self) -> Result<Vec<SourceFile>> {
        load_all(self.conn())
    }

    /// Every finding of the imported report ledgers.
    pub fn ledger_findings(&self) -> Result<Vec<LedgerFinding>> {
        load_findings(self.conn())
    }

    /// Removes an imported record of the person `person` with the clerk's
    /// `note`: it no longer counts, stays stored with the note, and the 修改记录
    /// names it with its source. A record typed by hand is edited in the form
    /// instead.
    pub fn remove_imported(
        &mut self,
        person: i64,
        record: &ImportedRecord,
        note: &str,
    ) -> Result<()> {
        let note = crate::domain::text::clean_text(note);
        if note.is_empty() {
            return Err(Error::invalid("说明", "移除导入的记录须写明原因"));
        }
        let who = self.actor()?;
        let rec = persons::load(self.conn(), person)?;
        let label = persons::record_label(&rec.person);
        self.write(|tx| {
            let (entity, what, origin, changed) = match record {
                ImportedRecord::Month(m) => {
                    let o = m.origin.as_ref().ok_or_else(|| {
                        Error::Other("这条社保记录是手工录入的，请在表单中修改".into())
                    })?;
                    let n = tx.execute(
                        "UPDATE social_insurance SET removed_note = ?1 WHERE id = (
                           SELECT id FROM social_insurance WHERE person_id = ?2 AND month = ?3
                             AND payer IS ?4 AND source_id = ?5 AND source_row = ?6
                             AND removed_note IS NULL LIMIT 1)",
                        params![note, person, m.month.iso(), m.payer, o.source, o.row],
                    )?;
                    let payer = m.payer.clone().unwrap_or_else(|| "本单位".into());
                    ("社保", format!("{}（{payer}）", m.month.chinese()), o, n)
                }
                ImportedRecord::Evidence(e) => {
                    let o = e.origin.as_ref().ok_or_else(|| {
                        Error::Other("这条工作见证是手工录入的，请在表单中修改".into())
                    })?;
                    // A row of an older version, else a record of a block,
                    // which leaves it as a removed row.
                    let mut n = tx.execute(
                        "UPDATE evidence SET removed_note = ?1 WHERE id = (
                           SELECT id FROM evidence WHERE person_id = ?2 AND date = ?3
                             AND number IS ?4 AND description IS ?5 AND source_id = ?6
                             AND source_row = ?7 AND removed_note IS NULL LIMIT 1)",
                        params![
                            note,
                            person,
                            e.date.to_string(),
                            e.number,
                            e.description,
                            o.source,
                            o.row
                        ],
                    )?;
                    if n == 0
                        && let Some(taken) = evidence_blocks::take(tx, person, e, o)?
                    {
                        imported::insert_removed_evidence(tx, person, &taken, &note)?;
                        n = 1;
                    }
                    let number = e.number.clone().unwrap_or_default();
                    ("工作见证", format!("{} {number}", e.date), o, n)
                }
            };
            if changed == 0 {
                return Err(Error::Other("要移除的记录已不存在，请刷新后重试".into()));
            }
            audit::append(
                tx,
                &AuditEntry {
                    at: codec::now(),
                    who: who.clone(),
                    action: "移除".into(),
                    entity: entity.into(),
                    person_id: Some(person),
                    record: label.clone(),
                    field: "导入的记录".into(),
                    old_value: Some(format!(
                        "{what}（来源：{} 第{}行）",
                        origin.file, origin.row
                    )),
                    new_value: None,
                    note: Some(note.clone()),
                },
            )
        })
    }
}
