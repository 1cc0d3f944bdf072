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

/// The account a change is attributed to: the 填表人 with the OS account in
/// brackets, either one alone when the other is unknown, and "未填写填表人" when
/// both are (never "未知用户").
pub fn actor(filler: &str) -> String {
    let os = ["USERNAME", "USER"]
        .iter()
        .filter_map(|k| std::env::var(k).ok())
        .find(|v| !v.trim().is_empty());
    actor_of(filler, os.as_deref())
}

fn actor_of(filler: &str, os: Option<&str>) -> String {
    match (filler.trim(), os.map(str::trim).filter(|s| !s.is_empty())) {
        ("", None) => NO_ACTOR.to_string(),
        ("", Some(os)) => os.to_string(),
        (filler, None) => filler.to_string(),
        (filler, Some(os)) => format!("{filler}（{os}）"),
    }
}

/// 操作人 of a change made with neither a 填表人 nor an OS account known.
pub const NO_ACTOR: &str = "未填写填表人";

/// The 字段 of an entry as the clerk reads it: a flag confirmation written
/// before labels were stored names its flag by code (`diploma.number_year`);
/// this gives its label (学历证书编号年份与毕业年份不符). Any other field as stored.
pub fn field_label(field: &str) -> &str {
    crate::checks::FlagCode::from_code(field).map_or(field, |f| f.label())
}

/// Appends `e` to the trail, chained to the entry before it (see audit_chain).
pub fn append(conn: &Connection, e: &AuditEntry) -> Result<()> {
    let (id, prev) = audit_chain::next_link(conn)?;
    audit_chain::insert(conn, &prev, &stored(id, e))
}

/// Appends `entries` in order, as [`append`] would one by one.
pub fn append_all(conn: &Connection, entries: &[AuditEntry]) -> Result<()> {
    let (first, prev) = audit_chain::next_link(conn)?;
    let stored: Vec<StoredEntry> = entries
        .iter()
        .zip(first..)
        .map(|(e, id)| stored(id, e))
        .collect();
    audit_chain::insert_all(conn, &prev, &stored)
}

/// `e` as stored under the number `id`.
fn stored(id: i64, e: &AuditEntry) -> StoredEntry {
    StoredEntry {
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
    }
}

/// Entries about one person, oldest first.
pub fn for_person(conn: &Connection, person: i64) -> Result<Vec<AuditEntry>> {
    Ok(query(conn, "WHERE person_id = ?1", [person])?
        .into_iter()
        .map(|(_, e)| e)
        .collect())
}

/// Entries about one kind of record (e.g. 报送记录), oldest first.
pub fn for_entity(conn: &Connection, entity: &str) -> Result<Vec<AuditEntry>> {
    Ok(query(conn, "WHERE entity = ?1", [entity])?
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flag_codes_read_as_labels() {
        assert_eq!(
            field_label("diploma.number_year"),
            "学历证书编号年份与毕业年份不符"
        );
        assert_eq!(field_label("岗位"), "岗位");
    }

    #[test]
    fn the_actor_never_says_unknown_user() {
        for (filler, os, who) in [
            ("李明", Some("liming"), "李明（liming）"),
            (" 李明 ", None, "李明"),
            ("", Some("liming"), "liming"),
            ("", None, "未填写填表人"),
            ("  ", None, "未填写填表人"),
        ] {
            assert_eq!(actor_of(filler, os), who, "{filler:?} {os:?}");
        }
    }
}
