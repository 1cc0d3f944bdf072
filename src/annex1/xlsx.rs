//! Annex 1 as one XLSX sheet (rust_xlsxwriter): the same form as the PDF, so a
//! clerk who opens it in Excel or WPS prints the same thing. A4 portrait, one
//! page wide, the list header repeated on every printed page, page numbers in
//! the footer; on a draft the draft line under the title and in the page header.

use rust_xlsxwriter::{Workbook, Worksheet, XlsxError};

use super::data_sheet::{self, DataSheet};
use super::model::Annex1;
use super::wording;
use crate::print::sheet::{formats, page_setup, row_height};
use crate::{Error, Result};

/// Column widths in Excel character units (A–F).
const WIDTHS: [f64; 6] = [6.0, 10.0, 13.0, 13.0, 13.0, 36.0];
/// The seal area: two rows of this height beside 单位名称 and 签字 (≥ 45 mm together).
const SEAL_ROW_PT: f64 = 66.0;
/// Sheet rows of the fixed parts.
pub const ROW_TITLE: u32 = 1;
pub const ROW_DRAFT: u32 = 2;
pub const ROW_AGENCY: u32 = 3;
pub const ROW_HEAD: u32 = 4;
pub const ROW_PART1: u32 = 5;
pub const ROW_SUMMARY: u32 = 6;
pub const ROW_PART2: u32 = ROW_SUMMARY + 8;
pub const ROW_LIST_HEADER: u32 = ROW_PART2 + 1;
pub const ROW_FIRST: u32 = ROW_LIST_HEADER + 1;

fn fill(ws: &mut Worksheet, a: &Annex1) -> Result<(), XlsxError> {
    let f = formats();
    let all = |from: usize, to: usize| WIDTHS[from..=to].iter().sum::<f64>();
    for (i, w) in WIDTHS.iter().enumerate() {
        ws.set_column_width(i as u16, *w)?;
    }
    ws.set_name(wording::SHEET_NAME)?;
    let draft = a.draft_line();
    page_setup(ws, &wording::page_line("&P", "&N"), draft.as_deref())?;

    ws.write_string_with_format(0, 0, wording::ANNEX, &f.annex)?;
    ws.merge_range(ROW_TITLE, 0, ROW_TITLE, 5, wording::TITLE, &f.title)?;
    ws.set_row_height(ROW_TITLE, 32)?;
    if let Some(line) = a.draft_line() {
        ws.merge_range(ROW_DRAFT, 0, ROW_DRAFT, 5, &line, &f.heading)?;
    }
    let agency = format!("{}{}", wording::AGENCY, a.agency_name);
    ws.merge_range(ROW_AGENCY, 0, ROW_AGENCY, 3, &agency, &f.plain)?;
    ws.merge_range(ROW_HEAD, 0, ROW_HEAD, 3, wording::HEAD, &f.plain)?;
    ws.set_row_height(ROW_AGENCY, SEAL_ROW_PT)?;
    ws.set_row_height(ROW_HEAD, SEAL_ROW_PT)?;

    ws.merge_range(ROW_PART1, 0, ROW_PART1, 5, wording::PART1, &f.heading)?;
    ws.set_row_height(ROW_PART1, 22)?;
    for (i, item) in a.summary.iter().enumerate() {
        let r = ROW_SUMMARY + i as u32;
        ws.merge_range(r, 0, r, 3, item.label, &f.cell_left)?;
        match item.value.parse::<f64>() {
            Ok(n) => {
                ws.merge_range(r, 4, r, 5, "", &f.cell)?;
                ws.write_number_with_format(r, 4, n, &f.cell)?;
            }
            Err(_) => {
                ws.merge_range(r, 4, r, 5, &item.value, &f.cell)?;
            }
        }
        let h = row_height(&[(item.label, all(0, 3)), (&item.value, all(4, 5))]);
        ws.set_row_height(r, h)?;
    }

    ws.merge_range(ROW_PART2, 0, ROW_PART2, 5, wording::PART2, &f.heading)?;
    ws.set_row_height(ROW_PART2, 22)?;
    for (c, label) in wording::LIST_COLUMNS.iter().enumerate() {
        ws.write_string_with_format(ROW_LIST_HEADER, c as u16, *label, &f.column_head)?;
    }
    let head: Vec<(&str, f64)> = wording::LIST_COLUMNS
        .iter()
        .zip(WIDTHS)
        .map(|(t, w)| (*t, w))
        .collect();
    ws.set_row_height(ROW_LIST_HEADER, row_height(&head))?;
    ws.set_repeat_rows(ROW_LIST_HEADER, ROW_LIST_HEADER)?;

    let mut r = ROW_FIRST;
    for row in &a.rows {
        ws.write_number_with_format(r, 0, row.seq as f64, &f.cell)?;
        let texts = [&row.name, &row.practice, &row.diploma, &row.title];
        for (c, t) in texts.iter().enumerate() {
            ws.write_string_with_format(r, c as u16 + 1, *t, &f.cell)?;
        }
        ws.write_string_with_format(r, 5, &row.remark, &f.cell_left)?;
        ws.set_row_height(
            r,
            row_height(&[(&row.name, WIDTHS[1]), (&row.remark, WIDTHS[5])]),
        )?;
        r += 1;
    }

    r += 1;
    let fields = [
        (0, 1, format!("{}{}", wording::FILLER, a.filler)),
        (2, 3, format!("{}{}", wording::PHONE, a.phone)),
        (
            4,
            5,
            format!("{}{}", wording::FILL_DATE, a.fill_date_text()),
        ),
    ];
    for (c1, c2, text) in &fields {
        ws.merge_range(r, *c1, r, *c2, text, &f.plain)?;
    }
    ws.set_row_height(r, 24)?;
    r += 1;
    let notes = wording::NOTES_TEXT;
    ws.merge_range(r, 0, r, 5, notes, &f.notes)?;
    ws.set_row_height(r, row_height(&[(notes, all(0, 5))]))?;
    Ok(())
}

/// The hidden data sheet (see [`super::data_sheet`]): every cell text, so a
/// reader gets back exactly what was written. Not printed.
fn fill_data(ws: &mut Worksheet, a: &Annex1) -> Result<(), XlsxError> {
    ws.set_name(data_sheet::SHEET)?;
    for (r, row) in DataSheet::of(a).cells().iter().enumerate() {
        for (c, text) in row.iter().enumerate() {
            ws.write_string(r as u32, c as u16, text)?;
        }
    }
    ws.set_hidden(true);
    Ok(())
}

/// The XLSX file's bytes: the form, then the hidden data sheet.
pub fn render(a: &Annex1) -> Result<Vec<u8>> {
    let mut wb = Workbook::new();
    let fail = |e: XlsxError| Error::Other(format!("生成附件1 Excel 文件失败：{e}"));
    fill(wb.add_worksheet(), a).map_err(fail)?;
    fill_data(wb.add_worksheet(), a).map_err(fail)?;
    wb.save_to_buffer().map_err(fail)
}
