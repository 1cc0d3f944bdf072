//! The import itself: read, parse, plan, then (all or nothing) write.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use crate::domain::PersonField;
use crate::error::{CellError, Error, Result};
use crate::store::{Store, audit_chain};

use super::columns::SheetKind;
use super::parse::{Parsed, parse};
use super::plan::{Plan, RowCounts, build};
use super::{apply, reader, rejects};

/// How to import.
#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    /// Replace (the roster becomes exactly the file's persons) instead of merge.
    pub replace: bool,
    /// Import the valid rows and skip the others, instead of refusing the file.
    pub skip_invalid: bool,
    /// Where to write the rows with errors (错误说明 column added). With
    /// `skip_invalid` and no path, a file beside the input is used.
    pub rejects_path: Option<PathBuf>,
}

/// What an import did (or, from [`preview`], would do).
#[derive(Debug, Clone, Default)]
pub struct ImportOutcome {
    pub persons_added: usize,
    pub persons_updated: usize,
    pub persons_unchanged: usize,
    /// Persons deleted because the file does not hold them (replace only).
    pub persons_removed: usize,
    pub rows_added: RowCounts,
    /// Rows skipped because the same row is already stored.
    pub rows_identical: RowCounts,
    /// The 单位信息 items whose value changed (their Chinese names).
    pub settings_replaced: Vec<&'static str>,
    pub staffing_replaced: bool,
    /// What was ignored (unknown sheets and columns, rows above the header).
    pub notices: Vec<String>,
    /// Rows skipped with `skip_invalid`, with why.
    pub rejected: Vec<CellError>,
    /// Where the skipped rows were written.
    pub rejects_file: Option<PathBuf>,
    /// The copy of the database made before a replace.
    pub backup: Option<PathBuf>,
    /// The 人员 sheet's name when it held no rows (only 单位信息, 人员条件 or
    /// rows of existing persons were taken).
    pub empty_persons_sheet: Option<String>,
}

impl ImportOutcome {
    /// One line per kind of change, in Chinese, for the CLI and the audit trail.
    pub fn summary_lines(&self) -> Vec<String> {
        if let Some(sheet) = &self.empty_persons_sheet {
            let mut out = vec![format!(
                "人员：工作表“{sheet}”中没有人员数据，未新增或修改任何人员"
            )];
            out.extend(self.other_lines());
            return out;
        }
        let mut out = vec![format!(
            "人员：新增 {} 人，更新 {} 人，未变 {} 人{}",
            self.persons_added,
            self.persons_updated,
            self.persons_unchanged,
            if self.persons_removed > 0 {
                format!("，删除 {} 人", self.persons_removed)
            } else {
                String::new()
            }
        )];
        out.extend(self.other_lines());
        out
    }

    /// The lines after the persons' line.
    fn other_lines(&self) -> Vec<String> {
        let mut out = Vec::new();
        let a = &self.rows_added;
        let s = &self.rows_identical;
        out.push(format!(
            "新增记录：证书 {} 条，社保 {} 个月，工作见证 {} 条（与已有记录相同而跳过 {} 条）",
            a.certificates,
            a.social_insurance,
            a.evidence,
            s.total()
        ));
        if !self.settings_replaced.is_empty() {
            out.push(format!(
                "单位信息已更新：{}",
                self.settings_replaced.join("、")
            ));
        }
        if self.staffing_replaced {
            out.push("人员条件已按工作簿替换".into());
        }
        if !self.rejected.is_empty() {
            let rows: HashSet<(&str, Option<u32>)> = self
                .rejected
                .iter()
                .map(|e| (e.sheet.as_str(), e.row))
                .collect();
            out.push(format!(
                "只导入正确的行：跳过出错的 {} 行（共 {} 处错误）",
                rows.len(),
                self.rejected.len()
            ));
            out.push(match &self.rejects_file {
                Some(p) => format!(
                    "未导入的行已写入 {}（“错误说明”列写明原因），改正后可导入该文件",
                    p.display()
                ),
                None => "未导入的行没有写入错误文件".to_string(),
            });
        }
        out
    }
}

/// One person's change, for the "what will change" screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonChange {
    /// 新增, 修改 or 删除.
    pub action: &'static str,
    /// 姓名（身份证号, masked: 370502********1013）.
    pub person: String,
    /// The 人员 row it comes from.
    pub row: Option<u32>,
    /// (column, old, new) for each changed column of the 人员 sheet.
    pub fields: Vec<(&'static str, String, String)>,
    pub rows_added: RowCounts,
}

/// What an import would do, without doing it.
#[derive(Debug, Clone, Default)]
pub struct ImportPreview {
    pub outcome: ImportOutcome,
    pub changes: Vec<PersonChange>,
    /// Every error; with errors (and without `skip_invalid`) the import would change nothing.
    pub errors: Vec<CellError>,
}

/// The rejected-rows file used with `skip_invalid` when none is named: beside the input.
pub fn default_rejects_path(input: &Path) -> PathBuf {
    let stem = input
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "台账".into());
    input.with_file_name(format!("{stem}-错误行.xlsx"))
}

