//! `zicha audit verify|export`, `zicha backup`, `zicha restore`.

use std::path::{Path, PathBuf};

use clap::Subcommand;

use super::output::Out;

use crate::error::{Error, Result};
use crate::store::{RestoreOutcome, Store, backup, restore_file};

#[derive(Debug, Subcommand)]
pub enum AuditAction {
    /// 逐条校验修改记录的哈希链：完整时退出码 0，被改动或删除时 3 并指出第一处
    Verify {
        /// 把校验结果写入此文件，而不是显示出来（未通过时不写，错误照常显示）
        #[arg(long, value_name = "文件")]
        output: Option<PathBuf>,
    },
    /// 把全部修改记录（含校验结果）导出为工作簿
    Export {
        /// 要生成的 .xlsx 文件
        #[arg(value_name = "输出文件")]
        out: PathBuf,
    },
}

pub fn audit(store: &Store, action: &AuditAction) -> Result<()> {
    match action {
        AuditAction::Verify { output } => {
            // The submissions are checked against their entries too: a row
            // changed behind the program's back is as broken as an entry.
            let (report, submissions) = store.verify_audit_full()?;
            match report.problem {
                None if !submissions.is_empty() => Err(Error::AuditBroken(submissions.join("；"))),
                None => {
                    let mut out = Out::default();
                    out.line(format!(
                        "修改记录完整：共 {} 条，哈希链逐条相符。",
                        report.entries
                    ));
                    out.emit(output.as_ref())
                }
                Some(p) => Err(Error::AuditBroken(p.to_string())),
            }
        }
        AuditAction::Export { out } => {
            let report = crate::workbook::export_audit(store, out)?;
            println!(
                "已导出修改记录到 {}：共 {} 条。{}",
                out.display(),
                report.entries,
                crate::workbook::verdict_line(&report)
            );
            Ok(())
        }
    }
}

pub fn backup(store: &Store, out: Option<&Path>) -> Result<()> {
    let dest = match out {
        Some(out) => {
            store.backup_to(out)?;
            out.to_path_buf()
        }
        None => store
            .backup_beside()?
            .ok_or_else(|| Error::Other("内存数据库无法备份".into()))?,
    };
    println!("已备份到 {}", dest.display());
    Ok(())
}

/// Restores `file` over the open database (backed up first).
pub fn restore(store: &mut Store, file: &Path) -> Result<()> {
    let outcome = store.restore_from(file)?;
    report_restore(file, &outcome);
    Ok(())
}

/// Restores `file` over the database at `db` that could not be opened
/// (damaged or missing: moved aside untouched); decided again under the lock.
pub fn recover(db: &Path, file: &Path) -> Result<()> {
    let outcome = restore_file(db, file)?;
    report_restore(file, &outcome);
    Ok(())
}

fn report_restore(file: &Path, outcome: &RestoreOutcome) {
    println!(
        "已从 {} 恢复台账：人员 {} 人，修改记录 {} 条。",
        file.display(),
        outcome.restored.persons,
        outcome.restored.audit_entries
    );
    if let Some(p) = &outcome.previous {
        println!("恢复前的数据库已保留为 {}", p.display());
    }
}

/// `zicha backup --list`: the automatic backups, newest first.
pub fn list(db: &Path, output: Option<&PathBuf>) -> Result<()> {
    let files = backup::list_backups(db);
    let mut out = Out::default();
    if files.is_empty() {
        out.line(format!(
            "{} 中还没有自动备份。",
            backup::backup_dir(db).display()
        ));
    }
    for b in files {
        out.line(format!(
            "{}  {:>8} KB  {}",
            backup::taken_label(&b),
            b.bytes.div_ceil(1024),
            b.path.display()
        ));
    }
    out.emit(output)
}
