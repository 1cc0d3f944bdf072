//! The roster's safety net: the 修改记录 hash chain against tampering, backups
//! and their rotation, checks at open, restore and recovery.

use std::path::{Path, PathBuf};

use rusqlite::Connection;

use super::backup::{self, KEEP};
use super::*;
use crate::domain::{Person, SettingKey};

/// A file database with a few changes of every kind in its trail.
fn busy_store(dir: &Path) -> (Store, PathBuf) {
    let path = dir.join("zicha.db");
    let mut store = Store::open(&path).expect("open");
    let a = store.add_person(&Person::new("张三")).expect("add");
    store.add_person(&Person::new("李四")).expect("add");
    store
        .set_setting(SettingKey::AgencyName, "山东省特种设备检验研究院")
        .expect("setting");
    let mut p = store.load_roster().expect("load").persons[0].person.clone();
    p.name = "张叁".into();
    assert_eq!(p.id, Some(a));
    store.update_person(&p).expect("update");
    (store, path)
}

fn raw(path: &Path) -> Connection {
    Connection::open(path).expect("raw connection")
}

fn audit_count(store: &Store) -> i64 {
    store
        .conn()
        .query_row("SELECT count(*) FROM audit_log", [], |r| r.get(0))
        .expect("count")
}

#[test]
fn an_untouched_trail_verifies() {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = busy_store(dir.path());
    let report = store.verify_audit().unwrap();
    assert_eq!(report.problem, None);
    assert_eq!(report.entries as i64, audit_count(&store));
    assert!(report.entries >= 4);
    assert_eq!(
        Store::open_in_memory()
            .unwrap()
            .verify_audit()
            .unwrap()
            .entries,
        0
    );
}

#[test]
fn an_edited_entry_is_found_by_number() {
    let dir = tempfile::tempdir().unwrap();
    let (store, path) = busy_store(dir.path());
    drop(store);
    raw(&path)
        .execute("UPDATE audit_log SET new_value = '王五' WHERE id = 2", [])
        .unwrap();
    let report = Store::open(&path).unwrap().verify_audit().unwrap();
    let problem = report.problem.expect("found");
    assert!(
        matches!(problem, ChainBreak::Altered { id: 2, .. }),
        "{problem:?}"
    );
    assert_eq!(problem.entry(), Some(2));
    assert!(problem.to_string().contains("第 2 条"), "{problem}");
}

#[test]
fn an_edited_time_or_author_is_found_too() {
    for sql in [
        "UPDATE audit_log SET at = '2020-01-01 00:00:00' WHERE id = 3",
        "UPDATE audit_log SET who = '别人' WHERE id = 3",
        "UPDATE audit_log SET note = '补记' WHERE id = 3",
    ] {
        let dir = tempfile::tempdir().unwrap();
        let (store, path) = busy_store(dir.path());
        drop(store);
        raw(&path).execute(sql, []).unwrap();
        let problem = Store::open(&path).unwrap().verify_audit().unwrap().problem;
        assert_eq!(problem.and_then(|p| p.entry()), Some(3), "{sql}");
    }
}

#[test]
fn a_deleted_entry_is_found_wherever_it_was() {
    // (which entry is deleted, the first broken entry reported)
    for (delete, first_broken) in [("2", 2), ("1", 2), ("(SELECT max(id) FROM audit_log)", 0)] {
        let dir = tempfile::tempdir().unwrap();
        let (store, path) = busy_store(dir.path());
        let last = audit_count(&store);
        drop(store);
        raw(&path)
            .execute(&format!("DELETE FROM audit_log WHERE id = {delete}"), [])
            .unwrap();
        let problem = Store::open(&path)
            .unwrap()
            .verify_audit()
            .unwrap()
            .problem
            .expect("found");
        let expected = if first_broken == 0 {
            last
        } else {
            first_broken
        };
        assert_eq!(problem.entry(), Some(expected), "{delete}: {problem:?}");
        assert!(problem.to_string().contains("删除"), "{problem}");
    }
}

