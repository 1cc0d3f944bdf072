//! Hand entry as a person does it: key by key with a frame between keys,
//! Chinese through an input method, Tab from field to field, the window's
//! close button, Esc, the demo roster, a form left unsaved by a log-off.

use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{Queryable, by};

use super::tests::{shows, text_box};
use super::tests_typing::{press, type_keys, type_pinyin};
use super::*;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2024, 7, 10).unwrap_or_default()
}

/// The app as eframe drives it: `logic`, then the frame.
pub(super) fn harness_of(app: ZichaApp) -> Harness<'static, ZichaApp> {
    Harness::builder()
        .with_size([1400.0, 900.0])
        .with_context_setup(fonts::install_ready)
        .build_ui_state(
            |ui, app: &mut ZichaApp| {
                app.logic(ui.ctx());
                app.show(ui);
            },
            app,
        )
}

fn harness(store: Store) -> Harness<'static, ZichaApp> {
    harness_of(ZichaApp::new(store, today()).expect("app"))
}

fn demo() -> Harness<'static, ZichaApp> {
    let mut store = Store::open_in_memory().expect("store");
    crate::demo::load_into(&mut store).expect("demo");
    harness(store)
}

/// Clicks a person's row in the roster table.
fn open_person(h: &mut Harness<'_, ZichaApp>, name: &str) {
    h.get(by().role(Role::Label).label(name).include_labels())
        .click();
    h.run();
}

fn click_field(h: &mut Harness<'_, ZichaApp>, label: &str) {
    text_box(h, label).click();
    h.run();
}

fn value_of(h: &Harness<'_, ZichaApp>, label: &str) -> String {
    text_box(h, label).value().unwrap_or_default()
}

fn stored<'a>(h: &'a Harness<'_, ZichaApp>, name: &str) -> &'a crate::domain::Person {
    &h.state()
        .data
        .roster
        .persons
        .iter()
        .find(|r| r.person.name == name)
        .expect("person")
        .person
}

/// Runs a few frames and returns the window commands the app sent.
fn frames(h: &mut Harness<'_, ZichaApp>) -> Vec<egui::ViewportCommand> {
    let mut sent = Vec::new();
    for _ in 0..6 {
        h.step();
        if let Some(v) = h.output().viewport_output.get(&egui::ViewportId::ROOT) {
            sent.extend(v.commands.iter().cloned());
        }
    }
    sent
}

/// The window manager's close button; returns the commands sent in reply.
pub(super) fn close_window(h: &mut Harness<'_, ZichaApp>) -> Vec<egui::ViewportCommand> {
    h.input_mut()
        .viewports
        .entry(egui::ViewportId::ROOT)
        .or_default()
        .events
        .push(egui::ViewportEvent::Close);
    frames(h)
}

/// Clicks a button of the dialog (drawn over the form, so the last one).
fn dialog_button(h: &mut Harness<'_, ZichaApp>, label: &str) -> Vec<egui::ViewportCommand> {
    let buttons = h.get_all(by().role(Role::Button).label(label));
    buttons.last().expect("button").click();
    frames(h)
}

#[test]
fn a_date_typed_key_by_key_keeps_the_focus_and_is_saved() {
    let mut h = demo();
    h.run();
    open_person(&mut h, "王建国");
    click_field(&mut h, "离职日期");
    type_keys(&mut h, "2024-05-31");
    assert_eq!(value_of(&h, "离职日期"), "2024-05-31");
    assert!(text_box(&h, "离职日期").is_focused());
    press(&mut h, Modifiers::COMMAND, Key::S);
    assert_eq!(
        stored(&h, "王建国").leave_date.map(|d| d.to_string()),
        Some("2024-05-31".into())
    );
}

#[test]
fn end_and_backspace_then_typing_in_a_date_keeps_the_focus() {
    let mut h = demo();
    h.run();
    open_person(&mut h, "张喆");
    let before = value_of(&h, "入职日期");
    assert_eq!(before.len(), 10, "a whole date to start from: {before}");
    click_field(&mut h, "入职日期");
    press(&mut h, Modifiers::NONE, Key::End);
    press(&mut h, Modifiers::NONE, Key::Backspace);
    press(&mut h, Modifiers::NONE, Key::Backspace);
    type_keys(&mut h, "15");
    let want = format!("{}15", &before[..8]);
    assert_eq!(value_of(&h, "入职日期"), want);
    press(&mut h, Modifiers::COMMAND, Key::S);
    assert_eq!(
        stored(&h, "张喆").hire_date.map(|d| d.to_string()),
        Some(want)
    );
}

