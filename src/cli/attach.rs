//! `zicha attach`, `zicha attachments` (附件材料) and `zicha archive export`.

use std::path::PathBuf;

use clap::Subcommand;

use crate::domain::AttachmentKind;
use crate::error::{Error, Result};
use crate::store::Store;
use crate::store::attachments::{Attachment, cites_label, size_label};
use crate::store::blobs;

#[derive(Debug, Subcommand)]
pub enum ArchiveAction {
    /// 导出核查档案：每人一个文件夹（序号_姓名），内有其附件和一页核查情况 PDF
    Export {
        /// 导出到此文件夹（不存在或为空）
        #[arg(value_name = "文件夹")]
        dir: PathBuf,
    },
}

fn kind_of(text: &str) -> Result<Option<AttachmentKind>> {
    AttachmentKind::parse(text).map_err(|m| Error::invalid("附件类别", m))
}

/// Attaches every file to the person; all are checked first, so one refused
/// file stores none of them. A PDF that reads as a 学信网 备案表 has its fields
/// and differences printed; with `fill`, its values go into the empty diploma fields.
pub fn attach(
    store: &mut Store,
    person: &str,
    files: &[PathBuf],
    kind: Option<&str>,
    fill: bool,
) -> Result<()> {
    let kind = match kind {
        Some(k) => kind_of(k)?,
        None => None,
    };
    let rec = store.find_person(person)?;
    let id = rec.person.id.unwrap_or_default();
    let read: Vec<(String, Vec<u8>)> = files
        .iter()
        .map(|f| blobs::read_for_attaching(f))
        .collect::<Result<_>>()?;
    let mut records = Vec::new();
    let attached = crate::xuexin::attach_all(store, id, kind, &read)?;
    for ((name, bytes), done) in read.iter().zip(attached) {
        println!(
            "已添加附件：{} {}（{}，{}）",
            rec.person.name,
            name,
            done.kind.label(),
            size_label(bytes.len() as u64)
        );
        for line in done.report() {
            println!("{line}");
        }
        records.extend(done.record().cloned());
    }
    if fill {
        if records.is_empty() {
            println!("没有读出学信网备案表，未填入任何内容");
        }
        for record in &records {
            let mut p = store.person(id)?.person;
            let filled = crate::xuexin::fill_empty(&mut p, record);
            if filled.is_empty() {
                println!("备案表的内容台账均已填写，未作改动");
            } else {
                store.update_person(&p)?;
                println!("已按备案表填入：{}", filled.join("、"));
            }
        }
    } else {
        let p = store.person(id)?.person;
        let empty: Vec<&str> = records
            .iter()
            .flat_map(|r| crate::xuexin::fill_empty(&mut p.clone(), r))
            .collect();
        if !empty.is_empty() {
            println!(
                "台账中 {} 尚空白：添加时加 --fill 可按备案表填入，或在人员详情的附件材料中点“填入空白项”",
                empty.join("、")
            );
        }
    }
    Ok(())
}

fn line(n: usize, a: &Attachment) -> String {
    let state = match &a.removed_note {
        Some(note) => format!("\t已移除：{note}"),
        None => String::new(),
    };
    format!(
        "{n}\t{}\t{}\t{}\t{}\t{}\t{}{state}",
        a.kind.label(),
        a.file_name,
        size_label(a.bytes),
        a.added_at,
        a.who,
        cites_label(a)
    )
}

/// The attachment numbered `n` (from 1, as `zicha attachments` lists them)
/// of the person called `name`, removed ones included.
fn numbered<'a>(name: &str, list: &'a [Attachment], n: usize) -> Result<&'a Attachment> {
    n.checked_sub(1).and_then(|i| list.get(i)).ok_or_else(|| {
        Error::invalid(
            "序号",
            format!("{name} 没有序号为 {n} 的附件（共 {} 个）", list.len()),
        )
    })
}

/// Lists the person's attachments, or removes the one numbered `remove`.
pub fn attachments(
    store: &mut Store,
    person: &str,
    remove: Option<usize>,
    note: Option<&str>,
) -> Result<()> {
    let rec = store.find_person(person)?;
    let id = rec.person.id.unwrap_or_default();
    let list = store.attachments(id)?;
    if let Some(n) = remove {
        let a = numbered(&rec.person.name, &list, n)?;
        let note = note.unwrap_or_default();
        store.remove_attachment(a.id, note)?;
        println!("已移除附件：{} {}", rec.person.name, a.file_name);
        return Ok(());
    }
    if list.is_empty() {
        println!("{} 还没有附件。", rec.person.name);
    } else {
        println!("序号\t类别\t文件名\t大小\t添加时间\t添加人\t作为依据");
        for (i, a) in list.iter().enumerate() {
            println!("{}", line(i + 1, a));
        }
    }
    for r in &rec.person.chsi_records {
        if let (Some(n), Some(code)) = (
            list.iter().position(|a| a.id == r.attachment_id),
            r.get(crate::domain::RecordField::Vcode),
        ) {
            println!(
                "第 {} 个附件为学信网备案表，在线核验：{}（核验后用 --verify {} --result 一致|不一致|查无 记录结果）",
                n + 1,
                crate::xuexin::verification_url(code),
                n + 1
            );
        }
    }
    let roster = store.load_roster()?;
    let report = crate::checks::check_roster(&roster, super::today());
    let cited = crate::store::attachments::current_citations(&list);
    if let Some(row) = report.rows.iter().find(|r| r.person_id == Some(id)) {
        for u in crate::checks::support::unsupported(&row.check, &cited) {
            println!("缺少佐证：{}", u.message());
        }
    }
    Ok(())
}

