//! The 辖区汇总（附件2） tables: received files (接收), the regulator's own
//! figures, the 考试机构 and the part (二) edits. Every change is one
//! transaction with its 修改记录 entry. What a received file holds is stored as
//! the JSON its reader (src/annex2) gives: the store does not interpret it.

use rusqlite::{Connection, OptionalExtension, params};

use super::Store;
use super::audit::{self, AuditEntry};
use super::codec;
use crate::error::{Error, Result};

/// A received file to store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewReceipt {
    /// `annex1` or `roster`.
    pub kind: &'static str,
    pub file_name: String,
    pub sha256: String,
    pub agency_name: String,
    /// The agency name normalised (rules.md: white space removed, width folded).
    pub agency_key: String,
    /// 填报日期 (ISO), when the file gives one.
    pub fill_date: Option<String>,
    pub content: String,
}

/// A stored receipt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Receipt {
    pub id: i64,
    pub kind: String,
    pub file_name: String,
    pub sha256: String,
    pub agency_name: String,
    pub agency_key: String,
    pub fill_date: Option<String>,
    pub received_at: String,
    pub who: String,
    /// The receipt that replaced this one; `None` for a current one.
    pub replaced_by: Option<i64>,
    pub content: String,
}

/// What storing a receipt did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Stored {
    /// Stored as the agency's current file; `replaced` names the receipt it replaced.
    Current { id: i64, replaced: Option<i64> },
    /// Stored as history: the agency's current file has a later 填报日期.
    History { id: i64, current: i64 },
    /// The same file (SHA-256 and kind) was received before: nothing stored.
    AlreadyReceived { id: i64 },
}

/// One 考试机构 row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExamRow {
    pub name: String,
    pub problems: String,
    pub rectification: String,
}

/// The regulator's edit of one agency's part (二) row.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListEdit {
    pub problems: Option<String>,
    pub rectification: Option<String>,
}

const COLUMNS: &str = "id, kind, file_name, sha256, agency_name, agency_key, fill_date, \
                       received_at, who, replaced_by, content";

fn receipt(r: &rusqlite::Row) -> rusqlite::Result<Receipt> {
    Ok(Receipt {
        id: r.get(0)?,
        kind: r.get(1)?,
        file_name: r.get(2)?,
        sha256: r.get(3)?,
        agency_name: r.get(4)?,
        agency_key: r.get(5)?,
        fill_date: r.get(6)?,
        received_at: r.get(7)?,
        who: r.get(8)?,
        replaced_by: r.get(9)?,
        content: r.get(10)?,
    })
}

fn entry(who: &str, action: &str, entity: &str, record: &str) -> AuditEntry {
    AuditEntry {
        at: codec::now(),
        who: who.to_string(),
        action: action.to_string(),
        entity: entity.to_string(),
        person_id: None,
        record: record.to_string(),
        field: String::new(),
        old_value: None,
        new_value: None,
        note: None,
    }
}

/// Every receipt, oldest first (history included).
pub fn receipts(conn: &Connection) -> Result<Vec<Receipt>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLUMNS} FROM annex2_receipts ORDER BY id"
    ))?;
    let rows = stmt.query_map([], receipt)?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

