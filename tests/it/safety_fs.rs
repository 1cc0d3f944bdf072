//! Safe writes against real file-system failures: a full disk and a read-only
//! folder, made with small tmpfs mounts. Mounting needs root (as on CI and the
//! development machine); where it is not possible the tests fail, unless
//! ZICHA_SKIP_MOUNT_TESTS=1 was set for the build: then build.rs sets
//! `cfg(zicha_skip_mount_tests)` and they are ignored, shown as such by cargo.
#![cfg(target_os = "linux")]

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::cli_support::zicha;

/// A tmpfs mounted for the test, unmounted when dropped.
struct Mount(PathBuf);

impl Mount {
    fn new(at: &Path, options: &str) -> Mount {
        std::fs::create_dir_all(at).expect("mount point");
        let ok = Command::new("mount")
            .args(["-t", "tmpfs", "-o", options, "tmpfs"])
            .arg(at)
            .status()
            .is_ok_and(|s| s.success());
        assert!(
            ok,
            "cannot mount a tmpfs (needs root); build and run with ZICHA_SKIP_MOUNT_TESTS=1 to ignore these tests"
        );
        Mount(at.to_path_buf())
    }
}

impl Drop for Mount {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.0).status();
    }
}

fn demo_db(dir: &Path) -> PathBuf {
    let db = dir.join("台账.db");
    assert!(zicha(&db, &["demo"]).status.success());
    db
}

fn names(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .map(|d| {
            d.flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default()
}

#[test]
#[cfg_attr(
    zicha_skip_mount_tests,
    ignore = "ZICHA_SKIP_MOUNT_TESTS: cannot mount a tmpfs here"
)]
fn a_full_disk_gives_a_clear_message_and_leaves_no_file() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    let full = Mount::new(&dir.path().join("小 磁盘"), "size=4k");
    let cases: [(&str, Vec<String>); 4] = [
        ("附件1.pdf", vec!["annex1".into(), "--pdf".into()]),
        ("附件1.xlsx", vec!["annex1".into(), "--xlsx".into()]),
        ("台账 导出.xlsx", vec!["export".into()]),
        ("备份.db", vec!["backup".into()]),
    ];
    for (name, args) in cases {
        let target = full.0.join(name);
        let mut args = args;
        args.push(target.display().to_string());
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let o = zicha(&db, &args);
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(!o.status.success(), "{name}: written to a 4 KB disk?");
        assert!(err.contains("磁盘空间不足"), "{name}: {err}");
        assert!(
            err.contains(name),
            "{name}: the message names the file: {err}"
        );
        assert!(
            names(&full.0).is_empty(),
            "{name}: left {:?}",
            names(&full.0)
        );
    }
}

#[test]
#[cfg_attr(
    zicha_skip_mount_tests,
    ignore = "ZICHA_SKIP_MOUNT_TESTS: cannot mount a tmpfs here"
)]
fn a_read_only_folder_gives_a_clear_message() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    let ro = Mount::new(&dir.path().join("只读"), "ro,size=64k");
    let target = ro.0.join("台账.xlsx");
    let o = zicha(&db, &["export", target.to_str().unwrap()]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(!o.status.success());
    assert!(err.contains("只读"), "{err}");
    assert!(names(&ro.0).is_empty());
}

#[test]
#[cfg_attr(
    zicha_skip_mount_tests,
    ignore = "ZICHA_SKIP_MOUNT_TESTS: cannot mount a tmpfs here"
)]
fn a_full_disk_during_an_import_backup_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let full = Mount::new(&dir.path().join("满"), "size=2m");
    let db = demo_db(&full.0);
    let before = zicha(&db, &["check", "--json"]);
    assert!(before.status.success());
    let book = dir.path().join("导出.xlsx");
    let o = zicha(&db, &["export", book.to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    // Fill the disk, then free 64 KB: room to open the database (its 32 KB
    // shared-memory file), too little for the backup the import makes first.
    let filler = full.0.join("filler");
    fill(&filler);
    let o = zicha(&db, &["import", "--replace", book.to_str().unwrap()]);
    assert!(!o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    let error_line = err
        .lines()
        .find(|l| l.starts_with("错误："))
        .unwrap_or_default();
    assert!(error_line.contains("磁盘空间不足"), "{err}");
    assert!(
        error_line.contains("backups"),
        "the backup taken first is what failed: {err}"
    );
    std::fs::remove_file(&filler).unwrap();
    let after = zicha(&db, &["check", "--json"]);
    assert_eq!(after.stdout, before.stdout, "the roster is unchanged");
    let leftovers: Vec<String> = names(&full.0.join("backups"))
        .into_iter()
        .filter(|n| n.starts_with('.') || n.contains("journal"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

/// Writes `path` until the disk is full, then frees 64 KB.
fn fill(path: &Path) {
    use std::io::Write;
    let mut f = std::fs::File::create(path).unwrap();
    let chunk = vec![0u8; 4096];
    while f.write_all(&chunk).is_ok() {}
    let _ = f.sync_all();
    let len = f.metadata().unwrap().len();
    f.set_len(len.saturating_sub(64 * 1024)).unwrap();
}