#[test]
fn a_forged_entry_or_rewritten_head_is_found() {
    let dir = tempfile::tempdir().unwrap();
    let (store, path) = busy_store(dir.path());
    let last = audit_count(&store);
    drop(store);
    raw(&path)
        .execute(
            "INSERT INTO audit_log (id, at, who, action, entity, record, field, prev_hash, hash)
             SELECT id + 1, at, who, action, entity, record, field, hash, hash FROM audit_log
             WHERE id = (SELECT max(id) FROM audit_log)",
            [],
        )
        .unwrap();
    let problem = Store::open(&path).unwrap().verify_audit().unwrap().problem;
    assert_eq!(problem.and_then(|p| p.entry()), Some(last + 1));

    let dir = tempfile::tempdir().unwrap();
    let (store, path) = busy_store(dir.path());
    drop(store);
    raw(&path)
        .execute("UPDATE audit_head SET hash = 'x'", [])
        .unwrap();
    let problem = Store::open(&path).unwrap().verify_audit().unwrap().problem;
    assert_eq!(problem, Some(ChainBreak::HeadAltered));
}

#[test]
fn new_entries_after_a_break_do_not_hide_it() {
    let dir = tempfile::tempdir().unwrap();
    let (store, path) = busy_store(dir.path());
    drop(store);
    raw(&path)
        .execute("UPDATE audit_log SET record = '某人' WHERE id = 1", [])
        .unwrap();
    let mut store = Store::open(&path).unwrap();
    store.add_person(&Person::new("王五")).unwrap();
    let problem = store.verify_audit().unwrap().problem;
    assert_eq!(problem.and_then(|p| p.entry()), Some(1));
}

/// A database as version 1 of the schema left it, with audit entries.
fn version_one_database(path: &Path) {
    let conn = raw(path);
    conn.execute_batch(include_str!("sql/001_initial.sql"))
        .unwrap();
    conn.execute_batch(&format!(
        "PRAGMA user_version = 1; PRAGMA application_id = {APPLICATION_ID};
         INSERT INTO audit_log (at, who, action, entity, person_id, record, field)
         VALUES ('2024-07-01 09:00:00', '人事', '新增', '人员', 1, '张三', ''),
                ('2024-07-02 09:00:00', '人事', '修改', '人员', 1, '张三', '学历');"
    ))
    .unwrap();
}

#[test]
fn migrating_chains_the_old_entries_and_backs_up_first() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("zicha.db");
    version_one_database(&path);
    let mut store = Store::open(&path).expect("migrates");
    let report = store.verify_audit().unwrap();
    assert_eq!((report.entries, report.problem), (2, None));
    store.add_person(&Person::new("李四")).unwrap();
    assert_eq!(store.verify_audit().unwrap().problem, None);
    let backups = backup::list_backups(&path);
    assert_eq!(backups.len(), 1, "one backup before the migration");
    let old = raw(&backups[0].path);
    let version: i64 = old
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(version, 1, "the backup is the file before the migration");
}

/// A database as version 2 left it, with names and numbers typed loosely.
fn version_two_database(path: &Path, persons: &[(&str, Option<&str>)]) {
    let conn = raw(path);
    conn.execute_batch(include_str!("sql/001_initial.sql"))
        .unwrap();
    conn.execute_batch(include_str!("sql/002_audit_chain.sql"))
        .unwrap();
    conn.execute_batch(&format!(
        "PRAGMA user_version = 2; PRAGMA application_id = {APPLICATION_ID};"
    ))
    .unwrap();
    for (name, id) in persons {
        conn.execute(
            "INSERT INTO persons (name, id_number, created_at, updated_at)
             VALUES (?1, ?2, '2024-07-01 09:00:00', '2024-07-01 09:00:00')",
            rusqlite::params![name, id],
        )
        .unwrap();
    }
}

