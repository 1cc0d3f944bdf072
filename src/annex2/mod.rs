//! 附件2 for the county regulator (辖区汇总, issue 14, docs/ANNEX2.md): receive
//! the agencies' Annex 1 (and roster workbooks), check them, compile Annex 2,
//! find 挂证 across agencies, print the form.
//!
//! Sits above `annex1` (whose data sheet and wording it reads), `workbook`
//! (received rosters), `tabular` and `store`; nothing below imports it.

pub mod crosscheck;
pub mod crosscheck_xlsx;
pub mod figures;
pub mod form_reader;
pub mod json;
pub mod model;
pub mod overview;
mod pdf;
pub mod receive;
pub mod wording;
mod xlsx;

use std::collections::BTreeMap;
use std::path::Path;

use chrono::NaiveDate;

use crate::domain::text::name_key;
use crate::error::{Error, Result};
use crate::safe_write::write_atomically;
use crate::store::Store;
use crate::store::annex2::{NewReceipt, Stored};
use figures::{Figures, ListEntry};
use model::{Received, ReceivedAnnex1, ReceivedRoster};

/// A current Annex 1 with where it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Agency {
    pub receipt_id: i64,
    pub file_name: String,
    pub received_at: String,
    /// The normalised name (rules.md), the key of replacement and of edits.
    pub key: String,
    pub annex: ReceivedAnnex1,
}

/// What the summary file holds now: the current Annex 1 per agency, the
/// current roster per agency, and how many receipts were replaced.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Current {
    pub forms: Vec<Agency>,
    pub rosters: Vec<ReceivedRoster>,
    pub history: usize,
}

fn corrupt(e: serde_json::Error) -> Error {
    Error::Other(format!("数据库中接收的文件内容无法读取：{e}"))
}

/// The current receipts, in order of receipt.
pub fn load(store: &Store) -> Result<Current> {
    let mut out = Current::default();
    for r in store.receipts()? {
        if r.replaced_by.is_some() {
            out.history += 1;
            continue;
        }
        match r.kind.as_str() {
            "annex1" => out.forms.push(Agency {
                receipt_id: r.id,
                file_name: r.file_name,
                received_at: r.received_at,
                key: r.agency_key,
                annex: serde_json::from_str(&r.content).map_err(corrupt)?,
            }),
            _ => out
                .rosters
                .push(serde_json::from_str(&r.content).map_err(corrupt)?),
        }
    }
    Ok(out)
}

/// Reads every file first, then stores them all in one transaction: a file
/// that cannot be received refuses the whole call and nothing is stored.
pub fn receive(
    store: &mut Store,
    paths: &[&Path],
    options: &receive::Options<'_>,
) -> Result<Vec<(receive::ReceivedFile, Stored)>> {
    let files = paths
        .iter()
        .map(|p| receive::read(p, options))
        .collect::<Result<Vec<_>>>()?;
    let new: Vec<NewReceipt> = files
        .iter()
        .map(|f| {
            let (kind, content, fill_date) = match &f.received {
                Received::Annex1(a) => (
                    "annex1",
                    serde_json::to_string(a),
                    a.fill_date.map(|d| d.to_string()),
                ),
                Received::Roster(r) => ("roster", serde_json::to_string(r), None),
            };
            Ok(NewReceipt {
                kind,
                file_name: f.file_name.clone(),
                sha256: f.sha256.clone(),
                agency_name: f.received.agency_name().to_string(),
                agency_key: name_key(f.received.agency_name()),
                fill_date,
                content: content.map_err(corrupt)?,
            })
        })
        .collect::<Result<_>>()?;
    let stored = store.receive_all(&new)?;
    Ok(files.into_iter().zip(stored).collect())
}

/// The regulator's figures by key.
pub fn entered(store: &Store) -> Result<BTreeMap<String, i64>> {
    Ok(store.annex2_figures()?.into_iter().collect())
}

/// Annex 2 as printed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Annex2 {
    /// The regulator's 单位名称.
    pub regulator: String,
    pub filler: String,
    pub phone: String,
    pub fill_date: NaiveDate,
    pub figures: Figures,
    /// List (二): agencies with problems, then the 考试机构.
    pub list: Vec<ListEntry>,
    /// Names of the agencies whose current Annex 1 is a draft.
    pub drafts: Vec<String>,
    /// Why the form is a draft; empty when final.
    pub draft_reasons: Vec<String>,
}

