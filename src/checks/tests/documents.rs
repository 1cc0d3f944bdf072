//! Rules 2 and 3: the diploma and title ladders, blocking flags and manual decisions.

use super::*;

#[test]
fn diploma_ladder() {
    type Edit = fn(&mut Diploma);
    let cases: [(Edit, Verdict, &[&str]); 7] = [
        (|d| d.submitted = Some(false), Verdict::NotApplicable, &[]),
        (
            |d| d.result = Some(VerifyResult::Mismatch),
            Verdict::No,
            &["学历核验结果：不一致（学历认证报告）"],
        ),
        (
            |d| {
                d.result = Some(VerifyResult::NotFound);
                d.method = None;
            },
            Verdict::No,
            &["学历核验结果：查无"],
        ),
        (|d| d.result = None, Verdict::Pending, &["学历尚未核验"]),
        (
            |d| d.result = Some(VerifyResult::Unverified),
            Verdict::Pending,
            &["学历尚未核验"],
        ),
        (
            |d| d.reference = None,
            Verdict::Pending,
            &["学历核验依据不完整"],
        ),
        (
            |d| d.method = None,
            Verdict::Pending,
            &["学历核验依据不完整"],
        ),
    ];
    for (i, (edit, verdict, reasons)) in cases.into_iter().enumerate() {
        let mut p = good();
        edit(&mut p.diploma);
        let c = check(&p);
        assert_eq!(c.diploma.value, verdict, "case {i}");
        assert_eq!(c.diploma.reasons, reasons, "case {i}");
    }
}

#[test]
fn title_ladder_and_default_submission() {
    type Edit = fn(&mut Title);
    let cases: [(Edit, Verdict, &[&str]); 7] = [
        (|t| *t = Title::default(), Verdict::NotApplicable, &[]),
        (|t| t.submitted = Some(false), Verdict::NotApplicable, &[]),
        (
            |t| t.result = Some(VerifyResult::Mismatch),
            Verdict::No,
            &["职称核验结果：不一致（职改批文）"],
        ),
        (
            |t| t.result = Some(VerifyResult::NotFound),
            Verdict::No,
            &["职称核验结果：查无（职改批文）"],
        ),
        (|t| t.result = None, Verdict::Pending, &["职称尚未核验"]),
        (
            |t| t.reference = None,
            Verdict::Pending,
            &["职称核验依据不完整"],
        ),
        (
            |t| {
                t.name = None;
                t.submitted = Some(true);
                t.result = None;
            },
            Verdict::Pending,
            &["职称尚未核验"],
        ),
    ];
    for (i, (edit, verdict, reasons)) in cases.into_iter().enumerate() {
        let mut p = good();
        edit(&mut p.title);
        let c = check(&p);
        assert_eq!(c.title.value, verdict, "case {i}");
        assert_eq!(c.title.reasons, reasons, "case {i}");
    }
}

#[test]
fn blocking_flag_holds_yes_until_confirmed() {
    let mut p = good();
    p.diploma.graduation_date = Some(d("2013-07-01")); // after first certification
    p.title = Title::default();
    let c = check(&p);
    assert_eq!(codes(&c), vec!["diploma.after_first_cert"]);
    assert_eq!(c.diploma.value, Verdict::Pending);
    assert_eq!(
        c.diploma.reasons,
        vec!["学历存在待确认的疑点：毕业晚于初次取证"]
    );

    let confirmed = Decisions {
        confirmations: vec![FlagConfirmation {
            code: "diploma.after_first_cert".into(),
            note: "初次取证时提交的是原学历，已核对档案".into(),
            who: "李四".into(),
            at: d("2024-07-01").and_hms_opt(9, 0, 0).expect("time"),
        }],
        ..Decisions::default()
    };
    let c = check_decided(&p, confirmed);
    assert_eq!(c.diploma.value, Verdict::Yes);
    assert!(c.flags[0].confirmed);
}

#[test]
fn blocking_flag_does_not_soften_a_no_and_non_blocking_never_hold() {
    let mut p = good();
    p.diploma.graduation_date = Some(d("2013-07-01"));
    p.diploma.result = Some(VerifyResult::NotFound);
    assert_eq!(check(&p).diploma.value, Verdict::No);

    let mut p = good();
    p.diploma.method = Some(DiplomaMethod::ChsiRecord);
    p.diploma.graduation_date = Some(d("2005-07-01"));
    p.first_cert_date = Some(d("2012-05-01"));
    p.title.obtained_on = Some(d("2009-01-01"));
    p.diploma.reference = Some("ABC".into());
    let c = check(&p);
    assert_eq!(codes(&c), vec!["diploma.vcode_format", "title.too_early"]);
    assert_eq!(
        c.diploma.value,
        Verdict::Yes,
        "a non-blocking flag never holds"
    );
    assert_eq!(c.title.value, Verdict::Pending);
}

#[test]
fn manual_verdict_overrides_and_keeps_the_automatic_one() {
    let mut p = good();
    p.on_duty = Some(false);
    let decisions = Decisions {
        manual: vec![ManualVerdict {
            kind: VerdictKind::Practice,
            value: Verdict::Yes,
            note: "已恢复履职，见2024年6月任命文件".into(),
            who: "李四".into(),
            at: d("2024-07-01").and_hms_opt(9, 0, 0).expect("time"),
        }],
        ..Decisions::default()
    };
    let c = check_decided(&p, decisions);
    assert_eq!(c.practice.value, Verdict::Yes);
    assert_eq!(c.practice.automatic, Verdict::No);
    assert_eq!(
        c.practice.reasons,
        vec!["人工认定：已恢复履职，见2024年6月任命文件"]
    );
    assert_eq!(c.remark, "已恢复履职，见2024年6月任命文件");
}

#[test]
fn remark_joins_no_reasons_then_rectification() {
    let mut p = good();
    p.on_duty = Some(false);
    p.diploma.result = Some(VerifyResult::NotFound);
    p.rectification = Rectification {
        action: Some(RectificationAction::DisclosureCancelled),
        text: Some("2024年7月5日已报市局".into()),
    };
    let c = check(&p);
    assert_eq!(
        c.remark,
        "未实际履行岗位职责；学历核验结果：查无（学历认证报告）。整改情况：已取消执业公示，2024年7月5日已报市局"
    );
    // Pending reasons are not problems and stay out of the remark.
    let mut p = good();
    p.diploma.result = None;
    assert_eq!(check(&p).remark, "");
    // A rectification alone still shows.
    p.rectification.action = Some(RectificationAction::InProgress);
    assert_eq!(check(&p).remark, "整改情况：整改中");
    // A hand-written remark replaces the built one and is marked.
    let c = check_decided(
        &p,
        Decisions {
            remark_override: Some("手写说明".into()),
            ..Decisions::default()
        },
    );
    assert_eq!((c.remark.as_str(), c.remark_edited), ("手写说明", true));
}
