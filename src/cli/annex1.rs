//! `zicha annex1 [--pdf [FILE]] [--xlsx [FILE]] [--date YYYY-MM-DD]`. A final
//! form is also recorded as a submission (定稿报送, issue 15), so scripts that
//! print the final form keep their proof; a draft is written as before.

use std::path::PathBuf;

use crate::annex1::submission::{self, Targets};
use crate::annex1::{self};
use crate::domain::parse::parse_date;
use crate::error::{Error, Result};
use crate::store::Store;
use crate::store::submissions::record_name;

/// Which files to write: `Some(None)` means "with the default name".
pub struct Annex1Args<'a> {
    pub pdf: &'a Option<Option<PathBuf>>,
    pub xlsx: &'a Option<Option<PathBuf>>,
    pub date: &'a Option<String>,
}

pub fn run(store: &mut Store, args: Annex1Args<'_>) -> Result<()> {
    let fill_date = match args.date {
        Some(text) => parse_date(text)
            .map_err(|m| Error::invalid("填报日期", m))?
            .ok_or_else(|| Error::invalid("填报日期", "不能为空"))?,
        None => super::today(),
    };
    let prepared = submission::prepare(store, fill_date, super::today())?;
    let annex = &prepared.annex;
    let (want_pdf, want_xlsx) = match (args.pdf, args.xlsx) {
        (None, None) => (Some(None), Some(None)),
        (p, x) => (p.clone(), x.clone()),
    };
    let target = |given: Option<PathBuf>, ext: &str| {
        given.unwrap_or_else(|| {
            PathBuf::from(annex1::default_file_name(
                &prepared.roster.settings,
                fill_date,
                ext,
            ))
        })
    };
    let targets = Targets {
        pdf: want_pdf.map(|g| target(g, "pdf")),
        xlsx: want_xlsx.map(|g| target(g, "xlsx")),
    };
    // Only the PDF is set in the embedded faces (Excel uses the system's):
    // an XLSX alone parses no Song face.
    if targets.pdf.is_some() {
        super::submit::warn_missing_glyphs(annex)?;
    }
    let recorded = submission::write_form(store, &prepared, &targets)?;
    if let Some(path) = &targets.pdf {
        println!("已生成 PDF：{}", path.display());
    }
    if let Some(path) = &targets.xlsx {
        println!("已生成 XLSX：{}", path.display());
    }
    println!("{}", annex.status.line());
    if let Some(id) = recorded {
        println!("本次正式表已记入报送记录：{}", record_name(id));
    }
    Ok(())
}
