//! The 导入 / 导出 screen's two folder actions as the clerk uses them: a
//! folder of 学信网 备案表 previewed (nothing written) then attached to the
//! persons they name, and 导出核查档案 into a new folder.

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{Queryable, by};

use super::tests::{harness, text_box};
use super::tests_attachments::demo_on_disk;
use super::tests_typing::{press, type_keys};
use super::*;
use crate::domain::{AttachmentKind, idcard};

fn open_io(h: &mut Harness<'_, ZichaApp>) {
    h.run();
    h.get_by_label("导入 / 导出 / 打印").click();
    h.run();
}

/// Replaces the text of the box labelled `label` with `text`.
fn retype(h: &mut Harness<'_, ZichaApp>, label: &str, text: &str) {
    text_box(h, label).click();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    text_box(h, label).type_text(text);
    h.run();
}

/// Steps until the background job has finished (at most 10 s).
fn finish_job(h: &mut Harness<'_, ZichaApp>) {
    for _ in 0..200 {
        h.step();
        if h.state().io.job.is_none() {
            h.run();
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    panic!("the job did not finish: {:?}", h.state().toasts.texts());
}

/// The first demo person with a 身份证号, and the 出生日期 it gives.
fn someone(store: &Store) -> (i64, String, chrono::NaiveDate) {
    let roster = store.load_roster().expect("roster");
    roster
        .persons
        .iter()
        .find_map(|r| {
            let born = idcard::birth_date(r.person.id_number.as_deref()?)?;
            Some((r.person.id?, r.person.name.clone(), born))
        })
        .expect("a person with an ID")
}

#[test]
fn a_folder_of_records_is_previewed_then_attached_to_the_persons_it_names() {
    let dir = tempfile::tempdir().expect("dir");
    let store = demo_on_disk(dir.path());
    let (id, name, born) = someone(&store);
    let folder = dir.path().join("备案表 七月");
    std::fs::create_dir(&folder).expect("folder");
    let birth = born.format("%Y年%m月%d日").to_string();
    let mut pairs = crate::xuexin::read::tests::sample();
    pairs[1].1 = name.as_str();
    pairs[3].1 = birth.as_str();
    let pdf = crate::xuexin::sample::record_pdf(&pairs).expect("pdf");
    std::fs::write(folder.join("备案表1.pdf"), pdf).expect("write");
    pairs[1].1 = "查无此人";
    let pdf = crate::xuexin::sample::record_pdf(&pairs).expect("pdf");
    std::fs::write(folder.join("备案表2.pdf"), pdf).expect("write");

    let mut h = harness(store);
    open_io(&mut h);
    h.get_by_label("一批学历备案表（文件夹）").click();
    h.run();
    retype(&mut h, "文件夹", &folder.display().to_string());
    h.get_by_label("预览").click();
    h.step();
    finish_job(&mut h);
    h.get(
        by().label("预览：将添加 1 份备案表，1 个文件不添加")
            .include_labels(),
    );
    let line = format!("备案表1.pdf → {name}");
    h.get(by().label(&line).include_labels());
    h.get(
        by().label_contains("备案表2.pdf：台账中没有姓名为“查无此人”")
            .include_labels(),
    );
    // Nothing is written by the preview.
    assert!(
        h.state()
            .data
            .store
            .attachments(id)
            .expect("list")
            .is_empty()
    );
    // Another folder typed, key by key: the preview is gone; back and 预览 again.
    text_box(&h, "文件夹").click();
    h.run();
    press(&mut h, egui::Modifiers::NONE, egui::Key::End);
    type_keys(&mut h, "2");
    h.run();
    assert!(h.query_by_label("确认添加").is_none());
    press(&mut h, egui::Modifiers::NONE, egui::Key::Backspace);
    h.run();
    assert!(h.query_by_label("确认添加").is_none());
    h.get_by_label("预览").click();
    h.step();
    finish_job(&mut h);

    h.get_by_role_and_label(Role::Button, "确认添加").click();
    h.step();
    finish_job(&mut h);
    let kept = h.state().data.store.attachments(id).expect("list");
    assert_eq!(kept.len(), 1);
    assert_eq!(kept[0].kind, AttachmentKind::DiplomaRecord);
    assert_eq!(kept[0].file_name, "备案表1.pdf");
    let texts = h.state().toasts.texts();
    assert!(
        texts.contains(&"共添加 1 份备案表，1 个文件未添加"),
        "{texts:?}"
    );
    // The preview is gone: a second click cannot attach the file twice.
    assert!(h.query_by_label("确认添加").is_none());
}

#[test]
fn the_archive_is_exported_into_a_new_folder_and_not_into_a_full_one() {
    let dir = tempfile::tempdir().expect("dir");
    let store = demo_on_disk(dir.path());
    let persons = store.load_roster().expect("roster").persons.len();
    let out = dir.path().join("核查档案 七月");
    let mut h = harness(store);
    open_io(&mut h);
    retype(&mut h, "导出到文件夹", &out.display().to_string());
    h.get_by_role_and_label(Role::Button, "导出核查档案")
        .click();
    h.step();
    finish_job(&mut h);
    let folders = std::fs::read_dir(&out).expect("archive").count();
    assert_eq!(folders, persons);
    let texts = h.state().toasts.texts();
    assert!(
        texts
            .iter()
            .any(|t| t.starts_with(&format!("已导出核查档案：{persons} 人，附件 0 个"))),
        "{texts:?}"
    );

    // Again into the same folder: refused, nothing added.
    h.get_by_role_and_label(Role::Button, "导出核查档案")
        .click();
    h.step();
    finish_job(&mut h);
    assert_eq!(std::fs::read_dir(&out).expect("archive").count(), persons);
    let texts = h.state().toasts.texts();
    assert!(texts.iter().any(|t| t.contains("不是空的")), "{texts:?}");
}

#[test]
fn an_emptied_folder_field_takes_what_is_typed_not_its_default_back() {
    let dir = tempfile::tempdir().expect("dir");
    let mut h = harness(demo_on_disk(dir.path()));
    open_io(&mut h);
    text_box(&h, "导出到文件夹").click();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.run();
    press(&mut h, egui::Modifiers::NONE, egui::Key::Backspace);
    h.run();
    assert_eq!(h.state().io.archive_path, "");
    type_keys(&mut h, "/tmp/dangan");
    h.run();
    assert_eq!(h.state().io.archive_path, "/tmp/dangan");
}
