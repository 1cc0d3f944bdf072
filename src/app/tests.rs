//! Interaction tests with egui_kittest: headless, no GPU, the real widgets
//! clicked and typed into as the clerk would.

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{Queryable, by};

use super::*;
use crate::domain::{Verdict, VerdictKind};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2024, 7, 10).unwrap_or_default()
}

pub(super) fn harness(store: Store) -> Harness<'static, ZichaApp> {
    let app = ZichaApp::new(store, today()).expect("app");
    Harness::builder()
        .with_size([1400.0, 900.0])
        .with_context_setup(fonts::install_ready)
        .build_ui_state(|ui, app: &mut ZichaApp| app.show(ui), app)
}

fn demo_harness() -> Harness<'static, ZichaApp> {
    let mut store = Store::open_in_memory().expect("store");
    crate::demo::load_into(&mut store).expect("demo");
    harness(store)
}

fn verdict_of(h: &Harness<'_, ZichaApp>, name: &str, kind: VerdictKind) -> Verdict {
    let data = &h.state().data;
    let i = data
        .roster
        .persons
        .iter()
        .position(|r| r.person.name == name)
        .expect("person");
    data.report.rows[i].check.verdict(kind).value
}

/// Finds a person with the search box and clicks their row.
fn select(h: &mut Harness<'_, ZichaApp>, name: &str) {
    text_box(h, "搜索").click();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    text_box(h, "搜索").type_text(name);
    h.run();
    h.get(by().role(Role::Label).label(name).include_labels())
        .click();
    h.run();
}

/// Asserts that a plain label with exactly this text is shown.
pub(super) fn shows(h: &Harness<'_, ZichaApp>, text: &str) {
    h.get(by().label(text).include_labels());
}

/// The text box labelled `label`.
pub(super) fn text_box<'h>(h: &'h Harness<'_, ZichaApp>, label: &'h str) -> egui_kittest::Node<'h> {
    h.get_by_role_and_label(Role::TextInput, label)
}

/// Clicks the text box labelled `label` and types into it.
pub(super) fn type_into(h: &mut Harness<'_, ZichaApp>, label: &str, text: &str) {
    text_box(h, label).click();
    h.run();
    text_box(h, label).type_text(text);
    h.run();
}

#[test]
fn empty_database_offers_template_import_and_demo() {
    let mut h = harness(Store::open_in_memory().expect("store"));
    h.run();
    h.get_by_label("下载模板");
    h.get_by_label("导入台账");
    h.get_by_label("载入示例数据").click();
    h.run();
    assert!(h.state().data.roster.persons.len() >= 30);
}

#[test]
fn add_a_person() {
    let mut h = harness(Store::open_in_memory().expect("store"));
    h.run();
    h.get_by_label("＋ 新增人员").click();
    h.run();
    type_into(&mut h, "姓名 *", "王堃");
    type_into(&mut h, "身份证号", "11010519491231002X");
    h.get_by_label("保存").click();
    h.run();
    let persons = &h.state().data.roster.persons;
    assert_eq!(persons.len(), 1);
    assert_eq!(persons[0].person.name, "王堃");
    assert_eq!(
        persons[0].person.id_number.as_deref(),
        Some("11010519491231002X")
    );
    assert!(
        h.state()
            .toasts
            .texts()
            .iter()
            .any(|t| t.contains("已新增"))
    );
}

#[test]
fn editing_a_field_changes_the_live_verdict_and_saving_keeps_it() {
    let mut h = demo_harness();
    h.run();
    select(&mut h, "王建国");
    shows(&h, "真实执业：是");
    type_into(&mut h, "离职日期", "2024-01-31");
    shows(&h, "真实执业：否");
    assert_eq!(
        verdict_of(&h, "王建国", VerdictKind::Practice),
        Verdict::Yes,
        "not saved yet"
    );
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
    h.run();
    assert_eq!(verdict_of(&h, "王建国", VerdictKind::Practice), Verdict::No);
}

#[test]
fn an_invalid_date_is_refused_with_a_message() {
    let mut h = demo_harness();
    h.run();
    let stored_hire_date = |h: &Harness<'_, ZichaApp>| {
        let roster = h.state().data.store.load_roster().expect("roster");
        let found = roster.persons.into_iter().find(|r| r.person.name == "张喆");
        found.expect("person").person.hire_date
    };
    let before = stored_hire_date(&h);
    assert!(before.is_some(), "the demo gives 张喆 a hire date");
    select(&mut h, "张喆");
    text_box(&h, "入职日期").click();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    text_box(&h, "入职日期").type_text("2024-13-45");
    h.run();
    h.get(by().label_contains("不是有效日期").include_labels());
    h.get_by_label("保存").click();
    h.run();
    assert_eq!(
        stored_hire_date(&h),
        before,
        "the stored hire date is unchanged"
    );
    assert!(
        h.state()
            .toasts
            .texts()
            .iter()
            .any(|t| t.contains("填写不正确"))
    );
    assert!(
        h.state().editor.as_ref().is_some_and(|e| e.is_dirty()),
        "the typed text is kept"
    );
}

