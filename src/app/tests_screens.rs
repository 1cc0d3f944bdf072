//! The screens around the person editor (导入、打印、设置、汇总、台账、核查结果),
//! used as the clerk uses them: typed into key by key, in a small window,
//! with jobs finishing while the clerk is somewhere else.

use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{Queryable, by};

use super::tests::{harness, text_box};
use super::tests_typing::{press, type_keys, type_pinyin};
use super::*;

fn demo_store() -> Store {
    let mut store = Store::open_in_memory().expect("store");
    crate::demo::load_into(&mut store).expect("demo");
    store
}

/// Finds a person with the search box (typed through the input method) and
/// clicks their row.
fn open_person(h: &mut Harness<'_, ZichaApp>, pinyin: &str, name: &str) {
    text_box(h, "搜索").click();
    h.run();
    press(h, Modifiers::COMMAND, Key::A);
    type_pinyin(h, pinyin, name);
    h.get(by().role(Role::Label).label(name).include_labels())
        .click();
    h.run();
}

fn go_to(h: &mut Harness<'_, ZichaApp>, screen: &str) {
    h.get_by_label(screen).click();
    h.run();
}

/// Clicks the text box labelled `label`, selects all of it, and types over it
/// key by key.
fn retype(h: &mut Harness<'_, ZichaApp>, label: &str, text: &str) {
    text_box(h, label).click();
    h.run();
    press(h, Modifiers::COMMAND, Key::A);
    type_keys(h, text);
}

fn toasts(h: &Harness<'_, ZichaApp>) -> Vec<String> {
    h.state()
        .toasts
        .texts()
        .iter()
        .map(|t| t.to_string())
        .collect()
}

/// The demo roster exported to a workbook in `dir`.
fn demo_workbook(dir: &Path) -> PathBuf {
    let file = dir.join("demo.xlsx");
    crate::workbook::export(&demo_store(), &file).expect("export");
    file
}

/// Previews `file`, then starts the import the 确认导入 button starts (as if
/// clicked just before the clerk went elsewhere: a real import takes seconds).
fn start_import(h: &mut Harness<'_, ZichaApp>, file: &Path) {
    let ctx = h.ctx.clone();
    screens::io::start_preview(h.state_mut(), &ctx, file.to_path_buf());
    h.run();
    assert!(h.state().io.preview.is_some(), "the preview is read first");
    screens::io::start_import(h.state_mut(), &ctx);
}

#[test]
fn an_import_that_finishes_on_another_screen_is_applied_and_announced() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = demo_workbook(dir.path());
    let mut h = harness(Store::open_in_memory().expect("store"));
    h.run();
    go_to(&mut h, "导入 / 导出 / 打印");
    go_to(&mut h, "人员台账");
    start_import(&mut h, &file);
    h.run();
    assert_eq!(
        h.state().data.roster.persons.len(),
        crate::demo::persons().len(),
        "the import is applied while the clerk is on 人员台账"
    );
    assert!(
        toasts(&h).iter().any(|t| t.contains("新增")),
        "and announced there: {:?}",
        toasts(&h)
    );
    h.get(by().label("王建国").include_labels());
}

#[test]
fn a_preview_that_finishes_on_another_screen_says_where_to_look() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = demo_workbook(dir.path());
    let mut h = harness(Store::open_in_memory().expect("store"));
    h.run();
    go_to(&mut h, "导入 / 导出 / 打印");
    go_to(&mut h, "设置");
    let ctx = h.ctx.clone();
    screens::io::start_preview(h.state_mut(), &ctx, file);
    h.run();
    assert!(h.state().io.preview.is_some());
    assert!(
        toasts(&h).iter().any(|t| t.contains("查看预览")),
        "{:?}",
        toasts(&h)
    );
    go_to(&mut h, "导入 / 导出 / 打印");
    h.get(by().label("预览：确认后将做如下修改").include_labels());
}

