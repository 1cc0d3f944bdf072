//! Parsing each sheet's rows into domain values, collecting every error with
//! its sheet, row, column and value instead of stopping at the first.

use crate::domain::parse::{parse_date, parse_month};
use crate::domain::text::{clean_text_opt, normalize_id_number, normalize_name};
use crate::domain::{
    Certificate, Evidence, EvidenceKind, Person, PersonField, SettingKey, SocialInsuranceMonth,
    StaffingLine, YearMonth,
};
use crate::error::CellError;

use super::columns::{Col, SheetKind};
use super::reader::{RawRow, RawWorkbook};
use super::settings_sheets;
use super::table::{Table, map_sheet};

/// The most months one 起始月份–终止月份 row may span (50 years).
const MAX_RANGE_MONTHS: i64 = 600;

/// One row of the 人员 sheet.
#[derive(Debug, Clone)]
pub struct PersonRow {
    pub row: u32,
    /// The values of the non-empty cells, on an otherwise empty person.
    pub person: Person,
    /// The columns whose cells were given (merge keeps the stored value of the others).
    pub given: Vec<PersonField>,
    /// False when the row has an error.
    pub ok: bool,
}

/// One row of 证书, 社保 or 工作见证: whom it belongs to and what it adds.
#[derive(Debug, Clone)]
pub struct ChildRow<T> {
    pub row: u32,
    pub name: String,
    pub id_number: Option<String>,
    /// One value; a 社保 range row gives one per month.
    pub items: Vec<T>,
    pub ok: bool,
}

/// A workbook parsed sheet by sheet.
#[derive(Debug, Default)]
pub struct Parsed {
    /// The mapped sheets, kept to write rejected rows back out.
    pub tables: Vec<Table>,
    pub persons: Vec<PersonRow>,
    pub certificates: Vec<ChildRow<Certificate>>,
    pub social_insurance: Vec<ChildRow<SocialInsuranceMonth>>,
    pub evidence: Vec<ChildRow<Evidence>>,
    /// 人员条件 lines with their rows; `None` when the sheet is absent or has no rows.
    pub staffing: Option<Vec<(u32, StaffingLine, bool)>>,
    /// 单位信息 items given (non-empty 内容), with their rows.
    pub agency: Vec<(u32, SettingKey, String, bool)>,
    pub errors: Vec<CellError>,
    pub notices: Vec<String>,
}

impl Parsed {
    /// The sheet name the workbook uses for `kind`.
    pub fn sheet_name(&self, kind: SheetKind) -> String {
        self.tables
            .iter()
            .find(|t| t.kind == kind)
            .map(|t| t.name.clone())
            .unwrap_or_else(|| kind.name().to_string())
    }
}

/// Collects errors for one row.
pub(super) struct RowErrors<'a> {
    table: &'a Table,
    row: &'a RawRow,
    errors: Vec<CellError>,
}

impl<'a> RowErrors<'a> {
    pub(super) fn new(table: &'a Table, row: &'a RawRow) -> Self {
        RowErrors {
            table,
            row,
            errors: table.cell_problems(row),
        }
    }

    /// The cell's text, or `None` when it has a problem already reported.
    pub(super) fn text(&self, col: Col) -> Option<&'a str> {
        let t = self.table.text(self.row, col);
        let reported = self
            .errors
            .iter()
            .any(|e| e.column.as_deref() == Some(self.table.header(col)));
        (!reported).then_some(t)
    }

    pub(super) fn push(&mut self, col: Col, value: &str, message: impl Into<String>) {
        self.errors.push(CellError::cell(
            &self.table.name,
            self.row.number,
            self.table.header(col),
            value,
            message,
        ));
    }

    pub(super) fn required(&mut self, col: Col) -> Option<String> {
        let t = self.text(col)?;
        if t.is_empty() {
            self.push(col, "", format!("{}不能为空", col.header()));
            None
        } else {
            Some(t.to_string())
        }
    }

    pub(super) fn date(&mut self, col: Col) -> Option<chrono::NaiveDate> {
        let t = self.text(col)?;
        parse_date(t).unwrap_or_else(|m| {
            self.push(col, t, m);
            None
        })
    }

    pub(super) fn month(&mut self, col: Col) -> Option<YearMonth> {
        let t = self.text(col)?;
        parse_month(t).unwrap_or_else(|m| {
            self.push(col, t, m);
            None
        })
    }

    pub(super) fn optional(&self, col: Col) -> Option<String> {
        self.text(col).and_then(clean_text_opt)
    }

    /// The person a child row names: 姓名 (required) and 身份证号.
    pub(super) fn owner(&mut self) -> (String, Option<String>) {
        // Normalised as `PersonField::set` does, so the row finds its person.
        let name = self
            .required(Col::Person(PersonField::Name))
            .map(|s| normalize_name(&s))
            .unwrap_or_default();
        let id = self
            .optional(Col::Person(PersonField::IdNumber))
            .map(|s| normalize_id_number(&s));
        (name, id)
    }

    pub(super) fn finish(self, out: &mut Vec<CellError>) -> bool {
        let ok = self.errors.is_empty();
        out.extend(self.errors);
        ok
    }
}

