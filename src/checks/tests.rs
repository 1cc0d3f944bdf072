//! Table tests for every rule and flag of docs/RULES.md. Each case states the
//! facts and the verdict, reasons or flags they must give; the cases sit at the
//! edges (first and last window month, hire-month tolerance, dates equal to R).

mod documents;
mod flags;
mod practice;
mod summary;

use chrono::NaiveDate;

use crate::domain::*;

use super::{CheckContext, PersonCheck, check_person, duplicate_certificates};

pub const AGENCY: &str = "东营市特检院（东营）";

pub fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("test date")
}

pub fn ym(s: &str) -> YearMonth {
    YearMonth::parse_iso(s).expect("test month")
}

/// R = 2024-07-10, W = 12: window months 2023-07 … 2024-06.
pub fn settings() -> Settings {
    Settings {
        agency_name: AGENCY.into(),
        reference_date: Some(d("2024-07-10")),
        window_months: 12,
        ..Settings::default()
    }
}

pub fn ctx() -> CheckContext {
    CheckContext::new(&settings(), d("2030-01-01"))
}

/// Social insurance paid by the agency for every month from `from` to `to`.
pub fn si(from: &str, to: &str, payer: Option<&str>) -> Vec<SocialInsuranceMonth> {
    ym(from)
        .through(ym(to))
        .map(|month| SocialInsuranceMonth {
            month,
            payer: payer.map(String::from),
            origin: None,
        })
        .collect()
}

pub fn evidence(date: &str) -> Evidence {
    Evidence {
        date: d(date),
        kind: Some(EvidenceKind::InspectionReport),
        number: Some("JY-1".into()),
        description: None,
        origin: None,
    }
}

/// A full-time inspector for whom every rule gives 是.
pub fn good() -> Person {
    Person {
        name: "张三".into(),
        id_number: Some("11010519491231002X".into()),
        post: Some("检验员岗".into()),
        employment: Some(EmploymentForm::FullTime),
        hire_date: Some(d("2010-03-01")),
        on_duty: Some(true),
        disclosed: Some(true),
        first_cert_date: Some(d("2012-05-01")),
        diploma: Diploma {
            submitted: None,
            level: Some(EducationLevel::Bachelor),
            graduation_date: Some(d("1972-07-01")),
            number: None,
            method: Some(DiplomaMethod::CertificationReport),
            reference: Some("BG-2024-001".into()),
            result: Some(VerifyResult::Match),
            ..Diploma::default()
        },
        title: Title {
            name: Some("工程师".into()),
            obtained_on: Some(d("1985-01-01")),
            method: Some(TitleMethod::ApprovalDocument),
            reference: Some("鲁职改字〔1985〕1号".into()),
            result: Some(VerifyResult::Match),
            ..Title::default()
        },
        certificates: vec![Certificate {
            item: "检验师(DS)".into(),
            number: Some("TS-001".into()),
            issued_on: Some(d("2012-05-01")),
            valid_until: Some(d("2026-05-01")),
        }],
        social_insurance: si("2023-07", "2024-06", None),
        evidence: vec![evidence("2024-05-20")],
        ..Person::default()
    }
}

pub fn check(p: &Person) -> PersonCheck {
    check_decided(p, Decisions::default())
}

pub fn check_decided(p: &Person, decisions: Decisions) -> PersonCheck {
    let rec = PersonRecord {
        person: p.clone(),
        decisions,
    };
    let dups = duplicate_certificates(std::slice::from_ref(&rec));
    check_person(&rec, &ctx(), &dups)
}

pub fn codes(c: &PersonCheck) -> Vec<&'static str> {
    c.flags.iter().map(|f| f.code.code()).collect()
}

#[test]
fn the_good_person_passes_everything() {
    let c = check(&good());
    assert_eq!(c.practice.value, Verdict::Yes, "{:?}", c.practice.reasons);
    assert_eq!(c.diploma.value, Verdict::Yes, "{:?}", c.diploma.reasons);
    assert_eq!(c.title.value, Verdict::Yes, "{:?}", c.title.reasons);
    assert!(c.flags.is_empty(), "{:?}", c.flags);
    assert_eq!(c.remark, "");
    assert!(c.si_continuous);
}

#[test]
fn window_is_the_w_months_before_r_month() {
    let c = ctx();
    assert_eq!(c.first_month, ym("2023-07"));
    assert_eq!(c.last_month, ym("2024-06"));
    assert_eq!(c.evidence_from, d("2023-07-10"));
    assert_eq!(c.window().len(), 12);
    // An unset R is today.
    let mut s = settings();
    s.reference_date = None;
    assert_eq!(
        CheckContext::new(&s, d("2025-01-31")).last_month,
        ym("2024-12")
    );
}
