//! The source import: read → locate the header → typed rows → plan → preview,
//! then (the plan the preview showed, not a second read) one transaction.

use std::path::PathBuf;

use crate::domain::text::clean_text;
use crate::error::{CellError, Error, Result};
use crate::store::audit::{self, AuditEntry};
use crate::store::{Store, audit_chain, imported, sources as stored};

use super::SourceKind;
use super::columns::Column;
use super::header::{Located, headers_key, locate, parse_mapping};
use super::plan::{PersonAddition, Planned, Unmatched, plan_months, plan_reports};
use super::records::{months, named_above, reports};

/// The most errors a refusal lists; the count says how many there were.
const MAX_LISTED_ERRORS: usize = 200;

/// What to import and how.
#[derive(Debug, Clone)]
pub struct SourceRequest {
    pub kind: SourceKind,
    pub path: PathBuf,
    /// The clerk's column choices (`--column 姓名=人员姓名`, the mapping dialog).
    pub columns: Vec<(Column, String)>,
    /// The paying unit of rows without one (`--payer`); `None`: the agency.
    pub payer: Option<String>,
    /// The person a 参保缴费证明 is about when it names nobody (store id).
    pub person: Option<i64>,
}

impl SourceRequest {
    pub fn new(kind: SourceKind, path: impl Into<PathBuf>) -> Self {
        SourceRequest {
            kind,
            path: path.into(),
            columns: Vec::new(),
            payer: None,
            person: None,
        }
    }
}

/// A read and planned import: what the preview shows and what confirming writes.
#[derive(Debug, Clone)]
pub struct Prepared {
    pub request: SourceRequest,
    pub file_name: String,
    pub sha256: String,
    /// The sheet, its header row and how its columns were read.
    pub sheet: String,
    pub header_row: u32,
    /// "姓名=人员姓名；缴费月份=费款所属期".
    pub mapping: String,
    headers_key: String,
    /// The audit chain's newest entry when planned: the roster must not change
    /// between the preview and the import.
    audit_tail: (i64, String),
    pub rows_read: usize,
    /// Rows of other kinds of insurance, left out, and their kinds.
    pub other_kinds: usize,
    pub other_kind_names: Vec<String>,
    pub planned: Planned,
}

/// What an import did.
#[derive(Debug, Clone, Default)]
pub struct SourceOutcome {
    pub persons: usize,
    pub months_added: usize,
    pub evidence_added: usize,
    pub present: usize,
    pub unmatched: usize,
    pub findings: usize,
    /// The copy of the database made before the import.
    pub backup: Option<PathBuf>,
}

