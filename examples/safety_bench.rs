//! Safety benchmark (not a timed test): what the checks at open, the audit
//! chain, backups and restore cost on a large roster.
//!
//! cargo run --release --example safety_bench -- [N]   (default 5,000 persons)
//!
//! Imports a generated workbook of N persons into a fresh database, then times
//! each step several times and prints the median.

use std::path::Path;
use std::time::{Duration, Instant};

use zicha::store::Store;
use zicha::workbook::{self, ImportOptions};

#[path = "../tests/it/roster_gen/mod.rs"]
mod roster_gen;

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn time<T>(runs: usize, mut f: impl FnMut() -> T) -> Duration {
    median(
        (0..runs)
            .map(|_| {
                let t = Instant::now();
                std::hint::black_box(f());
                t.elapsed()
            })
            .collect(),
    )
}

fn size(p: &Path) -> u64 {
    std::fs::metadata(p).map(|m| m.len()).unwrap_or(0)
}

fn main() -> zicha::Result<()> {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(5_000);
    let dir = std::env::temp_dir().join(format!("zicha-safety-bench-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).map_err(|e| zicha::Error::Other(e.to_string()))?;
    let book = dir.join("roster.xlsx");
    roster_gen::generate(&book, n).map_err(|e| zicha::Error::Other(e.to_string()))?;
    let db = dir.join("zicha.db");
    let mut store = Store::open(&db)?;
    let t = Instant::now();
    workbook::import(&mut store, &book, &ImportOptions::default(), &mut |_| {})?;
    println!(
        "import of {n} persons (backup + chained audit entries): {:.2?}",
        t.elapsed()
    );
    let entries: i64 = store
        .conn()
        .query_row("SELECT count(*) FROM audit_log", [], |r| r.get(0))?;
    println!("audit entries: {entries}, database {} KB", size(&db) / 1024);
    drop(store);

    let open = time(7, || Store::open(&db).map(|_| ()));
    println!("open (quick_check + foreign_key_check): {open:.2?}");
    let store = Store::open(&db)?;
    let verify = time(7, || store.verify_audit().map(|r| r.entries));
    println!("audit verify ({entries} entries): {verify:.2?}");
    let mut k = 0;
    let backup = time(7, || {
        k += 1;
        store.backup_to(&dir.join(format!("b{k}.db")))
    });
    println!(
        "backup: {backup:.2?}, file {} KB",
        size(&dir.join("b1.db")) / 1024
    );
    let export = time(3, || {
        workbook::export_audit(&store, &dir.join("audit.xlsx"))
    });
    println!(
        "audit export: {export:.2?}, file {} KB",
        size(&dir.join("audit.xlsx")) / 1024
    );
    drop(store);
    let mut store = Store::open(&db)?;
    let restore = time(5, || store.restore_from(&dir.join("b1.db")).map(|_| ()));
    println!("restore (backup of the current data first): {restore:.2?}");

    // The chain's cost per entry: appends in one transaction, chained (the
    // program's way) against a plain INSERT of the same row.
    let entry = zicha::store::AuditEntry {
        at: chrono::Local::now().naive_local(),
        who: "张敏（hr）".into(),
        action: "修改".into(),
        entity: "人员".into(),
        person_id: Some(1),
        record: "王建国（370502198001010117）".into(),
        field: "岗位".into(),
        old_value: Some("检验员岗".into()),
        new_value: Some("检验师岗".into()),
        note: None,
    };
    const APPENDS: u32 = 10_000;
    let chained = time(3, || {
        store.write(|tx| {
            for _ in 0..APPENDS {
                zicha::store::audit::append(tx, &entry)?;
            }
            Err::<(), _>(zicha::Error::Other("roll back".into()))
        })
    });
    let plain = time(3, || {
        store.write(|tx| {
            let mut stmt = tx.prepare(
                "INSERT INTO audit_log (at, who, action, entity, person_id, record, field, old_value, new_value)
                 VALUES ('2024-07-10 10:00:00', ?1, ?2, ?3, 1, ?4, ?5, ?6, ?7)",
            )?;
            for _ in 0..APPENDS {
                stmt.execute((&entry.who, &entry.action, &entry.entity, &entry.record, &entry.field, &entry.old_value, &entry.new_value))?;
            }
            Err::<(), _>(zicha::Error::Other("roll back".into()))
        })
    });
    println!(
        "{APPENDS} audit appends in one transaction: chained {chained:.2?} ({:.1} µs each), plain INSERT {plain:.2?} ({:.1} µs each)",
        chained.as_secs_f64() * 1e6 / f64::from(APPENDS),
        plain.as_secs_f64() * 1e6 / f64::from(APPENDS)
    );
    let _ = std::fs::remove_dir_all(&dir);
    Ok(())
}
