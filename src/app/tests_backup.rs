//! The 备份与修改记录 screen, clicked as the clerk would, on a real file.

use egui_kittest::Harness;
use egui_kittest::kittest::{Queryable, by};

use super::tests::{harness, text_box, type_into};
use super::*;

/// The demo roster in a database file of its own.
fn demo_file(dir: &Path) -> PathBuf {
    let path = dir.join("台账.db");
    let mut store = Store::open(&path).expect("store");
    crate::demo::load_into(&mut store).expect("demo");
    path
}

fn open_screen(h: &mut Harness<'_, ZichaApp>) {
    h.run();
    h.get_by_label("备份与修改记录").click();
    h.run();
}

fn toast_contains(h: &Harness<'_, ZichaApp>, words: &str) -> bool {
    h.state().toasts.texts().iter().any(|t| t.contains(words))
}

#[test]
fn back_up_now_then_restore_after_a_confirmation() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = demo_file(dir.path());
    let mut h = harness(Store::open(&path).expect("open"));
    open_screen(&mut h);
    h.get(by().label("还没有备份。").include_labels());
    h.get_by_label("立即备份").click();
    h.run();
    assert!(toast_contains(&h, "已备份到"));
    h.run();
    let before = h.state().data.roster.clone();

    // A change after the backup.
    let first = before.persons[0].person.id.expect("id");
    h.state_mut()
        .data
        .store
        .delete_person(first)
        .expect("delete");
    h.state_mut().data.reload().expect("reload");
    assert_ne!(h.state().data.roster, before);

    h.get_by_label("用此备份恢复…").click();
    h.run();
    h.get(by().label("用备份恢复？").include_labels());
    assert_ne!(
        h.state().data.roster,
        before,
        "nothing happens before the confirmation"
    );
    h.get_by_label("确认恢复").click();
    h.run();
    assert_eq!(h.state().data.roster, before);
    assert!(toast_contains(&h, "已从备份恢复"));
    h.run();
    assert_eq!(
        h.get_all_by_label("用此备份恢复…").count(),
        2,
        "the data replaced by the restore was backed up too"
    );
}

#[test]
fn restoring_a_file_that_is_not_a_backup_says_why_and_changes_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = demo_file(dir.path());
    let other = dir.path().join("名单.xlsx");
    std::fs::write(&other, "不是数据库").expect("write");
    let mut h = harness(Store::open(&path).expect("open"));
    open_screen(&mut h);
    let before = h.state().data.roster.clone();
    type_into(&mut h, "备份文件", &other.display().to_string());
    h.get_by_label("检查并恢复…").click();
    h.run();
    assert!(toast_contains(&h, "不是本程序的台账数据库"));
    assert!(h.query_by_label("确认恢复").is_none());
    assert_eq!(h.state().data.roster, before);
}

#[test]
fn a_tampered_trail_is_shown_under_the_title_and_on_the_screen() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = demo_file(dir.path());
    rusqlite::Connection::open(&path)
        .and_then(|c| c.execute("UPDATE audit_log SET new_value = '是' WHERE id = 3", []))
        .expect("tamper");
    let mut h = harness(Store::open(&path).expect("open"));
    h.run();
    h.get(
        by().label_contains("修改记录校验未通过：第 3 条")
            .include_labels(),
    );
    h.get_by_label("查看").click();
    h.run();
    assert_eq!(h.state().screen, Screen::Backup);
    let shown = h
        .query_all(by().label_contains("校验未通过：第 3 条").include_labels())
        .count();
    assert_eq!(shown, 2, "under the title and on the screen");
}

#[test]
fn an_intact_trail_is_checked_and_exported() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = demo_file(dir.path());
    let out = dir.path().join("导出 文件").join("修改记录.xlsx");
    let mut h = harness(Store::open(&path).expect("open"));
    open_screen(&mut h);
    h.get(by().label_contains("校验通过：共").include_labels());
    h.get_by_label("重新校验").click();
    h.run();
    assert!(toast_contains(&h, "修改记录校验通过"));
    text_box(&h, "导出到").click();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    text_box(&h, "导出到").type_text(&out.display().to_string());
    h.run();
    h.get_by_label("导出修改记录").click();
    for _ in 0..100 {
        h.step();
        if out.exists() && h.state().io.job.is_none() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    assert!(out.is_file(), "{:?}", h.state().toasts.texts());
    assert!(toast_contains(&h, "已导出修改记录"));
}

#[test]
fn restoring_a_summary_backup_over_the_roster_is_refused_naming_both_kinds() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = demo_file(dir.path());
    let summary = dir.path().join("辖区汇总.db");
    let mut other = Store::open(&summary).expect("open");
    other
        .set_workspace(crate::store::workspace::Workspace::Annex2)
        .expect("kind");
    drop(other);
    let mut h = harness(Store::open(&path).expect("open"));
    open_screen(&mut h);
    let before = h.state().data.roster.clone();
    type_into(&mut h, "备份文件", &summary.display().to_string());
    h.get_by_label("检查并恢复…").click();
    h.run();
    // Refused at once: no question to confirm a restore that cannot be done.
    assert!(h.query_by_label("确认恢复").is_none());
    assert!(toast_contains(&h, "是辖区汇总（附件2）数据库"));
    assert!(toast_contains(&h, "当前文件是本单位自查台账数据库"));
    assert_eq!(h.state().data.roster, before);
    h.run();
    assert!(
        h.query_by_label("用此备份恢复…").is_none(),
        "nothing was backed up: the refusal came first"
    );
}
