//! Rule 1 (真实执业), every failure and every missing-data case.

use super::*;

fn verdict(p: &Person) -> (Verdict, Vec<String>) {
    let c = check(p);
    (c.practice.value, c.practice.reasons)
}

#[test]
fn p_left_on_or_before_r() {
    let cases = [
        ("2024-07-10", Some("已于2024年7月10日离职")),
        ("2024-01-31", Some("已于2024年1月31日离职")),
        ("2024-07-11", None),
    ];
    for (date, reason) in cases {
        let mut p = good();
        p.leave_date = Some(d(date));
        let (v, reasons) = verdict(&p);
        match reason {
            Some(r) => {
                assert_eq!(v, Verdict::No, "{date}");
                assert_eq!(reasons[0], r);
            }
            None => assert_eq!(v, Verdict::Yes, "{date}: {reasons:?}"),
        }
    }
}

#[test]
fn p_employ_forms() {
    let cases = [
        (
            EmploymentForm::PartTime,
            Some("用工形式为兼职，不属于本单位全职人员"),
        ),
        (
            EmploymentForm::Dispatched,
            Some("用工形式为劳务派遣，不属于本单位全职人员"),
        ),
        (
            EmploymentForm::Other,
            Some("用工形式为其他，不属于本单位全职人员"),
        ),
        (EmploymentForm::FullTime, None),
        (EmploymentForm::RetiredRehire, None),
    ];
    for (form, reason) in cases {
        let mut p = good();
        p.employment = Some(form);
        let (v, reasons) = verdict(&p);
        match reason {
            Some(r) => assert_eq!((v, reasons), (Verdict::No, vec![r.to_string()]), "{form}"),
            None => assert_eq!(v, Verdict::Yes, "{form}: {reasons:?}"),
        }
    }
}

#[test]
fn p_duty() {
    let mut p = good();
    p.on_duty = Some(false);
    assert_eq!(
        verdict(&p),
        (Verdict::No, vec!["未实际履行岗位职责".to_string()])
    );
}

#[test]
fn p_evidence_window_edges() {
    // Evidence window: 2023-07-10 … 2024-07-10, both ends included.
    let cases = [
        ("2023-07-09", false),
        ("2023-07-10", true),
        ("2024-07-10", true),
        ("2024-07-11", false),
    ];
    for (date, inside) in cases {
        let mut p = good();
        p.evidence = vec![evidence(date)];
        let (v, reasons) = verdict(&p);
        if inside {
            assert_eq!(v, Verdict::Yes, "{date}: {reasons:?}");
        } else {
            assert_eq!(
                (v, reasons),
                (Verdict::No, vec!["近12个月无可追溯的工作见证".to_string()]),
                "{date}"
            );
        }
    }
    // One old record beside one recent record is fine.
    let mut p = good();
    p.evidence = vec![evidence("2019-01-01"), evidence("2024-01-01")];
    assert_eq!(verdict(&p).0, Verdict::Yes);
}

#[test]
fn p_si_gap_first_and_last_window_month() {
    for (missing, text) in [("2023-07", "2023年7月"), ("2024-06", "2024年6月")] {
        let mut p = good();
        p.social_insurance.retain(|r| r.month != ym(missing));
        let (v, reasons) = verdict(&p);
        assert_eq!(v, Verdict::No);
        assert_eq!(reasons, vec![format!("社保缴纳不连续，缺{text}")]);
    }
    // The month of R and the month before the window are not required.
    let mut p = good();
    p.social_insurance = si("2023-07", "2024-06", None);
    p.social_insurance
        .extend(si("2024-07", "2024-07", Some("别家公司")));
    p.social_insurance
        .extend(si("2023-06", "2023-06", Some("别家公司")));
    assert_eq!(verdict(&p).0, Verdict::Yes, "{:?}", verdict(&p).1);
}

#[test]
fn p_si_gap_lists_six_months_then_counts() {
    let mut p = good();
    p.social_insurance = si("2024-03", "2024-06", None);
    let (v, reasons) = verdict(&p);
    assert_eq!(v, Verdict::No);
    assert_eq!(
        reasons,
        vec!["社保缴纳不连续，缺2023年7月、2023年8月、2023年9月、2023年10月、2023年11月、2023年12月等8个月".to_string()]
    );
}

