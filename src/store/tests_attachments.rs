//! 附件材料: adding and removing with the audit trail, refusals that store
//! nothing, backups that share files, restore that brings them back, and the
//! checks at open naming a missing or altered file.

use std::path::{Path, PathBuf};

use super::backup::{self, KEEP};
use super::{Store, blobs};
use crate::domain::{AttachmentKind, Person};

fn pdf(text: &str) -> Vec<u8> {
    format!("%PDF-1.7\n{text}\n%%EOF\n").into_bytes()
}

fn roster(dir: &Path) -> (Store, PathBuf, i64) {
    let path = dir.join("台账").join("zicha.db");
    let mut store = Store::open(&path).unwrap();
    let id = store.add_person(&Person::new("张三")).unwrap();
    store.add_person(&Person::new("李四")).unwrap();
    (store, path, id)
}

fn files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map(|d| {
            d.flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

#[test]
fn an_attachment_is_stored_once_by_hash_with_its_audit_entry() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, path, id) = roster(dir.path());
    let bytes = pdf("备案表");
    let a = store
        .attach(id, AttachmentKind::DiplomaRecord, "张三备案表.pdf", &bytes)
        .unwrap();
    store
        .attach(id, AttachmentKind::Other, "同一份.pdf", &bytes)
        .unwrap();
    let folder = blobs::folder(&path);
    assert_eq!(folder.file_name().unwrap(), "zicha.附件");
    assert_eq!(files_in(&folder), vec![blobs::sha256_hex(&bytes)]);
    let list = store.attachments(id).unwrap();
    assert_eq!(list.len(), 2);
    assert_eq!(list[0].id, a);
    assert_eq!(list[0].kind, AttachmentKind::DiplomaRecord);
    assert_eq!(list[0].file_name, "张三备案表.pdf");
    assert_eq!(list[0].bytes, bytes.len() as u64);
    assert_eq!(store.attachment_content(&list[0]).unwrap(), bytes);
    let trail = store.audit_for(id).unwrap();
    let added: Vec<_> = trail.iter().filter(|e| e.action == "添加附件").collect();
    assert_eq!(added.len(), 2);
    assert_eq!(added[0].field, "学历备案表");
    assert!(
        added[0]
            .new_value
            .as_deref()
            .unwrap()
            .contains("张三备案表.pdf")
    );
    assert!(store.verify_audit().unwrap().problem.is_none());
}

#[test]
fn refusals_store_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, path, id) = roster(dir.path());
    let audit_before = store.audit_for(id).unwrap().len();
    let png_as_pdf = [0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A];
    let e = store
        .attach(id, AttachmentKind::DiplomaRecord, "改名的.pdf", &png_as_pdf)
        .unwrap_err();
    assert!(e.to_string().contains("改名的.pdf"), "{e}");
    let big = dir.path().join("太大.pdf");
    let f = std::fs::File::create(&big).unwrap();
    f.set_len(crate::domain::limits::MAX_ATTACHMENT_BYTES + 1)
        .unwrap();
    let e = store
        .attach_file(id, AttachmentKind::LabourContract, &big)
        .unwrap_err();
    assert!(e.to_string().contains("太大.pdf"), "{e}");
    assert!(e.is_user_error());
    assert!(store.attachments(id).unwrap().is_empty());
    assert!(files_in(&blobs::folder(&path)).is_empty());
    assert_eq!(store.audit_for(id).unwrap().len(), audit_before);
}

#[test]
fn removing_keeps_the_row_with_its_note_and_asks_for_one() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, _path, id) = roster(dir.path());
    let a = store
        .attach(id, AttachmentKind::LabourContract, "合同.pdf", &pdf("合同"))
        .unwrap();
    assert!(store.remove_attachment(a, "  ").is_err());
    store.remove_attachment(a, "传错了人").unwrap();
    let list = store.attachments(id).unwrap();
    assert_eq!(list[0].removed_note.as_deref(), Some("传错了人"));
    assert!(!list[0].is_current());
    assert!(store.remove_attachment(a, "再移除").is_err());
    let trail = store.audit_for(id).unwrap();
    let removed = trail.iter().find(|e| e.action == "移除附件").unwrap();
    assert_eq!(removed.note.as_deref(), Some("传错了人"));
    assert!(removed.old_value.as_deref().unwrap().contains("合同.pdf"));
}

