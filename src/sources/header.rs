//! Finding a source's header row (anywhere in the first 10 rows of a sheet)
//! and which of its columns stands for what: recognised spellings, then the
//! mapping remembered for these headers, then the clerk's own choices.

use std::collections::BTreeMap;

use crate::domain::fields::header_key;
use crate::error::{Error, Result};
use crate::tabular::{Book, RawRow};

use super::SourceKind;
use super::columns::Column;

/// The mapping remembered for a header row (by [`headers_key`]), if any.
pub type Remembered<'a> = &'a dyn Fn(&str) -> Option<Vec<(Column, String)>>;

/// How many rows from the top the header row may be.
const HEADER_SEARCH_ROWS: usize = 10;

/// A sheet with its header row found and its columns mapped.
#[derive(Debug, Clone)]
pub struct Located {
    pub sheet: String,
    /// The header row's number, as Excel shows it.
    pub header_row: u32,
    /// The header row's texts, by column index.
    pub headers: Vec<String>,
    /// The column index of each known column.
    pub columns: BTreeMap<Column, usize>,
    /// The rows above the header (a 参保缴费证明 names its person there).
    pub above: Vec<RawRow>,
    /// The rows below the header.
    pub rows: Vec<RawRow>,
}

impl Located {
    /// The cell text of `col` in `row`, empty when the column is absent.
    pub fn text<'a>(&self, row: &'a RawRow, col: Column) -> &'a str {
        self.columns
            .get(&col)
            .and_then(|&i| row.cell(i))
            .map(|c| c.text.as_str())
            .unwrap_or("")
    }

    /// The file's own header of `col` (for messages), else its label.
    pub fn header(&self, col: Column) -> &str {
        self.columns
            .get(&col)
            .and_then(|&i| self.headers.get(i))
            .map(String::as_str)
            .unwrap_or(col.label())
    }

    /// "姓名=人员姓名；缴费月份=期间": the mapping, as remembered and shown.
    pub fn mapping_text(&self) -> String {
        self.columns
            .iter()
            .filter_map(|(c, &i)| self.headers.get(i).map(|h| format!("{}={h}", c.label())))
            .collect::<Vec<_>>()
            .join("；")
    }
}

/// The key a header row is remembered by: its texts, folded, joined.
pub fn headers_key(headers: &[String]) -> String {
    headers
        .iter()
        .map(|h| header_key(h))
        .collect::<Vec<_>>()
        .join("|")
}

/// Parses a remembered mapping text back into (column, header) pairs.
pub fn parse_mapping(text: &str, kind: SourceKind) -> Vec<(Column, String)> {
    text.split('；')
        .filter_map(|pair| {
            let (label, header) = pair.split_once('=')?;
            Some((Column::find(label, kind)?, header.to_string()))
        })
        .collect()
}

/// What a mapping lacks for `kind`, in words; empty when it is complete.
pub fn missing(kind: SourceKind, columns: &BTreeMap<Column, usize>) -> Vec<String> {
    let has = |c: Column| columns.contains_key(&c);
    let mut out = Vec::new();
    match kind {
        SourceKind::PaymentList => {
            if !has(Column::Name) && !has(Column::IdNumber) {
                out.push("“姓名”或“身份证号”".to_string());
            }
            if !has(Column::Month) {
                out.push("“缴费月份”".to_string());
            }
        }
        SourceKind::Proof => {
            if !(has(Column::Month) || has(Column::MonthFrom) && has(Column::MonthTo)) {
                out.push("“缴费月份”（或“开始年月”和“结束年月”）".to_string());
            }
        }
        SourceKind::Ledger => {
            if !has(Column::ReportNumber) {
                out.push("“报告编号”".to_string());
            }
            if !has(Column::ReportDate) {
                out.push("“报告日期”（出具日期、检验日期或签发日期）".to_string());
            }
            if ![Column::Inspectors, Column::Reviewer, Column::Approver]
                .iter()
                .any(|c| has(*c))
            {
                out.push("“检验人员”（或“审核人员”“批准人员”）".to_string());
            }
        }
    }
    out
}

/// The mapping of one candidate header row, and what the clerk's choices
/// named that this row does not have.
fn map_row(
    kind: SourceKind,
    headers: &[String],
    remembered: &[(Column, String)],
    chosen: &[(Column, String)],
) -> (BTreeMap<Column, usize>, Vec<String>) {
    let mut columns = BTreeMap::new();
    for (i, h) in headers.iter().enumerate() {
        if let Some(c) = Column::for_header(h, kind) {
            columns.entry(c).or_insert(i);
        }
    }
    let mut absent = Vec::new();
    for (set, strict) in [(remembered, false), (chosen, true)] {
        for (col, header) in set {
            let key = header_key(header);
            match headers.iter().position(|h| header_key(h) == key) {
                Some(i) => {
                    // A header stands for one column only.
                    columns.retain(|_, &mut j| j != i);
                    columns.insert(*col, i);
                }
                None if strict => absent.push(format!("“{header}”（指定为{}）", col.label())),
                None => {}
            }
        }
    }
    (columns, absent)
}

