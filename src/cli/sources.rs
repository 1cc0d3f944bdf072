//! `zicha import-si`, `zicha import-reports`, `zicha findings`.

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::sources::columns::Column;
use crate::sources::{self, SourceKind, SourceRequest, findings};
use crate::store::Store;

/// What `import-si` and `import-reports` were given.
pub struct SourceArgs<'a> {
    pub file: &'a Path,
    pub columns: &'a [String],
    pub payer: Option<&'a str>,
    pub person: Option<&'a str>,
    pub dry_run: bool,
}

/// Parses `--column 字段=表头`.
fn columns(kind: SourceKind, given: &[String]) -> Result<Vec<(Column, String)>> {
    given
        .iter()
        .map(|g| {
            let (field, header) = g.split_once(['=', '＝']).ok_or_else(|| {
                Error::invalid(
                    "--column",
                    format!("“{g}”应写作 字段=表头，例如 姓名=人员姓名"),
                )
            })?;
            let col = Column::find(field, kind).ok_or_else(|| {
                let known: Vec<&str> = kind.columns().iter().map(|c| c.label()).collect();
                Error::invalid(
                    "--column",
                    format!(
                        "没有“{}”这一字段，可指定：{}",
                        field.trim(),
                        known.join("、")
                    ),
                )
            })?;
            Ok((col, header.trim().to_string()))
        })
        .collect()
}

pub fn import(store: &mut Store, kind: SourceKind, args: &SourceArgs) -> Result<()> {
    let mut request = SourceRequest::new(kind, PathBuf::from(args.file));
    request.columns = columns(kind, args.columns)?;
    request.payer = args.payer.map(String::from);
    if let Some(who) = args.person {
        let rec = store.find_person(who)?;
        request.person = rec.person.id;
    }
    let prepared = sources::prepare(store, &request)?;
    for line in prepared.summary_lines() {
        println!("{line}");
    }
    if args.dry_run {
        println!("（预览：未写入任何数据）");
        return Ok(());
    }
    let outcome = sources::apply(store, &prepared)?;
    if let Some(b) = &outcome.backup {
        println!("已先备份原数据库：{}", b.display());
    }
    if outcome.months_added + outcome.evidence_added == 0 && outcome.backup.is_none() {
        println!("没有新记录：文件中的记录都已导入过");
    } else {
        println!(
            "已导入：{} 人，社保 {} 个月，工作见证 {} 条",
            outcome.persons, outcome.months_added, outcome.evidence_added
        );
    }
    Ok(())
}

pub fn findings(store: &Store, xlsx: Option<&Path>) -> Result<()> {
    let lines = findings::of_store(store)?;
    if let Some(path) = xlsx {
        findings::write_xlsx(path, &lines)?;
        println!("已导出 {} 条报告署名疑点到 {}", lines.len(), path.display());
        return Ok(());
    }
    if lines.is_empty() {
        println!("没有报告署名疑点（或尚未导入检验报告台账）");
        return Ok(());
    }
    println!("报告署名疑点：{}", findings::counts_text(&lines));
    for l in &lines {
        println!(
            "  [{}] {} {} {} {}（{}）{}",
            l.kind, l.name, l.report_number, l.report_date, l.role, l.source, l.explanation
        );
    }
    Ok(())
}
