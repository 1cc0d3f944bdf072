//! The regulator's workspace in the window (issue 14): the first-start
//! question, receiving Annex 1 files, the agency list, a figure typed key by
//! key (a wrong one refused on its line), and printing a draft Annex 2.

use std::path::{Path, PathBuf};

use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

use super::tests::{shows, text_box};
use super::tests_entry::{close_window, harness_of};
use super::tests_typing::{press, type_keys};
use super::*;
use crate::domain::{Verdict, VerdictKind};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2024, 7, 10).unwrap_or_default()
}

/// The demo roster as the agency `name`, every 待核实 decided when `finalise`,
/// exported as Annex 1 XLSX to `dir`.
fn annex1_file(dir: &Path, name: &str, finalise: bool) -> PathBuf {
    let mut s = Store::open_in_memory().expect("store");
    crate::demo::load_into(&mut s).expect("demo");
    let mut settings = s.settings().expect("settings");
    settings.agency_name = name.to_string();
    s.save_settings(&settings).expect("save");
    if finalise {
        let roster = s.load_roster().expect("roster");
        let report = crate::checks::check_roster(&roster, today());
        for (rec, row) in roster.persons.iter().zip(&report.rows) {
            for &kind in VerdictKind::ALL.iter() {
                if row.check.verdict(kind).value == Verdict::Pending {
                    let id = rec.person.id.expect("id");
                    s.decide(id, kind, Verdict::Yes, "已补充核实")
                        .expect("decide");
                }
            }
        }
    }
    let roster = s.load_roster().expect("roster");
    let report = crate::checks::check_roster(&roster, today());
    let annex = crate::annex1::Annex1::new(&roster.settings, &report, today());
    assert_eq!(annex.is_draft(), !finalise);
    let path = dir.join(format!("{name}.xlsx"));
    crate::annex1::write_xlsx(&annex, &path).expect("write");
    path
}

/// A blank file opened as at first start.
fn first_start() -> Harness<'static, ZichaApp> {
    let mut app = ZichaApp::new(Store::open_in_memory().expect("store"), today()).expect("app");
    app.ask_kind();
    let mut h = harness_of(app);
    h.run();
    h
}

fn summary_harness() -> Harness<'static, ZichaApp> {
    let mut h = first_start();
    h.get_by_label(Workspace::Annex2.label()).click();
    h.run();
    h
}

fn nav_to(h: &mut Harness<'_, ZichaApp>, screen: Screen) {
    h.get_by_role_and_label(Role::Button, screen.label())
        .click();
    h.run();
}

fn receive(h: &mut Harness<'_, ZichaApp>, files: &[PathBuf]) {
    nav_to(h, Screen::Receive);
    h.get_by_role_and_label(Role::MultilineTextInput, "要接收的文件")
        .click();
    h.run();
    for (i, p) in files.iter().enumerate() {
        if i > 0 {
            press(h, Modifiers::NONE, Key::Enter);
        }
        type_keys(h, &p.display().to_string());
    }
    h.get_by_label("接收").click();
    h.run();
}

#[test]
fn a_blank_file_asks_its_kind_and_the_summary_shows_only_its_screens() {
    let mut h = first_start();
    shows(&h, "新建数据文件");
    assert!(h.query_by_label(Screen::Roster.label()).is_none());
    h.get_by_label(Workspace::Annex2.label()).click();
    h.run();
    assert_eq!(h.state().data.workspace, Workspace::Annex2);
    assert_eq!(
        h.state().data.store.workspace().ok(),
        Some(Workspace::Annex2)
    );
    for s in Screen::ANNEX2 {
        h.get_by_role_and_label(Role::Button, s.label());
    }
    for s in [
        Screen::Roster,
        Screen::Summary,
        Screen::Io,
        Screen::Settings,
    ] {
        assert!(h.query_by_label(s.label()).is_none(), "{:?}", s);
    }
    assert!(h.query_by_label("＋ 新增人员").is_none());
    // The kind is in the 修改记录.
    nav_to(&mut h, Screen::Backup);
    assert!(h.state().data.audit.entries >= 1);
}

