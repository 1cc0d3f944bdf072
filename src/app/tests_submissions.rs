//! 定稿报送 on the print screen and the 报送记录 screen (issue 15), driven by
//! label: a draft is refused with its reason; a final form asks first, then is
//! recorded; the list shows it without a scan, reprints it byte-identical,
//! compares it with today and takes a scan.

use chrono::NaiveDate;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

use super::tests::harness;
use super::*;
use crate::domain::*;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
}

/// A full-time inspector for whom every rule gives 是 at R = 2024-07-10.
fn good(name: &str, id: &str) -> Person {
    Person {
        name: name.into(),
        id_number: Some(id.into()),
        post: Some("检验员岗".into()),
        employment: Some(EmploymentForm::FullTime),
        hire_date: Some(d("2010-03-01")),
        on_duty: Some(true),
        disclosed: Some(true),
        first_cert_date: Some(d("2012-05-01")),
        diploma: Diploma {
            level: Some(EducationLevel::Bachelor),
            graduation_date: Some(d("2002-07-01")),
            method: Some(DiplomaMethod::CertificationReport),
            reference: Some("BG-2024-001".into()),
            result: Some(VerifyResult::Match),
            ..Diploma::default()
        },
        title: Title {
            submitted: Some(false),
            ..Title::default()
        },
        social_insurance: YearMonth::parse_iso("2023-07")
            .expect("month")
            .through(YearMonth::parse_iso("2024-06").expect("month"))
            .map(|month| SocialInsuranceMonth {
                month,
                payer: None,
                origin: None,
            })
            .collect(),
        evidence: vec![Evidence {
            date: d("2024-05-20"),
            kind: Some(EvidenceKind::InspectionReport),
            number: None,
            description: None,
            origin: None,
        }],
        ..Person::default()
    }
}

fn final_store() -> Store {
    let mut store = Store::open_in_memory().expect("store");
    store
        .save_settings(&Settings {
            agency_name: "东营市特种设备检验研究院".into(),
            reference_date: Some(d("2024-07-10")),
            ..Settings::default()
        })
        .expect("settings");
    store
        .add_person(&good("张三", "110105198001010016"))
        .expect("add");
    store
        .add_person(&good("李四", "110105198102020029"))
        .expect("add");
    store
}

fn go_to(h: &mut Harness<'_, ZichaApp>, screen: &str) {
    h.get_by_label(screen).click();
    h.run();
}

/// Goes to the print screen, sets the PDF path and clicks 保存 PDF.
fn click_save_pdf(h: &mut Harness<'_, ZichaApp>, pdf: &std::path::Path) {
    go_to(h, "导入 / 导出 / 打印");
    h.state_mut().print.pdf_path = pdf.display().to_string();
    h.run();
    h.get_by_label("保存 PDF").click();
    h.run();
}

/// The final roster's form saved as `pdf` from the print page.
fn final_form_saved(pdf: &std::path::Path) -> Harness<'static, ZichaApp> {
    let mut h = harness(final_store());
    h.run();
    click_save_pdf(&mut h, pdf);
    h.run();
    h
}

fn toasts(h: &Harness<'_, ZichaApp>) -> Vec<String> {
    h.state()
        .toasts
        .texts()
        .iter()
        .map(|t| t.to_string())
        .collect()
}

#[test]
fn a_draft_is_refused_with_its_reason() {
    let mut store = Store::open_in_memory().expect("store");
    crate::demo::load_into(&mut store).expect("demo");
    let mut h = harness(store);
    h.run();
    go_to(&mut h, "导入 / 导出 / 打印");
    h.get_by_label("定稿报送…").click();
    h.run();
    let shown = toasts(&h);
    assert!(
        shown
            .iter()
            .any(|t| t.contains("人待核实，本表为草稿，不得报送")),
        "{shown:?}"
    );
    assert!(
        h.query_by_label("确定报送").is_none(),
        "no question for a draft"
    );
    assert!(h.state().data.submissions.is_empty());
}

#[test]
fn a_final_form_is_submitted_listed_reprinted_compared_and_scanned() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (pdf, xlsx) = (dir.path().join("报送.pdf"), dir.path().join("报送.xlsx"));
    let mut h = harness(final_store());
    h.run();
    go_to(&mut h, "导入 / 导出 / 打印");
    h.state_mut().print.pdf_path = pdf.display().to_string();
    h.state_mut().print.xlsx_path = xlsx.display().to_string();
    h.run();
    h.get_by_label("定稿报送…").click();
    h.run();
    // Asked first: nothing is written before the answer.
    assert!(!pdf.exists());
    h.get_by_label("确定报送").click();
    h.run();
    h.run();
    let shown = toasts(&h);
    assert!(
        shown
            .iter()
            .any(|t| t.contains("已定稿报送，记为第1次报送")),
        "{shown:?}"
    );
    assert!(pdf.is_file() && xlsx.is_file());
    assert_eq!(h.state().data.submissions.len(), 1);

    go_to(&mut h, "报送记录");
    assert!(h.query_by_label("第1次报送").is_some());
    assert!(h.query_by_label("缺少").is_some(), "the scan is missing");

    let out = dir.path().join("重印");
    std::fs::create_dir(&out).expect("dir");
    h.state_mut().submissions.folder = out.display().to_string();
    h.run();
    h.get_by_label("重新打印").click();
    h.run();
    h.run();
    assert_eq!(
        std::fs::read(out.join("报送.pdf")).expect("reprinted"),
        std::fs::read(&pdf).expect("pdf")
    );
    assert_eq!(
        std::fs::read(out.join("报送.xlsx")).expect("reprinted"),
        std::fs::read(&xlsx).expect("xlsx")
    );

    h.get_by_label("对比").click();
    h.run();
    assert!(
        h.query_by_label("没有变化：每个人的结论和说明都与报送时相同")
            .is_some()
    );

    let scan = dir.path().join("盖章.png");
    let mut png = vec![0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A];
    png.extend_from_slice(&[1u8; 100]);
    std::fs::write(&scan, &png).expect("scan");
    h.state_mut().submissions.scan_path = scan.display().to_string();
    h.run();
    h.get_by_label("添加扫描件").click();
    h.run();
    h.run();
    assert_eq!(
        h.state().data.submissions[0].scan.as_deref(),
        Some("盖章.png")
    );
    assert!(h.query_by_label("缺少").is_none());
    h.get_by_label("打包报送").click();
    h.run();
    h.run();
    let packed = out.join("东营市特种设备检验研究院_2024-07-10_附件1报送");
    assert_eq!(
        std::fs::read(packed.join("附件1_签字盖章扫描件.png")).expect("packed scan"),
        png
    );
}

