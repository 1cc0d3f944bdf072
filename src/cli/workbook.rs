//! `zicha import`, `zicha template`, `zicha export`.

use std::path::Path;

use crate::error::Result;
use crate::store::Store;
use crate::workbook::{self, ImportOptions};

pub fn import(store: &mut Store, file: &Path, options: &ImportOptions) -> Result<()> {
    let outcome = workbook::import(store, file, options, &mut |_| {})?;
    if let Some(b) = &outcome.backup {
        println!("已先备份原数据库：{}", b.display());
    }
    println!(
        "已导入 {}（{}）",
        file.display(),
        if options.replace { "替换" } else { "合并" }
    );
    for line in outcome.summary_lines() {
        println!("  {line}");
    }
    for n in &outcome.notices {
        println!("提示：{n}");
    }
    if !outcome.rejected.is_empty() {
        // Where the rows went is in the summary lines above.
        eprintln!("以下 {} 处错误所在的行未导入：", outcome.rejected.len());
        for e in &outcome.rejected {
            eprintln!("  {e}");
        }
    }
    Ok(())
}

pub fn template(out: &Path) -> Result<()> {
    workbook::write_template(out)?;
    println!("已生成导入模板：{}", out.display());
    Ok(())
}

pub fn export(store: &Store, out: &Path) -> Result<()> {
    let s = workbook::export(store, out)?;
    println!(
        "已导出到 {}：人员 {} 人，证书 {} 条，社保 {} 个月，工作见证 {} 条，人员条件 {} 行",
        out.display(),
        s.persons,
        s.certificates,
        s.social_insurance,
        s.evidence,
        s.staffing_lines
    );
    Ok(())
}