/// Why a workbook whose 人员 sheet has only its header, and nothing else to
/// take, imports nothing (also the start of the refusal of such a replace).
pub fn empty_persons_message(sheet: &str) -> String {
    format!(
        "工作表“{sheet}”中没有人员数据（表头下没有任何行），未导入任何内容，数据库保持原样。请在表头下逐行填写人员后再导入"
    )
}

/// The 人员 sheet's name as the workbook spells it, when it has no data rows.
fn empty_persons_sheet(parsed: &Parsed) -> Option<String> {
    parsed
        .tables
        .iter()
        .find(|t| t.kind == SheetKind::Persons && t.rows.is_empty())
        .map(|t| t.name.clone())
}

struct Prepared {
    /// The SHA-256 of the file read, for the 修改记录 and to see it changed.
    sha256: String,
    /// The audit chain's newest entry when planned.
    audit_tail: (i64, String),
    parsed: Parsed,
    plan: Plan,
    /// Errors that cannot be skipped (whole sheets, headers).
    fatal: bool,
}

fn sheet_order(parsed: &Parsed, sheet: &str) -> usize {
    parsed
        .tables
        .iter()
        .find(|t| t.name == sheet)
        .and_then(|t| SheetKind::ALL.iter().position(|k| *k == t.kind))
        .unwrap_or(0)
}

fn prepare(
    store: &Store,
    path: &Path,
    options: &ImportOptions,
    progress: &mut dyn FnMut(f32),
) -> Result<Prepared> {
    let raw = reader::read(path, &mut |f| progress(f * 0.5))?;
    let sha256 = raw.sha256.clone();
    let mut parsed = parse(raw);
    let empty_persons = empty_persons_sheet(&parsed);
    if let Some(sheet) = &empty_persons {
        if options.replace {
            return Err(Error::Workbook(format!(
                "{}：替换导入会删除台账中的全部人员",
                empty_persons_message(sheet)
            )));
        }
        let nothing_else = parsed.agency.is_empty()
            && parsed.staffing.is_none()
            && parsed.certificates.is_empty()
            && parsed.social_insurance.is_empty()
            && parsed.evidence.is_empty();
        if nothing_else {
            return Err(Error::Workbook(empty_persons_message(sheet)));
        }
    }
    progress(0.6);
    let stored = store.load_roster()?;
    let plan = build(&mut parsed, stored, options.replace, options.skip_invalid);
    let data_rows: HashSet<(&str, u32)> = parsed
        .tables
        .iter()
        .flat_map(|t| t.rows.iter().map(move |r| (t.name.as_str(), r.number)))
        .collect();
    let fatal = parsed.errors.iter().any(|e| {
        !e.row
            .is_some_and(|r| data_rows.contains(&(e.sheet.as_str(), r)))
    });
    let mut errors = std::mem::take(&mut parsed.errors);
    errors.sort_by_key(|e| (sheet_order(&parsed, &e.sheet), e.row.unwrap_or(0)));
    parsed.errors = errors;
    progress(0.65);
    Ok(Prepared {
        sha256,
        audit_tail: audit_chain::tail(store.conn())?,
        parsed,
        plan,
        fatal,
    })
}

fn outcome_of(prepared: &Prepared) -> ImportOutcome {
    let plan = &prepared.plan;
    let mut o = ImportOutcome {
        persons_removed: plan.removed.len(),
        rows_added: plan.rows_added,
        rows_identical: plan.rows_identical,
        settings_replaced: plan
            .settings
            .as_ref()
            .map(|(_, keys)| keys.iter().map(|k| k.label()).collect())
            .unwrap_or_default(),
        staffing_replaced: plan.staffing.is_some(),
        notices: prepared.parsed.notices.clone(),
        rejected: prepared.parsed.errors.clone(),
        empty_persons_sheet: empty_persons_sheet(&prepared.parsed),
        ..Default::default()
    };
    for p in &plan.persons {
        if p.is_new() {
            o.persons_added += 1;
        } else if p.is_changed() {
            o.persons_updated += 1;
        } else if p.source_row.is_some() {
            o.persons_unchanged += 1;
        }
    }
    o
}

/// A read and planned roster import: the preview the clerk sees, and the plan
/// [`import_prepared`] writes (not a second reading of the file).
pub struct PreparedImport {
    pub path: PathBuf,
    pub options: ImportOptions,
    pub preview: ImportPreview,
    prepared: Prepared,
}

/// Parses the workbook and works out what importing it would change, without
/// writing anything. Errors in the workbook are returned in the preview; only
/// a file that cannot be read at all is an `Err`.
pub fn preview(store: &Store, path: &Path, options: &ImportOptions) -> Result<ImportPreview> {
    Ok(prepare_import(store, path, options)?.preview)
}

/// Reads and plans the import of `path` (what 预览变化 does); nothing is written.
pub fn prepare_import(
    store: &Store,
    path: &Path,
    options: &ImportOptions,
) -> Result<PreparedImport> {
    let prepared = prepare(store, path, options, &mut |_| {})?;
    let preview = preview_of(&prepared);
    Ok(PreparedImport {
        path: path.to_path_buf(),
        options: options.clone(),
        preview,
        prepared,
    })
}

