//! Receiving a file (接收): an agency's Annex 1 XLSX (zicha's own export, read
//! through its hidden data sheet and compared with the visible sheet, or one
//! filled by hand in the official layout) or an agency's roster workbook.
//! Decided by content, never by the file name. Nothing is stored here: the
//! caller stores what [`read`] returns, so a refused file leaves nothing.

use std::path::Path;

use chrono::NaiveDate;

use super::form_reader::{self, NotFound, VisibleForm, action_in};
use super::model::{ListRow, Origin, Received, ReceivedAnnex1, ReceivedRoster, RosterPerson};
use crate::annex1::data_sheet::{self, DataSheet};
use crate::annex1::wording as a1;
use crate::domain::text::{name_key, same_unit};
use crate::error::{Error, Result};
use crate::store::Store;
use crate::tabular::{self, Book};
use crate::workbook::SheetKind;

/// What the clerk adds to a file.
#[derive(Debug, Clone, Copy)]
pub struct Options<'a> {
    /// The agency's name when the file does not give one (`--agency`).
    pub agency: Option<&'a str>,
    /// Today, for the verdicts of a received roster without a 核查基准日.
    pub today: NaiveDate,
}

/// A file read and understood.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReceivedFile {
    pub file_name: String,
    pub sha256: String,
    pub received: Received,
}

fn refuse(file: &str, why: &str) -> Error {
    Error::NotReceivable(format!("不能接收 {file}：{why}。未保存任何内容"))
}

fn grid(book: &mut Book, sheet: &str) -> Result<Vec<Vec<String>>> {
    let rows = book
        .rows(sheet)
        .map_err(|m| refuse(&book.file_name, &format!("工作表“{sheet}”{m}")))?;
    Ok(rows
        .into_iter()
        .map(|r| r.cells.into_iter().map(|c| c.text).collect())
        .collect())
}

/// Reads `path` as an Annex 1 or a roster workbook.
pub fn read(path: &Path, options: &Options<'_>) -> Result<ReceivedFile> {
    let mut book = tabular::open(path)?;
    let file = book.file_name.clone();
    let names = book.sheet_names();
    // zicha's export: its data sheet, or why it cannot be read.
    let data = match names.iter().find(|n| *n == data_sheet::SHEET) {
        Some(name) => Some(DataSheet::parse(&grid(&mut book, name)?)),
        None => None,
    };
    let mut visible = None;
    let mut seen = NotFound {
        agency: false,
        header: false,
    };
    for name in names.iter().filter(|n| *n != data_sheet::SHEET) {
        match form_reader::find(&grid(&mut book, name)?) {
            Ok(form) => {
                visible = Some(form);
                break;
            }
            Err(n) => {
                seen.agency |= n.agency;
                seen.header |= n.header;
            }
        }
    }
    let annex = match (data, visible) {
        (Some(Ok(data)), visible) => Some(from_export(&data.sheet, data.hash_ok, visible)),
        (Some(Err(why)), Some(form)) => Some(unreadable_data(why, form)),
        (Some(Err(why)), None) => return Err(refuse(&file, &why)),
        (None, Some(form)) => Some(from_hand(form)),
        (None, None) => None,
    };
    let received = match annex {
        Some(mut a) => {
            a.agency_name = agency_name(&file, &a.agency_name, options.agency)?;
            Received::Annex1(a)
        }
        None if names
            .iter()
            .any(|n| SheetKind::from_name(n) == Some(SheetKind::Persons)) =>
        {
            Received::Roster(roster(path, &file, options)?)
        }
        None => return Err(refuse(&file, &not_annex1(&seen))),
    };
    Ok(ReceivedFile {
        file_name: file,
        sha256: book.sha256,
        received,
    })
}

fn not_annex1(seen: &NotFound) -> String {
    let header = "排查清单表头（序号、姓名、是否在本单位真实执业……）";
    match (seen.agency, seen.header) {
        (true, false) => format!("找到了“单位名称（盖章）”，但没有找到{header}，不是完整的附件1"),
        (false, true) => format!("找到了{header}，但没有找到“单位名称（盖章）”，不是完整的附件1"),
        _ => format!(
            "这不是附件1（没有找到“单位名称（盖章）”和{header}），也不是台账工作簿（没有“人员”工作表）"
        ),
    }
}

