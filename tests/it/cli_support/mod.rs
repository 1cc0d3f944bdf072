//! Helpers shared by the tests that run the `zicha` binary: run a command on a
//! database and read what it printed.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// Runs `zicha --db DB ARGS…` as the clerk's account `测试` and waits for it.
pub fn zicha(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_zicha"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env("USER", "测试")
        .env_remove("USERNAME")
        .output()
        .expect("run zicha")
}

/// What the command printed on stdout.
pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// What the command printed on stderr.
pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Runs a command that must succeed; returns its stdout.
pub fn ok(db: &Path, args: &[&str]) -> String {
    let o = zicha(db, args);
    assert!(o.status.success(), "{args:?}: {}", stderr(&o));
    stdout(&o)
}

/// A demo roster in a new temporary folder, under a file name with Chinese
/// characters and a space.
pub fn demo_db() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("自查 台账.db");
    ok(&db, &["demo"]);
    (dir, db)
}