#[test]
fn a_new_campaign_is_started_from_the_settings_after_asking() {
    let mut store = final_store();
    let id = store.load_roster().expect("roster").persons[0]
        .person
        .id
        .expect("id");
    store
        .decide(id, VerdictKind::Practice, Verdict::No, "实为兼职")
        .expect("decide");
    let mut h = harness(store);
    h.run();
    go_to(&mut h, "设置");
    assert!(h.query_by_label("当前为第1批。下一年核查时开始新的一批：人员和记录照旧，人工认定、疑点确认和手写说明留在本批，不带入新批次；已有的报送记录不变。").is_some());
    h.get_by_label("开始新的核查批次…").click();
    h.run();
    assert_eq!(
        h.state().settings.campaign_date.as_deref(),
        Some("2025-07-10"),
        "next year's date is offered"
    );
    assert_eq!(h.state().data.campaign, 1, "asked first");
    h.get_by_label("确定开始").click();
    h.run();
    h.run();
    assert_eq!(h.state().data.campaign, 2);
    assert!(h.state().data.roster.persons[0].decisions.manual.is_empty());
    assert_eq!(
        h.state().data.roster.settings.reference_date,
        Some(d("2025-07-10"))
    );
    let shown = toasts(&h);
    assert!(
        shown
            .iter()
            .any(|t| t.contains("已开始第2批：人工认定 1 条")),
        "{shown:?}"
    );
}

/// 保存 PDF of a final form records a submission, as a final `zicha annex1`
/// does, and says so; the bytes written are the ones kept.
#[test]
fn saving_a_final_form_records_a_submission() {
    let dir = tempfile::tempdir().expect("tempdir");
    let pdf = dir.path().join("正式.pdf");
    let h = final_form_saved(&pdf);
    assert!(pdf.is_file());
    assert_eq!(h.state().data.submissions.len(), 1);
    let shown = toasts(&h);
    assert!(
        shown
            .iter()
            .any(|t| t.contains("已记入报送记录（第1次报送）")),
        "{shown:?}"
    );
    assert!(
        h.query_by_label_contains("已记入报送记录（第1次报送）")
            .is_some()
    );
    let store = &h.state().data.store;
    let kept = crate::store::submissions::load(store.conn(), 1).expect("kept");
    assert_eq!(kept.pdf, std::fs::read(&pdf).expect("pdf"));
}

/// A draft saved (after its question) records nothing.
#[test]
fn saving_a_draft_records_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let pdf = dir.path().join("草稿.pdf");
    let mut store = Store::open_in_memory().expect("store");
    crate::demo::load_into(&mut store).expect("demo");
    let mut h = harness(store);
    h.run();
    click_save_pdf(&mut h, &pdf);
    h.get_by_label("仍然保存草稿").click();
    h.run();
    h.run();
    assert!(pdf.is_file());
    assert!(h.state().data.submissions.is_empty());
    assert!(toasts(&h).iter().all(|t| !t.contains("报送记录")));
}

/// The 修改记录 check the clerk asks for (重新校验) also holds every kept
/// submission against its entry, as `zicha audit verify` does.
#[test]
fn the_trail_check_names_a_submission_changed_behind_the_program() {
    let dir = tempfile::tempdir().expect("tempdir");
    let pdf = dir.path().join("正式.pdf");
    let mut h = final_form_saved(&pdf);
    assert_eq!(h.state().data.submissions.len(), 1);
    go_to(&mut h, "备份与修改记录");
    h.get_by_label("重新校验").click();
    h.run();
    assert!(toasts(&h).iter().any(|t| t.contains("修改记录校验通过")));
    h.state()
        .data
        .store
        .conn()
        .execute(
            "UPDATE submissions SET snapshot = replace(snapshot, '\"practice\":\"是\"', '\"practice\":\"否\"')",
            [],
        )
        .expect("tamper");
    h.get_by_label("重新校验").click();
    h.run();
    let shown = toasts(&h);
    assert!(
        shown
            .iter()
            .any(|t| t.contains("修改记录校验未通过") && t.contains("第1次报送")),
        "{shown:?}"
    );
}