#[test]
fn the_audit_count_follows_every_change() {
    let mut h = harness(demo_store());
    h.run();
    go_to(&mut h, "设置");
    retype(&mut h, "联系电话", "0546-7777777");
    h.get_by_label("保存设置").click();
    h.run();
    go_to(&mut h, "备份与修改记录");
    let entries = h.state().data.store.verify_audit().expect("audit").entries;
    assert!(entries > 0);
    h.get(
        by().label(&format!("校验通过：共 {entries} 条修改记录，逐条相符。"))
            .include_labels(),
    );
}

#[test]
fn a_reload_keeps_what_the_clerk_is_typing_in_settings() {
    let mut h = harness(demo_store());
    h.run();
    go_to(&mut h, "设置");
    retype(&mut h, "填表人", "Li");
    // Something else changes the data while the clerk is typing.
    h.state_mut().commands.push(Command::VerifyAudit);
    h.run();
    type_keys(&mut h, "u");
    assert_eq!(
        text_box(&h, "填表人").value().as_deref(),
        Some("Liu"),
        "the typed text survives the reload and the cursor stays"
    );
    h.get_by_label("保存设置").click();
    h.run();
    assert_eq!(h.state().data.roster.settings.filler, "Liu");
    assert!(
        !h.state().settings.is_dirty(),
        "saved: nothing left unsaved"
    );
}

#[test]
fn a_reload_keeps_what_the_clerk_is_typing_in_the_staffing_table() {
    let mut h = harness(demo_store());
    h.run();
    go_to(&mut h, "汇总");
    h.get(by().role(Role::TextInput).value("检验师")).click();
    h.run();
    press(&mut h, Modifiers::COMMAND, Key::A);
    type_keys(&mut h, "DS");
    h.state_mut().commands.push(Command::VerifyAudit);
    h.run();
    type_keys(&mut h, "1");
    h.get(by().role(Role::TextInput).value("DS1"));
    h.get_by_label("保存人员条件").click();
    h.run();
    assert_eq!(h.state().data.roster.staffing[0].category, "DS1");
    assert_eq!(h.state().summary.rows[0][0], "DS1");
    assert!(!h.state().summary.is_dirty(), "saved: nothing left unsaved");
}

#[test]
fn the_annex1_file_name_follows_the_settings() {
    let mut h = harness(demo_store());
    h.run();
    go_to(&mut h, "导入 / 导出 / 打印");
    let before = h.state().print.pdf_path.clone();
    assert!(before.contains(crate::demo::AGENCY), "{before}");
    go_to(&mut h, "设置");
    text_box(&h, "单位名称 *").click();
    h.run();
    press(&mut h, Modifiers::COMMAND, Key::A);
    type_pinyin(&mut h, "jinanjianyan", "济南检验院");
    h.get_by_label("保存设置").click();
    h.run();
    go_to(&mut h, "导入 / 导出 / 打印");
    let settings = h.state().data.roster.settings.clone();
    let fill_date = h.state().data.today;
    for (path, ext) in [
        (h.state().print.pdf_path.clone(), "pdf"),
        (h.state().print.xlsx_path.clone(), "xlsx"),
    ] {
        assert!(
            path.ends_with(&crate::annex1::default_file_name(&settings, fill_date, ext)),
            "{path}"
        );
        assert!(path.contains("济南检验院"), "{path}");
    }
    // A path the clerk typed is kept.
    retype(&mut h, "XLSX 保存到", "my.xlsx");
    go_to(&mut h, "设置");
    go_to(&mut h, "导入 / 导出 / 打印");
    assert_eq!(h.state().print.xlsx_path, "my.xlsx");
}