#[test]
fn backups_share_files_and_restore_brings_them_back_identical() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, path, id) = roster(dir.path());
    let one = pdf("一");
    let two = pdf("二");
    store
        .attach(id, AttachmentKind::DiplomaRecord, "一.pdf", &one)
        .unwrap();
    store
        .attach(id, AttachmentKind::TitleCertificate, "二.pdf", &two)
        .unwrap();
    let first = store.backup_beside().unwrap().unwrap();
    let shared = blobs::backup_folder(&first);
    assert_eq!(shared, backup::backup_dir(&path).join("附件"));
    assert_eq!(files_in(&shared).len(), 2);
    // A second backup copies nothing: the shared folder holds both already.
    assert_eq!(
        backup::copy_blobs(store.conn(), &path, &first).unwrap().0,
        0
    );
    store.backup_beside().unwrap().unwrap();
    assert_eq!(files_in(&shared).len(), 2);

    // The attachment folder is lost; restoring the first backup brings it back.
    std::fs::remove_dir_all(blobs::folder(&path)).unwrap();
    store.remove_attachment(1, "误删测试").unwrap();
    store.restore_from(&first).unwrap();
    let list = store.attachments(id).unwrap();
    assert_eq!(list.len(), 2);
    assert!(list.iter().all(|a| a.is_current()));
    assert_eq!(store.attachment_content(&list[0]).unwrap(), one);
    assert_eq!(store.attachment_content(&list[1]).unwrap(), two);
    assert!(
        store
            .open_notes()
            .iter()
            .all(|n| !n.starts_with(super::attachments::NOTE_PREFIX)),
        "{:?}",
        store.open_notes()
    );
}

#[test]
fn rotation_keeps_files_a_kept_backup_refers_to() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, path, id) = roster(dir.path());
    let old = pdf("旧");
    let a = store
        .attach(id, AttachmentKind::Other, "旧.pdf", &old)
        .unwrap();
    store.backup_beside().unwrap().unwrap();
    let shared = backup::backup_dir(&path).join("附件");
    let old_sha = blobs::sha256_hex(&old);
    // Removed, yet its row stays: every later backup still refers to it.
    store.remove_attachment(a, "不再需要").unwrap();
    for _ in 0..KEEP + 1 {
        store.backup_beside().unwrap().unwrap();
    }
    assert!(files_in(&shared).contains(&old_sha));
    // A file no backup refers to (left by a backup deleted by hand) stays
    // through a rotation that took no file away from the backups …
    let stray = "0".repeat(64);
    std::fs::write(shared.join(&stray), b"x").unwrap();
    store.backup_beside().unwrap().unwrap();
    assert!(files_in(&shared).contains(&stray));
    // … and goes at the day's first backup.
    let folder = backup::backup_dir(&path);
    let today = chrono::Local::now().format("%Y%m%d").to_string();
    for e in std::fs::read_dir(&folder).unwrap().flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        if name.ends_with(".db") {
            std::fs::rename(e.path(), folder.join(name.replace(&today, "20000102"))).unwrap();
        }
    }
    store.backup_beside().unwrap().unwrap();
    assert!(!files_in(&shared).contains(&stray));
    assert!(files_in(&shared).contains(&old_sha));
    // A rotation that removes a backup it cannot read sweeps too.
    std::fs::write(shared.join(&stray), b"x").unwrap();
    std::fs::write(folder.join("zicha-20000101-000000.db"), b"not a database").unwrap();
    store.backup_beside().unwrap().unwrap();
    assert!(!folder.join("zicha-20000101-000000.db").exists());
    assert!(!files_in(&shared).contains(&stray));
    assert!(files_in(&shared).contains(&old_sha));
}

#[test]
fn another_database_backed_up_beside_keeps_this_ones_files() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, path, id) = roster(dir.path());
    let scan = pdf("劳动合同");
    store
        .attach(id, AttachmentKind::Other, "合同.pdf", &scan)
        .unwrap();
    store.backup_beside().unwrap().unwrap();
    let shared = backup::backup_dir(&path).join("附件");
    let sha = blobs::sha256_hex(&scan);
    assert!(files_in(&shared).contains(&sha));
    // A second database in the same folder (a 辖区汇总 file, another roster),
    // with no attachments of its own, rotates the shared folder too.
    let other = path.with_file_name("辖区汇总.db");
    let mut summary = Store::open(&other).unwrap();
    summary.add_person(&Person::new("王五")).unwrap();
    for _ in 0..3 {
        summary.backup_beside().unwrap().unwrap();
    }
    assert!(
        files_in(&shared).contains(&sha),
        "zicha.db's backups still need its file"
    );
}

