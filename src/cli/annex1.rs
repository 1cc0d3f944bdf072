//! `zicha annex1 [--pdf [FILE]] [--xlsx [FILE]] [--date YYYY-MM-DD]`.

use std::path::PathBuf;

use crate::annex1::{self, Annex1};
use crate::checks;
use crate::domain::parse::parse_date;
use crate::error::{Error, Result};
use crate::store::Store;

/// Which files to write: `Some(None)` means "with the default name".
pub struct Annex1Args<'a> {
    pub pdf: &'a Option<Option<PathBuf>>,
    pub xlsx: &'a Option<Option<PathBuf>>,
    pub date: &'a Option<String>,
}

pub fn run(store: &Store, args: Annex1Args<'_>) -> Result<()> {
    let fill_date = match args.date {
        Some(text) => parse_date(text)
            .map_err(|m| Error::invalid("填报日期", m))?
            .ok_or_else(|| Error::invalid("填报日期", "不能为空"))?,
        None => super::today(),
    };
    let roster = store.load_roster()?;
    let report = checks::check_roster(&roster, super::today());
    let annex = Annex1::new(&roster.settings, &report, fill_date);
    let (want_pdf, want_xlsx) = match (args.pdf, args.xlsx) {
        (None, None) => (Some(None), Some(None)),
        (p, x) => (p.clone(), x.clone()),
    };
    let target = |given: Option<PathBuf>, ext: &str| {
        given.unwrap_or_else(|| {
            PathBuf::from(annex1::default_file_name(&roster.settings, fill_date, ext))
        })
    };
    if let Some(given) = want_pdf {
        // Only the PDF is set in the embedded faces (Excel uses the system's).
        let missing = annex1::missing_glyphs(&annex)?;
        if !missing.is_empty() {
            let chars: String = missing.iter().collect();
            eprintln!("注意：字库中没有以下字符，打印时会缺字，请手工补写：{chars}");
        }
        let path = target(given, "pdf");
        annex1::write_pdf(&annex, &path)?;
        println!("已生成 PDF：{}", path.display());
    }
    if let Some(given) = want_xlsx {
        let path = target(given, "xlsx");
        annex1::write_xlsx(&annex, &path)?;
        println!("已生成 XLSX：{}", path.display());
    }
    println!("{}", annex.status.line());
    Ok(())
}
