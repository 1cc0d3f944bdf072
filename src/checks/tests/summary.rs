//! Summary items 1–8, the pending count, the staffing table and the JSON shape.

use super::*;
use crate::checks::{StaffingStatus, check_roster, json};

fn rec(p: Person) -> PersonRecord {
    PersonRecord {
        person: p,
        decisions: Decisions::default(),
    }
}

fn roster(persons: Vec<Person>, staffing: Vec<StaffingLine>) -> Roster {
    Roster {
        settings: settings(),
        staffing,
        persons: persons.into_iter().map(rec).collect(),
    }
}

fn line(category: &str, patterns: &str, min: u32) -> StaffingLine {
    StaffingLine {
        category: category.into(),
        patterns: StaffingLine::split_patterns(patterns),
        min_count: min,
    }
}

#[test]
fn summary_counts_each_item() {
    let a = good();
    let mut retired = good();
    retired.name = "退休".into();
    retired.id_number = None;
    retired.employment = Some(EmploymentForm::RetiredRehire);
    retired.disclosed = Some(false);
    let mut gap = good();
    gap.name = "断缴".into();
    gap.id_number = None;
    gap.social_insurance.pop();
    gap.diploma.result = Some(VerifyResult::NotFound);
    let mut pending = good();
    pending.name = "待查".into();
    pending.id_number = None;
    pending.disclosed = None;
    pending.title.result = None;
    let r = check_roster(
        &roster(vec![a, retired, gap, pending], vec![]),
        d("2030-01-01"),
    );
    let s = &r.summary;
    assert_eq!((s.total, s.checked), (4, 4));
    assert_eq!(s.disclosed, 2);
    assert_eq!(
        s.social_insurance_continuous, 2,
        "the retiree and the gap are not counted"
    );
    assert_eq!(
        (s.practice_problems, s.diploma_problems, s.title_problems),
        (1, 1, 0)
    );
    assert_eq!(s.pending, 1);
    assert_eq!(s.staffing, StaffingStatus::NotConfigured);
    assert_eq!(s.staffing_text(), "未配置");
    assert!(r.is_draft());
    assert_eq!(
        r.rows.iter().map(|r| r.seq).collect::<Vec<_>>(),
        vec![1, 2, 3, 4]
    );
}

#[test]
fn staffing_counts_full_time_practising_unexpired_matches_only() {
    let base = good(); // 检验师(DS), valid until 2026
    let mut retired = good();
    retired.name = "退休".into();
    retired.id_number = None;
    retired.employment = Some(EmploymentForm::RetiredRehire);
    let mut expired = good();
    expired.name = "过期".into();
    expired.id_number = None;
    expired.certificates[0].valid_until = Some(d("2024-07-09"));
    let mut not_practising = good();
    not_practising.name = "未履职".into();
    not_practising.id_number = None;
    not_practising.on_duty = Some(false);
    let mut ndt = good();
    ndt.name = "无损".into();
    ndt.id_number = None;
    ndt.certificates = vec![Certificate {
        item: "ＲＴ-Ⅱ".into(),
        valid_until: None,
        ..Certificate::default()
    }];
    let persons = vec![base, retired, expired, not_practising, ndt];
    let r = check_roster(
        &roster(
            persons.clone(),
            vec![line("检验师", "DS", 1), line("射线Ⅱ级", "RT-Ⅱ、UT-Ⅱ", 1)],
        ),
        d("2030-01-01"),
    );
    let counts: Vec<usize> = r.summary.staffing_lines.iter().map(|l| l.count).collect();
    assert_eq!(counts, vec![1, 1]);
    assert_eq!(r.summary.staffing_text(), "是");
    let r = check_roster(
        &roster(
            persons,
            vec![line("检验师", "DS", 3), line("射线Ⅱ级", "RT-Ⅱ", 1)],
        ),
        d("2030-01-01"),
    );
    assert_eq!(r.summary.staffing, StaffingStatus::NotMet);
    assert_eq!(r.summary.staffing_text(), "否（检验师缺2人）");
}

#[test]
fn manual_verdicts_count_in_the_summary() {
    let mut p = good();
    p.on_duty = Some(false);
    let mut r = roster(vec![p], vec![]);
    r.persons[0].decisions.manual.push(ManualVerdict {
        kind: VerdictKind::Practice,
        value: Verdict::Yes,
        note: "见任命文件".into(),
        who: "李四".into(),
        at: d("2024-07-01").and_hms_opt(9, 0, 0).expect("time"),
    });
    let report = check_roster(&r, d("2030-01-01"));
    assert_eq!(report.summary.practice_problems, 0);
    let json: serde_json::Value = serde_json::from_str(&json::to_json(&report)).expect("json");
    assert_eq!(json["rows"][0]["manual"], serde_json::json!(["practice"]));
}

#[test]
fn json_has_exactly_the_documented_shape() {
    let mut p = good();
    p.certificates[0].valid_until = Some(d("2020-01-01"));
    let report = check_roster(&roster(vec![p], vec![]), d("2030-01-01"));
    let text = json::to_json(&report);
    let v: serde_json::Value = serde_json::from_str(&text).expect("json");
    let keys = |v: &serde_json::Value| -> Vec<String> {
        v.as_object().expect("object").keys().cloned().collect()
    };
    assert_eq!(
        keys(&v),
        ["reference_date", "window_months", "summary", "rows"]
    );
    assert_eq!(
        keys(&v["summary"]),
        [
            "total",
            "disclosed",
            "social_insurance_continuous",
            "staffing",
            "checked",
            "practice_problems",
            "diploma_problems",
            "title_problems",
            "pending",
            "expiring"
        ]
    );
    assert_eq!(
        keys(&v["rows"][0]),
        [
            "seq",
            "name",
            "id_number",
            "practice",
            "diploma",
            "title",
            "manual",
            "reasons",
            "flags",
            "remark"
        ]
    );
    assert_eq!(
        keys(&v["rows"][0]["flags"][0]),
        ["code", "blocking", "confirmed", "message"]
    );
    assert_eq!(v["reference_date"], "2024-07-10");
    assert_eq!(v["window_months"], 12);
    assert_eq!(v["rows"][0]["practice"], "是");
    assert_eq!(v["rows"][0]["flags"][0]["code"], "cert.expired");
    assert_eq!(v["rows"][0]["flags"][0]["blocking"], false);
    assert!(text.contains("张三"), "UTF-8, not escaped");
}
