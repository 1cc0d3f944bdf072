//! `zicha audit export`: the whole 修改记录 as a workbook, with the result of
//! the hash-chain check on top, for the agency's files or an inspector.

use std::path::Path;

use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Workbook, XlsxError};

use super::layout::{save, write_error};
use crate::error::Result;
use crate::store::audit_chain::{self, StoredEntry};
use crate::store::{ChainReport, Store};

const HEADERS: [(&str, f64); 10] = [
    ("序号", 7.0),
    ("时间", 19.0),
    ("操作人", 16.0),
    ("操作", 10.0),
    ("对象类型", 10.0),
    ("对象", 28.0),
    ("字段", 16.0),
    ("原值", 28.0),
    ("新值", 28.0),
    ("说明", 36.0),
];

/// The check result as one line.
pub fn verdict_line(report: &ChainReport) -> String {
    match &report.problem {
        None => format!("校验结果：完整（共 {} 条，哈希链逐条相符）", report.entries),
        Some(p) => format!("校验结果：未通过：{p}"),
    }
}

fn build(
    book: &mut Workbook,
    entries: &[StoredEntry],
    report: &ChainReport,
) -> Result<(), XlsxError> {
    let ws = book.add_worksheet();
    ws.set_name("修改记录")?;
    let title = Format::new().set_bold().set_font_size(14);
    let header = Format::new()
        .set_bold()
        .set_background_color("#DDEBF7")
        .set_border(FormatBorder::Thin)
        .set_align(FormatAlign::Center);
    let cell = Format::new()
        .set_border(FormatBorder::Thin)
        .set_text_wrap()
        .set_align(FormatAlign::Top);
    let warn = Format::new().set_font_color("#C00000").set_bold();
    let stamp = chrono::Local::now().format("%Y-%m-%d %H:%M");
    ws.write_string_with_format(0, 0, format!("修改记录（导出于 {stamp}）"), &title)?;
    let line = verdict_line(report);
    let line_format = if report.problem.is_some() {
        &warn
    } else {
        &Format::new()
    };
    ws.write_string_with_format(1, 0, line, line_format)?;
    for (c, (h, width)) in HEADERS.iter().enumerate() {
        ws.write_string_with_format(2, c as u16, *h, &header)?;
        ws.set_column_width(c as u16, *width)?;
    }
    for (i, e) in entries.iter().enumerate() {
        let row = 3 + i as u32;
        let values = [
            e.id.to_string(),
            e.at.clone(),
            e.who.clone(),
            e.action.clone(),
            e.entity.clone(),
            e.record.clone(),
            crate::store::audit::field_label(&e.field).to_string(),
            e.old_value.clone().unwrap_or_default(),
            e.new_value.clone().unwrap_or_default(),
            e.note.clone().unwrap_or_default(),
        ];
        ws.write_number_with_format(row, 0, e.id as f64, &cell)?;
        for (c, v) in values.iter().enumerate().skip(1) {
            ws.write_string_with_format(row, c as u16, v, &cell)?;
        }
    }
    ws.set_freeze_panes(3, 0)?;
    ws.autofilter(2, 0, 2 + entries.len() as u32, HEADERS.len() as u16 - 1)?;
    Ok(())
}

/// Writes the whole trail to `path` (an .xlsx); returns the check result.
pub fn export_audit(store: &Store, path: &Path) -> Result<ChainReport> {
    super::layout::check_output(path)?;
    let report = store.verify_audit()?;
    // The rows as stored (a tampered time is shown as it is, not refused).
    let entries: Vec<StoredEntry> = audit_chain::read_rows(store.conn(), "", [])?
        .into_iter()
        .map(|(e, _, _)| e)
        .collect();
    let mut book = Workbook::new();
    build(&mut book, &entries, &report).map_err(|e| write_error(path, e))?;
    save(&mut book, path)?;
    Ok(report)
}