/// The agency's name: the file's, else the clerk's; both given must agree.
fn agency_name(file: &str, found: &str, given: Option<&str>) -> Result<String> {
    let found = found.trim();
    match given.map(str::trim).filter(|g| !g.is_empty()) {
        Some(g) if !found.is_empty() && !same_unit(g, found) => Err(refuse(
            file,
            &format!("文件上的单位名称是“{found}”，与给出的单位名称“{g}”不同"),
        )),
        Some(g) if found.is_empty() => Ok(g.to_string()),
        _ if found.is_empty() => Err(Error::AgencyUnnamed(file.to_string())),
        _ => Ok(found.to_string()),
    }
}

fn pending(rows: &[ListRow]) -> bool {
    rows.iter().any(|r| r.verdicts().contains(&"待核实"))
}

fn from_hand(form: VisibleForm) -> ReceivedAnnex1 {
    ReceivedAnnex1 {
        draft: form.draft_mark || pending(&form.rows),
        agency_name: form.agency_name,
        fill_date: form.fill_date,
        origin: Origin::Hand,
        edited_after_export: false,
        differences: Vec::new(),
        summary: form.summary,
        rows: form.rows,
    }
}

/// zicha's export whose data sheet cannot be read (a row deleted, a label
/// changed in Excel): the visible sheet, what the agency signed, read as a
/// hand-filled form, marked, with the reason as its difference.
fn unreadable_data(why: String, form: VisibleForm) -> ReceivedAnnex1 {
    ReceivedAnnex1 {
        origin: Origin::Zicha,
        edited_after_export: true,
        // "隐藏数据页格式不符（…）" → "隐藏的数据表无法读取：格式不符（…）".
        differences: vec![format!(
            "隐藏的数据表无法读取：{}",
            why.strip_prefix("隐藏数据页").unwrap_or(&why)
        )],
        ..from_hand(form)
    }
}

/// zicha's export: the visible sheet when it is there (what was signed), with
/// every difference from the data sheet listed; the data sheet's 整改措施 where
/// the row is unchanged.
fn from_export(data: &DataSheet, hash_ok: bool, visible: Option<VisibleForm>) -> ReceivedAnnex1 {
    let mut differences = Vec::new();
    if !hash_ok {
        differences.push("隐藏数据页的校验码不符，数据页本身被改动过".to_string());
    }
    let Some(form) = visible else {
        differences.push("表上找不到附件1的内容，只能按隐藏数据页读取".to_string());
        let rows = data
            .rows
            .iter()
            .map(|r| ListRow {
                seq: r.seq.clone(),
                name: r.name.clone(),
                practice: r.practice.clone(),
                diploma: r.diploma.clone(),
                title: r.title.clone(),
                remark: r.remark.clone(),
                action: r.action.clone(),
            })
            .collect();
        return ReceivedAnnex1 {
            agency_name: data.agency_name.clone(),
            fill_date: data.fill_date(),
            origin: Origin::Zicha,
            draft: data.draft,
            edited_after_export: true,
            differences,
            summary: data.summary.iter().map(|(_, v)| v.clone()).collect(),
            rows,
        };
    };
    differences.extend(compare(data, &form));
    let mut rows = form.rows;
    for (i, row) in rows.iter_mut().enumerate() {
        row.action = match data.rows.get(i) {
            Some(d) if d.name == row.name && d.remark == row.remark => d.action.clone(),
            _ => action_in(&row.remark),
        };
    }
    ReceivedAnnex1 {
        draft: form.draft_mark || pending(&rows),
        agency_name: form.agency_name,
        fill_date: form.fill_date,
        origin: Origin::Zicha,
        edited_after_export: !differences.is_empty(),
        differences,
        summary: form.summary,
        rows,
    }
}