/// Cites the person's attachment numbered `n` for `verdict` (作为依据), or
/// with `cite` false takes the citation back.
pub fn cite(store: &mut Store, person: &str, n: usize, verdict: &str, cite: bool) -> Result<()> {
    let kind = crate::domain::VerdictKind::parse(verdict)
        .map_err(|m| Error::invalid("核查项目", m))?
        .ok_or_else(|| Error::invalid("核查项目", "请写明真实执业、学历或职称"))?;
    let rec = store.find_person(person)?;
    let id = rec.person.id.unwrap_or_default();
    let list = store.attachments(id)?;
    let a = numbered(&rec.person.name, &list, n)?;
    let was = a.cites.contains(&kind);
    store.set_citation(a.id, kind, cite)?;
    let name = &rec.person.name;
    let file = &a.file_name;
    let label = kind.label();
    match (cite, was) {
        (true, false) => println!("已将 {name} 的“{file}”作为{label}的依据"),
        (true, true) => println!("“{file}”已是 {name} {label}的依据，未作改动"),
        (false, true) => println!("已取消 {name} 的“{file}”作为{label}的依据"),
        (false, false) => println!("“{file}”本不是 {name} {label}的依据，未作改动"),
    }
    Ok(())
}

/// Records the 在线核验 result of the person's 备案表 numbered `n` (its 在线验证码).
pub fn verify(
    store: &mut Store,
    person: &str,
    n: usize,
    result: &str,
    date: Option<&str>,
) -> Result<()> {
    use crate::domain::VerifyResult;
    let result = match VerifyResult::parse(result) {
        Ok(Some(r)) if r != VerifyResult::Unverified => r,
        _ => {
            return Err(Error::invalid(
                "核验结果",
                format!(
                    "“{}”不是在线核验结果，应为：一致、不一致或查无",
                    result.trim()
                ),
            ));
        }
    };
    let on = match date {
        Some(d) => crate::domain::parse::parse_date(d)
            .map_err(|m| Error::invalid("核验日期", m))?
            .unwrap_or_else(super::today),
        None => super::today(),
    };
    let rec = store.find_person(person)?;
    let id = rec.person.id.unwrap_or_default();
    let list = store.attachments(id)?;
    let a = n
        .checked_sub(1)
        .and_then(|i| list.get(i))
        .filter(|a| a.is_current())
        .ok_or_else(|| {
            Error::invalid(
                "序号",
                format!(
                    "{} 没有序号为 {n} 的附件（见 zicha attachments 的列表）",
                    rec.person.name
                ),
            )
        })?;
    let mut p = rec.person.clone();
    let record = p
        .chsi_records
        .iter()
        .find(|r| r.attachment_id == a.id)
        .cloned()
        .ok_or_else(|| {
            Error::invalid(
                "序号",
                format!(
                    "附件“{}”没有读出学信网备案表，无从记录在线核验",
                    a.file_name
                ),
            )
        })?;
    let changed = crate::xuexin::record_verification(&mut p, &record, result, on);
    if changed.is_empty() {
        println!("在线核验结果与台账已记录的相同，未作改动");
    } else {
        store.update_person(&p)?;
        println!(
            "已记录在线核验：{} {}，{}（{}）",
            rec.person.name,
            result.label(),
            crate::domain::parse::chinese_date(on),
            changed.join("、")
        );
    }
    Ok(())
}

/// Attaches a folder of 备案表 PDFs, each to the person it names.
pub fn attach_records(store: &mut Store, dir: &std::path::Path) -> Result<()> {
    let done = crate::xuexin::attach_folder(store, dir)?;
    for line in done.lines() {
        println!("{line}");
    }
    Ok(())
}

pub fn archive(store: &Store, action: &ArchiveAction) -> Result<()> {
    match action {
        ArchiveAction::Export { dir } => {
            let done = crate::archive::export(store, dir, super::today())?;
            for problem in &done.problems {
                eprintln!("注意：{problem}");
            }
            println!(
                "已导出核查档案到 {}：{} 人，附件 {} 个",
                dir.display(),
                done.persons,
                done.files
            );
            Ok(())
        }
    }
}
