//! 学信网 备案表 fields read from an attachment (issue 15), kept as the
//! person's facts (migration 008). Saving writes the fields and their 修改记录
//! entry in one transaction; loading gives each person the records of their
//! current (not removed) attachments.

use std::collections::HashMap;

use rusqlite::{Connection, params};

use super::audit::{self, AuditEntry};
use super::{Store, codec, persons};
use crate::domain::{ChsiRecord, PersonRecord, RecordField};
use crate::error::{Error, Result};

/// Adds to `records` (indexed by person id) the 备案表 of their current attachments.
pub fn load_into(
    conn: &Connection,
    index: &HashMap<i64, usize>,
    records: &mut [PersonRecord],
) -> Result<()> {
    let mut stmt = conn.prepare_cached(
        "SELECT a.person_id, f.attachment_id, f.field, f.value
         FROM chsi_record_fields f JOIN attachments a ON a.id = f.attachment_id
         WHERE a.person_id IS NOT NULL AND a.removed_note IS NULL
         ORDER BY f.attachment_id",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let Some(&i) = index.get(&r.get::<_, i64>(0)?) else {
            continue;
        };
        let attachment: i64 = r.get(1)?;
        let Some(field) = RecordField::from_key(&r.get::<_, String>(2)?) else {
            continue;
        };
        let list = &mut records[i].person.chsi_records;
        if list.last().is_none_or(|c| c.attachment_id != attachment) {
            list.push(ChsiRecord {
                attachment_id: attachment,
                ..Default::default()
            });
        }
        if let Some(last) = list.last_mut() {
            last.fields.insert(field, r.get(3)?);
        }
    }
    Ok(())
}

impl Store {
    /// Keeps the fields of `record` as read from the attachment `attachment`
    /// (replacing an earlier reading of it), with its 修改记录 entry.
    pub fn save_chsi_record(&mut self, attachment: i64, record: &ChsiRecord) -> Result<()> {
        let (person, file): (i64, String) = self
            .conn()
            .query_row(
                "SELECT person_id, file_name FROM attachments
                 WHERE id = ?1 AND person_id IS NOT NULL",
                [attachment],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .map_err(|_| Error::Other("该附件已不存在，请刷新后重试".into()))?;
        let rec = persons::load(self.conn(), person)?;
        let label = persons::record_label(&rec.person);
        let who = self.actor()?;
        self.write(|tx| {
            tx.execute(
                "DELETE FROM chsi_record_fields WHERE attachment_id = ?1",
                [attachment],
            )?;
            for (field, value) in &record.fields {
                tx.execute(
                    "INSERT INTO chsi_record_fields (attachment_id, field, value) VALUES (?1, ?2, ?3)",
                    params![attachment, field.key(), value],
                )?;
            }
            audit::append(
                tx,
                &AuditEntry {
                    at: codec::now(),
                    who: who.clone(),
                    action: "读取备案表".into(),
                    entity: "附件".into(),
                    person_id: Some(person),
                    record: label.clone(),
                    field: "学历备案表".into(),
                    old_value: None,
                    new_value: Some(format!("{file}：{}", record.lines().join("，"))),
                    note: None,
                },
            )
        })
    }
}