fn store_receipt(conn: &Connection, new: &NewReceipt, who: &str) -> Result<Stored> {
    let same: Option<i64> = conn
        .query_row(
            "SELECT id FROM annex2_receipts WHERE sha256 = ?1 AND kind = ?2",
            params![new.sha256, new.kind],
            |r| r.get(0),
        )
        .optional()?;
    if let Some(id) = same {
        return Ok(Stored::AlreadyReceived { id });
    }
    let current: Option<(i64, Option<String>)> = conn
        .query_row(
            "SELECT id, fill_date FROM annex2_receipts
             WHERE kind = ?1 AND agency_key = ?2 AND replaced_by IS NULL",
            params![new.kind, new.agency_key],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    conn.execute(
        "INSERT INTO annex2_receipts (kind, file_name, sha256, agency_name, agency_key,
             fill_date, received_at, who, content)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![
            new.kind,
            new.file_name,
            new.sha256,
            new.agency_name,
            new.agency_key,
            new.fill_date,
            codec::timestamp(codec::now()),
            who,
            new.content
        ],
    )?;
    let id = conn.last_insert_rowid();
    let outcome = match current {
        // The later 填报日期 wins; on equal (or missing) dates the later receipt.
        Some((old, old_date)) if older(&new.fill_date, &old_date) => {
            conn.execute(
                "UPDATE annex2_receipts SET replaced_by = ?1 WHERE id = ?2",
                params![old, id],
            )?;
            Stored::History { id, current: old }
        }
        Some((old, _)) => {
            conn.execute(
                "UPDATE annex2_receipts SET replaced_by = ?1 WHERE id = ?2",
                params![id, old],
            )?;
            Stored::Current {
                id,
                replaced: Some(old),
            }
        }
        None => Stored::Current { id, replaced: None },
    };
    let mut e = entry(
        who,
        "接收",
        if new.kind == "annex1" {
            "附件1"
        } else {
            "台账工作簿"
        },
        &new.agency_name,
    );
    e.field = new.file_name.clone();
    e.new_value = Some(format!("SHA-256 {}", new.sha256));
    e.note = match &outcome {
        Stored::Current {
            replaced: Some(old),
            ..
        } => Some(format!("替换此前接收的第 {old} 份")),
        Stored::History { current, .. } => Some(format!("填报日期早于第 {current} 份，仅存为历史")),
        _ => None,
    };
    audit::append(conn, &e)?;
    Ok(outcome)
}

/// Whether a receipt dated `new` is older than the current one dated `old`.
fn older(new: &Option<String>, old: &Option<String>) -> bool {
    match (new, old) {
        (Some(n), Some(o)) => n < o,
        (None, Some(_)) => true,
        _ => false,
    }
}

impl Store {
    /// Stores a received file: the agency's current one unless its current
    /// file has a later 填报日期; the same file twice is stored once.
    pub fn receive(&mut self, new: &NewReceipt) -> Result<Stored> {
        let who = self.actor()?;
        self.write(|tx| store_receipt(tx, new, &who))
    }

    /// Stores several received files in one transaction (all or none).
    pub fn receive_all(&mut self, new: &[NewReceipt]) -> Result<Vec<Stored>> {
        let who = self.actor()?;
        self.write(|tx| new.iter().map(|n| store_receipt(tx, n, &who)).collect())
    }

    pub fn receipts(&self) -> Result<Vec<Receipt>> {
        receipts(self.conn())
    }

