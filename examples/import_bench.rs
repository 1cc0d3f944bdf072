//! Import benchmark (not a timed test): writes a roster workbook of N persons
//! (default 5,000) with 12 months of social insurance as one row per month,
//! 2 evidence rows and 1–2 certificates each, then, unless `--generate-only`,
//! imports it into a fresh database and prints the phases' times.
//!
//! cargo run --release --example import_bench -- OUT.xlsx [N] [--generate-only]
//! /usr/bin/time -v target/release/zicha --db fresh.db import OUT.xlsx

use std::path::PathBuf;
use std::time::Instant;

#[path = "../tests/it/roster_gen/mod.rs"]
mod roster_gen;
use roster_gen::generate;

use zicha::store::Store;
use zicha::workbook::{self, ImportOptions};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(out) = args
        .iter()
        .find(|a| !a.starts_with("--"))
        .map(PathBuf::from)
    else {
        eprintln!("用法：import_bench 输出文件.xlsx [人数] [--generate-only]");
        std::process::exit(2);
    };
    let n: usize = args
        .iter()
        .filter(|a| !a.starts_with("--"))
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(5000);
    let t = Instant::now();
    if let Err(e) = generate(&out, n) {
        eprintln!("生成工作簿失败：{e}");
        std::process::exit(1);
    }
    println!(
        "generated {} ({n} persons) in {:.2?}",
        out.display(),
        t.elapsed()
    );
    if args.iter().any(|a| a == "--generate-only") {
        return;
    }
    let db = out.with_extension("bench.db");
    for f in [
        db.clone(),
        db.with_extension("db-wal"),
        db.with_extension("db-shm"),
    ] {
        let _ = std::fs::remove_file(f);
    }
    let result = Store::open(&db).and_then(|mut store| {
        let t = Instant::now();
        let mut last = 0.0;
        let mut marks = Vec::new();
        let outcome = workbook::import(&mut store, &out, &ImportOptions::default(), &mut |p| {
            if p >= last + 0.1 || p >= 1.0 {
                marks.push(format!("{:.0}%@{:.2?}", p * 100.0, t.elapsed()));
                last = p;
            }
        })?;
        println!(
            "imported in {:.2?}: {}",
            t.elapsed(),
            outcome.summary_lines().join("; ")
        );
        println!("progress: {}", marks.join(" "));
        Ok(())
    });
    if let Err(e) = result {
        eprintln!("导入失败：{e}");
        std::process::exit(1);
    }
}
