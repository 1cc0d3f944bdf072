//! `zicha audit`, `zicha backup`, `zicha restore` and the single-instance rule,
//! as the clerk (or an inspector) runs them.

use std::path::Path;

use crate::cli_support::{demo_db, ok, stderr, zicha};

fn sql(db: &Path, statement: &str) {
    rusqlite::Connection::open(db)
        .expect("open")
        .execute_batch(statement)
        .expect("sql");
}

#[test]
fn audit_verify_passes_on_an_untouched_trail() {
    let (_dir, db) = demo_db();
    let out = ok(&db, &["audit", "verify"]);
    assert!(out.contains("修改记录完整"), "{out}");
}

#[test]
fn audit_verify_exits_3_naming_the_first_edited_or_deleted_entry() {
    for (statement, words) in [
        (
            "UPDATE audit_log SET new_value = '是' WHERE id = 5",
            "第 5 条修改记录",
        ),
        (
            "DELETE FROM audit_log WHERE id = 7",
            "第 7 条修改记录被删除",
        ),
        (
            "DELETE FROM audit_log WHERE id = (SELECT max(id) FROM audit_log)",
            "（最后一条）被删除",
        ),
    ] {
        let (_dir, db) = demo_db();
        sql(&db, statement);
        let o = zicha(&db, &["audit", "verify"]);
        assert_eq!(o.status.code(), Some(3), "{statement}");
        let err = stderr(&o);
        assert!(err.contains("修改记录校验未通过"), "{err}");
        assert!(err.contains(words), "{statement}: {err}");
    }
}

#[test]
fn audit_export_writes_every_entry_with_the_check_result() {
    use calamine::{Reader, Xlsx, open_workbook};
    let (dir, db) = demo_db();
    let out = dir.path().join("导出 记录").join("修改记录.xlsx");
    let printed = ok(&db, &["audit", "export", out.to_str().expect("utf-8")]);
    assert!(printed.contains("校验结果：完整"), "{printed}");
    let entries: i64 = rusqlite::Connection::open(&db)
        .unwrap()
        .query_row("SELECT count(*) FROM audit_log", [], |r| r.get(0))
        .unwrap();
    let mut book: Xlsx<_> = open_workbook(&out).expect("xlsx");
    let sheet = book.worksheet_range("修改记录").expect("sheet");
    assert_eq!(
        sheet.height() as i64,
        entries + 3,
        "title, result, header, entries"
    );
    let result = sheet.get_value((1, 0)).expect("result").to_string();
    assert!(result.contains("完整"), "{result}");
    assert_eq!(sheet.get_value((2, 3)).unwrap().to_string(), "操作");

    // A broken trail is exported too, with the warning on top.
    sql(&db, "UPDATE audit_log SET who = '某人' WHERE id = 2");
    let again = dir.path().join("修改记录2.xlsx");
    ok(&db, &["audit", "export", again.to_str().expect("utf-8")]);
    let mut book: Xlsx<_> = open_workbook(&again).expect("xlsx");
    let sheet = book.worksheet_range("修改记录").expect("sheet");
    let result = sheet.get_value((1, 0)).expect("result").to_string();
    assert!(
        result.contains("未通过") && result.contains("第 2 条"),
        "{result}"
    );
}

#[test]
fn backup_change_restore_gives_the_same_check_json() {
    let (dir, db) = demo_db();
    let before = ok(&db, &["check", "--json"]);
    let saved = dir.path().join("备份 文件.db");
    ok(&db, &["backup", saved.to_str().expect("utf-8")]);
    ok(&db, &["settings", "set", "核查基准日", "2024-12-31"]);
    ok(&db, &["decide", "严华", "职称", "否", "--note", "核实为假"]);
    ok(&db, &["settings", "set", "单位名称", "另一家检验机构"]);
    assert_ne!(ok(&db, &["check", "--json"]), before);
    let out = ok(&db, &["restore", saved.to_str().expect("utf-8")]);
    assert!(
        out.contains("已从") && out.contains("恢复前的数据库已保留为"),
        "{out}"
    );
    assert_eq!(ok(&db, &["check", "--json"]), before);
    assert!(ok(&db, &["audit", "verify"]).contains("修改记录完整"));
    let listed = ok(&db, &["backup", "--list"]);
    assert!(listed.contains("backups"), "{listed}");
}

#[test]
fn backup_without_a_name_goes_to_the_backup_folder_and_refuses_to_overwrite() {
    let (dir, db) = demo_db();
    let out = ok(&db, &["backup"]);
    assert!(out.contains("backups"), "{out}");
    let saved = dir.path().join("b.db");
    ok(&db, &["backup", saved.to_str().unwrap()]);
    let o = zicha(&db, &["backup", saved.to_str().unwrap()]);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("已存在"), "{}", stderr(&o));
}

