//! What the regulator's screens and the `annex2` commands both show, worded
//! once: the received files with their checks, Annex 2 as it stands, the
//! cross-agency list, and the lines that describe each (docs/ANNEX2.md).

use chrono::NaiveDate;

use super::crosscheck::{self, Finding};
use super::figures::{AgencyCheck, check_agency};
use super::model::{Origin, Received};
use super::receive::ReceivedFile;
use super::{Annex2, Current, load};
use crate::domain::text::name_key;
use crate::error::{Error, Result};
use crate::store::Store;
use crate::store::annex2::{ListEdit, Stored};

/// Everything the summary file holds, checked and compiled.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Overview {
    pub current: Current,
    /// One per current Annex 1, in the same order as `current.forms`.
    pub checks: Vec<AgencyCheck>,
    pub annex: Annex2,
    pub cross: Vec<Finding>,
    /// Some agency gave only its Annex 1 (no 身份证号): names are compared only.
    pub names_only: bool,
    /// The receipts a later file of the same agency replaced, oldest first.
    pub replaced: Vec<Replaced>,
}

/// A receipt kept as history (被替换的文件).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Replaced {
    pub agency_name: String,
    pub file_name: String,
    pub fill_date: Option<String>,
    pub received_at: String,
}

impl Overview {
    pub fn load(store: &Store, fill_date: NaiveDate) -> Result<Overview> {
        let current = load(store)?;
        let annex = Annex2::from_current(store, &current, fill_date)?;
        let forms: Vec<_> = current.forms.iter().map(|f| f.annex.clone()).collect();
        let cross = crosscheck::crosscheck(&current.rosters, &forms);
        let checks = current
            .forms
            .iter()
            .map(|f| check_agency(&f.annex))
            .collect();
        let names_only = current.forms.iter().any(|f| {
            !current
                .rosters
                .iter()
                .any(|r| name_key(&r.agency_name) == f.key)
        });
        let replaced = store
            .receipts()?
            .into_iter()
            .filter(|r| r.replaced_by.is_some())
            .map(|r| Replaced {
                agency_name: r.agency_name,
                file_name: r.file_name,
                fill_date: r.fill_date,
                received_at: r.received_at,
            })
            .collect();
        Ok(Overview {
            current,
            checks,
            annex,
            cross,
            names_only,
            replaced,
        })
    }
}

/// "文件名：单位（本程序导出的附件1，12行）已接收" for one received file.
pub fn received_line(file: &ReceivedFile, stored: &Stored) -> String {
    let name = file.received.agency_name();
    let what = match &file.received {
        Received::Annex1(a) => {
            let mut marks = Vec::new();
            if a.draft {
                marks.push("草稿，不计入汇总".to_string());
            }
            if a.edited_after_export {
                marks.push(format!("导出后被改动（{}处不同）", a.differences.len()));
            }
            let origin = match a.origin {
                Origin::Zicha => "本程序导出的附件1",
                Origin::Hand => "手工填写的附件1",
            };
            let marks: String = marks.iter().map(|m| format!("，{m}")).collect();
            format!("{origin}，{}行{marks}", a.rows.len())
        }
        Received::Roster(r) => format!("台账工作簿，{}人", r.persons.len()),
    };
    let outcome = match stored {
        Stored::Current { replaced: None, .. } => "已接收",
        Stored::Current {
            replaced: Some(_), ..
        } => "已接收，替换该机构此前接收的文件（原文件保留在历史中）",
        Stored::History { .. } => "已接收，但填报日期早于该机构已接收的文件，仅存为历史",
        Stored::AlreadyReceived { .. } => "此前已接收过同一文件，未重复保存",
    };
    format!("{}：{name}（{what}）{outcome}", file.file_name)
}

/// The marks of an agency's form: 草稿, 导出后被改动.
pub fn marks(c: &AgencyCheck) -> Vec<&'static str> {
    let mut marks = Vec::new();
    if c.draft {
        marks.push("草稿");
    }
    if c.edited_after_export {
        marks.push("导出后被改动");
    }
    marks
}

/// Whether Annex 2 is final, and if not, why and what is missing.
pub fn status_line(a: &Annex2) -> String {
    match a.draft_line() {
        Some(line) => {
            let mut s = line;
            if !a.figures.unset.is_empty() {
                s.push_str(&format!("。未填写：{}", a.figures.unset.join("、")));
            }
            if !a.drafts.is_empty() {
                s.push_str(&format!("。草稿附件1：{}", a.drafts.join("、")));
            }
            s
        }
        None => "附件2各项已齐，本表为正式表，可签字盖章报送。".to_string(),
    }
}

/// One cross-agency suspicion in a line.
pub fn finding_line(f: &Finding) -> String {
    let agencies: Vec<String> = f.agencies.iter().map(|a| a.text()).collect();
    let id = if f.id_number.is_empty() {
        String::new()
    } else {
        format!("（{}）", f.id_number)
    };
    let note = if f.note.is_empty() {
        String::new()
    } else {
        format!("；{}", f.note)
    };
    format!(
        "{}：{}{id}：{}{note}",
        f.kind.label(),
        f.name,
        agencies.join("、")
    )
}

/// Rewrites an agency's part (二) texts (`None` keeps a text as it is;
/// `reset` goes back to the generated ones first). Returns the agency's name
/// as received.
pub fn edit_list(
    store: &mut Store,
    agency: &str,
    problems: Option<&str>,
    rectification: Option<&str>,
    reset: bool,
) -> Result<String> {
    let current = load(store)?;
    let key = name_key(agency);
    let Some(found) = current.forms.iter().find(|a| a.key == key) else {
        return Err(Error::invalid(
            "单位名称",
            format!("没有接收过“{agency}”的附件1"),
        ));
    };
    if problems.is_none() && rectification.is_none() && !reset {
        return Err(Error::invalid(
            "改写",
            "请给出存在问题说明或整改情况说明的新文字，或恢复自动生成",
        ));
    }
    let mut edit = match reset {
        true => ListEdit::default(),
        false => store
            .list_edits()?
            .into_iter()
            .find(|(k, _)| *k == key)
            .map(|(_, e)| e)
            .unwrap_or_default(),
    };
    if let Some(p) = problems {
        edit.problems = Some(p.trim().to_string());
    }
    if let Some(r) = rectification {
        edit.rectification = Some(r.trim().to_string());
    }
    let name = found.annex.agency_name.clone();
    store.set_list_edit(&key, &name, &edit)?;
    Ok(name)
}
