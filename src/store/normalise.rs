//! Migration 3: stored 姓名 and 身份证号 rewritten as typing them now keeps them
//! (`text::normalize_name`, `text::normalize_id_number`), each change in the
//! 修改记录. Two persons whose numbers become one are both kept: the one whose
//! number was already written that way (else the first entered) takes it, the
//! other keeps its number as stored, and a note for the clerk names both.

use rusqlite::{Connection, params};

use super::audit::{self, AuditEntry};
use super::codec;
use crate::domain::text::{normalize_id_number, normalize_name};

/// Who the 修改记录 names for the migration's changes.
const WHO: &str = "本程序（数据库升级）";

struct Row {
    id: i64,
    name: String,
    id_number: Option<String>,
}

fn label(name: &str, id_number: Option<&str>) -> String {
    match id_number {
        Some(id) => format!("{name}（{id}）"),
        None => name.to_string(),
    }
}

/// Rewrites every person's 姓名 and 身份证号; returns the notes for the clerk
/// (empty when no two persons meet on one number).
pub fn normalise_persons(conn: &Connection) -> crate::Result<Vec<String>> {
    let rows: Vec<Row> = {
        let mut stmt = conn.prepare("SELECT id, name, id_number FROM persons ORDER BY id")?;
        stmt.query_map([], |r| {
            Ok(Row {
                id: r.get(0)?,
                name: r.get(1)?,
                id_number: r.get(2)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?
    };
    // Who keeps each normalised number: a person already written so, else the first.
    let mut owner: std::collections::HashMap<String, i64> = std::collections::HashMap::new();
    for r in &rows {
        if let Some(id) = &r.id_number {
            let n = normalize_id_number(id);
            if *id == n {
                owner.insert(n, r.id);
            }
        }
    }
    for r in &rows {
        if let Some(id) = &r.id_number {
            owner.entry(normalize_id_number(id)).or_insert(r.id);
        }
    }

    let mut notes = Vec::new();
    let at = codec::now();
    for r in &rows {
        let name = normalize_name(&r.name);
        let name = if name.is_empty() {
            r.name.clone()
        } else {
            name
        };
        let id_number = match &r.id_number {
            None => None,
            Some(id) => {
                let n = normalize_id_number(id);
                match owner.get(&n) {
                    _ if n.is_empty() => Some(id.clone()),
                    Some(o) if *o == r.id => Some(n),
                    Some(o) => {
                        let other = rows
                            .iter()
                            .find(|x| x.id == *o)
                            .map(|x| normalize_name(&x.name))
                            .unwrap_or_default();
                        notes.push(format!(
                            "人员“{name}”的身份证号“{id}”规范写法后为 {n}，与人员“{other}”相同。两人都已保留，“{name}”的身份证号仍按原样保存；请核对两人是否为同一人，改正或删除其中一条"
                        ));
                        Some(id.clone())
                    }
                    None => Some(n),
                }
            }
        };
        if name == r.name && id_number == r.id_number {
            continue;
        }
        conn.execute(
            "UPDATE persons SET name = ?1, id_number = ?2 WHERE id = ?3",
            params![name, id_number, r.id],
        )?;
        let record = label(&name, id_number.as_deref());
        let changes = [
            ("姓名", Some(r.name.clone()), Some(name.clone())),
            ("身份证号", r.id_number.clone(), id_number.clone()),
        ];
        for (field, old, new) in changes {
            if old == new {
                continue;
            }
            audit::append(
                conn,
                &AuditEntry {
                    at,
                    who: WHO.to_string(),
                    action: "修改".to_string(),
                    entity: "人员".to_string(),
                    person_id: Some(r.id),
                    record: record.clone(),
                    field: field.to_string(),
                    old_value: old,
                    new_value: new,
                    note: Some(
                        "统一姓名与身份证号的写法（去掉多余空格，末位 x 改为 X）".to_string(),
                    ),
                },
            )?;
        }
    }
    Ok(notes)
}
