//! The rejected-rows file (错误行): each sheet with rows that have errors, under
//! its original headers, plus a 错误说明 column, so the clerk can fix and re-import.

use std::collections::BTreeMap;
use std::path::Path;

use rust_xlsxwriter::{Workbook, XlsxError};

use super::columns::SheetKind;
use super::layout::{Formats, save, write_error};
use super::table::Table;
use crate::error::{CellError, Result};

/// The header of the added column.
pub const ERROR_COLUMN: &str = "错误说明";

fn build(
    book: &mut Workbook,
    tables: &[Table],
    errors: &[CellError],
) -> std::result::Result<(), XlsxError> {
    let f = Formats::new();
    let mut ordered: Vec<&Table> = tables.iter().collect();
    ordered.sort_by_key(|t| SheetKind::ALL.iter().position(|k| *k == t.kind));
    for t in ordered {
        let mut by_row: BTreeMap<u32, Vec<String>> = BTreeMap::new();
        for e in errors.iter().filter(|e| e.sheet == t.name) {
            if let Some(r) = e.row.filter(|r| *r != t.header_row) {
                by_row.entry(r).or_default().push(e.short());
            }
        }
        // 人员 is always written: a file without it could not be imported again.
        if by_row.is_empty() && t.kind != SheetKind::Persons {
            continue;
        }
        let ws = book.add_worksheet();
        ws.set_name(&t.name)?;
        for (c, h) in t.headers.iter().enumerate() {
            ws.write_string_with_format(0, c as u16, h, &f.header)?;
            ws.set_column_width(c as u16, 14)?;
            ws.set_column_format(c as u16, &f.text)?;
        }
        let err_col = t.headers.len() as u16;
        ws.write_string_with_format(0, err_col, ERROR_COLUMN, &f.required)?;
        ws.set_column_width(err_col, 60)?;
        ws.set_freeze_panes(1, 0)?;
        let rejected = t.rows.iter().filter(|r| by_row.contains_key(&r.number));
        for (out_row, row) in (1..).zip(rejected) {
            for (c, cell) in row.cells.iter().enumerate() {
                if !cell.text.is_empty() {
                    ws.write_string_with_format(out_row, c as u16, &cell.text, &f.text)?;
                }
            }
            let why = by_row
                .get(&row.number)
                .map(|v| v.join("；"))
                .unwrap_or_default();
            ws.write_string_with_format(
                out_row,
                err_col,
                format!("原第{}行：{why}", row.number),
                &f.wrap,
            )?;
        }
    }
    if book.worksheets().is_empty() {
        book.add_worksheet().set_name(SheetKind::Persons.name())?;
    }
    Ok(())
}

/// Writes the rows with errors to `path`.
pub fn write(path: &Path, tables: &[Table], errors: &[CellError]) -> Result<()> {
    let mut book = Workbook::new();
    build(&mut book, tables, errors).map_err(|e| write_error(path, e))?;
    save(&mut book, path)
}
