//! Benchmark for Annex 1 (附件1): builds an N-person sample roster (default
//! 1,000), checks it, and writes the PDF and/or the XLSX. Time the whole process:
//!
//! ```text
//! cargo build --release --example annex1_bench
//! /usr/bin/time -v target/release/examples/annex1_bench pdf 1000 /tmp/annex1
//! ```
//!
//! Arguments: `pdf|xlsx|both` (default both), N, output folder (default the
//! system temp folder). A fourth argument `pending` makes 10 rows 待核实;
//! `common` renames the six rare-character sample names (王堃 … 陈𠮷) so the
//! whole form fits the GB 2312 cut of the Song face, as most rosters do.
//!
//! `gbk` renames only the two names beyond GBK (赵䶮, 陈𠮷), so 王堃, 张喆, 李珺
//! remain: the usual real roster. `db` stores the sample roster in `DIR/roster.db` instead (for timing the
//! clerk's own command, `zicha --db DIR/roster.db annex1 --pdf F`).

use std::path::PathBuf;

use chrono::NaiveDate;
use zicha::annex1::{self, Annex1, sample};
use zicha::checks::check_roster;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let what = args.first().map(String::as_str).unwrap_or("both");
    let n: usize = args.get(1).map(|s| s.parse()).transpose()?.unwrap_or(1000);
    let dir = args
        .get(2)
        .map(PathBuf::from)
        .unwrap_or_else(std::env::temp_dir);
    let flag = args.get(3).map(String::as_str);
    let pending = if flag == Some("pending") { 10 } else { 0 };
    let mut roster = sample::sample_roster(n, pending);
    if flag == Some("common") {
        let plain = ["王建华", "张丽", "李明", "刘洋", "赵敏", "陈静"];
        for (p, name) in roster.persons.iter_mut().zip(plain) {
            p.person.name = name.to_string();
        }
    }
    if flag == Some("gbk") {
        // The usual real roster: names outside GB 2312 but inside GBK only.
        for p in roster.persons.iter_mut() {
            if p.person
                .name
                .chars()
                .any(|c| c == '\u{4DAE}' || c == '\u{20BB7}')
            {
                p.person.name = "王建华".to_string();
            }
        }
    }
    let today = NaiveDate::from_ymd_opt(2024, 7, 10).ok_or("date")?;
    if what == "db" {
        let path = dir.join("roster.db");
        let mut store = zicha::store::Store::open(&path)?;
        store.save_settings(&roster.settings)?;
        for r in &roster.persons {
            store.add_person(&r.person)?;
        }
        println!("{} {} persons", path.display(), roster.persons.len());
        return Ok(());
    }
    let report = check_roster(&roster, today);
    let annex = Annex1::new(&roster.settings, &report, today);
    if what == "pdf" || what == "both" {
        let path = dir.join(annex1::default_file_name(&roster.settings, today, "pdf"));
        annex1::write_pdf(&annex, &path)?;
        println!(
            "{} {} bytes",
            path.display(),
            std::fs::metadata(&path)?.len()
        );
    }
    if what == "xlsx" || what == "both" {
        let path = dir.join(annex1::default_file_name(&roster.settings, today, "xlsx"));
        annex1::write_xlsx(&annex, &path)?;
        println!(
            "{} {} bytes",
            path.display(),
            std::fs::metadata(&path)?.len()
        );
    }
    Ok(())
}