#[test]
fn restore_refuses_a_file_that_is_not_a_backup_and_changes_nothing() {
    let (dir, db) = demo_db();
    let before = ok(&db, &["check", "--json"]);
    let text = dir.path().join("名单.xlsx");
    std::fs::write(&text, "不是数据库").unwrap();
    let o = zicha(&db, &["restore", text.to_str().unwrap()]);
    assert!(!o.status.success());
    assert!(
        stderr(&o).contains("不是本程序的台账数据库"),
        "{}",
        stderr(&o)
    );
    assert_eq!(ok(&db, &["check", "--json"]), before);
}

#[test]
fn a_second_instance_on_the_same_database_is_refused() {
    let (_dir, db) = demo_db();
    let held = zicha::store::InstanceLock::acquire(&db).expect("lock");
    let o = zicha(&db, &["check"]);
    assert!(!o.status.success());
    assert!(
        stderr(&o).contains("正在被另一个本程序窗口或命令使用"),
        "{}",
        stderr(&o)
    );
    drop(held);
    ok(&db, &["check"]);
}

#[test]
fn a_damaged_database_names_its_backup_and_restore_recovers_it() {
    let (dir, db) = demo_db();
    let before = ok(&db, &["check", "--json"]);
    let out = ok(&db, &["backup"]);
    let backup = out.trim().trim_start_matches("已备份到 ").to_string();
    // Fold the WAL in, then damage a page in the middle of the file.
    sql(&db, "PRAGMA wal_checkpoint(TRUNCATE);");
    let mut bytes = std::fs::read(&db).unwrap();
    for b in &mut bytes[3 * 4096..4 * 4096] {
        *b = 0xa5;
    }
    std::fs::write(&db, &bytes).unwrap();
    let o = zicha(&db, &["check"]);
    assert!(!o.status.success());
    let err = stderr(&o);
    assert!(err.contains("已损坏") && err.contains(&backup), "{err}");
    assert_eq!(
        std::fs::read(&db).unwrap(),
        bytes,
        "the damaged file is not written to"
    );
    let out = ok(&db, &["restore", &backup]);
    assert!(out.contains("损坏"), "{out}");
    assert_eq!(ok(&db, &["check", "--json"]), before);
    let aside: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".损坏-"))
        .collect();
    assert_eq!(
        aside.len(),
        1,
        "the damaged file is kept beside, alone (its empty -wal and -shm removed): {aside:?}"
    );
}

/// A 辖区汇总（附件2） database at `path`, blank but for its kind.
fn summary_db(path: &Path) {
    let mut store = zicha::store::Store::open(path).expect("open");
    store
        .set_workspace(zicha::store::workspace::Workspace::Annex2)
        .expect("kind");
}

/// `restore` of `backup` over `db` fails, naming the backup's kind and the file's.
fn refused_naming(db: &Path, backup: &Path, backup_kind: &str, current_kind: &str) {
    let o = zicha(db, &["restore", backup.to_str().unwrap()]);
    assert!(!o.status.success());
    let err = stderr(&o);
    assert!(
        err.contains(&format!("是{backup_kind}数据库"))
            && err.contains(&format!("当前文件是{current_kind}数据库")),
        "{err}"
    );
}

#[test]
fn restore_refuses_a_backup_of_the_other_kind_naming_both_and_changes_nothing() {
    let (dir, db) = demo_db();
    let summary = dir.path().join("辖区汇总.db");
    summary_db(&summary);
    let summary_backup = dir.path().join("汇总备份.db");
    ok(&summary, &["backup", summary_backup.to_str().unwrap()]);
    let roster_backup = dir.path().join("台账备份.db");
    ok(&db, &["backup", roster_backup.to_str().unwrap()]);

    // A 辖区汇总 backup over the roster.
    let before = ok(&db, &["check", "--json"]);
    refused_naming(&db, &summary_backup, "辖区汇总（附件2）", "本单位自查台账");
    assert_eq!(ok(&db, &["check", "--json"]), before);
    assert!(
        !std::fs::read_dir(dir.path().join("backups")).is_ok_and(|d| {
            d.flatten()
                .any(|e| e.file_name().to_string_lossy().contains("恢复前"))
        })
    );

    // The roster backup over the 辖区汇总 file.
    refused_naming(
        &summary,
        &roster_backup,
        "本单位自查台账",
        "辖区汇总（附件2）",
    );
    let store = zicha::store::Store::open(&summary).expect("open");
    assert_eq!(
        store.workspace().unwrap(),
        zicha::store::workspace::Workspace::Annex2
    );

    // A backup of the same kind is restored as before, and a blank file takes either kind.
    ok(&db, &["restore", roster_backup.to_str().unwrap()]);
    let blank = dir.path().join("新文件.db");
    drop(zicha::store::Store::open(&blank).expect("open"));
    ok(&blank, &["restore", summary_backup.to_str().unwrap()]);
    let store = zicha::store::Store::open(&blank).expect("open");
    assert_eq!(
        store.workspace().unwrap(),
        zicha::store::workspace::Workspace::Annex2
    );
}
