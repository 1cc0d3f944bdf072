//! The check engine (docs/RULES.md): pure functions from a person's facts and the
//! settings to verdicts with reasons and flags, the summary of Annex 1 part one
//! and the remark column. The store only loads and saves; nothing here touches it.

pub mod documents;
pub mod flags;
pub mod json;
pub mod practice;
pub mod record;
pub mod remark;
pub mod summary;
pub mod support;
pub mod titles;

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Months, NaiveDate};

use crate::domain::text::name_key;
use crate::domain::{
    Decisions, ManualVerdict, Person, PersonRecord, Roster, Settings, Verdict, VerdictKind,
    YearMonth, idcard,
};

pub use flags::{Flag, FlagCode};
pub use summary::{StaffingLineCount, StaffingStatus, Summary};

/// The dates and names every rule is relative to, derived once from the settings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckContext {
    /// 核查基准日 R.
    pub reference_date: NaiveDate,
    /// 核查月数 W.
    pub window_months: u32,
    /// 单位名称, as set.
    pub agency_name: String,
    /// 单位别名, as set.
    pub agency_aliases: Vec<String>,
    /// The first of the W window months.
    pub first_month: YearMonth,
    /// The last window month: the month before R's month.
    pub last_month: YearMonth,
    /// The start of the evidence window (R minus W months).
    pub evidence_from: NaiveDate,
    /// 到期提醒天数 N: `cert.expiring` covers 有效期至 from R to R + N days.
    pub expiry_warning_days: u32,
}

impl CheckContext {
    /// The context for the settings, with `today` standing for an unset 核查基准日.
    pub fn new(settings: &Settings, today: NaiveDate) -> Self {
        let reference_date = settings.reference_date_or(today);
        let w = settings.window_months.max(1);
        let last_month = YearMonth::of(reference_date).plus_months(-1);
        CheckContext {
            reference_date,
            window_months: w,
            agency_name: settings.agency_name.clone(),
            agency_aliases: settings.aliases.clone(),
            first_month: last_month.plus_months(-(w as i64 - 1)),
            last_month,
            evidence_from: reference_date
                .checked_sub_months(Months::new(w))
                .unwrap_or(NaiveDate::MIN),
            expiry_warning_days: settings.expiry_warning_days,
        }
    }

    /// The window months, oldest first.
    pub fn window(&self) -> Vec<YearMonth> {
        self.first_month.through(self.last_month).collect()
    }
}

/// One verdict of a row: the value shown, its reasons, and what the rules
/// alone said when the clerk set it by hand.
#[derive(Debug, Clone, PartialEq)]
pub struct VerdictResult {
    pub kind: VerdictKind,
    /// The verdict shown (the manual one when set).
    pub value: Verdict,
    /// The reasons for `value`.
    pub reasons: Vec<String>,
    /// The verdict the rules give, before any manual decision.
    pub automatic: Verdict,
    pub automatic_reasons: Vec<String>,
    /// 人工认定, when the clerk set this verdict by hand.
    pub manual: Option<ManualVerdict>,
}

impl VerdictResult {
    fn new(
        kind: VerdictKind,
        verdict: Verdict,
        reasons: Vec<String>,
        decisions: &Decisions,
    ) -> Self {
        let manual = decisions.manual_for(kind).cloned();
        let (value, shown) = match &manual {
            Some(m) => (m.value, vec![format!("人工认定：{}", m.note)]),
            None => (verdict, reasons.clone()),
        };
        VerdictResult {
            kind,
            value,
            reasons: shown,
            automatic: verdict,
            automatic_reasons: reasons,
            manual,
        }
    }
}

/// Everything the checks say about one person.
#[derive(Debug, Clone, PartialEq)]
pub struct PersonCheck {
    pub practice: VerdictResult,
    pub diploma: VerdictResult,
    pub title: VerdictResult,
    pub flags: Vec<Flag>,
    /// 存在问题及整改情况说明 as printed.
    pub remark: String,
    /// Whether `remark` was replaced by hand.
    pub remark_edited: bool,
    /// Full-time with social insurance paid by the agency in every required month
    /// and by nobody else (summary item 3).
    pub si_continuous: bool,
}

impl PersonCheck {
    pub fn verdicts(&self) -> [&VerdictResult; 3] {
        [&self.practice, &self.diploma, &self.title]
    }

