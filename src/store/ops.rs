//! The store's operations for the CLI and the app: each validates what the
//! clerk gave, changes the data in one transaction and records it in the audit trail.

use crate::checks::FlagCode;
use crate::domain::{
    FlagConfirmation, ManualVerdict, Person, PersonField, PersonRecord, SettingKey, Settings,
    StaffingLine, Verdict, VerdictKind,
};
use crate::error::{Error, Result};

use super::audit::{self, AuditEntry, actor};
use super::persons::record_label;
use super::{Store, codec, decisions, persons, settings};

fn require_note(note: &str) -> Result<String> {
    let n = note.trim();
    if n.is_empty() {
        return Err(Error::invalid(
            "说明",
            "不能为空，请写明依据（例如核实过程或文件编号）",
        ));
    }
    Ok(n.to_string())
}

/// An audit entry about a person.
fn entry(who: &str, action: &str, person: (i64, &Person), field: &str) -> AuditEntry {
    AuditEntry {
        at: codec::now(),
        who: who.to_string(),
        action: action.to_string(),
        entity: "人员".to_string(),
        person_id: Some(person.0),
        record: record_label(person.1),
        field: field.to_string(),
        old_value: None,
        new_value: None,
        note: None,
    }
}

fn rows_summary(p: &Person) -> [(&'static str, usize); 3] {
    [
        ("证书", p.certificates.len()),
        ("社保", p.social_insurance.len()),
        ("工作见证", p.evidence.len()),
    ]
}

impl Store {
    pub fn settings(&self) -> Result<Settings> {
        settings::load(self.conn())
    }

    /// The account changes are attributed to.
    pub fn actor(&self) -> Result<String> {
        Ok(actor(&self.settings()?.filler))
    }

    /// Sets one setting from text; a value that does not parse changes nothing.
    pub fn set_setting(&mut self, key: SettingKey, value: &str) -> Result<()> {
        let mut s = self.settings()?;
        s.set(key, value)?;
        self.write(|tx| settings::save(tx, &s, None))
    }

    pub fn save_settings(&mut self, new: &Settings) -> Result<()> {
        if new.agency_name.trim().is_empty() {
            return Err(Error::invalid("单位名称", "不能为空"));
        }
        self.write(|tx| settings::save(tx, new, None))
    }

    pub fn replace_staffing(&mut self, lines: &[StaffingLine]) -> Result<()> {
        for l in lines {
            if l.category.trim().is_empty() {
                return Err(Error::invalid("人员条件", "类别不能为空"));
            }
            if l.patterns.is_empty() {
                return Err(Error::invalid(
                    "人员条件",
                    format!("“{}”缺少证书项目", l.category),
                ));
            }
        }
        let who = self.actor()?;
        self.write(|tx| settings::replace_staffing(tx, lines, &who))
    }

    /// Adds a person; returns the new id.
    pub fn add_person(&mut self, p: &Person) -> Result<i64> {
        let who = self.actor()?;
        self.write(|tx| {
            let id = persons::insert(tx, p)?;
            audit::append(tx, &entry(&who, "新增", (id, p), "人员"))?;
            Ok(id)
        })
    }

    /// Saves an edited person, with one audit entry per changed field.
    pub fn update_person(&mut self, p: &Person) -> Result<()> {
        let id = p.id.ok_or_else(|| Error::Other("该人员尚未保存".into()))?;
        let who = self.actor()?;
        self.write(|tx| {
            let old = persons::load(tx, id)?.person;
            persons::update(tx, p)?;
            for f in PersonField::ALL {
                let (o, n) = (f.get(&old), f.get(p));
                if o != n {
                    let mut e = entry(&who, "修改", (id, p), f.header());
                    e.old_value = Some(o);
                    e.new_value = Some(n);
                    audit::append(tx, &e)?;
                }
            }
            let changed = |a: &Person, b: &Person| {
                [
                    a.certificates != b.certificates,
                    a.social_insurance != b.social_insurance,
                    a.evidence != b.evidence,
                ]
            };
            for ((table, old_n), ((_, new_n), differs)) in rows_summary(&old)
                .into_iter()
                .zip(rows_summary(p).into_iter().zip(changed(&old, p)))
            {
                if differs {
                    let mut e = entry(&who, "修改", (id, p), table);
                    e.old_value = Some(format!("{old_n}条"));
                    e.new_value = Some(format!("{new_n}条"));
                    audit::append(tx, &e)?;
                }
            }
            Ok(())
        })
    }

    pub fn delete_person(&mut self, id: i64) -> Result<PersonRecord> {
        let who = self.actor()?;
        self.write(|tx| {
            let old = persons::load(tx, id)?;
            persons::delete(tx, id)?;
            let mut e = entry(&who, "删除", (id, &old.person), "人员");
            e.old_value = serde_json::to_string(&old).ok();
            audit::append(tx, &e)?;
            Ok(old)
        })
    }

    /// Puts a deleted person back (the undo of [`Store::delete_person`]) with
    /// their decisions; returns the new id.
    pub fn restore_person(&mut self, rec: &PersonRecord) -> Result<i64> {
        let who = self.actor()?;
        self.write(|tx| {
            let mut p = rec.person.clone();
            p.id = None;
            let id = persons::insert(tx, &p)?;
            for m in &rec.decisions.manual {
                decisions::put_manual(tx, id, m)?;
            }
            for c in &rec.decisions.confirmations {
                decisions::put_confirmation(tx, id, c)?;
            }
            decisions::put_remark_override(tx, id, rec.decisions.remark_override.as_deref())?;
            let mut e = entry(&who, "恢复", (id, &p), "人员");
            let relinked = match rec.person.id {
                Some(old) => {
                    let label = persons::record_label(&p);
                    let was = super::attachments::deleted_label(&label, old);
                    super::attachments::relink(tx, id, &was)?
                }
                None => 0,
            };
            if relinked > 0 {
                e.note = Some(format!("附件 {relinked} 个随之恢复"));
            }
            audit::append(tx, &e)?;
            Ok(id)
        })
    }

    /// Finds a person by 身份证号 or unique 姓名.
    pub fn find_person(&self, query: &str) -> Result<PersonRecord> {
        let id = persons::find(self.conn(), query)?;
        persons::load(self.conn(), id)
    }

    pub fn person(&self, id: i64) -> Result<PersonRecord> {
        persons::load(self.conn(), id)
    }

    /// Sets a verdict by hand (人工认定) with a required note.
    pub fn decide(
        &mut self,
        person: i64,
        kind: VerdictKind,
        value: Verdict,
        note: &str,
    ) -> Result<()> {
        if value == Verdict::Pending {
            return Err(Error::invalid("人工认定结论", "只能认定为“是”“否”或“-”"));
        }
        let note = require_note(note)?;
        let who = self.actor()?;
        self.write(|tx| {
            let p = persons::load(tx, person)?.person;
            let old = decisions::manual_value(tx, person, kind)?;
            let m = ManualVerdict {
                kind,
                value,
                note: note.clone(),
                who: who.clone(),
                at: codec::now(),
            };
            decisions::put_manual(tx, person, &m)?;
            let mut e = entry(&who, "人工认定", (person, &p), kind.question());
            e.old_value = Some(old.unwrap_or_else(|| "自动核查".into()));
            e.new_value = Some(value.label().into());
            e.note = Some(note);
            audit::append(tx, &e)
        })
    }

    /// Removes a manual verdict, returning the row to the rules' verdict.
    pub fn undecide(&mut self, person: i64, kind: VerdictKind, note: &str) -> Result<()> {
        let note = require_note(note)?;
        let who = self.actor()?;
        self.write(|tx| {
            let p = persons::load(tx, person)?.person;
            let old = decisions::manual_value(tx, person, kind)?
                .ok_or_else(|| Error::invalid(kind.question(), "没有人工认定，无需撤销"))?;
            decisions::remove_manual(tx, person, kind)?;
            let mut e = entry(&who, "撤销人工认定", (person, &p), kind.question());
            e.old_value = Some(old);
            e.new_value = Some("自动核查".into());
            e.note = Some(note);
            audit::append(tx, &e)
        })
    }

    /// Confirms a flag with a required note, so it no longer blocks.
    pub fn confirm_flag(&mut self, person: i64, code: FlagCode, note: &str) -> Result<()> {
        let note = require_note(note)?;
        let who = self.actor()?;
        self.write(|tx| {
            let p = persons::load(tx, person)?.person;
            let c = FlagConfirmation {
                code: code.code().into(),
                note: note.clone(),
                who: who.clone(),
                at: codec::now(),
            };
            decisions::put_confirmation(tx, person, &c)?;
            let mut e = entry(&who, "确认疑点", (person, &p), code.label());
            e.old_value = Some("未确认".into());
            e.new_value = Some("已确认".into());
            e.note = Some(note);
            audit::append(tx, &e)
        })
    }

    pub fn unconfirm_flag(&mut self, person: i64, code: FlagCode, note: &str) -> Result<()> {
        let note = require_note(note)?;
        let who = self.actor()?;
        self.write(|tx| {
            let p = persons::load(tx, person)?.person;
            if decisions::remove_confirmation(tx, person, code.code())? == 0 {
                return Err(Error::invalid(
                    format!("疑点“{}”", code.label()),
                    "该疑点尚未确认，无需撤销",
                ));
            }
            let mut e = entry(&who, "撤销确认", (person, &p), code.label());
            e.old_value = Some("已确认".into());
            e.new_value = Some("未确认".into());
            e.note = Some(note);
            audit::append(tx, &e)
        })
    }

    /// Replaces the 存在问题及整改情况说明 by hand; `None` returns to the built text.
    pub fn set_remark(&mut self, person: i64, text: Option<&str>) -> Result<()> {
        let who = self.actor()?;
        let text = text.map(str::trim).filter(|t| !t.is_empty());
        self.write(|tx| {
            let p = persons::load(tx, person)?.person;
            let old = decisions::put_remark_override(tx, person, text)?;
            let mut e = entry(&who, "修改", (person, &p), "存在问题及整改情况说明");
            e.old_value = Some(old.unwrap_or_else(|| "（自动生成）".into()));
            e.new_value = Some(
                text.map(String::from)
                    .unwrap_or_else(|| "（自动生成）".into()),
            );
            audit::append(tx, &e)
        })
    }

    /// The audit trail of one person, oldest first.
    pub fn audit_for(&self, person: i64) -> Result<Vec<AuditEntry>> {
        audit::for_person(self.conn(), person)
    }
}