/// Finds the header row of the first sheet that has the columns `kind`
/// needs. `remembered` gives the mapping kept for a header row (by
/// [`headers_key`]); `chosen` are the clerk's choices (`--column`, the mapping
/// dialog), which win. Without such a sheet: [`Error::ColumnsMissing`] with
/// the best candidate's headers.
pub fn locate(
    book: &mut Book,
    kind: SourceKind,
    remembered: Remembered,
    chosen: &[(Column, String)],
) -> Result<Located> {
    // (score, sheet, headers, missing) of the best failed candidate.
    let mut best: Option<(usize, String, Vec<String>, Vec<String>)> = None;
    let mut sheet_errors = Vec::new();
    for sheet in book.sheet_names() {
        let rows = match book.rows(&sheet) {
            Ok(rows) => rows,
            Err(why) => {
                sheet_errors.push(format!("工作表“{sheet}”：{why}"));
                continue;
            }
        };
        for at in 0..rows.len().min(HEADER_SEARCH_ROWS) {
            let row = &rows[at];
            let headers: Vec<String> = row.cells.iter().map(|c| c.text.clone()).collect();
            let kept = remembered(&headers_key(&headers)).unwrap_or_default();
            let (columns, absent) = map_row(kind, &headers, &kept, chosen);
            let mut lacking = missing(kind, &columns);
            lacking.extend(absent);
            if lacking.is_empty() {
                let header_row = row.number;
                let mut rows = rows;
                let data = rows.split_off(at + 1);
                rows.pop();
                return Ok(Located {
                    sheet,
                    header_row,
                    headers,
                    columns,
                    above: rows,
                    rows: data,
                });
            }
            let score = columns.len();
            if best.as_ref().is_none_or(|b| score > b.0) {
                best = Some((score, sheet.clone(), headers, lacking));
            }
        }
    }
    if best.is_none() && !sheet_errors.is_empty() {
        return Err(Error::Workbook(format!(
            "无法导入 {}：{}",
            book.file_name,
            sheet_errors.join("；")
        )));
    }
    let (_, sheet, headers, missing) = best.unwrap_or_else(|| {
        (
            0,
            book.sheet_names().into_iter().next().unwrap_or_default(),
            Vec::new(),
            missing(kind, &BTreeMap::new()),
        )
    });
    Err(Error::ColumnsMissing {
        file: book.file_name.clone(),
        sheet,
        missing,
        headers: headers.into_iter().filter(|h| !h.is_empty()).collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(hs: &[&str]) -> Vec<String> {
        hs.iter().map(|h| h.to_string()).collect()
    }

    #[test]
    fn spellings_then_remembered_then_chosen() {
        let hs = headers(&["序号", "人员", "证件号码", "期间", "险种"]);
        let (cols, absent) = map_row(SourceKind::PaymentList, &hs, &[], &[]);
        assert_eq!(cols.get(&Column::IdNumber), Some(&2));
        assert!(!cols.contains_key(&Column::Month));
        assert_eq!(
            missing(SourceKind::PaymentList, &cols),
            vec!["“缴费月份”".to_string()]
        );
        assert!(absent.is_empty());
        let kept = vec![(Column::Month, "期间".to_string())];
        let chosen = vec![(Column::Name, "人员".to_string())];
        let (cols, absent) = map_row(SourceKind::PaymentList, &hs, &kept, &chosen);
        assert_eq!(cols.get(&Column::Month), Some(&3));
        assert_eq!(cols.get(&Column::Name), Some(&1));
        assert!(missing(SourceKind::PaymentList, &cols).is_empty());
        assert!(absent.is_empty());
        let wrong = vec![(Column::Name, "人员姓名".to_string())];
        let (_, absent) = map_row(SourceKind::PaymentList, &hs, &[], &wrong);
        assert_eq!(absent, vec!["“人员姓名”（指定为姓名）".to_string()]);
    }

    #[test]
    fn a_mapping_text_round_trips() {
        let text = "姓名=人员；缴费月份=期间";
        let pairs = parse_mapping(text, SourceKind::PaymentList);
        assert_eq!(
            pairs,
            vec![
                (Column::Name, "人员".to_string()),
                (Column::Month, "期间".to_string())
            ]
        );
    }
}
