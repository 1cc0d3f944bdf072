//! Export → import into an empty database gives the same roster and the same
//! `check --json`; re-importing an export into its own database changes nothing.

use crate::workbook_support::*;
use chrono::NaiveDate;
use zicha::checks::{check_roster, json::to_json};
use zicha::domain::*;
use zicha::workbook::{self, ImportOptions};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn month(y: i32, m: u32) -> YearMonth {
    YearMonth::new(y, m).unwrap()
}

/// A person with every column of the 人员 sheet filled.
fn full_person() -> Person {
    let mut p = Person::new("张三");
    let values = [
        (PersonField::Seq, "1"),
        (PersonField::IdNumber, ID_A),
        (PersonField::Post, "检验员岗"),
        (PersonField::Employment, "全职"),
        (PersonField::HireDate, "2015-03-01"),
        (PersonField::LeaveDate, "2030-01-31"),
        (PersonField::OnDuty, "是"),
        (PersonField::Disclosed, "是"),
        (PersonField::FirstCertDate, "2012-06-15"),
        (PersonField::Education, "本科"),
        (PersonField::School, "山东大学"),
        (PersonField::Major, "机械工程"),
        (PersonField::GraduationDate, "2010-07-01"),
        (PersonField::DiplomaNumber, "104221201005001234"),
        (PersonField::DiplomaSubmitted, "是"),
        (PersonField::DiplomaMethod, "学信网备案表"),
        (PersonField::DiplomaReference, "A1B2C3D4E5F6G7H8"),
        (PersonField::DiplomaVerifiedOn, "2024-06-25"),
        (PersonField::DiplomaResult, "一致"),
        (PersonField::TitleName, "工程师"),
        (PersonField::TitleMajor, "机械"),
        (PersonField::TitleCertNumber, "0012345678901234567"),
        (PersonField::TitleIssuer, "山东省人力资源和社会保障厅"),
        (PersonField::TitleObtainedOn, "2016-12-30"),
        (PersonField::TitleSubmitted, "是"),
        (PersonField::TitleMethod, "人社查询平台"),
        (PersonField::TitleReference, "RS2024-0001"),
        (PersonField::TitleVerifiedOn, "2024-06-26"),
        (PersonField::TitleResult, "一致"),
        (PersonField::RectificationAction, "整改中"),
        (
            PersonField::RectificationText,
            "已补充工作见证，见《整改报告》（2024）第3号；完成",
        ),
        (PersonField::Note, "备注：含“引号”、逗号,与换行\n第二行"),
    ];
    for (f, v) in values {
        f.set(&mut p, v).unwrap();
    }
    // Every field set, so every column is exercised.
    for f in PersonField::ALL {
        assert!(!f.get(&p).is_empty(), "{f:?} left empty");
    }
    p.certificates = vec![
        Certificate {
            item: "检验师(DS)".into(),
            number: Some("TS7110001-2024".into()),
            issued_on: Some(d(2012, 6, 15)),
            valid_until: Some(d(2028, 6, 14)),
        },
        Certificate {
            item: "RT-Ⅱ".into(),
            number: None,
            issued_on: None,
            valid_until: Some(d(2023, 1, 1)),
        },
    ];
    p.social_insurance = month(2023, 7)
        .through(month(2024, 6))
        .map(|m| SocialInsuranceMonth {
            month: m,
            payer: None,
            origin: None,
        })
        .collect();
    p.social_insurance.push(SocialInsuranceMonth {
        month: month(2024, 3),
        payer: Some("某某人力资源公司".into()),
        origin: None,
    });
    p.evidence = vec![
        Evidence {
            date: d(2024, 5, 20),
            kind: Some(EvidenceKind::InspectionReport),
            number: Some("DY-2024-0567".into()),
            description: Some("电梯定期检验".into()),
            origin: None,
        },
        Evidence {
            date: d(2022, 1, 5),
            kind: None,
            number: None,
            description: None,
            origin: None,
        },
    ];
    p
}