#[test]
fn a_missing_or_altered_file_is_named_at_open_and_the_rest_opens() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, path, id) = roster(dir.path());
    let good = pdf("好的");
    let bad = pdf("会被改的");
    let gone = pdf("会丢的");
    let copied_over = pdf("会被覆盖的");
    store
        .attach(id, AttachmentKind::DiplomaRecord, "好的.pdf", &good)
        .unwrap();
    store
        .attach(id, AttachmentKind::DegreeCertificate, "被改的.pdf", &bad)
        .unwrap();
    store
        .attach(id, AttachmentKind::TitleCertificate, "丢了的.pdf", &gone)
        .unwrap();
    store
        .attach(
            id,
            AttachmentKind::LabourContract,
            "被覆盖的.pdf",
            &copied_over,
        )
        .unwrap();
    drop(store);
    let folder = blobs::folder(&path);
    let blob = |bytes: &[u8]| blobs::blob_path(&folder, &blobs::sha256_hex(bytes));
    // Same size, different content, and the time set back to zicha's: only
    // the full check sees it.
    let mut altered = bad.clone();
    altered[10] ^= 1;
    std::fs::write(blob(&bad), &altered).unwrap();
    blobs::set_time(&blob(&bad), blobs::stamp());
    // Written over the usual way (same size): its new time gives it away.
    let mut overwritten = copied_over.clone();
    overwritten[10] ^= 1;
    std::fs::write(blob(&copied_over), &overwritten).unwrap();
    std::fs::remove_file(blob(&gone)).unwrap();

    let store = Store::open(&path).unwrap();
    let notes = store.open_notes().to_vec();
    assert_eq!(notes.len(), 2, "{notes:?}");
    assert!(
        notes[0].contains("丢了的.pdf") && notes[0].contains("张三") && notes[0].contains("不见了"),
        "{notes:?}"
    );
    assert!(
        notes[1].contains("被覆盖的.pdf") && notes[1].contains("改动"),
        "{notes:?}"
    );
    assert_eq!(store.load_roster().unwrap().persons.len(), 2);
    let full = store.check_attachments(true).unwrap();
    assert_eq!(full.len(), 3, "{full:?}");
    assert!(
        full.iter()
            .any(|n| n.contains("被改的.pdf") && n.contains("改动"))
    );
    drop(store);

    // The day's first start (no backup today yet) checks the day's share of
    // the hashes: the altered file is named on its day.
    let last = backup::list_backups(&path).first().map(|b| b.taken.date());
    let opened = Store::open_for_work(&path, true).unwrap();
    let notes = opened.store.open_notes();
    let today = chrono::Local::now().date_naive();
    let due = super::attachments::hash_due(&blobs::sha256_hex(&bad), last, today);
    assert_eq!(
        notes.iter().any(|n| n.contains("被改的.pdf")),
        due,
        "{notes:?}"
    );
    assert!(notes.iter().any(|n| n.contains("丢了的.pdf")), "{notes:?}");
    // Reading an altered file names it instead of handing it out.
    let list = opened.store.attachments(id).unwrap();
    let e = opened.store.attachment_content(&list[1]).unwrap_err();
    assert!(e.to_string().contains("被改的.pdf"), "{e}");
    // The daily backup did not copy the altered file.
    let shared = backup::backup_dir(&path).join("附件");
    assert_eq!(files_in(&shared), vec![blobs::sha256_hex(&good)]);
}

#[test]
fn a_deleted_persons_attachments_stay_and_come_back_with_the_undo() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, path, id) = roster(dir.path());
    let bytes = pdf("合同");
    store
        .attach(id, AttachmentKind::LabourContract, "合同.pdf", &bytes)
        .unwrap();
    let rec = store.delete_person(id).unwrap();
    assert!(store.all_attachments().unwrap().is_empty());
    // Still referred to: the next backup keeps the file.
    let backup = store.backup_beside().unwrap().unwrap();
    assert_eq!(files_in(&blobs::backup_folder(&backup)).len(), 1);
    assert!(store.check_attachments(true).unwrap().is_empty());
    let back = store.restore_person(&rec).unwrap();
    let list = store.attachments(back).unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!(store.attachment_content(&list[0]).unwrap(), bytes);
    let trail = store.audit_for(back).unwrap();
    assert!(
        trail
            .iter()
            .any(|e| e.note.as_deref() == Some("附件 1 个随之恢复")),
        "{trail:?}"
    );
    drop(store);
    assert!(Store::open(&path).unwrap().open_notes().is_empty());
}

