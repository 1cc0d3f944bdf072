//! The checks of each received Annex 1 against itself and the Annex 2 figures
//! (docs/ANNEX2.md): pure functions of the received forms, the regulator's
//! entered figures and the count of 考试机构.

use std::collections::BTreeMap;

use super::model::{ListRow, ReceivedAnnex1};
use super::wording::{self, ROWS, key_of};
use crate::annex1::wording as a1;
use crate::domain::RectificationAction;

/// Summary item positions on Annex 1.
const STAFFING: usize = 3;
const CHECKED: usize = 4;
const PROBLEMS: [usize; 3] = [5, 6, 7];

/// One agency's Annex 1 checked against its own list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgencyCheck {
    pub name: String,
    pub draft: bool,
    pub edited_after_export: bool,
    /// 共排查检验检测人员总数 as the form says (the list's rows when unreadable).
    pub checked: u64,
    /// 发现真实执业 / 学历 / 职称存在问题人数 as the form says (else rows with 否).
    pub problems: [u64; 3],
    /// Item 4: 是, 否 or 未配置.
    pub staffing: &'static str,
    /// Where the summary disagrees with the list, and what is missing, in words.
    pub mismatches: Vec<String>,
}

fn number(text: &str) -> Option<u64> {
    text.trim().parse::<u64>().ok()
}

fn count_no(rows: &[ListRow], kind: usize) -> u64 {
    rows.iter().filter(|r| r.verdicts()[kind] == "否").count() as u64
}

/// Item 4 as 是 / 否 / 未配置 (anything unreadable counts as 未配置).
pub fn staffing_of(text: &str) -> &'static str {
    let t = text.trim();
    if t.starts_with('否') {
        "否"
    } else if t == "是" {
        "是"
    } else {
        "未配置"
    }
}

/// Checks one agency's form: each summary number against its list.
pub fn check_agency(a: &ReceivedAnnex1) -> AgencyCheck {
    let mut mismatches = Vec::new();
    let item = |i: usize| a.summary.get(i).map_or("", String::as_str);
    for (i, label) in a1::SUMMARY_ITEMS.iter().enumerate() {
        let v = item(i).trim();
        if v.is_empty() {
            mismatches.push(format!("“{label}”未填写"));
        } else if i != STAFFING && number(v).is_none() {
            mismatches.push(format!("“{label}”不是数字：{v}"));
        }
    }
    let rows = a.rows.len() as u64;
    let checked = number(item(CHECKED)).unwrap_or(rows);
    if number(item(CHECKED)).is_some_and(|n| n != rows) {
        mismatches.push(format!("共排查检验检测人员总数为{checked}，清单有{rows}行"));
    }
    let mut problems = [0; 3];
    for (k, i) in PROBLEMS.into_iter().enumerate() {
        let listed = count_no(&a.rows, k);
        problems[k] = number(item(i)).unwrap_or(listed);
        if number(item(i)).is_some_and(|n| n != listed) {
            mismatches.push(format!(
                "{}为{}，清单中“{}”为“否”的有{listed}人",
                a1::SUMMARY_ITEMS[i],
                problems[k],
                a1::LIST_COLUMNS[2 + k]
            ));
        }
    }
    let staffing = staffing_of(item(STAFFING));
    if staffing == "未配置" {
        mismatches.push("人员条件未配置".to_string());
    }
    for r in &a.rows {
        for (k, v) in r.verdicts().iter().enumerate() {
            // A draft's 待核实 rows are what makes it a draft: not listed again.
            let pending = a.draft && *v == "待核实";
            if !pending && !matches!(*v, "是" | "否" | "-") {
                mismatches.push(format!(
                    "清单第{}行（{}）“{}”为“{v}”，应为是、否或-",
                    r.seq,
                    r.name,
                    a1::LIST_COLUMNS[2 + k]
                ));
            }
        }
    }
    AgencyCheck {
        name: a.agency_name.clone(),
        draft: a.draft,
        edited_after_export: a.edited_after_export,
        checked,
        problems,
        staffing,
        mismatches,
    }
}

/// Which side of a row of table (一).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    Left,
    Right,
}

/// The figures the regulator enters: (row, side) in [`ROWS`].
pub const ENTERED: [(usize, Side); 7] = [
    (5, Side::Right),
    (6, Side::Right),
    (7, Side::Left),
    (8, Side::Left),
    (9, Side::Left),
    (10, Side::Left),
    (11, Side::Left),
];

/// The key of a figure: the left label's key, or "left/right" for a right-hand one.
pub fn figure_key(row: usize, side: Side) -> String {
    let r = ROWS[row];
    match (side, r.right) {
        (Side::Right, Some(right)) => format!("{}/{}", key_of(r.left), key_of(right)),
        _ => key_of(r.left).to_string(),
    }
}

/// Finds the figure the clerk named (labels with or without 其中： and their
/// unit); `Err` says why in Chinese.
pub fn find_figure(key: &str) -> Result<(usize, Side), String> {
    let clean: String = key.chars().filter(|c| !c.is_whitespace()).collect();
    let clean = clean.replace('／', "/");
    let mut parts = clean.splitn(2, '/');
    let left = key_of(parts.next().unwrap_or("")).to_string();
    let right = parts.next().map(|r| key_of(r).to_string());
    let found = ROWS.iter().enumerate().find_map(|(i, r)| {
        if key_of(r.left) != left {
            return None;
        }
        match (&right, r.right) {
            (None, _) => Some((i, Side::Left)),
            (Some(want), Some(have)) if key_of(have) == want => Some((i, Side::Right)),
            _ => None,
        }
    });
    let entered: Vec<String> = ENTERED.iter().map(|(r, s)| figure_key(*r, *s)).collect();
    match found {
        Some(f) if ENTERED.contains(&f) => Ok(f),
        Some(f) => Err(format!(
            "“{}”由接收的附件1（或考试机构清单）汇总得出，不能手工填写；可填写的有：{}",
            figure_key(f.0, f.1),
            entered.join("、")
        )),
        None => Err(format!(
            "附件2中没有“{key}”这一项；可填写的有：{}",
            entered.join("、")
        )),
    }
}

