//! Times the one reader (`tabular::open` + `rows` of every sheet) on a file,
//! for docs/PERFORMANCE.md ("The reader's guards"). Not a test.
//!
//! cargo run --release --no-default-features --example source_bench -- DIR
//! cargo run --release --no-default-features --example reader_bench -- DIR/payments.xlsx

use std::path::PathBuf;
use std::time::Instant;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path: PathBuf = std::env::args_os()
        .nth(1)
        .ok_or("usage: reader_bench FILE")?
        .into();
    for run in 1..=3 {
        let start = Instant::now();
        let mut book = zicha::tabular::open(&path)?;
        let opened = start.elapsed();
        let mut rows = 0;
        for name in book.sheet_names() {
            rows += book.rows(&name)?.len();
        }
        let total = start.elapsed();
        println!(
            "run {run}: open {:.3} s, rows {:.3} s, total {:.3} s, {rows} rows",
            opened.as_secs_f64(),
            (total - opened).as_secs_f64(),
            total.as_secs_f64()
        );
    }
    // Linux: the peak resident set of this process.
    if let Ok(status) = std::fs::read_to_string("/proc/self/status")
        && let Some(line) = status.lines().find(|l| l.starts_with("VmHWM"))
    {
        println!("{line}");
    }
    Ok(())
}