#[test]
fn migrating_normalises_names_and_numbers_and_keeps_both_of_a_clash() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("zicha.db");
    version_two_database(
        &path,
        &[
            ("王　伟", Some("110105 19491231 002x")),
            ("阿依古丽 • 买买提", None),
            ("张三", Some("11010519491231002X")),
            ("  John   Smith ", Some(" 370502199001011234")),
            ("李四", Some("37050219900101123x")),
            ("李 四", Some("370502 19900101123X")),
        ],
    );
    let store = Store::open(&path).expect("migrates");
    let got: Vec<(String, Option<String>)> = store
        .load_roster()
        .unwrap()
        .persons
        .into_iter()
        .map(|r| (r.person.name, r.person.id_number))
        .collect();
    let want = [
        ("王伟", Some("110105 19491231 002x")),
        ("阿依古丽·买买提", None),
        ("张三", Some("11010519491231002X")),
        ("John Smith", Some("370502199001011234")),
        ("李四", Some("37050219900101123X")),
        ("李四", Some("370502 19900101123X")),
    ];
    let want: Vec<(String, Option<String>)> = want
        .iter()
        .map(|(n, i)| (n.to_string(), i.map(str::to_string)))
        .collect();
    for w in &want {
        assert!(got.contains(w), "{w:?} not in {got:?}");
    }
    assert_eq!(got.len(), 6, "nobody merged or lost");
    let notes = store.open_notes();
    assert_eq!(notes.len(), 2, "{notes:?}");
    assert!(
        notes[0].contains("王伟")
            && notes[0].contains("张三")
            && notes[0].contains("11010519491231002X"),
        "{notes:?}"
    );
    assert!(
        notes[1].contains("李四") && notes[1].contains("两人都已保留"),
        "{notes:?}"
    );
    // Each change is in the 修改记录, and the chain holds.
    let report = store.verify_audit().unwrap();
    assert_eq!(report.problem, None);
    assert_eq!(report.entries, 6, "王伟, 买买提, Smith ×2, 李四, 李 四");
    drop(store);
    let again = Store::open(&path).unwrap();
    assert!(
        again.open_notes().is_empty(),
        "reported once, at the upgrade"
    );
    assert!(Store::open_in_memory().unwrap().open_notes().is_empty());
}

#[test]
fn backups_are_single_openable_files_named_by_time() {
    let dir = tempfile::tempdir().unwrap();
    let (store, path) = busy_store(dir.path());
    let dest = store.backup_beside().unwrap().unwrap();
    assert!(dest.starts_with(dir.path().join(backup::BACKUP_DIR)));
    assert!(!PathBuf::from(format!("{}-wal", dest.display())).exists());
    let mode: String = raw(&dest)
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "delete");
    let copy = Store::open(&dest).unwrap();
    assert_eq!(copy.load_roster().unwrap(), store.load_roster().unwrap());
    let again = store.backup_beside().unwrap().unwrap();
    assert_ne!(
        again, dest,
        "a second backup in the same second gets its own name"
    );
    assert!(store.backup_to(&dest).is_err(), "refuses to overwrite");
    assert_eq!(backup::list_backups(&path)[0].path, again, "newest first");
    assert!(
        Store::open_in_memory()
            .unwrap()
            .backup_beside()
            .unwrap()
            .is_none()
    );
}

#[test]
fn only_the_newest_backups_are_kept() {
    let dir = tempfile::tempdir().unwrap();
    let (store, path) = busy_store(dir.path());
    let made: Vec<PathBuf> = (0..KEEP + 3)
        .map(|_| store.backup_beside().unwrap().unwrap())
        .collect();
    let kept: Vec<PathBuf> = backup::list_backups(&path)
        .into_iter()
        .map(|b| b.path)
        .collect();
    assert_eq!(kept.len(), KEEP);
    let mut newest: Vec<PathBuf> = made[3..].to_vec();
    newest.reverse();
    assert_eq!(kept, newest);
    for gone in &made[..3] {
        assert!(!gone.exists(), "{}", gone.display());
    }
}

#[test]
fn a_stopped_backups_temporary_file_is_cleared_and_not_listed() {
    let dir = tempfile::tempdir().unwrap();
    let (store, path) = busy_store(dir.path());
    let folder = backup::backup_dir(&path);
    std::fs::create_dir_all(&folder).unwrap();
    let hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(7200);
    let write_old = |name: &str| {
        let p = folder.join(name);
        std::fs::write(&p, b"half").unwrap();
        std::fs::File::options()
            .write(true)
            .open(&p)
            .unwrap()
            .set_modified(hour_ago)
            .unwrap();
        p
    };
    let stale = write_old(".zicha-20240101-000000.db.999999.tmp");
    let journal = write_old(".zicha-20240101-000000.db.999999.tmp-journal");
    let others = write_old(".其他台账-20240101-000000.db.999999.tmp");
    let fresh = folder.join(".zicha-20240101-000001.db.999998.tmp");
    std::fs::write(&fresh, b"being written").unwrap();
    store.backup_beside().unwrap();
    assert!(!stale.exists() && !journal.exists());
    assert!(
        others.exists(),
        "another roster's temporary file is not ours to remove"
    );
    assert!(
        fresh.exists(),
        "a backup being written right now is left alone"
    );
    assert_eq!(backup::list_backups(&path).len(), 1);
}