/// A whole number the clerk typed for a figure.
pub fn parse_figure(value: &str) -> Result<i64, String> {
    let v = crate::domain::text::clean_text(value);
    match v.parse::<i64>() {
        Ok(n) if (0..=1_000_000).contains(&n) => Ok(n),
        _ => Err(format!("“{v}”不是 0 到 1000000 之间的整数")),
    }
}

/// Table (一): each row's left and right figure; `None` where a figure the
/// regulator enters is not set yet (and on the right of rows without one).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Figures {
    pub values: [[Option<i64>; 2]; 13],
    /// The keys of the entered figures not set yet.
    pub unset: Vec<String>,
}

fn rows_with(forms: &[&ReceivedAnnex1], kind: usize, action: RectificationAction) -> i64 {
    forms
        .iter()
        .flat_map(|a| &a.rows)
        .filter(|r| r.verdicts()[kind] == "否" && r.action == action.label())
        .count() as i64
}

/// Annex 2's table (一) from the current forms (drafts are not counted), the
/// regulator's figures by key, and the number of 考试机构.
pub fn compile(
    forms: &[ReceivedAnnex1],
    entered: &BTreeMap<String, i64>,
    exam_count: usize,
) -> Figures {
    let finals: Vec<&ReceivedAnnex1> = forms.iter().filter(|a| !a.draft).collect();
    let checks: Vec<AgencyCheck> = finals.iter().map(|a| check_agency(a)).collect();
    let sum = |f: &dyn Fn(&AgencyCheck) -> u64| checks.iter().map(f).sum::<u64>() as i64;
    let mut v = [[None; 2]; 13];
    v[0][0] = Some(finals.len() as i64);
    v[1][0] = Some(sum(&|c| c.checked));
    v[2][0] = Some(sum(&|c| c.problems[0]));
    v[3][0] = Some(sum(&|c| c.problems[1]));
    v[4][0] = Some(sum(&|c| c.problems[2]));
    v[2][1] = Some(rows_with(
        &finals,
        0,
        RectificationAction::DisclosureCancelled,
    ));
    v[3][1] = Some(rows_with(
        &finals,
        1,
        RectificationAction::QualificationCancelled,
    ));
    v[4][1] = Some(rows_with(
        &finals,
        2,
        RectificationAction::QualificationCancelled,
    ));
    v[5][0] = Some(checks.iter().filter(|c| c.staffing == "否").count() as i64);
    v[6][0] = Some(
        finals
            .iter()
            .filter(|a| (0..3).any(|k| count_no(&a.rows, k) > 0))
            .count() as i64,
    );
    v[12][0] = Some(exam_count as i64);
    let mut unset = Vec::new();
    for (row, side) in ENTERED {
        let key = figure_key(row, side);
        let col = usize::from(side == Side::Right);
        v[row][col] = entered.get(&key).copied();
        if v[row][col].is_none() {
            unset.push(key);
        }
    }
    Figures { values: v, unset }
}

/// One row of list (二).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListEntry {
    pub name: String,
    pub problems: String,
    pub rectification: String,
    pub problems_edited: bool,
    pub rectification_edited: bool,
    /// The id of a 考试机构 the regulator added (not an agency's Annex 1: not
    /// rewritten, but removable); `None` for an agency.
    pub exam: Option<i64>,
}

fn names(rows: &[&ListRow]) -> String {
    rows.iter()
        .map(|r| r.name.as_str())
        .collect::<Vec<_>>()
        .join("、")
}

/// The generated 存在问题说明 and 整改情况说明 of an agency; `None` when its
/// form shows no problem.
pub fn list_texts(a: &ReceivedAnnex1) -> Option<(String, String)> {
    let mut problems = Vec::new();
    for (k, word) in wording::KIND_WORDS.iter().enumerate() {
        let found: Vec<&ListRow> = a.rows.iter().filter(|r| r.verdicts()[k] == "否").collect();
        if !found.is_empty() {
            problems.push(format!(
                "{word}存在问题{}人（{}）",
                found.len(),
                names(&found)
            ));
        }
    }
    let staffing = a.summary.get(STAFFING).map_or("", String::as_str).trim();
    if staffing_of(staffing) == "否" {
        let detail = staffing.trim_start_matches('否');
        problems.push(format!("{}{detail}", wording::STAFFING_PROBLEM));
    }
    if problems.is_empty() {
        return None;
    }
    let with_problem: Vec<&ListRow> = a
        .rows
        .iter()
        .filter(|r| r.verdicts().contains(&"否"))
        .collect();
    let mut done = Vec::new();
    let actions = RectificationAction::ALL.iter().map(|a| a.label());
    for action in actions.chain([""]) {
        let found: Vec<&ListRow> = with_problem
            .iter()
            .copied()
            .filter(|r| r.action == action)
            .collect();
        if !found.is_empty() {
            let word = if action.is_empty() {
                wording::NO_ACTION
            } else {
                action
            };
            done.push(format!("{word}{}人（{}）", found.len(), names(&found)));
        }
    }
    Some((problems.join("；"), done.join("；")))
}