#[test]
fn a_person_is_entered_with_the_keyboard_alone() {
    let mut h = harness(Store::open_in_memory().expect("store"));
    h.run();
    press(&mut h, Modifiers::COMMAND, Key::N);
    assert!(
        text_box(&h, "姓名 *").is_focused(),
        "Ctrl+N puts the cursor in 姓名"
    );
    type_pinyin(&mut h, "wang", "王");
    type_pinyin(&mut h, "xiaoming", "小明");
    assert_eq!(value_of(&h, "姓名 *"), "王小明");
    press(&mut h, Modifiers::NONE, Key::Tab);
    assert!(
        text_box(&h, "身份证号").is_focused(),
        "Tab goes to 身份证号"
    );
    type_keys(&mut h, "11010519491231002x");
    press(&mut h, Modifiers::NONE, Key::Tab);
    assert!(
        text_box(&h, "岗位").is_focused(),
        "no stop on the section title"
    );
    type_pinyin(&mut h, "jianyanyuan", "检验员");
    press(&mut h, Modifiers::NONE, Key::Tab);
    // 用工形式: the arrows step through the choices.
    press(&mut h, Modifiers::NONE, Key::ArrowDown);
    press(&mut h, Modifiers::NONE, Key::Tab);
    assert!(
        text_box(&h, "入职日期").is_focused(),
        "Tab from the drop-down"
    );
    type_keys(&mut h, "2020-03-01");
    press(&mut h, Modifiers::SHIFT, Key::Tab);
    press(&mut h, Modifiers::SHIFT, Key::Tab);
    assert!(text_box(&h, "岗位").is_focused(), "Shift+Tab goes back");
    press(&mut h, Modifiers::COMMAND, Key::S);
    let p = stored(&h, "王小明");
    assert_eq!(
        p.id_number.as_deref().map(str::to_uppercase).as_deref(),
        Some("11010519491231002X")
    );
    assert_eq!(p.post.as_deref(), Some("检验员"));
    assert_eq!(p.employment, Some(crate::domain::EmploymentForm::FullTime));
    assert_eq!(
        p.hire_date.map(|d| d.to_string()),
        Some("2020-03-01".into())
    );
}

#[test]
fn a_drop_down_opens_and_chooses_by_keyboard() {
    let mut h = harness(Store::open_in_memory().expect("store"));
    h.run();
    press(&mut h, Modifiers::COMMAND, Key::N);
    type_keys(&mut h, "Li Lei");
    for _ in 0..3 {
        press(&mut h, Modifiers::NONE, Key::Tab);
    }
    // Focus is on 用工形式; Space opens it, the arrows move, Enter chooses.
    press(&mut h, Modifiers::NONE, Key::Space);
    assert!(
        egui::Popup::is_any_open(&h.ctx),
        "Space opens the drop-down"
    );
    press(&mut h, Modifiers::NONE, Key::ArrowDown);
    press(&mut h, Modifiers::NONE, Key::ArrowDown);
    press(&mut h, Modifiers::NONE, Key::Enter);
    assert!(
        !egui::Popup::is_any_open(&h.ctx),
        "Enter chooses and closes"
    );
    let chosen = h
        .state()
        .editor
        .as_ref()
        .expect("form")
        .build()
        .0
        .employment;
    assert_eq!(chosen, Some(crate::domain::EmploymentForm::FullTime));
}

#[test]
fn the_name_field_does_not_move_when_the_name_becomes_valid() {
    let mut h = harness(Store::open_in_memory().expect("store"));
    h.run();
    press(&mut h, Modifiers::COMMAND, Key::N);
    let before = text_box(&h, "身份证号").rect();
    type_pinyin(&mut h, "wang", "王");
    let after = text_box(&h, "身份证号").rect();
    assert_eq!(before, after, "the form stays where it was");
    // The next click lands in the field that was aimed at.
    click_field(&mut h, "身份证号");
    type_keys(&mut h, "370502199001011234");
    assert_eq!(value_of(&h, "姓名 *"), "王");
    assert_eq!(value_of(&h, "身份证号"), "370502199001011234");
}

#[test]
fn closing_the_window_with_unsaved_edits_asks_and_saves() {
    let mut h = demo();
    h.run();
    open_person(&mut h, "王建国");
    click_field(&mut h, "岗位");
    type_keys(&mut h, "A");
    let sent = close_window(&mut h);
    assert!(
        sent.contains(&egui::ViewportCommand::CancelClose),
        "the close is held"
    );
    assert!(
        sent.contains(&egui::ViewportCommand::Focus),
        "the window comes to the front"
    );
    shows(&h, "关闭程序前有未保存的修改");
    let sent = dialog_button(&mut h, "保存");
    assert!(
        stored(&h, "王建国")
            .post
            .as_deref()
            .unwrap_or("")
            .ends_with('A')
    );
    assert!(
        sent.contains(&egui::ViewportCommand::Close),
        "then the window closes"
    );
}

#[test]
fn closing_then_cancel_keeps_the_window_and_the_edits() {
    let mut h = demo();
    h.run();
    open_person(&mut h, "王建国");
    click_field(&mut h, "岗位");
    type_keys(&mut h, "B");
    close_window(&mut h);
    let sent = dialog_button(&mut h, "取消");
    assert!(!sent.contains(&egui::ViewportCommand::Close));
    assert!(h.state().has_unsaved());
    // 放弃修改 closes without saving.
    close_window(&mut h);
    let sent = dialog_button(&mut h, "放弃修改");
    assert!(sent.contains(&egui::ViewportCommand::Close));
    assert!(
        !stored(&h, "王建国")
            .post
            .as_deref()
            .unwrap_or("")
            .ends_with('B')
    );
}