fn parse_persons(t: &Table, out: &mut Parsed) {
    for row in &t.rows {
        let mut e = RowErrors::new(t, row);
        let mut person = Person::default();
        let mut given = Vec::new();
        for f in PersonField::ALL {
            let col = Col::Person(f);
            let Some(text) = e.text(col) else { continue };
            if text.is_empty() {
                continue;
            }
            match f.set(&mut person, text) {
                Ok(()) => given.push(f),
                Err(m) => e.push(col, text, m),
            }
        }
        if e.text(Col::Person(PersonField::Name)) == Some("") {
            e.push(Col::Person(PersonField::Name), "", "姓名不能为空");
        }
        let ok = e.finish(&mut out.errors);
        out.persons.push(PersonRow {
            row: row.number,
            person,
            given,
            ok,
        });
    }
}

fn parse_certificates(t: &Table, out: &mut Parsed) {
    for row in &t.rows {
        let mut e = RowErrors::new(t, row);
        let (name, id_number) = e.owner();
        let item = e.required(Col::CertItem);
        let cert = Certificate {
            item: item.unwrap_or_default(),
            number: e.optional(Col::CertNumber),
            issued_on: e.date(Col::CertIssuedOn),
            valid_until: e.date(Col::CertValidUntil),
        };
        let ok = e.finish(&mut out.errors);
        out.certificates.push(ChildRow {
            row: row.number,
            name,
            id_number,
            items: vec![cert],
            ok,
        });
    }
}

fn parse_social_insurance(t: &Table, out: &mut Parsed) {
    for row in &t.rows {
        let mut e = RowErrors::new(t, row);
        let (name, id_number) = e.owner();
        let payer = e.optional(Col::SiPayer);
        let single = e.month(Col::SiMonth);
        let from = e.month(Col::SiFrom);
        let to = e.month(Col::SiTo);
        let given = |c: Col, e: &RowErrors| !e.table.text(e.row, c).is_empty();
        let (has_single, has_from, has_to) = (
            given(Col::SiMonth, &e),
            given(Col::SiFrom, &e),
            given(Col::SiTo, &e),
        );
        let months: Vec<YearMonth> = if has_single && (has_from || has_to) {
            e.push(
                Col::SiMonth,
                t.text(row, Col::SiMonth),
                "请只填“缴费月份”，或只填“起始月份”和“终止月份”，不要同时填写",
            );
            Vec::new()
        } else if has_single {
            single.into_iter().collect()
        } else if has_from != has_to {
            let missing = if has_from { Col::SiTo } else { Col::SiFrom };
            e.push(
                missing,
                "",
                format!("{}不能为空：起始月份和终止月份须成对填写", missing.header()),
            );
            Vec::new()
        } else if !has_from {
            e.push(
                Col::SiMonth,
                "",
                "缺少月份：请填写“缴费月份”，或“起始月份”和“终止月份”",
            );
            Vec::new()
        } else {
            match (from, to) {
                (Some(a), Some(b)) if a.months_until(b) < 0 => {
                    e.push(
                        Col::SiTo,
                        t.text(row, Col::SiTo),
                        format!("终止月份早于起始月份（{}）", a.iso()),
                    );
                    Vec::new()
                }
                (Some(a), Some(b)) if a.months_until(b) >= MAX_RANGE_MONTHS => {
                    e.push(
                        Col::SiTo,
                        t.text(row, Col::SiTo),
                        format!("起止月份跨度超过{MAX_RANGE_MONTHS}个月，请检查"),
                    );
                    Vec::new()
                }
                (Some(a), Some(b)) => a.through(b).collect(),
                _ => Vec::new(),
            }
        };
        let ok = e.finish(&mut out.errors);
        out.social_insurance.push(ChildRow {
            row: row.number,
            name,
            id_number,
            items: months
                .into_iter()
                .map(|month| SocialInsuranceMonth {
                    month,
                    payer: payer.clone(),
                    origin: None,
                })
                .collect(),
            ok,
        });
    }
}

fn parse_evidence(t: &Table, out: &mut Parsed) {
    for row in &t.rows {
        let mut e = RowErrors::new(t, row);
        let (name, id_number) = e.owner();
        if e.text(Col::EvDate) == Some("") {
            e.push(Col::EvDate, "", "日期不能为空");
        }
        let date = e.date(Col::EvDate);
        let kind = match e.text(Col::EvKind) {
            Some(k) => EvidenceKind::parse(k).unwrap_or_else(|m| {
                e.push(Col::EvKind, k, m);
                None
            }),
            None => None,
        };
        let number = e.optional(Col::EvNumber);
        let description = e.optional(Col::EvDescription);
        let ok = e.finish(&mut out.errors);
        out.evidence.push(ChildRow {
            row: row.number,
            name,
            id_number,
            items: date
                .map(|date| Evidence {
                    date,
                    kind,
                    number,
                    description,
                    origin: None,
                })
                .into_iter()
                .collect(),
            ok,
        });
    }
}

/// Maps and parses every sheet read.
pub fn parse(raw: RawWorkbook) -> Parsed {
    let mut out = Parsed {
        errors: raw.errors,
        notices: raw.notices,
        ..Default::default()
    };
    for sheet in raw.sheets {
        if let Some(t) = map_sheet(sheet, &mut out.errors, &mut out.notices) {
            out.tables.push(t);
        }
    }
    let tables = std::mem::take(&mut out.tables);
    for t in &tables {
        match t.kind {
            SheetKind::Persons => parse_persons(t, &mut out),
            SheetKind::Certificates => parse_certificates(t, &mut out),
            SheetKind::SocialInsurance => parse_social_insurance(t, &mut out),
            SheetKind::Evidence => parse_evidence(t, &mut out),
            SheetKind::Staffing => settings_sheets::parse_staffing(t, &mut out),
            SheetKind::Agency => settings_sheets::parse_agency(t, &mut out),
        }
    }
    out.tables = tables;
    out
}
