//! 跨机构挂证疑点清单.xlsx: one row per suspicion, with a note on top when
//! some agencies gave only their Annex 1 (no 身份证号).

use std::path::Path;

use rust_xlsxwriter::{Format, Workbook, XlsxError};

use super::crosscheck::Finding;
use super::wording;
use crate::safe_write::write_atomically;
use crate::{Error, Result};

/// The workbook's bytes. `names_only` adds the note that Annex 1 has no 身份证号.
pub fn render(found: &[Finding], names_only: bool) -> Result<Vec<u8>> {
    let mut wb = Workbook::new();
    let fail = |e: XlsxError| Error::Other(format!("生成{}失败：{e}", wording::CROSS_FILE));
    let ws = wb.add_worksheet();
    let bold = Format::new().set_bold();
    let wrap = Format::new().set_text_wrap();
    let mut fill = || -> Result<(), XlsxError> {
        ws.set_name(wording::CROSS_SHEET)?;
        let mut r = 0;
        if names_only {
            ws.write_string(r, 0, wording::NAMES_ONLY)?;
            r += 1;
        }
        for (c, h) in wording::CROSS_COLUMNS.iter().enumerate() {
            ws.write_string_with_format(r, c as u16, *h, &bold)?;
        }
        for (c, w) in [22.0, 10.0, 21.0, 60.0, 24.0].iter().enumerate() {
            ws.set_column_width(c as u16, *w)?;
        }
        for f in found {
            r += 1;
            let agencies: Vec<String> = f.agencies.iter().map(|a| a.text()).collect();
            ws.write_string(r, 0, f.kind.label())?;
            ws.write_string(r, 1, &f.name)?;
            ws.write_string(r, 2, &f.id_number)?;
            ws.write_string_with_format(r, 3, agencies.join("\n"), &wrap)?;
            ws.write_string(r, 4, &f.note)?;
        }
        Ok(())
    };
    fill().map_err(fail)?;
    wb.save_to_buffer().map_err(fail)
}

pub fn write(found: &[Finding], names_only: bool, path: &Path) -> Result<()> {
    write_atomically(path, &render(found, names_only)?)
}
