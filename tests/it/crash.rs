//! The crash test: a child process replaces the roster with a large workbook
//! and is killed (SIGKILL) at a random moment, again and again. After every
//! kill the database must pass `PRAGMA integrity_check` and hold either the
//! whole old roster or the whole new one, never a mix; and some kills must have
//! landed mid-write (after the import's backup, before its commit), or the
//! test proved nothing.
#![cfg(unix)]

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use zicha::domain::Roster;
use zicha::store::Store;

use crate::roster_gen;

const PERSONS: usize = 1_000;
const KILLS: usize = 24;

fn zicha(db: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_zicha"));
    c.arg("--db").arg(db);
    c.stdout(Stdio::null()).stderr(Stdio::null());
    c
}

/// Copies the database file to `to`, leaving neither side files of `to` nor
/// its backup folder behind.
fn fresh_copy(from: &Path, to: &Path) {
    for suffix in ["", "-wal", "-shm", ".lock"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", to.display()));
    }
    let _ = std::fs::remove_dir_all(backups(to));
    std::fs::copy(from, to).expect("copy the starting database");
}

fn backups(db: &Path) -> PathBuf {
    db.with_file_name("backups")
}

/// Whether the import's 导入前备份 of `db` is complete (renamed into place):
/// the child was past it, at the replace transaction, when it was killed.
fn backed_up(db: &Path) -> bool {
    std::fs::read_dir(backups(db)).is_ok_and(|d| {
        d.flatten()
            .any(|e| !e.file_name().to_string_lossy().starts_with('.'))
    })
}

fn roster(db: &Path) -> Roster {
    Store::open(db)
        .and_then(|s| s.load_roster())
        .expect("readable after the kill")
}

fn integrity(db: &Path) -> String {
    rusqlite::Connection::open(db)
        .and_then(|c| c.query_row("PRAGMA integrity_check", [], |r| r.get(0)))
        .expect("integrity_check runs")
}

/// Runs the whole import on `db`, timing when its backup is complete (its
/// writing starts) and when it ends.
fn timed_import(db: &Path, book: &Path) -> (Duration, Duration) {
    let started = Instant::now();
    let mut child = zicha(db)
        .args(["import", "--replace"])
        .arg(book)
        .spawn()
        .expect("import");
    let mut writing = None;
    let status = loop {
        if writing.is_none() && backed_up(db) {
            writing = Some(started.elapsed());
        }
        if let Some(status) = child.try_wait().expect("wait") {
            break status;
        }
        std::thread::sleep(Duration::from_millis(1));
    };
    let whole = started.elapsed();
    assert!(status.success(), "the import itself works");
    (writing.expect("the import backs up first"), whole)
}

/// xorshift64: repeatable delays from a printed seed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    /// A fraction in [0, 1).
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

#[test]
fn a_killed_import_leaves_the_whole_old_or_the_whole_new_roster() {
    let dir = tempfile::tempdir().expect("tempdir");
    let book = dir.path().join("大台账.xlsx");
    roster_gen::generate(&book, PERSONS).expect("workbook");
    // One folder per database, so each has a backup folder of its own.
    let [base, full, db] = ["base", "full", "kill"].map(|sub| {
        let d = dir.path().join(sub);
        std::fs::create_dir(&d).expect("folder");
        d.join("zicha.db")
    });

    // The old roster: the demo, in a file of its own.
    assert!(zicha(&base).arg("demo").status().expect("demo").success());
    let old = roster(&base);

    // The new roster: the same import run to the end, timed.
    fresh_copy(&base, &full);
    let (writing, whole) = timed_import(&full, &book);
    let new = roster(&full);
    assert_eq!(new.persons.len(), PERSONS);
    assert_ne!(old, new);

    let seed = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos() as u64 | 1)
        .unwrap_or(0x9e37_79b9_7f4a_7c15);
    println!(
        "crash test: seed {seed:#x}, a whole import takes {whole:.2?}, writing from {writing:.2?}"
    );
    let mut rng = Rng(seed);
    let (mut kept_old, mut got_new, mut mid_write) = (0, 0, 0);
    for round in 0..KILLS {
        fresh_copy(&base, &db);
        let started = Instant::now();
        let mut child = zicha(&db)
            .args(["import", "--replace"])
            .arg(&book)
            .spawn()
            .expect("spawn");
        if round % 3 == 0 {
            // A third of the kills anywhere in the run.
            std::thread::sleep(whole.mul_f64(rng.unit() * 1.05));
        } else {
            // The rest while it writes: once its backup is complete, within
            // the time the timed run took from there to its end (and a little more).
            while !backed_up(&db) && child.try_wait().expect("wait").is_none() {
                std::thread::sleep(Duration::from_millis(1));
            }
            std::thread::sleep((whole - writing).mul_f64(rng.unit() * 1.1));
        }
        let _ = child.kill(); // SIGKILL; it may have finished already.
        let _ = child.wait();
        let delay = started.elapsed();
        let was_writing = backed_up(&db);
        assert_eq!(
            integrity(&db),
            "ok",
            "round {round}, killed after {delay:.2?}"
        );
        let now = roster(&db);
        if now == old {
            kept_old += 1;
            if was_writing {
                mid_write += 1;
            }
        } else if now == new {
            got_new += 1;
        } else {
            panic!(
                "round {round}: killed after {delay:.2?}, the roster is neither the old nor the new one"
            );
        }
    }
    println!(
        "crash test: {KILLS} kills, {kept_old} left the old roster ({mid_write} of them mid-write), {got_new} the new one"
    );
    assert_eq!(kept_old + got_new, KILLS);
    assert!(
        mid_write > 0,
        "no kill landed between the import's backup and its commit (seed {seed:#x}, writing from {writing:.2?} of {whole:.2?}): the test proved nothing"
    );
}
