//! A source's rows turned into typed records, each with its row number; a cell
//! that does not parse is an error naming sheet, row, header and value.

use chrono::NaiveDate;

use crate::domain::YearMonth;
use crate::domain::parse::{parse_date, parse_month};
use crate::domain::text::{clean, normalize_id_number, normalize_name};
use crate::error::CellError;
use crate::tabular::RawRow;

use super::columns::{Column, is_pension};
use super::header::Located;

/// The most months one range row may cover (fifty years).
const MAX_RANGE_MONTHS: i64 = 600;

/// Who a row is about, as the file names them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Named {
    /// 姓名, normalised as stored names are.
    pub name: Option<String>,
    /// 身份证号, normalised.
    pub id_number: Option<String>,
}

impl Named {
    pub fn is_empty(&self) -> bool {
        self.name.is_none() && self.id_number.is_none()
    }
}

/// Social-insurance months of one row (payment list or proof).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MonthsRow {
    pub row: u32,
    pub who: Named,
    pub months: Vec<YearMonth>,
    /// 缴费单位 as the row writes it; `None` when the file has no such column
    /// or the cell is empty.
    pub payer: Option<String>,
}

/// One report of a ledger.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportRow {
    pub row: u32,
    pub number: String,
    pub date: NaiveDate,
    /// (role, the signer cell's text) for each signer column.
    pub signers: Vec<(&'static str, String)>,
}

/// Typed rows of a sheet, with the errors and what was left out.
#[derive(Debug)]
pub struct Read<T> {
    pub rows: Vec<T>,
    pub errors: Vec<CellError>,
    /// Rows of other kinds of insurance, left out (险种 not the basic pension).
    pub other_kinds: usize,
    /// The other kinds' names, as first written.
    pub other_kind_names: Vec<String>,
}

impl<T> Default for Read<T> {
    fn default() -> Self {
        Read {
            rows: Vec::new(),
            errors: Vec::new(),
            other_kinds: 0,
            other_kind_names: Vec::new(),
        }
    }
}

/// The value shown in an error: long values cut.
fn shown(text: &str) -> String {
    let mut out: String = text.chars().take(20).collect();
    if text.chars().nth(20).is_some() {
        out.push('…');
    }
    out
}

struct Cells<'a, 'e> {
    at: &'a Located,
    row: &'a RawRow,
    errors: &'e mut Vec<CellError>,
}

impl<'a> Cells<'a, '_> {
    fn error(&mut self, col: Column, value: &str, message: impl Into<String>) {
        self.errors.push(CellError::cell(
            &self.at.sheet,
            self.row.number,
            self.at.header(col),
            &shown(value),
            message,
        ));
    }

    /// The cell's text, checked against its column's size and the cell's own
    /// problem (a number that lost digits, an error value). Borrowed: most
    /// cells are parsed or normalised into a new value anyway.
    fn text(&mut self, col: Column) -> Option<&'a str> {
        let i = *self.at.columns.get(&col)?;
        let row: &'a RawRow = self.row;
        let cell = row.cell(i)?;
        if let Some(p) = &cell.problem {
            self.error(col, &cell.text, p.clone());
            return None;
        }
        if cell.text.is_empty() {
            return None;
        }
        if let Err(m) = col.size().check(&cell.text) {
            self.error(col, &cell.text, m);
            return None;
        }
        Some(&cell.text)
    }

    fn named(&mut self) -> Named {
        Named {
            name: self.text(Column::Name).map(normalize_name),
            id_number: self.text(Column::IdNumber).map(normalize_id_number),
        }
    }

    fn month(&mut self, col: Column) -> Option<YearMonth> {
        let t = self.text(col)?;
        match parse_month(t) {
            Ok(m) => m,
            Err(e) => {
                self.error(col, t, e);
                None
            }
        }
    }
}

/// Whether a row is a total line (合计, 小计 …) rather than a person's.
fn is_total(text: &str) -> bool {
    // Every such word ends in 计; a name or a number has none.
    if !text.contains('计') {
        return false;
    }
    let t: String = clean(text).chars().filter(|c| !c.is_whitespace()).collect();
    matches!(t.as_str(), "合计" | "小计" | "总计" | "累计" | "本页合计")
}

/// [`is_pension`] of `kind`, kept in `known`.
fn pension_kind(known: &mut Vec<(String, bool)>, kind: &str) -> bool {
    if let Some((_, is)) = known.iter().find(|(k, _)| k == kind) {
        return *is;
    }
    let is = is_pension(kind);
    // A file of thousands of different kinds is not a real list: no longer kept.
    if known.len() < 64 {
        known.push((kind.to_string(), is));
    }
    is
}

