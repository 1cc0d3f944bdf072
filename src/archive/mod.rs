//! 导出核查档案 (issue 15): for the inspector who comes to check, a folder per
//! person (`序号_姓名/`) holding the person's current attachments under their
//! original names and a one-page PDF of the person's verdicts, reasons, flags
//! and attachments (`核查情况.pdf`, printed through `crate::print`).

mod pdf;
pub mod wording;

use std::collections::HashSet;
use std::path::Path;

use chrono::NaiveDate;

use crate::checks::{self, RowReport, support};
use crate::domain::parse::chinese_date;
use crate::error::{Error, Result};
use crate::store::Store;
use crate::store::attachments::{Attachment, cites_label, size_label};

/// One person's page of the archive.
#[derive(Debug, Clone, PartialEq)]
pub struct PersonSheet {
    pub agency: String,
    pub reference_date: String,
    pub exported: String,
    pub seq: usize,
    pub name: String,
    pub id_number: String,
    /// 核查项目, 结论, 依据.
    pub verdicts: Vec<[String; 3]>,
    /// 疑点, 说明, 状态.
    pub flags: Vec<[String; 3]>,
    /// 序号, 类别, 文件名 (as written in the folder), 大小, 添加时间, 作为依据.
    pub attachments: Vec<[String; 6]>,
    /// 缺少佐证 lines.
    pub unsupported: Vec<String>,
    pub remark: String,
}

impl PersonSheet {
    /// Every text the page prints that is not fixed wording.
    fn texts(&self) -> Vec<&str> {
        let mut out = vec![
            self.agency.as_str(),
            &self.reference_date,
            &self.exported,
            &self.name,
            &self.id_number,
            &self.remark,
        ];
        out.extend(self.verdicts.iter().flatten().map(String::as_str));
        out.extend(self.flags.iter().flatten().map(String::as_str));
        out.extend(self.attachments.iter().flatten().map(String::as_str));
        out.extend(self.unsupported.iter().map(String::as_str));
        out
    }

    /// The page as PDF bytes.
    pub fn render(&self) -> Result<Vec<u8>> {
        pdf::render(self)
    }
}

/// What an export wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArchiveDone {
    pub persons: usize,
    pub files: usize,
    /// Attachments that could not be written (missing or altered files), named.
    pub problems: Vec<String>,
}

/// A name safe as a file or folder name on Windows: the characters it
/// forbids become “_”, and it is never empty.
fn safe_name(name: &str) -> String {
    let s: String = name
        .trim()
        .chars()
        .map(|c| match c {
            '\\' | '/' | ':' | '*' | '?' | '"' | '<' | '>' | '|' => '_',
            c if c.is_control() => '_',
            c => c,
        })
        .collect();
    let s = s.trim_end_matches(['.', ' ']).to_string();
    if s.is_empty() { "_".into() } else { s }
}

/// `name` unless taken (case-insensitively, as on Windows), else 名称（2）.pdf …
fn unique_name(name: &str, taken: &mut HashSet<String>) -> String {
    let path = Path::new(name);
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let ext = path
        .extension()
        .map(|e| format!(".{}", e.to_string_lossy()))
        .unwrap_or_default();
    let mut candidate = name.to_string();
    let mut n = 2;
    while !taken.insert(candidate.to_lowercase()) {
        candidate = format!("{stem}（{n}）{ext}");
        n += 1;
    }
    candidate
}

fn flag_state(f: &checks::flags::Flag) -> &'static str {
    if f.confirmed {
        wording::FLAG_CONFIRMED
    } else if f.blocking {
        wording::FLAG_BLOCKING
    } else {
        wording::FLAG_NOTICE
    }
}

