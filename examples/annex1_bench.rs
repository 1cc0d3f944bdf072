//! Benchmark for Annex 1 (附件1): builds an N-person sample roster (default
//! 1,000), checks it, and writes the PDF and/or the XLSX. Time the whole process:
//!
//! ```text
//! cargo build --release --example annex1_bench
//! /usr/bin/time -v target/release/examples/annex1_bench pdf 1000 /tmp/annex1
//! ```
//!
//! Arguments: `pdf|xlsx|both` (default both), N, output folder (default the
//! system temp folder). `pending` as a fourth argument makes 10 rows 待核实.

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
    let pending = if args.get(3).map(String::as_str) == Some("pending") {
        10
    } else {
        0
    };
    let roster = sample::sample_roster(n, pending);
    let today = NaiveDate::from_ymd_opt(2024, 7, 10).ok_or("date")?;
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
