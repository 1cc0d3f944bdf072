//! 附件材料 in 人员详情 as the clerk uses it: a file dropped onto the window
//! while a person is open is attached and listed; a file that is not what its
//! name says is refused with nothing stored; 移除 asks for a note; the
//! temporary copies go when the program closes.

use std::path::Path;
use std::sync::Arc;

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{Queryable, by};

use super::tests::{harness, text_box};
use super::tests_typing::type_pinyin;
use super::*;
use crate::domain::AttachmentKind;

/// A file dropped from somewhere without a path on disk (a browser, a mail).
#[derive(Debug)]
struct Dropped {
    name: std::path::PathBuf,
    bytes: Vec<u8>,
}

impl egui::DroppedFile for Dropped {
    fn path(&self) -> &Path {
        &self.name
    }
    fn bytes(&self) -> Result<Vec<u8>, String> {
        Ok(self.bytes.clone())
    }
}

fn drop_file(h: &mut Harness<'_, ZichaApp>, name: &str, bytes: &[u8]) {
    h.input_mut().dropped_files.push(Arc::new(Dropped {
        name: name.into(),
        bytes: bytes.to_vec(),
    }));
    h.run();
}

/// The demo roster in a file under `dir` (attachments need a folder beside it).
pub(super) fn demo_on_disk(dir: &Path) -> Store {
    let mut store = Store::open(&dir.join("台账.db")).expect("store");
    crate::demo::load_into(&mut store).expect("demo");
    store
}

fn open_person(h: &mut Harness<'_, ZichaApp>, name: &str) {
    h.get(by().role(Role::Label).label(name).include_labels())
        .click();
    h.run();
}

fn attachments_of(
    h: &Harness<'_, ZichaApp>,
    name: &str,
) -> Vec<crate::store::attachments::Attachment> {
    let data = &h.state().data;
    let rec = data
        .roster
        .persons
        .iter()
        .find(|r| r.person.name == name)
        .expect("person");
    data.store
        .attachments(rec.person.id.expect("id"))
        .expect("attachments")
}

#[test]
fn a_dropped_file_is_attached_listed_and_removed_with_a_note() {
    let dir = tempfile::tempdir().expect("dir");
    let mut h = harness(demo_on_disk(dir.path()));
    h.run();
    // Nobody open: nothing is attached.
    drop_file(&mut h, "张喆学历备案表.pdf", b"%PDF-1.7\n");
    assert!(attachments_of(&h, "张喆").is_empty());
    assert!(
        h.state()
            .toasts
            .texts()
            .join("")
            .contains("请先打开一位人员")
    );

    open_person(&mut h, "张喆");
    h.get_by_label("附件材料");
    h.get_by_label("还没有附件");
    h.get_by_label(
        "缺少佐证：学历为“是”，但没有作为依据的附件（学历备案表、学历认证报告或学位证书）",
    );
    drop_file(&mut h, "张喆学历备案表.pdf", b"%PDF-1.7\nrecord\n");
    let list = attachments_of(&h, "张喆");
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].kind, AttachmentKind::DiplomaRecord);
    h.get_by_label("张喆学历备案表.pdf");
    assert!(
        h.query_by_label(
            "缺少佐证：学历为“是”，但没有作为依据的附件（学历备案表、学历认证报告或学位证书）"
        )
        .is_none()
    );

    // 移除 asks for a note, then keeps the row with it. (The toast that
    // said 已添加 is closed, as the clerk would, so it covers nothing.)
    h.state_mut().toasts = Default::default();
    h.run();
    h.get_by_label("移除").scroll_to_me();
    h.run();
    h.get_by_label("移除").click();
    h.run();
    assert!(h.state().attachments.remove.is_some());
    h.get_by_label("确认移除附件").click();
    h.run();
    assert!(
        h.state().attachments.remove.is_some(),
        "disabled without a note"
    );
    text_box(&h, "移除附件的原因 *").click();
    h.run();
    type_pinyin(&mut h, "chuancuo", "传错了人");
    h.get_by_label("确认移除附件").click();
    h.run();
    assert!(h.state().attachments.remove.is_none());
    let list = attachments_of(&h, "张喆");
    assert_eq!(list[0].removed_note.as_deref(), Some("传错了人"));
    h.get_by_label("已移除：传错了人");
    let trail = h
        .state()
        .data
        .store
        .audit_for(list[0].person_id)
        .expect("trail");
    assert!(trail.iter().any(|e| e.action == "移除附件"));

    // A JPG named .pdf is refused, named in the message; nothing more is stored.
    drop_file(&mut h, "假的.pdf", &[0xFF, 0xD8, 0xFF, 0xE0]);
    assert_eq!(attachments_of(&h, "张喆").len(), 1);
    let texts = h.state().toasts.texts().join("\n");
    assert!(
        texts.contains("假的.pdf") && texts.contains("不是 PDF"),
        "{texts}"
    );
}