fn preview_of(prepared: &Prepared) -> ImportPreview {
    let mut changes = Vec::new();
    for p in &prepared.plan.persons {
        let action = match &p.old {
            None => "新增",
            Some(_) if p.is_changed() => "修改",
            Some(_) => continue,
        };
        let fields = match &p.old {
            Some(old) => PersonField::ALL
                .into_iter()
                .filter_map(|f| {
                    let (o, n) = (f.get(old), f.get(&p.new));
                    (o != n).then_some((f.header(), o, n))
                })
                .collect(),
            None => Vec::new(),
        };
        changes.push(PersonChange {
            action,
            person: crate::store::list_label(&p.new),
            row: p.source_row,
            fields,
            rows_added: p.added,
        });
    }
    for r in &prepared.plan.removed {
        changes.push(PersonChange {
            action: "删除",
            person: crate::store::list_label(&r.person),
            row: None,
            fields: Vec::new(),
            rows_added: RowCounts::default(),
        });
    }
    let mut outcome = outcome_of(prepared);
    outcome.rejected.clear();
    ImportPreview {
        outcome,
        changes,
        errors: prepared.parsed.errors.clone(),
    }
}

/// Writes the plan the preview showed (what 确认导入 does). Refused, with
/// nothing changed, when the file (its SHA-256) or the roster (the audit
/// chain's newest entry) changed since it was planned.
pub fn import_prepared(
    store: &mut Store,
    prepared: &PreparedImport,
    progress: &mut dyn FnMut(f32),
) -> Result<ImportOutcome> {
    let path = &prepared.path;
    if crate::tabular::file_sha256(path)? != prepared.prepared.sha256 {
        return Err(Error::Workbook(format!(
            "无法导入 {}：工作簿在预览之后被修改过，请重新预览后再导入",
            path.display()
        )));
    }
    if audit_chain::tail(store.conn())? != prepared.prepared.audit_tail {
        return Err(Error::Workbook(
            "预览之后台账已有修改，请重新预览后再导入".into(),
        ));
    }
    write_prepared(store, path, &prepared.options, &prepared.prepared, progress)
}

/// Imports the workbook at `path` into `store` in one transaction. Any error
/// in the workbook refuses the whole import (every error listed, nothing
/// changed) unless `skip_invalid` is set, when the valid rows are imported and
/// the others written to the rejects file. `progress` goes from 0 to 1.
pub fn import(
    store: &mut Store,
    path: &Path,
    options: &ImportOptions,
    progress: &mut dyn FnMut(f32),
) -> Result<ImportOutcome> {
    let target = options
        .rejects_path
        .clone()
        .or_else(|| options.skip_invalid.then(|| default_rejects_path(path)));
    if target.as_deref() == Some(path) {
        return Err(Error::Workbook(format!(
            "错误文件不能与要导入的工作簿是同一个文件（{}），请另选文件名",
            path.display()
        )));
    }
    if let Some(t) = &target {
        super::layout::check_output(t)?;
    }
    let prepared = prepare(store, path, options, progress)?;
    write_prepared(store, path, options, &prepared, progress)
}

/// Refuses (or, with `skip_invalid`, writes the rejects file and skips) the
/// rows with errors, then writes the plan in one transaction.
fn write_prepared(
    store: &mut Store,
    path: &Path,
    options: &ImportOptions,
    prepared: &Prepared,
    progress: &mut dyn FnMut(f32),
) -> Result<ImportOutcome> {
    let target = options
        .rejects_path
        .clone()
        .or_else(|| options.skip_invalid.then(|| default_rejects_path(path)));
    let errors = &prepared.parsed.errors;
    let mut rejects_file = None;
    if !errors.is_empty() {
        let refused = !options.skip_invalid || prepared.fatal;
        let mut rejects_failed = None;
        if let Some(target) = &target {
            match rejects::write(target, &prepared.parsed.tables, errors) {
                Ok(()) => rejects_file = Some(target.clone()),
                // Skipping rows without the file that lists them would lose them.
                Err(e) if !refused => return Err(e),
                Err(e) => rejects_failed = Some(e.to_string()),
            }
        }
        if refused {
            return Err(Error::ImportRejected {
                errors: errors.clone(),
                rejects_file,
                rejects_failed,
            });
        }
    }
    let mut outcome = outcome_of(prepared);
    outcome.rejects_file = rejects_file;
    // 导入前备份, for merges as well as replaces.
    outcome.backup = store.backup_beside()?;
    progress(0.7);
    let who = store.actor()?;
    let file = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let note = format!(
        "导入 {file}（{}；SHA-256 {}）",
        if options.replace { "替换" } else { "合并" },
        &prepared.sha256[..16.min(prepared.sha256.len())]
    );
    let summary = outcome.summary_lines().join("；");
    let plan = &prepared.plan;
    store.write(|tx| {
        apply::apply(tx, plan, &who, &note, &summary, &mut |f| {
            progress(0.7 + 0.3 * f)
        })
    })?;
    Ok(outcome)
}