#[test]
fn closing_without_edits_does_not_ask() {
    let mut h = demo();
    h.run();
    let sent = close_window(&mut h);
    assert!(!sent.contains(&egui::ViewportCommand::CancelClose));
    assert!(h.state().pending_nav.is_none());
}

#[test]
fn saving_a_wrong_form_from_the_question_keeps_it_open_with_the_reason() {
    let mut h = demo();
    h.run();
    open_person(&mut h, "王建国");
    click_field(&mut h, "离职日期");
    type_keys(&mut h, "2024-13");
    open_person(&mut h, "张喆");
    shows(&h, "有未保存的修改");
    dialog_button(&mut h, "保存");
    h.get(by().label_contains("未能保存").include_labels());
    assert_eq!(
        h.state().pending_nav,
        Some(Nav::Select(
            h.state()
                .data
                .roster
                .persons
                .iter()
                .find(|r| r.person.name == "张喆")
                .and_then(|r| r.person.id)
        ))
    );
    assert_eq!(
        value_of(&h, "离职日期"),
        "2024-13",
        "the typing is still there"
    );
}

#[test]
fn esc_on_a_changed_form_asks_before_throwing_the_edits_away() {
    let mut h = demo();
    h.run();
    open_person(&mut h, "王建国");
    click_field(&mut h, "岗位");
    type_keys(&mut h, "C");
    press(&mut h, Modifiers::NONE, Key::Escape);
    assert!(h.state().has_unsaved(), "Esc alone throws nothing away");
    shows(&h, "放弃修改？");
    h.get_by_label("放弃修改").click();
    h.run();
    assert!(!h.state().has_unsaved());
    assert!(!value_of(&h, "岗位").ends_with('C'));
}

#[test]
fn the_demo_roster_never_reaches_the_real_file() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("台账.db");
    let mut h = harness(Store::open(&path).expect("store"));
    h.run();
    h.get_by_label("载入示例数据").click();
    h.run();
    assert!(h.state().data.roster.persons.len() >= 30);
    h.get(by().label_contains("示例数据").include_labels());
    let real = Store::open(&path).expect("reopen");
    assert_eq!(real.load_roster().expect("roster").persons.len(), 0);
    assert_eq!(
        real.verify_audit().expect("audit").entries,
        0,
        "no 修改记录 either"
    );
    drop(real);
    h.get_by_label("返回正式台账").click();
    h.run();
    assert_eq!(h.state().data.roster.persons.len(), 0);
    assert_eq!(h.state().data.store.path(), Some(path.as_path()));
}

#[test]
fn a_form_left_unsaved_by_a_log_off_is_offered_back() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("台账.db");
    {
        let mut h = harness(Store::open(&path).expect("store"));
        h.run();
        press(&mut h, Modifiers::COMMAND, Key::N);
        type_pinyin(&mut h, "zhaoliu", "赵六");
        // The draft is written at most once a second.
        std::thread::sleep(std::time::Duration::from_millis(1100));
        h.step();
        // The session ends without a question (log-off): the app is dropped.
    }
    assert!(
        draft::path_for(&path).exists(),
        "the typing was kept on disk"
    );
    let mut h = harness(Store::open(&path).expect("store"));
    h.run();
    shows(&h, "找到上次未保存的修改");
    h.get_by_label("恢复").click();
    h.run();
    assert_eq!(value_of(&h, "姓名 *"), "赵六");
    press(&mut h, Modifiers::COMMAND, Key::S);
    assert_eq!(h.state().data.roster.persons.len(), 1);
    h.run();
    assert!(!draft::path_for(&path).exists(), "saved: the draft is gone");
}

#[test]
fn the_close_question_takes_the_keyboard_enter_saves() {
    let mut h = demo();
    h.run();
    open_person(&mut h, "王建国");
    click_field(&mut h, "岗位");
    type_keys(&mut h, "D");
    close_window(&mut h);
    // One event a step: kittest keeps only the last step's output.
    h.key_down(Key::Enter);
    let mut sent = frames(&mut h);
    h.key_up(Key::Enter);
    sent.extend(frames(&mut h));
    assert!(
        stored(&h, "王建国")
            .post
            .as_deref()
            .unwrap_or("")
            .ends_with('D')
    );
    assert!(sent.contains(&egui::ViewportCommand::Close));
}

#[test]
fn an_empty_roster_is_never_called_final_on_the_print_screen() {
    let mut h = harness(Store::open_in_memory().expect("store"));
    h.run();
    h.get_by_label("导入 / 导出 / 打印").click();
    h.run();
    h.get(by().label_contains("台账中没有人员").include_labels());
    assert!(
        h.query(by().label_contains("正式表").include_labels())
            .is_none(),
        "an empty roster is a draft"
    );
}