    pub fn verdict(&self, kind: VerdictKind) -> &VerdictResult {
        match kind {
            VerdictKind::Practice => &self.practice,
            VerdictKind::Diploma => &self.diploma,
            VerdictKind::Title => &self.title,
        }
    }

    /// Any verdict still 待核实.
    pub fn is_pending(&self) -> bool {
        self.verdicts().iter().any(|v| v.value == Verdict::Pending)
    }

    /// Whether any flag with this code was raised (confirmed or not).
    pub fn has_flag(&self, code: FlagCode) -> bool {
        self.flags.iter().any(|f| f.code == code)
    }

    /// Every reason of the three verdicts, in rule order.
    pub fn all_reasons(&self) -> Vec<String> {
        self.verdicts()
            .iter()
            .flat_map(|v| v.reasons.clone())
            .collect()
    }
}

/// Applies blocking flags: an otherwise 是 becomes 待核实 while one is unconfirmed.
fn hold_back(
    kind: VerdictKind,
    verdict: Verdict,
    mut reasons: Vec<String>,
    flags: &[Flag],
) -> (Verdict, Vec<String>) {
    let open: Vec<&Flag> = flags
        .iter()
        .filter(|f| f.holds_back() && f.code.verdict() == Some(kind))
        .collect();
    if verdict == Verdict::Yes && !open.is_empty() {
        let labels: Vec<&str> = open.iter().map(|f| f.code.label()).collect();
        reasons.push(format!(
            "{}存在待确认的疑点：{}",
            kind.label(),
            labels.join("、")
        ));
        return (Verdict::Pending, reasons);
    }
    (verdict, reasons)
}

/// Flags about the person's identity number and certificates.
fn person_flags(
    p: &Person,
    ctx: &CheckContext,
    duplicates: &BTreeMap<String, Vec<String>>,
) -> Vec<Flag> {
    let mut flags = Vec::new();
    if let Some(id) = p.id_number.as_deref() {
        if let Some(m) = idcard::structure_problem(id) {
            flags.push(Flag::new(FlagCode::IdChecksum, m));
        }
        if let Some(m) = idcard::birth_date_problem(id, ctx.reference_date) {
            flags.push(Flag::new(FlagCode::IdBirthdate, m));
        }
    }
    for c in &p.certificates {
        if let Some(until) = c.valid_until
            && until < ctx.reference_date
        {
            flags.push(Flag::new(
                FlagCode::CertExpired,
                format!(
                    "证书“{}”有效期至{}，已过期",
                    c.item,
                    crate::domain::parse::chinese_date(until)
                ),
            ));
        } else if let Some(m) = expiring_message(c, ctx) {
            flags.push(Flag::new(FlagCode::CertExpiring, m));
        }
    }
    let mut seen = BTreeSet::new();
    for c in &p.certificates {
        let Some(number) = c.number.as_deref() else {
            continue;
        };
        let key = name_key(number);
        if !seen.insert(key.clone()) {
            continue;
        }
        if let Some(others) = duplicates.get(&key) {
            let others: Vec<&str> = others
                .iter()
                .map(String::as_str)
                .filter(|n| *n != p.name)
                .collect();
            let who = if others.is_empty() {
                "另一名同名人员".to_string()
            } else {
                others.join("、")
            };
            flags.push(Flag::new(
                FlagCode::CertDuplicate,
                format!("证书编号{number}同时登记在{who}名下"),
            ));
        }
    }
    flags
}

/// `cert.expiring`: the certificate is valid at R but its 有效期至 falls within
/// 到期提醒天数 after R (R itself included; 0 days turns the reminder off).
fn expiring_message(c: &crate::domain::Certificate, ctx: &CheckContext) -> Option<String> {
    let until = c.valid_until?;
    let days = (until - ctx.reference_date).num_days();
    if ctx.expiry_warning_days == 0 || days < 0 || days > i64::from(ctx.expiry_warning_days) {
        return None;
    }
    let when = if days == 0 {
        "于核查基准日当天到期".to_string()
    } else {
        format!("核查基准日后{days}天到期")
    };
    Some(format!(
        "证书“{}”有效期至{}，{when}，请及时换证",
        c.item,
        crate::domain::parse::chinese_date(until)
    ))
}

