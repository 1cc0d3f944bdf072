//! Annex 1 for submission (附件1《特种设备检验检测机构自查情况统计表》): the model
//! built from the check results, and its print-ready PDF and XLSX.
//!
//! The CLI and the GUI call [`Annex1::new`], then [`write_pdf`] / [`write_xlsx`]
//! (or [`render_pdf_bytes`] / [`render_xlsx_bytes`] for a preview). Whether the
//! form is final or a draft, and why: [`FormStatus::of`] (also `Annex1::status`).

pub mod data_sheet;
pub mod model;
pub(crate) mod pdf;
pub mod sample;
mod status;
pub mod submission;
mod submission_diff;
pub mod wording;
mod xlsx;

use std::path::Path;

pub use model::{Annex1, Annex1Row, SummaryItem, chinese_date, default_file_name, summary_items};
pub use status::FormStatus;

use crate::Result;
use crate::safe_write::write_atomically;

/// The PDF file's bytes.
pub fn render_pdf_bytes(annex: &Annex1) -> Result<Vec<u8>> {
    pdf::render(annex)
}

/// Writes the PDF to `path`, replacing any file there only once complete.
pub fn write_pdf(annex: &Annex1, path: &Path) -> Result<()> {
    write_atomically(path, &render_pdf_bytes(annex)?)
}

/// The XLSX file's bytes.
pub fn render_xlsx_bytes(annex: &Annex1) -> Result<Vec<u8>> {
    xlsx::render(annex)
}

/// Writes the XLSX to `path`, replacing any file there only once complete.
pub fn write_xlsx(annex: &Annex1, path: &Path) -> Result<()> {
    write_atomically(path, &render_xlsx_bytes(annex)?)
}

/// Characters of the form that the embedded faces cannot print (they would show
/// as empty boxes); the caller should warn the clerk before submission. Asks
/// the face the PDF itself would use ([`song_for`](crate::print::fonts::song_for)):
/// when a cut covers the form nothing is missing and the whole 18 MB face is
/// never unpacked (that cost an XLSX or a preview ~250 ms).
pub fn missing_glyphs(annex: &Annex1) -> Result<Vec<char>> {
    let texts: Vec<String> = annex
        .rows
        .iter()
        .flat_map(|r| r.cells())
        .chain([
            annex.agency_name.clone(),
            annex.filler.clone(),
            annex.phone.clone(),
        ])
        .chain(annex.summary.iter().map(|s| s.value.clone()))
        .collect();
    let song = crate::print::fonts::song_for(texts.iter().map(String::as_str))?;
    let mut missing: Vec<char> = Vec::new();
    for c in texts.iter().flat_map(|t| t.chars()) {
        if !c.is_control() && !c.is_whitespace() && !song.has_glyph(c) && !missing.contains(&c) {
            missing.push(c);
        }
    }
    Ok(missing)
}
