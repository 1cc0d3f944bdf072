//! Annex 1 part one (自查情况汇总), docs/RULES.md §5 (Summary).

use crate::domain::text::fold_width;
use crate::domain::{EmploymentForm, Person, Roster, StaffingLine, Verdict};

use super::{CheckContext, RowReport};

/// Whether the staffing table (人员条件) is met.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StaffingStatus {
    /// The agency has not filled the table in.
    NotConfigured,
    Met,
    NotMet,
}

/// One line of the staffing table with the persons that count toward it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaffingLineCount {
    pub line: StaffingLine,
    pub count: usize,
}

impl StaffingLineCount {
    pub fn is_met(&self) -> bool {
        self.count >= self.line.min_count as usize
    }
}

/// The numbers of Annex 1 part one, plus the pending count.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    /// 1. 特种设备检验检测人员总数.
    pub total: usize,
    /// 2. 办理执业公示的人员数量.
    pub disclosed: usize,
    /// 3. 持续缴纳社保的人员数量.
    pub social_insurance_continuous: usize,
    /// 4. 是否持续满足《核准规则》规定的人员资源条件.
    pub staffing: StaffingStatus,
    pub staffing_lines: Vec<StaffingLineCount>,
    /// 共排查检验检测人员总数.
    pub checked: usize,
    /// 发现真实执业存在问题人数.
    pub practice_problems: usize,
    /// 发现学历存在问题人数.
    pub diploma_problems: usize,
    /// 发现职称存在问题人数.
    pub title_problems: usize,
    /// Persons with any 待核实 (reported, not printed).
    pub pending: usize,
    /// Persons holding a certificate that expires within 到期提醒天数 after R
    /// (`cert.expiring`; reported, not printed).
    pub expiring: usize,
}

impl Summary {
    /// Item 4 as written on the form: 是, 否 naming the short lines, or 未配置.
    pub fn staffing_text(&self) -> String {
        match self.staffing {
            StaffingStatus::NotConfigured => "未配置".to_string(),
            StaffingStatus::Met => "是".to_string(),
            StaffingStatus::NotMet => {
                let short: Vec<String> = self
                    .staffing_lines
                    .iter()
                    .filter(|l| !l.is_met())
                    .map(|l| {
                        format!(
                            "{}缺{}人",
                            l.line.category,
                            l.line.min_count as usize - l.count
                        )
                    })
                    .collect();
                format!("否（{}）", short.join("、"))
            }
        }
    }
}

fn pattern_key(s: &str) -> String {
    fold_width(s)
        .chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_uppercase)
        .collect()
}

/// Whether the person holds a certificate, not expired at R, matching the line.
fn holds_matching_certificate(p: &Person, line: &StaffingLine, ctx: &CheckContext) -> bool {
    p.certificates.iter().any(|c| {
        let not_expired = c.valid_until.is_none_or(|d| d >= ctx.reference_date);
        let item = pattern_key(&c.item);
        not_expired
            && line
                .patterns
                .iter()
                .any(|pat| !pat.is_empty() && item.contains(&pattern_key(pat)))
    })
}

pub fn summarize(roster: &Roster, rows: &[RowReport], ctx: &CheckContext) -> Summary {
    let count = |f: &dyn Fn(&RowReport) -> bool| rows.iter().filter(|r| f(r)).count();
    let staffing_lines: Vec<StaffingLineCount> = roster
        .staffing
        .iter()
        .map(|line| StaffingLineCount {
            line: line.clone(),
            count: roster
                .persons
                .iter()
                .zip(rows)
                .filter(|(rec, row)| {
                    row.check.practice.value == Verdict::Yes
                        && rec.person.employment == Some(EmploymentForm::FullTime)
                        && holds_matching_certificate(&rec.person, line, ctx)
                })
                .count(),
        })
        .collect();
    let staffing = if staffing_lines.is_empty() {
        StaffingStatus::NotConfigured
    } else if staffing_lines.iter().all(StaffingLineCount::is_met) {
        StaffingStatus::Met
    } else {
        StaffingStatus::NotMet
    };
    Summary {
        total: roster.persons.len(),
        disclosed: roster
            .persons
            .iter()
            .filter(|r| r.person.disclosed == Some(true))
            .count(),
        social_insurance_continuous: count(&|r| r.check.si_continuous),
        staffing,
        staffing_lines,
        checked: rows.len(),
        practice_problems: count(&|r| r.check.practice.value == Verdict::No),
        diploma_problems: count(&|r| r.check.diploma.value == Verdict::No),
        title_problems: count(&|r| r.check.title.value == Verdict::No),
        pending: count(&|r| r.check.is_pending()),
        expiring: count(&|r| r.check.has_flag(super::FlagCode::CertExpiring)),
    }
}
