//! Finding a sheet's header row and mapping its headers to columns: any order,
//! aliases, a trailing "*" or "（必填）"; unknown headers ignored with a notice.

use std::collections::HashMap;

use crate::error::CellError;

use super::columns::{Col, SheetKind};
use super::reader::{RawRow, RawSheet};

/// How many non-empty rows may stand above the header row (a title, a note).
const HEADER_SEARCH_ROWS: usize = 5;

/// A sheet with its columns mapped.
#[derive(Debug, Clone)]
pub struct Table {
    pub kind: SheetKind,
    pub name: String,
    /// The header row's number as Excel shows it.
    pub header_row: u32,
    /// The headers as written, by position (for messages and the rejects file).
    pub headers: Vec<String>,
    /// Which position holds which column.
    columns: HashMap<Col, usize>,
    /// The data rows below the header row, empty rows left out.
    pub rows: Vec<RawRow>,
}

impl Table {
    /// The cell text of `col` in `row` ("" when the column is absent or the cell empty).
    pub fn text<'a>(&self, row: &'a RawRow, col: Col) -> &'a str {
        self.columns
            .get(&col)
            .and_then(|&i| row.cell(i))
            .map(|c| c.text.as_str())
            .unwrap_or("")
    }

    /// The header `col` carries in this sheet, as written.
    pub fn header(&self, col: Col) -> &str {
        self.columns
            .get(&col)
            .and_then(|&i| self.headers.get(i))
            .map(String::as_str)
            .unwrap_or(col.header())
    }

    /// The mapped columns and their positions.
    pub fn mapped(&self) -> impl Iterator<Item = (Col, usize)> + '_ {
        self.columns.iter().map(|(c, i)| (*c, *i))
    }

    /// Errors for cells of mapped columns that cannot be used as they are:
    /// a problem the reader found, or a value longer than its column allows
    /// (`Col::size`), quoted cut short.
    pub fn cell_problems(&self, row: &RawRow) -> Vec<CellError> {
        let mut out = Vec::new();
        let mut mapped: Vec<_> = self.mapped().collect();
        mapped.sort_by_key(|(_, i)| *i);
        for (col, i) in mapped {
            let Some(cell) = row.cell(i) else { continue };
            let problem = match &cell.problem {
                Some(p) => Some(p.clone()),
                None => col.size().check(&cell.text).err(),
            };
            if let Some(p) = problem {
                out.push(CellError::cell(
                    &self.name,
                    row.number,
                    self.header(col),
                    &quoted(&cell.text),
                    p,
                ));
            }
        }
        out
    }
}

/// A value as an error message quotes it: at most 20 characters, then "…".
fn quoted(text: &str) -> String {
    const SHOWN: usize = 20;
    match text.char_indices().nth(SHOWN) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text.to_string(),
    }
}

fn header_texts(row: &RawRow) -> Vec<String> {
    row.cells.iter().map(|c| c.text.clone()).collect()
}

/// Locates the header row and maps it; sheet-level problems are errors,
/// unknown headers notices.
pub fn map_sheet(
    sheet: RawSheet,
    errors: &mut Vec<CellError>,
    notices: &mut Vec<String>,
) -> Option<Table> {
    let kind = sheet.kind;
    if sheet.rows.is_empty() {
        if kind == SheetKind::Persons {
            errors.push(CellError::sheet(
                &sheet.name,
                "工作表是空的：第1行应为表头（如 姓名、身份证号），其下每行一人",
            ));
        }
        return None;
    }
    let found = sheet
        .rows
        .iter()
        .take(HEADER_SEARCH_ROWS)
        .position(|r| r.cells.iter().any(|c| kind.column_for(&c.text).is_some()));
    let Some(at) = found else {
        let first = sheet.rows[0].number;
        let expected: Vec<&str> = kind.columns().iter().take(4).map(|c| c.header()).collect();
        errors.push(CellError::row(
            &sheet.name,
            first,
            format!(
                "找不到表头行：第{first}行应为列名（如 {}），而不是数据；请在数据上方插入一行表头",
                expected.join("、")
            ),
        ));
        return None;
    };
    let mut rows = sheet.rows;
    let header = rows[at].clone();
    let data: Vec<RawRow> = rows.drain(at + 1..).collect();
    if at > 0 {
        notices.push(format!(
            "工作表“{}”第{}行为表头，其上方的 {} 行已忽略",
            sheet.name, header.number, at
        ));
    }
    let headers = header_texts(&header);
    let mut columns: HashMap<Col, usize> = HashMap::new();
    let mut ignored = Vec::new();
    for (i, h) in headers.iter().enumerate() {
        if h.is_empty() {
            continue;
        }
        match kind.column_for(h) {
            Some(col) => {
                if let Some(&j) = columns.get(&col) {
                    errors.push(CellError::row(
                        &sheet.name,
                        header.number,
                        format!(
                            "列“{}”与列“{}”都表示“{}”，请删除其中一列",
                            headers[j],
                            h,
                            col.header()
                        ),
                    ));
                } else {
                    columns.insert(col, i);
                }
            }
            None => ignored.push(h.clone()),
        }
    }
    if !ignored.is_empty() {
        notices.push(format!(
            "工作表“{}”中的列 {} 不是模板中的列，已忽略",
            sheet.name,
            ignored
                .iter()
                .map(|h| format!("“{h}”"))
                .collect::<Vec<_>>()
                .join("、")
        ));
    }
    let mut ok = true;
    for col in kind.columns() {
        if col.required() && !columns.contains_key(&col) {
            ok = false;
            errors.push(CellError::row(
                &sheet.name,
                header.number,
                format!("缺少必填列“{}”", col.header()),
            ));
        }
    }
    if kind == SheetKind::SocialInsurance
        && !columns.contains_key(&Col::SiMonth)
        && !(columns.contains_key(&Col::SiFrom) && columns.contains_key(&Col::SiTo))
    {
        ok = false;
        errors.push(CellError::row(
            &sheet.name,
            header.number,
            "缺少月份列：应有“缴费月份”列，或“起始月份”和“终止月份”两列",
        ));
    }
    ok.then_some(Table {
        kind,
        name: sheet.name,
        header_row: header.number,
        headers,
        columns,
        rows: data,
    })
}