#[test]
fn p_si_gap_hire_month_tolerance() {
    // Hired inside the window: required from the month after the hire month.
    let mut p = good();
    p.hire_date = Some(d("2023-10-15"));
    p.social_insurance = si("2023-11", "2024-06", None);
    assert_eq!(verdict(&p).0, Verdict::Yes, "{:?}", verdict(&p).1);
    // … but the month after the hire month is required.
    p.social_insurance = si("2023-12", "2024-06", None);
    assert_eq!(
        verdict(&p).1,
        vec!["社保缴纳不连续，缺2023年11月".to_string()]
    );
    // Hired in the first window month: that month is tolerated.
    p.hire_date = Some(d("2023-07-01"));
    p.social_insurance = si("2023-08", "2024-06", None);
    assert_eq!(verdict(&p).0, Verdict::Yes);
    // Hired before the window: every window month is required.
    p.hire_date = Some(d("2023-06-30"));
    assert_eq!(
        verdict(&p).1,
        vec!["社保缴纳不连续，缺2023年7月".to_string()]
    );
    // Hired in R's month: nothing is required yet.
    p.hire_date = Some(d("2024-07-01"));
    p.social_insurance = si("2024-07", "2024-07", None);
    assert_eq!(verdict(&p).0, Verdict::Yes);
}

#[test]
fn p_si_payer_names_compare_without_space_and_width() {
    for payer in [
        "东营市特检院(东营)",
        "东营市特检院 （东营）",
        " 东营市特检院（东营）",
    ] {
        let mut p = good();
        p.social_insurance = si("2023-07", "2024-06", Some(payer));
        assert_eq!(verdict(&p).0, Verdict::Yes, "{payer}");
    }
}

#[test]
fn p_si_payer_other_unit() {
    let mut p = good();
    p.social_insurance.retain(|r| r.month != ym("2024-01"));
    p.social_insurance
        .extend(si("2024-01", "2024-01", Some("某人力资源公司")));
    let (v, reasons) = verdict(&p);
    assert_eq!(v, Verdict::No);
    assert_eq!(
        reasons,
        vec!["2024年1月社保由某人力资源公司缴纳".to_string()],
        "a month another unit paid is named once, by its payer"
    );
}

/// 褚志强 in the demo: twelve months paid by an HR company were listed twice in
/// the remark, once as a gap and once by payer. Each month is named once now.
#[test]
fn a_month_is_named_once_as_unpaid_or_by_its_payer() {
    for (agency, other, reasons) in [
        (
            None,
            Some(("2023-07", "2024-06")),
            vec![
                "2023年7月、2023年8月、2023年9月、2023年10月、2023年11月、2023年12月等12个月社保由某人力资源公司缴纳",
            ],
        ),
        (
            Some(("2023-07", "2024-01")),
            Some(("2024-03", "2024-06")),
            vec![
                "社保缴纳不连续，缺2024年2月",
                "2024年3月、2024年4月、2024年5月、2024年6月社保由某人力资源公司缴纳",
            ],
        ),
        (
            Some(("2023-07", "2024-03")),
            None,
            vec!["社保缴纳不连续，缺2024年4月、2024年5月、2024年6月"],
        ),
        (
            Some(("2023-07", "2024-06")),
            Some(("2024-06", "2024-06")),
            vec!["2024年6月社保由某人力资源公司缴纳"],
        ),
    ] {
        let mut p = good();
        p.social_insurance = agency.map(|(a, b)| si(a, b, None)).unwrap_or_default();
        if let Some((a, b)) = other {
            p.social_insurance.extend(si(a, b, Some("某人力资源公司")));
        }
        let c = check(&p);
        assert_eq!(c.practice.value, Verdict::No);
        assert_eq!(c.practice.reasons, reasons, "{agency:?} {other:?}");
        let months = c.remark.matches("2024年6月").count();
        assert!(months <= 1, "{}", c.remark);
    }
}

