//! Annex 2 as one XLSX sheet, the same form as the PDF (shared page setup and
//! formats from `crate::print::sheet`): columns A (row group), B–E (label |
//! figure | label | figure); list (二) across A–E with its header repeated.

use rust_xlsxwriter::{Workbook, Worksheet, XlsxError};

use super::Annex2;
use super::wording::{self, Group, ROWS};
use crate::print::sheet::{formats, page_setup, row_height};
use crate::{Error, Result};

/// Column widths in Excel units (A–E).
const WIDTHS: [f64; 5] = [12.0, 34.0, 9.0, 26.0, 9.0];

fn fill(ws: &mut Worksheet, a: &Annex2) -> Result<(), XlsxError> {
    let f = formats();
    for (i, w) in WIDTHS.iter().enumerate() {
        ws.set_column_width(i as u16, *w)?;
    }
    ws.set_name(wording::SHEET_NAME)?;
    let draft = a.draft_line();
    let footer = crate::annex1::wording::page_line("&P", "&N");
    page_setup(ws, &footer, draft.as_deref())?;
    ws.write_string_with_format(0, 0, wording::ANNEX, &f.annex)?;
    ws.merge_range(1, 0, 1, 4, wording::TITLE, &f.title)?;
    ws.set_row_height(1, 32)?;
    if let Some(line) = &draft {
        ws.merge_range(2, 0, 2, 4, line, &f.heading)?;
    }
    let agency = format!("{}{}", wording::AGENCY, a.regulator);
    ws.merge_range(3, 0, 3, 3, &agency, &f.plain)?;
    ws.set_row_height(3, 48)?;
    ws.merge_range(4, 0, 4, 4, wording::PART1, &f.heading)?;
    ws.set_row_height(4, 22)?;

    let mut r = 5u32;
    for group in [Group::SelfInspection, Group::Supervision] {
        let first = r;
        for (i, row) in ROWS.iter().enumerate().filter(|(_, x)| x.group == group) {
            let [left, right] = a.figures.values[i];
            ws.write_string_with_format(r, 1, row.left, &f.cell_left)?;
            let put = |ws: &mut Worksheet, c: u16, v: Option<i64>| match v {
                Some(n) => ws
                    .write_number_with_format(r, c, n as f64, &f.cell)
                    .map(|_| ()),
                None => ws.write_blank(r, c, &f.cell).map(|_| ()),
            };
            match row.right {
                Some(label) => {
                    put(ws, 2, left)?;
                    ws.write_string_with_format(r, 3, label, &f.cell_left)?;
                    put(ws, 4, right)?;
                }
                None => {
                    ws.merge_range(r, 2, r, 4, "", &f.cell)?;
                    put(ws, 2, left)?;
                }
            }
            ws.set_row_height(
                r,
                row_height(&[(row.left, WIDTHS[1]), (row.right.unwrap_or(""), WIDTHS[3])]),
            )?;
            r += 1;
        }
        let label = group.label();
        ws.merge_range(first, 0, r - 1, 0, label, &f.cell)?;
    }

    r += 1;
    ws.merge_range(r, 0, r, 4, wording::PART2, &f.heading)?;
    ws.set_row_height(r, 22)?;
    r += 1;
    let head = r;
    // 序号 | 单位名称 | 存在问题说明 (C:D) | 整改情况说明 (E).
    ws.write_string_with_format(r, 0, wording::LIST_COLUMNS[0], &f.column_head)?;
    ws.write_string_with_format(r, 1, wording::LIST_COLUMNS[1], &f.column_head)?;
    ws.merge_range(r, 2, r, 3, wording::LIST_COLUMNS[2], &f.column_head)?;
    ws.write_string_with_format(r, 4, wording::LIST_COLUMNS[3], &f.column_head)?;
    ws.set_repeat_rows(head, head)?;
    r += 1;
    for (i, e) in a.list.iter().enumerate() {
        ws.write_number_with_format(r, 0, (i + 1) as f64, &f.cell)?;
        ws.write_string_with_format(r, 1, &e.name, &f.cell_left)?;
        ws.merge_range(r, 2, r, 3, &e.problems, &f.cell_left)?;
        ws.write_string_with_format(r, 4, &e.rectification, &f.cell_left)?;
        let h = row_height(&[
            (&e.name, WIDTHS[1]),
            (&e.problems, WIDTHS[2] + WIDTHS[3]),
            (&e.rectification, WIDTHS[4] + 14.0),
        ]);
        ws.set_row_height(r, h)?;
        r += 1;
    }
    r += 1;
    let fields = [
        (0, 1, format!("{}{}", wording::FILLER, a.filler)),
        (2, 3, format!("{}{}", wording::PHONE, a.phone)),
        (
            4,
            4,
            format!("{}{}", wording::FILL_DATE, a.fill_date_text()),
        ),
    ];
    for (c1, c2, text) in &fields {
        if c1 == c2 {
            ws.write_string_with_format(r, *c1, text, &f.plain)?;
        } else {
            ws.merge_range(r, *c1, r, *c2, text, &f.plain)?;
        }
    }
    ws.set_row_height(r, 24)?;
    r += 1;
    ws.merge_range(r, 0, r, 4, wording::NOTES_TEXT, &f.notes)?;
    Ok(())
}

/// The XLSX file's bytes.
pub fn render(a: &Annex2) -> Result<Vec<u8>> {
    let mut wb = Workbook::new();
    let fail = |e: XlsxError| Error::Other(format!("生成附件2 Excel 文件失败：{e}"));
    fill(wb.add_worksheet(), a).map_err(fail)?;
    wb.save_to_buffer().map_err(fail)
}
