//! 定稿报送 and 报送记录 (issue 15): a final Annex 1 is written as PDF and XLSX
//! together and recorded with what it said (the snapshot) and the exact bytes
//! written. 重新打印 writes the kept bytes again (the renderers stamp random ids
//! and times, so re-rendering could never be byte-identical: the stored bytes
//! are the truth); 对比 compares the snapshot with today's roster
//! (`submission_diff.rs`); a scan of the signed paper form can be attached;
//! 打包报送 writes one folder with the three files.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{Annex1, render_pdf_bytes, render_xlsx_bytes};
use crate::checks::{self, RosterReport};
use crate::domain::{Roster, Settings, StaffingLine};
use crate::error::{Error, Result};
use crate::safe_write::write_atomically;
use crate::store::Store;
use crate::store::submissions::{self, NewSubmission, Scan, SubmissionFiles};

pub use super::submission_diff::{FieldChange, PersonChange, diff};

/// The largest scan accepted (20 MB).
pub const SCAN_MAX_BYTES: u64 = 20 * 1024 * 1024;

/// One item of part one as it was printed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SnapshotItem {
    pub label: String,
    pub value: String,
}

/// One row as it was submitted: who, the three verdicts and the remark.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SnapshotRow {
    pub seq: usize,
    pub person_id: Option<i64>,
    pub name: String,
    pub id_number: Option<String>,
    /// 是否在本单位真实执业, as printed.
    pub practice: String,
    /// 初次取证时提交的学历是否真实.
    pub diploma: String,
    /// 初次取证时提交的职称是否真实.
    pub title: String,
    /// 存在问题及整改情况说明.
    pub remark: String,
}

/// What a submission said: the settings, the staffing table, the numbers and
/// every row. Stored as JSON beside the bytes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Snapshot {
    pub settings: Settings,
    pub staffing: Vec<StaffingLine>,
    /// 核查基准日 R as the checks used it (today when unset).
    pub reference_date: NaiveDate,
    /// 填报日期.
    pub fill_date: NaiveDate,
    pub summary: Vec<SnapshotItem>,
    pub rows: Vec<SnapshotRow>,
}

/// The rows of a check report as a snapshot holds them.
pub fn rows_of(report: &RosterReport) -> Vec<SnapshotRow> {
    report
        .rows
        .iter()
        .map(|r| SnapshotRow {
            seq: r.seq,
            person_id: r.person_id,
            name: r.name.clone(),
            id_number: r.id_number.clone(),
            practice: r.check.practice.value.label().to_string(),
            diploma: r.check.diploma.value.label().to_string(),
            title: r.check.title.value.label().to_string(),
            remark: r.check.remark.clone(),
        })
        .collect()
}

impl Snapshot {
    pub fn new(roster: &Roster, report: &RosterReport, annex: &Annex1) -> Self {
        Snapshot {
            settings: roster.settings.clone(),
            staffing: roster.staffing.clone(),
            reference_date: report.reference_date,
            fill_date: annex.fill_date,
            summary: annex
                .summary
                .iter()
                .map(|s| SnapshotItem {
                    label: s.label.to_string(),
                    value: s.value.clone(),
                })
                .collect(),
            rows: rows_of(report),
        }
    }

    /// Reads a stored snapshot.
    pub fn parse(id: i64, text: &str) -> Result<Self> {
        serde_json::from_str(text).map_err(|e| {
            Error::Other(format!(
                "{}的内容无法读取（{e}）",
                submissions::record_name(id)
            ))
        })
    }
}

/// Today's form, with the roster and the check report it was built from.
pub struct Prepared {
    pub roster: Roster,
    pub report: RosterReport,
    pub annex: Annex1,
}

/// Builds today's Annex 1; `today` stands for an unset 核查基准日.
pub fn prepare(store: &Store, fill_date: NaiveDate, today: NaiveDate) -> Result<Prepared> {
    let roster = store.load_roster()?;
    let report = checks::check_roster(&roster, today);
    let annex = Annex1::new(&roster.settings, &report, fill_date);
    Ok(Prepared {
        roster,
        report,
        annex,
    })
}

/// A draft is never submitted: the refusal says why, in the form's own words.
pub fn refuse_draft(annex: &Annex1) -> Result<()> {
    match annex.status.draft_line() {
        Some(line) => Err(Error::invalid(
            "定稿报送",
            format!("{line}。请先处理完待核实的人员和缺少的信息，再定稿报送"),
        )),
        None => Ok(()),
    }
}