impl Annex2 {
    pub fn is_draft(&self) -> bool {
        !self.draft_reasons.is_empty()
    }

    /// The line printed on every page of a draft.
    pub fn draft_line(&self) -> Option<String> {
        self.is_draft()
            .then(|| format!("{}，本表为草稿，不得报送", self.draft_reasons.join("，")))
    }

    pub fn fill_date_text(&self) -> String {
        crate::annex1::chinese_date(self.fill_date)
    }

    /// Builds the form from the store.
    pub fn from_store(store: &Store, fill_date: NaiveDate) -> Result<Annex2> {
        Annex2::from_current(store, &load(store)?, fill_date)
    }

    /// Builds the form from the current receipts already loaded, with the
    /// store's figures, 考试机构 and edits.
    pub fn from_current(store: &Store, current: &Current, fill_date: NaiveDate) -> Result<Annex2> {
        let settings = store.settings()?;
        let exam = store.exam_rows()?;
        let edits: BTreeMap<String, _> = store.list_edits()?.into_iter().collect();
        let forms: Vec<ReceivedAnnex1> = current.forms.iter().map(|a| a.annex.clone()).collect();
        let figures = figures::compile(&forms, &entered(store)?, exam.len());
        let mut list = Vec::new();
        for a in current.forms.iter().filter(|a| !a.annex.draft) {
            let edit = edits.get(&a.key);
            let generated = figures::list_texts(&a.annex);
            if generated.is_none() && edit.is_none() {
                continue;
            }
            let (problems, rectification) = generated.unwrap_or_default();
            let p_edit = edit.and_then(|e| e.problems.clone());
            let r_edit = edit.and_then(|e| e.rectification.clone());
            list.push(ListEntry {
                name: a.annex.agency_name.clone(),
                problems_edited: p_edit.is_some(),
                rectification_edited: r_edit.is_some(),
                problems: p_edit.unwrap_or(problems),
                rectification: r_edit.unwrap_or(rectification),
                exam: None,
            });
        }
        list.extend(exam.into_iter().map(|(id, e)| ListEntry {
            name: e.name,
            problems: e.problems,
            rectification: e.rectification,
            problems_edited: false,
            rectification_edited: false,
            exam: Some(id),
        }));
        let drafts: Vec<String> = current
            .forms
            .iter()
            .filter(|a| a.annex.draft)
            .map(|a| a.annex.agency_name.clone())
            .collect();
        let mut draft_reasons = Vec::new();
        if settings.agency_name.trim().is_empty() {
            draft_reasons.push(wording::DRAFT_UNNAMED.to_string());
        }
        if current.forms.is_empty() {
            draft_reasons.push(wording::DRAFT_NONE.to_string());
        }
        if !drafts.is_empty() {
            draft_reasons.push(wording::draft_drafts(drafts.len()));
        }
        if !figures.unset.is_empty() {
            draft_reasons.push(wording::draft_unset(figures.unset.len()));
        }
        Ok(Annex2 {
            regulator: settings.agency_name,
            filler: settings.filler,
            phone: settings.phone,
            fill_date,
            figures,
            list,
            drafts,
            draft_reasons,
        })
    }
}

/// The PDF's bytes.
pub fn render_pdf_bytes(a: &Annex2) -> Result<Vec<u8>> {
    pdf::render(a)
}

/// The XLSX's bytes.
pub fn render_xlsx_bytes(a: &Annex2) -> Result<Vec<u8>> {
    xlsx::render(a)
}

pub fn write_pdf(a: &Annex2, path: &Path) -> Result<()> {
    write_atomically(path, &render_pdf_bytes(a)?)
}

pub fn write_xlsx(a: &Annex2, path: &Path) -> Result<()> {
    write_atomically(path, &render_xlsx_bytes(a)?)
}

/// `附件2_…_{单位名称}_{YYYY-MM-DD}.{ext}`.
pub fn default_file_name(a: &Annex2, ext: &str) -> String {
    let name: String = a
        .regulator
        .trim()
        .chars()
        .map(|c| {
            if "\\/:*?\"<>|".contains(c) || c.is_control() {
                '_'
            } else {
                c
            }
        })
        .collect();
    let name = if name.is_empty() {
        crate::annex1::wording::UNNAMED_AGENCY.to_string()
    } else {
        name
    };
    format!(
        "{}_{}_{}.{}",
        wording::FILE_STEM,
        name,
        a.fill_date.format("%Y-%m-%d"),
        ext.trim_start_matches('.')
    )
}
