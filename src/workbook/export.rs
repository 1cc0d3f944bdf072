//! `zicha export`: the whole roster and settings in the template's form, so
//! that importing the file into an empty database gives the same roster.

use std::path::Path;

use rust_xlsxwriter::{Workbook, Worksheet, XlsxError};

use super::columns::{Col, SheetKind};
use super::layout::{
    Formats, TEMPLATE_ROWS, excel_date, save, setup_sheet, write_error, write_value,
};
use crate::domain::{Person, PersonField, Roster, SettingKey};
use crate::error::Result;
use crate::store::Store;

/// What an export wrote.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ExportSummary {
    pub persons: usize,
    pub certificates: usize,
    pub social_insurance: usize,
    pub evidence: usize,
    pub staffing_lines: usize,
}

/// The position of `col` in `kind`'s columns.
fn at(kind: SheetKind, col: Col) -> u16 {
    kind.columns().iter().position(|c| *c == col).unwrap_or(0) as u16
}

/// Writes `text` into `kind`'s column `col`.
fn put(
    ws: &mut Worksheet,
    row: u32,
    kind: SheetKind,
    col: Col,
    text: &str,
    f: &Formats,
) -> Result<(), XlsxError> {
    write_value(ws, row, at(kind, col), col, text, f)
}

fn owner(ws: &mut Worksheet, row: u32, p: &Person, f: &Formats) -> Result<(), XlsxError> {
    write_value(ws, row, 0, Col::Person(PersonField::Name), &p.name, f)?;
    if let Some(id) = &p.id_number {
        write_value(ws, row, 1, Col::Person(PersonField::IdNumber), id, f)?;
    }
    Ok(())
}

fn date_text(d: Option<chrono::NaiveDate>) -> String {
    d.map(|d| d.to_string()).unwrap_or_default()
}

fn build(book: &mut Workbook, roster: &Roster) -> Result<ExportSummary, XlsxError> {
    let f = Formats::new();
    let mut sum = ExportSummary::default();
    let persons: Vec<&Person> = roster.persons.iter().map(|r| &r.person).collect();
    let rows = |n: usize| (n as u32 + 1).max(TEMPLATE_ROWS);

    let ws = book.add_worksheet();
    setup_sheet(ws, SheetKind::Persons, &f, rows(persons.len()))?;
    ws.set_active(true);
    for (i, p) in persons.iter().enumerate() {
        for (c, field) in PersonField::ALL.into_iter().enumerate() {
            write_value(
                ws,
                i as u32 + 1,
                c as u16,
                Col::Person(field),
                &field.get(p),
                &f,
            )?;
        }
    }
    sum.persons = persons.len();

    let n: usize = persons.iter().map(|p| p.certificates.len()).sum();
    let ws = book.add_worksheet();
    setup_sheet(ws, SheetKind::Certificates, &f, rows(n))?;
    let mut row = 1;
    for p in &persons {
        for c in &p.certificates {
            owner(ws, row, p, &f)?;
            put(ws, row, SheetKind::Certificates, Col::CertItem, &c.item, &f)?;
            put(
                ws,
                row,
                SheetKind::Certificates,
                Col::CertNumber,
                c.number.as_deref().unwrap_or(""),
                &f,
            )?;
            put(
                ws,
                row,
                SheetKind::Certificates,
                Col::CertIssuedOn,
                &date_text(c.issued_on),
                &f,
            )?;
            put(
                ws,
                row,
                SheetKind::Certificates,
                Col::CertValidUntil,
                &date_text(c.valid_until),
                &f,
            )?;
            row += 1;
        }
    }
    sum.certificates = n;

    let n: usize = persons.iter().map(|p| p.social_insurance.len()).sum();
    let ws = book.add_worksheet();
    setup_sheet(ws, SheetKind::SocialInsurance, &f, rows(n))?;
    let mut row = 1;
    for p in &persons {
        for s in &p.social_insurance {
            owner(ws, row, p, &f)?;
            put(
                ws,
                row,
                SheetKind::SocialInsurance,
                Col::SiMonth,
                &s.month.iso(),
                &f,
            )?;
            put(
                ws,
                row,
                SheetKind::SocialInsurance,
                Col::SiPayer,
                s.payer.as_deref().unwrap_or(""),
                &f,
            )?;
            row += 1;
        }
    }
    sum.social_insurance = n;

    let n: usize = persons.iter().map(|p| p.evidence.len()).sum();
    let ws = book.add_worksheet();
    setup_sheet(ws, SheetKind::Evidence, &f, rows(n))?;
    let mut row = 1;
    for p in &persons {
        for e in &p.evidence {
            owner(ws, row, p, &f)?;
            put(
                ws,
                row,
                SheetKind::Evidence,
                Col::EvDate,
                &e.date.to_string(),
                &f,
            )?;
            put(
                ws,
                row,
                SheetKind::Evidence,
                Col::EvKind,
                e.kind.map(|k| k.label()).unwrap_or(""),
                &f,
            )?;
            put(
                ws,
                row,
                SheetKind::Evidence,
                Col::EvNumber,
                e.number.as_deref().unwrap_or(""),
                &f,
            )?;
            put(
                ws,
                row,
                SheetKind::Evidence,
                Col::EvDescription,
                e.description.as_deref().unwrap_or(""),
                &f,
            )?;
            row += 1;
        }
    }
    sum.evidence = n;

    let ws = book.add_worksheet();
    setup_sheet(ws, SheetKind::Staffing, &f, rows(roster.staffing.len()))?;
    for (i, l) in roster.staffing.iter().enumerate() {
        let r = i as u32 + 1;
        put(
            ws,
            r,
            SheetKind::Staffing,
            Col::StaffCategory,
            &l.category,
            &f,
        )?;
        put(
            ws,
            r,
            SheetKind::Staffing,
            Col::StaffPatterns,
            &l.patterns_text(),
            &f,
        )?;
        ws.write_number(
            r,
            at(SheetKind::Staffing, Col::StaffMin),
            l.min_count as f64,
        )?;
    }
    sum.staffing_lines = roster.staffing.len();

    let ws = book.add_worksheet();
    setup_sheet(ws, SheetKind::Agency, &f, TEMPLATE_ROWS)?;
    let s = &roster.settings;
    for (i, k) in SettingKey::ALL.into_iter().enumerate() {
        let r = i as u32 + 1;
        ws.write_string(r, 0, k.label())?;
        match k {
            SettingKey::ReferenceDate => {
                if let Some(d) = s.reference_date.and_then(excel_date) {
                    ws.write_datetime_with_format(r, 1, d, &f.date)?;
                }
            }
            SettingKey::WindowMonths => {
                ws.write_number(r, 1, s.window_months as f64)?;
            }
            SettingKey::ExpiryWarningDays => {
                ws.write_number(r, 1, s.expiry_warning_days as f64)?;
            }
            _ => {
                let v = s.get(k);
                if !v.is_empty() {
                    ws.write_string_with_format(r, 1, v, &f.text)?;
                }
            }
        }
    }
    Ok(sum)
}

/// Writes the store's whole roster and settings to `path`.
pub fn export(store: &Store, path: &Path) -> crate::error::Result<ExportSummary> {
    super::layout::check_output(path)?;
    let roster = store.load_roster()?;
    let mut book = Workbook::new();
    let sum = build(&mut book, &roster).map_err(|e| write_error(path, e))?;
    save(&mut book, path)?;
    Ok(sum)
}