#[test]
fn a_file_is_cited_for_a_verdict_from_its_row_and_the_citation_taken_back() {
    let dir = tempfile::tempdir().expect("dir");
    let mut h = harness(demo_on_disk(dir.path()));
    h.run();
    open_person(&mut h, "张喆");
    let missing =
        "缺少佐证：学历为“是”，但没有作为依据的附件（学历备案表、学历认证报告或学位证书）";
    // 其他 supports nothing by its category: 学历 still wants a file.
    drop_file(&mut h, "单位出具的学历说明.pdf", b"%PDF-1.7\nletter\n");
    h.state_mut().toasts = Default::default();
    h.run();
    let list = attachments_of(&h, "张喆");
    assert_eq!(list[0].kind, AttachmentKind::Other);
    assert!(list[0].cites.is_empty());
    h.get_by_label(missing);

    // The row's 作为依据 menu: tick 学历.
    let menu = h.get(by().role(Role::Button).label("无"));
    menu.scroll_to_me();
    h.run();
    h.get(by().role(Role::Button).label("无")).click();
    h.run();
    h.get(by().role(Role::CheckBox).label("学历")).click();
    h.run();
    h.run();
    let list = attachments_of(&h, "张喆");
    assert_eq!(list[0].cites, vec![crate::domain::VerdictKind::Diploma]);
    assert!(h.query_by_label(missing).is_none(), "cited: supported");
    let trail = h
        .state()
        .data
        .store
        .audit_for(list[0].person_id)
        .expect("trail");
    assert!(
        trail
            .iter()
            .any(|e| e.action == "引用附件" && e.field == "学历的依据")
    );

    // Take it back: the line is there again. (The menu stays open while
    // the clerk ticks.)
    h.get(by().role(Role::CheckBox).label("学历")).click();
    h.run();
    h.run();
    assert!(attachments_of(&h, "张喆")[0].cites.is_empty());
    h.get_by_label(missing);
}

#[test]
fn temporary_copies_go_with_the_state() {
    let mut state = screens::attachments::AttachmentsState::default();
    let dir = state.temp_folder(7).expect("temp");
    std::fs::write(dir.join("备案表.pdf"), b"%PDF-").expect("write");
    let root = dir.parent().expect("root").to_path_buf();
    assert!(root.exists());
    drop(state);
    assert!(!root.exists());
}

#[test]
fn a_dropped_record_shows_its_fields_and_fills_the_empty_ones_after_asking() {
    let dir = tempfile::tempdir().expect("dir");
    let mut store = demo_on_disk(dir.path());
    let roster = store.load_roster().expect("roster");
    let mut p = roster
        .persons
        .iter()
        .find(|r| r.person.name == "张喆")
        .expect("person")
        .person
        .clone();
    p.diploma.school = None;
    p.diploma.method = None;
    p.diploma.reference = None;
    p.diploma.major = Some("机械工程".into());
    store.update_person(&p).expect("update");
    let mut h = harness(store);
    h.run();
    open_person(&mut h, "张喆");
    let bytes = crate::xuexin::read::tests::record_pdf(&crate::xuexin::read::tests::sample());
    drop_file(&mut h, "张喆备案表.pdf", &bytes);
    h.state_mut().toasts = Default::default();
    h.run();
    h.get_by_label("学信网备案表：张喆备案表.pdf");
    h.get_by_label("ABCD1234EFGH5678");
    h.get_by_label("与台账不符：专业（备案表“热能与动力工程”，台账“机械工程”）");

    h.get_by_label("填入空白项…").scroll_to_me();
    h.run();
    h.get_by_label("填入空白项…").click();
    h.run();
    let asked = h.state().attachments.fill.as_ref().expect("asks first");
    assert!(asked.fields.contains(&"毕业院校") && !asked.fields.contains(&"专业"));
    assert!(
        h.state()
            .data
            .record(p.id.expect("id"))
            .expect("rec")
            .person
            .diploma
            .school
            .is_none(),
        "nothing filled before the clerk says yes"
    );
    h.get_by_label("确认填入").click();
    h.run();
    h.run();
    let d = &h
        .state()
        .data
        .record(p.id.expect("id"))
        .expect("rec")
        .person
        .diploma;
    assert_eq!(d.school.as_deref(), Some("华北电力大学"));
    assert_eq!(d.reference.as_deref(), Some("ABCD1234EFGH5678"));
    assert_eq!(d.major.as_deref(), Some("机械工程"));
    let form = &h.state().editor.as_ref().expect("form").original.diploma;
    assert_eq!(
        form.school.as_deref(),
        Some("华北电力大学"),
        "the form shows what was filled"
    );

    // 在线核验: the clerk records what the 学信网 page said, dated today.
    h.state_mut().toasts = Default::default();
    h.run();
    h.get(by().role(Role::Button).label("查无")).click();
    h.run();
    h.run();
    let d = &h
        .state()
        .data
        .record(p.id.expect("id"))
        .expect("rec")
        .person
        .diploma;
    assert_eq!(d.result, Some(crate::domain::VerifyResult::NotFound));
    assert_eq!(d.verified_on, Some(chrono::Local::now().date_naive()));
}