#[test]
fn a_typed_path_over_an_existing_file_asks_before_replacing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let pdf = dir.path().join("annex.pdf");
    std::fs::write(&pdf, "old").expect("write");
    let mut h = harness(demo_store());
    h.run();
    go_to(&mut h, "导入 / 导出 / 打印");
    retype(&mut h, "PDF 保存到", &pdf.display().to_string());
    h.get_by_label("保存 PDF").click();
    h.run();
    h.get_by_label("仍然保存草稿").click();
    h.run();
    h.get(by().label("文件已存在").include_labels());
    assert_eq!(std::fs::read(&pdf).expect("read"), b"old");
    h.get_by_label("取消").click();
    h.run();
    assert_eq!(std::fs::read(&pdf).expect("read"), b"old", "取消 keeps it");

    h.get_by_label("保存 PDF").click();
    h.run();
    h.get_by_label("仍然保存草稿").click();
    h.run();
    h.get_by_label("替换").click();
    h.run();
    h.run();
    assert!(pdf.metadata().map(|m| m.len() > 10_000).unwrap_or(false));
}

/// A workbook with one good person and one whose 用工形式 is wrong.
fn workbook_with_a_bad_row(dir: &Path) -> PathBuf {
    let file = dir.join("list.xlsx");
    let mut book = rust_xlsxwriter::Workbook::new();
    let ws = book.add_worksheet();
    ws.set_name("人员").expect("name");
    for (r, row) in [
        ["姓名", "身份证号", "用工形式"],
        ["张三", "11010519491231002X", "全职"],
        ["李四", "440524188001010014", "合同工"],
    ]
    .iter()
    .enumerate()
    {
        for (c, v) in row.iter().enumerate() {
            ws.write_string(r as u32, c as u16, *v).expect("cell");
        }
    }
    book.save(&file).expect("save");
    file
}

#[test]
fn skipped_rows_and_the_rejects_file_are_announced_once() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = workbook_with_a_bad_row(dir.path());
    let mut h = harness(Store::open_in_memory().expect("store"));
    h.run();
    go_to(&mut h, "导入 / 导出 / 打印");
    retype(&mut h, "工作簿", &file.display().to_string());
    h.get_by_label("只导入正确的行，错误行另存为工作簿").click();
    h.run();
    h.get_by_label("预览变化").click();
    h.run();
    let rejects = crate::workbook::default_rejects_path(&file);
    let rejects_name = rejects
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .expect("name");
    h.get(by().label_contains(&rejects_name).include_labels());
    h.get_by_label("确认导入").click();
    h.run();
    h.run();
    assert_eq!(h.state().data.roster.persons.len(), 1);
    assert!(
        rejects.exists(),
        "the skipped rows are written beside the workbook"
    );
    assert_eq!(
        h.get_all(by().label_contains("跳过 1 行").include_labels())
            .count(),
        2,
        "on the 导入 screen and in one toast"
    );
    let all = toasts(&h);
    assert_eq!(all.len(), 1, "one toast for one import: {all:?}");
    assert!(all[0].contains("跳过 1 行") && all[0].contains(&rejects_name));
}

#[test]
fn the_same_error_is_not_stacked() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("bad.xlsx");
    std::fs::write(&file, "这不是工作簿").expect("write");
    let mut h = harness(Store::open_in_memory().expect("store"));
    h.run();
    go_to(&mut h, "导入 / 导出 / 打印");
    retype(&mut h, "工作簿", &file.display().to_string());
    for _ in 0..3 {
        h.get_by_label("预览变化").click();
        h.run();
    }
    assert_eq!(toasts(&h).len(), 1, "{:?}", toasts(&h));
    // The outcome stays on the 导入 screen; the toast does not follow the clerk.
    go_to(&mut h, "人员台账");
    assert!(toasts(&h).is_empty(), "{:?}", toasts(&h));
}

fn small_window(store: Store) -> Harness<'static, ZichaApp> {
    let mut h = harness(store);
    h.set_size(egui::vec2(1024.0, 700.0));
    h.run();
    h
}

/// The roster's filter bar, each control by its label and role.
const FILTERS: [(&str, Role); 9] = [
    ("搜索", Role::TextInput),
    ("真实执业", Role::ComboBox),
    ("学历", Role::ComboBox),
    ("职称", Role::ComboBox),
    ("待核实", Role::Button),
    ("有疑点", Role::Button),
    ("证书过期", Role::Button),
    ("证书即将到期", Role::Button),
    ("清除筛选", Role::Button),
];