#[test]
fn the_daily_backup_is_made_once_and_not_for_an_empty_file() {
    let dir = tempfile::tempdir().unwrap();
    let empty = Store::open(&dir.path().join("空.db")).unwrap();
    assert_eq!(empty.daily_backup().unwrap(), None);
    assert_eq!(empty.backup_unless_empty().unwrap(), None);
    let (store, _) = busy_store(dir.path());
    assert!(store.daily_backup().unwrap().is_some());
    assert_eq!(store.daily_backup().unwrap(), None, "once a day");
    assert!(store.backup_unless_empty().unwrap().is_some());
}

#[test]
fn open_for_work_backs_up_daily_and_refuses_a_second_instance() {
    let dir = tempfile::tempdir().unwrap();
    let (store, path) = busy_store(dir.path());
    drop(store);
    let first = Store::open_for_work(&path, true).unwrap();
    assert!(matches!(first.daily_backup, Ok(Some(_))));
    let err = Store::open_for_work(&path, true).err().expect("refused");
    assert!(matches!(err, Error::InUse(_)), "{err:?}");
    // The first keeps working.
    let mut store = first.store;
    store.add_person(&Person::new("王五")).unwrap();
    drop((store, first.lock));
    assert!(Store::open_for_work(&path, true).is_ok());
}

/// Overwrites a page in the middle of the file, as a failing disk would.
fn damage(path: &Path) {
    let mut bytes = std::fs::read(path).unwrap();
    let page = 4096;
    assert!(bytes.len() >= 4 * page, "needs a few pages");
    for b in &mut bytes[2 * page + 100..3 * page] {
        *b = 0x5a;
    }
    std::fs::write(path, bytes).unwrap();
}

/// A database with enough rows to span several pages, closed cleanly.
fn roster_file(dir: &Path) -> PathBuf {
    let (mut store, path) = busy_store(dir);
    for i in 0..60 {
        store
            .add_person(&Person::new(format!("人员{i:03}")))
            .unwrap();
    }
    drop(store);
    // Fold the WAL into the file so the damage below hits real pages.
    raw(&path)
        .execute_batch("PRAGMA wal_checkpoint(TRUNCATE); PRAGMA journal_mode = DELETE;")
        .unwrap();
    path
}

/// [`roster_file`] and a good backup of it in `backups/`.
fn roster_with_backup(dir: &Path) -> (PathBuf, PathBuf) {
    let path = roster_file(dir);
    let good = Store::open(&path)
        .unwrap()
        .backup_beside()
        .unwrap()
        .expect("a backup of a file with persons");
    (path, good)
}

#[test]
fn a_damaged_file_is_refused_untouched_and_the_newest_good_backup_offered() {
    let dir = tempfile::tempdir().unwrap();
    let (path, good) = roster_with_backup(dir.path());
    // A newer backup that is itself damaged is passed over.
    let bad = backup::backup_dir(&path).join("zicha-29991231-235959.db");
    std::fs::copy(&good, &bad).unwrap();
    damage(&bad);
    damage(&path);
    let before = std::fs::read(&path).unwrap();
    let err = Store::open(&path).err().expect("refused");
    match &err {
        Error::Damaged { backup, .. } => assert_eq!(backup.as_ref(), Some(&good)),
        other => panic!("expected Damaged, got {other:?}"),
    }
    let message = err.to_string();
    assert!(message.contains("已损坏"), "{message}");
    assert!(message.contains(&good.display().to_string()), "{message}");
    assert_eq!(std::fs::read(&path).unwrap(), before, "not modified");
}

