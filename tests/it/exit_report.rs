//! A failing command whose standard error reaches nobody (the Windows exe
//! started without a console, a closed stderr here) leaves its message in
//! `错误记录.txt` beside the database (src/platform/exit_report.rs). Rust opens
//! a closed stderr on /dev/null, which therefore counts as nobody.
#![cfg(unix)]

use std::path::Path;
use std::process::{Command, Output};

use crate::cli_support::{ok, stderr, zicha};

const LOG: &str = "错误记录.txt";

/// `zicha ARGS…` with file descriptor 2 closed, the data folder under `data`.
fn without_stderr(data: &Path, args: &[&str]) -> Output {
    Command::new("sh")
        .arg("-c")
        .arg("exec \"$0\" \"$@\" 2>&-")
        .arg(env!("CARGO_BIN_EXE_zicha"))
        .args(args)
        .env("XDG_DATA_HOME", data)
        .env("HOME", data)
        .output()
        .unwrap()
}

#[test]
fn the_clerks_error_without_stderr_is_written_beside_the_database() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("自查 台账.db");
    ok(&db, &["demo"]);
    let db_arg = db.to_str().unwrap();
    let args = ["--db", db_arg, "settings", "set", "核查基准日", "不是日期"];

    // With stderr: printed there, no log.
    let printed = zicha(&db, &args[2..]);
    assert_eq!(printed.status.code(), Some(2));
    assert!(stderr(&printed).contains("错误："), "{}", stderr(&printed));
    assert!(!dir.path().join(LOG).exists());

    // Without: the same exit code, and the message in the log, twice when it happens twice.
    for n in 1..=2 {
        let silent = without_stderr(dir.path(), &args);
        assert_eq!(silent.status.code(), Some(2));
        let log = std::fs::read_to_string(dir.path().join(LOG)).unwrap();
        assert_eq!(log.matches("错误：").count(), n, "{log}");
        assert!(
            log.contains("核查基准日") && log.contains("settings set"),
            "{log}"
        );
    }
}

#[test]
fn an_exit_1_without_stderr_is_written_too() {
    let dir = tempfile::tempdir().unwrap();
    // A folder where the database file should be: SQLite cannot open it (exit 1).
    let db = dir.path().join("台账.db");
    std::fs::create_dir(&db).unwrap();
    let printed = zicha(&db, &["check"]);
    assert_eq!(printed.status.code(), Some(1), "{}", stderr(&printed));
    let silent = without_stderr(dir.path(), &["--db", db.to_str().unwrap(), "check"]);
    assert_eq!(silent.status.code(), Some(1));
    let log = std::fs::read_to_string(dir.path().join(LOG)).unwrap();
    assert!(log.contains("错误：") && log.contains("台账.db"), "{log}");
}

#[test]
fn a_usage_error_without_stderr_goes_to_the_default_data_folder() {
    let data = tempfile::tempdir().unwrap();
    let silent = without_stderr(data.path(), &["没有这个命令"]);
    assert_eq!(silent.status.code(), Some(2));
    let log = std::fs::read_to_string(data.path().join("zicha").join(LOG)).unwrap();
    assert!(log.contains("没有这个命令"), "{log}");
}