#[test]
fn choosing_the_roster_opens_the_agency_welcome() {
    let mut h = first_start();
    h.get_by_label(Workspace::Roster.label()).click();
    h.run();
    assert_eq!(
        h.state().data.store.workspace().ok(),
        Some(Workspace::Roster)
    );
    h.get_by_label("下载模板");
    h.get_by_label("载入示例数据");
    assert!(h.query_by_label(Screen::Receive.label()).is_none());
}

#[test]
fn two_agencies_received_are_listed_with_their_marks() {
    let dir = tempfile::tempdir().expect("tempdir");
    let a = annex1_file(dir.path(), "甲市特种设备检验院", true);
    let b = annex1_file(dir.path(), "乙检测有限公司", false);
    let mut h = summary_harness();
    receive(&mut h, &[a.clone(), b]);
    let o = h.state().data.overview.clone().expect("overview");
    assert_eq!(o.current.forms.len(), 2, "{:?}", h.state().toasts.texts());
    assert!(h.state().regulator.receive.paths.is_empty());
    nav_to(&mut h, Screen::Agencies);
    h.get_by_label("1. 甲市特种设备检验院");
    h.get_by_label("2. 乙检测有限公司");
    h.get_by_label("【草稿】");
    // The same file received again: nothing stored twice.
    receive(&mut h, &[a]);
    h.get_by_label_contains("未重复保存");
}

#[test]
fn a_bad_file_is_refused_with_the_reason_and_nothing_is_stored() {
    let dir = tempfile::tempdir().expect("tempdir");
    let good = annex1_file(dir.path(), "甲市特种设备检验院", true);
    let bad = dir.path().join("不是附件1.xlsx");
    std::fs::write(&bad, b"not a workbook").expect("write");
    let mut h = summary_harness();
    receive(&mut h, &[good, bad]);
    let o = h.state().data.overview.clone().expect("overview");
    assert!(o.current.forms.is_empty());
    let outcome = h.state().io.outcome.as_ref().expect("outcome");
    assert!(outcome.error);
    let text = outcome.lines.join("\n");
    assert!(text.contains("不是附件1.xlsx"), "{text}");
    assert!(text.contains("未保存") || text.contains("不能"), "{text}");
}

#[test]
fn a_regulator_figure_typed_key_by_key_is_checked_on_its_line_and_stored() {
    let mut h = summary_harness();
    nav_to(&mut h, Screen::Figures);
    let label = "开展检验检测质量监督检查的机构数量（家）";
    text_box(&h, label).click();
    h.run();
    type_keys(&mut h, "1x");
    h.get_by_label_contains("不是 0 到 1000000 之间的整数");
    press(&mut h, Modifiers::NONE, Key::Tab);
    assert!(
        h.state()
            .data
            .store
            .annex2_figures()
            .expect("figures")
            .is_empty()
    );
    text_box(&h, label).click();
    h.run();
    press(&mut h, Modifiers::NONE, Key::Backspace);
    type_keys(&mut h, "2");
    assert!(h.query_by_label_contains("不是 0 到 1000000").is_none());
    press(&mut h, Modifiers::NONE, Key::Tab);
    let stored = h.state().data.store.annex2_figures().expect("figures");
    assert_eq!(
        stored,
        vec![("开展检验检测质量监督检查的机构数量".to_string(), 12)]
    );
    assert_eq!(text_box(&h, label).value().as_deref(), Some("12"));
}

#[test]
fn a_typed_figure_still_in_its_field_is_stored_when_the_window_closes() {
    let mut h = summary_harness();
    nav_to(&mut h, Screen::Figures);
    text_box(&h, "立案处罚数量（件）").click();
    h.run();
    type_keys(&mut h, "3");
    close_window(&mut h);
    let stored = h.state().data.store.annex2_figures().expect("figures");
    assert_eq!(stored, vec![("立案处罚数量".to_string(), 3)]);
}

#[test]
fn a_draft_annex2_is_saved_after_the_question() {
    let dir = tempfile::tempdir().expect("tempdir");
    let a = annex1_file(dir.path(), "甲市特种设备检验院", true);
    let mut h = summary_harness();
    receive(&mut h, &[a]);
    nav_to(&mut h, Screen::PrintAnnex2);
    h.get_by_label_contains("本表为草稿，不得报送");
    let pdf = dir.path().join("附件2.pdf");
    text_box(&h, "PDF 保存到").click();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    text_box(&h, "PDF 保存到").type_text(&pdf.display().to_string());
    h.run();
    h.get_by_label("保存 PDF").click();
    h.run();
    h.get_by_label("仍然保存草稿").click();
    h.run();
    h.run();
    assert!(pdf.is_file(), "{:?}", h.state().toasts.texts());
    let bytes = std::fs::read(&pdf).expect("pdf");
    assert!(bytes.starts_with(b"%PDF-"));
}