#[test]
fn confirm_a_blocking_flag() {
    let mut h = demo_harness();
    h.run();
    assert_eq!(verdict_of(&h, "曹磊", VerdictKind::Title), Verdict::Pending);
    select(&mut h, "曹磊");
    h.get_by_label("核查结果").click();
    h.run();
    type_into(&mut h, "核实说明", "破格晋升，见鲁人社字〔2015〕12号");
    h.get_by_label("确认疑点").click();
    h.run();
    assert_eq!(verdict_of(&h, "曹磊", VerdictKind::Title), Verdict::Yes);
    let trail = h
        .state()
        .data
        .store
        .audit_for(h.state().roster.selected.expect("selected"))
        .expect("audit");
    assert_eq!(
        trail.last().map(|e| e.note.clone()),
        Some(Some("破格晋升，见鲁人社字〔2015〕12号".into()))
    );
}

#[test]
fn set_a_manual_verdict() {
    let mut h = demo_harness();
    h.run();
    assert_eq!(verdict_of(&h, "施伟", VerdictKind::Title), Verdict::No);
    select(&mut h, "施伟");
    h.get_by_label("核查结果").click();
    h.run();
    // The third group of radio buttons belongs to 职称.
    let radio = h
        .get_all_by_role_and_label(Role::RadioButton, "-")
        .nth(2)
        .expect("radio");
    radio.click();
    h.run();
    h.get_all_by_role_and_label(Role::TextInput, "认定依据")
        .nth(2)
        .expect("note")
        .click();
    h.run();
    h.get_all_by_role_and_label(Role::TextInput, "认定依据")
        .nth(2)
        .expect("note")
        .type_text("初次取证时未提交职称，经核对档案");
    h.run();
    h.get_all_by_label("人工认定")
        .nth(2)
        .expect("button")
        .click();
    h.run();
    assert_eq!(
        verdict_of(&h, "施伟", VerdictKind::Title),
        Verdict::NotApplicable
    );
}

#[test]
fn find_a_person_by_pinyin_initials() {
    let mut h = demo_harness();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::F);
    h.run();
    text_box(&h, "搜索").type_text("wjg");
    h.run();
    let app = h.state();
    let names: Vec<&str> = app
        .roster
        .visible
        .iter()
        .map(|i| app.data.roster.persons[*i].person.name.as_str())
        .collect();
    assert_eq!(names, ["王建国"]);
}

#[test]
fn leaving_unsaved_changes_asks_first() {
    let mut h = demo_harness();
    h.run();
    select(&mut h, "王建国");
    type_into(&mut h, "岗位", "一");
    select(&mut h, "张喆");
    h.get(by().label_contains("尚未保存").include_labels());
    h.get_by_label("放弃修改").click();
    h.run();
    assert_eq!(
        h.state().editor.as_ref().map(|e| e.original.name.as_str()),
        Some("张喆")
    );
    let p = &h.state().data.roster.persons[0].person;
    assert_eq!(p.post.as_deref(), Some("检验员岗"));
}

#[test]
fn delete_asks_and_can_be_undone() {
    let mut h = demo_harness();
    h.run();
    let before = h.state().data.roster.persons.len();
    select(&mut h, "金鑫");
    h.get_by_label("删除此人").click();
    h.run();
    h.get_by_label("确认删除").click();
    h.run();
    assert_eq!(h.state().data.roster.persons.len(), before - 1);
    h.get_by_label("撤销删除").click();
    h.run();
    assert_eq!(h.state().data.roster.persons.len(), before);
}

#[test]
fn import_a_workbook_with_a_preview_first() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("台账 导出.xlsx");
    let mut demo = Store::open_in_memory().expect("store");
    crate::demo::load_into(&mut demo).expect("demo");
    crate::workbook::export(&demo, &file).expect("export");

    let mut h = harness(Store::open_in_memory().expect("store"));
    h.run();
    h.get_by_label("导入 / 导出 / 打印").click();
    h.run();
    type_into(&mut h, "工作簿", &file.display().to_string());
    h.get_by_label("预览变化").click();
    h.run();
    h.run();
    assert!(
        h.state().data.roster.persons.is_empty(),
        "a preview writes nothing"
    );
    h.get(by().label("预览：确认后将做如下修改").include_labels());
    h.get_by_label("确认导入").click();
    h.run();
    h.run();
    assert_eq!(
        h.state().data.roster.persons.len(),
        crate::demo::persons().len()
    );
}

#[test]
fn a_preview_lists_every_error_and_blocks_the_import() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("坏文件.xlsx");
    std::fs::write(&file, "这不是工作簿").expect("write");
    let mut h = harness(Store::open_in_memory().expect("store"));
    h.run();
    h.get_by_label("导入 / 导出 / 打印").click();
    h.run();
    type_into(&mut h, "工作簿", &file.display().to_string());
    h.get_by_label("预览变化").click();
    h.run();
    h.run();
    assert!(h.state().io.preview.is_none());
    assert!(!h.state().toasts.texts().is_empty(), "the reason is shown");
    assert!(h.state().data.roster.persons.is_empty());
}

#[test]
fn saving_a_draft_annex1_asks_first_then_writes_the_pdf() {
    let dir = tempfile::tempdir().expect("tempdir");
    let pdf = dir.path().join("附件1 草稿.pdf");
    let mut h = demo_harness();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::P);
    h.run();
    text_box(&h, "PDF 保存到").click();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    text_box(&h, "PDF 保存到").type_text(&pdf.display().to_string());
    h.run();
    h.get_by_label("保存 PDF").click();
    h.run();
    assert!(!pdf.exists(), "a draft is not saved without asking");
    h.get_by_label("仍然保存草稿").click();
    h.run();
    h.run();
    assert!(pdf.metadata().map(|m| m.len() > 10_000).unwrap_or(false));
    assert_eq!(h.state().io.last_written.as_deref(), Some(pdf.as_path()));
}
