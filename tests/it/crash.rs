//! The crash test: a child process replaces the roster with a large workbook
//! and is killed (SIGKILL) at a random moment, again and again. After every
//! kill the database must pass `PRAGMA integrity_check` and hold either the
//! whole old roster or the whole new one, never a mix.
#![cfg(unix)]

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Instant;

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

/// Copies the database file to `to`, leaving any side files of `to` behind.
fn fresh_copy(from: &Path, to: &Path) {
    for suffix in ["", "-wal", "-shm", ".lock"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", to.display()));
    }
    std::fs::copy(from, to).expect("copy the starting database");
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

    // The old roster: the demo, in a file of its own.
    let base = dir.path().join("base.db");
    assert!(zicha(&base).arg("demo").status().expect("demo").success());
    let old = roster(&base);

    // The new roster: the same import run to the end, timed.
    let full = dir.path().join("full.db");
    fresh_copy(&base, &full);
    let started = Instant::now();
    let status = zicha(&full)
        .args(["import", "--replace"])
        .arg(&book)
        .status()
        .expect("import");
    let whole = started.elapsed();
    assert!(status.success(), "the import itself works");
    let new = roster(&full);
    assert_eq!(new.persons.len(), PERSONS);
    assert_ne!(old, new);

    let seed = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos() as u64 | 1)
        .unwrap_or(0x9e37_79b9_7f4a_7c15);
    println!("crash test: seed {seed:#x}, a whole import takes {whole:.2?}");
    let mut rng = Rng(seed);
    let db = dir.path().join("zicha.db");
    let (mut kept_old, mut got_new) = (0, 0);
    for round in 0..KILLS {
        fresh_copy(&base, &db);
        // Half the kills anywhere in the run, half in its last 40 %, where
        // the backup is taken and the transaction writes.
        let share = if round % 2 == 0 {
            rng.unit() * 1.05
        } else {
            0.6 + rng.unit() * 0.45
        };
        let delay = whole.mul_f64(share);
        let mut child = zicha(&db)
            .args(["import", "--replace"])
            .arg(&book)
            .spawn()
            .expect("spawn");
        std::thread::sleep(delay);
        let _ = child.kill(); // SIGKILL; it may have finished already.
        let _ = child.wait();
        assert_eq!(
            integrity(&db),
            "ok",
            "round {round}, killed after {delay:.2?}"
        );
        let now = roster(&db);
        if now == old {
            kept_old += 1;
        } else if now == new {
            got_new += 1;
        } else {
            panic!(
                "round {round}: killed after {delay:.2?}, the roster is neither the old nor the new one"
            );
        }
    }
    println!("crash test: {KILLS} kills, {kept_old} left the old roster, {got_new} the new one");
    assert_eq!(kept_old + got_new, KILLS);
}