/// A file dropped from the file manager (it has a path on disk).
#[derive(Debug)]
struct DroppedPath(PathBuf);

impl egui::DroppedFile for DroppedPath {
    fn path(&self) -> &Path {
        &self.0
    }
    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

#[test]
fn files_dropped_on_the_summary_window_wait_on_the_receive_page() {
    let dir = tempfile::tempdir().expect("tempdir");
    let a = annex1_file(dir.path(), "甲市特种设备检验院", true);
    let mut h = summary_harness();
    nav_to(&mut h, Screen::Figures);
    h.input_mut()
        .dropped_files
        .push(std::sync::Arc::new(DroppedPath(a.clone())));
    h.run();
    assert_eq!(h.state().screen, Screen::Receive);
    assert_eq!(h.state().regulator.receive.paths, a.display().to_string());
    // Nothing is received before the clerk says so.
    assert!(
        h.state()
            .data
            .store
            .receipts()
            .expect("receipts")
            .is_empty()
    );
    h.get_by_label("接收").click();
    h.run();
    let o = h.state().data.overview.clone().expect("overview");
    assert_eq!(o.current.forms.len(), 1);
}

#[test]
fn an_exam_institution_joins_list_two_without_a_rewrite() {
    let mut h = summary_harness();
    nav_to(&mut h, Screen::Figures);
    text_box(&h, "考试机构名称").click();
    h.run();
    super::tests_typing::type_pinyin(&mut h, "kaoshi", "某考试机构");
    h.get_by_label("添加考试机构").click();
    h.run();
    let o = h.state().data.overview.clone().expect("overview");
    assert_eq!(o.annex.list.len(), 1);
    assert!(o.annex.list[0].exam.is_some());
    assert_eq!(o.annex.figures.values[12][0], Some(1));
    h.get_by_label("1. 某考试机构（考试机构）");
    assert!(h.query_by_label("改写").is_none());
}

#[test]
fn an_exam_institution_is_removed_after_the_question() {
    let mut h = summary_harness();
    for name in ["甲考试中心", "乙考试中心"] {
        h.state_mut()
            .commands
            .push(Command::AddExam(crate::store::annex2::ExamRow {
                name: name.to_string(),
                problems: "考场监控记录不全".to_string(),
                rectification: String::new(),
            }));
    }
    h.run();
    nav_to(&mut h, Screen::Figures);
    let exams = |h: &Harness<'_, ZichaApp>| {
        let o = h.state().data.overview.clone().expect("overview");
        let names: Vec<String> = o.annex.list.iter().map(|e| e.name.clone()).collect();
        (names, o.annex.figures.values[12][0])
    };
    assert_eq!(exams(&h).1, Some(2));
    let delete = |h: &mut Harness<'_, ZichaApp>| {
        let buttons = h.query_all_by_label("删除").collect::<Vec<_>>();
        assert_eq!(buttons.len(), 2, "one 删除 per 考试机构");
        buttons[0].click();
        h.run();
        shows(h, "从清单（二）中删除“甲考试中心”？");
    };
    // 取消 keeps it.
    delete(&mut h);
    h.get_by_label("取消").click();
    h.run();
    assert_eq!(exams(&h).1, Some(2));
    // 确认删除 removes it, in the 修改记录.
    delete(&mut h);
    h.get_by_label("确认删除").click();
    h.run();
    assert_eq!(exams(&h), (vec!["乙考试中心".to_string()], Some(1)));
    assert!(h.query_by_label("确认删除").is_none());
    let trail =
        crate::store::audit::for_entity(h.state().data.store.conn(), "考试机构").expect("trail");
    let actions: Vec<(&str, &str)> = trail
        .iter()
        .map(|e| (e.action.as_str(), e.record.as_str()))
        .collect();
    assert_eq!(
        actions,
        [
            ("新增", "甲考试中心"),
            ("新增", "乙考试中心"),
            ("删除", "甲考试中心")
        ]
    );
}