    /// The regulator's figures, by key.
    pub fn annex2_figures(&self) -> Result<Vec<(String, i64)>> {
        let mut stmt = self
            .conn()
            .prepare("SELECT key, value FROM annex2_figures ORDER BY key")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// Sets one of the regulator's figures (validated by the caller).
    pub fn set_annex2_figure(&mut self, key: &str, value: i64) -> Result<()> {
        let who = self.actor()?;
        self.write(|tx| {
            let old: Option<i64> = tx
                .query_row(
                    "SELECT value FROM annex2_figures WHERE key = ?1",
                    [key],
                    |r| r.get(0),
                )
                .optional()?;
            if old == Some(value) {
                return Ok(());
            }
            tx.execute(
                "INSERT INTO annex2_figures (key, value) VALUES (?1, ?2)
                 ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                params![key, value],
            )?;
            let mut e = entry(&who, "修改", "附件2数字", "附件2");
            e.field = key.to_string();
            e.old_value = old.map(|v| v.to_string());
            e.new_value = Some(value.to_string());
            audit::append(tx, &e)
        })
    }

    /// The 考试机构 with their ids, in the order added.
    pub fn exam_rows(&self) -> Result<Vec<(i64, ExamRow)>> {
        let mut stmt = self
            .conn()
            .prepare("SELECT id, name, problems, rectification FROM annex2_exam ORDER BY id")?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get(0)?,
                ExamRow {
                    name: r.get(1)?,
                    problems: r.get(2)?,
                    rectification: r.get(3)?,
                },
            ))
        })?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// Removes the 考试机构 `id`, written in the 修改记录 as adding is; returns
    /// its name.
    pub fn remove_exam_row(&mut self, id: i64) -> Result<String> {
        let who = self.actor()?;
        self.write(|tx| {
            let row: Option<(String, String, String)> = tx
                .query_row(
                    "SELECT name, problems, rectification FROM annex2_exam WHERE id = ?1",
                    [id],
                    |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
                )
                .optional()?;
            let Some((name, problems, rectification)) = row else {
                return Err(Error::invalid("考试机构", "已不存在（可能已被删除）"));
            };
            tx.execute("DELETE FROM annex2_exam WHERE id = ?1", [id])?;
            let mut e = entry(&who, "删除", "考试机构", &name);
            e.old_value = Some(format!("{problems}｜{rectification}"));
            audit::append(tx, &e)?;
            Ok(name)
        })
    }

    /// Removes the 考试机构 called `name` (compared as names of units are);
    /// of several so called, the last added. Returns the removed name and how
    /// many of that name are left. None so called: an error naming it.
    pub fn remove_exam_named(&mut self, name: &str) -> Result<(String, usize)> {
        let named: Vec<i64> = self
            .exam_rows()?
            .into_iter()
            .filter(|(_, e)| crate::domain::text::same_unit(&e.name, name))
            .map(|(id, _)| id)
            .collect();
        let Some(&last) = named.last() else {
            return Err(Error::invalid(
                "考试机构",
                format!("没有名为“{}”的考试机构", name.trim()),
            ));
        };
        Ok((self.remove_exam_row(last)?, named.len() - 1))
    }

    pub fn add_exam_row(&mut self, row: &ExamRow) -> Result<()> {
        let who = self.actor()?;
        self.write(|tx| {
            tx.execute(
                "INSERT INTO annex2_exam (name, problems, rectification) VALUES (?1, ?2, ?3)",
                params![row.name, row.problems, row.rectification],
            )?;
            let mut e = entry(&who, "新增", "考试机构", &row.name);
            e.new_value = Some(format!("{}｜{}", row.problems, row.rectification));
            audit::append(tx, &e)
        })
    }

    pub fn list_edits(&self) -> Result<Vec<(String, ListEdit)>> {
        let mut stmt = self
            .conn()
            .prepare("SELECT agency_key, problems, rectification FROM annex2_list_edits")?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get(0)?,
                ListEdit {
                    problems: r.get(1)?,
                    rectification: r.get(2)?,
                },
            ))
        })?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// Keeps (or, with both parts `None`, drops) the regulator's edit of an
    /// agency's part (二) row.
    pub fn set_list_edit(&mut self, agency_key: &str, agency: &str, edit: &ListEdit) -> Result<()> {
        let who = self.actor()?;
        self.write(|tx| {
            if edit.problems.is_none() && edit.rectification.is_none() {
                tx.execute(
                    "DELETE FROM annex2_list_edits WHERE agency_key = ?1",
                    [agency_key],
                )?;
            } else {
                tx.execute(
                    "INSERT INTO annex2_list_edits (agency_key, problems, rectification)
                     VALUES (?1, ?2, ?3)
                     ON CONFLICT(agency_key) DO UPDATE
                     SET problems = excluded.problems, rectification = excluded.rectification",
                    params![agency_key, edit.problems, edit.rectification],
                )?;
            }
            let mut e = entry(&who, "修改", "附件2清单", agency);
            e.field = "存在问题说明／整改情况说明".into();
            e.new_value = Some(format!(
                "{}｜{}",
                edit.problems.as_deref().unwrap_or("（自动生成）"),
                edit.rectification.as_deref().unwrap_or("（自动生成）")
            ));
            audit::append(tx, &e)
        })
    }
}