fn filter_rect(h: &Harness<'_, ZichaApp>, (label, role): (&str, Role)) -> egui::Rect {
    h.get_by_role_and_label(role, label).rect()
}

#[test]
fn at_1024x700_every_roster_filter_is_visible() {
    // 1024 px and the narrower windows the app allows (the minimum is 960).
    for width in [1024.0, 1000.0, 980.0, 960.0] {
        let mut h = harness(demo_store());
        h.set_size(egui::vec2(width, 700.0));
        h.run();
        let window = egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(width, 700.0));
        for f in FILTERS {
            let r = filter_rect(&h, f);
            assert!(window.contains_rect(r), "{width}: {} at {r:?}", f.0);
        }
        // With a person open, the filters stay left of the person panel.
        open_person(&mut h, "wangjianguo", "王建国");
        let panel_left = h.get_by_label("人员详情").rect().left();
        for f in FILTERS {
            let r = filter_rect(&h, f);
            assert!(
                window.contains_rect(r) && r.right() <= panel_left,
                "{width}: {} at {r:?}, panel from {panel_left}",
                f.0
            );
        }
    }
}

#[test]
fn the_person_panel_stays_narrow_with_long_messages() {
    let mut h = small_window(demo_store());
    open_person(&mut h, "wangjianguo", "王建国");
    let width = |h: &Harness<'_, ZichaApp>| {
        h.get_by_label("关闭").rect().right() - h.get_by_label("人员详情").rect().left()
    };
    retype(
        &mut h,
        "岗位",
        "a very long post name that goes on and on and on without end so that the panel would grow",
    );
    retype(&mut h, "身份证号", "12345");
    assert!(width(&h) <= 0.56 * 1024.0, "panel width {}", width(&h));
    // The table keeps room beside the panel.
    let panel_left = h.get_by_label("人员详情").rect().left();
    assert!(
        panel_left >= 0.44 * 1024.0,
        "the table keeps room: {panel_left}"
    );
}

#[test]
fn the_data_file_path_is_not_split_inside_a_word() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("台账.db");
    let mut h = harness(Store::open(&db).expect("store"));
    h.run();
    h.get(by().label("数据文件：").include_labels());
    h.get(by().label("台账.db").include_labels());
}

#[test]
fn results_show_flag_names_not_codes() {
    let mut h = harness(demo_store());
    h.run();
    open_person(&mut h, "caolei", "曹磊");
    h.get_by_label("核查结果").click();
    h.run();
    let app = h.state();
    let id = app.roster.selected.expect("selected");
    let flags = app.data.row(id).expect("row").check.flags.clone();
    assert!(!flags.is_empty());
    for f in flags {
        assert!(
            h.query_all(by().label(f.code.label()).include_labels())
                .next()
                .is_some(),
            "{} not shown",
            f.code.label()
        );
        assert!(
            h.query(by().label_contains(f.code.code()).include_labels())
                .is_none(),
            "{} shown",
            f.code.code()
        );
    }
}

#[test]
fn the_dash_is_explained_where_verdicts_are_shown() {
    let mut h = harness(demo_store());
    h.run();
    h.get(by().label_contains("“-”表示不涉及").include_labels());
    open_person(&mut h, "caolei", "曹磊");
    h.get_by_label("核查结果").click();
    h.run();
    assert_eq!(
        h.query_all(by().label_contains("“-”表示不涉及").include_labels())
            .count(),
        2,
        "under the roster and on 核查结果"
    );
}

#[test]
fn names_sort_by_pinyin() {
    let mut h = harness(demo_store());
    h.run();
    h.get(by().label("姓名")).click();
    h.run();
    let app = h.state();
    let names: Vec<String> = app
        .roster
        .visible
        .iter()
        .map(|i| app.data.roster.persons[*i].person.name.clone())
        .collect();
    let mut sorted = names.clone();
    sorted.sort_by_cached_key(|n| crate::search::sort_key(n));
    assert_eq!(names, sorted);
    // 曹 (cao) before 张 (zhang), though 张 U+5F20 < 曹 U+66F9.
    let pos = |n: &str| names.iter().position(|x| x == n).expect(n);
    assert!(pos("曹磊") < pos("张喆"));
}

