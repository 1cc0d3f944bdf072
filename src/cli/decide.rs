//! `zicha decide`, `undecide` and `confirm`.

use crate::checks::{self, FlagCode};
use crate::domain::{Verdict, VerdictKind};
use crate::error::{Error, Result};
use crate::store::Store;

fn kind(text: &str) -> Result<VerdictKind> {
    VerdictKind::parse(text)
        .map_err(|m| Error::invalid("核查项目", m))?
        .ok_or_else(|| Error::invalid("核查项目", "不能为空"))
}

pub fn decide(
    store: &mut Store,
    person: &str,
    verdict: &str,
    value: &str,
    note: &str,
) -> Result<()> {
    let kind = kind(verdict)?;
    let value = match Verdict::parse(value) {
        Ok(Some(v)) if v != Verdict::Pending => v,
        _ => {
            return Err(Error::invalid(
                "结论",
                format!("“{}”不是可认定的结论，应为：是、否、-", value.trim()),
            ));
        }
    };
    let rec = store.find_person(person)?;
    let id = rec.person.id.unwrap_or_default();
    store.decide(id, kind, value, note)?;
    println!(
        "已人工认定：{} {} = {}",
        rec.person.name,
        kind.question(),
        value.label()
    );
    Ok(())
}

pub fn undecide(store: &mut Store, person: &str, verdict: &str, note: &str) -> Result<()> {
    let kind = kind(verdict)?;
    let rec = store.find_person(person)?;
    store.undecide(rec.person.id.unwrap_or_default(), kind, note)?;
    println!("已撤销人工认定：{} {}", rec.person.name, kind.question());
    Ok(())
}

pub fn confirm(store: &mut Store, person: &str, flag: &str, note: &str) -> Result<()> {
    let code = FlagCode::parse(flag).map_err(|m| Error::invalid("疑点", m))?;
    let rec = store.find_person(person)?;
    let roster = store.load_roster()?;
    let ctx = checks::CheckContext::new(&roster.settings, super::today());
    let dups = checks::duplicate_certificates(&roster.persons);
    let raised = checks::check_person(&rec, &ctx, &dups)
        .flags
        .iter()
        .any(|f| f.code == code);
    if !raised {
        return Err(Error::invalid(
            "疑点",
            format!(
                "{} 当前没有“{}”疑点，无需确认",
                rec.person.name,
                code.label()
            ),
        ));
    }
    store.confirm_flag(rec.person.id.unwrap_or_default(), code, note)?;
    println!("已确认疑点：{} {}", rec.person.name, code.label());
    Ok(())
}
