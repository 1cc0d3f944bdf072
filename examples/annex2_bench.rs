//! Files for the Annex 2 benchmark (not a timed test, docs/PERFORMANCE.md):
//! N agencies' Annex 1 XLSX (default 200), each exported as zicha exports it
//! (hidden data sheet included) from a sample roster of 80–120 persons, about
//! 20,000 rows in all.
//!
//! cargo run --release --example annex2_bench -- DIR [N]
//! then time the whole process: zicha --db DIR/s.db annex2 add DIR/*.xlsx;
//! zicha --db DIR/s.db annex2 check --json; zicha --db DIR/s.db annex2 print

use std::path::PathBuf;

use chrono::NaiveDate;
use zicha::annex1::{self, Annex1, sample};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let dir = PathBuf::from(args.next().ok_or("usage: annex2_bench DIR [N]")?);
    let n: usize = args.next().map(|s| s.parse()).transpose()?.unwrap_or(200);
    std::fs::create_dir_all(&dir)?;
    let date = NaiveDate::from_ymd_opt(2024, 7, 10).ok_or("date")?;
    let mut rows = 0;
    for i in 0..n {
        let persons = 80 + (i * 37) % 41;
        let mut roster = sample::sample_roster(persons, 0);
        roster.settings.agency_name = format!("第{}特种设备检验检测机构", i + 1);
        let report = zicha::checks::check_roster(&roster, date);
        let annex = Annex1::new(&roster.settings, &report, date);
        rows += annex.rows.len();
        annex1::write_xlsx(&annex, &dir.join(format!("附件1_{:03}.xlsx", i + 1)))?;
    }
    println!("{n} 份附件1，共 {rows} 行：{}", dir.display());
    Ok(())
}