/// The differences between the data sheet and the visible sheet, in words.
pub fn compare(data: &DataSheet, form: &VisibleForm) -> Vec<String> {
    let mut out = Vec::new();
    let mut differ = |what: String, was: &str, now: &str| {
        if was.trim() != now.trim() {
            out.push(format!("{what}：导出时为“{was}”，表上为“{now}”"));
        }
    };
    if name_key(&data.agency_name) != name_key(&form.agency_name) {
        differ("单位名称".into(), &data.agency_name, &form.agency_name);
    }
    let date_then = data.fill_date().map(crate::annex1::chinese_date);
    let date_now = form.fill_date.map(crate::annex1::chinese_date);
    if date_then != date_now {
        differ(
            "填报日期".into(),
            date_then.as_deref().unwrap_or(&data.fill_date),
            date_now.as_deref().unwrap_or(&form.fill_date_text),
        );
    }
    if data.draft != form.draft_mark {
        let mark = |d: bool| if d { "草稿" } else { "正式表" };
        differ("草稿标记".into(), mark(data.draft), mark(form.draft_mark));
    }
    for ((label, was), now) in data.summary.iter().zip(&form.summary) {
        differ(label.clone(), was, now);
    }
    if data.rows.len() != form.rows.len() {
        differ(
            "清单行数".into(),
            &data.rows.len().to_string(),
            &form.rows.len().to_string(),
        );
    }
    for (d, v) in data.rows.iter().zip(&form.rows) {
        let at = |column: &str| format!("清单第{}行（{}）{column}", d.seq, d.name);
        differ(at(a1::LIST_COLUMNS[1]), &d.name, &v.name);
        differ(at(a1::LIST_COLUMNS[2]), &d.practice, &v.practice);
        differ(at(a1::LIST_COLUMNS[3]), &d.diploma, &v.diploma);
        differ(at(a1::LIST_COLUMNS[4]), &d.title, &v.title);
        differ(at(a1::LIST_COLUMNS[5]), &d.remark, &v.remark);
    }
    out
}

/// A roster workbook, read by the roster's own importer into a scratch
/// database in memory, checked, and reduced to what the cross-agency check needs.
fn roster(path: &Path, file: &str, options: &Options<'_>) -> Result<ReceivedRoster> {
    let mut scratch = Store::open_in_memory()?;
    crate::workbook::import(
        &mut scratch,
        path,
        &crate::workbook::ImportOptions::default(),
        &mut |_| {},
    )?;
    let roster = scratch.load_roster()?;
    let agency = agency_name(file, &roster.settings.agency_name, options.agency)?;
    let report = crate::checks::check_roster(&roster, options.today);
    let ours = |payer: &str| {
        same_unit(payer, &agency)
            || same_unit(payer, &roster.settings.agency_name)
            || roster.settings.aliases.iter().any(|a| same_unit(payer, a))
    };
    let persons = roster
        .persons
        .iter()
        .zip(&report.rows)
        .map(|(p, r)| {
            let mut other_payers: Vec<String> = Vec::new();
            for m in &p.person.social_insurance {
                if let Some(payer) = m.payer.as_deref().map(str::trim)
                    && !payer.is_empty()
                    && !ours(payer)
                    && !other_payers.iter().any(|o| same_unit(o, payer))
                {
                    other_payers.push(payer.to_string());
                }
            }
            RosterPerson {
                name: r.name.clone(),
                id_number: r.id_number.clone().unwrap_or_default(),
                practice: r.check.practice.value.label().to_string(),
                diploma: r.check.diploma.value.label().to_string(),
                title: r.check.title.value.label().to_string(),
                other_payers,
            }
        })
        .collect();
    Ok(ReceivedRoster {
        agency_name: agency,
        persons,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The core's words are the app's too: they name the field, not a flag.
    #[test]
    fn the_agency_name_messages_name_no_command_line_flag() {
        let missing = agency_name("丁.xlsx", " ", None).unwrap_err().to_string();
        let differ = agency_name("丁.xlsx", "甲检验院", Some("乙检测公司"))
            .unwrap_err()
            .to_string();
        for message in [&missing, &differ] {
            assert!(!message.contains("--"), "{message}");
            assert!(message.contains("单位名称"), "{message}");
            assert!(message.contains("未保存任何内容"), "{message}");
        }
        assert!(
            differ.contains("与给出的单位名称“乙检测公司”不同"),
            "{differ}"
        );
        assert_eq!(
            agency_name("丁.xlsx", "", Some(" 丁所 ")).ok().as_deref(),
            Some("丁所")
        );
    }
}