/// The page of one row, its attachments written under `names`.
fn sheet(
    row: &RowReport,
    head: (&str, NaiveDate, NaiveDate),
    attached: &[(&Attachment, String)],
) -> PersonSheet {
    let (agency, reference_date, today) = head;
    let verdicts = row
        .check
        .verdicts()
        .iter()
        .map(|v| {
            let manual = if v.manual.is_some() {
                wording::MANUAL
            } else {
                ""
            };
            let mut lines = v.reasons.clone();
            let cited: Vec<String> = attached
                .iter()
                .enumerate()
                .filter(|(_, (a, _))| a.is_current() && a.cites.contains(&v.kind))
                .map(|(i, _)| (i + 1).to_string())
                .collect();
            if !cited.is_empty() {
                lines.push(wording::cited_line(&cited));
            }
            let reasons = if lines.is_empty() {
                "—".to_string()
            } else {
                lines.join("；")
            };
            [
                v.kind.question().to_string(),
                format!("{}{manual}", v.value.label()),
                reasons,
            ]
        })
        .collect();
    let flags = row
        .check
        .flags
        .iter()
        .map(|f| {
            [
                f.code.label().to_string(),
                f.message.clone(),
                flag_state(f).to_string(),
            ]
        })
        .collect();
    let cited = crate::store::attachments::current_citations(attached.iter().map(|(a, _)| *a));
    PersonSheet {
        agency: agency.to_string(),
        reference_date: chinese_date(reference_date),
        exported: chinese_date(today),
        seq: row.seq,
        name: row.name.clone(),
        id_number: row.id_number.clone().unwrap_or_default(),
        verdicts,
        flags,
        attachments: attached
            .iter()
            .enumerate()
            .map(|(i, (a, name))| {
                [
                    (i + 1).to_string(),
                    a.kind.label().to_string(),
                    name.clone(),
                    size_label(a.bytes),
                    a.added_at.clone(),
                    cites_label(a),
                ]
            })
            .collect(),
        unsupported: support::unsupported(&row.check, &cited)
            .iter()
            .map(support::Unsupported::message)
            .collect(),
        remark: row.check.remark.clone(),
    }
}

fn io(path: &Path, source: std::io::Error) -> Error {
    Error::Io {
        path: path.display().to_string(),
        source,
    }
}

/// Writes the archive into `dir`, which must not exist or be empty (so no
/// old file is mistaken for part of it). `today` stands for an unset 核查基准日.
pub fn export(store: &Store, dir: &Path, today: NaiveDate) -> Result<ArchiveDone> {
    if dir.is_file() {
        return Err(Error::invalid(
            "文件夹",
            format!("{} 是一个文件，请指定一个文件夹", dir.display()),
        ));
    }
    if std::fs::read_dir(dir).is_ok_and(|mut d| d.next().is_some()) {
        return Err(Error::invalid(
            "文件夹",
            format!(
                "{} 不是空的；为免与旧文件混在一起，请指定一个新的或空的文件夹",
                dir.display()
            ),
        ));
    }
    let roster = store.load_roster()?;
    let report = checks::check_roster(&roster, today);
    let all = store.all_attachments()?;
    let width = report.rows.len().to_string().len();
    let head = (
        roster.settings.agency_name.as_str(),
        report.reference_date,
        today,
    );
    let mut done = ArchiveDone {
        persons: 0,
        files: 0,
        problems: Vec::new(),
    };
    for row in &report.rows {
        let folder = dir.join(format!("{:0width$}_{}", row.seq, safe_name(&row.name)));
        crate::safe_write::create_folder(&folder).map_err(|e| io(&folder, e))?;
        let mut taken: HashSet<String> = HashSet::from([wording::PDF_NAME.to_lowercase()]);
        let mut written = Vec::new();
        for a in all
            .iter()
            .filter(|a| Some(a.person_id) == row.person_id && a.is_current())
        {
            match store.attachment_content(a) {
                Ok(bytes) => {
                    let name = unique_name(&safe_name(&a.file_name), &mut taken);
                    crate::safe_write::write_atomically(&folder.join(&name), &bytes)?;
                    written.push((a, name));
                    done.files += 1;
                }
                Err(e) => done.problems.push(format!("{}：{e}", row.name)),
            }
        }
        let page = sheet(row, head, &written).render()?;
        crate::safe_write::write_atomically(&folder.join(wording::PDF_NAME), &page)?;
        done.persons += 1;
    }
    Ok(done)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_safe_and_unique() {
        assert_eq!(safe_name("张/三:?"), "张_三__");
        assert_eq!(safe_name(" . "), "_");
        let mut taken = HashSet::from(["核查情况.pdf".to_string()]);
        assert_eq!(unique_name("证书.pdf", &mut taken), "证书.pdf");
        assert_eq!(unique_name("证书.PDF", &mut taken), "证书（2）.PDF");
        assert_eq!(unique_name("核查情况.pdf", &mut taken), "核查情况（2）.pdf");
    }
}
