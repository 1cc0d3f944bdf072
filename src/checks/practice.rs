//! Rule 1: 是否在本单位真实执业 (practice), docs/RULES.md §1.

use std::collections::BTreeMap;

use crate::domain::parse::chinese_date;
use crate::domain::settings::names_agency;
use crate::domain::text::name_key;
use crate::domain::{EmploymentForm, Person, Verdict, YearMonth};

use super::CheckContext;

/// The practice verdict and the social-insurance facts the summary needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PracticeOutcome {
    pub verdict: Verdict,
    pub reasons: Vec<String>,
    /// A required window month had no payment by the agency (P-SI-GAP).
    pub si_gap: bool,
    /// A window month was paid by another unit (P-SI-PAYER).
    pub si_other_payer: bool,
}

/// Lists months in reasons: at most six, then "等{n}个月".
pub fn list_months(months: &[YearMonth]) -> String {
    let shown: Vec<String> = months.iter().take(6).map(|m| m.chinese()).collect();
    let mut s = shown.join("、");
    if months.len() > 6 {
        s.push_str(&format!("等{}个月", months.len()));
    }
    s
}

/// Whether a payment record's payer is the agency (an empty payer is the agency).
fn paid_by_agency(payer: Option<&str>, ctx: &CheckContext) -> bool {
    match payer {
        None => true,
        Some(p) => names_agency(p, &ctx.agency_name, &ctx.agency_aliases),
    }
}

/// The months P-SI-GAP requires: the window months, starting no earlier than the
/// month after the hire month when the hire date falls inside the window or later.
pub fn required_months(person: &Person, ctx: &CheckContext) -> Vec<YearMonth> {
    let mut first = ctx.first_month;
    if let Some(hire) = person.hire_date {
        let after_hire = YearMonth::of(hire).plus_months(1);
        if after_hire > first {
            first = after_hire;
        }
    }
    first.through(ctx.last_month).collect()
}

/// Required months with no payment by the agency (P-SI-GAP).
pub fn missing_months(person: &Person, ctx: &CheckContext) -> Vec<YearMonth> {
    required_months(person, ctx)
        .into_iter()
        .filter(|m| {
            !person
                .social_insurance
                .iter()
                .any(|r| r.month == *m && paid_by_agency(r.payer.as_deref(), ctx))
        })
        .collect()
}

/// Window months paid by other units, grouped by payer (P-SI-PAYER); the
/// payer is named as first written, payers that differ only by white space or
/// width are one payer. With each payer, the files its months were imported
/// from (empty when typed by hand).
pub fn other_payers(
    person: &Person,
    ctx: &CheckContext,
) -> Vec<(String, Vec<YearMonth>, Vec<String>)> {
    let mut by_key: BTreeMap<String, (String, Vec<YearMonth>, Vec<String>)> = BTreeMap::new();
    let mut order: Vec<String> = Vec::new();
    for r in &person.social_insurance {
        let Some(payer) = r.payer.as_deref() else {
            continue;
        };
        if paid_by_agency(Some(payer), ctx) || r.month < ctx.first_month || r.month > ctx.last_month
        {
            continue;
        }
        let key = name_key(payer);
        let entry = by_key.entry(key.clone()).or_insert_with(|| {
            order.push(key);
            (payer.to_string(), Vec::new(), Vec::new())
        });
        if !entry.1.contains(&r.month) {
            entry.1.push(r.month);
        }
        if let Some(o) = &r.origin
            && !entry.2.iter().any(|f| **f == *o.file)
        {
            entry.2.push(o.file.to_string());
        }
    }
    order
        .into_iter()
        .filter_map(|k| by_key.remove(&k))
        .map(|(name, mut months, files)| {
            months.sort();
            (name, months, files)
        })
        .collect()
}