fn rich_roster(store: &mut zicha::store::Store) {
    let settings = Settings {
        agency_name: "东营市特种设备检验研究院（东营）".into(),
        aliases: Vec::new(),
        head: "李四".into(),
        filler: "王五".into(),
        phone: "05468888888".into(),
        reference_date: Some(d(2024, 7, 10)),
        window_months: 12,
        expiry_warning_days: 60,
    };
    store.save_settings(&settings).unwrap();
    store
        .replace_staffing(&[
            StaffingLine {
                category: "检验师".into(),
                patterns: vec!["检验师(DS)".into(), "DS".into()],
                min_count: 2,
            },
            StaffingLine {
                category: "射线检测".into(),
                patterns: vec!["RT-Ⅱ".into()],
                min_count: 0,
            },
        ])
        .unwrap();
    store.add_person(&full_person()).unwrap();

    // 退休返聘, no 身份证号 (matched by 姓名), 序号 later than the next one.
    let mut p = Person::new("赵六");
    p.seq = Some(3);
    p.employment = Some(EmploymentForm::RetiredRehire);
    p.post = Some("审核岗".into());
    p.on_duty = Some(true);
    p.diploma.submitted = Some(false);
    p.title.name = Some("高级工程师".into());
    p.title.submitted = Some(false);
    p.certificates.push(Certificate {
        item: "检验师(DS)".into(),
        number: Some("TS7110001-2024".into()),
        issued_on: Some(d(2000, 1, 1)),
        valid_until: None,
    });
    p.evidence.push(Evidence {
        date: d(2024, 7, 1),
        kind: Some(EvidenceKind::Other),
        number: None,
        description: Some("复核".into()),
        origin: None,
    });
    store.add_person(&p).unwrap();

    // 兼职, left, diploma not verified, a 15-digit old ID.
    let mut p = Person::new("钱七");
    p.seq = Some(2);
    p.id_number = Some("370502800101101".into());
    p.employment = Some(EmploymentForm::PartTime);
    p.leave_date = Some(d(2024, 1, 31));
    p.disclosed = Some(false);
    p.diploma.level = Some(EducationLevel::College);
    p.diploma.result = Some(VerifyResult::Unverified);
    p.rectification.action = Some(RectificationAction::DisclosureCancelled);
    p.social_insurance.push(SocialInsuranceMonth {
        month: month(2023, 12),
        payer: Some("东营市特种设备检验研究院(东营)".into()),
        origin: None,
    });
    store.add_person(&p).unwrap();

    // No 序号: comes after the numbered ones, in order of entry.
    let mut p = Person::new("孙八");
    p.id_number = Some(ID_C.into());
    p.employment = Some(EmploymentForm::Dispatched);
    p.diploma.level = Some(EducationLevel::Master);
    p.diploma.method = Some(DiplomaMethod::CertificationReport);
    p.diploma.result = Some(VerifyResult::Mismatch);
    p.title.method = Some(TitleMethod::OriginalVsReviewForm);
    p.title.result = Some(VerifyResult::NotFound);
    store.add_person(&p).unwrap();
    let mut p = Person::new("周九");
    p.id_number = Some(ID_D.into());
    p.employment = Some(EmploymentForm::Other);
    p.title.method = Some(TitleMethod::ApprovalDocument);
    p.diploma.method = Some(DiplomaMethod::DegreeCertification);
    p.evidence.push(Evidence {
        date: d(2024, 2, 29),
        kind: Some(EvidenceKind::Media),
        number: Some("0001".into()),
        description: None,
        origin: None,
    });
    p.evidence.push(Evidence {
        date: d(2024, 3, 1),
        kind: Some(EvidenceKind::SiteRecord),
        number: None,
        description: None,
        origin: None,
    });
    p.evidence.push(Evidence {
        date: d(2024, 3, 2),
        kind: Some(EvidenceKind::TestReport),
        number: None,
        description: None,
        origin: None,
    });
    store.add_person(&p).unwrap();
}

fn json(r: &Roster) -> String {
    to_json(&check_roster(r, d(2030, 1, 1)))
}

#[test]
fn export_then_import_into_empty_database_loses_nothing() {
    let mut a = temp_store();
    rich_roster(&mut a.store);
    let before = a.roster();
    assert_eq!(before.persons.len(), 5);
    let file = a.file("导出.xlsx");
    let sum = workbook::export(&a.store, &file).unwrap();
    assert_eq!(sum.persons, 5);
    assert_eq!(sum.social_insurance, 14);

    let mut b = temp_store();
    let out =
        workbook::import(&mut b.store, &file, &ImportOptions::default(), &mut |_| {}).unwrap();
    assert_eq!(out.persons_added, 5);
    assert_eq!(out.rows_added.social_insurance, 14);
    assert_eq!(out.rows_added.evidence, 6);
    assert_eq!(out.rows_added.certificates, 3);
    assert!(out.staffing_replaced);
    assert_eq!(
        out.settings_replaced.len(),
        6,
        "{:?}",
        out.settings_replaced
    );
    assert!(out.notices.is_empty(), "{:?}", out.notices);
    let after = b.roster();
    assert_eq!(after.settings.expiry_warning_days, 60);
    assert_eq!(without_ids(after.clone()), without_ids(before.clone()));
    assert_eq!(json(&after), json(&before));
    assert!(json(&after).contains("\"张三\""));
}