#[test]
fn an_orphan_row_fails_the_foreign_key_check() {
    let dir = tempfile::tempdir().unwrap();
    let (store, path) = busy_store(dir.path());
    drop(store);
    raw(&path)
        .execute_batch(
            "PRAGMA foreign_keys = OFF;
             INSERT INTO certificates (person_id, item) VALUES (999, '检验员');",
        )
        .unwrap();
    let err = Store::open(&path).err().expect("refused");
    assert!(matches!(err, Error::Damaged { .. }), "{err:?}");
    assert!(err.to_string().contains("certificates"), "{err}");
}

#[test]
fn restore_brings_back_the_backup_and_keeps_the_replaced_data() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, path) = busy_store(dir.path());
    let before = store.load_roster().unwrap();
    let saved = dir.path().join("存档 副本.db");
    store.backup_to(&saved).unwrap();
    store.add_person(&Person::new("王五")).unwrap();
    store
        .set_setting(SettingKey::AgencyName, "别的名字")
        .unwrap();
    let changed = store.load_roster().unwrap();
    let outcome = store.restore_from(&saved).unwrap();
    assert_eq!(store.load_roster().unwrap(), before);
    assert_eq!(outcome.restored.persons, before.persons.len());
    let previous = outcome.previous.expect("backed up first");
    assert_eq!(
        Store::open(&previous).unwrap().load_roster().unwrap(),
        changed
    );
    assert_eq!(store.verify_audit().unwrap().problem, None);
    let last: String = store
        .conn()
        .query_row(
            "SELECT action FROM audit_log ORDER BY id DESC LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(last, "恢复备份");
    drop(store);
    assert_eq!(Store::open(&path).unwrap().load_roster().unwrap(), before);
}

#[test]
fn restore_refuses_bad_files_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, path) = busy_store(dir.path());
    let before = store.load_roster().unwrap();
    let text = dir.path().join("说明.txt");
    std::fs::write(&text, "不是数据库").unwrap();
    let missing = dir.path().join("没有.db");
    let damaged = roster_file(&dir.path().join("坏"));
    damage(&damaged);
    for (file, words) in [
        (text.as_path(), "不是本程序"),
        (missing.as_path(), "找不到"),
        (damaged.as_path(), "不能用"),
        (path.as_path(), "正在使用"),
    ] {
        let err = store.restore_from(file).expect_err("refused");
        assert!(err.to_string().contains(words), "{}: {err}", file.display());
    }
    assert_eq!(store.load_roster().unwrap(), before);
    assert!(
        backup::list_backups(&path).is_empty(),
        "nothing backed up for a refused restore"
    );
}

#[test]
fn a_damaged_database_is_moved_aside_and_replaced_by_the_backup() {
    let dir = tempfile::tempdir().unwrap();
    let (path, good) = roster_with_backup(dir.path());
    let expected = Store::open(&good).unwrap().load_roster().unwrap();
    damage(&path);
    let damaged_bytes = std::fs::read(&path).unwrap();
    let outcome = recover_damaged(&path, &good).unwrap();
    let aside = outcome.previous.expect("moved aside");
    assert!(aside.display().to_string().contains("损坏"));
    assert_eq!(
        std::fs::read(&aside).unwrap(),
        damaged_bytes,
        "kept as it was"
    );
    let store = Store::open(&path).unwrap();
    assert_eq!(store.load_roster().unwrap(), expected);
    assert_eq!(store.verify_audit().unwrap().problem, None);
}

/// The files in `dir` whose names contain 损坏, sorted.
fn set_aside(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("损坏"))
        .collect();
    names.sort();
    names
}

#[test]
fn a_damaged_file_is_set_aside_alone_unless_its_wal_holds_data() {
    for wal_content in [&b""[..], &b"not yet checkpointed"[..]] {
        let dir = tempfile::tempdir().unwrap();
        let (path, good) = roster_with_backup(dir.path());
        damage(&path);
        let side = |s: &str| dir.path().join(format!("zicha.db{s}"));
        std::fs::write(side("-wal"), wal_content).unwrap();
        std::fs::write(side("-shm"), [0u8; 64]).unwrap();
        recover_damaged(&path, &good).unwrap();
        let aside = set_aside(dir.path());
        if wal_content.is_empty() {
            assert_eq!(aside.len(), 1, "only the database itself: {aside:?}");
            assert!(!aside[0].ends_with("-wal") && !aside[0].ends_with("-shm"));
        } else {
            assert_eq!(
                aside.len(),
                3,
                "the -wal with data and its -shm too: {aside:?}"
            );
            let wal = aside.iter().find(|n| n.ends_with("-wal")).unwrap();
            assert_eq!(std::fs::read(dir.path().join(wal)).unwrap(), wal_content);
        }
        assert!(Store::open(&path).is_ok());
    }
}

