//! Writing a plan in one transaction, with the audit trail (修改记录): one
//! summary entry for the import, one entry per person added or removed, one per
//! field changed.

use rusqlite::Transaction;

use crate::domain::{Person, PersonField};
use crate::error::Result;
use crate::store::audit::{self, AuditEntry};
use crate::store::{persons, record_label, settings};

use super::plan::{Plan, RowCounts};

fn person_entry(
    who: &str,
    action: &str,
    id: i64,
    p: &Person,
    field: &str,
    note: &str,
) -> AuditEntry {
    AuditEntry {
        at: chrono::Local::now().naive_local(),
        who: who.to_string(),
        action: action.to_string(),
        entity: "人员".to_string(),
        person_id: Some(id),
        record: record_label(p),
        field: field.to_string(),
        old_value: None,
        new_value: None,
        note: Some(note.to_string()),
    }
}

fn counts_text(c: &RowCounts) -> String {
    format!(
        "证书{}条，社保{}个月，工作见证{}条",
        c.certificates, c.social_insurance, c.evidence
    )
}

/// Applies `plan` inside `tx`; `note` names the file and the mode for the audit trail.
pub fn apply(
    tx: &Transaction,
    plan: &Plan,
    who: &str,
    note: &str,
    summary: &str,
    progress: &mut dyn FnMut(f32),
) -> Result<()> {
    for r in &plan.removed {
        let Some(id) = r.person.id else { continue };
        persons::delete(tx, id)?;
        let mut e = person_entry(who, "删除", id, &r.person, "人员", note);
        e.old_value = serde_json::to_string(r).ok();
        audit::append(tx, &e)?;
    }
    let total = plan.persons.len().max(1) as f32;
    for (n, p) in plan.persons.iter().enumerate() {
        match &p.old {
            None => {
                let id = persons::insert(tx, &p.new)?;
                let mut e = person_entry(who, "新增", id, &p.new, "人员", note);
                e.new_value = Some(counts_text(&p.added));
                audit::append(tx, &e)?;
            }
            Some(old) if *old != p.new => {
                let Some(id) = old.id else { continue };
                persons::update(tx, &p.new)?;
                for f in PersonField::ALL {
                    let (o, n) = (f.get(old), f.get(&p.new));
                    if o != n {
                        let mut e = person_entry(who, "修改", id, &p.new, f.header(), note);
                        e.old_value = Some(o);
                        e.new_value = Some(n);
                        audit::append(tx, &e)?;
                    }
                }
                let rows = [
                    ("证书", old.certificates.len(), p.new.certificates.len()),
                    (
                        "社保",
                        old.social_insurance.len(),
                        p.new.social_insurance.len(),
                    ),
                    ("工作见证", old.evidence.len(), p.new.evidence.len()),
                ];
                let differs = [
                    old.certificates != p.new.certificates,
                    old.social_insurance != p.new.social_insurance,
                    old.evidence != p.new.evidence,
                ];
                for ((table, o, n), d) in rows.into_iter().zip(differs) {
                    if d {
                        let mut e = person_entry(who, "修改", id, &p.new, table, note);
                        e.old_value = Some(format!("{o}条"));
                        e.new_value = Some(format!("{n}条"));
                        audit::append(tx, &e)?;
                    }
                }
            }
            Some(_) => {}
        }
        if n % 256 == 0 {
            progress(n as f32 / total);
        }
    }
    if let Some((s, _)) = &plan.settings {
        settings::save(tx, s, Some(note))?;
    }
    if let Some(lines) = &plan.staffing {
        settings::replace_staffing(tx, lines, who)?;
    }
    audit::append(
        tx,
        &AuditEntry {
            at: chrono::Local::now().naive_local(),
            who: who.to_string(),
            action: "导入".into(),
            entity: "台账".into(),
            person_id: None,
            record: "台账工作簿".into(),
            field: "导入".into(),
            old_value: None,
            new_value: Some(summary.to_string()),
            note: Some(note.to_string()),
        },
    )?;
    progress(1.0);
    Ok(())
}
