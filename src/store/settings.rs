//! 单位信息 and 人员条件 in the store.

use rusqlite::{Connection, params};

use super::audit::{self, AuditEntry, actor};
use super::codec;
use crate::domain::{SettingKey, Settings, StaffingLine};
use crate::error::{Error, Result};

pub fn load(conn: &Connection) -> Result<Settings> {
    let mut s = Settings::default();
    let mut stmt = conn.prepare("SELECT key, value FROM settings")?;
    let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
    for row in rows {
        let (key, value) = row?;
        if let Ok(k) = SettingKey::find(&key) {
            // An empty stored 单位名称 is simply unset; other stored values were
            // validated when written.
            if !(k == SettingKey::AgencyName && value.is_empty()) {
                s.set(k, &value).map_err(|e| {
                    Error::Other(format!("数据库中的设置“{}”无法识别：{e}", k.label()))
                })?;
            }
        }
    }
    Ok(s)
}

/// Writes every setting that differs from the stored one, each with an audit entry.
pub fn save(conn: &Connection, new: &Settings, note: Option<&str>) -> Result<()> {
    let old = load(conn)?;
    let who = actor(&new.filler);
    for k in SettingKey::ALL {
        let (o, n) = (old.get(k), new.get(k));
        if o == n {
            continue;
        }
        conn.execute(
            "INSERT INTO settings (key, value) VALUES (?1, ?2)
             ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            params![k.key(), n],
        )?;
        audit::append(
            conn,
            &AuditEntry {
                at: codec::now(),
                who: who.clone(),
                action: "修改".into(),
                entity: "设置".into(),
                person_id: None,
                record: "单位信息".into(),
                field: k.label().into(),
                old_value: Some(o),
                new_value: Some(n),
                note: note.map(String::from),
            },
        )?;
    }
    Ok(())
}

pub fn load_staffing(conn: &Connection) -> Result<Vec<StaffingLine>> {
    let mut stmt = conn.prepare(
        "SELECT category, patterns, min_count FROM staffing_lines ORDER BY position, id",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(StaffingLine {
            category: r.get(0)?,
            patterns: StaffingLine::split_patterns(&r.get::<_, String>(1)?),
            min_count: r.get(2)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

/// Replaces the staffing table, with one audit entry holding old and new tables.
pub fn replace_staffing(conn: &Connection, lines: &[StaffingLine], who: &str) -> Result<()> {
    let render = |ls: &[StaffingLine]| {
        ls.iter()
            .map(|l| format!("{}：{}≥{}", l.category, l.patterns_text(), l.min_count))
            .collect::<Vec<_>>()
            .join("；")
    };
    let old = load_staffing(conn)?;
    if old == lines {
        return Ok(());
    }
    conn.execute("DELETE FROM staffing_lines", [])?;
    for (i, l) in lines.iter().enumerate() {
        conn.execute(
            "INSERT INTO staffing_lines (position, category, patterns, min_count) VALUES (?1, ?2, ?3, ?4)",
            params![i as i64, l.category, l.patterns_text(), l.min_count],
        )?;
    }
    audit::append(
        conn,
        &AuditEntry {
            at: codec::now(),
            who: who.to_string(),
            action: "修改".into(),
            entity: "人员条件".into(),
            person_id: None,
            record: "人员条件".into(),
            field: "人员条件".into(),
            old_value: Some(render(&old)),
            new_value: Some(render(lines)),
            note: None,
        },
    )?;
    Ok(())
}