/// Checks one person. `duplicates` maps a certificate-number key to the names
/// of every person holding it, for numbers held by two or more persons.
pub fn check_person(
    record: &PersonRecord,
    ctx: &CheckContext,
    duplicates: &BTreeMap<String, Vec<String>>,
) -> PersonCheck {
    let p = &record.person;
    let d = &record.decisions;
    let practice = practice::check(p, ctx);

    let mut flags = person_flags(p, ctx, duplicates);
    flags.extend(documents::diploma_flags(p));
    flags.extend(record::record_flags(p));
    flags.extend(documents::title_flags(p));
    for f in &mut flags {
        f.confirmed = d.is_confirmed(f.code.code());
    }

    let dl = documents::diploma_ladder(p);
    let (dv, dr) = hold_back(VerdictKind::Diploma, dl.verdict, dl.reasons, &flags);
    let tl = documents::title_ladder(p);
    let (tv, tr) = hold_back(VerdictKind::Title, tl.verdict, tl.reasons, &flags);

    let mut check = PersonCheck {
        practice: VerdictResult::new(VerdictKind::Practice, practice.verdict, practice.reasons, d),
        diploma: VerdictResult::new(VerdictKind::Diploma, dv, dr, d),
        title: VerdictResult::new(VerdictKind::Title, tv, tr, d),
        flags,
        remark: String::new(),
        remark_edited: d.remark_override.is_some(),
        si_continuous: p.employment == Some(crate::domain::EmploymentForm::FullTime)
            && !p.social_insurance.is_empty()
            && !practice.si_gap
            && !practice.si_other_payer,
    };
    check.remark = match &d.remark_override {
        Some(text) => text.clone(),
        None => remark::build(&check, &p.rectification),
    };
    check
}

/// Certificate numbers recorded for two or more different persons.
pub fn duplicate_certificates(persons: &[PersonRecord]) -> BTreeMap<String, Vec<String>> {
    let mut holders: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, r) in persons.iter().enumerate() {
        for c in &r.person.certificates {
            if let Some(n) = c.number.as_deref() {
                let list = holders.entry(name_key(n)).or_default();
                if !list.contains(&i) {
                    list.push(i);
                }
            }
        }
    }
    holders
        .into_iter()
        .filter(|(_, v)| v.len() > 1)
        .map(|(k, v)| {
            (
                k,
                v.iter().map(|i| persons[*i].person.name.clone()).collect(),
            )
        })
        .collect()
}

/// One row of the result, in form order.
#[derive(Debug, Clone, PartialEq)]
pub struct RowReport {
    /// 序号 on the form: 1, 2, 3 … in roster order.
    pub seq: usize,
    pub person_id: Option<i64>,
    pub name: String,
    pub id_number: Option<String>,
    /// 整改措施 of the person's rectification record, when one is set (the
    /// hidden data sheet of the Annex 1 XLSX carries it for Annex 2).
    pub action: Option<crate::domain::RectificationAction>,
    pub check: PersonCheck,
}

/// The result of checking a whole roster.
#[derive(Debug, Clone, PartialEq)]
pub struct RosterReport {
    pub reference_date: NaiveDate,
    pub window_months: u32,
    pub summary: Summary,
    pub rows: Vec<RowReport>,
}

impl RosterReport {
    /// Whether any row is 待核实. The form is a draft in more cases (no persons,
    /// no 单位名称): ask [`crate::annex1::FormStatus::of`] for that.
    pub fn is_draft(&self) -> bool {
        self.summary.pending > 0
    }
}

/// Checks the whole roster; `today` stands for an unset 核查基准日.
pub fn check_roster(roster: &Roster, today: NaiveDate) -> RosterReport {
    let ctx = CheckContext::new(&roster.settings, today);
    let duplicates = duplicate_certificates(&roster.persons);
    let rows: Vec<RowReport> = roster
        .persons
        .iter()
        .enumerate()
        .map(|(i, r)| RowReport {
            seq: i + 1,
            person_id: r.person.id,
            name: r.person.name.clone(),
            id_number: r.person.id_number.clone(),
            action: r.person.rectification.action,
            check: check_person(r, &ctx, &duplicates),
        })
        .collect();
    let summary = summary::summarize(roster, &rows, &ctx);
    RosterReport {
        reference_date: ctx.reference_date,
        window_months: ctx.window_months,
        summary,
        rows,
    }
}

#[cfg(test)]
mod tests;