#[test]
fn p_si_two_payers_in_one_month() {
    let mut p = good();
    p.social_insurance
        .extend(si("2024-02", "2024-03", Some("原单位 有限公司")));
    p.social_insurance
        .extend(si("2024-03", "2024-03", Some("原单位有限公司")));
    let c = check(&p);
    assert_eq!(c.practice.value, Verdict::No);
    assert_eq!(
        c.practice.reasons,
        vec!["2024年2月、2024年3月社保由原单位 有限公司缴纳".to_string()]
    );
    assert!(!c.si_continuous);
}

#[test]
fn si_rules_apply_to_full_time_only() {
    let mut p = good();
    p.employment = Some(EmploymentForm::RetiredRehire);
    p.social_insurance.clear();
    let c = check(&p);
    assert_eq!(c.practice.value, Verdict::Yes, "{:?}", c.practice.reasons);
    assert!(!c.si_continuous);
    // A retiree's old payments elsewhere are not judged either.
    p.social_insurance = si("2023-07", "2024-06", Some("原单位"));
    assert_eq!(check(&p).practice.value, Verdict::Yes);
}

#[test]
fn missing_data_is_pending_with_what_is_missing() {
    type Edit = fn(&mut Person);
    let cases: [(Edit, &str); 5] = [
        (|p| p.employment = None, "缺少用工形式"),
        (|p| p.post = None, "缺少岗位"),
        (|p| p.on_duty = None, "缺少是否实际履职"),
        (|p| p.evidence.clear(), "缺少工作见证记录"),
        (|p| p.social_insurance.clear(), "缺少社保缴纳记录"),
    ];
    for (edit, reason) in cases {
        let mut p = good();
        edit(&mut p);
        assert_eq!(
            verdict(&p),
            (Verdict::Pending, vec![reason.to_string()]),
            "{reason}"
        );
    }
    // Without 用工形式 the social-insurance rules do not apply.
    let mut p = good();
    p.employment = None;
    p.social_insurance.clear();
    assert_eq!(verdict(&p).1, vec!["缺少用工形式".to_string()]);
    // All missing at once, in rule order.
    let mut p = Person::new("空白");
    p.employment = Some(EmploymentForm::FullTime);
    assert_eq!(
        verdict(&p).1,
        vec![
            "缺少岗位",
            "缺少是否实际履职",
            "缺少工作见证记录",
            "缺少社保缴纳记录"
        ]
    );
}

#[test]
fn a_failure_wins_over_missing_data_and_reasons_keep_rule_order() {
    let mut p = good();
    p.post = None;
    p.leave_date = Some(d("2024-03-01"));
    p.on_duty = Some(false);
    p.evidence = vec![evidence("2020-01-01")];
    p.social_insurance = si("2023-07", "2024-02", None);
    let (v, reasons) = verdict(&p);
    assert_eq!(v, Verdict::No);
    assert_eq!(
        reasons,
        vec![
            "已于2024年3月1日离职",
            "未实际履行岗位职责",
            "近12个月无可追溯的工作见证",
            "社保缴纳不连续，缺2024年3月、2024年4月、2024年5月、2024年6月",
        ]
    );
}

#[test]
fn month_statuses_follow_the_rules() {
    use crate::checks::practice::{MonthStatus, month_statuses};
    let mut p = good();
    p.hire_date = Some(d("2023-08-15"));
    p.social_insurance = si("2023-10", "2024-06", None);
    p.social_insurance
        .extend(si("2024-01", "2024-02", Some("别家")));
    p.social_insurance
        .retain(|r| !(r.month == ym("2024-02") && r.payer.is_none()));
    let s = month_statuses(&p, &ctx());
    assert_eq!(s.len(), 12);
    assert_eq!(s[0], (ym("2023-07"), MonthStatus::NotRequired));
    assert_eq!(s[1], (ym("2023-08"), MonthStatus::NotRequired));
    assert_eq!(s[2], (ym("2023-09"), MonthStatus::Missing));
    assert_eq!(s[3], (ym("2023-10"), MonthStatus::Agency));
    assert_eq!(s[6], (ym("2024-01"), MonthStatus::Both));
    assert_eq!(s[7], (ym("2024-02"), MonthStatus::Other));
}