#[test]
fn an_unreadable_header_with_backups_beside_is_damage_not_a_foreign_file() {
    let dir = tempfile::tempdir().unwrap();
    let (path, good) = roster_with_backup(dir.path());
    let mut bytes = std::fs::read(&path).unwrap();
    bytes[..16].copy_from_slice(b"garbage garbage!");
    std::fs::write(&path, &bytes).unwrap();
    let err = Store::open(&path).err().expect("refused");
    match &err {
        Error::Damaged { backup, .. } => assert_eq!(backup.as_ref(), Some(&good)),
        other => panic!("expected Damaged, got {other:?}"),
    }
    assert_eq!(std::fs::read(&path).unwrap(), bytes, "not modified");
    // The same bytes elsewhere, with no backups of ours: simply not our file.
    let stranger = dir.path().join("别处").join("x.db");
    std::fs::create_dir_all(stranger.parent().unwrap()).unwrap();
    std::fs::write(&stranger, &bytes).unwrap();
    let err = Store::open(&stranger).err().expect("refused");
    assert!(matches!(err, Error::NotZichaDatabase(_)), "{err:?}");
}

#[test]
fn writers_on_several_connections_keep_the_chain_whole() {
    let dir = tempfile::tempdir().unwrap();
    let (store, path) = busy_store(dir.path());
    drop(store);
    let writers: Vec<_> = (0..4)
        .map(|w| {
            let path = path.clone();
            std::thread::spawn(move || {
                let mut store = Store::open(&path).expect("open");
                for i in 0..25 {
                    store
                        .add_person(&Person::new(format!("并发{w}-{i}")))
                        .expect("add");
                }
            })
        })
        .collect();
    for w in writers {
        w.join().expect("writer");
    }
    let store = Store::open(&path).unwrap();
    assert_eq!(store.load_roster().unwrap().persons.len(), 2 + 100);
    assert_eq!(store.verify_audit().unwrap().problem, None);
}

#[test]
fn restoring_the_oldest_of_thirty_backups_keeps_it_in_place() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, path) = busy_store(dir.path());
    let before = store.load_roster().unwrap();
    let oldest = store.backup_beside().unwrap().unwrap();
    store.add_person(&Person::new("王五")).unwrap();
    for _ in 1..KEEP {
        store.backup_beside().unwrap();
    }
    assert_eq!(backup::list_backups(&path).len(), KEEP);
    store.restore_from(&oldest).expect("restores");
    assert_eq!(store.load_roster().unwrap(), before);
    assert!(oldest.exists());
    let kept: Vec<_> = backup::list_backups(&path)
        .into_iter()
        .filter(|b| b.before_restore)
        .collect();
    assert_eq!(
        kept.len(),
        1,
        "the data the restore replaced is kept for good"
    );
    assert!(backup::taken_label(&kept[0]).ends_with("（恢复前）"));
    for _ in 0..KEEP + 2 {
        store.backup_beside().unwrap();
    }
    assert!(kept[0].path.exists(), "not pruned");
}

#[test]
fn a_backup_is_kept_even_when_the_clock_is_behind_the_newest_backup() {
    let dir = tempfile::tempdir().unwrap();
    let (store, path) = busy_store(dir.path());
    let folder = backup::backup_dir(&path);
    std::fs::create_dir_all(&folder).unwrap();
    for day in 1..=KEEP {
        let future = folder.join(format!("zicha-299901{day:02}-235959.db"));
        store.backup_to(&future).unwrap();
    }
    assert_eq!(backup::list_backups(&path).len(), KEEP);
    let made = store.backup_beside().unwrap().unwrap();
    assert!(made.exists(), "the backup just written is never pruned");
}