/// Which of the two files to write, and where. A submission keeps both.
#[derive(Debug, Clone, Default)]
pub struct Targets {
    pub pdf: Option<PathBuf>,
    pub xlsx: Option<PathBuf>,
}

/// What 定稿报送 did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Submitted {
    /// 第N次报送.
    pub id: i64,
    /// The files written.
    pub written: Vec<PathBuf>,
}

fn file_name(path: Option<&Path>, fallback: String) -> String {
    path.and_then(|p| p.file_name())
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or(fallback)
}

/// 定稿报送: renders the final form as PDF and XLSX, records the submission
/// (snapshot, bytes, SHA-256, 修改记录) and writes the files asked for, all in
/// one transaction: a file that cannot be written records nothing. A draft is
/// refused.
pub fn submit(store: &mut Store, prepared: &Prepared, targets: &Targets) -> Result<Submitted> {
    let Prepared {
        roster,
        report,
        annex,
    } = prepared;
    refuse_draft(annex)?;
    let pdf = render_pdf_bytes(annex)?;
    let xlsx = render_xlsx_bytes(annex)?;
    let snapshot = serde_json::to_string(&Snapshot::new(roster, report, annex))
        .map_err(|e| Error::Other(format!("报送内容无法保存：{e}")))?;
    let default = |ext| super::default_file_name(&roster.settings, annex.fill_date, ext);
    let new = NewSubmission {
        who: crate::store::actor(&roster.settings.filler),
        fill_date: annex.fill_date.to_string(),
        reference_date: report.reference_date.to_string(),
        agency_name: roster.settings.agency_name.clone(),
        persons: report.rows.len(),
        snapshot,
        pdf_name: file_name(targets.pdf.as_deref(), default("pdf")),
        xlsx_name: file_name(targets.xlsx.as_deref(), default("xlsx")),
        pdf,
        xlsx,
    };
    // The record (with the bytes) first, then the files: a file that cannot be
    // written (a full disk, a file open in Excel) never leaves a "final" form
    // on disk that 报送记录 does not hold; the kept bytes are written again by
    // 重新打印.
    let id = store.write(|tx| submissions::insert(tx, &new))?;
    let mut written = Vec::new();
    for (path, bytes) in [(&targets.pdf, &new.pdf), (&targets.xlsx, &new.xlsx)] {
        if let Some(path) = path {
            write_atomically(path, bytes).map_err(|e| {
                Error::Other(format!(
                    "已定稿报送，记为{}，但文件未能写出：{e}。可在报送记录中重新打印",
                    submissions::record_name(id)
                ))
            })?;
            written.push(path.clone());
        }
    }
    Ok(Submitted { id, written })
}

/// Writes Annex 1 as asked (`zicha annex1`, the app's 保存 PDF / 保存 XLSX):
/// a final form is submitted ([`submit`]: both files recorded, those asked
/// for written) and its number returned, so every final form written leaves
/// its proof; a draft is written as it is and records nothing.
pub fn write_form(
    store: &mut Store,
    prepared: &Prepared,
    targets: &Targets,
) -> Result<Option<i64>> {
    if prepared.annex.status.is_final() {
        return submit(store, prepared, targets).map(|done| Some(done.id));
    }
    if let Some(path) = &targets.pdf {
        super::write_pdf(&prepared.annex, path)?;
    }
    if let Some(path) = &targets.xlsx {
        super::write_xlsx(&prepared.annex, path)?;
    }
    Ok(None)
}

/// 重新打印: writes the kept bytes of submission `id` again, byte-identical.
/// Returns the files written.
pub fn reprint(store: &Store, id: i64, targets: &Targets) -> Result<Vec<PathBuf>> {
    let files = submissions::load(store.conn(), id)?;
    let mut written = Vec::new();
    for (path, bytes) in [(&targets.pdf, &files.pdf), (&targets.xlsx, &files.xlsx)] {
        if let Some(path) = path {
            write_atomically(path, bytes)?;
            written.push(path.clone());
        }
    }
    Ok(written)
}

/// 对比: how today's roster differs from what submission `id` said.
pub fn compare(
    store: &Store,
    id: i64,
    today: NaiveDate,
) -> Result<(SubmissionFiles, Vec<PersonChange>)> {
    let files = submissions::load(store.conn(), id)?;
    let snapshot = Snapshot::parse(id, &files.snapshot)?;
    let report = checks::check_roster(&store.load_roster()?, today);
    let changes = diff(&snapshot.rows, &rows_of(&report));
    Ok((files, changes))
}