#[test]
fn undoing_one_namesakes_deletion_takes_back_only_their_files() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, _path, _) = roster(dir.path());
    // Two 王伟 without a 身份证号, each with a file, both deleted.
    let first = store.add_person(&Person::new("王伟")).unwrap();
    let second = store.add_person(&Person::new("王伟")).unwrap();
    store
        .attach(first, AttachmentKind::Other, "甲.pdf", &pdf("甲"))
        .unwrap();
    store
        .attach(second, AttachmentKind::Other, "乙.pdf", &pdf("乙"))
        .unwrap();
    let _gone = store.delete_person(first).unwrap();
    let rec = store.delete_person(second).unwrap();
    let back = store.restore_person(&rec).unwrap();
    let list = store.attachments(back).unwrap();
    assert_eq!(list.len(), 1, "{list:?}");
    assert_eq!(list[0].file_name, "乙.pdf");
}

#[test]
fn recovering_a_lost_roster_brings_its_files_back_too() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, path, id) = roster(dir.path());
    let bytes = pdf("备案表");
    store
        .attach(id, AttachmentKind::DiplomaRecord, "备案表.pdf", &bytes)
        .unwrap();
    let backup = store.backup_beside().unwrap().unwrap();
    drop(store);
    // The roster and its attachment folder are lost; only backups/ is left.
    for side in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{side}", path.display()));
    }
    std::fs::remove_dir_all(blobs::folder(&path)).unwrap();
    super::restore_file(&path, &backup).unwrap();
    let store = Store::open(&path).unwrap();
    assert!(store.open_notes().is_empty(), "{:?}", store.open_notes());
    let list = store.attachments(id).unwrap();
    assert_eq!(store.attachment_content(&list[0]).unwrap(), bytes);
}

#[test]
fn a_file_is_cited_for_what_its_category_supports_and_the_clerk_changes_that() {
    use crate::domain::VerdictKind;
    let dir = tempfile::tempdir().unwrap();
    let (mut store, _, id) = roster(dir.path());
    let record = store
        .attach(id, AttachmentKind::DiplomaRecord, "备案表.pdf", &pdf("a"))
        .unwrap();
    let other = store
        .attach(id, AttachmentKind::Other, "说明.pdf", &pdf("b"))
        .unwrap();
    let list = store.attachments(id).unwrap();
    assert_eq!(list[0].cites, vec![VerdictKind::Diploma]);
    assert!(list[1].cites.is_empty());

    store
        .set_citation(other, VerdictKind::Practice, true)
        .unwrap();
    store.set_citation(other, VerdictKind::Title, true).unwrap();
    store
        .set_citation(record, VerdictKind::Diploma, false)
        .unwrap();
    let entries = |s: &Store| {
        s.audit_for(id)
            .unwrap()
            .into_iter()
            .filter(|e| e.action.contains("引用附件"))
            .count()
    };
    assert_eq!(entries(&store), 3);
    // Asking for what is already so writes nothing.
    store.set_citation(other, VerdictKind::Title, true).unwrap();
    assert_eq!(entries(&store), 3);
    let list = store.attachments(id).unwrap();
    assert!(list[0].cites.is_empty());
    assert_eq!(
        list[1].cites,
        vec![VerdictKind::Practice, VerdictKind::Title]
    );
    assert_eq!(
        super::attachments::current_citations(&list),
        vec![VerdictKind::Practice, VerdictKind::Title]
    );
    assert_eq!(super::attachments::cites_label(&list[1]), "真实执业、职称");
    let trail = store.audit_for(id).unwrap();
    let last = trail.iter().rfind(|e| e.action == "取消引用附件").unwrap();
    assert_eq!(last.field, "学历的依据");
    assert_eq!(last.old_value.as_deref(), Some("备案表.pdf（学历备案表）"));

    // A removed file stops counting and cannot be cited.
    store.remove_attachment(other, "传错了").unwrap();
    let list = store.attachments(id).unwrap();
    assert!(super::attachments::current_citations(&list).is_empty());
    let err = store
        .set_citation(other, VerdictKind::Diploma, true)
        .unwrap_err();
    assert!(err.to_string().contains("已经移除"), "{err}");
}

