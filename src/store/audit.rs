//! 修改记录: the audit trail. Entries are appended in the same transaction as
//! the change they describe.

use chrono::NaiveDateTime;
use rusqlite::Connection;

use super::audit_chain::{self, StoredEntry};
use super::codec;
use crate::error::Result;

/// One audit entry: who changed what, from which value to which, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditEntry {
    pub at: NaiveDateTime,
    pub who: String,
    /// 新增, 修改, 删除, 人工认定, 确认疑点, 导入 …
    pub action: String,
    /// The kind of record: 人员, 设置, 人员条件 …
    pub entity: String,
    /// The person the entry is about, kept after the person is deleted.
    pub person_id: Option<i64>,
    /// Which record: a person's 姓名 and 身份证号, a setting's name.
    pub record: String,
    pub field: String,
    pub old_value: Option<String>,
    pub new_value: Option<String>,
    pub note: Option<String>,
}

/// The account a change is attributed to: the OS user, with the 填表人 when set.
pub fn actor(filler: &str) -> String {
    let os = std::env::var("USERNAME")
        .or_else(|_| std::env::var("USER"))
        .unwrap_or_else(|_| "未知用户".to_string());
    if filler.trim().is_empty() {
        os
    } else {
        format!("{}（{os}）", filler.trim())
    }
}

/// Appends `e` to the trail, chained to the entry before it (see audit_chain).
pub fn append(conn: &Connection, e: &AuditEntry) -> Result<()> {
    let (id, prev) = audit_chain::next_link(conn)?;
    let stored = StoredEntry {
        id,
        at: codec::timestamp(e.at),
        who: e.who.clone(),
        action: e.action.clone(),
        entity: e.entity.clone(),
        person_id: e.person_id.map(|p| p.to_string()),
        record: e.record.clone(),
        field: e.field.clone(),
        old_value: e.old_value.clone(),
        new_value: e.new_value.clone(),
        note: e.note.clone(),
    };
    audit_chain::insert(conn, &prev, &stored)
}

/// Entries about one person, oldest first.
pub fn for_person(conn: &Connection, person: i64) -> Result<Vec<AuditEntry>> {
    Ok(query(conn, "WHERE person_id = ?1", [person])?
        .into_iter()
        .map(|(_, e)| e)
        .collect())
}

fn query(
    conn: &Connection,
    filter: &str,
    args: impl rusqlite::Params,
) -> Result<Vec<(i64, AuditEntry)>> {
    audit_chain::read_rows(conn, filter, args)?
        .into_iter()
        .map(|(e, _, _)| {
            Ok((
                e.id,
                AuditEntry {
                    at: codec::parse_timestamp(&e.at)?,
                    who: e.who,
                    action: e.action,
                    entity: e.entity,
                    person_id: e.person_id.and_then(|p| p.parse().ok()),
                    record: e.record,
                    field: e.field,
                    old_value: e.old_value,
                    new_value: e.new_value,
                    note: e.note,
                },
            ))
        })
        .collect()
}