#[test]
fn an_edit_after_tampering_does_not_hide_it() {
    // Delete the last entry, or add one by hand, then work on as usual.
    for sql in [
        "DELETE FROM audit_log WHERE id = (SELECT max(id) FROM audit_log)",
        "INSERT INTO audit_log (id, at, who, action, entity, record, field, prev_hash, hash)
         SELECT id + 1, at, who, action, entity, record, field, hash, 'x' FROM audit_log
         WHERE id = (SELECT max(id) FROM audit_log)",
        "DELETE FROM audit_head",
    ] {
        let dir = tempfile::tempdir().unwrap();
        let (store, path) = busy_store(dir.path());
        drop(store);
        raw(&path).execute(sql, []).unwrap();
        let mut store = Store::open(&path).unwrap();
        assert!(store.verify_audit().unwrap().problem.is_some(), "{sql}");
        store
            .add_person(&Person::new("王五"))
            .expect("work goes on");
        let problem = store.verify_audit().unwrap().problem;
        assert!(problem.is_some(), "still found after an edit: {sql}");
    }
}

#[test]
fn a_value_of_another_type_is_an_altered_entry_not_a_read_error() {
    let dir = tempfile::tempdir().unwrap();
    let (store, path) = busy_store(dir.path());
    drop(store);
    raw(&path)
        .execute(
            "UPDATE audit_log SET person_id = 'x', at = 'yesterday' WHERE id = 1",
            [],
        )
        .unwrap();
    let store = Store::open(&path).unwrap();
    let problem = store.verify_audit().unwrap().problem.expect("found");
    assert_eq!(problem.entry(), Some(1), "{problem:?}");
    let out = dir.path().join("修改记录.xlsx");
    crate::workbook::export_audit(&store, &out).expect("exported as stored");
}

#[test]
fn a_missing_or_emptied_roster_with_backups_is_not_opened_as_a_new_one() {
    let dir = tempfile::tempdir().unwrap();
    let (store, path) = busy_store(dir.path());
    let before = store.load_roster().unwrap();
    let good = store.backup_beside().unwrap().unwrap();
    drop(store);
    for name in ["zicha.db-wal", "zicha.db-shm"] {
        let _ = std::fs::remove_file(dir.path().join(name));
    }
    std::fs::write(&path, b"").unwrap();
    let err = Store::open(&path).err().expect("refused");
    assert!(matches!(err, Error::Damaged { .. }), "{err:?}");
    std::fs::remove_file(&path).unwrap();
    let err = Store::open(&path).err().expect("refused");
    assert!(err.to_string().contains("不见了"), "{err}");
    assert!(!path.exists(), "not created");
    let outcome = restore_file(&path, &good).unwrap();
    assert_eq!(outcome.previous, None);
    assert_eq!(Store::open(&path).unwrap().load_roster().unwrap(), before);
}

#[test]
fn a_refused_file_keeps_its_wal_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = roster_file(dir.path());
    Store::open(&path).unwrap().backup_beside().unwrap();
    // A crash leaves committed changes in the -wal, not yet in the file.
    let mut store = Store::open(&path).unwrap();
    store
        .conn()
        .execute_batch("PRAGMA wal_autocheckpoint = 0;")
        .unwrap();
    store.add_person(&Person::new("崩溃前")).unwrap();
    let wal = PathBuf::from(format!("{}-wal", path.display()));
    let copy = dir.path().join("crashed");
    std::fs::create_dir_all(&copy).unwrap();
    let crashed = copy.join("zicha.db");
    std::fs::copy(&path, &crashed).unwrap();
    std::fs::copy(&wal, copy.join("zicha.db-wal")).unwrap();
    drop(store);
    damage(&crashed);
    let file = std::fs::read(&crashed).unwrap();
    let wal_bytes = std::fs::read(copy.join("zicha.db-wal")).unwrap();
    assert!(!wal_bytes.is_empty());
    assert!(Store::open(&crashed).is_err());
    assert_eq!(
        std::fs::read(&crashed).unwrap(),
        file,
        "the file is not written to"
    );
    assert_eq!(
        std::fs::read(copy.join("zicha.db-wal")).unwrap(),
        wal_bytes,
        "its -wal is kept"
    );
}