/// Reads and plans the import, writing nothing. A file that cannot be read,
/// lacks a column, or has errors in its cells is an `Err` (errors listed).
pub fn prepare(store: &Store, request: &SourceRequest) -> Result<Prepared> {
    let kind = request.kind;
    let conn = store.conn();
    let remembered = stored::mappings(conn, kind.memory_label())?;
    // The file is read on a second thread while this one loads the roster.
    let (read, loaded) = std::thread::scope(|s| {
        let reading = s.spawn(|| read_file(request, &remembered));
        let loaded = (|| -> Result<_> {
            Ok((
                store.load_roster()?,
                stored::removed_keys(conn)?,
                audit_chain::tail(conn)?,
            ))
        })();
        let read = reading
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        (read, loaded)
    });
    let (file, at) = read?;
    let (roster, removed, audit_tail) = loaded?;
    let has = |c: Column| at.columns.contains_key(&c);
    let kind = match kind {
        SourceKind::PaymentList if request.person.is_some() || !named_above(&at).is_empty() => {
            SourceKind::Proof
        }
        k => k,
    };
    if kind == SourceKind::PaymentList && !has(Column::Name) && !has(Column::IdNumber) {
        return Err(Error::ColumnsMissing {
            file: file.name.clone(),
            sheet: at.sheet.clone(),
            missing: vec![
                "“姓名”或“身份证号”（如是某人的参保缴费证明，请指定是谁的：命令行 --person 身份证号或姓名）".into(),
            ],
            headers: at
                .headers
                .iter()
                .filter(|h| !h.is_empty())
                .cloned()
                .collect(),
        });
    }
    let payer = request
        .payer
        .as_deref()
        .map(clean_text)
        .filter(|p| !p.is_empty());
    let (mut planned, rows_read, other_kinds, other_kind_names, mut errors) = match kind {
        SourceKind::PaymentList | SourceKind::Proof => {
            let read = months(&at);
            let planned = plan_months(
                kind,
                &at,
                &read.rows,
                &roster,
                removed,
                &file.name,
                payer.as_deref(),
                request.person,
            );
            (
                planned,
                read.rows.len(),
                read.other_kinds,
                read.other_kind_names,
                read.errors,
            )
        }
        SourceKind::Ledger => {
            let read = reports(&at);
            let rows = read.rows.len();
            let planned = plan_reports(read.rows, &roster, removed, &file.name);
            (planned, rows, 0, Vec::new(), read.errors)
        }
    };
    errors.append(&mut planned.errors);
    if !errors.is_empty() {
        errors.sort_by_key(|e| e.row.unwrap_or(0));
        let total = errors.len();
        if total > MAX_LISTED_ERRORS {
            errors.truncate(MAX_LISTED_ERRORS);
            errors.push(CellError::sheet(
                &at.sheet,
                format!("共有 {total} 处错误，以上只列出前 {MAX_LISTED_ERRORS} 处"),
            ));
        }
        return Err(Error::ImportRejected {
            errors,
            rejects_file: None,
            rejects_failed: None,
        });
    }
    let order: std::collections::HashMap<i64, usize> = roster
        .persons
        .iter()
        .enumerate()
        .filter_map(|(i, r)| r.person.id.map(|id| (id, i)))
        .collect();
    planned
        .persons
        .sort_by_key(|p| order.get(&p.person_id).copied().unwrap_or(usize::MAX));
    let mut request = request.clone();
    request.kind = kind;
    Ok(Prepared {
        request,
        file_name: file.name,
        sha256: file.sha256,
        mapping: at.mapping_text(),
        headers_key: headers_key(&at.headers),
        sheet: at.sheet,
        header_row: at.header_row,
        audit_tail,
        rows_read,
        other_kinds,
        other_kind_names,
        planned,
    })
}

/// The file's name and SHA-256, for provenance.
struct FileId {
    name: String,
    sha256: String,
}

/// Opens the file and finds its header row and columns (`remembered`: the
/// mappings kept for files of this kind, by their headers). The rest of the
/// workbook is let go here.
fn read_file(
    request: &SourceRequest,
    remembered: &std::collections::HashMap<String, String>,
) -> Result<(FileId, Located)> {
    let kind = request.kind;
    let mut book = crate::tabular::open(&request.path)?;
    let remembered = |key: &str| remembered.get(key).map(|m| parse_mapping(m, kind));
    // A payment list and a proof are read alike; a file that names one person
    // above its table, or that the clerk gave a person for, is a proof.
    let reading = match kind {
        SourceKind::PaymentList => SourceKind::Proof,
        k => k,
    };
    let at = locate(&mut book, reading, &remembered, &request.columns)?;
    let file = FileId {
        name: book.file_name,
        sha256: book.sha256,
    };
    Ok((file, at))
}

impl Prepared {
    pub fn months_added(&self) -> usize {
        self.planned.persons.iter().map(|p| p.months.len()).sum()
    }

    pub fn evidence_added(&self) -> usize {
        self.planned.persons.iter().map(|p| p.reports.len()).sum()
    }

    pub fn present(&self) -> usize {
        self.planned.persons.iter().map(|p| p.present).sum()
    }

