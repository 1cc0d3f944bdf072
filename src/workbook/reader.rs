//! The roster workbook's sheets, read through the one table reader
//! ([`crate::tabular`]) and told apart by their names.

use std::path::Path;

use super::columns::SheetKind;
use crate::error::{CellError, Error, Result};
pub use crate::tabular::RawRow;

/// A sheet the roster knows, with its rows (empty rows left out).
#[derive(Debug, Clone)]
pub struct RawSheet {
    pub kind: SheetKind,
    /// The name as the workbook spells it.
    pub name: String,
    pub rows: Vec<RawRow>,
}

/// What reading a workbook gives: the known sheets, problems with whole
/// sheets, and notices about what was ignored.
#[derive(Debug, Default)]
pub struct RawWorkbook {
    pub sheets: Vec<RawSheet>,
    pub errors: Vec<CellError>,
    pub notices: Vec<String>,
    /// The SHA-256 of the file read.
    pub sha256: String,
}

/// Reads every sheet the roster knows; `progress` goes from 0 to 1.
pub fn read(path: &Path, progress: &mut dyn FnMut(f32)) -> Result<RawWorkbook> {
    let mut book = crate::tabular::open(path)?;
    progress(0.1);
    let mut out = RawWorkbook {
        sha256: book.sha256.clone(),
        ..Default::default()
    };
    let names = book.sheet_names();
    let total = names.len().max(1) as f32;
    for (i, name) in names.iter().enumerate() {
        let Some(kind) = SheetKind::from_name(name) else {
            if name.trim() != "说明" {
                out.notices.push(format!(
                    "工作表“{name}”不是台账的工作表（人员、证书、社保、工作见证、人员条件、单位信息），已忽略"
                ));
            }
            continue;
        };
        if let Some(other) = out.sheets.iter().find(|s| s.kind == kind) {
            out.errors.push(CellError::sheet(
                name,
                format!(
                    "与工作表“{}”都表示“{}”，请删除或改名其中一个",
                    other.name,
                    kind.name()
                ),
            ));
            continue;
        }
        match book.rows(name) {
            Ok(rows) => out.sheets.push(RawSheet {
                kind,
                name: name.clone(),
                rows,
            }),
            Err(why) => out.errors.push(CellError::sheet(name, why)),
        }
        progress(0.1 + 0.9 * (i + 1) as f32 / total);
    }
    if !out.sheets.iter().any(|s| s.kind == SheetKind::Persons) && out.errors.is_empty() {
        let found = if names.is_empty() {
            "（无）".to_string()
        } else {
            names.join("、")
        };
        if book.format == crate::tabular::Format::Text {
            return Err(Error::Workbook(format!(
                "无法导入 {}：这是一个文本表格（CSV），只有一张表，以文件名“{found}”命名，不是台账的“人员”工作表；请把文件改名为“人员.csv”，或在 Excel 中另存为 .xlsx 并把工作表命名为“人员”",
                path.display(),
            )));
        }
        return Err(Error::Workbook(format!(
            "无法导入 {}：工作簿中没有“人员”工作表（现有工作表：{found}）；请把人员名单所在的工作表命名为“人员”",
            path.display(),
        )));
    }
    Ok(out)
}