/// Rows of months: a payment list (one month per row) or a proof (a month or
/// a 开始年月–结束年月 range per row). Rows of other 险种 are counted and left out.
pub fn months(at: &Located) -> Read<MonthsRow> {
    let mut out = Read::default();
    // Whether each 险种 the file writes is the basic pension: a list has a
    // handful of kinds on 300,000 rows.
    let mut pension: Vec<(String, bool)> = Vec::new();
    for row in &at.rows {
        let mut c = Cells {
            at,
            row,
            errors: &mut out.errors,
        };
        let first = c.at.text(row, Column::Name);
        if is_total(first) || is_total(row.cells.first().map(|c| c.text.as_str()).unwrap_or("")) {
            continue;
        }
        if let Some(kind) = c.text(Column::InsuranceKind)
            && !pension_kind(&mut pension, kind)
        {
            out.other_kinds += 1;
            if !out.other_kind_names.iter().any(|k| k == kind) {
                out.other_kind_names.push(kind.to_string());
            }
            continue;
        }
        let errors_before = c.errors.len();
        let who = c.named();
        let payer = c.text(Column::Payer).map(String::from);
        let single = c.month(Column::Month);
        let from = c.month(Column::MonthFrom);
        let to = c.month(Column::MonthTo);
        if c.errors.len() > errors_before {
            continue;
        }
        let months: Vec<YearMonth> = match (single, from, to) {
            (Some(m), _, _) => vec![m],
            (None, Some(f), Some(t)) if f <= t && f.months_until(t) < MAX_RANGE_MONTHS => {
                f.through(t).collect()
            }
            (None, Some(f), Some(t)) => {
                let value = format!("{}–{}", f.chinese(), t.chinese());
                c.error(
                    Column::MonthTo,
                    &value,
                    if f > t {
                        "结束年月早于开始年月"
                    } else {
                        "起止相隔超过50年，请检查"
                    },
                );
                continue;
            }
            (None, Some(_), None) | (None, None, Some(_)) => {
                let missing = if from.is_none() {
                    Column::MonthFrom
                } else {
                    Column::MonthTo
                };
                c.error(missing, "", format!("缺少{}", missing.label()));
                continue;
            }
            (None, None, None) => {
                if who.is_empty() && payer.is_none() {
                    continue; // a blank or decorative line
                }
                let col = if c.at.columns.contains_key(&Column::Month) {
                    Column::Month
                } else {
                    Column::MonthFrom
                };
                c.error(col, "", format!("缺少{}", col.label()));
                continue;
            }
        };
        out.rows.push(MonthsRow {
            row: row.number,
            who,
            months,
            payer,
        });
    }
    out
}

/// The reports of a ledger.
pub fn reports(at: &Located) -> Read<ReportRow> {
    let mut out = Read::default();
    let signer_cols = [Column::Inspectors, Column::Reviewer, Column::Approver];
    for row in &at.rows {
        let mut c = Cells {
            at,
            row,
            errors: &mut out.errors,
        };
        let errors_before = c.errors.len();
        let number = c.text(Column::ReportNumber).map(String::from);
        let date_text = c.text(Column::ReportDate);
        let mut signers = Vec::new();
        for col in signer_cols {
            if let (Some(text), Some(role)) = (c.text(col), col.role()) {
                signers.push((role, text.to_string()));
            }
        }
        if c.errors.len() > errors_before {
            continue;
        }
        if number.is_none() && date_text.is_none() && signers.is_empty() {
            continue;
        }
        let Some(number) = number else {
            if is_total(row.cells.first().map(|c| c.text.as_str()).unwrap_or("")) {
                continue;
            }
            c.error(Column::ReportNumber, "", "缺少报告编号");
            continue;
        };
        let date = match date_text.map(parse_date) {
            Some(Ok(Some(d))) => d,
            Some(Err(e)) => {
                let t = date_text.unwrap_or_default();
                c.error(Column::ReportDate, t, e);
                continue;
            }
            _ => {
                c.error(Column::ReportDate, "", "缺少报告日期");
                continue;
            }
        };
        out.rows.push(ReportRow {
            row: row.number,
            number,
            date,
            signers,
        });
    }
    out
}

/// The person a 参保缴费证明 names above its table ("姓名：张三", or a 姓名 cell
/// and the value in the next cell; likewise 身份证号 / 社会保障号码).
pub fn named_above(at: &Located) -> Named {
    let mut who = Named::default();
    for row in &at.above {
        let texts: Vec<&str> = row.cells.iter().map(|c| c.text.as_str()).collect();
        for (i, t) in texts.iter().enumerate() {
            for (col, target) in [(Column::Name, 0), (Column::IdNumber, 1)] {
                let value = label_value(t, col).or_else(|| {
                    is_label(t, col).then(|| {
                        texts[i + 1..]
                            .iter()
                            .find(|v| !v.is_empty())
                            .map(|v| v.to_string())
                    })?
                });
                let Some(v) = value.filter(|v| !v.is_empty()) else {
                    continue;
                };
                if target == 0 && who.name.is_none() {
                    who.name = Some(normalize_name(&v));
                } else if target == 1 && who.id_number.is_none() {
                    who.id_number = Some(normalize_id_number(&v));
                }
            }
        }
    }
    who
}

fn is_label(text: &str, col: Column) -> bool {
    let t = text.trim_end_matches(['：', ':']).trim();
    col.spellings()
        .iter()
        .any(|s| crate::domain::fields::header_key(s) == crate::domain::fields::header_key(t))
}

/// "姓名：张三" → 张三.
fn label_value(text: &str, col: Column) -> Option<String> {
    let (label, value) = text.split_once(['：', ':'])?;
    is_label(label, col).then(|| clean(value))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn total_lines_are_told_from_names() {
        for (text, total) in [
            ("合计", true),
            (" 合 计 ", true),
            ("本页合计", true),
            ("小计", true),
            ("张三", false),
            ("计三", false),
            ("370502198001011013", false),
            ("", false),
        ] {
            assert_eq!(is_total(text), total, "{text}");
        }
    }

    #[test]
    fn a_kind_is_judged_once_and_the_same_as_without_the_list() {
        let mut known = Vec::new();
        for kind in [
            "企业职工基本养老保险",
            "职业年金",
            "失业保险",
            "企业职工基本养老保险",
            "机关事业单位基本养老保险",
        ] {
            assert_eq!(pension_kind(&mut known, kind), is_pension(kind), "{kind}");
        }
        assert_eq!(known.len(), 4);
        for k in 0..100 {
            pension_kind(&mut known, &format!("险种{k}"));
        }
        assert_eq!(known.len(), 64);
    }
}