/// What a scan's content is, by its first bytes: `pdf`, `jpg` or `png`.
pub fn scan_kind(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(b"%PDF-") {
        Some("pdf")
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some("jpg")
    } else if bytes.starts_with(&[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A]) {
        Some("png")
    } else {
        None
    }
}

/// Reads a scan of the signed paper form: PDF, JPG or PNG, at most 20 MB, its
/// content what its extension says.
pub fn read_scan(path: &Path) -> Result<Scan> {
    let shown = path.display().to_string();
    let refuse = |m: String| Error::invalid("扫描件", m);
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    let said = match ext.as_str() {
        "pdf" => "pdf",
        "jpg" | "jpeg" => "jpg",
        "png" => "png",
        _ => {
            return Err(refuse(format!(
                "“{shown}”不是 PDF、JPG 或 PNG 文件，请扫描成这三种格式之一"
            )));
        }
    };
    let io = |source| Error::Io {
        path: shown.clone(),
        source,
    };
    let size = std::fs::metadata(path).map_err(io)?.len();
    if size > SCAN_MAX_BYTES {
        return Err(refuse(format!(
            "“{shown}”有 {:.1} MB，超过 20 MB 的上限，请降低扫描分辨率后重试",
            size as f64 / 1_048_576.0
        )));
    }
    let mut content = Vec::new();
    use std::io::Read;
    std::fs::File::open(path)
        .map_err(io)?
        .take(SCAN_MAX_BYTES + 1)
        .read_to_end(&mut content)
        .map_err(io)?;
    if content.len() as u64 > SCAN_MAX_BYTES {
        return Err(refuse(format!("“{shown}”超过 20 MB 的上限")));
    }
    match scan_kind(&content) {
        Some(kind) if kind == said => {}
        _ => {
            return Err(refuse(format!(
                "“{shown}”的内容不是扩展名所说的 {} 文件，请重新扫描或另存后再添加",
                said.to_uppercase()
            )));
        }
    }
    Ok(Scan {
        file_name: file_name(Some(path), "扫描件".into()),
        kind: said.to_string(),
        sha256: submissions::sha256_hex(&content),
        content,
    })
}

/// 添加扫描件: attaches (or replaces) the scan of submission `id`.
pub fn attach_scan(store: &mut Store, id: i64, path: &Path) -> Result<Scan> {
    let scan = read_scan(path)?;
    let who = store.actor()?;
    store.write(|tx| submissions::put_scan(tx, id, &scan, &who))?;
    Ok(scan)
}

/// The folder 打包报送 writes: the agency and the 填报日期.
pub fn pack_folder_name(agency: &str, fill_date: &str) -> String {
    let agency = super::model::sanitize_file_part(agency);
    let agency = if agency.is_empty() {
        super::wording::UNNAMED_AGENCY.to_string()
    } else {
        agency
    };
    format!("{agency}_{fill_date}_附件1报送")
}

/// The scan's name inside the packed folder.
pub const PACKED_SCAN_STEM: &str = "附件1_签字盖章扫描件";

/// 打包报送: writes one folder in `dir`, named after the agency and date, with
/// the kept PDF and XLSX and the signed scan. Refused while the submission has
/// no scan (the e-mail the order asks for needs the stamped form).
pub fn pack(store: &Store, id: i64, dir: &Path) -> Result<PathBuf> {
    let files = submissions::load(store.conn(), id)?;
    let Some(scan) = submissions::scan(store.conn(), id)? else {
        return Err(Error::invalid(
            "打包报送",
            format!(
                "{}还没有签字盖章的扫描件，请先添加扫描件",
                submissions::record_name(id)
            ),
        ));
    };
    let folder = dir.join(pack_folder_name(
        &files.info.agency_name,
        &files.info.fill_date,
    ));
    crate::safe_write::create_folder(&folder).map_err(|source| Error::Io {
        path: folder.display().to_string(),
        source,
    })?;
    write_atomically(&folder.join(&files.info.pdf_name), &files.pdf)?;
    write_atomically(&folder.join(&files.info.xlsx_name), &files.xlsx)?;
    write_atomically(
        &folder.join(format!("{PACKED_SCAN_STEM}.{}", scan.kind)),
        &scan.content,
    )?;
    Ok(folder)
}