    /// Persons who get something.
    pub fn persons_changed(&self) -> impl Iterator<Item = &PersonAddition> {
        self.planned
            .persons
            .iter()
            .filter(|p| !p.months.is_empty() || !p.reports.is_empty())
    }

    /// The preview in Chinese lines (the CLI prints them; the audit keeps the first).
    pub fn summary_lines(&self) -> Vec<String> {
        let kind = self.request.kind;
        let mut out = vec![format!(
            "{}：{}（工作表“{}”，表头在第{}行；{}）",
            kind.label(),
            self.file_name,
            self.sheet,
            self.header_row,
            self.mapping
        )];
        let changed = self.persons_changed().count();
        match kind {
            SourceKind::PaymentList | SourceKind::Proof => {
                out.push(format!(
                    "读取 {} 行；{} 人新增社保 {} 个月，已有相同记录 {} 个月",
                    self.rows_read,
                    changed,
                    self.months_added(),
                    self.present()
                ));
                if self.other_kinds > 0 {
                    out.push(format!(
                        "其他险种 {} 行未计入（只计基本养老保险）：{}",
                        self.other_kinds,
                        self.other_kind_names.join("、")
                    ));
                }
            }
            SourceKind::Ledger => out.push(format!(
                "读取报告 {} 份；{} 人新增工作见证 {} 条，已有相同记录 {} 条",
                self.rows_read,
                changed,
                self.evidence_added(),
                self.present()
            )),
        }
        let others: Vec<String> = self
            .planned
            .persons
            .iter()
            .flat_map(|p| {
                p.other_payers.iter().map(move |(payer, months)| {
                    let mut months = months.clone();
                    months.sort();
                    format!(
                        "{}：{}由{payer}缴纳",
                        p.label,
                        crate::checks::practice::list_months(&months)
                    )
                })
            })
            .collect();
        if !others.is_empty() {
            out.push("其他单位缴纳的月份：".to_string());
            out.extend(others.into_iter().map(|s| format!("  {s}")));
        }
        let list = |title: String, items: &[Unmatched], unit: &str| -> Vec<String> {
            if items.is_empty() {
                return Vec::new();
            }
            let mut v = vec![title];
            v.extend(
                items
                    .iter()
                    .take(50)
                    .map(|u| format!("  {}（{} {unit}，首见第{}行）", u.who, u.rows, u.first_row)),
            );
            if items.len() > 50 {
                v.push(format!("  ……共 {} 人", items.len()));
            }
            v
        };
        match kind {
            SourceKind::Ledger => {
                out.extend(list(
                    format!(
                        "报告署名人员不在持证人员台账中：{} 人",
                        self.planned.unmatched.len()
                    ),
                    &self.planned.unmatched,
                    "份报告",
                ));
                out.extend(list(
                    format!(
                        "同名无法区分（台账中有多人同名，这些报告未计入）：{} 人",
                        self.planned.ambiguous.len()
                    ),
                    &self.planned.ambiguous,
                    "份报告",
                ));
                let after: Vec<String> = self
                    .planned
                    .persons
                    .iter()
                    .filter(|p| !p.after_leave.is_empty())
                    .map(|p| {
                        let first = &p.after_leave[0];
                        format!(
                            "  {}：{} 份，如 {}（{}）",
                            p.label,
                            p.after_leave.len(),
                            first.0,
                            first.1
                        )
                    })
                    .collect();
                if !after.is_empty() {
                    out.push(format!("离职日期之后仍有报告署名：{} 人", after.len()));
                    out.extend(after);
                }
            }
            _ => out.extend(list(
                format!(
                    "台账中没有的人员（多为未持证职工，属正常）：{} 人",
                    self.planned.unmatched.len()
                ),
                &self.planned.unmatched,
                "行",
            )),
        }
        out
    }
}