#[test]
fn the_upgrade_cites_the_files_already_kept_as_their_category_supports() {
    let conn = rusqlite::Connection::open_in_memory().unwrap();
    conn.execute_batch(
        "CREATE TABLE persons (id INTEGER PRIMARY KEY); INSERT INTO persons VALUES (1);",
    )
    .unwrap();
    conn.execute_batch(include_str!("sql/006_attachments.sql"))
        .unwrap();
    for (i, kind) in AttachmentKind::ALL.iter().enumerate() {
        conn.execute(
            "INSERT INTO attachments (person_id, person_record, kind, file_name, bytes, sha256, who, added_at)
             VALUES (1, '张三', ?1, 'f.pdf', 1, ?2, 'x', '2026-01-01 00:00:00')",
            rusqlite::params![kind.label(), format!("{i:064}")],
        )
        .unwrap();
    }
    conn.execute_batch(include_str!("sql/009_citations.sql"))
        .unwrap();
    for (i, kind) in AttachmentKind::ALL.iter().enumerate() {
        let cited: Vec<String> = conn
            .prepare("SELECT kind FROM attachment_citations WHERE attachment_id = ?1")
            .unwrap()
            .query_map([i as i64 + 1], |r| r.get(0))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        let want: Vec<String> = kind
            .supports()
            .map(|v| v.label().to_string())
            .into_iter()
            .collect();
        assert_eq!(cited, want, "{kind:?}");
    }
}

#[test]
fn every_file_is_hashed_on_exactly_one_day_of_each_round() {
    use super::attachments::{HASH_ROUND_DAYS, hashed_on};
    let start = chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
    let mut per_day = vec![0; HASH_ROUND_DAYS as usize];
    for n in 0..600u32 {
        let sha = blobs::sha256_hex(&n.to_le_bytes());
        let days: Vec<u32> = (0..HASH_ROUND_DAYS * 2)
            .filter(|d| hashed_on(&sha, start + chrono::Days::new(u64::from(*d))))
            .collect();
        assert_eq!(days.len(), 2, "{sha}: {days:?}");
        assert_eq!(days[1] - days[0], HASH_ROUND_DAYS);
        per_day[days[0] as usize] += 1;
    }
    // Spread over the days: none holds more than three times its share of 20.
    assert!(per_day.iter().all(|&n| n <= 60), "{per_day:?}");
}

#[test]
fn days_without_a_start_are_made_up_and_a_long_pause_hashes_everything() {
    use super::attachments::{HASH_ROUND_DAYS, hash_due, hashed_on};
    let day = |d: u32| {
        chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap() + chrono::Days::new(u64::from(d))
    };
    let sha = blobs::sha256_hex(b"x");
    let own = (0..HASH_ROUND_DAYS)
        .find(|d| hashed_on(&sha, day(*d)))
        .unwrap();
    let next = |d: u32| day(d + 1);
    let round = HASH_ROUND_DAYS;
    // Started the day before its day, then on it: due on its day only.
    assert!(hash_due(&sha, Some(day(own + round - 1)), day(own + round)));
    assert!(!hash_due(&sha, Some(day(own)), next(own)));
    // Its day passed without a start: the next start makes it up.
    assert!(hash_due(
        &sha,
        Some(day(own + round - 1)),
        day(own + round + 1)
    ));
    assert!(!hash_due(
        &sha,
        Some(day(own + round + 1)),
        day(own + round + 2)
    ));
    // No backup yet, or a pause of a whole round: every file.
    assert!(hash_due(&sha, None, next(own)));
    assert!(hash_due(
        &sha,
        Some(day(own + 1)),
        day(own + 1 + HASH_ROUND_DAYS)
    ));
}

/// A day whose first command backs up anyway (`backup`, `import`, `restore`,
/// `demo`: no daily backup) still hashes the day's share of the files before
/// that backup: the next start counts a day with a backup as hashed, so the
/// share would otherwise wait a whole round.
#[test]
fn a_command_that_backs_up_anyway_still_hashes_the_days_share() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, path, id) = roster(dir.path());
    let bad = pdf("会被改的");
    store
        .attach(id, AttachmentKind::DegreeCertificate, "被改的.pdf", &bad)
        .unwrap();
    drop(store);
    // No backup yet: every file is due at the day's first start.
    assert!(backup::list_backups(&path).is_empty());
    let blob = blobs::blob_path(&blobs::folder(&path), &blobs::sha256_hex(&bad));
    let mut altered = bad.clone();
    altered[10] ^= 1;
    std::fs::write(&blob, &altered).unwrap();
    blobs::set_time(&blob, blobs::stamp());
    assert!(Store::open(&path).unwrap().open_notes().is_empty());

    let opened = Store::open_for_work(&path, false).unwrap();
    assert_eq!(opened.daily_backup.as_ref().ok(), Some(&None));
    let notes = opened.store.open_notes();
    assert!(
        notes
            .iter()
            .any(|n| n.contains("被改的.pdf") && n.contains("改动")),
        "{notes:?}"
    );
}