#[test]
fn reimporting_an_export_into_its_own_database_changes_nothing() {
    let mut a = temp_store();
    rich_roster(&mut a.store);
    let before = a.roster();
    let file = a.file("导出.xlsx");
    workbook::export(&a.store, &file).unwrap();
    let out =
        workbook::import(&mut a.store, &file, &ImportOptions::default(), &mut |_| {}).unwrap();
    assert_eq!(out.persons_added, 0);
    assert_eq!(out.persons_updated, 0);
    assert_eq!(out.persons_unchanged, 5);
    assert_eq!(out.rows_added.total(), 0);
    assert_eq!(out.rows_identical.social_insurance, 14);
    assert!(out.settings_replaced.is_empty());
    assert!(!out.staffing_replaced);
    assert_eq!(a.roster(), before);

    // Replace with the same content keeps every person (and id), and backs up first.
    let options = ImportOptions {
        replace: true,
        ..Default::default()
    };
    let out = workbook::import(&mut a.store, &file, &options, &mut |_| {}).unwrap();
    assert_eq!(out.persons_removed, 0);
    assert_eq!(out.persons_updated, 0);
    assert_eq!(a.roster(), before);
    let backup = out.backup.expect("replace backs up first");
    assert!(backup.starts_with(a.dir.path().join("backups")));
    let copy = zicha::store::Store::open(&backup).unwrap();
    assert_eq!(copy.load_roster().unwrap(), before);
}

/// The blank template reads without errors, but importing it unfilled says
/// that nothing was imported (issue 11: no silent success).
#[test]
fn template_has_every_sheet_and_unfilled_imports_nothing_and_says_so() {
    let mut a = temp_store();
    let file = a.file("模板.xlsx");
    workbook::write_template(&file).unwrap();
    let preview = workbook::preview(&a.store, &file, &ImportOptions::default());
    let err = preview.expect_err("an unfilled template is not imported");
    assert_eq!(err.to_string(), workbook::empty_persons_message("人员"));
    let err =
        workbook::import(&mut a.store, &file, &ImportOptions::default(), &mut |_| {}).unwrap_err();
    assert!(err.is_user_error(), "{err}");
    assert!(a.roster().persons.is_empty());
}

#[test]
fn demo_roster_round_trips_except_the_clerks_decisions() {
    let mut a = temp_store();
    zicha::demo::load_into(&mut a.store).unwrap();
    let file = a.file("示例.xlsx");
    workbook::export(&a.store, &file).unwrap();
    let mut b = temp_store();
    workbook::import(&mut b.store, &file, &ImportOptions::default(), &mut |_| {}).unwrap();
    // Manual verdicts, flag confirmations and hand-written remarks live in the
    // database only, and so do the 备案表 read from attachments; everything
    // else must come back as it was.
    let mut expected = without_ids(a.roster());
    for p in &mut expected.persons {
        p.decisions = Decisions::default();
        p.person.chsi_records.clear();
    }
    let got = without_ids(b.roster());
    assert_eq!(got, expected);
    assert_eq!(json(&got), json(&expected));
}

/// 到期提醒天数 is a row of 单位信息 added by issue 15: a workbook written before
/// it (no such row) still imports, a new database takes the default 90, and a
/// merge keeps the stored value.
#[test]
fn a_settings_sheet_without_the_expiry_row_imports_with_the_default() {
    let mut a = temp_store();
    let file = a.file("旧模板.xlsx");
    write_book(
        &file,
        &[
            ("人员", vec![row(&["姓名"]), row(&["张三"])]),
            (
                "单位信息",
                vec![
                    row(&["项目", "内容"]),
                    row(&["单位名称", "东营市特检院"]),
                    vec![S("核查月数"), N(12.0)],
                ],
            ),
        ],
    );
    workbook::import(&mut a.store, &file, &ImportOptions::default(), &mut |_| {}).unwrap();
    let s = a.roster().settings;
    assert_eq!(s.agency_name, "东营市特检院");
    assert_eq!(s.expiry_warning_days, 90);

    let mut kept = s.clone();
    kept.expiry_warning_days = 30;
    a.store.save_settings(&kept).unwrap();
    workbook::import(&mut a.store, &file, &ImportOptions::default(), &mut |_| {}).unwrap();
    assert_eq!(a.roster().settings.expiry_warning_days, 30);

    // A bad value names the setting and the allowed range.
    let bad = a.file("坏值.xlsx");
    write_book(
        &bad,
        &[
            ("人员", vec![row(&["姓名"]), row(&["张三"])]),
            (
                "单位信息",
                vec![row(&["项目", "内容"]), row(&["到期提醒天数", "三个月"])],
            ),
        ],
    );
    let err = workbook::import(&mut a.store, &bad, &ImportOptions::default(), &mut |_| {})
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("到期提醒天数") && err.contains("0 到 3650"),
        "{err}"
    );
}