pub fn check(person: &Person, ctx: &CheckContext) -> PracticeOutcome {
    let mut failures = Vec::new();

    if let Some(left) = person.leave_date
        && left <= ctx.reference_date
    {
        failures.push(format!("已于{}离职", chinese_date(left)));
    }
    if let Some(
        form @ (EmploymentForm::PartTime | EmploymentForm::Dispatched | EmploymentForm::Other),
    ) = person.employment
    {
        failures.push(format!("用工形式为{}，不属于本单位全职人员", form.label()));
    }
    if person.on_duty == Some(false) {
        failures.push("未实际履行岗位职责".to_string());
    }
    if !person.evidence.is_empty()
        && !person
            .evidence
            .iter()
            .any(|e| e.date >= ctx.evidence_from && e.date <= ctx.reference_date)
    {
        failures.push(format!("近{}个月无可追溯的工作见证", ctx.window_months));
    }

    let full_time = person.employment == Some(EmploymentForm::FullTime);
    let has_si = !person.social_insurance.is_empty();
    let mut si_gap = false;
    let mut si_other_payer = false;
    if full_time && has_si {
        let missing = missing_months(person, ctx);
        let payers = other_payers(person, ctx);
        // A month another unit paid is named once, by its payer; the gap
        // reason lists the months nobody paid (still a gap either way).
        let unpaid: Vec<YearMonth> = missing
            .iter()
            .copied()
            .filter(|m| !payers.iter().any(|(_, months, _)| months.contains(m)))
            .collect();
        si_gap = !missing.is_empty();
        if !unpaid.is_empty() {
            failures.push(format!("社保缴纳不连续，缺{}", list_months(&unpaid)));
        }
        for (payer, months, files) in payers {
            si_other_payer = true;
            let source = if files.is_empty() {
                String::new()
            } else {
                format!("（来源：{}）", files.join("、"))
            };
            failures.push(format!(
                "{}社保由{}缴纳{source}",
                list_months(&months),
                payer
            ));
        }
    }

    if !failures.is_empty() {
        return PracticeOutcome {
            verdict: Verdict::No,
            reasons: failures,
            si_gap,
            si_other_payer,
        };
    }

    let mut missing = Vec::new();
    if person.employment.is_none() {
        missing.push("缺少用工形式");
    }
    if person.post.is_none() {
        missing.push("缺少岗位");
    }
    if person.on_duty.is_none() {
        missing.push("缺少是否实际履职");
    }
    if person.evidence.is_empty() {
        missing.push("缺少工作见证记录");
    }
    if full_time && !has_si {
        missing.push("缺少社保缴纳记录");
    }
    PracticeOutcome {
        verdict: if missing.is_empty() {
            Verdict::Yes
        } else {
            Verdict::Pending
        },
        reasons: missing.into_iter().map(String::from).collect(),
        si_gap,
        si_other_payer,
    }
}

/// How one window month stands for a person, for the app's month strip.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MonthStatus {
    /// Paid by the agency alone.
    Agency,
    /// Paid by another unit alone.
    Other,
    /// Paid by the agency and another unit.
    Both,
    /// Required and not paid.
    Missing,
    /// Not paid, and not required (before the month after the hire month).
    NotRequired,
}

/// The status of every window month, oldest first.
pub fn month_statuses(person: &Person, ctx: &CheckContext) -> Vec<(YearMonth, MonthStatus)> {
    let required = required_months(person, ctx);
    ctx.window()
        .into_iter()
        .map(|m| {
            let records = person.social_insurance.iter().filter(|r| r.month == m);
            let (mut agency, mut other) = (false, false);
            for r in records {
                if paid_by_agency(r.payer.as_deref(), ctx) {
                    agency = true;
                } else {
                    other = true;
                }
            }
            let status = match (agency, other) {
                (true, false) => MonthStatus::Agency,
                (false, true) => MonthStatus::Other,
                (true, true) => MonthStatus::Both,
                (false, false) if required.contains(&m) => MonthStatus::Missing,
                (false, false) => MonthStatus::NotRequired,
            };
            (m, status)
        })
        .collect()
}
