//! 修改记录: the audit trail. Entries are appended in the same transaction as
//! the change they describe.

use chrono::NaiveDateTime;
use rusqlite::{Connection, params};

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

pub fn append(conn: &Connection, e: &AuditEntry) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO audit_log (at, who, action, entity, person_id, record, field, old_value, new_value, note)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    )?
    .execute(params![
            codec::timestamp(e.at),
            e.who,
            e.action,
            e.entity,
            e.person_id,
            e.record,
            e.field,
            e.old_value,
            e.new_value,
            e.note
        ],
    )?;
    Ok(())
}

/// Entries about one person, oldest first.
pub fn for_person(conn: &Connection, person: i64) -> Result<Vec<AuditEntry>> {
    let mut stmt = conn.prepare(
        "SELECT at, who, action, entity, person_id, record, field, old_value, new_value, note
         FROM audit_log WHERE person_id = ?1 ORDER BY id",
    )?;
    let rows = stmt.query_map([person], |r| {
        Ok((
            r.get::<_, String>(0)?,
            AuditEntry {
                at: NaiveDateTime::MIN,
                who: r.get(1)?,
                action: r.get(2)?,
                entity: r.get(3)?,
                person_id: r.get(4)?,
                record: r.get(5)?,
                field: r.get(6)?,
                old_value: r.get(7)?,
                new_value: r.get(8)?,
                note: r.get(9)?,
            },
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (at, mut e) = row?;
        e.at = codec::parse_timestamp(&at)?;
        out.push(e);
    }
    Ok(out)
}