#[test]
fn the_welcome_text_gives_the_demo_count() {
    let mut h = harness(Store::open_in_memory().expect("store"));
    h.run();
    let n = crate::demo::persons().len();
    h.get(
        by().label_contains(&format!("示例数据共 {n} 人"))
            .include_labels(),
    );
}

#[test]
fn staffing_categories_are_not_cut() {
    let mut h = harness(demo_store());
    h.run();
    go_to(&mut h, "汇总");
    h.get_by_label("添加一行").click();
    h.run();
    let rows = h.state().summary.rows.len();
    h.get_all_by_role(Role::TextInput)
        .nth(3 * (rows - 1))
        .expect("new 类别")
        .click();
    h.run();
    let long = "承压类特种设备检验（锅炉、压力容器、压力管道）";
    type_pinyin(&mut h, "chengyalei", long);
    let font = egui::TextStyle::Body.resolve(&h.ctx.global_style());
    for row in h.state().summary.rows.clone() {
        let node = h.get(by().role(Role::TextInput).value(&row[0]));
        let needed = h.ctx.fonts_mut(|f| {
            f.layout_no_wrap(row[0].clone(), font.clone(), egui::Color32::BLACK)
                .size()
                .x
        });
        assert!(
            node.rect().width() >= needed,
            "{}: {} < {needed}",
            row[0],
            node.rect().width()
        );
    }
    h.get(by().role(Role::TextInput).value(long));
}

#[test]
fn a_long_error_stays_inside_a_small_window() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("bad.xlsx");
    std::fs::write(&file, "这不是工作簿").expect("write");
    let mut h = small_window(Store::open_in_memory().expect("store"));
    go_to(&mut h, "导入 / 导出 / 打印");
    retype(&mut h, "工作簿", &file.display().to_string());
    h.get_by_label("预览变化").click();
    h.run();
    let window = egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(1024.0, 700.0));
    let shown: Vec<egui::Rect> = h
        .query_all(by().label_contains("无法导入").include_labels())
        .map(|n| n.rect())
        .collect();
    assert_eq!(shown.len(), 2, "on the 导入 screen and in one toast");
    for r in shown {
        assert!(window.contains_rect(r), "{r:?}");
    }
}

/// 证书即将到期 (issue 15): counted in 汇总, whose link shows only those persons
/// in the roster; the roster's filter button does the same.
#[test]
fn an_expiring_certificate_is_counted_in_the_summary_and_filters_the_roster() {
    let mut store = demo_store();
    let roster = store.load_roster().expect("roster");
    let mut p = roster.persons[0].person.clone();
    let name = p.name.clone();
    p.certificates[0].valid_until = chrono::NaiveDate::from_ymd_opt(2024, 8, 9);
    store.update_person(&p).expect("update");
    let mut h = harness(store);
    h.run();
    let shown = |h: &Harness<'_, ZichaApp>| h.state().roster.visible.len();
    let all = shown(&h);
    // The demo's 戚博 and the person edited above.
    assert_eq!(h.state().data.report.summary.expiring, 2);
    h.get_by_label("证书即将到期").click();
    h.run();
    assert_eq!(shown(&h), 2);
    assert!(h.query_by_label(&name).is_some());
    h.get_by_label("清除筛选").click();
    h.run();
    assert_eq!(shown(&h), all);
    go_to(&mut h, "汇总");
    let link = "2 人的证书将在核查基准日后90天内到期（不影响核查结论）。点击查看这些人员";
    h.get_by_label(link).click();
    h.run();
    assert_eq!(h.state().screen, Screen::Roster);
    assert_eq!(shown(&h), 2);
}