/// Writes the plan `prepared` in one transaction. Refused, with nothing
/// changed, when the file (its SHA-256) or the roster (the audit chain's
/// newest entry) changed since it was planned.
pub fn apply(store: &mut Store, prepared: &Prepared) -> Result<SourceOutcome> {
    let path = &prepared.request.path;
    if crate::tabular::file_sha256(path)? != prepared.sha256 {
        return Err(Error::Workbook(format!(
            "无法导入 {}：文件在预览之后被修改过，请重新预览后再导入",
            path.display()
        )));
    }
    if audit_chain::tail(store.conn())? != prepared.audit_tail {
        return Err(Error::Workbook(
            "预览之后台账已有修改，请重新预览后再导入".into(),
        ));
    }
    let mut outcome = SourceOutcome {
        persons: prepared.persons_changed().count(),
        months_added: prepared.months_added(),
        evidence_added: prepared.evidence_added(),
        present: prepared.present(),
        unmatched: prepared.planned.unmatched.len(),
        findings: prepared.planned.findings.len(),
        backup: None,
    };
    let kind = prepared.request.kind;
    let nothing = outcome.months_added == 0
        && outcome.evidence_added == 0
        && (kind != SourceKind::Ledger
            || stored::load_findings(store.conn())?
                .iter()
                .any(|f| f.file_name == prepared.file_name)
            || prepared.planned.findings.is_empty());
    if nothing {
        return Ok(outcome);
    }
    outcome.backup = store.backup_beside()?;
    let who = store.actor()?;
    let note = format!(
        "导入{} {}（SHA-256 {}）",
        kind.label(),
        prepared.file_name,
        &prepared.sha256[..16.min(prepared.sha256.len())]
    );
    let summary = prepared
        .summary_lines()
        .into_iter()
        .take(3)
        .collect::<Vec<_>>()
        .join("；");
    let remember = !prepared.request.columns.is_empty();
    store.write(|tx| {
        let source = stored::upsert(
            tx,
            kind.label(),
            &prepared.file_name,
            &prepared.sha256,
            &who,
        )?;
        let months: Vec<_> = prepared
            .persons_changed()
            .flat_map(|p| p.months.iter().map(move |m| (p.person_id, m)))
            .collect();
        imported::insert_months(tx, &months, imported::Source::Stored(source))?;
        for p in prepared.persons_changed() {
            let records: Vec<_> = prepared.planned.evidence(p).collect();
            imported::insert_evidence_block(tx, p.person_id, source, &records)?;
        }
        let at = chrono::Local::now().naive_local();
        let entries: Vec<AuditEntry> = prepared
            .persons_changed()
            .map(|p| {
                let (entity, what) = if p.months.is_empty() {
                    ("工作见证", format!("新增{}条", p.reports.len()))
                } else {
                    ("社保", format!("新增{}个月", p.months.len()))
                };
                AuditEntry {
                    at,
                    who: who.clone(),
                    action: "导入".into(),
                    entity: entity.into(),
                    person_id: Some(p.person_id),
                    record: p.record.clone(),
                    field: "来源".into(),
                    old_value: None,
                    new_value: Some(what),
                    note: Some(note.clone()),
                }
            })
            .collect();
        audit::append_all(tx, &entries)?;
        if kind == SourceKind::Ledger {
            stored::replace_findings(tx, source, &prepared.planned.findings)?;
        }
        if remember {
            stored::remember_mapping(
                tx,
                kind.memory_label(),
                &prepared.headers_key,
                &prepared.mapping,
            )?;
        }
        audit::append(
            tx,
            &AuditEntry {
                at: chrono::Local::now().naive_local(),
                who: who.clone(),
                action: "导入".into(),
                entity: "台账".into(),
                person_id: None,
                record: kind.label().into(),
                field: "导入".into(),
                old_value: None,
                new_value: Some(summary.clone()),
                note: Some(note.clone()),
            },
        )
    })?;
    Ok(outcome)
}
