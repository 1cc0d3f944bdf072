//! `--output FILE` on the commands that print data: the file holds exactly
//! what stdout would (PowerShell 5.1 re-decodes a native program's output,
//! so on Windows the file is how to get the bytes Linux prints).

use crate::cli_support::{demo_db, ok, stderr, stdout, zicha};

#[test]
fn every_data_command_writes_to_output_exactly_what_it_prints() {
    let (dir, db) = demo_db();
    ok(&db, &["backup"]);
    for (n, args) in [
        &["check", "--json"][..],
        &["check"],
        &["settings", "show"],
        &["audit", "verify"],
        &["backup", "--list"],
    ]
    .into_iter()
    .enumerate()
    {
        let printed = ok(&db, args);
        assert!(!printed.is_empty(), "{args:?}");
        let file = dir.path().join(format!("结果 {n}.txt"));
        let file_arg = file.to_str().unwrap();
        let mut with_output = args.to_vec();
        with_output.extend(["--output", file_arg]);
        let said = ok(&db, &with_output);
        assert_eq!(std::fs::read_to_string(&file).unwrap(), printed, "{args:?}");
        assert_eq!(said.trim(), format!("已写入 {file_arg}"), "{args:?}");
        // An existing file is replaced whole.
        std::fs::write(&file, "旧内容".repeat(10_000)).unwrap();
        ok(&db, &with_output);
        assert_eq!(std::fs::read_to_string(&file).unwrap(), printed, "{args:?}");
    }
}

#[test]
fn output_onto_a_folder_is_refused_and_prints_no_data() {
    let (dir, db) = demo_db();
    let folder = dir.path().join("已有的文件夹");
    std::fs::create_dir(&folder).unwrap();
    let o = zicha(
        &db,
        &["check", "--json", "--output", folder.to_str().unwrap()],
    );
    assert_ne!(o.status.code(), Some(0));
    assert!(stderr(&o).contains("错误："), "{}", stderr(&o));
    assert!(stdout(&o).is_empty(), "{}", stdout(&o));
    assert!(folder.is_dir());
}

#[test]
fn backup_output_needs_list() {
    let (dir, db) = demo_db();
    let file = dir.path().join("列表.txt");
    let o = zicha(&db, &["backup", "--output", file.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(!file.exists());
}
